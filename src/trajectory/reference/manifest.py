"""The public reference files the app reads, each pinned by source and sha256 (`manifest.csv`).

The manifest is data kept with the code: one row per file, naming where it is read from inside
the reference folder (``local_file``), what reads it (``needed_for``: ``councils`` for the
council register and statistical neighbours, ``ofsted`` for every council's Ofsted history),
the publisher's file (``source``), the URL of that exact version (a commit-pinned
raw.githubusercontent.com address), its size, its sha256 and its licence. The files themselves
are never committed (DESIGN.md "Storage"); `trajectory reference fetch` downloads them.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

MANIFEST = Path(__file__).resolve().parent / "manifest.csv"
COLUMNS = ["local_file", "needed_for", "source", "url", "bytes", "sha256", "licence"]
_SHA256 = re.compile(r"^[0-9a-f]{64}$")


class ManifestError(ValueError):
    """A manifest row that cannot be trusted (bad hash, path outside the folder, bad URL)."""


@dataclass(frozen=True)
class ReferenceFile:
    local_file: str
    needed_for: str
    source: str
    url: str
    bytes: int
    sha256: str
    licence: str

    def path_in(self, folder: Path) -> Path:
        return Path(folder) / self.local_file

    def url_from(self, base_url: str | None = None) -> str:
        """The pinned URL, or the same path under a mirror's address (scheme, host, prefix)."""
        if not base_url:
            return self.url
        return base_url.rstrip("/") + urlsplit(self.url).path


def _checked(row: dict[str, str], line: int, path: Path) -> ReferenceFile:
    where = f"{path.name} line {line}"
    local = PurePosixPath(row["local_file"])
    if local.is_absolute() or ".." in local.parts or not local.parts:
        raise ManifestError(f"{where}: {row['local_file']!r} is not a path inside the folder")
    if not _SHA256.match(row["sha256"]):
        raise ManifestError(f"{where}: {row['sha256']!r} is not a sha256 in lower-case hex")
    if urlsplit(row["url"]).scheme not in {"http", "https"}:
        raise ManifestError(f"{where}: {row['url']!r} is not an http(s) address")
    try:
        size = int(row["bytes"])
    except ValueError:
        raise ManifestError(f"{where}: bytes {row['bytes']!r} is not a whole number") from None
    return ReferenceFile(
        local_file=str(local),
        needed_for=row["needed_for"],
        source=row["source"],
        url=row["url"],
        bytes=size,
        sha256=row["sha256"],
        licence=row["licence"],
    )


def manifest_files(
    path: Path | None = None, *, needed_for: tuple[str, ...] = ()
) -> list[ReferenceFile]:
    """Every file of the manifest (the project's own unless `path` names another), in its order;
    only those needed for the uses named, when `needed_for` names any."""
    path = Path(path or MANIFEST)
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        if reader.fieldnames != COLUMNS:
            raise ManifestError(f"{path.name}: the columns must be {', '.join(COLUMNS)}")
        files = [_checked(row, line, path) for line, row in enumerate(reader, start=2)]
    if needed_for:
        files = [item for item in files if item.needed_for in needed_for]
    return files
