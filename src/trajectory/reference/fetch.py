"""Download the pinned reference files into the reference folder, checking every byte.

Each file is streamed to a private temporary name beside its target, its size and sha256 are
compared with the manifest, and only then is it renamed into place (an atomic rename on one
file system), so a reader never sees a half-written or unverified file. A file already present
with the right sha256 is not downloaded again.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from trajectory.reference.manifest import ReferenceFile, manifest_files
from trajectory.reference.status import file_sha256

CHUNK = 1024 * 1024
TIMEOUT_SECONDS = 60


class FetchFailed(Exception):
    """One file could not be downloaded or did not match the manifest; nothing was written."""


class Unreachable(FetchFailed):
    """The server did not answer at all (no address, refused, timed out)."""


@dataclass
class FetchResult:
    fetched: list[ReferenceFile] = field(default_factory=list)
    skipped: list[ReferenceFile] = field(default_factory=list)
    failed: list[tuple[ReferenceFile, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failed


def _download(item: ReferenceFile, url: str, target: Path, timeout: float) -> None:
    """Stream `url` to a temporary file beside `target`, verify it, rename it into place."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed below, removed on failure
        dir=target.parent, prefix=f".{target.name}.", suffix=".part", delete=False
    )
    temporary = Path(handle.name)
    try:
        digest = hashlib.sha256()
        size = 0
        try:
            with handle, urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 - http(s) only, checked by the manifest
                while chunk := response.read(CHUNK):
                    size += len(chunk)
                    if size > item.bytes:
                        raise FetchFailed(
                            f"{item.local_file}: {url} sent more than the {item.bytes:,} bytes "
                            "the manifest expects; nothing was written"
                        )
                    digest.update(chunk)
                    handle.write(chunk)
        except urllib.error.HTTPError as error:
            raise FetchFailed(
                f"{item.local_file}: could not download {url}: HTTP {error.code} {error.reason}"
            ) from error
        except (urllib.error.URLError, OSError) as error:
            reason = getattr(error, "reason", error)
            raise Unreachable(f"{item.local_file}: could not download {url}: {reason}") from error
        if size != item.bytes:
            raise FetchFailed(
                f"{item.local_file}: expected {item.bytes:,} bytes, got {size:,} from {url}; "
                "nothing was written"
            )
        if digest.hexdigest() != item.sha256:
            raise FetchFailed(
                f"{item.local_file}: expected sha256 {item.sha256}, got {digest.hexdigest()} "
                f"from {url}; nothing was written"
            )
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)


def reference_fetch(
    *,
    into: Path,
    base_url: str | None = None,
    files: list[ReferenceFile] | None = None,
    timeout: float = TIMEOUT_SECONDS,
) -> FetchResult:
    """Fetch every manifest file missing from `into` (or not matching its sha256).

    A failure of one file is recorded and the others are still fetched; the caller reports
    `result.failed`. `base_url` replaces the pinned URLs' scheme and host (a mirror, or a test
    server), keeping their paths.
    """
    into = Path(into)
    result = FetchResult()
    unreachable: dict[str, str] = {}  # host -> the first failure, so a dead host costs one wait
    for item in manifest_files() if files is None else files:
        target = item.path_in(into)
        if target.is_file() and file_sha256(target) == item.sha256:
            result.skipped.append(item)
            continue
        url = item.url_from(base_url)
        host = urlsplit(url).netloc
        if host in unreachable:
            result.failed.append((item, f"{item.local_file}: not tried: {unreachable[host]}"))
            continue
        try:
            _download(item, url, target, timeout)
        except Unreachable as error:
            unreachable[host] = f"{host} did not answer for {url}"
            result.failed.append((item, str(error)))
        except FetchFailed as error:
            result.failed.append((item, str(error)))
        else:
            result.fetched.append(item)
    return result
