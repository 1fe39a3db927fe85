"""Every paper, generated for the demo council in every format (issue 12's bar): each PDF
renders page by page (pdftoppm) with the data version on every page, each Word document reads
back (python-docx) with a Heading 1 for each of its template's sections and real tables, every
chart has alt text in HTML and Word, and every figure a sentence cites is in the figures cited.
One demo for the four papers, so the suite loads it once."""

from __future__ import annotations

import io
import re
import subprocess
from datetime import date

import docx

from trajectory.reports import catalogue, services

AS_AT = date(2026, 10, 31)  # after the final review and the recommendation (synth/journey.py)


def _pdf_pages(content: bytes, folder) -> tuple[int, str]:
    pdf = folder / "paper.pdf"
    pdf.write_bytes(content)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    pages = int(re.search(r"Pages:\s+(\d+)", info.stdout).group(1))
    for old in folder.glob("page*.png"):
        old.unlink()
    subprocess.run(["pdftoppm", "-r", "30", "-png", str(pdf), str(folder / "page")], check=True)
    assert len(list(folder.glob("page*.png"))) == pages
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    return pages, " ".join(text.split())


def test_every_paper_in_every_format(db, settings, tmp_path, monkeypatch):
    from trajectory.synth.demo import demo_load

    today = date(2026, 12, 4)
    settings.VAR_DIR = tmp_path / "var"
    settings.TRAJECTORY_TODAY = today
    monkeypatch.setattr("trajectory.plans.clock.today", lambda: today)
    demo = demo_load(children=60, years=1, seed=7, out_dir=tmp_path)

    for kind in catalogue.REPORTS:
        version = services.report_generate(
            user=None, council=demo.council, kind=kind.key, as_at=AS_AT
        )
        files = {item.format: bytes(item.content) for item in version.files.all()}
        running = f"Data: Indicator run {version.run_id}"

        pages, text = _pdf_pages(files["pdf"], tmp_path)
        assert text.count(running) == pages, kind.key

        word = docx.Document(io.BytesIO(files["docx"]))
        headings = [p.text for p in word.paragraphs if p.style.name == "Heading 1"]
        assert headings[: len(kind.current.sections)] == [
            spec.title for spec in kind.current.sections
        ], kind.key
        assert headings[-1] == "Figures cited"
        assert word.tables, kind.key
        for shape in word.inline_shapes:
            assert shape._inline.docPr.get("descr"), kind.key

        html = files["html"].decode()
        charts = re.findall(r'<div role="img" aria-label="([^"]*)">', html)
        assert len(charts) == len(word.inline_shapes), kind.key
        assert all(label.strip() for label in charts), kind.key
        links = set(re.findall(r'href="#(figure-\d+)"', html))
        assert links <= set(re.findall(r'id="(figure-\d+)"', html)), kind.key
        assert "{" not in re.sub(r"<style>.*?</style>", "", html, flags=re.S), kind.key
