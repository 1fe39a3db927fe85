"""One synthetic council across the four returns: SSDA903, the CIN census, Annex A, workforce.

From one seed, in this order, each part drawn from the ones before it with a random stream of
its own (the seed XOR a constant), so adding a part never changes the bytes of another:

1. the SSDA903 extract (`synth.ssda903.generate`) and its social workers
   (`synth.workers.social_workers`: SWEpisodes and the worker-to-team frame);
2. the CIN census for the extract's last year (`synth.cin.generate_cin`), in which every child
   looked after at some point in that year appears with an episode of need per period of care:
   referred before coming into care (a few days before an emergency entry, months before a
   planned one), assessed, and for most children entering care for abuse or neglect a section
   47 enquiry, an initial conference and a child protection plan that ends on the day care
   begins. The episode closes when care ends (its reason from the 903's reason ceased: adopted
   RC1, special guardianship RC4 and so on), or, for a child who went home, after a few months
   of a child in need plan. The other children are the CIN generator's, with identifiers none
   of the 903's children has;
3. the social work workforce census of the latest 30 September in the extract's last year
   (`synth.workforce.generate`): its case holders are SWEpisodes' workers (the same SW_IDs as
   SWENo), and the front door and children in need teams' workers (six-digit SWENo) are given
   teams here (`OTHER_TEAMS`);
4. the Annex A workbook for the twelve months to the extract's end, drawn from the same
   children: List 3's referrals, List 4's assessments, List 5's enquiries, List 6's episodes
   and List 7's plans are the CIN census's in those months; List 8's children in care and
   List 10's adoptions the 903's; List 9's care leavers the 903's OC3; the contacts of List 1
   include one for each referral (and others that never became one), List 2's early help
   includes the children whose case closed with early help (RC9). Allocated workers are the
   workforce census's: a looked-after child's is the SWEpisodes worker of the day.

`generate_council` makes only the parts the asked-for returns need; `write_council` writes them
(903 as CSV, CIN as XML, Annex A as xlsx, workforce as CSV). The same seed and arguments give
the same bytes for every file. Nothing here is real child data.
"""

from __future__ import annotations

import math
import random
import time
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import polars as pl

from trajectory.indicators.working_days import add_working_days_to
from trajectory.synth import annex_a, cin, ssda903, workers, workforce

KINDS = ("903", "cin", "annexa", "workforce")
NEEDS = {
    "903": {"903"},
    "cin": {"903", "cin"},
    "workforce": {"903", "workforce"},
    "annexa": {"903", "cin", "workforce", "annexa"},
}
CIN_STREAM = 0x5A17_C1C1
ANNEX_STREAM = 0x5A17_A4A4
LOOKED_AFTER_STREAM = 0x5A17_10A7
REFERRALS_PER_CHILD = 4  # referrals a year for each child of the 903 extract, by default
# The CIN generator's children a referral: a fifth were open when the year began and some are
# referred twice, so its census holds about 1.18 of them for each referral made in the year.
# The 903's children are added to them; those who came into care in the year were referred in
# it (or just before), so they count against the referrals asked for.
CHILDREN_PER_REFERRAL = 1.18
OTHER_TEAMS = (
    "MASH",
    "Assessment North",
    "Assessment South",
    "Child in need East",
    "Child in need West",
)
SHORT_BREAKS = ("V3", "V4")
_EPISODE_TABLES = (
    "CINdetails",
    "Assessments",
    "AssessmentFactors",
    "CINplanDates",
    "Section47",
    "ChildProtectionPlans",
    "CPPreviews",
)
# The 903's reason ceased -> the CIN census's reason for closure.
_CLOSURE = {
    "E11": "RC1",
    "E12": "RC1",
    "E2": "RC2",
    "E41": "RC3",
    "E45": "RC3",
    "E46": "RC3",
    "E43": "RC4",
    "E44": "RC4",
    "E3": "RC5",
    "E7": "RC6",
}
_HOME = frozenset({"E4A", "E4B", "E13"})
_NEW_PLACEMENT = frozenset({"S", "P", "B", "T", "U"})


@dataclass
class SynthCouncil:
    """The tables of one synthetic council's returns (None for a part not made)."""

    council_code: str
    seed: int
    children: int
    years: int
    end: date
    referrals: int
    ssda903: dict[str, pl.DataFrame]  # with SWEpisodes
    teams: pl.DataFrame  # SW_ID, team: the care teams' and the other teams' workers
    cin: dict[str, pl.DataFrame] | None = None
    workforce: dict[str, pl.DataFrame] | None = None
    annex_a: dict[str, list[dict]] | None = None
    census: date | None = None
    timings: dict[str, float] = field(default_factory=dict)


def census_day(end: date) -> date:
    """The latest 30 September on or before `end`: the workforce census the extract holds."""
    day = date(end.year, 9, 30)
    return day if day <= end else date(end.year - 1, 9, 30)


def generate_council(
    *,
    council_code: str,
    seed: int,
    children: int = 2500,
    years: int = 3,
    end: date = date(2025, 3, 31),
    referrals: int | None = None,
    kinds: tuple[str, ...] = KINDS,
) -> SynthCouncil:
    """The returns `kinds` need, for `children` children in care over `years` years to `end`.

    `referrals` is about the referrals of the CIN census's year (to within a few per cent;
    its children are about 1.2 times as many, with the 903's); by default REFERRALS_PER_CHILD
    for each child of the extract (2,500 children over three years, the demo's: about 10,000
    referrals, a large council).
    """
    if children < 1 or years < 1:
        raise ValueError("children and years must be at least 1")
    clock = time.perf_counter()
    tables = ssda903.generate(
        council_code=council_code, children=children, years=years, seed=seed, end=end
    )
    since = _years_before(end, years)
    sw_episodes, care_teams = workers.social_workers(tables, seed=seed, since=since, end=end)
    made = council_from(
        {**tables, "SWEpisodes": sw_episodes},
        care_teams,
        council_code=council_code,
        seed=seed,
        end=end,
        referrals=referrals,
        kinds=kinds,
        years=years,
    )
    made.timings = {"903": time.perf_counter() - clock - sum(made.timings.values())} | (
        made.timings
    )
    return made


def council_from(
    tables: dict[str, pl.DataFrame],
    care_teams: pl.DataFrame,
    *,
    council_code: str,
    seed: int,
    end: date = date(2025, 3, 31),
    referrals: int | None = None,
    kinds: tuple[str, ...] = KINDS,
    years: int | None = None,
) -> SynthCouncil:
    """The other returns of a council whose SSDA903 tables (with SWEpisodes) and worker-to-team
    frame are already made, as `generate_council` and the demo make them with `seed`."""
    unknown = set(kinds) - set(KINDS)
    if unknown:
        raise ValueError(f"unknown returns: {sorted(unknown)}")
    parts = set().union(*(NEEDS[k] for k in kinds))
    children = tables["Header"].height
    referrals = referrals or REFERRALS_PER_CHILD * children
    council = SynthCouncil(
        council_code=council_code,
        seed=seed,
        children=children,
        years=years or 0,
        end=end,
        referrals=referrals,
        ssda903=tables,
        teams=care_teams.select("SW_ID", "team"),
    )
    timings = council.timings
    if "cin" in parts:
        clock = time.perf_counter()
        council.cin = _cin_census(tables, council_code, seed, referrals, end)
        timings["cin"] = time.perf_counter() - clock
    if "workforce" in parts:
        clock = time.perf_counter()
        council.census = census_day(end)
        council.workforce = workforce.generate(
            tables["SWEpisodes"], council.teams, seed=seed, census=council.census
        )
        council.teams = _all_teams(council.teams, council.workforce)
        timings["workforce"] = time.perf_counter() - clock
    if "annexa" in parts:
        clock = time.perf_counter()
        council.annex_a = _annex_a(council)
        timings["annexa"] = time.perf_counter() - clock
    return council


def write_council(council: SynthCouncil, out_dir: Path, kind: str) -> list[Path]:
    """Write one return of the council into `out_dir`; the files written."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    if kind == "903":
        return ssda903.write_csv(council.ssda903, out_dir)
    if kind == "cin":
        return [cin.write_cin_xml(council.cin, out_dir / "cin_census.xml")]
    if kind == "workforce":
        return workforce.write_csv(council.workforce, out_dir)
    if kind == "annexa":
        path = out_dir / "annex_a.xlsx"
        path.write_bytes(
            annex_a.workbook_bytes(
                council.annex_a, seed=council.seed ^ ANNEX_STREAM, year=council.end.year
            )
        )
        return [path]
    raise ValueError(f"unknown return: {kind}")


def write_teams(council: SynthCouncil, path: Path) -> Path:
    """Every worker's team (SW_ID,team), the file a council uploads for team drill-down."""
    return workers.write_worker_teams(council.teams, Path(path))


# --- the CIN census -----------------------------------------------------------------------


def _cin_census(tables, council_code: str, seed: int, referrals: int, end: date):
    """The CIN generator's census, its looked-after children's episodes redrawn from their care."""
    start = _years_before(end, 1) + timedelta(days=1)
    episodes = tables["Episodes"]
    in_year = (
        episodes.filter(
            (pl.col("DECOM") <= end) & (pl.col("DEC").is_null() | (pl.col("DEC") >= start))
        )
        .get_column("CHILD")
        .unique()
    )
    header = tables["Header"].filter(pl.col("CHILD").is_in(sorted(in_year.to_list()))).sort("CHILD")
    entering = (
        episodes.filter(
            (pl.col("RNE") == "S") & (pl.col("DECOM") >= start) & (pl.col("DECOM") <= end)
        )
        .get_column("CHILD")
        .n_unique()
    )
    others = referrals - entering
    found = cin.generate_cin(
        children=header.height + round(CHILDREN_PER_REFERRAL * max(others, referrals // 10)),
        seed=seed ^ CIN_STREAM,
        council_code=council_code,
        end=end,
        looked_after=header,
    )
    looked_after = set(header.get_column("CHILD").to_list())
    found = _renamed_apart(found, tables["Header"], looked_after, council_code, seed)
    keep = ~pl.col("LAchildID").is_in(sorted(looked_after))
    rng = random.Random(seed ^ LOOKED_AFTER_STREAM)
    rows: dict[str, list[dict]] = {name: [] for name in _EPISODE_TABLES}
    by_child = _rows_by_child(episodes.filter(pl.col("CHILD").is_in(sorted(looked_after))))
    born = dict(header.select("CHILD", "DOB").iter_rows())
    for child in sorted(looked_after):
        _looked_after_child(rows, rng, child, born[child], by_child[child], start, end)
    out = dict(found)
    for name in _EPISODE_TABLES:
        frame = found[name]
        mine = pl.DataFrame(
            {c: [r.get(c) for r in rows[name]] for c in frame.columns}, schema=frame.schema
        )
        out[name] = pl.concat([frame.filter(keep), mine])
    ethnicity = dict(header.select("CHILD", "ETHNIC").iter_rows())
    out["ChildCharacteristics"] = found["ChildCharacteristics"].with_columns(
        pl.col("LAchildID")
        .replace_strict(ethnicity, default=None, return_dtype=pl.String)
        .fill_null(pl.col("Ethnicity"))
        .alias("Ethnicity")
    )
    short_breaks = (
        set(episodes.filter(pl.col("LS").is_in(SHORT_BREAKS)).get_column("CHILD").to_list())
        & looked_after
    )
    disabilities = found["Disabilities"]
    out["Disabilities"] = disabilities.with_columns(
        pl.when(pl.col("LAchildID").is_in(sorted(short_breaks)) & (pl.col("Disability") == "NONE"))
        .then(pl.lit("LD"))
        .otherwise(pl.col("Disability"))
        .alias("Disability")
    )
    return out


def _renamed_apart(found, header, looked_after, council_code, seed):
    """The census with new identifiers for its made-up children who happen to have the
    identifier of a 903 child not looked after in its year (the two generators draw numbers in
    the same scheme)."""
    everyone = set(header.get_column("CHILD").to_list())
    ids = found["ChildIdentifiers"].get_column("LAchildID").to_list()
    clashing = sorted((set(ids) & everyone) - looked_after)
    if not clashing:
        return found
    rng = random.Random(seed ^ CIN_STREAM ^ 1)
    fresh = _new_ids(rng, council_code, everyone | set(ids), len(clashing))
    mapping = dict(zip(clashing, fresh, strict=True))
    return {
        name: frame.with_columns(pl.col("LAchildID").replace(mapping))
        if "LAchildID" in frame.columns
        else frame
        for name, frame in found.items()
    }


def _rows_by_child(episodes: pl.DataFrame) -> dict[str, list[dict]]:
    found: dict[str, list[dict]] = defaultdict(list)
    for row in episodes.sort("CHILD", "DECOM").iter_rows(named=True):
        found[row["CHILD"]].append(row)
    return found


def _periods(rows: list[dict]) -> list[list[dict]]:
    """A child's episodes in periods of care (each episode starting the day the last ended);
    a child's short breaks are one arrangement."""
    periods: list[list[dict]] = []
    for row in rows:
        if periods:
            last = periods[-1][-1]
            breaks = row["LS"] in SHORT_BREAKS and last["LS"] in SHORT_BREAKS
            if breaks or (last["DEC"] is not None and row["DECOM"] <= last["DEC"]):
                periods[-1].append(row)
                continue
        periods.append([row])
    return periods


def _lognormal_days(rng: random.Random, median: float, spread: float) -> int:
    return max(1, int(rng.lognormvariate(math.log(median), spread)))


def _looked_after_child(rows, rng, child, born, episodes, start, end) -> None:
    """An episode of need for each period of care open in the census year, begun before it."""
    previous_closed = None
    number = 0
    for period in _periods(episodes):
        care_start = period[0]["DECOM"]
        care_end = period[-1]["DEC"]
        if care_start > end:
            break
        short_breaks = period[0]["LS"] in SHORT_BREAKS
        emergency = not short_breaks and rng.random() < 0.25
        before = rng.randrange(0, 7) if emergency else min(900, _lognormal_days(rng, 120, 0.8))
        referred = care_start - timedelta(days=before)
        earliest = born - timedelta(days=150)
        if previous_closed is not None:
            earliest = max(earliest, previous_closed + timedelta(days=1))
        referred = min(care_start, max(referred, earliest))
        closed, reason, plan = _closure(rng, period, care_end, end)
        if care_end is not None and care_end < start and (closed is None or closed < start):
            previous_closed = closed or care_end
            continue  # closed before the census year: not in it
        number += 1
        key = {"LAchildID": child, "CINdetailsID": number}
        need = period[0]["CIN"]
        assessed = min(care_start, referred + timedelta(days=rng.randrange(0, 4)))
        authorised = assessed + timedelta(days=_lognormal_days(rng, 30, 0.5))
        rows["Assessments"].append(
            {
                **key,
                "AssessmentID": 1,
                "AssessmentActualStartDate": assessed,
                "AssessmentAuthorisationDate": authorised if authorised <= end else None,
            }
        )
        factors = sorted({cin.FACTORS.pick(rng.random) for _ in range(1 + rng.randrange(3))})
        if "21" in factors and len(factors) > 1:
            factors.remove("21")
        rows["AssessmentFactors"].extend(
            {**key, "AssessmentID": 1, "AssessmentFactors": code} for code in factors
        )
        conference = None
        if not short_breaks and rng.random() < (0.75 if need == "N1" else 0.2):
            conference = _child_protection(rows, rng, key, referred, care_start, end)
        if plan is not None:
            rows["CINplanDates"].append(
                {**key, "CINPlanStartDate": plan[0], "CINPlanEndDate": plan[1]}
            )
        source = "6" if emergency and rng.random() < 0.5 else cin.REFERRAL_SOURCE.pick(rng.random)
        rows["CINdetails"].append(
            {
                **key,
                "CINreferralDate": referred,
                "ReferralSource": source,
                "PrimaryNeedCode": need,
                "CINclosureDate": closed,
                "ReasonForClosure": reason,
                "DateOfInitialCPC": conference,
                "ReferralNFA": False,
            }
        )
        previous_closed = closed or care_end


def _closure(rng, period, care_end, end):
    """(closed, reason, CIN plan (start, end) or None) of a period's episode of need."""
    if care_end is None or care_end > end:
        return None, None, None
    ceased = period[-1]["REC"]
    if ceased in _HOME and rng.random() < 0.5:  # a child in need plan after going home
        plan_end = care_end + timedelta(days=_lognormal_days(rng, 150, 0.5))
        if plan_end > end:
            return None, None, (care_end, None)
        return plan_end, "RC7", (care_end, plan_end)
    return care_end, _CLOSURE.get(ceased, "RC7"), None


def _child_protection(rows, rng, key, referred, care_start, end):
    """A section 47 enquiry, and when there was time before care an initial conference and a
    plan ending the day care began. The conference's date, or None."""
    enquiry = min(care_start, referred + timedelta(days=rng.randrange(0, 5)))
    target = add_working_days_to(enquiry, 15)
    conference = add_working_days_to(enquiry, 8 + rng.randrange(13))
    held = conference < care_start and rng.random() < 0.85
    rows["Section47"].append(
        {
            **key,
            "S47ActualStartDate": enquiry,
            "InitialCPCtarget": target,
            "DateOfInitialCPC": conference if held else None,
            "ICPCnotRequired": not held,
        }
    )
    if not held:
        return None
    category = cin.CATEGORY_OF_ABUSE.pick(rng.random)
    previous = 0 if rng.random() < 0.76 else 1 if rng.random() < 0.8 else 2
    rows["ChildProtectionPlans"].append(
        {
            **key,
            "CPPID": 1,
            "CPPstartDate": conference,
            "CPPendDate": care_start if care_start <= end else None,
            "InitialCategoryOfAbuse": category,
            "LatestCategoryOfAbuse": category if rng.random() < 0.9 else "MUL",
            "NumberOfPreviousCPP": previous,
        }
    )
    review = conference + timedelta(days=80 + rng.randrange(20))
    while review < min(care_start, end):
        rows["CPPreviews"].append({**key, "CPPID": 1, "CPPreviewDate": review})
        review += timedelta(days=170 + rng.randrange(20))
    return conference


# --- teams --------------------------------------------------------------------------------


def _other_case_holders(tables) -> list[str]:
    """The workforce census's case holders who are not SWEpisodes' (six-digit SWENo)."""
    workers_frame = tables["CSWWWorker"]
    return sorted(
        workers_frame.filter(
            pl.col("OrgRole").is_in(["4", "5"]) & (pl.col("SWENo").str.len_chars() == 8)
        )
        .get_column("SWENo")
        .to_list()
    )


def _all_teams(care_teams: pl.DataFrame, tables) -> pl.DataFrame:
    """The care teams' workers and the other case holders, each given a team in turn."""
    others = _other_case_holders(tables)
    extra = pl.DataFrame(
        {"SW_ID": others, "team": [OTHER_TEAMS[i % len(OTHER_TEAMS)] for i in range(len(others))]},
        schema={"SW_ID": pl.String, "team": pl.String},
    )
    return pl.concat([care_teams.select("SW_ID", "team"), extra]).sort("SW_ID")


# --- Annex A ------------------------------------------------------------------------------


class _People:
    """Each child's gender, ethnicity, birth date and disability, as the lists write them."""

    def __init__(self, council: SynthCouncil):
        self.end = council.end
        self.found: dict[str, tuple] = {}
        for row in council.ssda903["Header"].iter_rows(named=True):
            sex = {"1": "M", "2": "F"}.get(row["SEX"], "U")
            self.found[row["CHILD"]] = (sex, row["ETHNIC"], row["DOB"])
        tables = council.cin
        sex_field = "Sex" if "Sex" in tables["ChildIdentifiers"].columns else "GenderCurrent"
        ethnicity = dict(tables["ChildCharacteristics"].select("LAchildID", "Ethnicity").rows())
        for child, sex, born in (
            tables["ChildIdentifiers"].select("LAchildID", sex_field, "PersonBirthDate").rows()
        ):
            sex = {"1": "M", "2": "F", "0": "U", "9": "U"}.get(sex, sex)
            self.found[child] = (sex, ethnicity.get(child), born)
        self.disabled = set(
            tables["Disabilities"]
            .filter(pl.col("Disability") != "NONE")
            .get_column("LAchildID")
            .to_list()
        )

    def add(self, child: str, sex: str, ethnicity: str, born: date) -> None:
        self.found[child] = (sex, ethnicity, born)

    def person(self, child: str) -> dict:
        sex, ethnicity, born = self.found[child]
        return {
            "Child Unique ID": child,
            "Gender": sex,
            "Ethnicity": ethnicity,
            "Date of Birth": born,
            "Age of Child (Years)": None if born is None else _age(born, self.end),
        }

    def disability(self, child: str) -> str:
        return "Y" if child in self.disabled else "N"


class _Allocation:
    """Workers by team from the council's teams, chosen for each case from the seeded stream."""

    def __init__(self, rng: random.Random, teams: pl.DataFrame, sw_episodes: pl.DataFrame):
        self.rng = rng
        self.by_team: dict[str, list[str]] = defaultdict(list)
        for worker, team in teams.select("SW_ID", "team").rows():
            self.by_team[team].append(worker)
        self.team_of = dict(teams.select("SW_ID", "team").rows())
        self.episodes: dict[str, list[tuple]] = defaultdict(list)
        for child, worker, begins, ends in sw_episodes.select(
            "CHILD", "SW_ID", "SW_DECOM", "SW_DEC"
        ).rows():
            self.episodes[child].append((begins, ends, worker))

    def pick(self, teams: tuple[str, ...]) -> tuple[str, str]:
        team = self.rng.choice(teams)
        return team, self.rng.choice(self.by_team[team])

    def worker_on(self, child: str, day: date) -> tuple[str, str] | None:
        """The child's SWEpisodes worker on `day` (the last before it when none is open)."""
        best = None
        for begins, ends, worker in self.episodes.get(child, ()):
            if begins <= day:
                best = worker
                if ends is None or ends > day:
                    break
        return None if best is None else (self.team_of.get(best, ""), best)


def _annex_a(council: SynthCouncil) -> dict[str, list[dict]]:
    rng = random.Random(council.seed ^ ANNEX_STREAM)
    end = council.end
    start = _years_before(end, 1) + timedelta(days=1)
    people = _People(council)
    allocation = _Allocation(rng, council.teams, council.ssda903["SWEpisodes"])
    tables = council.cin
    lists: dict[int, list[dict]] = {n: [] for n in range(1, 12)}
    in_care_on_end = set(
        council.ssda903["Episodes"]
        .filter(
            (pl.col("DECOM") <= end) & pl.col("DEC").is_null() & ~pl.col("LS").is_in(SHORT_BREAKS)
        )
        .get_column("CHILD")
        .to_list()
    )
    assessing = ("Assessment North", "Assessment South")
    in_need = ("Child in need East", "Child in need West")
    details = {
        (r["LAchildID"], r["CINdetailsID"]): r for r in tables["CINdetails"].iter_rows(named=True)
    }
    worker_of: dict[tuple, tuple[str, str]] = {}
    for key, row in details.items():
        child = key[0]
        care = allocation.worker_on(child, max(row["CINreferralDate"], start))
        if care is not None:
            worker_of[key] = care
        elif row["ReferralNFA"]:
            worker_of[key] = allocation.pick(("MASH",))
        else:
            worker_of[key] = allocation.pick(assessing)

    # List 3 referrals and List 1 contacts (one for each referral, and others).
    referred = [r for r in details.values() if start <= r["CINreferralDate"] <= end]
    referred_on = defaultdict(list)  # every referral the census holds, before the year too
    for row in details.values():
        referred_on[row["LAchildID"]].append(row["CINreferralDate"])
    for row in referred:
        child = row["LAchildID"]
        person = people.person(child)
        team, worker = worker_of[(child, row["CINdetailsID"])]
        lists[3].append(
            {
                **person,
                "Date of referral": row["CINreferralDate"],
                "Referral Source": row["ReferralSource"],
                "Referral NFA?": "Y" if row["ReferralNFA"] else "N",
                "Number of Referrals in Last 12 Months": in_last_12_months(
                    referred_on[child], row["CINreferralDate"]
                ),
                "Allocated Team": team,
                "Allocated Worker": worker,
            }
        )
        contact = max(start, row["CINreferralDate"] - timedelta(days=rng.randrange(0, 4)))
        lists[1].append(
            {**person, "Date of Contact": contact, "Contact Source": row["ReferralSource"]}
        )
        if rng.random() < 0.3:
            earlier = contact - timedelta(days=rng.randrange(10, 90))
            if earlier >= start:
                source = _pick(rng, annex_a.SOURCES)
                lists[1].append({**person, "Date of Contact": earlier, "Contact Source": source})
    taken = set(people.found)
    new_ids = _new_ids(rng, council.council_code, taken, round(1.9 * len(referred)) + 1)
    contact_only = new_ids[: round(1.4 * len(referred))]
    early_help_only = new_ids[len(contact_only) :]
    for child in contact_only:
        contact = _day_in(rng, start, end)
        born = contact - timedelta(days=rng.randrange(1, 17 * 365))
        people.add(child, "M" if rng.random() < 0.51 else "F", _ethnicity(rng), born)
        for _ in range(1 + int(rng.random() < 0.15)):
            source = _pick(rng, annex_a.SOURCES)
            lists[1].append(
                {**people.person(child), "Date of Contact": contact, "Contact Source": source}
            )
            contact = min(end, contact + timedelta(days=rng.randrange(14, 120)))

    # List 2 early help: cases closed to early help, and children only ever seen there.
    closed_to_early_help = [
        r
        for r in details.values()
        if r["ReasonForClosure"] == "RC9" and r["CINclosureDate"] and r["CINclosureDate"] >= start
    ]
    for row in closed_to_early_help:
        begins = row["CINclosureDate"] + timedelta(days=rng.randrange(0, 15))
        if begins <= end:
            lists[2].append(_early_help(rng, people.person(row["LAchildID"]), begins, end))
    for child in early_help_only:
        begins = _day_in(rng, start, end)
        born = begins - timedelta(days=rng.randrange(1, 17 * 365))
        people.add(child, "M" if rng.random() < 0.51 else "F", _ethnicity(rng), born)
        lists[2].append(_early_help(rng, people.person(child), begins, end))

    # List 4 assessments.
    for row in tables["Assessments"].iter_rows(named=True):
        began = row["AssessmentActualStartDate"]
        if not start <= began <= end:
            continue
        key = (row["LAchildID"], row["CINdetailsID"])
        episode = details[key]
        authorised = row["AssessmentAuthorisationDate"]
        support = None
        if authorised is not None:
            closed_after = episode["ReasonForClosure"] in ("RC8", "RC9")
            support = "N" if closed_after and episode["CINclosureDate"] == authorised else "Y"
        team, worker = worker_of[key]
        lists[4].append(
            {
                **people.person(key[0]),
                "Does the Child have a Disability": people.disability(key[0]),
                "Continuous Assessment Start Date": began,
                "Child Seen During Continuous Assessment": "Y" if rng.random() < 0.97 else "N",
                "Continuous Assessment Date of Authorisation": authorised,
                "Was the child assessed as requiring LA children's social care support?": support,
                "Allocated Team": team,
                "Allocated Worker": worker,
            }
        )

    # List 5 section 47 enquiries and conferences.
    plans_from = {
        (r["LAchildID"], r["CINdetailsID"], r["CPPstartDate"])
        for r in tables["ChildProtectionPlans"].iter_rows(named=True)
    }
    enquiries = [
        r
        for r in tables["Section47"].iter_rows(named=True)
        if start <= r["S47ActualStartDate"] <= end
    ]
    # every enquiry and conference the census holds, before the year too
    enquired_on, conferenced_on = defaultdict(list), defaultdict(list)
    for row in tables["Section47"].iter_rows(named=True):
        enquired_on[row["LAchildID"]].append(row["S47ActualStartDate"])
        if row["DateOfInitialCPC"] is not None:
            conferenced_on[row["LAchildID"]].append(row["DateOfInitialCPC"])
    for row in enquiries:
        key = (row["LAchildID"], row["CINdetailsID"])
        conference = row["DateOfInitialCPC"]
        began = row["S47ActualStartDate"]  # the row's date: the list's key
        plan = None if conference is None else "Y" if (*key, conference) in plans_from else "N"
        team, worker = worker_of[key]
        lists[5].append(
            {
                **people.person(key[0]),
                "Does the Child have a Disability": people.disability(key[0]),
                "Strategy discussion initiating Section 47 Enquiry Start Date": row[
                    "S47ActualStartDate"
                ],
                "Was an Initial Child Protection Conference deemed unnecessary?": (
                    "Y" if row["ICPCnotRequired"] else "N"
                ),
                "Date of Initial Child Protection Conference": conference,
                "Did the Initial Child Protection Conference Result in a Child Protection Plan": (
                    plan
                ),
                "Number of Section 47 Enquiries in the last 12 months": in_last_12_months(
                    enquired_on[key[0]], began
                ),
                "Number of ICPCs in the last 12 months": in_last_12_months(
                    conferenced_on[key[0]], began
                ),
                "Allocated Team": team,
                "Allocated Worker": worker,
            }
        )

    # List 6 children in need and List 7 child protection.
    open_plans = {
        (r["LAchildID"], r["CINdetailsID"])
        for r in tables["ChildProtectionPlans"].iter_rows(named=True)
        if r["CPPendDate"] is None
    }
    open_assessments = {
        (r["LAchildID"], r["CINdetailsID"])
        for r in tables["Assessments"].iter_rows(named=True)
        if r["AssessmentAuthorisationDate"] is None
    }
    in_need_worker: dict[tuple, tuple[str, str]] = {}
    for key, row in details.items():
        closed = row["CINclosureDate"]
        if row["ReferralNFA"] or row["CINreferralDate"] > end or (closed and closed < start):
            continue
        child = key[0]
        care = allocation.worker_on(child, min(end, closed or end))
        if care is not None:
            team, worker = care
        else:
            team, worker = in_need_worker.setdefault(key, allocation.pick(in_need))
        if closed is not None:
            status = "Closed episode"
        elif child in in_care_on_end:
            status = "Looked after child"
        elif key in open_plans:
            status = "Child protection plan"
        elif key in open_assessments:
            status = "Open assessment"
        else:
            status = "Child in need plan"
        seen = (closed or end) - timedelta(days=rng.randrange(0, 40))
        lists[6].append(
            {
                **people.person(child),
                "Does the Child have a Disability": people.disability(child),
                "CIN Start Date": row["CINreferralDate"],
                "Primary Need Code": row["PrimaryNeedCode"],
                "Date Child Was Last Seen": max(seen, row["CINreferralDate"]),
                "CIN Closure Date": closed,
                "Reason for Closure": row["ReasonForClosure"],
                "Case Status": status,
                "Allocated Team": team,
                "Allocated Worker": worker,
            }
        )
    reviews = defaultdict(list)
    for child, number, plan, day in (
        tables["CPPreviews"].select("LAchildID", "CINdetailsID", "CPPID", "CPPreviewDate").rows()
    ):
        reviews[(child, number, plan)].append(day)
    for row in tables["ChildProtectionPlans"].iter_rows(named=True):
        began, ended = row["CPPstartDate"], row["CPPendDate"]
        if began > end or (ended is not None and ended < start):
            continue
        key = (row["LAchildID"], row["CINdetailsID"])
        team, worker = in_need_worker.get(key) or worker_of[key]
        held = [d for d in reviews[(*key, row["CPPID"])] if d <= end]
        visit = (ended or end) - timedelta(days=rng.randrange(0, 14))
        lists[7].append(
            {
                **people.person(key[0]),
                "Does the Child have a Disability": people.disability(key[0]),
                "Child Protection Plan Start Date": began,
                "Initial Category of Abuse": row["InitialCategoryOfAbuse"],
                "Latest Category of Abuse": row["LatestCategoryOfAbuse"],
                "Date of the Last Statutory Visit": max(began, visit),
                "Was the Child Seen Alone?": "Y" if rng.random() < 0.8 else "N",
                "Date of latest review conference": max(held) if held else None,
                "Child Protection Plan End Date": ended,
                annex_a.EPO: "Y" if rng.random() < 0.03 else "N",
                "Number of Previous Child Protection Plans": row["NumberOfPreviousCPP"],
                "Allocated Team": team,
                "Allocated Worker": worker,
            }
        )

    _children_in_care(lists, rng, council, people, allocation, start, end)
    _care_leavers(lists, rng, council, people, allocation, end)
    for index in range(max(1, len(lists[10]))):
        lists[11].append(_adopter(rng, index, start, end))
    out = {}
    for number, rows in lists.items():
        key = annex_a.LISTS_BY_NUMBER[number].unique_by
        unique = {tuple(str(row.get(k) or "") for k in key): row for row in reversed(rows)}
        out[f"List{number}"] = [unique[k] for k in sorted(unique)]  # one row for each event
    return out


def in_last_12_months(days: list[date], day: date) -> int:
    """Annex A's "in the last 12 months" counts for the child's row dated `day`: the child's
    events (`days`) in the 12 months ending on that day, the row's own referral or enquiry
    among them (Ofsted, Annex A: list 3's Number of Referrals in Last 12 Months, so 2 or more
    marks a re-referral as `annex_a_rereferrals_pct` reads it; list 5's Number of Section 47
    Enquiries and Number of ICPCs in the last 12 months, at the strategy discussion's date, so
    a conference after it is not yet counted). The 12 months reach back to the same day a year
    before, as
    DfE's re-referral (a referral within 12 months of a previous one) and
    `cin_rereferrals_pct` take it, so both returns agree."""
    since = _years_before(day, 1)
    return sum(1 for other in days if since <= other <= day)


def _children_in_care(lists, rng, council, people, allocation, start, end) -> None:
    """List 8 from the 903's periods of care open in the year (short breaks left out), and
    List 10 from its placements for adoption."""
    tables = council.ssda903
    unaccompanied = set(tables["UASC"].get_column("CHILD").to_list())
    reviews = defaultdict(list)
    for child, day in tables["Reviews"].select("CHILD", "REVIEW").rows():
        reviews[child].append(day)
    missing = defaultdict(list)
    for child, kind, day in tables["Missing"].select("CHILD", "MISSING", "MIS_START").rows():
        missing[child].append((kind, day))
    care = tables["Episodes"].filter(~pl.col("LS").is_in(SHORT_BREAKS))
    for child, episodes in sorted(_rows_by_child(care).items()):
        periods = _periods(episodes)
        for index, period in enumerate(periods):
            began, ceased = period[0]["DECOM"], period[-1]["DEC"]
            if began > end or (ceased is not None and ceased < start):
                continue
            shown = [e for e in period if e["DECOM"] <= end]
            current = shown[-1]
            status_from = current["DECOM"]
            for episode in reversed(shown):
                if episode["LS"] != current["LS"]:
                    break
                status_from = episode["DECOM"]
            placed = max(e["DECOM"] for e in shown if e["RNE"] in _NEW_PLACEMENT)
            moves = sum(1 for e in shown if e["RNE"] in _NEW_PLACEMENT and e["DECOM"] >= start)
            placements = moves + (1 if began < start else 0)
            again = any(
                p[-1]["DEC"] is not None and p[-1]["DEC"] >= began - timedelta(days=365)
                for p in periods[:index]
            )
            last = min(end, ceased or end)
            held = [d for d in reviews[child] if began <= d <= last]
            gone = [(kind, day) for kind, day in missing[child] if max(start, began) <= day <= last]
            times_missing = sum(1 for kind, _ in gone if kind == "M")
            times_absent = len(gone) - times_missing
            team, worker = allocation.worker_on(child, last) or ("", "")
            finished = ceased is not None and ceased <= end
            lists[8].append(
                {
                    **people.person(child),
                    "Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months (Y/N)": (
                        "Y" if child in unaccompanied else "N"
                    ),
                    "Does the Child have a Disability": people.disability(child),
                    "Date Started to be Looked After": began,
                    "Child's Category of Need": period[0]["CIN"],
                    annex_a.SECOND_PERIOD: "Y" if again else "N",
                    "Start date of current legal status": status_from,
                    "Child's Legal Status": current["LS"],
                    "Date of Latest Statutory Review": max(held) if held else None,
                    "Date of Last Social Work Visit": _visit(rng, began, last, 42),
                    "What is the permanence plan for this child?": _permanence(current),
                    "Date of Last IRO Visit / Contact to the Child": _visit(rng, began, last, 90),
                    "Date of Last Health Assessment": _visit(rng, began, last, 300),
                    "Date of Last Dental Check": None
                    if rng.random() < 0.2
                    else _visit(rng, began, last, 300),
                    "Number of Placements in the Last 12 months": placements,
                    "Date Ceased to be Looked After": ceased if finished else None,
                    "Reason Ceased to be Looked After": current["REC"] if finished else None,
                    "Start Date of Most Recent Placement": placed,
                    "Placement Type": current["PLACE"],
                    "Placement Provider": current["PLACE_PROVIDER"],
                    "Placement postcode": current["PL_POST"],
                    "URN of Placement": current["URN"],
                    "Placement Location": "In" if rng.random() < 0.7 else "Out",
                    "LA of Placement": "",
                    annex_a.MISSING: times_missing,
                    annex_a.ABSENT: times_absent,
                    "Was the child offered a Return Interview after their last missing episode "
                    "(Y/N)?": ("Y" if rng.random() < 0.9 else "N") if times_missing else None,
                    "Did the child accept a Return Interview after their last missing episode "
                    "(Y/N)?": ("Y" if rng.random() < 0.6 else "N") if times_missing else None,
                    "Allocated Team": team,
                    "Allocated Worker": worker,
                }
            )
            _adoption(lists, rng, people, child, period, start, end)


def _adoption(lists, rng, people, child, period, start, end) -> None:
    """A List 10 row for a period with a placement for adoption (A3-A6) or an adoption."""
    began, ceased = period[0]["DECOM"], period[-1]["DEC"]
    adopted = ceased if period[-1]["REC"] in ("E11", "E12") and ceased <= end else None
    placements = [e["DECOM"] for e in period if e["PLACE"] in ("A3", "A4", "A5", "A6")]
    placed = min(placements) if placements else None
    if placed is None or placed > end or (adopted is not None and adopted < start):
        return
    decision = max(began + timedelta(days=30), placed - timedelta(days=rng.randrange(120, 300)))
    order = min(placed, decision + timedelta(days=rng.randrange(30, 90)))
    lists[10].append(
        {
            **people.person(child),
            "Family identifier": "",
            "Does the Child have a Disability": people.disability(child),
            "Date the Child Entered Care": began,
            "Date of Decision that Child Should be Placed for Adoption": decision,
            "Date of Placement Order": order,
            "Date of Matching Child and Prospective Adopters": max(
                order, placed - timedelta(days=rng.randrange(7, 30))
            ),
            "Date Placed for Adoption": placed,
            "Date of Adoption Order": adopted,
        }
    )


def _care_leavers(lists, rng, council, people, allocation, end) -> None:
    """List 9 from the 903's care leavers (OC3), with the leaving care team's workers."""
    tables = council.ssda903
    unaccompanied = set(tables["UASC"].get_column("CHILD").to_list())
    leaving = allocation.by_team.get(workers.LEAVING_CARE) or [""]
    for child, _born, in_touch, activity, accommodation in tables["OC3"].rows():
        person = people.person(child)
        known = allocation.worker_on(child, end)
        worker = known[1] if known and known[0] == workers.LEAVING_CARE else rng.choice(leaving)
        kind = accommodation[0] if accommodation and accommodation != "0" else None
        suitable = {"1": "Suitable", "2": "Unsuitable"}.get(accommodation[1:]) if kind else None
        lists[9].append(
            {
                **person,
                "Unaccompanied Asylum Seeking Child (UASC), or formerly UASC if 18 or over "
                "(Y/N)": "Y" if child in unaccompanied else "N",
                "Does the Child have a Disability": "Y" if rng.random() < 0.06 else "N",
                "Allocated Team": workers.LEAVING_CARE,
                "Allocated Worker": worker,
                "Allocated Personal Advisor": f"PA{rng.randrange(1, 12):02d}",
                "Eligibility Category": "Former relevant"
                if (person["Age of Child (Years)"] or 0) >= 18
                else "Relevant",
                "Latest Pathway Plan Review Date": end - timedelta(days=rng.randrange(1, 200)),
                "LA in Touch": in_touch,
                "Latest Date of Contact": end - timedelta(days=rng.randrange(1, 90))
                if in_touch == "YES"
                else None,
                "Type of Accommodation": kind,
                "Suitability of Accommodation": suitable,
                "Activity Status": None if activity in (None, "0") else activity,
            }
        )


def _adopter(rng, index: int, start: date, end: date) -> dict:
    enquiry = _day_in(rng, start - timedelta(days=365), end)
    row = {
        "Individual adopter identifier": f"AD{index + 1:05d}",
        "Family identifier": f"FAM{index // 2 + 1:05d}",
        "Gender": "M" if index % 2 else "F",
        "Ethnicity": _ethnicity(rng),
        "Disability": "N",
        "Is the (prospective) adopter fostering for adoption?": "Y" if rng.random() < 0.1 else "N",
        "Date enquiry received": enquiry,
    }
    step = enquiry
    for column, low, high in (
        ("Date Stage 1 started", 10, 60),
        ("Date Stage 1 ended", 40, 70),
        ("Date Stage 2 started", 1, 30),
        ("Date Stage 2 ended", 90, 130),
        ("Date application submitted", 0, 5),
        ("Date application approved", 10, 40),
        ("Date adopter matched with child(ren)", 30, 200),
        ("Date child/children placed with adopter(s)", 10, 40),
    ):
        step += timedelta(days=rng.randrange(low, high))
        if step > end or rng.random() < 0.08:
            break
        row[column] = step
    if "Date child/children placed with adopter(s)" in row:
        row["No. of children placed"] = 1 + int(rng.random() < 0.2)
    return row


def _early_help(rng, person: dict, begins: date, end: date) -> dict:
    completed = begins + timedelta(days=rng.randrange(10, 120))
    return {
        **person,
        "Assessment start date": begins,
        "Assessment completion date": completed if completed <= end else None,
        "Organisation completing assessment": rng.choice(annex_a.EARLY_HELP_ORGANISATIONS),
    }


def _permanence(episode: dict) -> str:
    place, status = episode["PLACE"], episode["LS"]
    if place.startswith("A"):
        return "Adoption"
    if status == "V2" or place == "P1":
        return "Return to family"
    if place in ("H5", "K3", "P2"):
        return "Supported living in the community"
    if place.startswith(("K", "R", "S")):
        return "Long-term residential placement"
    if place.startswith("U"):
        return "Long-term fostering"
    return "Other"


def _visit(rng, began: date, last: date, within: int) -> date:
    return max(began, last - timedelta(days=rng.randrange(0, within)))


def _pick(rng: random.Random, weighted) -> str:
    roll, total = rng.random(), 0.0
    for value, weight in weighted:
        total += weight
        if roll < total:
            return value
    return weighted[-1][0]


def _ethnicity(rng) -> str:
    return _pick(rng, annex_a.ETHNICITIES)


def _new_ids(rng, council_code: str, taken: set[str], count: int) -> list[str]:
    """`count` identifiers in the council's scheme that no child of the other returns has."""
    width = max(6, len(str(10 * (len(taken) + count))))
    out: list[str] = []
    while len(out) < count:
        child = f"{council_code}{rng.randrange(1, 10**width):0{width}d}"
        if child not in taken:
            taken.add(child)
            out.append(child)
    return out


def _age(born: date, on: date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def _day_in(rng, first: date, last: date) -> date:
    return first + timedelta(days=rng.randrange(max((last - first).days, 0) + 1))


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return date(day.year - years, 2, 28)


# --- the demo -----------------------------------------------------------------------------

DEMO_KINDS = (("cin", "cin"), ("annexa", "annex_a"), ("workforce", "workforce"))


def demo_returns(
    council,
    users,
    out_dir: Path,
    tables: dict[str, pl.DataFrame],
    *,
    teams: pl.DataFrame | None = None,
    seed: int = 2026,
    end: date = date(2025, 3, 31),
    referrals: int | None = None,
) -> dict[str, object]:
    """Write the demo council's CIN census, Annex A workbook and workforce census, drawn from
    its SSDA903 `tables` (with SWEpisodes) and worker-to-team frame `teams` (read from the
    council's newest team file when not given), and import each on the one upload path as the
    analyst; then import every worker's team (the care teams' and the front door's, children
    in need's) as the council's next team file. Returns kind -> Upload (None for a return
    whose reader is not yet available). Refuses (RuntimeError) a return that is not accepted.
    """
    from trajectory.councils.models import Role
    from trajectory.councils.team_files import team_file_import
    from trajectory.returns import formats
    from trajectory.returns.services import return_import

    analyst = users[Role.ANALYST]
    if teams is None:
        teams = _teams_on_file(council)
    made = council_from(
        tables, teams, council_code=council.code, seed=seed, end=end, referrals=referrals
    )
    out_dir = Path(out_dir)
    uploads: dict[str, object] = {}
    for kind, return_kind in DEMO_KINDS:
        paths = write_council(made, out_dir / f"returns-{kind}", kind)
        if not formats.of(return_kind).available:
            uploads[kind] = None
            continue
        upload = return_import(
            council=council, user=analyst, paths=paths, source="cli", kind=return_kind
        )
        if upload.version is None:
            raise RuntimeError(f"The demo {kind} return was not accepted: {upload.errors[:5]}")
        uploads[kind] = upload
    team_path = write_teams(made, out_dir / "returns-teams.csv")
    team_file_import(
        council=council, user=analyst, content=team_path.read_bytes(), file_name=team_path.name
    )
    return uploads


def _teams_on_file(council) -> pl.DataFrame:
    from trajectory.councils.models import TeamFile, WorkerTeam

    newest = TeamFile.objects.filter(council=council).order_by("-number").first()
    rows = (
        WorkerTeam.objects.filter(team_file=newest)
        .order_by("worker_id")
        .values_list("worker_id", "team__name")
    )
    return pl.DataFrame(list(rows), schema={"SW_ID": pl.String, "team": pl.String}, orient="row")
