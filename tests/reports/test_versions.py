"""Report versions (issue 12.7, 12's bar): a paper is kept with what it read and drawn again
from that, whatever has been imported since; generating again gives the new figures and says
what changed; narratives are kept with the version; every file is kept."""

from __future__ import annotations

import io
import re
import subprocess
from datetime import date

import docx
import pytest
from django.core.exceptions import ValidationError

from trajectory.audit.models import AuditEntry
from trajectory.reports import paper, services
from trajectory.reports.models import ReportFile, ReportVersion
from trajectory.web.edit_conflicts import StaleEdit

JULY, AUGUST, SEPTEMBER = date(2026, 7, 31), date(2026, 8, 31), date(2026, 9, 30)


@pytest.fixture
def first(council, sample_kind, make_run, make_user):
    make_run(council, {JULY: 900, AUGUST: 905, SEPTEMBER: 913})
    analyst = make_user("analyst", council)
    return services.report_generate(
        user=analyst, council=council, kind="sample", as_at=SEPTEMBER, watermark="DRAFT"
    )


def _text(version, file_format="html") -> str:
    content = bytes(version.files.filter(format=file_format).first().content)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", content.decode()))


def test_generating_keeps_the_run_the_choices_and_a_file_of_each_format(first, council):
    assert first.number == 1
    assert first.template_version == 1
    assert first.run.period_to == SEPTEMBER
    assert first.audience == ReportVersion.Audience.INTERNAL
    assert sorted(first.files.values_list("format", flat=True)) == ["docx", "html", "pdf"]
    text = _text(first)
    assert "Looked after: 913." in text  # the run's September figure, written by hand above
    assert f"Indicator run {first.run_id}" in text
    assert "DRAFT" in text
    entry = AuditEntry.objects.filter(action="report.generate").get()
    assert entry.detail["number"] == 1 and entry.detail["run"] == first.run_id


def test_a_version_is_never_changed_in_place(first):
    first.watermark = "changed"
    with pytest.raises(PermissionError):
        first.save()
    file = first.files.first()
    with pytest.raises(PermissionError):
        file.save()


def test_a_new_return_does_not_change_a_kept_paper_and_a_new_version_says_what_changed(
    first, council, make_run
):
    # A later import: a new run holds September as 920.
    make_run(council, {JULY: 900, AUGUST: 905, SEPTEMBER: 920})
    again = paper.drawn(ReportVersion.objects.get(pk=first.pk))
    assert again.reading.cited[0].shown == "913"
    redrawn = paper.html_file(again)
    kept = bytes(first.files.get(format="html").content).decode()
    assert redrawn == kept  # drawn again from the version: the same paper, byte for byte

    second = services.report_generate(
        user=None, council=council, kind="sample", as_at=SEPTEMBER, previous=first
    )
    assert second.number == 2 and second.run_id != first.run_id
    assert second.watermark == "DRAFT"  # the previous version's choices
    assert second.changes["figures"] == [
        {
            "label": "Children looked after",
            "as_at": "2026-09-30",
            "before": "913",
            "after": "920",
        }
    ]
    assert "1 figure differs." in second.changes["summary"]
    assert "What changed since version 1" in _text(second)


def test_a_paper_at_an_earlier_date_reads_only_the_run_up_to_it(council, sample_kind, make_run):
    make_run(council, {JULY: 900, AUGUST: 905, SEPTEMBER: 913})
    version = services.report_generate(user=None, council=council, kind="sample", as_at=AUGUST)
    assert "Looked after: 905." in _text(version)


def test_narratives_are_kept_with_the_version_and_files_kept_for_each(first, make_user, council):
    leader = make_user("leader", council)
    narrative = first.narratives.get(key="sample.narrative")
    services.report_narrative_save(
        user=leader,
        version=first,
        key="sample.narrative",
        text="The big group is 40. We have a plan.",
        opened_version=narrative.edit_version,
    )
    first.refresh_from_db()
    assert first.narrative_revision == 1
    edited = services.report_file(version=first, file_format="html")
    assert "We have a plan." in bytes(edited.content).decode()
    # The file of the draft is kept beside it.
    assert ReportFile.objects.filter(version=first, format="html").count() == 2
    # A form opened before that save is refused, naming who saved.
    with pytest.raises(StaleEdit):
        services.report_narrative_save(
            user=leader, version=first, key="sample.narrative", text="Mine.", opened_version=1
        )


def test_an_issued_paper_is_final(first, council):
    services.report_issue(user=None, version=first)
    first.refresh_from_db()
    assert first.issued_at is not None
    with pytest.raises(ValidationError):
        services.report_narrative_save(user=None, version=first, key="sample.narrative", text="x")
    with pytest.raises(ValidationError):
        services.report_issue(user=None, version=first)


def test_a_paper_leaving_the_council_suppresses_small_numbers(council, sample_kind, make_run):
    make_run(council, {SEPTEMBER: 913})
    version = services.report_generate(
        user=None, council=council, kind="sample", as_at=SEPTEMBER, leaves_council=True
    )
    assert version.minimum_count == 5  # the council's small-number rule by default
    text = _text(version)
    assert "A small group of c and a big one of 40." in text
    assert "North c c 11" in text  # the table's secondary suppression (test_suppression.py)


def test_the_pdf_renders_page_by_page(first, tmp_path):
    pdf = tmp_path / "paper.pdf"
    pdf.write_bytes(bytes(first.files.get(format="pdf").content))
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    pages = int(re.search(r"Pages:\s+(\d+)", info.stdout).group(1))
    assert pages >= 2
    subprocess.run(["pdftoppm", "-r", "40", "-png", str(pdf), str(tmp_path / "page")], check=True)
    assert len(list(tmp_path.glob("page*.png"))) == pages
    text = " ".join(
        subprocess.run(
            ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout.split()
    )
    # The data version and the page number on every page.
    assert text.count(f"Data: Indicator run {first.run_id}") == pages
    assert f"Page {pages} of {pages}" in text


def test_the_word_document_reads_back_with_headings_tables_and_alt_text(first):
    document = docx.Document(io.BytesIO(bytes(first.files.get(format="docx").content)))
    headings = [
        (p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("Heading")
    ]
    assert headings == [
        ("Heading 1", "Figures"),
        ("Heading 2", "Summary"),
        ("Heading 1", "Extra"),
        ("Heading 1", "Figures cited"),
        ("Heading 2", "How each figure is counted"),
    ]
    # About this paper, children by team, the figures cited.
    assert len(document.tables) == 3
    team = document.tables[1]
    assert [cell.text for cell in team.rows[1].cells] == ["North", "2", "9", "11"]
    (chart,) = document.inline_shapes
    assert chart._inline.docPr.get("descr") == "A line of children looked after each month."
    assert f"Indicator run {first.run_id}" in document.sections[0].footer.paragraphs[0].text
    assert document.sections[0].header.paragraphs[0].text == "DRAFT"


def test_every_figure_a_sentence_cites_is_in_the_figures_cited(first):
    html = bytes(first.files.get(format="html").content).decode()
    links = set(re.findall(r'href="#(figure-\d+)"', html))
    targets = set(re.findall(r'id="(figure-\d+)"', html))
    assert links and links == targets
