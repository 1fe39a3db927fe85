"""The pure rules of the Ofsted loader: frameworks by date, and merging sources."""

from __future__ import annotations

import datetime as dt

from trajectory.inspections.reference import OfstedRecord, framework_for, merge_records, name_key


def test_framework_follows_the_date_fieldwork_began():
    assert framework_for("sif", dt.date(2019, 1, 1)) == "sif"
    assert framework_for("standard", dt.date(2017, 12, 31)) == "sif"
    assert framework_for("standard", dt.date(2018, 1, 1)) == "ilacs"
    assert framework_for("focused_visit", dt.date(2022, 12, 31)) == "ilacs"
    assert framework_for("short", dt.date(2023, 1, 1)) == "ilacs_2023"
    assert framework_for("standard", dt.date(2026, 3, 31)) == "ilacs_2023"
    assert framework_for("standard", dt.date(2026, 4, 1)) == "ilacs_2026"
    assert framework_for("jtai", dt.date(2020, 1, 1)) == "jtai"


def test_same_council_kind_and_start_merge_and_fill_gaps_from_the_less_trusted_source():
    trusted = OfstedRecord(
        "938",
        "standard",
        fieldwork_start=dt.date(2019, 2, 25),
        published_on=dt.date(2019, 5, 8),
        judgements={"overall": "inadequate"},
        sources=["ofsted_2025"],
    )
    scraped = OfstedRecord(
        "938",
        "standard",
        fieldwork_start=dt.date(2019, 2, 25),
        fieldwork_end=dt.date(2019, 3, 8),
        published_on=dt.date(2019, 5, 8),
        report_url="https://example.org/r.pdf",
        judgements={"overall": "good", "leaders": "inadequate"},
        sources=["ilacs_csv"],
    )
    merged = merge_records([trusted, scraped])
    assert len(merged) == 1
    record = merged[0]
    assert record.fieldwork_end == dt.date(2019, 3, 8)
    assert record.report_url == "https://example.org/r.pdf"
    assert record.judgements == {"overall": "inadequate", "leaders": "inadequate"}
    assert record.source == "ofsted_2025+ilacs_csv"


def test_publication_only_rows_merge_by_publication_date_and_visits_stay_apart():
    dated = OfstedRecord(
        "938",
        "standard",
        fieldwork_start=dt.date(2023, 3, 13),
        published_on=dt.date(2023, 5, 11),
        sources=["ofsted_2025"],
    )
    publication_only = OfstedRecord(
        "938", "short", published_on=dt.date(2023, 5, 11), sources=["ofsted_2024"]
    )
    visit_a = OfstedRecord(
        "938", "monitoring_visit", fieldwork_start=dt.date(2022, 3, 30), sources=["ofsted_2023"]
    )
    visit_b = OfstedRecord(
        "938", "monitoring_visit", fieldwork_start=dt.date(2022, 9, 21), sources=["ofsted_2023"]
    )
    other_council = OfstedRecord(
        "936", "standard", fieldwork_start=dt.date(2023, 3, 13), sources=["ofsted_2025"]
    )
    merged = merge_records([dated, publication_only, visit_a, visit_b, other_council])
    assert len(merged) == 4
    assert dated.sources == ["ofsted_2025", "ofsted_2024"]


def test_judgement_names_follow_the_framework_version():
    before_2023 = OfstedRecord(
        "938",
        "standard",
        fieldwork_start=dt.date(2019, 2, 25),
        judgements={"overall": "inadequate", "children_in_care": "inadequate"},
    )
    assert before_2023.normalised_judgements() == {
        "overall": "inadequate",
        "children_in_care_and_care_leavers": "inadequate",
    }
    after_reform = OfstedRecord(
        "938",
        "standard",
        fieldwork_start=dt.date(2026, 5, 11),
        judgements={"overall": "good", "leaders": "good"},
    )
    assert after_reform.normalised_judgements() == {"leaders": "good"}
    visit = OfstedRecord(
        "938", "focused_visit", fieldwork_start=dt.date(2024, 7, 24), judgements={"overall": "good"}
    )
    assert visit.normalised_judgements() == {}


def test_council_names_compare_across_ofsted_ons_and_dfe_spellings():
    assert name_key("Bristol, City of") == name_key("Bristol")
    assert name_key("Bournemouth, Christchurch & Poole") == name_key(
        "Bournemouth, Christchurch and Poole"
    )
    assert name_key("St. Helens") == name_key("St Helens")
