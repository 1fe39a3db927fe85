"""Small Annex A workbooks written inline, and a reader that takes bytes."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from trajectory.returns.annex_a.reader import AnnexAReadResult, read_return

TODAY = date(2025, 5, 1)


def workbook(sheets: dict[str, list[list]]) -> bytes:
    """An xlsx holding one sheet per entry, rows as given (the first row is row 1)."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.fixture
def read(tmp_path):
    """read(bytes or {name: bytes}, **options) -> AnnexAReadResult, for files written to disk."""

    def reading(content, **options) -> AnnexAReadResult:
        contents = content if isinstance(content, dict) else {"annex_a.xlsx": content}
        files = []
        for name, data in contents.items():
            path = tmp_path / name
            path.write_bytes(data)
            files.append((name, path))
        options.setdefault("max_bytes", 50_000_000)
        options.setdefault("today", TODAY)
        return read_return(files, **options)

    return reading


def codes(result: AnnexAReadResult) -> list[str]:
    return [p.code for p in result.log.kept]


def by_code(result: AnnexAReadResult, code: str):
    return [p for p in result.log.kept if p.code == code]


@pytest.fixture
def folder(tmp_path) -> Path:
    return tmp_path
