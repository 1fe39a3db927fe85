"""Every table as CSV (issue 7.18): any page's table, as the page shows it, through one
middleware rather than a download view per table.

`?download=csv&table=N` on a page's own address (the page's other parameters kept, so a
filtered audit log or a page of results downloads as shown) runs the page's view as usual, so
its permission check, its audit entry and its `Cache-Control: no-store` (web/no_store.py, for
child-level pages) all apply, then returns the Nth table (1-based) as CSV instead of the page.
Every cell goes through `safe_cells` (issue 6.10), and each download is itself audited
(`table.download`). The links are added under each table by init.js."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from django.http import HttpResponse, HttpResponseNotFound
from django.utils.text import slugify

from trajectory.audit.services import record
from trajectory.councils.selectors import councils_for_user
from trajectory.safe_cells import SafeCsvWriter
from trajectory.web.no_store import mark_no_store

DOWNLOAD = "download"
TABLE = "table"
_SPACE = re.compile(r"\s+")


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
            table = {"caption": "", "rows": []}
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


class TableCsvMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        wanted = request.GET.get(DOWNLOAD) == "csv" and request.method == "GET"
        response = self.get_response(request)
        if not wanted or response.status_code != 200:
            return response
        if not response.get("Content-Type", "").startswith("text/html"):
            return response
        try:
            index = int(request.GET.get(TABLE, ""))
        except ValueError:
            return HttpResponseNotFound("No such table on this page.")
        tables = page_tables(response.content.decode(response.charset or "utf-8"))
        if not 1 <= index <= len(tables):
            return HttpResponseNotFound("No such table on this page.")
        table = tables[index - 1]
        name = slugify(table["caption"])[:60] or f"table-{index}"
        download = HttpResponse(content_type="text/csv; charset=utf-8")
        download["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        writer = SafeCsvWriter(download)
        for row in table["rows"]:
            writer.writerow(row)
        if "no-store" in response.get("Cache-Control", ""):
            mark_no_store(download)
        record(
            user=request.user,
            action="table.download",
            council=_council(request),
            detail={"page": request.path, "table": table["caption"] or f"Table {index}"},
            request=request,
        )
        return download
