"""Reading an Annex A upload: the xlsx workbook(s), each sheet recognised as a list or reported.

Annex A is one workbook of up to eleven sheets (schema.py). Each sheet is recognised in two
ways, as the regional pipelines do (Social Finance's liia-tools identifies a table by its
headers and maps each header by pattern):

- by its **name**: "List 1", "L3", "Annex A List 8 - CLA", or a list's words ("Contacts",
  "Care leavers") (`schema.list_named`);
- by its **headers**: the first of its first `HEADER_SEARCH_ROWS` rows in which some list's key
  columns (schema `Field.key`: the child or adopter identifier and the list's event date) are all
  found, the headers matched to columns exactly or by pattern (`match_columns`).

A sheet whose name names a list is read as that list when its headers hold that list's key
columns; a sheet named for nothing is read as the list its headers fit best, by its own
columns (those no other list has) and then by all its columns, when that fit is clear
(`_recognise` says exactly when). A sheet named as a list whose headers lack its key columns is
an error (the council meant it as a list, and it cannot be read); a sheet that is neither is an
*unknown sheet*, reported as a warning and not read (a notes or summary sheet is common).
Headers matched to no column are warnings too, and a header row repeated further down (an
export's pages) is skipped with a warning. A workbook in which no sheet is recognised is
refused.

What was recognised, and how, is kept as the *recognition report* (`SheetFound`, one per
sheet): the list, whether by name and headers or by headers alone, the header row, and each
column's header, the field it was matched to and the pattern that matched it. The report is
for the preview page and for `trajectory import annexa`; the same facts appear as warnings in
the problem log, so a page that shows only the log still says what was not read.

Each list becomes a typed Polars table named "List1" ... "List11", with the template's column
names (values.py for how cells are typed) and `_row`, the spreadsheet row (the header is wherever
it was found; row 1 in the template). Missing non-key columns are added empty and named in the
report and log.

**The year.** Annex A is not a collection: it is a snapshot for an inspection, covering the
months before the inspection's start. The year it is filed under is therefore the collection
year (1 April to 31 March, as for SSDA903 and CIN) holding the latest date in its lists (any
date column but dates of birth), leaving out dates after the upload day, which are typing
errors rather than the period; a declared year wins. A workbook with no dates at all is filed
under the year holding the upload day. `year_inferred_from` says which date decided it. A
declared year the lists do not fit is kept, with a warning: no date of the lists in it
(`year_without_dates`: a council may file the lists under the inspection's year), or lists
running past its end (`year_differs`: the months before an inspection can straddle 31 March).

**Problems** name the file (the upload's name for it), the row, and in the column field the
sheet and the template column ("List 3: Date of referral"), since a workbook's problems are in
different sheets. No file can stop the reading with a traceback: what is wrong with a file is a
problem in the log, and a fault nobody foresaw is logged for us and reported as
`reader_failed`, which the fuzz tests hold is never reached.
"""

from __future__ import annotations

import hashlib
import logging
from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import polars as pl
from openpyxl.utils import get_column_letter

from trajectory.returns import collection_year as years
from trajectory.returns.annex_a import sheet_xml
from trajectory.returns.annex_a import workbook as xlsx
from trajectory.returns.annex_a.schema import DATE, LISTS, AnnexList, list_named, normalise
from trajectory.returns.annex_a.values import CellReader, as_text, is_blank
from trajectory.returns.problems import ERROR, WARNING, ProblemLog
from trajectory.returns.ssda903.reader import FileRead, ReadResult

ENGLAND = ZoneInfo("Europe/London")
HEADER_SEARCH_ROWS = 10
ROW = "_row"
logger = logging.getLogger(__name__)

# A column that more than one list has (the child's identifier, gender, team...) says nothing
# about which list a sheet is; the others do.
_SHARED = {name for name, n in Counter(f.name for L in LISTS for f in L.fields).items() if n > 1}
_NOT_DATED = {"Date of Birth"}


@dataclass
class ColumnFound:
    letter: str  # "A"
    header: str  # as written in the sheet
    field: str = ""  # the template column it was matched to; blank when none
    matched_by: str = ""  # "exact", "pattern <regex>", or why it was not read


@dataclass
class SheetFound:
    file: str
    sheet: str
    list_name: str = ""  # "List3"; blank when the sheet was not recognised
    recognised_by: str = ""  # "sheet name and headers", "headers"
    name_pattern: str = ""  # the pattern the sheet's name matched, if any
    header_row: int | None = None
    rows: int = 0
    columns: list[ColumnFound] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # the list's columns the sheet lacks
    note: str = ""  # why a sheet was not read

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass
class AnnexAReadResult(ReadResult):
    recognition: list[SheetFound] = field(default_factory=list)

    def recognition_report(self) -> list[dict]:
        return [sheet.as_dict() for sheet in self.recognition]

    def recognition_lines(self) -> list[str]:
        """The report for a terminal: one line a sheet, then its unmatched headers and gaps."""
        lines = []
        for sheet in self.recognition:
            where = f"{sheet.file} › {sheet.sheet}"
            if sheet.list_name:
                lines.append(
                    f"{where}: {sheet.list_name} (by {sheet.recognised_by}; headers in row "
                    f"{sheet.header_row}, {sheet.rows} rows)"
                )
                for column in sheet.columns:
                    if not column.field:
                        lines.append(f"    column {column.letter} “{column.header}”: not read")
                for name in sheet.missing:
                    lines.append(f"    no column for “{name}”")
            else:
                lines.append(f"{where}: not recognised ({sheet.note})")
        return lines


def read_return(
    files: list[tuple[str, Path]],
    *,
    max_bytes: int,
    today: date | None = None,
    year: years.CollectionYear | None = None,
) -> AnnexAReadResult:
    """Read every workbook of an Annex A upload (see the module docstring)."""
    today = today or datetime.now(ENGLAND).date()
    log = ProblemLog()
    reads: list[FileRead] = []
    frames: dict[str, pl.DataFrame] = {}
    sources: dict[str, str] = {}
    found_in: dict[str, str] = {}  # table -> "file › sheet", for the duplicate message
    recognition: list[SheetFound] = []
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
        data = path.read_bytes()
        read = FileRead(name, size, hashlib.sha256(data).hexdigest(), format="xlsx")
        reads.append(read)
        for sheet, table, frame in _read_safely(name, data, log, recognition):
            if table.name in frames:
                log.add(
                    file=name,
                    code="duplicate_list",
                    column=sheet,
                    message=f"Sheet “{sheet}” of {name} and {found_in[table.name]} both hold "
                    f"{table.label}; keep the list on one sheet",
                )
                continue
            frames[table.name] = frame
            sources[table.name] = name
            found_in[table.name] = f"sheet “{sheet}” of {name}"
            read.tables.append(table.name)

    if files and not frames:
        log.add(
            file="(upload)",
            code="no_lists",
            message="No sheet of the upload was recognised as one of Annex A's lists 1-11, "
            "by its name or its headers, so there is nothing to import",
        )
    inferred_from = ""
    if year is None:
        year, inferred_from = _infer_year(frames, today)
    elif frames:
        _check_declared_year(year, frames, sources, today, log)
    frames = dict(sorted(frames.items(), key=lambda item: int(item[0][4:])))
    return AnnexAReadResult(reads, frames, sources, log, year, inferred_from, recognition)


def _read_safely(name, data, log, recognition):
    try:
        return _read_workbook(name, data, log, recognition)
    except Exception:
        logger.exception("The Annex A reader failed on %s (%s bytes)", name, len(data))
        log.add(
            file=name,
            code="reader_failed",
            message=f"{name} could not be read because of a fault in Trajectory, which has "
            "been logged; nothing was imported. Please report it with the file's name",
        )
        return []


def _read_workbook(name: str, data: bytes, log: ProblemLog, recognition: list[SheetFound]):
    try:
        book = xlsx.open_workbook(name, data)
    except xlsx.Unreadable as unreadable:
        log.add(file=name, code=unreadable.code, message=unreadable.message)
        return []
    found = []
    try:
        epoch_1904 = book.epoch_1904
        for sheet in book.sheets:
            report = SheetFound(name, sheet.title)
            recognition.append(report)
            try:
                result = _read_sheet(name, sheet, log, report, epoch_1904)
            except xlsx.Unreadable as unreadable:
                log.add(
                    file=name, code=unreadable.code, column=sheet.title, message=unreadable.message
                )
                continue
            except sheet_xml.Forbidden:
                _not_read(report, "it declares a document type or entities")
                log.add(
                    file=name,
                    code="forbidden_xml",
                    column=sheet.title,
                    message=f"Sheet “{sheet.title}” of {name} declares a document type or "
                    "entities, which no workbook needs and which can be used to attack the "
                    "reader; it was not read. Save the workbook again from Excel and upload "
                    "the new copy",
                )
                continue
            except xlsx.DAMAGED as error:
                _not_read(report, "it is damaged")
                log.add(
                    file=name,
                    code="corrupt_sheet",
                    column=sheet.title,
                    message=f"Sheet “{sheet.title}” of {name} is damaged and could not be "
                    f"read to the end ({str(error)[:120] or type(error).__name__}). Save the "
                    "workbook again and upload the new copy",
                )
                continue
            if result is not None:
                found.append((sheet.title, *result))
    finally:
        book.close()
    return found


def _read_sheet(name, sheet: xlsx.Sheet, log: ProblemLog, report: SheetFound, epoch_1904: bool):
    """(list, typed frame) for a recognised sheet; None for one not read (reported)."""
    rows = sheet.rows()
    head: list[tuple[int, tuple]] = []
    for number, values in rows:
        head.append((number, values))
        if number >= HEADER_SEARCH_ROWS:
            break
    named, name_pattern = list_named(sheet.title)
    report.name_pattern = name_pattern
    chosen = _recognise(named, head)
    if chosen is None:
        _not_recognised(name, sheet.title, named, head, log, report)
        return None
    annex_list, header_row, columns = chosen
    report.list_name = annex_list.name
    report.recognised_by = "sheet name and headers" if annex_list is named else "headers"
    report.header_row = header_row
    report.columns = columns
    if named is not None and annex_list is not named:
        log.add(
            file=name,
            code="sheet_name_differs",
            severity=WARNING,
            column=sheet.title,
            message=f"Sheet “{sheet.title}” of {name} is named like {named.label} but its "
            f"headers are those of {annex_list.label}; it was read as {annex_list.label}",
        )
    _report_columns(name, sheet.title, annex_list, columns, log, report)
    remaining = (item for item in head if item[0] > header_row)
    frame = _typed_rows(
        name, sheet.title, annex_list, columns, _chain(remaining, rows), log, report, epoch_1904
    )
    if frame is None:
        _not_read(report, report.note)
        return None
    _duplicates(name, sheet.title, annex_list, frame, log)
    return annex_list, frame


def _not_read(report: SheetFound, why: str) -> None:
    """A sheet that was recognised, or begun, and could not be read to the end."""
    if report.list_name:
        why = f"recognised as {report.list_name} but not read: {why}"
    report.list_name, report.recognised_by, report.note = "", "", why


def _chain(first, rest):
    yield from first
    yield from rest


def match_columns(annex_list: AnnexList, headers: tuple | list) -> list[ColumnFound]:
    """Each non-blank header of a row, matched to one of the list's columns: first every header
    whose normalised text is a column's normalised name, then the rest by each column's
    patterns in the list's order, each column taken once."""
    texts = {i: as_text(h) for i, h in enumerate(headers) if not is_blank(h)}
    normalised = {i: normalise(t) for i, t in texts.items()}
    found = {i: ColumnFound(get_column_letter(i + 1), t) for i, t in texts.items()}
    taken: dict[str, str] = {}  # field -> letter
    exact = {normalise(f.name): f for f in annex_list.fields}
    for i, text in normalised.items():
        target = exact.get(text)
        if target is None:
            continue
        if target.name in taken:
            found[i].matched_by = f"a second column for {target.name} (column {taken[target.name]})"
            continue
        found[i].field, found[i].matched_by = target.name, "exact"
        taken[target.name] = found[i].letter
    for i, text in normalised.items():
        if found[i].field or found[i].matched_by or not text:
            continue
        for candidate in annex_list.fields:
            if candidate.name in taken:
                continue
            hit = next((p for p in candidate.compiled if p.search(text)), None)
            if hit is not None:
                found[i].field, found[i].matched_by = candidate.name, f"pattern {hit.pattern}"
                taken[candidate.name] = found[i].letter
                break
    return [found[i] for i in sorted(found)]


def _recognise(named: AnnexList | None, head: list[tuple[int, tuple]]):
    """(list, header row, columns) for the sheet, or None (module docstring).

    In a row, the candidates are the lists whose key columns are all there and at least one
    of their own columns (a key date is one). The list the sheet is named for wins if it is a
    candidate. Otherwise the candidate matching most of its own columns, then having its own
    key date, then matching most columns in all (explaining more of the sheet), then most by
    their template names, wins, if it is the only candidate, or matches two of its own, or
    beats the next on one of those: one own column alike in two candidates says nothing."""
    for number, values in head:
        if all(is_blank(v) for v in values):
            continue
        candidates = []
        for annex_list in LISTS:
            columns = match_columns(annex_list, values)
            matched = {c.field for c in columns if c.field}
            if not all(f.name in matched for f in annex_list.key_fields):
                continue
            if annex_list is named:
                return annex_list, number, columns
            own = len(matched - _SHARED)
            if own == 0:
                continue
            own_keys = sum(1 for f in annex_list.key_fields if f.name not in _SHARED)
            exact = sum(1 for c in columns if c.matched_by == "exact" and c.field not in _SHARED)
            score = (own, own_keys, len(matched), exact, len(matched) / len(annex_list.fields))
            candidates.append((score, annex_list, columns))
        if candidates:
            candidates.sort(key=lambda c: c[0], reverse=True)
            score, annex_list, columns = candidates[0]
            runner_up = candidates[1][0] if len(candidates) > 1 else None
            if runner_up is None or score[0] >= 2 or score[:4] > runner_up[:4]:
                return annex_list, number, columns
    return None


def _not_recognised(name, title, named, head, log: ProblemLog, report: SheetFound) -> None:
    filled = [(n, v) for n, v in head if not all(is_blank(x) for x in v)]
    if named is None:
        report.note = (
            "the sheet is empty"
            if not filled
            else "its name matches no list and its headers hold no list's key columns"
        )
        if filled:
            report.header_row = filled[0][0]
            report.columns = [
                ColumnFound(c.letter, c.header) for c in match_columns(LISTS[0], filled[0][1])
            ]
        log.add(
            file=name,
            code="unknown_sheet",
            severity=WARNING,
            column=title,
            message=f"Sheet “{title}” of {name} was not read: {report.note}",
        )
        return
    header_row, values = filled[0] if filled else (None, ())
    columns = match_columns(named, values)
    matched = {c.field for c in columns if c.field}
    missing = [f.name for f in named.key_fields if f.name not in matched]
    report.header_row, report.columns = header_row, columns
    report.missing = missing
    report.note = (
        "the sheet is empty"
        if not filled
        else f"no column for {', '.join(missing)} in its first {HEADER_SEARCH_ROWS} rows"
    )
    log.add(
        file=name,
        code="missing_key_column",
        column=title,
        message=f"Sheet “{title}” of {name} is named as {named.label} but "
        + (
            "is empty"
            if not filled
            else f"has no column for {' or '.join(missing)}, without which the list cannot be read"
        ),
    )


def _report_columns(name, title, annex_list, columns, log: ProblemLog, report: SheetFound) -> None:
    for column in columns:
        if not column.field:
            why = column.matched_by or f"it matches none of {annex_list.label}'s columns"
            column.matched_by = column.matched_by or "not matched"
            log.add(
                file=name,
                code="unknown_column",
                severity=WARNING,
                column=f"{title}: {column.header}",
                message=f"Column {column.letter} (“{column.header}”) of sheet “{title}” was not "
                f"read: {why}",
            )
    matched = {c.field for c in columns if c.field}
    report.missing = [f.name for f in annex_list.fields if f.name not in matched]
    if report.missing:
        names = ", ".join(f"“{m}”" for m in report.missing)
        log.add(
            file=name,
            code="missing_columns",
            severity=WARNING,
            column=title,
            message=f"Sheet “{title}” has no column for {len(report.missing)} of "
            f"{annex_list.label}'s {len(annex_list.fields)} columns ({names}); they are read "
            "as blank",
        )


CHUNK_ROWS = 50_000  # rows held as Python values before they become a Polars frame


def _typed_rows(name, title, annex_list, columns, rows, log, report, epoch_1904):
    """The sheet's rows as the list's typed frame, read `CHUNK_ROWS` at a time (a sheet near
    the row limit would otherwise hold tens of millions of Python values at once)."""
    columns_by_index = _indexed(columns)
    where = [(i, annex_list.field(c.field)) for i, c in enumerate(columns_by_index) if c]
    readers = {f.name: CellReader(f, epoch_1904=epoch_1904) for _, f in where}
    values: dict[str, list] = {f.name: [] for _, f in where}
    row_numbers: list[int] = []
    schema = {**annex_list.schema, ROW: pl.Int64}
    chunks: list[pl.DataFrame] = []
    read = 0

    def flush() -> None:
        chunk = pl.DataFrame({**values, ROW: row_numbers}, schema_overrides=schema, strict=False)
        absent = [
            pl.lit(None, dtype=t).alias(c) for c, t in schema.items() if c not in chunk.columns
        ]
        chunks.append(chunk.with_columns(absent).select(list(schema)))
        for column in values.values():
            column.clear()
        row_numbers.clear()

    headers = [normalise(columns_by_index[i].header) for i, _ in where]
    first_key = next((k for k, (_, f) in enumerate(where) if f.key), 0)
    for number, cells in rows:
        picked = [(f, cells[i] if i < len(cells) else None) for i, f in where]
        if all(is_blank(v) for _, v in picked):
            continue
        if _repeats(picked, headers, first_key):
            log.add(  # an export that repeats its headers on every page
                file=name,
                row=number,
                column=title,
                severity=WARNING,
                code="repeated_header",
                message=f"Row {number} of sheet “{title}” repeats the headers; it was skipped",
            )
            continue
        if read >= xlsx.MAX_ROWS:
            report.note = f"more than {xlsx.MAX_ROWS:,} rows"
            log.add(
                file=name,
                code="too_many_rows",
                row=number,
                column=title,
                message=f"Sheet “{title}” of {name} has more than {xlsx.MAX_ROWS:,} rows; no "
                "more are read from a sheet, so the workbook was not read",
            )
            return None
        read += 1
        if len(row_numbers) >= CHUNK_ROWS:
            flush()
        row_numbers.append(number)
        for f, raw in picked:
            column = f"{title}: {f.name}"
            if is_blank(raw):
                values[f.name].append(None)
                if f.key:
                    log.add(
                        file=name,
                        row=number,
                        column=column,
                        code="blank_key",
                        message=f"{f.name} is blank; every row of {annex_list.label} needs it",
                    )
                continue
            typed, problem, recognised = readers[f.name].read(raw)
            values[f.name].append(typed)
            if problem is not None:
                log.add(
                    file=name,
                    row=number,
                    column=column,
                    value=as_text(raw),
                    code=f"bad_{f.kind}",
                    message=f"{f.name}: {problem}",
                )
            elif not recognised:
                log.add(
                    file=name,
                    row=number,
                    column=column,
                    value=as_text(raw),
                    severity=WARNING,
                    code="unknown_code",
                    message=f"{f.name}: not one of the template's values; kept as written",
                )
    flush()
    report.rows = read
    return pl.concat(chunks, how="vertical")


def _repeats(picked: list, headers: list[str], first_key: int) -> bool:
    """Whether a row is the header row again. Its key cell is looked at first, and only text
    without digits (an identifier has them; "Child ID" has none) is compared in full."""
    key = picked[first_key][1] if picked else None
    if not isinstance(key, str) or any(c.isdigit() for c in key):
        return False
    return [normalise(v) if isinstance(v, str) else None for _, v in picked] == headers


def _indexed(columns: list[ColumnFound]) -> list[ColumnFound | None]:
    """The matched columns by position (column A at 0), None where nothing is read."""
    by_index: dict[int, ColumnFound] = {}
    for column in columns:
        if column.field:
            by_index[sheet_xml.column_index(column.letter)] = column
    size = max(by_index, default=-1) + 1
    return [by_index.get(i) for i in range(size)]


def _duplicates(name, title, annex_list: AnnexList, frame: pl.DataFrame, log: ProblemLog) -> None:
    """Rows repeating another row's `unique_by` values: the same event listed twice."""
    keys = list(annex_list.unique_by)
    if not keys or frame.height == 0:
        return
    repeated = (
        frame.filter(pl.all_horizontal([pl.col(k).is_not_null() for k in keys]))
        .with_columns(pl.col(ROW).min().over(keys).alias("_first"))
        .filter(pl.col(ROW) != pl.col("_first"))
    )
    # Past the log's room only the count is kept, exactly (problems.py).
    log.count_only(annex_list.duplicate_severity, max(repeated.height - log.room, 0))
    what = " and ".join(keys)
    for row in repeated.head(log.room).iter_rows(named=True):
        log.add(
            file=name,
            row=row[ROW],
            column=f"{title}: {keys[0]}",
            value=row[keys[0]],
            severity=annex_list.duplicate_severity,
            code="duplicate_row",
            message=f"{annex_list.label} has this {what} already, in row {row['_first']}: "
            + (
                "each appears once"
                if annex_list.duplicate_severity == ERROR
                else "the same event listed twice?"
            ),
        )


def _dated(frames: dict[str, pl.DataFrame]):
    """(list, frame, date column) for every date that says when something happened."""
    for table_name, frame in frames.items():
        annex_list = next(L for L in LISTS if L.name == table_name)
        for f in annex_list.fields:
            if f.kind == DATE and f.name not in _NOT_DATED:
                yield annex_list, frame, f.name


def _latest(frames: dict[str, pl.DataFrame], today: date) -> tuple[date, str, str] | None:
    """(the latest date no later than `today`, its column, its list's label)."""
    latest = None
    for annex_list, frame, column in _dated(frames):
        day = frame.select(pl.col(column).filter(pl.col(column) <= today).max()).item()
        if day is not None and (latest is None or day > latest[0]):
            latest = (day, column, annex_list.label)
    return latest


def _check_declared_year(
    year: years.CollectionYear, frames, sources: dict[str, str], today: date, log: ProblemLog
) -> None:
    """Warnings for a declared year the lists do not fit; the declared year is kept either way.

    Annex A is for an inspection, not a collection, so a council may file it under the
    inspection's year although its lists end before that year begins (an inspection in April),
    or under the earlier year although they run past 31 March: both are the council's call.
    So a year in which no date of the lists falls (`year_without_dates`), and lists running past
    the declared year's end (`year_differs`), are warnings saying what the lists hold."""
    in_year = any(
        frame.select(pl.col(column).is_between(year.start, year.end).any()).item()
        for _, frame, column in _dated(frames)
    )
    latest = _latest(frames, today)
    file = next(iter(sources.values()))
    if not in_year and latest is not None:
        log.add(
            file=file,
            code="year_without_dates",
            severity=WARNING,
            value=year.label,
            message=f"The upload is for {year.label} but no date in the lists falls in it "
            f"(1 April {year.end_year - 1} to 31 March {year.end_year}); the latest is "
            f"{_day(latest[0])} ({latest[2]}, {latest[1]}). It is kept as {year.label}, as "
            "declared: check that is the year meant",
        )
    elif latest is not None and latest[0] > year.end:
        log.add(
            file=file,
            code="year_differs",
            severity=WARNING,
            value=year.label,
            message=f"The upload is for {year.label} but the lists run past its end to "
            f"{_day(latest[0])} ({latest[2]}, {latest[1]}); they are kept as {year.label}, "
            "as declared",
        )


def _infer_year(frames: dict[str, pl.DataFrame], today: date) -> tuple[years.CollectionYear, str]:
    latest = _latest(frames, today)
    if latest is None:
        return years.of_date(today), f"the upload date {_day(today)}, as no list has a date"
    day, column, label = latest
    try:
        return years.of_date(day), f"the latest date in the lists, {_day(day)} ({label}, {column})"
    except ValueError:  # a latest date before 2000: no period a return is kept for
        return years.of_date(today), (
            f"the upload date {_day(today)}, as the latest date in the lists ({_day(day)}) is "
            "before any collection year"
        )


def _day(day: date) -> str:
    return f"{day.day} {day:%B %Y}"
