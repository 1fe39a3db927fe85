"""A seeded synthetic CIN census for one council: made-up children at a large council's volume.

Each child's year is simulated as episodes of need: a referral (source drawn from DfE's shares
of referrals by source: police about three in ten, schools one in five, health one in seven), then
either no further action (about 1 in 14), or an assessment (authorised after a median of about 5
weeks; about one in six runs past 45 working days), closed after it with no further action or
to early help (RC8/RC9) about half the time, or a CIN plan, or a section 47 enquiry (about one
referral in three) whose initial conference is due 15 working days after it starts and is held
for about four enquiries in ten, most of which start a child protection plan (categories: neglect
about half, emotional abuse a third), reviewed three months after it starts and then every six.
About one child in five was already open to children's social care when the year began, and
about one in seven is referred again in the year. Shares are rough ones from DfE's
"Characteristics of children in need" releases (2022 to 2024); nothing here is real child data.

`generate_cin` gives the tables the CIN reader gives (trajectory.returns.cin.schema, without the
working columns), so a census written by `write_cin_xml` reads back to the same tables. The same
seed gives the same tables and, written, the same bytes.

The children: `children` is how many children the census holds (a large council's 10,000 is
about 10,000 referrals a year). Children looked after can be passed in as the SSDA903
generator's Header table (`looked_after=tables["Header"]` from trajectory.synth.ssda903.generate):
each appears with its CHILD as LAchildID, its birth date and sex, and an open episode of need
(abuse or neglect) from before it came into care; the other children get identifiers in the same
scheme (the council code and a number) that none of them has.
"""

from __future__ import annotations

import math
import random
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape

import polars as pl

from trajectory.indicators.working_days import bank_holidays
from trajectory.returns.cin import schema
from trajectory.synth.mixes import ETHNICITY, Mix

REFERRAL_SOURCE = Mix.of(
    {
        "1A": 4.5,
        "1B": 0.6,
        "1C": 1.0,
        "1D": 0.4,
        "2A": 20.0,
        "2B": 1.4,
        "3A": 2.2,
        "3B": 2.0,
        "3C": 0.7,
        "3D": 2.8,
        "3E": 3.5,
        "3F": 4.3,
        "4": 2.5,
        "5A": 2.1,
        "5B": 2.6,
        "5C": 2.8,
        "5D": 4.5,
        "6": 29.5,
        "7": 2.0,
        "8": 4.0,
        "9": 1.3,
        "10": 1.2,
    }
)
PRIMARY_NEED = Mix.of(
    {"N1": 56, "N2": 9, "N3": 4, "N4": 8, "N5": 13, "N6": 3, "N7": 0.5, "N8": 3, "N0": 3.5}
)
FACTORS = Mix.of(
    {
        "3A": 9,
        "3B": 14,
        "4B": 13,
        "4A": 8,
        "16A": 7,
        "17A": 9,
        "2B": 6,
        "1B": 5,
        "5B": 2,
        "6B": 2,
        "14A": 3,
        "15A": 3,
        "10A": 3,
        "11A": 2,
        "24A": 2,
        "13A": 1,
        "18C": 2,
        "18B": 1,
        "19C": 1,
        "19B": 0.6,
        "8F": 0.3,
        "9A": 1,
        "20": 5,
        "21": 6,
        "22A": 0.2,
        "23A": 0.3,
        "7A": 1,
        "5A": 1,
        "6A": 1,
        "2A": 1,
        "1A": 0.5,
        "2C": 0.5,
        "1C": 0.3,
        "3C": 0.5,
        "4C": 0.5,
    }
)
CATEGORY_OF_ABUSE = Mix.of({"NEG": 50, "EMO": 36, "PHY": 7, "SAB": 4, "MUL": 3})
DISABILITY = Mix.of(
    {
        "LD": 30,
        "AUT": 25,
        "COMM": 15,
        "BEH": 10,
        "MOB": 6,
        "PC": 4,
        "HEAR": 3,
        "VIS": 3,
        "HAND": 2,
        "INC": 1,
        "CON": 1,
    }
)
AGE = Mix.of({"0": 11, "1": 20, "5": 23, "10": 33, "16": 13})  # age group at the year's end
_AGE_SPAN = {"0": (0, 1), "1": (1, 5), "5": (5, 10), "10": (10, 16), "16": (16, 18)}
CLOSURE_REASON = Mix.of({"RC7": 82, "RC5": 5, "RC6": 3, "RC3": 3, "RC4": 3, "RC1": 2, "RC2": 0.5})

_NO_FURTHER_ACTION = 0.07
_SECTION_47 = 0.30
_CONFERENCE = 0.42
_PLAN_AFTER_CONFERENCE = 0.88
_CLOSED_AFTER_ASSESSMENT = 0.50
_OPEN_AT_START = 0.20
_REFERRED_AGAIN = 0.15
_UNBORN = 0.01
_UPN_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ"  # DfE's check letters: no I, O or S


@cache
def _holidays() -> frozenset[date]:
    return frozenset(bank_holidays())


def _working_days_after(day: date, days: int) -> date:
    holidays = _holidays()
    while day.weekday() >= 5 or day in holidays:
        day -= timedelta(days=1)
    while days:
        day += timedelta(days=1)
        if day.weekday() < 5 and day not in holidays:
            days -= 1
    return day


def _upn(la_code: str, number: int) -> str:
    """A UPN in DfE's format with its check letter: LA code, then digits made up from `number`."""
    digits = f"{la_code[:3]:0>3}{number % 10**9:09d}"
    total = sum(int(d) * weight for d, weight in zip(digits, range(2, 14), strict=True))
    return _UPN_LETTERS[total % 23] + digits


class _Tables:
    def __init__(self):
        self.rows: dict[str, list[dict]] = {t.name: [] for t in schema.TABLES}

    def add(self, table: str, **values) -> None:
        self.rows[table].append(values)

    def frames(self) -> dict[str, pl.DataFrame]:
        found = {}
        for table in schema.TABLES:
            types = {f.name: _dtype(f.kind) for f in table.fields}
            rows = self.rows[table.name]
            found[table.name] = pl.DataFrame(
                {c: [r.get(c) for r in rows] for c in table.columns}, schema=types
            )
        return found


def _dtype(kind: str):
    return {
        schema.DATE: pl.Date,
        schema.FLAG: pl.Boolean,
        schema.COUNT: pl.Int64,
        schema.SEQUENCE: pl.Int64,
    }.get(kind, pl.String)


def generate_cin(
    *,
    children: int,
    seed: int,
    council_code: str = "990",
    la_code: str | None = None,
    end: date = date(2025, 3, 31),
    looked_after: pl.DataFrame | None = None,
    made_at: str | None = None,
) -> dict[str, pl.DataFrame]:
    """A CIN census of `children` made-up children for the year ending `end` (31 March).

    `la_code` is the three-digit LEA code in the header (the council code when it is three
    digits, else 990); `looked_after` the SSDA903 Header table of children who must appear.
    """
    if children < 1:
        raise ValueError("children must be at least 1")
    rng = random.Random(seed)
    uniform = rng.random
    la = la_code or (council_code if len(council_code) == 3 and council_code.isdigit() else "990")
    start = date(end.year - 1, end.month, end.day) + timedelta(days=1)
    tables = _Tables()
    year_end = end.year  # the census year ends on 31 March of `end`'s year
    tables.add(
        "Header",
        Collection="CIN",
        Year=str(year_end),
        ReferenceDate=end,
        SourceLevel="L",
        LEA=la,
        SoftwareCode="Trajectory synthetic",
        Release="1",
        SerialNo="001",
        DateTime=made_at or f"{end + timedelta(days=40):%Y-%m-%d}T09:00:00",
    )
    sex_field = "Sex" if year_end >= schema.SEX_FROM else "GenderCurrent"
    taken: set[str] = set()
    known = []
    if looked_after is not None and looked_after.height:
        for row in looked_after.select("CHILD", "SEX", "DOB").iter_rows(named=True):
            known.append(row)
            taken.add(str(row["CHILD"]))
    total = max(children, len(known))
    width = max(6, len(str(10 * total)))
    numbers = iter(rng.sample(range(1, 10 * total + 1), total))
    for index in range(total):
        if index < len(known):
            row = known[index]
            child_id, born = str(row["CHILD"]), row["DOB"]
            sex = {"1": "M", "2": "F"}.get(str(row["SEX"]), str(row["SEX"]))
            looked_after_child = True
        else:
            child_id = f"{council_code}{next(numbers):0{width}d}"
            while child_id in taken:
                child_id = f"{council_code}{next(numbers):0{width}d}"
            taken.add(child_id)
            born, sex, looked_after_child = None, None, False
        _child(
            tables,
            uniform,
            rng,
            child_id,
            born,
            sex,
            looked_after_child,
            index,
            la,
            start,
            end,
            sex_field,
        )
    return tables.frames()


def _child(
    tables, uniform, rng, child_id, born, sex, looked_after_child, index, la, start, end, sex_field
) -> None:
    unborn = born is None and uniform() < _UNBORN
    if born is None and not unborn:
        low, high = _AGE_SPAN[AGE.pick(uniform)]
        born = end - timedelta(days=int((low + (high - low) * uniform()) * 365.25))
    sex = sex or ("U" if unborn else "M" if uniform() < 0.52 else "F")
    expected = end + timedelta(days=20 + int(150 * uniform())) if unborn else None
    written_sex = sex if sex_field == "Sex" else {"M": "1", "F": "2", "U": "0"}.get(sex, "0")
    school_age = born is not None and (end - born).days >= 5 * 365
    tables.add(
        "ChildIdentifiers",
        LAchildID=child_id,
        UPN=_upn(la, index * 7919 + 104729) if school_age else None,
        UPNunknown=None if school_age else "UN1",
        PersonBirthDate=born,
        ExpectedPersonBirthDate=expected,
        **{sex_field: written_sex},
    )
    tables.add("ChildCharacteristics", LAchildID=child_id, Ethnicity=ETHNICITY.pick(uniform))
    if uniform() < 0.12 and not unborn:
        for code in sorted({DISABILITY.pick(uniform) for _ in range(1 + (uniform() < 0.3))}):
            tables.add("Disabilities", LAchildID=child_id, Disability=code)
    else:
        tables.add("Disabilities", LAchildID=child_id, Disability="NONE")

    earliest = born or end - timedelta(days=200)  # an unborn child is referred in pregnancy
    if looked_after_child:
        referred = max(earliest, start - timedelta(days=int(60 + 700 * uniform())))
        _episode(tables, uniform, child_id, 1, referred, start, end, open_case=True)
        return
    if uniform() < _OPEN_AT_START and born is not None:
        referred = max(earliest, start - timedelta(days=int(20 + 700 * uniform())))
    else:
        referred = max(earliest, start + timedelta(days=int(365 * uniform())))
    referred = min(referred, end)
    closed = _episode(tables, uniform, child_id, 1, referred, start, end)
    if closed is not None and uniform() < _REFERRED_AGAIN:
        again = closed + timedelta(days=int(20 + 300 * uniform()))
        if again <= end:
            _episode(tables, uniform, child_id, 2, again, start, end)


def _after(day: date, median_days: float, uniform, spread: float = 0.6) -> date:
    """A day after `day`, lognormally about `median_days` later."""
    u = min(max(uniform(), 1e-9), 1 - 1e-9)
    z = math.sqrt(-2 * math.log(u)) * math.cos(2 * math.pi * uniform())
    return day + timedelta(days=max(1, int(median_days * math.exp(spread * z))))


def _within(day: date | None, end: date) -> date | None:
    return day if day is not None and day <= end else None


def _episode(tables, uniform, child_id, number, referred, start, end, open_case=False):
    """One episode of need; its closure date (None when still open at the year's end)."""
    key = {"LAchildID": child_id, "CINdetailsID": number}
    if not open_case and uniform() < _NO_FURTHER_ACTION:
        closed = _within(referred + timedelta(days=int(3 * uniform())), end)
        if closed is not None and closed < start:
            closed = start
        tables.add(
            "CINdetails",
            **key,
            CINreferralDate=referred,
            ReferralSource=REFERRAL_SOURCE.pick(uniform),
            PrimaryNeedCode="N9",
            CINclosureDate=closed,
            ReasonForClosure="RC7" if closed else None,
            DateOfInitialCPC=None,
            ReferralNFA=True,
        )
        return closed

    assessed = referred + timedelta(days=int(3 * uniform()))
    authorised = _within(_after(assessed, 35, uniform), end)
    factors = {FACTORS.pick(uniform) for _ in range(1 + int(3 * uniform()))}
    if "21" in factors and len(factors) > 1:
        factors.discard("21")
    closed = reason = conference = None
    section_47 = open_case or uniform() < _SECTION_47
    plan_end = None
    if section_47:
        enquiry = referred + timedelta(days=int(3 * uniform()))
        target = _working_days_after(enquiry, 15)
        held = open_case or uniform() < _CONFERENCE
        conference = (
            _within(_working_days_after(enquiry, 8 + int(12 * uniform())), end) if (held) else None
        )
        tables.add(
            "Section47",
            **key,
            S47ActualStartDate=enquiry,
            InitialCPCtarget=target,
            DateOfInitialCPC=conference,
            ICPCnotRequired=not held,
        )
        if conference is not None and (open_case or uniform() < _PLAN_AFTER_CONFERENCE):
            plan_end = _after(conference, 270, uniform, 0.5)
            _plan(tables, uniform, key, conference, _within(plan_end, end), end)
        elif not held and authorised is not None and uniform() < 0.6:
            closed, reason = authorised, "RC8" if uniform() < 0.65 else "RC9"
    elif authorised is not None and uniform() < _CLOSED_AFTER_ASSESSMENT:
        closed, reason = authorised, "RC8" if uniform() < 0.6 else "RC9"
    if closed is None and authorised is not None:
        plan_start = max(authorised, plan_end) if plan_end else authorised
        if plan_start <= end:
            plan_stop = _within(_after(plan_start, 200, uniform), end)
            tables.add("CINplanDates", **key, CINPlanStartDate=plan_start, CINPlanEndDate=plan_stop)
            if plan_stop is not None and not open_case:
                closed = _within(plan_stop + timedelta(days=int(10 * uniform())), end)
                reason = CLOSURE_REASON.pick(uniform) if closed else None
    if closed is not None and closed < start:  # a case closed before the year is not in it
        closed = start
    tables.add(
        "Assessments",
        **key,
        AssessmentID=1,
        AssessmentActualStartDate=assessed,
        AssessmentInternalReviewDate=None,
        AssessmentAuthorisationDate=authorised,
    )
    for code in sorted(factors):
        tables.add("AssessmentFactors", **key, AssessmentID=1, AssessmentFactors=code)
    tables.add(
        "CINdetails",
        **key,
        CINreferralDate=referred,
        ReferralSource=REFERRAL_SOURCE.pick(uniform),
        PrimaryNeedCode="N1" if section_47 else PRIMARY_NEED.pick(uniform),
        CINclosureDate=closed,
        ReasonForClosure=reason,
        DateOfInitialCPC=conference,
        ReferralNFA=False,
    )
    return closed


def _plan(tables, uniform, key, started, ended, end) -> None:
    category = CATEGORY_OF_ABUSE.pick(uniform)
    previous = 0 if uniform() < 0.76 else 1 if uniform() < 0.8 else 2
    tables.add(
        "ChildProtectionPlans",
        **key,
        CPPID=1,
        CPPstartDate=started,
        CPPendDate=ended,
        InitialCategoryOfAbuse=category,
        LatestCategoryOfAbuse=category if uniform() < 0.9 else "MUL",
        NumberOfPreviousCPP=previous,
    )
    last = min(ended or end, end)
    review = started + timedelta(days=int(80 + 20 * uniform()))
    while review < last:
        tables.add("CPPreviews", **key, CPPID=1, CPPreviewDate=review)
        review += timedelta(days=int(170 + 20 * uniform()))


# --- writing ------------------------------------------------------------------------------

_EPISODE_TABLES = ("Assessments", "CINplanDates", "Section47", "ChildProtectionPlans")


def write_cin_xml(tables: dict[str, pl.DataFrame], path: Path) -> Path:
    """Write the tables as DfE's CIN census XML (dates yyyy-mm-dd, true/false as 1/0)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(cin_xml(tables))
    return path


def cin_xml(tables: dict[str, pl.DataFrame]) -> bytes:
    by_child = {
        name: _grouped(tables.get(name), ("LAchildID",))
        for name in ("ChildCharacteristics", "Disabilities")
    }
    by_episode = {
        name: _grouped(tables.get(name), ("LAchildID", "CINdetailsID"))
        for name in (*_EPISODE_TABLES, "CINdetails")
    }
    factors = _grouped(
        tables.get("AssessmentFactors"), ("LAchildID", "CINdetailsID", "AssessmentID")
    )
    reviews = _grouped(tables.get("CPPreviews"), ("LAchildID", "CINdetailsID", "CPPID"))
    episodes_of: dict = {}
    for (child, _number), rows in by_episode["CINdetails"].items():
        episodes_of.setdefault(child, []).extend(rows)

    out = ['<?xml version="1.0" encoding="UTF-8"?>\n<Message>\n']
    header = tables.get("Header")
    if header is not None and header.height:
        h = header.row(0, named=True)
        out.append("  <Header>\n    <CollectionDetails>\n")
        out.extend(_leaf(c, h.get(c), 6) for c in ("Collection", "Year", "ReferenceDate"))
        out.append("    </CollectionDetails>\n    <Source>\n")
        out.extend(
            _leaf(c, h.get(c), 6)
            for c in ("SourceLevel", "LEA", "SoftwareCode", "Release", "SerialNo", "DateTime")
        )
        out.append("    </Source>\n  </Header>\n")
    out.append("  <Children>\n")
    identifiers = schema.CHILD_IDENTIFIERS.columns
    for child in tables["ChildIdentifiers"].iter_rows(named=True):
        child_id = child["LAchildID"]
        out.append("    <Child>\n      <ChildIdentifiers>\n")
        out.extend(_leaf(c, child.get(c), 8) for c in identifiers)
        out.append("      </ChildIdentifiers>\n      <ChildCharacteristics>\n")
        for row in by_child["ChildCharacteristics"].get((child_id,), []):
            out.append(_leaf("Ethnicity", row["Ethnicity"], 8))
        disabilities = by_child["Disabilities"].get((child_id,), [])
        if disabilities:
            out.append("        <Disabilities>\n")
            out.extend(_leaf("Disability", r["Disability"], 10) for r in disabilities)
            out.append("        </Disabilities>\n")
        out.append("      </ChildCharacteristics>\n")
        for episode in episodes_of.get(child_id, []):
            out.extend(_episode_xml(episode, by_episode, factors, reviews))
        out.append("    </Child>\n")
    out.append("  </Children>\n</Message>\n")
    return "".join(out).encode("utf-8")


def _episode_xml(episode, by_episode, factors, reviews) -> list[str]:
    key = (episode["LAchildID"], episode["CINdetailsID"])
    out = ["      <CINdetails>\n"]
    out.extend(
        _leaf(c, episode[c], 8)
        for c in (
            "CINreferralDate",
            "ReferralSource",
            "PrimaryNeedCode",
            "CINclosureDate",
            "ReasonForClosure",
            "DateOfInitialCPC",
        )
    )
    for row in by_episode["Assessments"].get(key, []):
        out.append("        <Assessments>\n")
        out.extend(
            _leaf(c, row[c], 10)
            for c in (
                "AssessmentActualStartDate",
                "AssessmentInternalReviewDate",
                "AssessmentAuthorisationDate",
            )
        )
        found = factors.get((*key, row["AssessmentID"]), [])
        if found:
            out.append("          <FactorsIdentifiedAtAssessment>\n")
            out.extend(_leaf("AssessmentFactors", f["AssessmentFactors"], 12) for f in found)
            out.append("          </FactorsIdentifiedAtAssessment>\n")
        out.append("        </Assessments>\n")
    for row in by_episode["CINplanDates"].get(key, []):
        out.append("        <CINPlanDates>\n")
        out.extend(_leaf(c, row[c], 10) for c in ("CINPlanStartDate", "CINPlanEndDate"))
        out.append("        </CINPlanDates>\n")
    for row in by_episode["Section47"].get(key, []):
        out.append("        <Section47>\n")
        out.extend(
            _leaf(c, row[c], 10)
            for c in (
                "S47ActualStartDate",
                "InitialCPCtarget",
                "DateOfInitialCPC",
                "ICPCnotRequired",
            )
        )
        out.append("        </Section47>\n")
    out.append(_leaf("ReferralNFA", episode["ReferralNFA"], 8))
    for row in by_episode["ChildProtectionPlans"].get(key, []):
        out.append("        <ChildProtectionPlans>\n")
        out.extend(
            _leaf(c, row[c], 10)
            for c in (
                "CPPstartDate",
                "CPPendDate",
                "InitialCategoryOfAbuse",
                "LatestCategoryOfAbuse",
                "NumberOfPreviousCPP",
            )
        )
        found = reviews.get((*key, row["CPPID"]), [])
        if found:
            out.append("          <Reviews>\n")
            out.extend(_leaf("CPPreviewDate", r["CPPreviewDate"], 12) for r in found)
            out.append("          </Reviews>\n")
        out.append("        </ChildProtectionPlans>\n")
    out.append("      </CINdetails>\n")
    return out


def _grouped(frame: pl.DataFrame | None, keys: tuple[str, ...]) -> dict[tuple, list[dict]]:
    found: dict[tuple, list[dict]] = {}
    if frame is None:
        return found
    for row in frame.iter_rows(named=True):
        found.setdefault(tuple(row[k] for k in keys), []).append(row)
    return found


def _leaf(name: str, value, indent: int) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        text = "1" if value else "0"
    elif isinstance(value, date):
        text = value.isoformat()
    else:
        text = escape(str(value))
    return f"{' ' * indent}<{name}>{text}</{name}>\n"
