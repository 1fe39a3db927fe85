"""Reading a CIN census XML file into its tables, one child at a time.

The file is parsed as a stream (lxml's `iterparse`): each `<Child>` is turned into rows when its
end tag is read and then dropped, with the siblings before it, so time grows with the size of the
file and memory with the rows it holds, never with the square of either (the open validator's
reader searches the whole tree for each child, which is why a 10,000-child file takes it
70-100 s). See benchmarks/cin_reader.py.

Parsing is safe against hostile files: libxml2 loads no DTD, expands no entity, reads nothing
from the network or the disk, and limits nesting (256 levels) and text (10 MB) as it does without
`huge_tree`. A CIN census never has a document type declaration, so a file that has one is
refused before any of its content is read: that refuses entity expansion ("billion laughs") and
external entities (`SYSTEM "file:///etc/passwd"` or `"http://…"`) alike, with a problem, not a
traceback. Malformed and truncated files are refused with the line libxml2 stopped at and the
element that was open there.

Element names are matched ignoring case and namespaces. An element the census does not have is
warned about once per place it appears (with its first line and how many times), and left out.
The row of a problem is the line of the element the row came from.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl
from lxml import etree

from trajectory.returns.cin import schema
from trajectory.returns.cin.values import ROW, typed_table
from trajectory.returns.problems import WARNING, ProblemLog

_T = schema.TABLES_BY_NAME
_NAMES: dict[str, dict[str, str]] = {
    table.name: {f.name.lower(): f.name for f in table.fields} for table in schema.TABLES
}
for _names in _NAMES.values():
    for _alias, _canonical in schema.ALIASES.items():
        if _canonical.lower() in _names:
            _names[_alias] = _canonical
_GROUPS = {  # the elements that hold rows of other tables, by the element they sit in
    "child": {"childidentifiers", "childcharacteristics", "cindetails"},
    "cindetails": {"assessments", "cinplandates", "section47", "childprotectionplans"},
}


class _Refused(Exception):
    """The file is not read further; the problem is already logged."""


def _local(tag) -> str:
    if not isinstance(tag, str):
        return ""
    return tag.rpartition("}")[2]


class _Rows:
    """Every table's rows as columns of text, appended child by child."""

    def __init__(self):
        self.columns: dict[str, dict[str, list]] = {
            t.name: {c: [] for c in (*t.columns, ROW)} for t in schema.TABLES
        }
        self.unknown: dict[str, list[int]] = {}  # path -> [first line, count]

    def add(self, table: str, values: dict, line: int | None) -> None:
        columns = self.columns[table]
        for name, column in columns.items():
            column.append(line if name == ROW else values.get(name))

    def frames(self, name: str, log: ProblemLog) -> dict[str, pl.DataFrame]:
        found = {}
        for table in schema.TABLES:
            columns = self.columns[table.name]
            if not columns[ROW] and table.name not in schema.REQUIRED_TABLES:
                continue
            raw = pl.DataFrame(
                columns, schema={**{c: pl.String for c in table.columns}, ROW: pl.Int64}
            )
            found[table.name] = typed_table(table, raw, file=name, log=log)
        return found


def read_xml(name: str, path: Path, log: ProblemLog) -> dict[str, pl.DataFrame]:
    """Typed frames (with `_row`) for every table in the file; {} when it cannot be used."""
    rows = _Rows()
    open_elements: list[tuple[str, int | None]] = []
    try:
        _stream(name, path, rows, open_elements, log)
    except _Refused:
        return {}
    except etree.XMLSyntaxError as error:
        _syntax_problem(name, path, error, open_elements, log)
        return {}
    except (etree.LxmlError, UnicodeError, ValueError) as error:
        log.add(
            file=name,
            code="unreadable",
            message=f"{name} could not be read as XML ({type(error).__name__}: {error})",
        )
        return {}
    for path_text, (line, count) in rows.unknown.items():
        times = "" if count == 1 else f" ({count:,} times; the first is shown)"
        log.add(
            file=name,
            row=line,
            column=path_text.rpartition("/")[2],
            value=path_text,
            code="unknown_element",
            severity=WARNING,
            message=f"<{path_text.rpartition('/')[2]}> is not an element of the CIN census "
            f"where it is ({path_text}){times}; it was left out",
        )
    return rows.frames(name, log)


def _stream(name, path, rows: _Rows, open_elements: list, log: ProblemLog) -> None:
    events = etree.iterparse(
        str(path),
        events=("start", "end"),
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
    root_seen = False
    for event, element in events:
        tag = _local(element.tag).lower()
        if event == "start":
            if not root_seen:
                root_seen = True
                _check_root(name, element, log)
            open_elements.append((_local(element.tag), element.sourceline))
            continue
        open_elements.pop()
        depth = len(open_elements)
        if tag == "child" and depth <= 2:
            _child(element, rows)
            _forget(element)
        elif tag == "header" and depth == 1:
            _header(element, rows)
            _forget(element)
        elif depth == 1 and tag not in ("children", "header"):
            _unknown(rows, f"Message/{_local(element.tag)}", element.sourceline)
            _forget(element)
        elif depth == 2 and open_elements[1][0].lower() == "children" and tag != "child":
            _unknown(rows, f"Message/Children/{_local(element.tag)}", element.sourceline)
            _forget(element)
    if not root_seen:
        log.add(file=name, code="unreadable", message=f"{name} holds no XML elements")
        raise _Refused


def _check_root(name: str, root, log: ProblemLog) -> None:
    docinfo = root.getroottree().docinfo
    if docinfo.internalDTD is not None or docinfo.doctype or docinfo.system_url:
        external = docinfo.system_url or docinfo.public_id
        declares = docinfo.internalDTD is not None and any(
            True for _ in docinfo.internalDTD.iterentities()
        )
        what = (
            f"refers to an external document ({external}), which was not fetched"
            if external
            else "declares XML entities"
            + (f" (one refers to {_external_entity(docinfo)})" if _external_entity(docinfo) else "")
            + ", which are neither expanded nor fetched"
            if declares
            else "has a document type declaration"
        )
        log.add(
            file=name,
            row=1,
            code="xml_entities",
            value=external or "",
            message=f"{name} {what}; a CIN census file has no <!DOCTYPE>, so it was not read",
        )
        raise _Refused
    if _local(root.tag).lower() != "message":
        log.add(
            file=name,
            row=root.sourceline,
            column=_local(root.tag),
            code="unknown_table",
            message=f"{name} is not a CIN census XML file: its root element is "
            f"<{_local(root.tag)}>, not <Message>",
        )
        raise _Refused


def _external_entity(docinfo) -> str:
    for entity in docinfo.internalDTD.iterentities():
        if entity.system_url:
            return entity.system_url
    return ""


def _forget(element) -> None:
    """Drop an element that has been read, and the siblings read before it."""
    element.clear(keep_tail=False)
    parent = element.getparent()
    if parent is not None:
        while element.getprevious() is not None:
            del parent[0]


def _text(element) -> str | None:
    return element.text


def _leaves(element, table: str, values: dict, rows: _Rows, where: str, skip=()) -> None:
    """The element's children that are fields of `table` into `values`; others are unknown."""
    names = _NAMES[table]
    for sub in element:
        local = _local(sub.tag)
        if not local:
            continue
        lower = local.lower()
        if lower in skip:
            continue
        canonical = names.get(lower)
        if canonical is None or len(sub):
            _unknown(rows, f"{where}/{local}", sub.sourceline)
            continue
        values.setdefault(canonical, sub.text)


def _unknown(rows: _Rows, where: str, line: int | None) -> None:
    seen = rows.unknown.get(where)
    if seen is None:
        rows.unknown[where] = [line, 1]
    else:
        seen[1] += 1


def _header(element, rows: _Rows) -> None:
    values: dict = {}
    for sub in element:
        local = _local(sub.tag)
        if local.lower() in ("collectiondetails", "source"):
            _leaves(sub, "Header", values, rows, f"Message/Header/{local}")
        elif local:
            _unknown(rows, f"Message/Header/{local}", sub.sourceline)
    rows.add("Header", values, element.sourceline)


def _child(element, rows: _Rows) -> None:
    identifiers: dict = {}
    identifiers_line = element.sourceline
    child_id = None
    for sub in element:
        if _local(sub.tag).lower() == "childidentifiers":
            _leaves(sub, "ChildIdentifiers", identifiers, rows, "Child/ChildIdentifiers")
            identifiers_line = sub.sourceline
            child_id = identifiers.get("LAchildID")
            break
    rows.add("ChildIdentifiers", identifiers, identifiers_line)
    key = {"LAchildID": child_id}
    episode = 0
    for sub in element:
        local = _local(sub.tag)
        lower = local.lower()
        if lower == "childidentifiers" or not local:
            continue
        if lower == "childcharacteristics":
            values = dict(key)
            _leaves(
                sub,
                "ChildCharacteristics",
                values,
                rows,
                "Child/ChildCharacteristics",
                skip=("disabilities",),
            )
            rows.add("ChildCharacteristics", values, sub.sourceline)
            for group in sub:
                if _local(group.tag).lower() == "disabilities":
                    _repeated(
                        group,
                        "Disabilities",
                        "Disability",
                        key,
                        rows,
                        "Child/ChildCharacteristics/Disabilities",
                    )
        elif lower == "cindetails":
            episode += 1
            _episode(sub, {**key, "CINdetailsID": str(episode)}, rows)
        else:
            _unknown(rows, f"Child/{local}", sub.sourceline)


def _repeated(element, table: str, field: str, key: dict, rows: _Rows, where: str) -> None:
    """A wrapper of repeated single values (Disabilities, factors, Reviews): a row each."""
    for sub in element:
        local = _local(sub.tag)
        if not local:
            continue
        if _NAMES[table].get(local.lower()) == field and not len(sub):
            rows.add(table, {**key, field: sub.text}, sub.sourceline)
        else:
            _unknown(rows, f"{where}/{local}", sub.sourceline)


_EPISODE_GROUPS = ("assessments", "cinplandates", "section47", "childprotectionplans")


def _episode(element, key: dict, rows: _Rows) -> None:
    values = dict(key)
    _leaves(element, "CINdetails", values, rows, "Child/CINdetails", skip=_EPISODE_GROUPS)
    rows.add("CINdetails", values, element.sourceline)
    assessment = plan = 0
    for sub in element:
        lower = _local(sub.tag).lower()
        if lower == "assessments":
            assessment += 1
            own = {**key, "AssessmentID": str(assessment)}
            values = dict(own)
            _leaves(
                sub,
                "Assessments",
                values,
                rows,
                "Child/CINdetails/Assessments",
                skip=("factorsidentifiedatassessment", "assessmentfactors"),
            )
            rows.add("Assessments", values, sub.sourceline)
            for group in sub:
                group_name = _local(group.tag).lower()
                if group_name == "factorsidentifiedatassessment" or (
                    group_name == "assessmentfactors" and len(group)
                ):
                    _repeated(
                        group,
                        "AssessmentFactors",
                        "AssessmentFactors",
                        own,
                        rows,
                        f"Child/CINdetails/Assessments/{_local(group.tag)}",
                    )
                elif group_name == "assessmentfactors":  # a factor outside a wrapper
                    rows.add(
                        "AssessmentFactors",
                        {**own, "AssessmentFactors": group.text},
                        group.sourceline,
                    )
        elif lower == "cinplandates":
            values = dict(key)
            _leaves(sub, "CINplanDates", values, rows, "Child/CINdetails/CINPlanDates")
            rows.add("CINplanDates", values, sub.sourceline)
        elif lower == "section47":
            values = dict(key)
            _leaves(sub, "Section47", values, rows, "Child/CINdetails/Section47")
            rows.add("Section47", values, sub.sourceline)
        elif lower == "childprotectionplans":
            plan += 1
            own = {**key, "CPPID": str(plan)}
            values = dict(own)
            _leaves(
                sub,
                "ChildProtectionPlans",
                values,
                rows,
                "Child/CINdetails/ChildProtectionPlans",
                skip=("reviews",),
            )
            rows.add("ChildProtectionPlans", values, sub.sourceline)
            for group in sub:
                if _local(group.tag).lower() == "reviews":
                    _repeated(
                        group,
                        "CPPreviews",
                        "CPPreviewDate",
                        own,
                        rows,
                        "Child/CINdetails/ChildProtectionPlans/Reviews",
                    )


def _syntax_problem(name: str, path: Path, error, open_elements: list, log: ProblemLog) -> None:
    line = getattr(error, "lineno", None) or None
    reason = (getattr(error, "msg", "") or str(error)).strip()
    if path.stat().st_size == 0:
        log.add(file=name, code="empty_file", message=f"{name} is empty")
        return
    inside, opened = open_elements[-1] if open_elements else ("", None)
    at_end = line is not None and "Excessive depth" not in reason and line >= _last_line(path)
    if open_elements and ("Premature end of data" in reason or at_end):
        where = "/".join(tag for tag, _ in open_elements)
        message = (
            f"{name} ends at line {line} before <{inside}> (opened on line {opened}) is closed: "
            f"the file is cut short or end tags are missing (open: {where}). Nothing was read "
            "from it"
        )
        code = "truncated"
    else:
        in_element = f" inside <{inside}> (opened on line {opened})" if inside else ""
        message = f"{name} is not well-formed XML at line {line}{in_element}: {reason}"
        code = "unreadable"
    log.add(file=name, row=line, column=inside, code=code, message=message)


def _last_line(path: Path) -> int:
    lines = 1
    with path.open("rb") as opened:
        while chunk := opened.read(1 << 20):
            lines += chunk.count(b"\n")
    return lines
