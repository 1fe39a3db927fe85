"""A report version as a Word document (issue 12.1): real headings (Word's Heading styles, so
the navigation pane and a table of contents work), real tables with a repeating header row,
charts as PNG with their alt text, the data version and generation time in every page's footer
and the watermark in its header, so a council can edit the paper afterwards as it edits its own.
A sentence's figures are the numbers in square brackets of the "Figures cited" table at the end.
"""

from __future__ import annotations

import io

from docx import Document as WordDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Inches, Pt, RGBColor

from trajectory.reports.paper import MARKER_TEXT, Drawn
from trajectory.reports.present import Said, Shown, ShownSection
from trajectory.web.chart_images import chart_png

GREY = RGBColor(0x50, 0x5A, 0x5F)


def _said(paragraph, said: Said) -> None:
    paragraph.add_run(said.text)
    if said.refs:
        run = paragraph.add_run("[" + ", ".join(str(ref) for ref in said.refs) + "]")
        run.font.superscript = True


def _sentences(document, sentences, style=None) -> None:
    paragraph = document.add_paragraph(style=style)
    for index, said in enumerate(sentences):
        if index:
            paragraph.add_run(" ")
        _said(paragraph, said)


def _repeat_header(row) -> None:
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _table(document, caption: str, head, rows) -> None:
    document.add_paragraph(caption, style="Caption")
    table = document.add_table(rows=1, cols=len(head))
    table.style = "Table Grid"
    for cell, name in zip(table.rows[0].cells, head, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(str(name)).bold = True
    _repeat_header(table.rows[0])
    for row in rows:
        cells = table.add_row().cells
        for cell, (text, total, refs) in zip(cells, row, strict=False):
            paragraph = cell.paragraphs[0]
            run = paragraph.add_run(str(text))
            run.bold = bool(total)
            if refs:
                ref = paragraph.add_run("[" + ", ".join(str(r) for r in refs) + "]")
                ref.font.superscript = True


def _picture(document, png: bytes, alt: str, title: str) -> None:
    document.add_picture(io.BytesIO(png), width=Inches(6.3))
    properties = document.inline_shapes[-1]._inline.docPr
    properties.set("descr", alt)
    properties.set("title", title)


def _block(document, block: Shown, level: int) -> None:
    if block.kind in ("paragraph",):
        for sentences in block.paragraphs:
            _sentences(document, sentences)
    elif block.kind == "narrative":
        document.add_heading(block.title, level=min(level + 1, 9))
        if not block.paragraphs:
            document.add_paragraph("No text yet.")
        for sentences in block.paragraphs:
            _sentences(document, sentences)
    elif block.kind == "items":
        if not block.paragraphs or not block.paragraphs[0]:
            document.add_paragraph(block.empty)
        for said in block.paragraphs[0] if block.paragraphs else ():
            paragraph = document.add_paragraph(style="List Bullet")
            _said(paragraph, said)
    elif block.kind == "table":
        if not block.rows:
            document.add_paragraph(f"{block.title}: {block.empty}")
            return
        _table(document, block.title, block.head, block.rows)
        if block.withheld:
            document.add_paragraph(MARKER_TEXT)
    elif block.kind == "chart":
        _picture(document, chart_png(block.chart.spec), block.chart.alt, block.title)
        document.add_paragraph(f"{block.title}. {block.chart.alt}", style="Caption")


def _section(document, section: ShownSection) -> None:
    document.add_heading(section.title, level=min(section.level, 9))
    for block in section.blocks:
        _block(document, block, section.level)
    for sub in section.subsections:
        _section(document, sub)


def _margins(document, meta: dict) -> None:
    for part in document.sections:
        footer = part.footer.paragraphs[0]
        footer.text = meta["running"]
        for run in footer.runs:
            run.font.size = Pt(8)
            run.font.color.rgb = GREY
        if meta["watermark"]:
            header = part.header.paragraphs[0]
            header.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run = header.add_run(meta["watermark"])
            run.bold = True
            run.font.color.rgb = GREY


def docx_file(found: Drawn) -> bytes:
    meta, reading = found.meta, found.reading
    document = WordDocument()
    document.core_properties.title = f"{meta['title']}: {meta['council']}"
    document.core_properties.subject = f"As at {meta['as_at']}"
    _margins(document, meta)
    document.add_heading(meta["title"], level=0)
    document.add_paragraph(f"{meta['council']}. As at {meta['as_at']}.")
    facts = [
        ("Version", meta["version"]),
        ("Data", meta["data_version"]),
        ("Generated", meta["generated"]),
        ("Audience", meta["audience"]),
    ]
    if meta["distribution"]:
        facts.append(("Distribution", "; ".join(meta["distribution"])))
    if meta["issued"]:
        facts.append(("Issued", meta["issued"]))
    _table(
        document, "About this paper", ("", ""), [((k, True, ()), (v, False, ())) for k, v in facts]
    )
    changes = meta["changes"]
    if changes:
        document.add_heading(f"What changed since version {changes['previous']}", level=1)
        document.add_paragraph(changes["summary"])
        if changes.get("figures"):
            _table(
                document,
                "Figures that differ",
                ("Figure", "Date", f"Version {changes['previous']}", "This version"),
                [
                    (
                        (item["label"], False, ()),
                        (item["as_at"], False, ()),
                        (item["before"], False, ()),
                        (item["after"], False, ()),
                    )
                    for item in changes["figures"]
                ],
            )
    for section in reading.sections:
        _section(document, section)
    document.add_heading("Figures cited", level=1)
    if reading.withheld:
        document.add_paragraph(MARKER_TEXT)
    if reading.cited:
        _table(
            document,
            "The figures this paper cites",
            ("Figure", "What", "Value", "Date", "Counting rule"),
            [
                (
                    (str(cited.number), False, ()),
                    (cited.figure.label, False, ()),
                    (cited.shown, False, ()),
                    (cited.as_at_shown, False, ()),
                    (f"Rule {cited.rule_number}", False, ()),
                )
                for cited in reading.cited
            ],
        )
        document.add_heading("How each figure is counted", level=2)
        for rule in reading.rules:
            paragraph = document.add_paragraph(style="List Number")
            paragraph.add_run(f"Rule {rule.number}. ").bold = True
            paragraph.add_run(f"{rule.rule} Source: {rule.source}")
    else:
        document.add_paragraph("This paper cites no figures.")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
