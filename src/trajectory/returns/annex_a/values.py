"""From the cells of an Annex A sheet to typed values, saying what could not be used.

A cell comes from sheet_xml.py as text, a number or a boolean (and from a test's or another
reader's hands perhaps a datetime). Councils' workbooks mix these in one column (a date typed
as text beside a real date, which the sheet holds as a serial number; an identifier stored as a
number), so each kind reads every form it can be written in:

- identifiers: text or a whole number (1001.0 is "1001"); anything outside ASCII is refused, as
  the SSDA903 reader does (ssda903/values.py: digits from other scripts look like 0-9 but are
  other characters, so they would make one child two);
- dates: a cell formatted as a date; an Excel serial number (days since 30 December 1899, or
  since 1 January 1904 in a workbook that says so); text written dd/mm/yyyy (also with - or .),
  yyyy-mm-dd, "3 March 2025" or "3-Mar-2025", with a midnight time allowed. The year must be
  four digits between 1900 and 2099: a two-digit year is ambiguous, so it is refused;
- counts: whole numbers of zero or more;
- codes: the code a value carries (schema.py: a leading code token or a label in full, after
  the template's "a) " list prefix); a value that carries none is kept as written.

Each reader gives back (value, problem): problem is None, or a short reason the caller words
into the log with the file, sheet, row and column.
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime, time, timedelta
from functools import lru_cache

from trajectory.returns.annex_a.schema import CODE, DATE, ID, INTEGER, Code, Field, normalise

FIRST_YEAR = 1900
LAST_YEAR = 2099
_EPOCH_1900 = date(1899, 12, 30)
_EPOCH_1904 = date(1904, 1, 1)
_LIST_PREFIX = re.compile(r"^\s*[a-z]{1,2}\)\s*", re.IGNORECASE)
_MIDNIGHT = re.compile(r"[ T]00:00(:00(\.0+)?)?$")
_DAY_FIRST = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_WORDS = re.compile(r"^(\d{1,2})[ \-]([A-Za-z]{3,9})[ \-,]+(\d{4})$")
_SERIAL_TEXT = re.compile(r"^\d{4,5}(\.0+)?$")
_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
_NOT_ASCII = re.compile(r"[^\x00-\x7f]")


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def as_text(value: object) -> str:
    """A cell as a person reads it: whole numbers without '.0', dates as yyyy-mm-dd."""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat(" ")
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


def read_identifier(value: object) -> tuple[str | None, str | None]:
    if isinstance(value, float) and not value.is_integer():
        return None, "an identifier is text or a whole number"
    text = as_text(value)
    if _NOT_ASCII.search(text):
        return None, (
            "an identifier may hold only ASCII letters, digits and punctuation (this one holds a "
            "character that looks like one but is not)"
        )
    return text, None


def read_date(value: object, *, epoch_1904: bool = False) -> tuple[date | None, str | None]:
    found = _date_of(value, epoch_1904)
    if found is None:
        return None, "not a date: write dd/mm/yyyy, or format the cell as a date"
    if not FIRST_YEAR <= found.year <= LAST_YEAR:
        return None, f"a date's year must be between {FIRST_YEAR} and {LAST_YEAR}"
    return found, None


def _date_of(value: object, epoch_1904: bool) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return _serial(float(value), epoch_1904)
    text = _MIDNIGHT.sub("", str(value).strip())
    try:
        if found := _DAY_FIRST.match(text):
            return date(int(found[3]), int(found[2]), int(found[1]))
        if found := _ISO.match(text):
            return date(int(found[1]), int(found[2]), int(found[3]))
        if (found := _WORDS.match(text)) and found[2].lower() in _MONTHS:
            return date(int(found[3]), _MONTHS[found[2].lower()], int(found[1]))
    except ValueError:  # 31/02/2024
        return None
    if _SERIAL_TEXT.match(text):
        return _serial(float(text), epoch_1904)
    return None


def _serial(number: float, epoch_1904: bool) -> date | None:
    """An Excel date serial; its fraction is a time of day, ignored. 60 is Excel's 29 February
    1900, a day that never was, so it is refused rather than guessed."""
    if not math.isfinite(number) or number < 0:
        return None
    days = int(number)
    if epoch_1904:
        return _EPOCH_1904 + timedelta(days=days) if 0 <= days < 2_958_000 else None
    if days < 1 or days == 60 or days >= 2_958_466:
        return None
    if days < 60:  # before Excel's phantom leap day
        return _EPOCH_1900 + timedelta(days=days + 1)
    return _EPOCH_1900 + timedelta(days=days)


def read_count(value: object) -> tuple[int | None, str | None]:
    number: float | None = None
    if isinstance(value, bool):
        number = None
    elif isinstance(value, int | float):
        number = float(value)
    else:
        text = str(value).strip()
        if re.fullmatch(r"\d{1,9}(\.0+)?", text):
            number = float(text)
    if number is None or not number.is_integer() or number < 0 or number > 1_000_000_000:
        return None, "a count is a whole number, 0 or more"
    return int(number), None


@lru_cache(maxsize=64)
def _lookup(codes: tuple[Code, ...]) -> dict[str, str]:
    """Normalised code or label -> stored code; the first declaration of a spelling wins."""
    found: dict[str, str] = {}
    for code in codes:
        for spelling in (code.stored, *code.labels):
            found.setdefault(normalise(spelling), code.stored)
    return found


def read_code(field: Field, value: object) -> tuple[str, bool]:
    """(the stored code, True) when the value carries one of the field's codes; else (the value
    as written, False)."""
    text = as_text(value)
    lookup = _lookup(field.codes)
    words = normalise(_LIST_PREFIX.sub("", text)).split()
    for length in range(len(words), 0, -1):
        code = lookup.get(" ".join(words[:length]))
        if code is not None:
            return code, True
    whole = normalise(text)  # "A" alone, which the list-prefix rule would not strip
    if whole in lookup:
        return lookup[whole], True
    return text, False


class CellReader:
    """Reads one field's cells, remembering the answer for each distinct raw value: a column of
    10,000 rows holds a few dozen distinct codes, so each is worked out once."""

    def __init__(self, field: Field, *, epoch_1904: bool = False):
        self.field = field
        self.epoch_1904 = epoch_1904
        self._seen: dict[tuple[type, object], tuple[object, str | None, bool]] = {}

    def read(self, value: object) -> tuple[object, str | None, bool]:
        """(typed value, problem or None, whether a code was recognised)."""
        try:
            key = (type(value), value)
            hit = self._seen.get(key)
        except TypeError:  # an unhashable value: never from a sheet, but read it anyway
            key, hit = None, None
        if hit is not None:
            return hit
        answer = self._read(value)
        if key is not None and len(self._seen) < 50_000:
            self._seen[key] = answer
        return answer

    def _read(self, value: object) -> tuple[object, str | None, bool]:
        kind = self.field.kind
        if kind == ID:
            text, problem = read_identifier(value)
            return text, problem, True
        if kind == DATE:
            day, problem = read_date(value, epoch_1904=self.epoch_1904)
            return day, problem, True
        if kind == INTEGER:
            count, problem = read_count(value)
            return count, problem, True
        if kind == CODE:
            code, recognised = read_code(self.field, value)
            return code, None, recognised
        return as_text(value), None, True
