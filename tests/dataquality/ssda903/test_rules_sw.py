"""SSDA903 SW01STG1-SW19STG2: the social worker episodes. Years by their end: 2024 is
2023-24 (1 April 2023 to 31 March 2024), 2025 is 2024-25, 2026 is 2025-26."""

from __future__ import annotations

from datetime import date

import pytest

from tests.dataquality.conftest import flagged, not_run, ret
from trajectory.dataquality import registry
from trajectory.dataquality.run import RAN, validate


def sw(child="A", sw_id="SW1234", decom=None, dec=None, reason="MANAGE"):
    return {"CHILD": child, "SW_ID": sw_id, "SW_DECOM": decom, "SW_DEC": dec, "SW_REASON": reason}


def care(child="A", decom=date(2023, 6, 1), rne="S", ls="C2", dec=None, rec=None):
    return {"CHILD": child, "DECOM": decom, "RNE": rne, "LS": ls, "DEC": dec, "REC": rec}


D = date


# SW01STG1 (2023-24): open care needs complete social worker episodes.
def test_sw01stg1_open_care_without_complete_workers_is_flagged():
    episodes = [
        care("A"),  # 2: A's worker rows are complete: passes
        care("B"),  # 3: B has a row without SW_REASON: flagged
        care("C"),  # 4: C has no worker rows: flagged
        care("D", ls="V3"),  # 5: short breaks: exempt
        care("E", ls="V4"),  # 6: exempt
        care("C", dec=D(2023, 7, 1), rec="E11"),  # 7: ended, so not open: passes
        care("F", ls=None),  # 8: LS blank is not V3/V4: F has no workers: flagged
    ]
    workers = [
        sw("A", decom=D(2023, 6, 1)),
        sw("B", decom=D(2023, 6, 1)),
        sw("B", decom=D(2023, 9, 1), reason=None),
    ]
    found = ret(year=2024, Episodes=episodes, SWEpisodes=workers)
    # Reported as Episodes rows (the peer tool wrongly files them under SWEpisodes).
    assert flagged("SW01STG1", found) == {"Episodes": [3, 4, 8]}


def test_sw01stg1_is_not_run_on_a_return_without_social_worker_episodes():
    # Without the table every open episode would be flagged: the rule says it did not run.
    found = ret(year=2024, Episodes=[care("A")])
    assert not_run("SW01STG1", found) == "not run: no SWEpisodes table in the return"


def test_sw01stg1_passes_when_every_open_episode_has_complete_workers():
    found = ret(year=2024, Episodes=[care("A")], SWEpisodes=[sw("A", decom=D(2023, 6, 1))])
    assert flagged("SW01STG1", found) == {}


def test_sw01stg1_and_other_versions_apply_only_in_their_years():
    codes = {rule.code for rule in registry.rules_for("ssda903", 2025)}
    assert "SW01STG1" not in codes and {"SW01aSTG1", "SW01bSTG1"} <= codes
    assert not {"SW01aSTG1", "SW01bSTG1", "SW03STG1", "SW14STG2", "SW11aSTG2"} & {
        rule.code for rule in registry.rules_for("ssda903", 2026)
    }
    assert not {r.code for r in registry.rules_for("ssda903", 2023)} & {"SW02STG1", "SW13STG1"}


def test_sw01a_and_sw01b_2024_25_split_at_april_2023():
    workers = [
        sw(decom=None),  # 2: no SW_DECOM: flagged by both
        sw(decom=D(2023, 3, 31), sw_id=None, reason=None),  # 3: pre-April 2023, no ID: a only
        sw(decom=D(2023, 3, 31), reason=None),  # 4: pre-April 2023, ID, no reason: passes both
        sw(decom=D(2023, 4, 1), reason=None),  # 5: on 1 April 2023 with no reason: b only
        sw(decom=D(2023, 4, 1), sw_id=None),  # 6: on 1 April 2023 with no ID: b only
        sw(decom=D(2024, 5, 1)),  # 7: complete: passes both
    ]
    found = ret(year=2025, SWEpisodes=workers)
    assert flagged("SW01aSTG1", found) == {"SWEpisodes": [2, 3]}
    assert flagged("SW01bSTG1", found) == {"SWEpisodes": [2, 5, 6]}


@pytest.mark.parametrize("year", [2024, 2025])
def test_sw02stg1_to_2024_25_wants_sw_or_xx_first(year):
    ids = ["SW1", "XX000", "sw123", "AB1234", None, "SW"]
    found = ret(year=year, SWEpisodes=[sw(sw_id=i, decom=D(2023, 6, 1)) for i in ids])
    # lower-case sw (row 4), AB (5) and blank (6) flagged; short IDs allowed these years.
    assert flagged("SW02STG1", found) == {"SWEpisodes": [4, 5, 6]}


@pytest.mark.parametrize("year", [2026, 2027])
def test_sw02stg1_from_2025_26_also_wants_four_characters(year):
    ids = ["SW1", "XX000", "sw123", "AB1234", None, "SW12"]
    found = ret(year=year, SWEpisodes=[sw(sw_id=i, decom=D(2024, 6, 1)) for i in ids])
    # SW1 (row 2) is now too short; SW12 (7) is exactly 4: passes.
    assert flagged("SW02STG1", found) == {"SWEpisodes": [2, 4, 5, 6]}


def test_sw03stg1_every_field_is_required():
    workers = [
        sw(decom=D(2023, 6, 1)),  # 2: complete
        sw(sw_id=None, decom=D(2023, 6, 1)),  # 3
        sw(decom=None),  # 4
        sw(decom=D(2023, 6, 1), reason=None),  # 5
    ]
    assert flagged("SW03STG1", ret(year=2024, SWEpisodes=workers)) == {"SWEpisodes": [3, 4, 5]}


@pytest.mark.parametrize("year", [2024, 2027])
def test_sw06stg2_an_episode_beginning_after_31_march_is_flagged(year):
    end = D(year, 3, 31)
    workers = [sw(decom=end), sw(decom=D(year, 4, 1)), sw(decom=None)]
    assert flagged("SW06STG2", ret(year=year, SWEpisodes=workers)) == {"SWEpisodes": [3]}


def test_sw07stg2_2023_24_the_end_date_within_the_year():
    ends = [D(2023, 3, 31), D(2023, 4, 1), D(2024, 3, 31), D(2024, 4, 1), None]
    found = ret(year=2024, SWEpisodes=[sw(decom=D(2022, 1, 1), dec=d) for d in ends])
    # Both bounds are inside; a day either side is flagged; blank is not.
    assert flagged("SW07STG2", found) == {"SWEpisodes": [2, 5]}


@pytest.mark.parametrize("year", [2025, 2026])
def test_sw07stg2_from_2024_25_a_year_earlier_is_allowed(year):
    # 2024-25: from 1 April 2023 (the previous collection year's start; the peer tool's
    # average year would refuse 1 April 2023 itself) to 31 March 2025.
    before = D(year - 2, 3, 31)
    first = D(year - 2, 4, 1)
    ends = [before, first, D(year, 3, 31), D(year, 4, 1)]
    found = ret(year=year, SWEpisodes=[sw(decom=D(2020, 1, 1), dec=d) for d in ends])
    assert flagged("SW07STG2", found) == {"SWEpisodes": [2, 5]}


@pytest.mark.parametrize(
    ("code", "year"), [("SW08STG2", 2024), ("SW08STG2", 2027), ("SW14STG2", 2024)]
)
def test_only_the_latest_episode_may_be_open(code, year):
    workers = [
        sw("A", decom=D(2023, 5, 1)),  # 2: A's earlier, open: flagged
        sw("A", decom=D(2023, 9, 1)),  # 3: A's latest, open: passes
        sw("B", decom=D(2023, 5, 1), dec=D(2023, 9, 1)),  # 4: closed: passes
        sw("B", decom=D(2023, 9, 1)),  # 5: latest: passes
        sw("C", decom=D(2023, 9, 1)),  # 6: two begin on one day: the earlier row flagged
        sw("C", decom=D(2023, 9, 1)),  # 7: the later in the file counts as the latest
        sw("D", decom=None),  # 8: no SW_DECOM: never flagged
        sw("D", decom=D(2023, 9, 1)),  # 9: D's latest
    ]
    assert flagged(code, ret(year=year, SWEpisodes=workers)) == {"SWEpisodes": [2, 6]}


def test_sw09stg2_to_2024_25_the_same_day_is_flagged():
    workers = [
        sw(decom=D(2024, 2, 29), dec=D(2024, 2, 29)),  # 2: same day: flagged
        sw(decom=D(2024, 2, 29), dec=D(2024, 3, 1)),  # 3: a day later: passes
        sw(decom=None, dec=None),  # 4: both blank: not flagged
    ]
    for year in (2024, 2025):
        assert flagged("SW09STG2", ret(year=year, SWEpisodes=workers)) == {"SWEpisodes": [2]}


def test_sw09stg2_from_2025_26_three_days_at_least():
    workers = [
        sw(decom=D(2025, 2, 27), dec=D(2025, 3, 1)),  # 2: 2 days (no 29th in 2025): flagged
        sw(decom=D(2025, 2, 26), dec=D(2025, 3, 1)),  # 3: 3 days: passes
        sw(decom=D(2025, 3, 1), dec=D(2025, 2, 20)),  # 4: earlier: flagged
        sw(decom=D(2025, 3, 1), dec=D(2025, 3, 1)),  # 5: same day: flagged
        sw(decom=D(2025, 3, 1), dec=None),  # 6: open: passes
    ]
    assert flagged("SW09STG2", ret(year=2026, SWEpisodes=workers)) == {"SWEpisodes": [2, 4, 5]}


def _follow_on_workers():
    return [
        sw("A", decom=D(2023, 4, 1), dec=D(2023, 6, 1)),  # 2: A's first: never flagged
        sw("A", decom=D(2023, 6, 8), dec=D(2023, 9, 1)),  # 3: exactly 7 days on: passes
        sw("A", decom=D(2023, 8, 24), dec=None),  # 4: 8 days before 1/9: flagged
        sw("B", decom=D(2023, 4, 1), dec=None),  # 5: B's first
        sw("B", decom=D(2023, 7, 1), dec=None, reason="FCONTA"),  # 6: previous open: flagged
        sw("C", decom=D(2023, 4, 1), dec=D(2023, 5, 1)),  # 7: C's first
        sw("C", decom=D(2023, 6, 1), dec=None, reason=None),  # 8: gap, blank reason: flagged
    ]


def test_sw10stg2_2023_24_each_episode_follows_the_last_within_a_week():
    found = ret(year=2024, SWEpisodes=_follow_on_workers())
    # Rows sort by SW_DECOM: A's row 4 follows row 3 (ended 1/9).
    assert flagged("SW10STG2", found) == {"SWEpisodes": [4, 6, 8]}


@pytest.mark.parametrize(
    ("code", "year"), [("SW10STG2", 2025), ("SW10STG2", 2026), ("SW10aSTG2", 2026)]
)
def test_sw10_from_2024_25_exempts_family_contact_workers(code, year):
    found = ret(year=year, SWEpisodes=_follow_on_workers())
    # Row 6 is FCONTA: exempt; row 8's blank reason is not.
    assert flagged(code, found) == {"SWEpisodes": [4, 8]}


def test_sw10bstg2_a_family_contact_worker_begins_after_the_last_ends():
    workers = [
        sw("A", decom=D(2025, 4, 1), dec=D(2025, 6, 1)),  # 2
        sw("A", decom=D(2025, 6, 1), dec=D(2025, 7, 1), reason="FCONTA"),  # 3: same day: flagged
        sw("A", decom=D(2025, 7, 2), dec=None, reason="FCONTA"),  # 4: the day after: passes
        sw("B", decom=D(2025, 4, 1), dec=None),  # 5: open
        sw("B", decom=D(2025, 5, 1), reason="FCONTA"),  # 6: previous open: never flagged
        sw("C", decom=D(2025, 4, 1), dec=D(2025, 6, 1)),  # 7
        sw("C", decom=D(2025, 5, 1), reason="MANAGE"),  # 8: not FCONTA: passes this rule
    ]
    assert flagged("SW10bSTG2", ret(year=2026, SWEpisodes=workers)) == {"SWEpisodes": [3]}


def test_sw11astg2_after_an_early_end_the_next_begins_within_five_days():
    workers = [
        sw("A", decom=D(2023, 4, 1), dec=D(2024, 3, 26)),  # 2: A's first
        sw("A", decom=D(2024, 3, 31)),  # 3: 5 days after 26 March: passes
        sw("B", decom=D(2023, 4, 1), dec=D(2023, 9, 1)),  # 4
        sw("B", decom=D(2023, 9, 7)),  # 5: 6 days later: flagged
        sw("C", decom=D(2023, 4, 1), dec=D(2023, 9, 1)),  # 6
        sw("C", decom=None),  # 7: blank start after an early end: flagged
        sw("D", decom=D(2023, 4, 1), dec=D(2024, 3, 27)),  # 8: ends after 26 March
        sw("D", decom=D(2024, 3, 10)),  # 9: follows row 8, which ended after 26 March: skipped
        sw("E", decom=D(2023, 4, 1), dec=D(2023, 9, 1)),  # 10: the final episode: not flagged
    ]
    assert flagged("SW11aSTG2", ret(year=2024, SWEpisodes=workers)) == {"SWEpisodes": [5, 7]}


@pytest.mark.parametrize("year", [2024, 2027])
def test_sw11bstg2_an_episode_ending_in_march_last_days_needs_a_successor(year):
    end = D(year, 3, 31)
    workers = [
        sw("A", decom=D(year - 1, 4, 1), dec=D(year, 3, 26)),  # 2: in the window, last: flagged
        sw("B", decom=D(year - 1, 4, 1), dec=D(year, 3, 25)),  # 3: before the window: passes
        sw("C", decom=D(year - 1, 4, 1), dec=D(year, 3, 28)),  # 4: has a successor: passes
        sw("C", decom=D(year, 3, 29)),  # 5: its successor
        sw("E", decom=D(year - 1, 4, 1), dec=end),  # 6: ends on 31 March, followed by...
        sw("E", decom=None),  # 7: ...an episode with no SW_DECOM: flagged
    ]
    found = ret(year=year, SWEpisodes=workers)
    # The peer tool would also flag row 4 (ended in the window though followed).
    assert flagged("SW11bSTG2", found) == {"SWEpisodes": [2, 7]}


def _sw12_case():
    episodes = [
        care("A", decom=D(2023, 6, 1), rne="S"),  # 2: A's worker began 1/6: passes
        care("B", decom=D(2023, 6, 1), rne="S"),  # 3: no workers: flagged
        care("C", decom=D(2023, 6, 1), rne="S", ls="V3"),  # 4: short breaks: exempt
        care("D", decom=D(2023, 6, 1), rne="P", dec=D(2023, 9, 1), rec="X1"),  # 5: neither: skip
        care("E", decom=D(2023, 6, 1), rne="P", dec=D(2023, 9, 1), rec="E11"),  # 6: ends care
        care("F", decom=D(2023, 6, 1), rne="P"),  # 7: open, not S: neither limb can pass
        care("G", decom=D(2023, 6, 1), rne="S"),  # 8: one of G's workers is before DECOM
    ]
    workers = [
        sw("A", decom=D(2023, 6, 1)),
        sw("E", decom=D(2023, 9, 1)),  # on E's DEC: passes
        sw("F", decom=D(2023, 6, 1)),
        sw("G", decom=D(2023, 6, 1)),
        sw("G", decom=D(2023, 5, 1)),  # before G's DECOM, and no DEC: flags G's episode
    ]
    return episodes, workers


def test_sw12stg2_2023_24_care_starting_or_ending_needs_a_worker():
    episodes, workers = _sw12_case()
    found = ret(year=2024, Episodes=episodes, SWEpisodes=workers)
    assert flagged("SW12STG2", found) == {"Episodes": [3, 7, 8]}


def test_sw12stg2_2023_24_a_worker_after_the_end_fails():
    episodes = [care("E", rne="P", dec=D(2023, 9, 1), rec="E11")]
    found = ret(year=2024, Episodes=episodes, SWEpisodes=[sw("E", decom=D(2023, 9, 2))])
    assert flagged("SW12STG2", found) == {"Episodes": [2]}


def test_sw12stg2_from_2024_25_only_episodes_open_or_ended_since_a_year_before():
    episodes = [
        care("A", decom=D(2022, 1, 1), dec=D(2023, 3, 31), rec="E11"),  # 2: too early: skipped
        care("B", decom=D(2022, 1, 1), dec=D(2023, 4, 1), rec="E11"),  # 3: 1 April 2023: in
        care("C", decom=D(2024, 6, 1)),  # 4: open, no worker: flagged
        care("D", decom=D(2024, 6, 1)),  # 5: open, worker from DECOM: passes
    ]
    workers = [sw("D", decom=D(2024, 6, 1))]
    found = ret(year=2025, Episodes=episodes, SWEpisodes=workers)
    assert flagged("SW12STG2", found) == {"Episodes": [3, 4]}


def test_sw13stg1_2023_24_every_reason_from_the_list():
    reasons = ["MANAGE", "others", "LAZY", None]
    found = ret(year=2024, SWEpisodes=[sw(decom=D(2023, 6, 1), reason=r) for r in reasons])
    # Lower-case others is the OTHERS code; LAZY and blank are flagged.
    assert flagged("SW13STG1", found) == {"SWEpisodes": [4, 5]}


@pytest.mark.parametrize("year", [2025, 2027])
def test_sw13stg1_from_2024_25_blank_allowed_before_april_2023(year):
    workers = [
        sw(decom=D(2023, 3, 31), reason=None),  # 2: before April 2023: blank allowed
        sw(decom=D(2023, 4, 1), reason=None),  # 3: on 1 April 2023: flagged
        sw(decom=D(2023, 3, 1), reason="LAZY"),  # 4: not a code: flagged
        sw(decom=None, reason="LAZY"),  # 5: not a code: flagged (no crash on the date)
        sw(decom=None, reason=None),  # 6: unreadable/blank date: neither raises nor flags
        sw(decom=D(2024, 6, 1), reason="SWDIED"),  # 7: passes
    ]
    assert flagged("SW13STG1", ret(year=year, SWEpisodes=workers)) == {"SWEpisodes": [3, 4, 5]}


def test_sw13stg1_never_fails_on_an_unreadable_date():
    # The peer tool raises on an invalid SW_DECOM (the spec's named bug); here it runs.
    found = ret(year=2025, SWEpisodes=[sw(decom=None, reason=None)])
    rules = [r for r in registry.rules_for("ssda903", 2025) if r.code == "SW13STG1"]
    assert [result.status for result in validate(found, rules).results] == [RAN]


def test_sw17stg2_the_latest_episode_is_open_at_31_march():
    workers = [
        sw("A", decom=D(2025, 4, 1), dec=D(2025, 6, 1)),  # 2: not A's latest
        sw("A", decom=D(2025, 6, 1)),  # 3: latest, open: passes
        sw("B", decom=D(2025, 4, 1)),  # 4: open but not the latest: not this rule
        sw("B", decom=D(2025, 6, 1), dec=D(2026, 1, 1)),  # 5: latest, closed: flagged
        sw("C", decom=D(2025, 4, 1), dec=D(2025, 5, 1)),  # 6: only episode, closed: flagged
    ]
    assert flagged("SW17STG2", ret(year=2026, SWEpisodes=workers)) == {"SWEpisodes": [5, 6]}


def test_sw18stg2_the_end_is_after_the_start():
    workers = [
        sw(decom=D(2025, 6, 1), dec=D(2025, 6, 1)),  # 2: same day: flagged
        sw(decom=D(2025, 6, 1), dec=D(2025, 5, 31)),  # 3: before: flagged
        sw(decom=D(2025, 6, 1), dec=D(2025, 6, 2)),  # 4: after: passes
        sw(decom=None, dec=D(2025, 6, 2)),  # 5: a blank: not compared
    ]
    assert flagged("SW18STG2", ret(year=2027, SWEpisodes=workers)) == {"SWEpisodes": [2, 3]}


def test_sw19stg2_repeats_of_a_start_date_after_the_first():
    workers = [
        sw("A", decom=D(2025, 6, 1)),  # 2: first: passes
        sw("B", decom=D(2025, 6, 1)),  # 3: another child: passes
        sw("A", decom=D(2025, 6, 1), dec=D(2025, 7, 1)),  # 4: A's repeat: flagged
        sw("A", decom=D(2025, 6, 1)),  # 5: and again: flagged
        sw("A", decom=D(2025, 6, 2)),  # 6: a different day: passes
        sw("C", decom=None),  # 7, 8: blanks are not compared
        sw("C", decom=None),
    ]
    assert flagged("SW19STG2", ret(year=2026, SWEpisodes=workers)) == {"SWEpisodes": [4, 5]}
