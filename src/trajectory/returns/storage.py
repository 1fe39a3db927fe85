"""Where accepted returns live: immutable Parquet folders named by their content's hash.

Layout under settings.TRAJECTORY_STORAGE:

    <council code>/<kind>/<content sha256>/<Table>.parquet   accepted versions, written once
    _staging/<upload id>/                                      an upload waiting for a decision

A version folder is written completely in a temporary folder beside it and then renamed into
place in one step, so a reader never sees half a version, and an existing folder is never
written over.

The content hash is taken over the normalised tables, not the uploaded bytes: for each table
in name order, its name and its rows (sorted, written as CSV with ISO dates). So the same data
uploaded again is recognised whatever the files are called, whether they came as CSV or XML,
and whatever their row order or line endings.
"""

from __future__ import annotations

import hashlib
import shutil
import tempfile
from pathlib import Path

import polars as pl
from django.conf import settings

STAGING = "_staging"


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


def write_version(storage_key: str, source: Path) -> bool:
    """Put the Parquet files of `source` at `storage_key`; False if it was already there.

    Content-addressed, so an existing folder already holds these very tables (left behind
    when recording a version failed after the rename): it is kept as it is, never overwritten.
    """
    final = root() / storage_key
    if final.exists():
        return False
    final.parent.mkdir(parents=True, exist_ok=True)
    temporary = Path(tempfile.mkdtemp(prefix=".incoming-", dir=final.parent))
    try:
        for parquet in sorted(source.glob("*.parquet")):
            shutil.copyfile(parquet, temporary / parquet.name)
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


def staging_folder(upload_id: int) -> Path:
    return root() / STAGING / str(upload_id)


def remove_staging(upload_id: int, *, keep: tuple[str, ...] = ()) -> None:
    folder = staging_folder(upload_id)
    if not folder.exists():
        return
    for path in folder.iterdir():
        if path.name in keep:
            continue
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
