"""Where accepted returns live: immutable Parquet folders named by their content's hash.

Layout under settings.TRAJECTORY_STORAGE:

    <council code>/<kind>/<content sha256>/<Table>.parquet   accepted versions, written once
    _staging/upload-<random>/                                  one upload attempt's own folder

A version folder is written completely in a temporary folder beside it and then renamed into
place in one step, so a reader never sees half a version, and an existing folder is never
written over.

A staging folder is private to one upload attempt: it is made afresh with a random name,
created exclusively (mode 0700), before the attempt's database record exists, and is never
reused, so a database id reused after a rollback can never reach another attempt's files. The
Upload row names its folder; a folder no row names is a leftover of a killed run and is swept
(`sweep_staging`, run by every upload and by `trajectory purge`).

The content hash is taken over the normalised tables, not the uploaded bytes: for each table
in name order, its name and its rows (sorted, written as CSV with ISO dates). So the same data
uploaded again is recognised whatever the files are called, whether they came as CSV or XML,
and whatever their row order or line endings.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
import time
from collections.abc import Iterable
from datetime import timedelta
from pathlib import Path

import polars as pl
from django.conf import settings

from trajectory.returns.faults import kill_point

STAGING = "_staging"
# Kept in an upload's staging folder after its decision: the full problem list, and
# <number>.json per CSV file with flagged rows.
PROBLEMS_FILE = "problems.csv"
REJECTED_FOLDER = "rejected"
REJECTED_WORKBOOK = "-rejected.xlsx"  # an xlsx file's flagged rows: rejected/<n>-rejected.xlsx
KEPT_AFTER_DECISION = (PROBLEMS_FILE, REJECTED_FOLDER)


def root() -> Path:
    return Path(settings.TRAJECTORY_STORAGE)


def content_sha256(tables: dict[str, pl.DataFrame]) -> str:
    digest = hashlib.sha256()
    for name in sorted(tables):
        frame = tables[name]
        ordered = frame.sort(frame.columns, nulls_last=True) if frame.width else frame
        digest.update(f"table {name}\n".encode())
        digest.update(ordered.write_csv(date_format="%Y-%m-%d").encode())
    return digest.hexdigest()


def version_key(*, council_code: str, kind: str, content_sha256: str) -> str:
    return f"{council_code}/{kind}/{content_sha256}"


def write_tables(folder: Path, tables: dict[str, pl.DataFrame]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, frame in tables.items():
        frame.write_parquet(folder / f"{name}.parquet", statistics=True)
        kill_point("preview.staged")


def write_version(storage_key: str, source: Path, *, tables: Iterable[str]) -> bool:
    """Put exactly the Parquet files `tables` of `source` at `storage_key`; False if there.

    Only the named tables are copied, and every one must be present, so a version holds
    exactly the tables its upload recognised and nothing else that lies in the folder.
    Content-addressed, so an existing folder already holds these very tables (left behind
    when recording a version failed after the rename): it is kept as it is, never overwritten.
    """
    final = root() / storage_key
    if final.exists():
        return False
    wanted = sorted(set(tables))
    missing = [name for name in wanted if not (source / f"{name}.parquet").is_file()]
    if missing:
        raise FileNotFoundError(f"Staged tables missing: {', '.join(missing)}")
    final.parent.mkdir(parents=True, exist_ok=True)
    temporary = Path(tempfile.mkdtemp(prefix=".incoming-", dir=final.parent))
    try:
        for name in wanted:
            shutil.copyfile(source / f"{name}.parquet", temporary / f"{name}.parquet")
        temporary.rename(final)
    except BaseException:
        shutil.rmtree(temporary, ignore_errors=True)
        raise
    return True


def remove_version(storage_key: str) -> None:
    """Undo a `write_version` whose database record could not be saved. Never used otherwise."""
    shutil.rmtree(root() / storage_key, ignore_errors=True)


def open_tables(storage_key: str) -> dict[str, pl.LazyFrame]:
    """Every stored table of a version, read lazily."""
    folder = root() / storage_key
    return {path.stem: pl.scan_parquet(path) for path in sorted(folder.glob("*.parquet"))}


def staged_tables(staging_path: str) -> dict[str, pl.LazyFrame]:
    """The tables an upload staged for its preview, read lazily; none once it is decided."""
    folder = staging_of(staging_path)
    tables = folder / "tables" if folder is not None else None
    if tables is None or not tables.is_dir():
        return {}
    return {path.stem: pl.scan_parquet(path) for path in sorted(tables.glob("*.parquet"))}


def read_tables(folder: Path, names: Iterable[str]) -> dict[str, pl.DataFrame]:
    """The named tables of a folder, read eagerly (to check a staged upload's content hash)."""
    return {name: pl.read_parquet(folder / f"{name}.parquet") for name in names}


def staging_create() -> Path:
    """A new folder for one upload attempt: random name, made exclusively, owner-only."""
    parent = root() / STAGING
    parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix="upload-", dir=parent))


def staging_relative(folder: Path) -> str:
    return str(folder.relative_to(root()))


def staging_of(staging_path: str) -> Path | None:
    """The folder an Upload row names, or None when it names none (or one outside staging)."""
    if not staging_path:
        return None
    folder = (root() / staging_path).resolve()
    if folder.parent != (root() / STAGING).resolve():
        return None
    return folder


def remove_staging(staging_path: str, *, keep: tuple[str, ...] = ()) -> None:
    folder = staging_of(staging_path)
    if folder is None or not folder.exists():
        return
    for path in folder.iterdir():
        if path.name in keep:
            continue
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
    if not keep:
        shutil.rmtree(folder, ignore_errors=True)


def replace_kept(folder: Path, replacement: Path, names: tuple[str, ...]) -> None:
    """Put `replacement`'s kept files (problems, flagged rows) in `folder` in place of its own.

    Used when an upload is checked again (a new collection year). Each old entry is moved
    aside first and put back if a later step fails, so the folder holds the old set or the new,
    never a mixture; an entry the new checking does not produce is removed.
    """
    aside = Path(tempfile.mkdtemp(prefix=".replaced-", dir=folder))
    moved: list[str] = []
    placed: list[str] = []
    try:
        for name in names:
            if (folder / name).exists():
                (folder / name).rename(aside / name)
                moved.append(name)
        for name in names:
            if (replacement / name).exists():
                (replacement / name).rename(folder / name)
                placed.append(name)
    except BaseException:
        for name in placed:
            remove_path(folder / name)
        for name in moved:
            (aside / name).rename(folder / name)
        raise
    finally:
        shutil.rmtree(aside, ignore_errors=True)


def staging_leftovers(*, named: set[str], older_than: timedelta) -> list[Path]:
    """Staging folders no Upload row names, once older than `older_than`.

    The age keeps a folder whose attempt is still under way (its row not yet committed) safe;
    a killed run's folder is a leftover on the next sweep after that.
    """
    parent = root() / STAGING
    if not parent.exists():
        return []
    cutoff = time.time() - older_than.total_seconds()
    return [
        folder
        for folder in sorted(parent.iterdir())
        if staging_relative(folder) not in named and folder.lstat().st_mtime <= cutoff
    ]


def sweep_staging(*, named: set[str], older_than: timedelta) -> list[str]:
    """Remove the `staging_leftovers`; returns what was removed."""
    removed = []
    for folder in staging_leftovers(named=named, older_than=older_than):
        remove_path(folder)
        removed.append(staging_relative(folder))
    return removed


def remove_path(path: Path) -> None:
    """Remove a file or a whole folder; a symbolic link is removed, never followed."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


def size_of(path: Path) -> int:
    """Bytes held by a file or everything under a folder (symbolic links not followed)."""
    if path.is_symlink() or path.is_file():
        return path.lstat().st_size
    total = 0
    for folder, _, names in os.walk(path):
        total += sum((Path(folder) / name).lstat().st_size for name in names)
    return total
