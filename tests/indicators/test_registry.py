"""The catalogue is complete: every entry computes, is documented and says how to read it."""

from __future__ import annotations

from pathlib import Path

import pytest

from trajectory.indicators import registry

DOCS = Path(__file__).resolve().parents[2] / "docs" / "indicators.md"
IDS = [
    "cla_count",
    "cla_rate_per_10k",
    "cla_starts_12m",
    "cla_ceased_12m",
    "cla_3plus_placements_pct",
    "cla_long_term_stability_pct",
    "cla_reviews_on_time_pct",
    "care_leavers_in_touch_pct",
    "care_leavers_suitable_accom_pct",
    "care_leavers_eet_pct",
    "care_leavers_in_touch_17_18_pct",
    "care_leavers_suitable_accom_17_18_pct",
    "care_leavers_eet_17_18_pct",
    "cla_missing_pct",
    "cla_placed_foster_pct",
    "cla_placed_foster_relative_pct",
    "cla_placed_foster_other_pct",
    "cla_placed_childrens_homes_pct",
    "cla_placed_other_residential_pct",
    "cla_placed_independent_living_pct",
    "cla_placed_for_adoption_pct",
    "cla_placed_with_parents_pct",
    "cla_placed_other_pct",
    "cla_placed_distant_pct",
    "cla_uasc_count",
    "cla_uasc_pct",
    "cla_3plus_social_workers_pct",
    "cla_review_participation_pct",
    "cla_away_pct",
    "cla_missing_incidents_per_child",
    "cla_away_incidents_per_child",
    "cla_adopted_12m",
    "cla_adopted_pct",
    "cla_sgo_12m",
    "cla_sgo_pct",
    "care_leavers_in_touch_22_25_pct",
    # issue 10.6: the CIN census (front door, help and protection) and the workforce
    "cin_referrals_12m",
    "cin_referrals_rate_per_10k",
    "cin_rereferrals_pct",
    "cin_assessments_45wd_pct",
    "cin_s47_12m",
    "cin_s47_rate_per_10k",
    "cin_icpc_15wd_pct",
    "cpp_count",
    "cpp_rate_per_10k",
    "cpp_subsequent_pct",
    "cpp_2years_pct",
    "cpp_reviews_on_time_pct",
    "cin_count",
    "cin_rate_per_10k",
    # issue 10.6: Ofsted's Annex A, current to the day the council ran it
    "annex_a_contacts_to_referral_pct",
    "annex_a_rereferrals_pct",
    "annex_a_assessments_45wd_pct",
    "annex_a_icpc_15wd_pct",
    "annex_a_cpp_open_2years_pct",
    "annex_a_care_leavers_in_touch_pct",
    "annex_a_care_leavers_in_touch_17_18_pct",
    "workforce_caseload_per_fte",
    "workforce_vacancy_pct",
    "workforce_agency_pct",
    "workforce_turnover_pct",
    "workforce_absence_pct",
    "workforce_supervision_pct",
    "audits_good_or_better_pct",
    "audit_moderation_agreement_pct",
    "audits_completed_pct",
    "supervision_compliance_pct",
    "case_oversight_pct",
]


def test_the_catalogue_holds_exactly_the_agreed_ids():
    assert len(IDS) >= 45  # issue 10.6: at least 45 indicators in all (8.8: 25)
    assert [indicator.id for indicator in registry.INDICATORS] == IDS
    assert registry.get("cla_count").title == "Children looked after"
    with pytest.raises(KeyError):
        registry.get("no_such_indicator")


@pytest.mark.parametrize("indicator", registry.INDICATORS, ids=lambda i: i.id)
def test_every_entry_is_complete(indicator):
    assert callable(indicator.compute) and callable(indicator.children)
    assert indicator.unit in {"count", "percent", "rate", "per child", "per FTE"}
    assert indicator.polarity in {"higher_is_better", "lower_is_better", "neutral"}
    assert indicator.domain in {
        "children in care",
        "care leavers",
        "placements",
        "missing and away from placement",
        "leaving care through adoption and special guardianship",
        "front door",
        "child protection",
        "children in need",
        "social work workforce",
        "quality of practice",
    }
    assert indicator.source_return in {
        "ssda903",
        "cin",
        "annex_a",
        "workforce",
        "workforce_snapshots",
        "assurance",
        "supervision",
    }
    # only SSDA903 (SWEpisodes) and Annex A's lists 3-9 (their own Allocated Team) name who
    # held the case: the censuses and Annex A's list 1 of contacts are not cut by team
    names_team = indicator.source_return in ("ssda903", "annex_a")
    assert indicator.by_team == (names_team and indicator.id != "annex_a_contacts_to_referral_pct")
    assert (indicator.denominator is None) == (indicator.unit == "count")
    assert indicator.cadence == (
        "annual" if indicator.source_return == "workforce" else (indicator.cadence)
    )
    assert indicator.title and indicator.description and indicator.period_rule
    assert len(indicator.rule) > 80, "the compute function's docstring states the rule"
    assert f"## `{indicator.id}`" in DOCS.read_text(encoding="utf-8")


def test_the_committed_docs_are_current():
    """docs/indicators.md is generated; regenerate with
    `trajectory indicators --write-docs docs/indicators.md`."""
    assert DOCS.read_text(encoding="utf-8") == registry.render_docs()


def test_reviews_on_time_is_labelled_a_local_measure_and_the_rest_name_their_dfe_source():
    """DfE publishes no timeliness of reviews (issue 8.1); every other indicator names the
    published file or LAIT measure its counting follows, in the docs as on its page."""
    docs = DOCS.read_text(encoding="utf-8")
    local = [indicator.id for indicator in registry.INDICATORS if indicator.local_measure]
    assert local == [
        "cla_reviews_on_time_pct",
        "cla_review_participation_pct",
        "care_leavers_in_touch_22_25_pct",
        # Annex A: no DfE collection of contacts, of plans open on a day or of care leavers
        # on one day
        "annex_a_contacts_to_referral_pct",
        "annex_a_cpp_open_2years_pct",
        "annex_a_care_leavers_in_touch_pct",
        "annex_a_care_leavers_in_touch_17_18_pct",
        "workforce_supervision_pct",
        # issue 11: the council's own case audits and supervision records
        "audits_good_or_better_pct",
        "audit_moderation_agreement_pct",
        "audits_completed_pct",
        "supervision_compliance_pct",
        "case_oversight_pct",
    ]
    reviews = docs.split("## `cla_reviews_on_time_pct`")[1].split("\n## ")[0]
    assert "- **DfE counterpart:** none, a local measure." in reviews
    for indicator in registry.INDICATORS:
        assert indicator.dfe_source
        if not indicator.local_measure:  # a LAIT measure, or DfE's national tables only
            assert "LAIT measure" in indicator.dfe_source or (
                "national tables" in indicator.dfe_source
            )


def test_care_leavers_come_in_two_bands_never_pooled():
    titles = {i.id: i.title for i in registry.INDICATORS if i.domain == "care leavers"}
    assert titles == {
        "care_leavers_in_touch_pct": "Care leavers aged 19-21 in touch",
        "care_leavers_suitable_accom_pct": "Care leavers aged 19-21 in suitable accommodation",
        "care_leavers_eet_pct": "Care leavers aged 19-21 in education, employment or training",
        "care_leavers_in_touch_17_18_pct": "Care leavers aged 17-18 in touch",
        "care_leavers_suitable_accom_17_18_pct": "Care leavers aged 17-18 in suitable "
        "accommodation",
        "care_leavers_eet_17_18_pct": "Care leavers aged 17-18 in education, employment or "
        "training",
        "care_leavers_in_touch_22_25_pct": "Care leavers aged 22-25 in touch",
        # Annex A's list 9, in the same two bands
        "annex_a_care_leavers_in_touch_pct": "Care leavers aged 19-21 in touch (Annex A)",
        "annex_a_care_leavers_in_touch_17_18_pct": "Care leavers aged 17-18 in touch (Annex A)",
    }
