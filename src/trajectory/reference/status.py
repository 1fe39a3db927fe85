"""Which reference files are present: the one answer every page and command asks.

A file counts as present only when its sha256 matches the manifest, so a page never builds a
figure from a missing, truncated or different file. Hashes are remembered per (path, size,
modification time), so asking on every page view costs a `stat` per file.
"""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path

from django.conf import settings

from trajectory.reference.manifest import ReferenceFile, manifest_files

PRESENT = "present"
MISSING = "missing"
WRONG_HASH = "wrong hash"
FETCH_COMMAND = "trajectory reference fetch"
# What turns the files into the records pages read (councils and neighbours, then Ofsted history).
LOAD_COMMANDS = ("trajectory councils load-reference", "trajectory ofsted load")


@functools.lru_cache(maxsize=256)
def _sha256(path: str, size: int, modified_ns: int) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(1024 * 1024):
            digest.update(chunk)
    return digest.hexdigest()


def file_sha256(path: Path) -> str:
    info = path.stat()
    return _sha256(str(path.resolve()), info.st_size, info.st_mtime_ns)


def reference_folder() -> Path:
    return Path(settings.TRAJECTORY_REFERENCE_DIR)


def file_state(item: ReferenceFile, folder: Path) -> str:
    path = item.path_in(folder)
    if not path.is_file():
        return MISSING
    if path.stat().st_size != item.bytes or file_sha256(path) != item.sha256:
        return WRONG_HASH
    return PRESENT


def reference_status(
    folder: Path | None = None, files: list[ReferenceFile] | None = None
) -> list[tuple[ReferenceFile, str]]:
    folder = Path(folder or reference_folder())
    return [
        (item, file_state(item, folder)) for item in (manifest_files() if files is None else files)
    ]


def missing_files(*needed_for: str, folder: Path | None = None) -> list[ReferenceFile]:
    """The manifest files needed for the uses named (all files when none is named) that are
    absent or do not match their hash."""
    files = manifest_files(needed_for=needed_for)
    return [item for item, state in reference_status(folder, files) if state != PRESENT]


def missing_message(missing: list[ReferenceFile], then: tuple[str, ...] = ()) -> str:
    """The notice's wording for commands (pages render `reference/_missing.html` alike)."""
    names = ", ".join(item.local_file for item in missing)
    steps = f", then {' and '.join(f'`{command}`' for command in then)}" if then else ""
    return f"Reference data is missing: {names}. Run `{FETCH_COMMAND}`{steps}."
