"""Streaming a worksheet's cells out of its XML, and the workbook's shared strings.

openpyxl's read-only mode reads a large Annex A (60,000 rows, a council of 10,000 referrals a
year) in about a minute: it builds an object for every element and cell. This reads the same
XML with expat directly, keeping only what the lists need, about ten times faster:

- a cell's value by its type (ECMA-376 Part 1, 18.18.11 ST_CellType): `s` an index into the
  shared strings, `inlineStr` the text of its `<is>` runs, `str` a formula's text result, `b` a
  boolean, `e` an error shown as its text ("#N/A"), `d` an ISO 8601 date as text, and `n` (the
  default) a number: an int when written without a point or exponent, else a float. A cell
  formatted as a date is a number here (its style is not read): the date columns read numbers
  as Excel serial dates, which is what such a cell holds (values.py);
- formulas are not evaluated: the cached result in `<v>` is the value, as Excel shows it;
- phonetic runs (`<rPh>`) are not part of the text.

The parser refuses a document type declaration, any entity declaration and any external
entity (as defusedxml does), so a sheet cannot expand entities or fetch anything.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO
from xml.parsers import expat

CHUNK = 1 << 20


class Forbidden(ValueError):
    """The XML declares a DTD or entities, which no worksheet needs."""


def _forbid(*_args) -> None:
    raise Forbidden("the XML declares a document type or entities, which are not allowed")


def _parser() -> expat.XMLParserType:
    parser = expat.ParserCreate()
    parser.StartDoctypeDeclHandler = _forbid
    parser.EntityDeclHandler = _forbid
    parser.UnparsedEntityDeclHandler = _forbid
    parser.ExternalEntityRefHandler = _forbid
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.buffer_text = True
    return parser


def _local(name: str) -> str:
    return name.rpartition(":")[2] if ":" in name else name


def shared_strings(source: IO[bytes]) -> list[str]:
    """Every `<si>` of sharedStrings.xml as its text (its `<t>` runs joined, `<rPh>` left out)."""
    strings: list[str] = []
    parts: list[str] = []
    state = {"in_t": False, "phonetic": 0}

    def start(name, _attrs):
        name = _local(name)
        if name == "t":
            state["in_t"] = True
        elif name == "rPh":
            state["phonetic"] += 1
        elif name == "si":
            parts.clear()

    def end(name):
        name = _local(name)
        if name == "t":
            state["in_t"] = False
        elif name == "rPh":
            state["phonetic"] -= 1
        elif name == "si":
            strings.append("".join(parts))

    def text(data):
        if state["in_t"] and not state["phonetic"]:
            parts.append(data)

    parser = _parser()
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = text
    while chunk := source.read(CHUNK):
        parser.Parse(chunk, False)
    parser.Parse(b"", True)
    return strings


_COLUMN_OF: dict[str, int] = {}


def column_index(reference: str) -> int:
    """ "B7" -> 1 (column A is 0)."""
    letters = reference.rstrip("0123456789")
    found = _COLUMN_OF.get(letters)
    if found is None:
        found = 0
        for letter in letters.upper():
            found = found * 26 + (ord(letter) - 64)
        found -= 1
        _COLUMN_OF[letters] = found
    return found


def rows(source: IO[bytes], strings: list[str], *, max_columns: int) -> Iterator[tuple[int, list]]:
    """(row number, values by column from A) for each `<row>` in the sheet; blank rows that are
    not written are not yielded. Columns past `max_columns` are dropped."""
    done: list[tuple[int, list]] = []
    cell: dict = {}
    row: dict = {"number": 0, "values": [], "next_column": 0}
    texts: list[str] = []
    state = {"collect": False, "phonetic": 0, "inline": []}

    def start(name, attrs):
        if ":" in name:
            name = name.rpartition(":")[2]
        if name == "c":
            reference = attrs.get("r")
            column = column_index(reference) if reference else row["next_column"]
            cell["column"], cell["type"], cell["value"] = column, attrs.get("t", "n"), None
            state["inline"] = []
        elif name == "v" or (name == "t" and not state["phonetic"]):
            state["collect"] = True
            texts.clear()
        elif name == "row":
            number = attrs.get("r")
            row["number"] = int(number) if number and number.isdigit() else row["number"] + 1
            row["values"], row["next_column"] = [], 0
        elif name == "rPh":
            state["phonetic"] += 1

    def end(name):
        if ":" in name:
            name = name.rpartition(":")[2]
        if name == "v":
            cell["value"] = "".join(texts)
            state["collect"] = False
        elif name == "t" and state["collect"]:
            state["inline"].append("".join(texts))
            state["collect"] = False
        elif name == "c":
            column = cell["column"]
            row["next_column"] = column + 1
            if 0 <= column < max_columns:
                value = _value(cell["type"], cell["value"], state["inline"], strings)
                if value is not None:
                    values = row["values"]
                    if len(values) <= column:
                        values.extend([None] * (column + 1 - len(values)))
                    values[column] = value
        elif name == "row":
            done.append((row["number"], row["values"]))
        elif name == "rPh":
            state["phonetic"] -= 1

    def text(data):
        if state["collect"]:
            texts.append(data)

    parser = _parser()
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = text
    while chunk := source.read(CHUNK):
        parser.Parse(chunk, False)
        yield from done
        done.clear()
    parser.Parse(b"", True)
    yield from done


def _value(kind: str, raw: str | None, inline: list[str], strings: list[str]):
    if kind == "inlineStr":
        return "".join(inline)
    if raw is None:
        return None
    if kind == "s":
        index = int(raw)
        if not 0 <= index < len(strings):
            raise ValueError(f"a cell refers to shared string {index} of {len(strings)}")
        return strings[index]
    if kind in ("str", "e", "d"):
        return raw
    if kind == "b":
        return raw.strip() in ("1", "true")
    text = raw.strip()
    if not text:
        return None
    if "." in text or "e" in text or "E" in text:
        number = float(text)
        return number
    return int(text)
