"""Reading a whole SSDA903 upload: every file, then the checks across tables.

The upload is the unit: files are recognised by content (XML by its first character, CSV
tables by their columns), each table may come from one file only, and a return needs at least
the Header and Episodes tables, with at least one child in the Header: a return of no children
has nothing to count, so it is refused rather than stored as a council with no children in
care. A file larger than the configured limit is refused before a byte of it is read.

No file can stop the reading with a traceback: the readers report what is wrong with a file as
problems, and if one of them fails in a way nobody foresaw, that is logged with its traceback
for us and reported as an error naming the file (`reader_failed`), which refuses the upload
and still leaves a record of the attempt. The fuzz tests hold that no file reaches that net.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import polars as pl

from trajectory.returns import collection_year as years
from trajectory.returns.problems import WARNING, ProblemLog
from trajectory.returns.ssda903 import checks
from trajectory.returns.ssda903.csv_reader import read_csv
from trajectory.returns.ssda903.schema import TABLES_BY_NAME
from trajectory.returns.ssda903.values import code_problems, working_columns
from trajectory.returns.ssda903.xml_reader import read_xml

REQUIRED_TABLES = ("Header", "Episodes")
EARLIEST_YEAR = 2018  # 2017-18: the first collection whose code lists are held (schema.py)
ENGLAND = ZoneInfo("Europe/London")
logger = logging.getLogger(__name__)


@dataclass
class FileRead:
    name: str
    size: int
    sha256: str
    tables: list[str] = field(default_factory=list)
    format: str = ""  # "csv" or "xml" once read
    flagged: dict[str, int] = field(default_factory=dict)  # rows with problems, when a CSV

    def as_dict(self) -> dict:
        """The upload's record of the file; format and flagged counts only once known."""
        found = {
            "name": self.name,
            "size": self.size,
            "sha256": self.sha256,
            "table": ", ".join(self.tables),
        }
        if self.format:
            found["format"] = self.format
        if self.flagged:
            found["flagged_rows"] = self.flagged["rows"]
            found["flagged_error_rows"] = self.flagged["error_rows"]
        return found


@dataclass
class ReadResult:
    """What an upload holds: typed frames (with `_row`), where each came from, and problems."""

    files: list[FileRead]
    frames: dict[str, pl.DataFrame]
    sources: dict[str, str]  # table name -> file name
    log: ProblemLog
    year: years.CollectionYear  # the collection year the code lists were checked for
    year_inferred_from: str = ""  # "the latest episode date …"; blank when it was declared

    @property
    def tables(self) -> dict[str, pl.DataFrame]:
        """The tables as stored: DfE columns only, in DfE order."""
        return {
            name: frame.drop(working_columns(frame)) for name, frame in sorted(self.frames.items())
        }

    @property
    def row_counts(self) -> dict[str, int]:
        return {name: frame.height for name, frame in sorted(self.frames.items())}


def read_return(
    files: list[tuple[str, Path]],
    *,
    max_bytes: int,
    today: date | None = None,
    year: years.CollectionYear | None = None,
) -> ReadResult:
    """Read every file of an upload and run the row checks when the structure is sound.

    `today` is the upload date (in England unless given), against which dates in the future
    are found (see checks.py). `year` is the collection year the uploader declared; without
    it the year is inferred from the data (collection_year.infer). The code lists checked are
    that year's.
    """
    today = today or datetime.now(ENGLAND).date()
    log = ProblemLog()
    reads: list[FileRead] = []
    frames: dict[str, pl.DataFrame] = {}
    sources: dict[str, str] = {}
    if not files:
        log.add(file="(upload)", code="no_files", message="No files were uploaded")
    for name, path in files:
        size = path.stat().st_size
        if size > max_bytes:
            log.add(
                file=name,
                code="too_large",
                value=size,
                message=f"{name} is {_size(size)}; the largest file accepted is "
                f"{_size(max_bytes)}. It was not read",
            )
            reads.append(FileRead(name, size, ""))
            continue
        data = path.read_bytes()
        read = FileRead(name, size, hashlib.sha256(data).hexdigest())
        read.format = "xml" if is_xml(name, data) else "csv"
        reads.append(read)
        for table_name, frame in _read_safely(name, data, log).items():
            if table_name in sources:
                log.add(
                    file=name,
                    code="duplicate_table",
                    message=f"{name} and {sources[table_name]} both hold the {table_name} "
                    "table; upload one file per table (to bring in the previous year's return "
                    "as well, give its files as the previous year's: the second file box on "
                    "the upload page, or --previous on the command line)",
                )
                continue
            sources[table_name] = name
            frames[table_name] = frame
            read.tables.append(table_name)

    inferred_from = ""
    if year is None:
        inferred = years.infer(frames, today=today)
        year, inferred_from = inferred.year, inferred.basis
    if year.end_year < EARLIEST_YEAR:
        log.add(
            file="(upload)",
            code="year_not_held",
            severity=WARNING,
            value=year.label,
            message=f"The code lists of collections before "
            f"{years.CollectionYear(EARLIEST_YEAR).label} are not held, so this {year.label} "
            f"return was checked against {years.CollectionYear(EARLIEST_YEAR).label}'s",
        )
    for table_name, frame in frames.items():
        table = TABLES_BY_NAME[table_name]
        if not table.collected_in(year.end_year):
            log.add(
                file=sources[table_name],
                code="table_not_collected",
                severity=WARNING,
                message=f"The {table_name} table is collected from "
                f"{years.CollectionYear(table.first_year).label}; this return is for "
                f"{year.label}. The table is kept as uploaded",
            )
        code_problems(
            TABLES_BY_NAME[table_name],
            frame,
            year_end=year.end_year,
            file=sources[table_name],
            log=log,
        )

    if files and not log.has_errors:
        for table_name in REQUIRED_TABLES:
            if table_name not in frames:
                log.add(
                    file="(upload)",
                    code="missing_table",
                    message=f"No file holds the {table_name} table; an SSDA903 return needs "
                    f"at least {' and '.join(REQUIRED_TABLES)}",
                )
    if "Header" in frames and frames["Header"].height == 0:
        log.add(
            file=sources["Header"],
            code="no_children",
            message=f"There are no children in the return: the Header table in "
            f"{sources['Header']} has no rows, so nothing can be counted",
        )
    if not log.has_errors:
        try:
            checks.run(frames, sources, log, today=today, year=year)
        except Exception:
            logger.exception("The SSDA903 row checks failed on an upload of %d files", len(files))
            log.add(
                file="(upload)",
                code="reader_failed",
                message="The return could not be checked because of a fault in Trajectory, "
                "which has been logged; nothing was imported. Please report it",
            )
    return ReadResult(reads, frames, sources, log, year, inferred_from)


def is_xml(name: str, data: bytes) -> bool:
    """Whether a file is read as XML: it starts with '<' or is called *.xml; else CSV."""
    start = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    return start == b"<" or name.lower().endswith(".xml")


def _read_safely(name: str, data: bytes, log: ProblemLog) -> dict[str, pl.DataFrame]:
    """The file's tables; a fault in a reader becomes an error naming the file, not a crash."""
    try:
        return _read_one(name, data, log)
    except Exception:
        logger.exception("The SSDA903 reader failed on %s (%s bytes)", name, len(data))
        log.add(
            file=name,
            code="reader_failed",
            message=f"{name} could not be read because of a fault in Trajectory, which has "
            "been logged; nothing was imported. Please report it with the file's name",
        )
        return {}


def _read_one(name: str, data: bytes, log: ProblemLog) -> dict[str, pl.DataFrame]:
    if is_xml(name, data):
        return read_xml(name, data, log)
    found = read_csv(name, data, log)
    if found is None:
        return {}
    table, frame = found
    return {table.name: frame}


def _size(n: int) -> str:
    if n < 1_048_576:
        return f"{n:,} bytes"
    megabytes = n / 1_048_576
    return f"{megabytes:,.0f} MB" if megabytes.is_integer() else f"{megabytes:,.1f} MB"
