"""One synthetic council across the four returns: the same seed writes the same bytes, and the
returns agree with one another, counted from the written files (CSV read as text, the CIN XML
and the Annex A workbook parsed here, not through Trajectory's readers)."""

from __future__ import annotations

import csv
from datetime import date, timedelta

import defusedxml.ElementTree as ET
import openpyxl
import polars as pl
import pytest
from django.core.management import call_command

from trajectory.synth import council as synth_council

END = date(2025, 3, 31)
YEAR_START = date(2024, 4, 1)
ARGS = {"council_code": "990", "seed": 41, "children": 300, "years": 2, "end": END}


def _write_all(folder):
    made = synth_council.generate_council(**ARGS)
    files = {}
    for kind in synth_council.KINDS:
        for path in synth_council.write_council(made, folder / kind, kind):
            files[f"{kind}/{path.name}"] = path.read_bytes()
    return files


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    folder = tmp_path_factory.mktemp("council")
    return folder, _write_all(folder)


def _csv(path) -> list[dict]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _day(text: str) -> date | None:
    if not text:
        return None
    if "/" in text:
        day, month, year = text.split("/")
        return date(int(year), int(month), int(day))
    return date.fromisoformat(text[:10])


def _cin_episodes(path) -> list[dict]:
    """Each CINdetails of the XML: child, referral date, closure, plans' (start, end)."""
    found = []
    for child in ET.parse(path).getroot().iter("Child"):
        child_id = child.findtext("ChildIdentifiers/LAchildID")
        for episode in child.iter("CINdetails"):
            plans = [
                (_day(p.findtext("CPPstartDate")), _day(p.findtext("CPPendDate") or ""))
                for p in episode.iter("ChildProtectionPlans")
            ]
            found.append(
                {
                    "child": child_id,
                    "referred": _day(episode.findtext("CINreferralDate")),
                    "closed": _day(episode.findtext("CINclosureDate") or ""),
                    "assessed": [
                        _day(a.findtext("AssessmentActualStartDate"))
                        for a in episode.iter("Assessments")
                    ],
                    "plans": plans,
                }
            )
    return found


def _sheet(path, title) -> list[dict]:
    book = openpyxl.load_workbook(path, read_only=True)
    rows = list(book[title].iter_rows(values_only=True))
    header = rows[0]
    padding = (None,) * len(header)  # a row's empty cells at its end are not read
    return [dict(zip(header, (*row, *padding), strict=False)) for row in rows[1:]]


def _care_starts_in_year(episodes: list[dict]) -> dict[str, list[date]]:
    """Each child's starts of care (RNE S, short breaks left out) of periods open in the year."""
    by_child: dict[str, list[dict]] = {}
    for row in episodes:
        by_child.setdefault(row["CHILD"], []).append(row)
    starts = {}
    for child, rows in by_child.items():
        rows.sort(key=lambda r: _day(r["DECOM"]))
        periods = []
        for row in rows:
            if row["LS"] in ("V3", "V4"):
                continue
            if periods and _day(row["DECOM"]) == periods[-1][1]:
                periods[-1][1] = _day(row["DEC"])
            else:
                periods.append([_day(row["DECOM"]), _day(row["DEC"])])
        open_in_year = [
            begun
            for begun, ended in periods
            if begun <= END and (ended is None or ended >= YEAR_START)
        ]
        if open_in_year:
            starts[child] = open_in_year
    return starts


def test_the_same_seed_writes_the_same_bytes_for_every_return(written, tmp_path):
    _folder, first = written
    again = _write_all(tmp_path / "again")
    assert sorted(first) == [
        "903/episodes.csv",
        "903/header.csv",
        "903/missing.csv",
        "903/oc3.csv",
        "903/reviews.csv",
        "903/swepisodes.csv",
        "903/uasc.csv",
        "annexa/annex_a.xlsx",
        "cin/cin_census.xml",
        "workforce/csww_vacancies.csv",
        "workforce/csww_workers.csv",
    ]
    assert again == first
    other = synth_council.generate_council(**{**ARGS, "seed": 42})
    path = synth_council.write_council(other, tmp_path / "other", "cin")[0]
    assert path.read_bytes() != first["cin/cin_census.xml"]


def test_every_child_looked_after_in_the_year_was_referred_before_care(written):
    folder, _ = written
    starts = _care_starts_in_year(_csv(folder / "903" / "episodes.csv"))
    episodes = _cin_episodes(folder / "cin" / "cin_census.xml")
    referred: dict[str, list[dict]] = {}
    for episode in episodes:
        referred.setdefault(episode["child"], []).append(episode)
    assert len(starts) > 100
    for child, care_starts in starts.items():
        for begun in care_starts:
            assert any(
                e["referred"] <= begun and e["assessed"] and e["assessed"][0] <= begun
                for e in referred.get(child, [])
            ), (child, begun)
    # Many were on a child protection plan that ended the day they came into care.
    entering = [(c, b) for c, bs in starts.items() for b in bs if b >= YEAR_START]
    protected = [
        (c, b)
        for c, b in entering
        if any(end == b for e in referred.get(c, []) for _start, end in e["plans"])
    ]
    assert len(entering) > 20
    assert 0.2 < len(protected) / len(entering) < 0.8
    # The 903's children in the census are those looked after in its year (short breaks too);
    # the others are made up apart, none with a 903 child's identifier by chance.
    header = {row["CHILD"] for row in _csv(folder / "903" / "header.csv")}
    in_year = {
        row["CHILD"]
        for row in _csv(folder / "903" / "episodes.csv")
        if _day(row["DECOM"]) <= END and (not row["DEC"] or _day(row["DEC"]) >= YEAR_START)
    }
    in_cin = {e["child"] for e in episodes}
    assert in_cin & header == in_year
    assert set(starts) <= in_year
    assert len(in_cin) > 3 * len(header)


def test_every_worker_of_swepisodes_is_in_the_workforce_census(written):
    folder, _ = written
    sw_ids = {row["SW_ID"] for row in _csv(folder / "903" / "swepisodes.csv")}
    census = {row["SWENo"] for row in _csv(folder / "workforce" / "csww_workers.csv")}
    assert len(sw_ids) > 10
    assert sw_ids <= census


def test_annex_a_lists_the_903s_and_the_census_children(written):
    folder, _ = written
    book = folder / "annexa" / "annex_a.xlsx"
    header = {row["CHILD"] for row in _csv(folder / "903" / "header.csv")}
    starts = _care_starts_in_year(_csv(folder / "903" / "episodes.csv"))
    in_care = _sheet(book, "List 8")
    assert {row["Child Unique ID"] for row in in_care} <= header
    assert {row["Child Unique ID"] for row in in_care} == set(starts)
    assert len(in_care) == sum(len(b) for b in starts.values())
    leavers = {row["CHILD"] for row in _csv(folder / "903" / "oc3.csv")}
    assert {row["Child Unique ID"] for row in _sheet(book, "List 9")} == leavers
    # List 3 is the census's referrals in the twelve months, child by child and day by day.
    cin_referrals = sorted(
        (e["child"], e["referred"])
        for e in _cin_episodes(folder / "cin" / "cin_census.xml")
        if e["referred"] >= YEAR_START
    )
    listed = sorted(
        (row["Child Unique ID"], row["Date of referral"].date()) for row in _sheet(book, "List 3")
    )
    assert listed == cin_referrals
    # Every referral has a contact on its day or in the three days before.
    contacts = {(r["Child Unique ID"], r["Date of Contact"].date()) for r in _sheet(book, "List 1")}
    for child, day in listed:
        assert any((child, day - timedelta(days=d)) in contacts for d in range(4)) or (
            day - timedelta(days=3) < YEAR_START
        )
    # Allocated workers of children in care are SWEpisodes' workers, in the workforce census.
    census = {row["SWENo"] for row in _csv(folder / "workforce" / "csww_workers.csv")}
    workers = {row["Allocated Worker"] for row in in_care if row["Allocated Worker"]}
    assert workers and workers <= census


def test_list_3_counts_the_childs_referrals_in_the_12_months_to_each_referral(written):
    """Not the child's total over the list: the first of two referrals in the year is not a
    re-referral unless the census holds one in the 12 months before it."""
    folder, _ = written
    census: dict[str, list[date]] = {}
    for episode in _cin_episodes(folder / "cin" / "cin_census.xml"):
        census.setdefault(episode["child"], []).append(episode["referred"])
    listed = _sheet(folder / "annexa" / "annex_a.xlsx", "List 3")
    firsts_of_several = 0
    for row in listed:
        child, day = row["Child Unique ID"], row["Date of referral"].date()
        since = date(day.year - 1, day.month, min(day.day, 28 if day.month == 2 else 31))
        expected = sum(1 for other in census[child] if since <= other <= day)
        assert row["Number of Referrals in Last 12 Months"] == expected, (child, day)
        in_year = [d for d in census[child] if d >= YEAR_START]
        if len(in_year) > 1 and day == min(in_year) and expected == 1:
            firsts_of_several += 1
    counts = [row["Number of Referrals in Last 12 Months"] for row in listed]
    assert 1 in counts and max(counts) >= 2
    assert firsts_of_several > 0  # a child referred twice: the first counted 1, not 2


def test_the_returns_read_back_without_an_error(written):
    from trajectory.returns.cin.reader import read_return as read_cin
    from trajectory.returns.ssda903.reader import read_return as read_903
    from trajectory.returns.workforce.reader import read_return as read_workforce

    folder, _ = written
    for reader, kind in ((read_903, "903"), (read_cin, "cin"), (read_workforce, "workforce")):
        files = [(p.name, p) for p in sorted((folder / kind).iterdir())]
        result = reader(files, max_bytes=10**9)
        errors = [p for p in result.log.kept if p.severity == "error"]
        assert errors == [], (kind, errors[:3])


def test_census_day_is_the_latest_30_september():
    assert synth_council.census_day(date(2025, 3, 31)) == date(2024, 9, 30)
    assert synth_council.census_day(date(2024, 9, 30)) == date(2024, 9, 30)


def test_the_periods_of_care_split_where_care_stops():
    rows = [
        {"DECOM": date(2020, 1, 1), "DEC": date(2020, 3, 1), "LS": "C2"},
        {"DECOM": date(2020, 3, 1), "DEC": date(2020, 6, 1), "LS": "C1"},
        {"DECOM": date(2021, 1, 1), "DEC": None, "LS": "V2"},
    ]
    assert [len(p) for p in synth_council._periods(rows)] == [2, 1]


def test_the_command_writes_each_return_and_all_of_them_alike(tmp_path, capsys):
    common = ["--council", "990", "--children", "120", "--years", "1", "--seed", "9"]
    call_command("synth", "all", *common, "--out", str(tmp_path / "all"))
    output = capsys.readouterr().out
    assert "Referrals in the year to 31/03/2025:" in output
    assert (tmp_path / "all" / "teams.csv").exists()
    for kind, name in (
        ("cin", "cin_census.xml"),
        ("annexa", "annex_a.xlsx"),
        ("workforce", "csww_workers.csv"),
    ):
        call_command("synth", kind, *common, "--out", str(tmp_path / kind))
        alone = (tmp_path / kind / name).read_bytes()
        assert alone == (tmp_path / "all" / kind / name).read_bytes(), kind
    call_command("synth", "903", *common, "--out", str(tmp_path / "903"), "--workers")
    assert (tmp_path / "903" / "swepisodes.csv").read_bytes() == (
        tmp_path / "all" / "903" / "swepisodes.csv"
    ).read_bytes()
    call_command("synth", "903", *common, "--out", str(tmp_path / "903-only"))
    assert not (tmp_path / "903-only" / "swepisodes.csv").exists()


def test_demo_returns_imports_the_three_returns_on_the_one_path(council, make_user, tmp_path):
    from trajectory.councils.models import Role, TeamFile
    from trajectory.councils.team_files import team_file_import
    from trajectory.returns import formats
    from trajectory.returns.models import ReturnVersion
    from trajectory.synth import ssda903, workers

    analyst = make_user(Role.ANALYST, council)
    tables = ssda903.generate(council_code="990", children=80, years=1, seed=5, end=END)
    sw, teams = workers.social_workers(tables, seed=5, since=date(2024, 3, 31), end=END)
    team_path = workers.write_worker_teams(teams, tmp_path / "teams.csv")
    team_file_import(
        council=council, user=analyst, content=team_path.read_bytes(), file_name="teams.csv"
    )
    uploads = synth_council.demo_returns(
        council,
        {Role.ANALYST: analyst},
        tmp_path / "demo",
        {**tables, "SWEpisodes": sw},
        seed=5,
        referrals=200,
    )
    expected = {
        kind for kind, return_kind in synth_council.DEMO_KINDS if formats.of(return_kind).available
    }
    assert {kind for kind, upload in uploads.items() if upload is not None} == expected
    assert {"cin", "workforce"} <= expected
    kinds = set(ReturnVersion.objects.filter(council=council).values_list("kind", flat=True))
    assert kinds == {
        return_kind for kind, return_kind in synth_council.DEMO_KINDS if kind in expected
    }
    # The second team file names the front door's and children in need's workers too.
    newest = TeamFile.objects.filter(council=council).order_by("-number").first()
    assert newest.number == 2
    names = set(newest.assignments.values_list("team__name", flat=True))
    assert {"MASH", "Child in need East", workers.LEAVING_CARE} <= names
    # Drawn from the team file on record when no frame is given: the same census.
    again = synth_council.council_from(
        {**tables, "SWEpisodes": sw},
        synth_council._teams_on_file(council).filter(
            ~pl.col("team").is_in(list(synth_council.OTHER_TEAMS))
            | pl.col("SW_ID").is_in(teams["SW_ID"].to_list())
        ),
        council_code="990",
        seed=5,
        end=END,
        referrals=200,
        kinds=("workforce",),
    )
    written = synth_council.write_council(again, tmp_path / "again", "workforce")
    assert (
        written[0].read_bytes()
        == (tmp_path / "demo" / "returns-workforce" / written[0].name).read_bytes()
    )


def test_the_referrals_asked_for_are_about_the_years_referrals(written):
    folder, _ = written
    listed = _sheet(folder / "annexa" / "annex_a.xlsx", "List 3")
    asked = synth_council.REFERRALS_PER_CHILD * ARGS["children"]
    assert abs(len(listed) - asked) < 0.1 * asked


def test_the_workforce_census_is_the_workforce_generators_for_the_same_council(written, tmp_path):
    from trajectory.synth import workforce

    folder, _ = written
    tables = workforce.for_council(
        council_code="990", children=ARGS["children"], years=ARGS["years"], seed=41, end=END
    )
    paths = workforce.write_csv(tables, tmp_path)
    for path in paths:
        assert path.read_bytes() == (folder / "workforce" / path.name).read_bytes()


def test_list_5_counts_each_enquirys_enquiries_and_conferences_by_hand():
    # One child's enquiries began 1 Feb 2024, 1 Jan 2025 and 1 Mar 2025; conferences were held
    # 20 Feb 2024 and 22 Jan 2025 (the third enquiry had none).
    enquired = [date(2024, 2, 1), date(2025, 1, 1), date(2025, 3, 1)]
    conferenced = [date(2024, 2, 20), date(2025, 1, 22)]
    # The row of 1 Jan 2025: the 12 months back to 1 Jan 2024 hold 1 Feb 2024 and itself: 2
    # enquiries; of the conferences only 20 Feb 2024 is on or before 1 Jan 2025: 1.
    # The row of 1 Mar 2025: the 12 months start 1 Mar 2024, after 1 Feb 2024: 2 enquiries
    # (1 Jan and itself); conferences: 22 Jan 2025 only (20 Feb 2024 is before): 1.
    # The row of 1 Feb 2024: itself alone: 1, and no conference yet: 0.
    count = synth_council.in_last_12_months
    assert [count(enquired, day) for day in enquired] == [1, 2, 2]
    assert [count(conferenced, day) for day in enquired] == [0, 1, 1]


def _cin_enquiries(path) -> dict[str, tuple[list[date], list[date]]]:
    """Each child's section 47 enquiries in the XML: (start dates, conference dates)."""
    found: dict[str, tuple[list[date], list[date]]] = {}
    for child in ET.parse(path).getroot().iter("Child"):
        began, conferenced = found.setdefault(
            child.findtext("ChildIdentifiers/LAchildID"), ([], [])
        )
        for enquiry in child.iter("Section47"):
            began.append(_day(enquiry.findtext("S47ActualStartDate")))
            if enquiry.findtext("DateOfInitialCPC"):
                conferenced.append(_day(enquiry.findtext("DateOfInitialCPC")))
    return found


def test_list_5_counts_the_childs_enquiries_and_icpcs_in_the_12_months_to_each_row(written):
    """Not the child's total over the list: each row counts the census's enquiries and
    conferences of the child in the 12 months ending on the row's strategy discussion."""
    folder, _ = written
    census = _cin_enquiries(folder / "cin" / "cin_census.xml")
    listed = _sheet(folder / "annexa" / "annex_a.xlsx", "List 5")
    assert listed
    differs = 0
    for row in listed:
        child = row["Child Unique ID"]
        day = row["Strategy discussion initiating Section 47 Enquiry Start Date"].date()
        since = date(day.year - 1, day.month, min(day.day, 28 if day.month == 2 else 31))
        began, conferenced = census[child]
        enquiries = sum(1 for d in began if since <= d <= day)
        conferences = sum(1 for d in conferenced if since <= d <= day)
        assert row["Number of Section 47 Enquiries in the last 12 months"] == enquiries
        assert row["Number of ICPCs in the last 12 months"] == conferences
        total = sum(1 for d in began if YEAR_START <= d <= END)
        differs += enquiries != total
    assert differs > 0  # an earlier of two enquiries in the year no longer counts the later
