"""Reading a whole CIN census upload: the XML file (or the tables as CSV files), then the checks
that need the whole return.

The upload is the unit, as for SSDA903 (trajectory.returns.ssda903.reader, whose ReadResult,
FileRead and ProblemLog this returns): files are recognised by content (XML by its first
character or name, CSV tables by their columns), each table may come from one file only, a
return needs the ChildIdentifiers and CINdetails tables and at least one child, and a file
larger than the configured limit is refused before a byte of it is read.

The collection year: a declared year wins, and a file whose header says another year is
refused (`wrong_year`: the code lists and the census period would be the wrong ones). Without
one, the year is the header's Year (the year the collection ends: 2025 for 2024-25), else that
of its ReferenceDate (31 March 2025 is in 2024-25), else that of the latest referral, else the
upload date's. A ReferenceDate that is not 31 March of the Year is warned about (DfE rule 100;
the peer-made fake tables carry the day they were made), and a header whose Collection is not
CIN is refused. A child whose LAchildID appears twice is an error on each of its rows (DfE rule
8510).

No file can stop the reading with a traceback: the readers report problems, and a fault nobody
foresaw is logged with its traceback for us and reported as `reader_failed`, refusing the
upload. The fuzz tests (tests/returns/cin) hold that no file reaches that net.
"""

from __future__ import annotations

import hashlib
import logging
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import polars as pl

from trajectory.returns import collection_year as years
from trajectory.returns.cin import schema
from trajectory.returns.cin.csv_reader import read_csv
from trajectory.returns.cin.values import ROW, code_problems
from trajectory.returns.cin.xml_reader import read_xml
from trajectory.returns.problems import WARNING, ProblemLog
from trajectory.returns.ssda903.reader import FileRead, ReadResult, is_xml

__all__ = ["FileRead", "ReadResult", "read_return"]

ENGLAND = ZoneInfo("Europe/London")
_CHUNK = 1 << 20
logger = logging.getLogger(__name__)


def read_return(
    files: list[tuple[str, Path]],
    *,
    max_bytes: int,
    today: date | None = None,
    year: years.CollectionYear | None = None,
) -> ReadResult:
    """Read every file of a CIN upload; `year` is the declared collection year, if any."""
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
                message=f"{name} is {size:,} bytes; the largest file accepted is "
                f"{max_bytes:,} bytes. It was not read",
            )
            reads.append(FileRead(name, size, ""))
            continue
        read = FileRead(name, size, _sha256(path))
        reads.append(read)
        with path.open("rb") as opened:
            start = opened.read(64)
        read.format = "xml" if is_xml(name, start) else "csv"
        for table_name, frame in _read_safely(name, path, read.format, log).items():
            if table_name in sources:
                log.add(
                    file=name,
                    code="duplicate_table",
                    message=f"{name} and {sources[table_name]} both hold the {table_name} "
                    "table; upload one file per table",
                )
                continue
            sources[table_name] = name
            frames[table_name] = frame
            read.tables.append(table_name)

    declared = year
    inferred_from = ""
    try:
        found, basis = _year_of(frames, sources, log, today=today)
        if declared is None:
            year, inferred_from = found, basis
        else:
            year = declared
            _check_declared(declared, frames, sources, log)
        for table_name, frame in frames.items():
            code_problems(
                schema.TABLES_BY_NAME[table_name],
                frame,
                year_end=year.end_year,
                file=sources[table_name],
                log=log,
            )
        _check_whole(files, frames, sources, log)
    except Exception:
        logger.exception("The CIN checks failed on an upload of %d files", len(files))
        year = year or years.of_date(today)
        log.add(
            file="(upload)",
            code="reader_failed",
            message="The return could not be checked because of a fault in Trajectory, "
            "which has been logged; nothing was imported. Please report it",
        )
    return ReadResult(reads, frames, sources, log, year, inferred_from)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as opened:
        while chunk := opened.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _read_safely(name: str, path: Path, kind: str, log: ProblemLog) -> dict[str, pl.DataFrame]:
    try:
        if kind == "xml":
            return read_xml(name, path, log)
        found = read_csv(name, path.read_bytes(), log)
        return {} if found is None else {found[0].name: found[1]}
    except Exception:
        logger.exception("The CIN reader failed on %s", name)
        log.add(
            file=name,
            code="reader_failed",
            message=f"{name} could not be read because of a fault in Trajectory, which has "
            "been logged; nothing was imported. Please report it with the file's name",
        )
        return {}


def _header(frames: dict[str, pl.DataFrame]) -> dict | None:
    header = frames.get("Header")
    return header.row(0, named=True) if header is not None and header.height else None


def _year_number(text: str | None) -> int | None:
    text = (text or "").strip()
    if len(text) == 4 and text.isascii() and text.isdigit():
        number = int(text)
        if years.FIRST <= number <= years.LAST:
            return number
    return None


def _year_of(frames, sources, log: ProblemLog, *, today: date):
    """The year the data says, and from what; logs a header that contradicts itself."""
    header = _header(frames)
    if header is not None:
        file = sources["Header"]
        reference, stated = header["ReferenceDate"], _year_number(header["Year"])
        if header["Year"] is not None and stated is None:
            log.add(
                file=file,
                row=header[ROW],
                column="Year",
                value=header["Year"],
                code="bad_year",
                message="Year must be the year the collection ends, "
                "written as four digits (2025 for 2024-25)",
            )
        if header["Collection"] is not None and header["Collection"] != "CIN":
            log.add(
                file=file,
                row=header[ROW],
                column="Collection",
                value=header["_text_Collection"],
                code="not_cin",
                message="Collection is not CIN: this file is not a children in need census",
            )
        if reference is not None and stated is not None and reference != date(stated, 3, 31):
            log.add(
                file=file,
                row=header[ROW],
                column="ReferenceDate",
                value=str(reference),
                code="100",
                severity=WARNING,
                message=f"ReferenceDate should be 31 March of the header's Year ({stated}), the "
                f"last day of the census; the census is read as the year to 31 March {stated}",
            )
        if stated is not None:
            found = years.CollectionYear(stated)
            return found, f"the header's collection year {found.label}"
        if reference is not None:
            return years.of_date(reference), f"the header's reference date {_day(reference)}"
    details = frames.get("CINdetails")
    if details is not None and details.height:
        latest = details["CINreferralDate"].max()
        if latest is not None:
            return years.of_date(latest), f"the latest referral date {_day(latest)}"
    return years.of_date(today), f"the upload date {_day(today)}, as nothing in it is dated"


def _check_declared(declared: years.CollectionYear, frames, sources, log: ProblemLog) -> None:
    header = _header(frames)
    if header is None:
        return
    reference, stated = header["ReferenceDate"], _year_number(header["Year"])
    said = (
        years.CollectionYear(stated)
        if stated is not None
        else years.of_date(reference)
        if reference is not None
        else None
    )
    if said is not None and said != declared:
        column = "Year" if stated is not None else "ReferenceDate"
        log.add(
            file=sources["Header"],
            row=header[ROW],
            column=column,
            value=header["Year"] if stated is not None else str(reference),
            code="wrong_year",
            message=f"The upload is for {declared.label} but this file's header is for "
            f"{said.label}; upload it as {said.label}, or upload the {declared.label} census",
        )


def _check_whole(files, frames, sources, log: ProblemLog) -> None:
    if files and not log.has_errors:
        for table_name in schema.REQUIRED_TABLES:
            if table_name not in frames:
                log.add(
                    file="(upload)",
                    code="missing_table",
                    message=f"No file holds the {table_name} table; a CIN census needs at "
                    f"least {' and '.join(schema.REQUIRED_TABLES)}",
                )
    children = frames.get("ChildIdentifiers")
    if children is None:
        return
    if children.height == 0:
        log.add(
            file=sources["ChildIdentifiers"],
            code="no_children",
            message="There are no children in the return, so nothing can be counted",
        )
        return
    repeated = children.filter(
        pl.col("LAchildID").is_not_null() & pl.col("LAchildID").is_duplicated()
    )
    for child_id, row in zip(repeated["LAchildID"], repeated[ROW], strict=True):
        log.add(
            file=sources["ChildIdentifiers"],
            row=row,
            column="LAchildID",
            value=child_id,
            code="8510",
            message="This LAchildID is given to more than one child; each "
            "child appears once in the census, with all their episodes",
        )


def _day(day: date) -> str:
    return f"{day.day} {day:%B %Y}"
