"""The plan's DOCX carries the figures of the indicators its priorities and actions cite
(issue 7.18): under each priority, each cited indicator's latest figure against the year
before, and the chart its page draws, as a picture drawn by vl-convert."""

from __future__ import annotations

import io
from datetime import date

import pytest
from docx import Document as WordDocument
from docx.shared import Inches

from trajectory.plans import exports, services

pytestmark = pytest.mark.django_db
TODAY = date(2025, 7, 10)


def test_docx_has_the_cited_indicators_figures_and_charts(plan, manager, indicator_run):
    first = plan.priorities.get(number=1)
    action = services.action_create(
        priority=first, user=manager, title="Return interviews", due_on=date(2025, 9, 30)
    )
    services.evidence_link_add(
        user=manager, kind="indicator", action=action, indicator_id="cla_missing_pct"
    )
    # Cited twice (by the priority too): shown once.
    services.evidence_link_add(
        user=manager, kind="indicator", priority=first, indicator_id="cla_missing_pct"
    )

    word = WordDocument(io.BytesIO(exports.plan_docx(manager, plan, today=TODAY)))

    paragraphs = [p.text for p in word.paragraphs]
    # 13 month-ends from 31 March 2024 at 8.0%, rising by 0.5 a month: 31 March 2025 is 14.0%,
    # 8.0% a year before it; missing is lower-is-better, so worsening.
    start = paragraphs.index("Priority 1: Social worker caseloads are too high.")
    section = paragraphs[
        start : paragraphs.index("Priority 2: Management oversight is not effective.")
    ]
    assert "Figures" in section and section.count("Figures") == 1
    figure = [text for text in section if text.startswith("Children who went missing:")]
    assert figure == [
        "Children who went missing: 14.0% at 31 March 2025. 12 months before: 8.0% (worsening)."
    ]
    assert len(word.inline_shapes) == 1  # one chart, under priority 1 only
    assert word.inline_shapes[0].width == Inches(6)
    blob = word.inline_shapes[0]._inline.graphic.graphicData.pic.blipFill.blip.embed
    image = word.part.related_parts[blob].blob
    assert image[:8] == b"\x89PNG\r\n\x1a\n"


def test_a_plan_citing_no_indicator_has_no_figures(plan, manager):
    word = WordDocument(io.BytesIO(exports.plan_docx(manager, plan, today=TODAY)))
    assert "Figures" not in [p.text for p in word.paragraphs]
    assert len(word.inline_shapes) == 0
