"""Reading an SSDA903 XML file into the same tables as the CSV files.

DfE's XML holds one element per child (`<Message><Children><Child>`, or `<CHILD>` in the older
expanded `<EXPSSDA903>` layout councils' systems still export). Inside a child, the fields of
the Header table sit directly or in wrapper elements (`<ChildIdentifiers>`, `<HEADER>` …), and
each repeating group is one row of another table: `<Episode>` (Episodes), `<Review>` or
`<AREVIEW>` (Reviews), `<Missing>` or `<AMISSING>` (Missing), `<OC2>`, `<OC3>`, `<AD1>`,
`<PlacedAdoption>` or `<AD_PLACED>`, `<PrevPerm>` or `<PERMANENCE>`, `<UASC>`, `<SWEpisode>`,
`<DoLo>` (from 2026-27).
Tables whose fields appear directly on the child (DUC, IN_TOUCH, DATE_INT … in the expanded
layout) get one row for that child. Element names are matched ignoring case and namespaces;
CHILDID / LAchildID mean CHILD and PL means PLACE, as in DfE's CSV.

The row number of a problem in an XML file is the line of the element it came from.

Parsing is safe against hostile files (lxml with libxml2's loading switched off, rather than
defusedxml, which guards the standard library's parsers): no DTD is loaded, no entity is
expanded, nothing is fetched from the network or the disk, XInclude is never processed, nesting
deeper than libxml2's limit (256 levels without `huge_tree`) is a syntax error, and a file that
declares entities or names an external DTD is refused.
"""

from __future__ import annotations

from collections import defaultdict

import polars as pl
from lxml import etree

from trajectory.returns.problems import ProblemLog
from trajectory.returns.ssda903 import schema
from trajectory.returns.ssda903.values import ROW, typed_table

GROUPS: dict[str, str] = {
    "EPISODE": "Episodes",
    "REVIEW": "Reviews",
    "AREVIEW": "Reviews",
    "MISSING": "Missing",
    "AMISSING": "Missing",
    "MISSINGEPISODE": "Missing",
    "OC2": "OC2",
    "OC3": "OC3",
    "AD1": "AD1",
    "PLACEDADOPTION": "PlacedAdoption",
    "AD_PLACED": "PlacedAdoption",
    "PREVPERM": "PrevPerm",
    "PERMANENCE": "PrevPerm",
    "UASC": "UASC",
    "SWEPISODE": "SWEpisodes",
    "DOLO": "DoLo",
}
ALIASES = {"CHILDID": "CHILD", "LACHILDID": "CHILD", "PL": "PLACE"}
_SHARED = {"CHILD", "DOB", "SEX"}  # fields every table repeats from the child


def _tag(element) -> str:
    name = etree.QName(element).localname.upper()
    return ALIASES.get(name, name)


def read_xml(name: str, data: bytes, log: ProblemLog) -> dict[str, pl.DataFrame]:
    """Typed frames (with `_row`) for every table found in the file; {} when unusable."""
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
    try:
        root = etree.fromstring(data, parser=parser)
    except etree.XMLSyntaxError as error:
        line = getattr(error, "lineno", None)
        log.add(
            file=name,
            row=line,
            code="unreadable",
            message=f"{name} is not well-formed XML ({error.msg})",
        )
        return {}
    docinfo = root.getroottree().docinfo
    doctype = docinfo.internalDTD
    if doctype is not None and any(True for _ in doctype.iterentities()):
        log.add(
            file=name,
            code="xml_entities",
            message=f"{name} declares XML entities, which are not accepted",
        )
        return {}
    if docinfo.system_url or docinfo.public_id:
        log.add(
            file=name,
            code="xml_entities",
            value=docinfo.system_url or docinfo.public_id,
            message=f"{name} refers to an external document type definition, which is not "
            "accepted (and was not fetched)",
        )
        return {}

    children = [e for e in root.iter() if isinstance(e.tag, str) and _tag(e) == "CHILD" and len(e)]
    if not children:
        log.add(
            file=name,
            row=root.sourceline,
            code="unknown_table",
            message=f"{name} holds no <Child> elements: it does not look like an SSDA903 XML "
            f"return (its root element is <{etree.QName(root).localname}>)",
        )
        return {}

    rows: dict[str, list[dict]] = defaultdict(list)
    for child in children:
        fields: dict[str, str | None] = {}
        groups: list[tuple[str, object]] = []
        _walk(child, fields, groups)
        rows["Header"].append({**fields, ROW: child.sourceline})
        grouped = set()
        for table_name, element in groups:
            grouped.add(table_name)
            values: dict[str, str | None] = {}
            _leaves(element, values)
            rows[table_name].append({**fields, **values, ROW: element.sourceline})
        for table in schema.TABLES:
            if table.name == "Header" or table.name in grouped:
                continue
            own = set(table.dfe_columns) - _SHARED
            if any(fields.get(c) for c in own):
                rows[table.name].append({**fields, ROW: child.sourceline})

    frames: dict[str, pl.DataFrame] = {}
    for table in schema.TABLES:
        table_rows = rows.get(table.name, [])
        if not table_rows and table.name not in ("Header", "Episodes"):
            continue
        raw = pl.DataFrame(
            {
                **{c: [r.get(c) for r in table_rows] for c in table.dfe_columns},
                ROW: [r[ROW] for r in table_rows],
            },
            schema={**{c: pl.String for c in table.dfe_columns}, ROW: pl.Int64},
        )
        frames[table.name] = typed_table(table, raw, file=name, log=log)
    return frames


def _walk(element, fields: dict, groups: list) -> None:
    """Header fields into `fields`; repeating groups (Episode, Review …) into `groups`."""
    for sub in element:
        if not isinstance(sub.tag, str):
            continue
        tag = _tag(sub)
        if len(sub) == 0:
            fields.setdefault(tag, sub.text)
        elif tag in GROUPS:
            groups.append((GROUPS[tag], sub))
        else:
            _walk(sub, fields, groups)


def _leaves(element, values: dict) -> None:
    for sub in element:
        if not isinstance(sub.tag, str):
            continue
        if len(sub) == 0:
            values.setdefault(_tag(sub), sub.text)
        else:
            _leaves(sub, values)
