"""Every table as CSV and XLSX and every chart as PNG and SVG (issues 7.18, 8.9), through one
middleware rather than a download view per table or chart.

On a page's own address (its other parameters kept, so a filtered audit log or a page of
results downloads as shown), `?download=csv&table=N` (or `xlsx`) gives the Nth table of the
page's <main> (1-based) and `?download=png&chart=ID` or `?download=svg&chart=ID` the chart
whose Vega-Lite spec is in the page's JSON script `ID`, drawn by vl-convert
(web/chart_images.py). The page's view runs as usual first, so its permission check, its audit
entry and its `Cache-Control: no-store` (web/no_store.py, for child-level pages) all apply.
Every CSV and XLSX cell goes through `safe_cells` (issue 6.10); in XLSX a cell that is a plain
number as shown ("1,234", "-3", "+5", "−0.1", "12.5") is written as that number so it can be
added up, anything else ("12.5%", "Not published") as text. Each download is itself audited
(`table.download`, `chart.download`). init.js puts the links under each table and chart.

A table that shows only part of a list with its own whole-list download (the child list's
page of 25) opts out with the `data-no-table-download` attribute: init.js offers no link
under it and `?download=csv&table=N` for it is 404, so only the whole list is downloadable."""

from __future__ import annotations

import io
import json
import re
from html import unescape
from html.parser import HTMLParser

from django.http import HttpResponse, HttpResponseNotFound
from django.utils import timezone
from django.utils.text import slugify
from openpyxl import Workbook

from trajectory.audit.services import record
from trajectory.councils.selectors import councils_for_user
from trajectory.safe_cells import SafeCsvWriter, append_safe
from trajectory.web.chart_images import chart_png, chart_svg, titled
from trajectory.web.dates import govuk_date
from trajectory.web.no_store import mark_no_store

DOWNLOAD = "download"
TABLE = "table"
CHART = "chart"
NO_TABLE_DOWNLOAD = "data-no-table-download"
TABLE_FORMATS = ("csv", "xlsx")
FORMATS = (*TABLE_FORMATS, "png", "svg")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_SPACE = re.compile(r"\s+")
_PLAIN_NUMBER = re.compile(r"^[-+−]?\d{1,3}(,\d{3})*(\.\d+)?$|^[-+−]?\d+(\.\d+)?$")


class _Tables(HTMLParser):
    """The page's tables as caption and rows of cell text (visually hidden text included, so
    a heading reads as a screen reader hears it)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tables: list[dict] = []
        self._open: list[dict] = []
        self._cell: list[str] | None = None
        self._caption: list[str] | None = None
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "button"):
            self._skip += 1
        if tag == "table":
            opted_out = any(name == NO_TABLE_DOWNLOAD for name, _ in attrs)
            table = {"caption": "", "rows": [], "downloadable": not opted_out}
            self.tables.append(table)
            self._open.append(table)
        elif not self._open:
            return
        elif tag == "caption":
            self._caption = []
        elif tag == "tr":
            self._open[-1]["rows"].append([])
        elif tag in ("td", "th"):
            self._cell = []
        elif tag == "br" and self._cell is not None:
            self._cell.append(" ")
        elif tag == "dt" and self._cell and "".join(self._cell).strip():
            self._cell.append("; ")

    def handle_endtag(self, tag):
        if tag in ("script", "style", "button"):
            self._skip = max(0, self._skip - 1)
        if not self._open:
            return
        if tag == "table":
            self._open.pop()
        elif tag == "dt" and self._cell is not None:
            self._cell.append(": ")
        elif tag == "caption" and self._caption is not None:
            self._open[-1]["caption"] = _SPACE.sub(" ", "".join(self._caption)).strip()
            self._caption = None
        elif tag in ("td", "th") and self._cell is not None:
            rows = self._open[-1]["rows"]
            if rows:
                rows[-1].append(_SPACE.sub(" ", "".join(self._cell)).strip())
            self._cell = None

    def handle_data(self, data):
        if self._skip:
            return
        if self._cell is not None:
            self._cell.append(data)
        elif self._caption is not None:
            self._caption.append(data)


def page_tables(html: str) -> list[dict]:
    """The tables inside the page's <main> (as init.js counts them), in order."""
    start, end = html.find("<main"), html.rfind("</main>")
    if start != -1 and end != -1:
        html = html[start:end]
    parser = _Tables()
    parser.feed(html)
    parser.close()
    return parser.tables


def _council(request):
    match = getattr(request, "resolver_match", None)
    code = match.kwargs.get("council_code") if match else None
    return councils_for_user(request.user).filter(code=code).first() if code else None


def chart_spec(html: str, script_id: str) -> dict | None:
    """The JSON a page's `{{ spec|json_script:"ID" }}` holds, or None."""
    found = re.search(
        r'<script id="' + re.escape(script_id) + r'" type="application/json">(.*?)</script>',
        html,
        re.S,
    )
    return json.loads(found[1]) if found else None


def _cell_value(text: str):
    """A cell as XLSX holds it: a plain number as a number, anything else as its text."""
    if _PLAIN_NUMBER.match(text):
        number = float(text.replace(",", "").replace("−", "-"))
        return int(number) if number.is_integer() and "." not in text else number
    return text


def table_file(rows: list[list], kind: str, *, name: str, title: str) -> HttpResponse:
    """A table (its first row the header) as a CSV or XLSX attachment `name.kind`, every cell
    through safe_cells; in XLSX plain numbers as numbers. One builder for every table the app
    gives as a file, from a page or a whole list."""
    if kind == "csv":
        download = HttpResponse(content_type="text/csv; charset=utf-8")
        writer = SafeCsvWriter(download)
        for row in rows:
            writer.writerow(row)
    else:
        book = Workbook()
        sheet = book.active
        sheet.title = title[:31].translate(str.maketrans("", "", "[]:*?/\\")) or "Table"
        for number, row in enumerate(rows):
            append_safe(sheet, row if number == 0 else [_cell_value(cell) for cell in row])
        out = io.BytesIO()
        book.save(out)
        download = HttpResponse(out.getvalue(), content_type=XLSX)
    download["Content-Disposition"] = f'attachment; filename="{name}.{kind}"'
    return download


def _table_file(html: str, request, kind: str) -> tuple[HttpResponse, dict] | None:
    try:
        index = int(request.GET.get(TABLE, ""))
    except ValueError:
        return None
    tables = page_tables(html)
    if not 1 <= index <= len(tables):
        return None
    table = tables[index - 1]
    if not table["downloadable"]:
        return None
    caption = table["caption"] or f"Table {index}"
    name = slugify(table["caption"])[:60] or f"table-{index}"
    download = table_file(table["rows"], kind, name=name, title=caption)
    return download, {"action": "table.download", "table": caption, "format": kind}


def page_heading(html: str) -> str:
    """The page's <h1> as text (its visually hidden parts too), or ''."""
    found = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", found[1])).split()) if found else ""


def _source_line(request) -> str:
    council = _council(request)
    where = f"{council.name} ({council.code}), " if council else ""
    return f"Source: Trajectory, {where}downloaded {govuk_date(timezone.localdate())}"


def _chart_file(html: str, request, kind: str) -> tuple[HttpResponse, dict] | None:
    script_id = request.GET.get(CHART, "")
    spec = chart_spec(html, script_id) if script_id else None
    if spec is None:
        return None
    title = spec.get("description") or script_id
    name = slugify(title.split(".")[0])[:60] or "chart"
    spec = titled(spec, page_heading(html), _source_line(request))
    if kind == "png":
        download = HttpResponse(chart_png(spec), content_type="image/png")
    else:
        download = HttpResponse(chart_svg(spec), content_type="image/svg+xml; charset=utf-8")
    download["Content-Disposition"] = f'attachment; filename="{name}.{kind}"'
    return download, {"action": "chart.download", "chart": title, "format": kind}


class PageDownloadMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        kind = request.GET.get(DOWNLOAD) if request.method == "GET" else None
        response = self.get_response(request)
        if kind not in FORMATS or response.status_code != 200:
            return response
        if not response.get("Content-Type", "").startswith("text/html"):
            return response
        html = response.content.decode(response.charset or "utf-8")
        made = (
            _table_file(html, request, kind)
            if kind in TABLE_FORMATS
            else _chart_file(html, request, kind)
        )
        if made is None:
            return HttpResponseNotFound("There is no such table or chart on this page.")
        download, detail = made
        if "no-store" in response.get("Cache-Control", ""):
            mark_no_store(download)
        action = detail.pop("action")
        record(
            user=request.user,
            action=action,
            council=_council(request),
            detail={"page": request.path, **detail},
            request=request,
        )
        return download
