"""A report version drawn as HTML and PDF (issue 12.1, 12.7): one template for the page, the
HTML file and the PDF (WeasyPrint prints the HTML file), charts as SVG drawn by vl-convert from
the specs the version keeps. Every printed page carries the data version, the generation time
and the page number in its margin, and the watermark across it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.template.loader import render_to_string

from trajectory.reports import catalogue
from trajectory.reports.document import Chart, Document, walk
from trajectory.reports.models import ReportVersion
from trajectory.reports.present import Reading, read
from trajectory.voice.suppression import MARKER, Rule
from trajectory.web.chart_images import chart_svg
from trajectory.web.dates import govuk_date, govuk_date_time

CSS = Path(__file__).with_name("paper.css")
MARKER_TEXT = (
    f"“{MARKER}” marks a number withheld because it is so small it could point to a child or "
    "worker, or because with the others shown it would give such a number away."
)


@dataclass(frozen=True)
class Drawn:
    """A version read for its audience, with its front matter and chart drawings."""

    version: ReportVersion
    reading: Reading
    meta: dict
    svgs: dict[str, str]


def document_of(version: ReportVersion) -> Document:
    return Document.from_data(version.content)


def data_version(version: ReportVersion) -> str:
    """ "Indicator run 41; SSDA903 version 3, CIN census version 2" — what the figures read."""
    if version.run_id is None:
        return "No indicator run (no return imported at the time)"
    kinds = ", ".join(
        f"{item.get_kind_display()} version {item.number}"
        for item in version.return_versions.order_by("kind", "number")
    )
    return f"Indicator run {version.run_id}" + (f"; {kinds}" if kinds else "")


def narratives_of(version: ReportVersion) -> dict[str, str]:
    """The leaders' text by block; a block left blank reads as its draft."""
    return {row.key: row.text for row in version.narratives.all() if row.text.strip()}


def rule_of(version: ReportVersion) -> Rule | None:
    if not version.leaves_council:
        return None
    default = Rule()
    return Rule(
        minimum_respondents=version.minimum_respondents or default.minimum_respondents,
        minimum_count=version.minimum_count or default.minimum_count,
    )


def _people(user) -> str:
    if user is None:
        return "the command line"
    return user.get_full_name() or user.get_username()


def meta_of(version: ReportVersion, document: Document) -> dict:
    kind = catalogue.get(version.kind)
    generated = f"{govuk_date_time(version.created_at)} by {_people(version.created_by)}"
    data = data_version(version)
    changes = dict(version.changes) if version.changes else None
    return {
        "title": kind.title,
        "council": document.council_name,
        "as_at": govuk_date(date.fromisoformat(document.as_at)),
        "version": f"{version.number} (template version {version.template_version})",
        "data_version": data,
        "generated": generated,
        "audience": version.get_audience_display(),
        "watermark": version.watermark,
        "distribution": [
            line.strip() for line in version.distribution.splitlines() if line.strip()
        ],
        "issued": (
            f"{govuk_date_time(version.issued_at)} by {_people(version.issued_by)}"
            if version.issued_at
            else ""
        ),
        "changes": changes,
        "running": (
            f"{document.council_name}: {kind.title}, version {version.number}, as at "
            f"{govuk_date(date.fromisoformat(document.as_at))}. Data: {data}. Generated "
            f"{govuk_date_time(version.created_at)}."
            + (f" {version.watermark}." if version.watermark else "")
        ),
    }


def drawn(version: ReportVersion, *, with_svgs: bool = True) -> Drawn:
    document = document_of(version)
    reading = read(document, rule=rule_of(version), narratives=narratives_of(version))
    svgs = {}
    if with_svgs:
        for section in walk(document.sections):
            for block in section.blocks:
                if isinstance(block, Chart):
                    svgs[block.key] = chart_svg(block.spec)
    return Drawn(version, reading, meta_of(version, document), svgs)


def _css_string(text: str) -> str:
    """Text as a CSS string literal (for the page margin's running line)."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")
    return f'"{escaped}"'


def context(found: Drawn, *, links: bool, edit_urls: dict | None = None) -> dict:
    return {
        "reading": found.reading,
        "meta": found.meta,
        "svgs": found.svgs,
        "marker_text": MARKER_TEXT,
        "links": links,
        "edit_urls": edit_urls or {},
    }


def html_file(found: Drawn) -> str:
    """The paper as one self-contained HTML file: its styles inline, its charts drawn in."""
    css = CSS.read_text(encoding="utf-8").replace(
        "content: string(running)", f"content: {_css_string(found.meta['running'])}"
    )
    return render_to_string("reports/paper_file.html", {**context(found, links=False), "css": css})


def pdf_file(found: Drawn) -> bytes:
    from weasyprint import HTML  # imported here: loading it takes a moment every page need not

    return HTML(string=html_file(found)).write_pdf()
