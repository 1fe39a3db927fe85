"""Reading a whole workforce census upload: the worker file, the vacancy file, or the XML
that holds both, into typed tables, with every problem named by file, row, field and value.

The interface is the one every return's reader provides (returns/ssda903/reader.py and
/tmp/notes' shared plan): `read_return(files, *, max_bytes, today, year) -> ReadResult`, whose
frames are ``CSWWWorker`` and ``LALevelVacancies`` with a ``_row`` column (the row as a
spreadsheet shows it, or the XML element's line), and whose `tables` drop the working columns.

The year. The census counts the year 1 October to 30 September and its snapshot is taken on
30 September (the census date). DfE names the census by that span: the census of 30 September
2024 is "the 2023 to 2024 census" (gov.uk, "Children's social work workforce census: guide to
submitting data": "2023 to 2024 census dates: the census opens on Tuesday 1 October 2024").
So here the collection year "2023-24" (`CollectionYear(2024)`, stored as 2024) is the census of
30 September 2024: the stored int is the census date's calendar year, which is also the
``time_period`` of DfE's published workforce statistics (``csww_indicators_2017_to_2025.csv``:
2024 is the year to 30 September 2024), so benchmarks join on it directly. Note that this is
not the SSDA903 reading of "2023-24" (1 April 2023 to 31 March 2024): a workforce year ends
six months later than the looked-after year of the same label. `census_date(year)` and
`year_of_census(day)` are the only places that turn between the two.

The year, when not declared: the XML header's ``ReferenceDate`` (or ``Year``); else the latest
start or leaving date in the worker file, taken to the census it falls in (1 October 2023 to
30 September 2024 is the 2024 census); else the latest census date on or before the upload.

Refused (errors) or flagged (warnings): see files.py for the files and checks.py for the rows.
A return needs the worker table with at least one worker; a missing vacancy table is a warning
(the vacancy rate cannot then be worked out). No input reaches a traceback: a fault nobody
foresaw is logged for us and reported as ``reader_failed``, refusing the upload.
"""

from __future__ import annotations

import hashlib
import logging
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import polars as pl

from trajectory.returns import collection_year as years
from trajectory.returns.problems import WARNING, ProblemLog
from trajectory.returns.ssda903.reader import FileRead, ReadResult, _size
from trajectory.returns.ssda903.values import read_dates
from trajectory.returns.workforce import checks, schema
from trajectory.returns.workforce import files as census_files

ENGLAND = ZoneInfo("Europe/London")
logger = logging.getLogger(__name__)
REQUIRED_TABLES = (schema.WORKER.name,)


def census_date(year: years.CollectionYear) -> date:
    """30 September of the census the year names: 2023-24 -> 30 September 2024."""
    return date(year.end_year, 9, 30)


def year_of_census(day: date) -> years.CollectionYear:
    """The census a day falls in: 1 October 2023 to 30 September 2024 -> 2023-24."""
    return years.CollectionYear(day.year if (day.month, day.day) <= (9, 30) else day.year + 1)


def latest_census(today: date) -> years.CollectionYear:
    """The latest census whose date is on or before `today`."""
    passed = (today.month, today.day) >= (9, 30)
    return years.CollectionYear(today.year if passed else today.year - 1)


def read_return(
    files: list[tuple[str, Path]],
    *,
    max_bytes: int,
    today: date | None = None,
    year: years.CollectionYear | None = None,
) -> ReadResult:
    """Read every file of a workforce upload and check its rows (see the module docstring)."""
    today = today or datetime.now(ENGLAND).date()
    log = ProblemLog()
    reads: list[FileRead] = []
    frames: dict[str, pl.DataFrame] = {}
    sources: dict[str, str] = {}
    headers: list[tuple[str, census_files.RawFile]] = []
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
        read.format = "xml" if census_files.is_xml(name, data) else "csv"
        reads.append(read)
        raw = _read_safely(name, data, log)
        headers.append((name, raw))
        for table_name, frame in raw.frames.items():
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

    inferred_from = ""
    if year is None:
        year, inferred_from = _infer(frames, headers, today, log)
    else:
        _compare_header(year, headers, log)
    try:
        for table_name, frame in frames.items():
            checks.code_problems(
                schema.TABLES_BY_NAME[table_name],
                frame,
                end_year=year.end_year,
                label=year.label,
                file=sources[table_name],
                log=log,
            )
        if files and not log.has_errors:
            if schema.WORKER.name not in frames:
                log.add(
                    file="(upload)",
                    code="missing_table",
                    message="No file holds the CSWWWorker table (the worker file, with "
                    "AgencyWorker and SWENo columns); a workforce return needs it",
                )
            elif frames[schema.WORKER.name].height == 0:
                log.add(
                    file=sources[schema.WORKER.name],
                    code="no_workers",
                    message=f"There are no workers in {sources[schema.WORKER.name]}: the "
                    "CSWWWorker table has no rows, so nothing can be counted",
                )
            if schema.VACANCIES.name not in frames:
                log.add(
                    file="(upload)",
                    code="missing_table",
                    severity=WARNING,
                    message="No file holds the LALevelVacancies table (NumberOfVacancies, "
                    "NoAgencyFTE, NoAgencyHeadcount): the vacancy rate cannot be worked out",
                )
        checks.run(frames, sources, log, census=census_date(year))
    except Exception:
        logger.exception("The workforce checks failed on an upload of %d files", len(files))
        log.add(
            file="(upload)",
            code="reader_failed",
            message="The return could not be checked because of a fault in Trajectory, "
            "which has been logged; nothing was imported. Please report it",
        )
    return ReadResult(reads, frames, sources, log, year, inferred_from)


def _read_safely(name: str, data: bytes, log: ProblemLog) -> census_files.RawFile:
    try:
        raw = census_files.read_file(name, data, log)
        for table_name in list(raw.frames):
            raw.frames[table_name] = checks.typed_table(
                schema.TABLES_BY_NAME[table_name], raw.frames[table_name], file=name, log=log
            )
        return raw
    except Exception:
        logger.exception("The workforce reader failed on %s (%s bytes)", name, len(data))
        log.add(
            file=name,
            code="reader_failed",
            message=f"{name} could not be read because of a fault in Trajectory, which has "
            "been logged; nothing was imported. Please report it with the file's name",
        )
        return census_files.RawFile("csv")


def _header_date(raw: census_files.RawFile) -> date | None:
    if raw.reference_date:
        parsed = pl.select(read_dates(pl.lit(raw.reference_date, dtype=pl.String))).item()
        if parsed is not None:
            return parsed
    if raw.header_year and raw.header_year.isascii() and raw.header_year.isdigit():
        end = int(raw.header_year)
        if years.FIRST <= end <= years.LAST:
            return date(end, 9, 30)
    return None


def _infer(frames, headers, today: date, log: ProblemLog):
    for name, raw in headers:
        day = _header_date(raw)
        if day is not None:
            if (day.month, day.day) != (9, 30):
                log.add(
                    file=name,
                    code="reference_date",
                    severity=WARNING,
                    value=raw.reference_date,
                    message="The header's ReferenceDate is not 30 September, the census date; "
                    "the census it falls in was taken",
                )
            return year_of_census(day), f"the XML header's reference date {_long(day)}"
    workers = frames.get(schema.WORKER.name)
    latest = None
    if workers is not None and workers.height:
        latest = workers.select(
            pl.max_horizontal(pl.col("RoleStartDate").max(), pl.col("RoleEndDate").max())
        ).item()
    if latest is not None and years.FIRST <= latest.year < years.LAST:
        found = year_of_census(latest)
        return found, (
            f"the latest start or leaving date {_long(latest)}, in the census of "
            f"{_long(census_date(found))}"
        )
    found = latest_census(today)
    return found, (
        f"the upload date {_long(today)}: the latest census date before it is "
        f"{_long(census_date(found))}, as no worker is dated"
    )


def _compare_header(year: years.CollectionYear, headers, log: ProblemLog) -> None:
    for name, raw in headers:
        day = _header_date(raw)
        if day is not None and year_of_census(day) != year:
            log.add(
                file=name,
                code="wrong_year",
                value=raw.reference_date or raw.header_year,
                message=f"{name} is the census of {_long(day)} ({year_of_census(day).label}) "
                f"but the upload is for {year.label} (the census of "
                f"{_long(census_date(year))}); choose the year the file is for",
            )


def _long(day: date) -> str:
    return f"{day.day} {day:%B %Y}"
