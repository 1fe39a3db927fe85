"""Seeded generators of hostile SSDA903 files: valid CSV and XML returns, then mutated.

Each generator takes a `random.Random` and gives (file name, bytes); the same seed always gives
the same file, so a failure names a seed that reproduces it. Mutations are the ways real and
hostile files go wrong: flipped and truncated bytes, other delimiters, encodings and byte-order
marks, CR / LF / CRLF line endings mixed, stray quotes, duplicated or missing columns, huge
fields, digits from other scripts, and (XML) deep nesting, entity declarations, external
entities, bad encoding declarations.
"""

from __future__ import annotations

import codecs
import random
from collections.abc import Callable

from tests.returns.conftest import EPISODES, HEADER, REVIEWS

CSV_SOURCES = {"header.csv": HEADER, "episodes.csv": EPISODES, "reviews.csv": REVIEWS}

XML_RETURN = """<?xml version="1.0" encoding="UTF-8"?>
<Message>
  <Header><CollectionDetails><Collection>SSDA903</Collection><Year>2023</Year></CollectionDetails></Header>
  <Children>
    <Child>
      <ChildIdentifiers><CHILD>1001</CHILD><UPN></UPN></ChildIdentifiers>
      <ChildCharacteristics><SEX>1</SEX><DOB>01/02/2010</DOB><ETHNIC>WBRI</ETHNIC></ChildCharacteristics>
      <Episodes>
        <Episode><DECOM>01/04/2022</DECOM><RNE>S</RNE><LS>C2</LS><CIN>N1</CIN><PL>U1</PL>
          <PLACE_PROVIDER>PR1</PLACE_PROVIDER><DEC>01/09/2022</DEC><REC>X1</REC></Episode>
        <Episode><DECOM>01/09/2022</DECOM><RNE>P</RNE><LS>C2</LS><CIN>N1</CIN><PL>U4</PL>
          <PLACE_PROVIDER>PR1</PLACE_PROVIDER></Episode>
      </Episodes>
      <Reviews>
        <Review><REVIEW>20/05/2022</REVIEW><REVIEW_CODE>PN1</REVIEW_CODE></Review>
      </Reviews>
      <Missing><MISSING>M</MISSING><MIS_START>02/02/2023</MIS_START></Missing>
    </Child>
    <Child>
      <ChildIdentifiers><CHILD>1002</CHILD></ChildIdentifiers>
      <ChildCharacteristics><SEX>2</SEX><DOB>15/06/2012</DOB><ETHNIC>MWBA</ETHNIC></ChildCharacteristics>
      <Episodes>
        <Episode><DECOM>10/10/2022</DECOM><RNE>S</RNE><LS>V2</LS><CIN>N2</CIN><PL>K2</PL>
          <PLACE_PROVIDER>PR2</PLACE_PROVIDER><DEC>05/01/2023</DEC><REC>E4A</REC></Episode>
      </Episodes>
    </Child>
  </Children>
</Message>
"""

OTHER_DIGITS = ("٠١٢٣٤٥٦٧٨٩", "０１２３４５６７８９", "۰۱۲۳۴۵۶۷۸۹", "०१२३४५६७८९")  # noqa: RUF001
ODD_TEXT = ("Zoë", "\u00a0", "\u200b", "\x00", "𝟙𝟚", "=cmd|'/c calc'!A1", '"', "\\", "\ufeff")


# --- byte-level mutations, for either format -----------------------------------------------


def flip_bytes(rng: random.Random, data: bytes) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        if out:
            out[rng.randrange(len(out))] = rng.randrange(256)
    return bytes(out)


def truncate(rng: random.Random, data: bytes) -> bytes:
    return data[: rng.randrange(len(data) + 1)]


def insert_bytes(rng: random.Random, data: bytes) -> bytes:
    at = rng.randrange(len(data) + 1)
    junk = rng.choice(
        [b"\x00", b"\r", b"\n", b'"', b"\xef\xbb\xbf", b"\xff\xfe", b"\xc3", b"<", b"&", b"]]>"]
    )
    return data[:at] + junk * rng.randint(1, 3) + data[at:]


def prepend_bom(rng: random.Random, data: bytes) -> bytes:
    boms = [codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE]
    return rng.choice(boms) * rng.randint(1, 2) + data


def line_endings(rng: random.Random, data: bytes) -> bytes:
    lines = data.replace(b"\r\n", b"\n").split(b"\n")
    style = rng.choice(["cr", "crlf", "mixed", "lfcr"])
    if style == "mixed":
        return b"".join(line + rng.choice([b"\n", b"\r", b"\r\n"]) for line in lines)
    ending = {"cr": b"\r", "crlf": b"\r\n", "lfcr": b"\n\r"}[style]
    return ending.join(lines)


def reencode(rng: random.Random, data: bytes) -> bytes:
    text = data.decode("utf-8", "replace").replace("1001", "Zoë1001")
    encoding = rng.choice(["utf-16", "utf-16-le", "utf-16-be", "utf-32", "cp1252", "latin-1"])
    return text.encode(encoding, "replace")


BYTE_MUTATIONS: tuple[Callable[[random.Random, bytes], bytes], ...] = (
    flip_bytes,
    truncate,
    insert_bytes,
    prepend_bom,
    line_endings,
    reencode,
)


# --- CSV-level mutations, on text ----------------------------------------------------------


def _split(text: str) -> list[list[str]]:
    return [line.split(",") for line in text.splitlines()]


def _join(rows: list[list[str]]) -> str:
    return "\n".join(",".join(row) for row in rows) + "\n"


def other_delimiter(rng: random.Random, text: str) -> str:
    return text.replace(",", rng.choice([";", "\t", "|", " ", ":", ",,", "\x1f"]))


def duplicate_column(rng: random.Random, text: str) -> str:
    rows = _split(text)
    source, at = rng.randrange(len(rows[0])), rng.randrange(len(rows[0]) + 1)
    return _join([row[:at] + [row[source] if source < len(row) else ""] + row[at:] for row in rows])


def drop_column(rng: random.Random, text: str) -> str:
    rows = _split(text)
    gone = rng.randrange(len(rows[0]))
    return _join([[f for i, f in enumerate(row) if i != gone] for row in rows])


def shuffle_header(rng: random.Random, text: str) -> str:
    rows = _split(text)
    rng.shuffle(rows[0])
    return _join(rows)


def blank_header_cells(rng: random.Random, text: str) -> str:
    rows = _split(text)
    rows[0] = [("" if rng.random() < 0.3 else c) for c in rows[0]] + [""] * rng.randint(0, 3)
    return _join(rows)


def ragged_rows(rng: random.Random, text: str) -> str:
    rows = _split(text)
    for row in rows[1:]:
        if rng.random() < 0.5:
            row.extend(["x"] * rng.randint(1, 3)) if rng.random() < 0.5 else row.pop()
    return _join(rows)


def stray_quotes(rng: random.Random, text: str) -> str:
    chars = list(text)
    for _ in range(rng.randint(1, 4)):
        chars.insert(rng.randrange(len(chars) + 1), rng.choice(['"', '""', '"\n"', '"\r']))
    return "".join(chars)


def huge_field(rng: random.Random, text: str) -> str:
    rows = _split(text)
    row = rng.choice(rows)
    row[rng.randrange(len(row))] = rng.choice('A9,"\n') * rng.choice([10_000, 200_000])
    return _join(rows)


def other_digits(rng: random.Random, text: str) -> str:
    digits = rng.choice(OTHER_DIGITS)
    return "".join(digits[int(c)] if c.isdigit() and rng.random() < 0.3 else c for c in text)


def odd_values(rng: random.Random, text: str) -> str:
    rows = _split(text)
    for _ in range(rng.randint(1, 5)):
        row = rng.choice(rows)
        at = rng.randrange(len(row))
        row[at] = rng.choice(
            [
                *ODD_TEXT,
                "",
                " ",
                "00/00/0000",
                "31/12/9999",
                "2024-02-30",
                "1/1/1",
                "-1",
                "1e308",
                "NaN",
                "null",
                row[at] * 3,
            ]
        )
    return _join(rows)


def duplicate_or_drop_lines(rng: random.Random, text: str) -> str:
    lines = text.splitlines()
    for _ in range(rng.randint(1, 4)):
        at = rng.randrange(len(lines))
        choice = rng.random()
        if choice < 0.4:
            lines.insert(at, lines[at])
        elif choice < 0.7 and len(lines) > 1:
            del lines[at]
        else:
            lines.insert(at, rng.choice(["", ",,,,", " ", "#", "\x00"]))
    return "\n".join(lines) + rng.choice(["", "\n", "\n\n"])


def header_only(rng: random.Random, text: str) -> str:
    return text.splitlines()[0] + rng.choice(["", "\n", "\r\n", "\n\n"])


TEXT_MUTATIONS: tuple[Callable[[random.Random, str], str], ...] = (
    other_delimiter,
    duplicate_column,
    drop_column,
    shuffle_header,
    blank_header_cells,
    ragged_rows,
    stray_quotes,
    huge_field,
    other_digits,
    odd_values,
    duplicate_or_drop_lines,
    header_only,
)


def csv_file(rng: random.Random) -> tuple[str, bytes]:
    """A valid SSDA903 CSV table with one to three text and byte mutations."""
    name = rng.choice(sorted(CSV_SOURCES))
    text = CSV_SOURCES[name]
    for mutate in rng.sample(TEXT_MUTATIONS, rng.randint(0, 2)):
        text = mutate(rng, text)
    data = text.encode("utf-8", "surrogatepass")
    for mutate in rng.sample(BYTE_MUTATIONS, rng.randint(0 if text != CSV_SOURCES[name] else 1, 2)):
        data = mutate(rng, data)
    return name, data


# --- XML-level mutations -------------------------------------------------------------------

_BODY = XML_RETURN.split("\n", 1)[1]


def deep_nesting(rng: random.Random, text: str) -> str:
    depth = rng.choice([50, 300, 5_000, 50_000])
    tag = rng.choice(["Child", "Episode", "x", "CHILD"])
    return text.replace("<Children>", "<Children>" + f"<{tag}>" * depth + f"</{tag}>" * depth, 1)


def entity_bomb(rng: random.Random, text: str) -> str:
    levels = "".join(
        f'<!ENTITY e{n} "{f"&e{n - 1};" * 10 if n else "lol"}">' for n in range(rng.randint(1, 9))
    )
    return text.replace("<Message>", f"<!DOCTYPE Message [{levels}]>\n<Message>", 1).replace(
        "<CHILD>1001</CHILD>", f"<CHILD>&e{max(0, levels.count('ENTITY') - 1)};</CHILD>"
    )


def external_entity(rng: random.Random, text: str) -> str:
    target = rng.choice(
        ["file:///etc/passwd", "http://127.0.0.1:9/x", "/etc/hostname", "expect://id"]
    )
    kind = rng.choice(["general", "parameter", "doctype"])
    if kind == "general":
        doctype = f'<!DOCTYPE Message [<!ENTITY x SYSTEM "{target}">]>'
        text = text.replace("<CHILD>1001</CHILD>", "<CHILD>&x;</CHILD>")
    elif kind == "parameter":
        doctype = f'<!DOCTYPE Message [<!ENTITY % x SYSTEM "{target}"> %x;]>'
    else:
        doctype = f'<!DOCTYPE Message SYSTEM "{target}">'
    return text.replace("<Message>", f"{doctype}\n<Message>", 1)


def undeclared_entity(rng: random.Random, text: str) -> str:
    return text.replace("1001", rng.choice(["&x;", "&#0;", "&#x110000;", "&amp;", "&#49;"]), 1)


def bad_declaration(rng: random.Random, text: str) -> str:
    declaration = rng.choice(
        [
            '<?xml version="1.0" encoding="UTF-16"?>',
            '<?xml version="1.0" encoding="nonsense"?>',
            '<?xml version="1.0" encoding="EBCDIC-US"?>',
            '<?xml version="9.9"?>',
            '<?xml version="1.0" standalone="maybe"?>',
            "",
            "  \n",
        ]
    )
    return declaration + "\n" + _BODY if text == XML_RETURN else declaration + text


def huge_text(rng: random.Random, text: str) -> str:
    return text.replace("1001", rng.choice("9Z ") * rng.choice([10_000, 2_000_000]), 1)


def rename_tags(rng: random.Random, text: str) -> str:
    names = ["Child", "Episode", "Review", "CHILD", "DOB", "DECOM", "Missing"]
    old = rng.choice(names)
    new = rng.choice([old.lower(), old.upper(), "ns:" + old, old + "X", ""])
    return text.replace(f"<{old}>", f"<{new}>").replace(f"</{old}>", f"</{new}>")


def nest_children(rng: random.Random, text: str) -> str:
    inner = "<Child><CHILD>7</CHILD><Episode><DECOM>01/01/2020</DECOM></Episode></Child>"
    return text.replace("<ChildIdentifiers>", inner * rng.randint(1, 3) + "<ChildIdentifiers>", 1)


def cdata_comments_pis(rng: random.Random, text: str) -> str:
    junk = rng.choice(["<![CDATA[1001]]>", "<!-- 1001 -->", "<?pi 1001?>", "<![CDATA[<x>]]>"])
    return text.replace("1001", junk, 1)


def namespaces(rng: random.Random, text: str) -> str:
    return (
        text.replace("<Message>", '<Message xmlns="http://www.dfe.gov.uk/x" xmlns:a="urn:a">', 1)
        .replace("<DOB>", "<a:DOB>")
        .replace("</DOB>", "</a:DOB>")
    )


def xml_other_digits(rng: random.Random, text: str) -> str:
    digits = rng.choice(OTHER_DIGITS)
    return text.replace("1001", "".join(digits[int(c)] for c in "1001"))


XML_MUTATIONS: tuple[Callable[[random.Random, str], str], ...] = (
    deep_nesting,
    entity_bomb,
    external_entity,
    undeclared_entity,
    bad_declaration,
    huge_text,
    rename_tags,
    nest_children,
    cdata_comments_pis,
    namespaces,
    xml_other_digits,
)


def xml_file(rng: random.Random) -> tuple[str, bytes]:
    """A valid SSDA903 XML return with one to three structural and byte mutations."""
    text = XML_RETURN
    for mutate in rng.sample(XML_MUTATIONS, rng.randint(0, 2)):
        text = mutate(rng, text)
    data = text.encode("utf-8")
    for mutate in rng.sample(BYTE_MUTATIONS, rng.randint(0 if text != XML_RETURN else 1, 2)):
        data = mutate(rng, data)
    return rng.choice(["return.xml", "return.csv", "return"]), data
