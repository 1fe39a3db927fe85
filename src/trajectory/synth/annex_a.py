"""A seeded synthetic Ofsted Annex A workbook for one council: lists 1-11, made-up children.

The children flow as they do through a children's services front door: contacts, some becoming
referrals; most referrals assessed; some assessments leading to a child in need episode, a
section 47 enquiry, an initial child protection conference and a plan; some children in care,
a few of them with an adoption decision; an older cohort of care leavers; early help for others;
and the council's prospective adopters. Volumes follow the `referrals` asked for (a large
council makes about 10,000 a year): about 2.5 contacts a referral, as England's front doors
see (DfE "Characteristics of children in need"). The period is the twelve months to `end`.

Child identifiers follow synth/ssda903.py's scheme (the council code and a zero-padded number
drawn without repeats), teams those of synth/workers.py where they are the same teams.

The same arguments give the same bytes: the random stream is seeded, and the workbook is
written part by part (`xlsx_bytes`, a minimal SpreadsheetML writer) with fixed properties
(created and modified 1 April of the year `end` falls in, no creator) and fixed zip times,
where openpyxl would stamp both with the clock (and take half a minute at a large council's
volume).

`variants=True` writes the workbook as councils' systems often do instead of as the template
has it: headers in other spellings and cases ("CHILD ID", "Date of birth (DD/MM/YYYY)",
"DOB"), sheets named "L3 Referrals" or "Contacts" rather than "List 3", some dates typed as
text, codes without their labels, and an extra notes sheet. The reader must take both.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

from trajectory.returns.annex_a.schema import GENDER, LISTS, LISTS_BY_NUMBER, YES_NO_UNKNOWN
from trajectory.returns.annex_a.xlsx_writer import xlsx_bytes

FRONT_DOOR = ("MASH", "Front door")
ASSESSMENT = ("Assessment North", "Assessment South")
CHILD_IN_NEED = ("Child in need East", "Child in need West")
CHILDREN_IN_CARE = ("Children in care 1", "Children in care 2", "Children in care 3")
LEAVING_CARE = "Leaving care"
EARLY_HELP_ORGANISATIONS = ("Family hub", "School", "Health visiting", "Youth service")
SOURCES = (
    ("2A", 0.2),
    ("6", 0.29),
    ("3A", 0.05),
    ("3F", 0.08),
    ("1A", 0.08),
    ("2B", 0.03),
    ("5A", 0.05),
    ("5D", 0.04),
    ("8", 0.06),
    ("7", 0.04),
    ("9", 0.02),
    ("1C", 0.02),
    ("3B", 0.02),
    ("10", 0.02),
)
ETHNICITIES = (
    ("WBRI", 0.7),
    ("WOTH", 0.05),
    ("MWBC", 0.03),
    ("MOTH", 0.03),
    ("APKN", 0.04),
    ("AIND", 0.02),
    ("BAFR", 0.04),
    ("BCRB", 0.02),
    ("CHNE", 0.01),
    ("OOTH", 0.02),
    ("NOBT", 0.04),
)
NEEDS = (
    ("N1", 0.57),
    ("N2", 0.1),
    ("N3", 0.03),
    ("N4", 0.08),
    ("N5", 0.14),
    ("N6", 0.02),
    ("N7", 0.01),
    ("N8", 0.04),
    ("N9", 0.01),
)
ABUSE = (("NEG", 0.49), ("EMO", 0.36), ("PHY", 0.06), ("SAB", 0.04), ("MUL", 0.05))
PLACEMENTS = (
    ("U6", 0.45),
    ("U4", 0.12),
    ("U3", 0.12),
    ("K2", 0.12),
    ("P1", 0.06),
    ("H5", 0.06),
    ("A5", 0.03),
    ("R1", 0.04),
)
# The template's longest headers, named here once (synth/council.py uses them too, with
# SOURCES, ETHNICITIES and EARLY_HELP_ORGANISATIONS: keep the names).
EPO = (
    "Subject to Emergency Protection Order or Protected Under Police Powers in Last Six Months "
    "(Y/N)"
)
SECOND_PERIOD = (
    "Is this a second or subsequent period of being a Looked After Child within the last 12 "
    "months (Y/N)"
)
MISSING = (
    "Number of Episodes the Child has been 'Missing' from their Placement in the last 12 months"
)
ABSENT = "Number of Episodes the Child has been 'Absent' from their Placement in the last 12 months"
FFA = "Date the child was placed for fostering in FFA or concurrent planning placement"
LABELS = {"Y": "a) Yes", "N": "b) No", "U": "c) Unknown", "M": "a) Male", "F": "b) Female"}


@dataclass
class _Book:
    rows: dict[int, list[dict]] = field(default_factory=lambda: {n: [] for n in range(1, 12)})


def generate(
    *, council_code: str, referrals: int, seed: int, end: date = date(2025, 3, 31)
) -> dict[str, list[dict]]:
    """Rows of each list ("List1" ... "List11"), each a dict of template column -> value.
    Dates are `date`; codes the stored codes (schema.py)."""
    if referrals < 1:
        raise ValueError("referrals must be at least 1")
    rng = random.Random(seed)
    start = end - timedelta(days=364)
    referred = referrals  # one child a referral, re-referrals aside
    early_help = max(1, referrals * 6 // 10)
    leavers = max(1, referrals * 8 // 100)
    already_in_care = max(1, referrals // 12)  # most children in care came in before the year
    population = referred + early_help + leavers + already_in_care
    numbers = rng.sample(range(1, 10 * population + 1), population)
    width = max(6, len(str(10 * population)))
    ids = iter(f"{council_code}{n:0{width}d}" for n in numbers)
    workers = _Workers(rng)
    book = _Book()
    for _ in range(referred):
        _front_door_child(book, rng, next(ids), start, end, workers)
    for _ in range(early_help):
        _early_help_child(book, rng, next(ids), start, end)
    for _ in range(leavers):
        _care_leaver(book, rng, next(ids), end, workers)
    for _ in range(already_in_care):
        born = end - timedelta(days=rng.randrange(30, 17 * 365))
        started = _day_in(rng, born, end)
        disabled = "Y" if rng.random() < 0.1 else "N"
        _in_care(book, rng, _person(rng, next(ids), born, end), disabled, started, end, workers)
    for index in range(max(1, referrals * 3 // 100)):
        _adopter(book, rng, index, start, end)
    for number, rows in book.rows.items():
        key = LISTS_BY_NUMBER[number].unique_by
        rows.sort(key=lambda row: tuple(str(row.get(k) or "") for k in key))
    return {f"List{n}": rows for n, rows in book.rows.items()}


class _Workers:
    def __init__(self, rng: random.Random):
        self.rng = rng
        self.staff: dict[str, list[str]] = {}
        self.next_number = 1001

    def allocate(self, team: str) -> str:
        team_staff = self.staff.setdefault(team, [])
        if len(team_staff) < 6 and (not team_staff or self.rng.random() < 0.3):
            team_staff.append(f"SW{self.next_number}")
            self.next_number += 1
        return self.rng.choice(team_staff)


def _pick(rng: random.Random, weighted) -> str:
    roll, total = rng.random(), 0.0
    for value, weight in weighted:
        total += weight
        if roll < total:
            return value
    return weighted[-1][0]


def _person(rng: random.Random, child: str, born: date, end: date) -> dict:
    return {
        "Child Unique ID": child,
        "Gender": "M" if rng.random() < 0.51 else "F",
        "Ethnicity": _pick(rng, ETHNICITIES),
        "Date of Birth": born,
        "Age of Child (Years)": _age(born, end),
    }


def _age(born: date, on: date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def _day_in(rng: random.Random, first: date, last: date) -> date:
    return first + timedelta(days=rng.randrange(max((last - first).days, 0) + 1))


def _front_door_child(book: _Book, rng, child: str, start: date, end: date, workers) -> None:
    referred_on = _day_in(rng, start, end)
    born = referred_on - timedelta(days=rng.randrange(1, 17 * 365))
    person = _person(rng, child, born, end)
    disabled = "Y" if rng.random() < 0.08 else "N"
    contacts = set()
    for _ in range(1 + int(rng.random() < 0.9) + int(rng.random() < 0.6)):
        contact_on = max(start, referred_on - timedelta(days=rng.randrange(0, 60)))
        contacts.add((contact_on, _pick(rng, SOURCES)))
    for contact_on, source in sorted(contacts):
        book.rows[1].append({**person, "Date of Contact": contact_on, "Contact Source": source})
    team = rng.choice(ASSESSMENT)
    worker = workers.allocate(team)
    nfa = rng.random() < 0.08
    book.rows[3].append(
        {
            **person,
            "Date of referral": referred_on,
            "Referral Source": _pick(rng, SOURCES),
            "Referral NFA?": "Y" if nfa else "N",
            # Each child has this one referral in the list: a 2 is an earlier referral in the
            # 12 months before it but before the list's year, so not in list 3 (about 1 in 5).
            "Number of Referrals in Last 12 Months": 1 + int(rng.random() < 0.2),
            "Allocated Team": rng.choice(FRONT_DOOR) if nfa else team,
            "Allocated Worker": "" if nfa else worker,
        }
    )
    if nfa or rng.random() < 0.1:
        return
    assessment_start = min(end, referred_on + timedelta(days=rng.randrange(0, 4)))
    authorised = assessment_start + timedelta(days=int(rng.triangular(5, 70, 30)))
    open_assessment = authorised > end
    needs_support = rng.random() < 0.6
    book.rows[4].append(
        {
            **person,
            "Does the Child have a Disability": disabled,
            "Continuous Assessment Start Date": assessment_start,
            "Child Seen During Continuous Assessment": "Y" if rng.random() < 0.97 else "N",
            "Continuous Assessment Date of Authorisation": None if open_assessment else authorised,
            "Was the child assessed as requiring LA children's social care support?": (
                None if open_assessment else ("Y" if needs_support else "N")
            ),
            "Allocated Team": team,
            "Allocated Worker": worker,
        }
    )
    plan_start = None
    if rng.random() < 0.22:
        plan_start = _section_47(book, rng, person, disabled, referred_on, end, team, worker)
    cin_team = rng.choice(CHILD_IN_NEED)
    closed = (
        None
        if rng.random() < 0.55
        else min(end, referred_on + timedelta(days=rng.randrange(30, 300)))
    )
    in_care = plan_start is not None and rng.random() < 0.2 or rng.random() < 0.03
    status = (
        "Looked after child"
        if in_care
        else (
            "Child protection plan"
            if plan_start
            else ("Open assessment" if open_assessment else "Child in need plan")
        )
    )
    if closed is not None and not in_care and not plan_start:
        status = "Closed episode"
    book.rows[6].append(
        {
            **person,
            "Does the Child have a Disability": disabled,
            "CIN Start Date": referred_on,
            "Primary Need Code": _pick(rng, NEEDS),
            "Date Child Was Last Seen": min(
                end, referred_on + timedelta(days=rng.randrange(1, 90))
            ),
            "CIN Closure Date": closed if status == "Closed episode" else None,
            "Reason for Closure": ("RC8" if not needs_support else "RC7")
            if status == "Closed episode"
            else None,
            "Case Status": status,
            "Allocated Team": cin_team,
            "Allocated Worker": workers.allocate(cin_team),
        }
    )
    if in_care:
        _in_care(
            book,
            rng,
            person,
            disabled,
            (plan_start or referred_on) + timedelta(days=rng.randrange(1, 60)),
            end,
            workers,
        )


def _section_47(book, rng, person, disabled, referred_on, end, team, worker):
    enquiry_on = min(end, referred_on + timedelta(days=rng.randrange(0, 10)))
    conference = rng.random() < 0.55
    conference_on = (
        enquiry_on + timedelta(days=int(rng.triangular(4, 40, 13))) if conference else None
    )
    if conference_on is not None and conference_on > end:
        conference, conference_on = False, None
    plan = conference and rng.random() < 0.8
    book.rows[5].append(
        {
            **person,
            "Does the Child have a Disability": disabled,
            "Strategy discussion initiating Section 47 Enquiry Start Date": enquiry_on,
            "Was an Initial Child Protection Conference deemed unnecessary?": "N"
            if conference
            else "Y",
            "Date of Initial Child Protection Conference": conference_on,
            "Did the Initial Child Protection Conference Result in a Child Protection Plan": (
                ("Y" if plan else "N") if conference else None
            ),
            "Number of Section 47 Enquiries in the last 12 months": 1 + int(rng.random() < 0.15),
            "Number of ICPCs in the last 12 months": int(conference) + int(rng.random() < 0.05),
            "Allocated Team": team,
            "Allocated Worker": worker,
        }
    )
    if not plan:
        return None
    ended = None
    if rng.random() < 0.35:
        ended = conference_on + timedelta(days=rng.randrange(90, 400))
        ended = ended if ended <= end else None
    initial = _pick(rng, ABUSE)
    book.rows[7].append(
        {
            **person,
            "Does the Child have a Disability": disabled,
            "Child Protection Plan Start Date": conference_on,
            "Initial Category of Abuse": initial,
            "Latest Category of Abuse": initial if rng.random() < 0.9 else _pick(rng, ABUSE),
            "Date of the Last Statutory Visit": min(
                end, conference_on + timedelta(days=rng.randrange(1, 20))
            ),
            "Was the Child Seen Alone?": "Y" if rng.random() < 0.8 else "N",
            "Date of latest review conference": (
                conference_on + timedelta(days=90)
                if conference_on + timedelta(days=90) <= end
                else None
            ),
            "Child Protection Plan End Date": ended,
            EPO: ("Y" if rng.random() < 0.03 else "N"),
            "Number of Previous Child Protection Plans": int(rng.random() < 0.22)
            + int(rng.random() < 0.05),
            "Allocated Team": team,
            "Allocated Worker": worker,
        }
    )
    return conference_on


def _in_care(book, rng, person, disabled, started, end, workers) -> None:
    started = min(started, end)
    period_start = end - timedelta(days=364)
    team = rng.choice(CHILDREN_IN_CARE)
    placement = _pick(rng, PLACEMENTS)
    legal = "C1" if rng.random() < 0.6 else "V2"
    ceased = None
    if rng.random() < 0.25:
        ceased = max(started, period_start) + timedelta(days=rng.randrange(20, 300))
        ceased = ceased if ceased <= end else None
    missing = int(rng.random() < 0.1) * rng.randrange(1, 6)
    book.rows[8].append(
        {
            **person,
            "Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months (Y/N)": "N",
            "Does the Child have a Disability": disabled,
            "Date Started to be Looked After": started,
            "Child's Category of Need": "N1",
            SECOND_PERIOD: ("Y" if rng.random() < 0.04 else "N"),
            "Start date of current legal status": started,
            "Child's Legal Status": legal,
            "Date of Latest Statutory Review": _recent(rng, started, end, 180),
            "Date of Last Social Work Visit": _recent(rng, started, end, 42),
            "What is the permanence plan for this child?": "Return to family"
            if legal == "V2"
            else "Long-term fostering",
            "Date of Last IRO Visit / Contact to the Child": _recent(rng, started, end, 60),
            "Date of Last Health Assessment": _recent(rng, started, end, 40),
            "Date of Last Dental Check": None
            if rng.random() < 0.3
            else _recent(rng, started, end, 200),
            "Number of Placements in the Last 12 months": 1
            + int(rng.random() < 0.25)
            + int(rng.random() < 0.1),
            "Date Ceased to be Looked After": ceased,
            "Reason Ceased to be Looked After": "E4A" if ceased else None,
            "Start Date of Most Recent Placement": started,
            "Placement Type": placement,
            "Placement Provider": "PR0"
            if placement == "P1"
            else ("PR1" if rng.random() < 0.6 else "PR4"),
            "Placement postcode": f"ZZ{rng.randrange(1, 99)} {rng.randrange(1, 9)}ZZ",
            "URN of Placement": f"SC{rng.randrange(100000, 999999)}"
            if placement in ("K2", "R1")
            else "XXXXXXX",
            "Placement Location": "In" if rng.random() < 0.7 else "Out",
            "LA of Placement": "",
            MISSING: missing,
            ABSENT: 0,
            "Was the child offered a Return Interview after their last missing episode (Y/N)?": "Y"
            if missing
            else None,
            "Did the child accept a Return Interview after their last missing episode (Y/N)?": (
                ("Y" if rng.random() < 0.6 else "N") if missing else None
            ),
            "Allocated Team": team,
            "Allocated Worker": workers.allocate(team),
        }
    )
    if person["Age of Child (Years)"] < 5 and legal == "C1" and rng.random() < 0.35:
        decision = started + timedelta(days=rng.randrange(60, 200))
        if decision <= end:
            placed = decision + timedelta(days=rng.randrange(60, 250))
            book.rows[10].append(
                {
                    "Child Unique ID": person["Child Unique ID"],
                    "Family identifier": "",
                    "Gender": person["Gender"],
                    "Ethnicity": person["Ethnicity"],
                    "Date of Birth": person["Date of Birth"],
                    "Age of Child (Years)": person["Age of Child (Years)"],
                    "Does the Child have a Disability": disabled,
                    "Date the Child Entered Care": started,
                    "Date of Decision that Child Should be Placed for Adoption": decision,
                    "Date of Placement Order": min(end, decision + timedelta(days=40)),
                    "Date of Matching Child and Prospective Adopters": placed - timedelta(days=20)
                    if placed <= end
                    else None,
                    "Date Placed for Adoption": placed if placed <= end else None,
                    "Date of Adoption Order": None,
                    "Date of Decision that Child Should No Longer be Placed for Adoption": None,
                    "Reason Why Child No Longer Placed for Adoption": None,
                    FFA: None,
                }
            )


def _recent(rng: random.Random, started: date, end: date, within: int) -> date:
    """A latest visit, review or check: in the `within` days to `end`, not before `started`."""
    return max(started, end - timedelta(days=rng.randrange(within)))


def _early_help_child(book, rng, child: str, start: date, end: date) -> None:
    started = _day_in(rng, start, end)
    born = started - timedelta(days=rng.randrange(1, 17 * 365))
    completed = started + timedelta(days=rng.randrange(10, 120))
    book.rows[2].append(
        {
            **_person(rng, child, born, end),
            "Assessment start date": started,
            "Assessment completion date": completed if completed <= end else None,
            "Organisation completing assessment": rng.choice(EARLY_HELP_ORGANISATIONS),
        }
    )


def _care_leaver(book, rng, child: str, end: date, workers) -> None:
    born = end - timedelta(days=rng.randrange(17 * 365 + 200, 21 * 365))
    worker = workers.allocate(LEAVING_CARE)
    book.rows[9].append(
        {
            **_person(rng, child, born, end),
            "Unaccompanied Asylum Seeking Child (UASC), or formerly UASC if 18 or over (Y/N)": (
                "Y" if rng.random() < 0.12 else "N"
            ),
            "Does the Child have a Disability": "Y" if rng.random() < 0.06 else "N",
            "Allocated Team": LEAVING_CARE,
            "Allocated Worker": worker,
            "Allocated Personal Advisor": f"PA{rng.randrange(1, 12):02d}",
            "Eligibility Category": "Former relevant" if _age(born, end) >= 18 else "Eligible",
            "Latest Pathway Plan Review Date": end - timedelta(days=rng.randrange(1, 200)),
            "LA in Touch": "YES" if rng.random() < 0.92 else "NO",
            "Latest Date of Contact": end - timedelta(days=rng.randrange(1, 90)),
            "Type of Accommodation": _pick(
                rng, (("D", 0.4), ("U", 0.25), ("B", 0.1), ("Z", 0.1), ("E", 0.1), ("X", 0.05))
            ),
            "Suitability of Accommodation": "Suitable" if rng.random() < 0.88 else "Unsuitable",
            "Activity Status": _pick(
                rng,
                (("F2", 0.3), ("F5", 0.2), ("F1", 0.07), ("G5", 0.3), ("G6", 0.05), ("G4", 0.08)),
            ),
        }
    )


def _adopter(book, rng, index: int, start: date, end: date) -> None:
    enquiry = _day_in(rng, start - timedelta(days=365), end)
    row = {
        "Individual adopter identifier": f"AD{index + 1:05d}",
        "Family identifier": f"FAM{(index // 2) + 1:05d}",
        "Gender": "M" if index % 2 else "F",
        "Ethnicity": _pick(rng, ETHNICITIES),
        "Disability": "N",
        "Is the (prospective) adopter fostering for adoption?": "Y" if rng.random() < 0.1 else "N",
        "Date enquiry received": enquiry,
    }
    step = enquiry
    for column, days in (
        ("Date Stage 1 started", (10, 60)),
        ("Date Stage 1 ended", (40, 70)),
        ("Date Stage 2 started", (1, 30)),
        ("Date Stage 2 ended", (90, 130)),
        ("Date application submitted", (0, 5)),
        ("Date application approved", (10, 40)),
        ("Date adopter matched with child(ren)", (30, 200)),
        ("Date child/children placed with adopter(s)", (10, 40)),
    ):
        step = step + timedelta(days=rng.randrange(*days))
        if step > end or rng.random() < 0.08:
            break
        row[column] = step
    if row.get("Date child/children placed with adopter(s)"):
        row["No. of children placed"] = 1 + int(rng.random() < 0.2)
    book.rows[11].append(row)


# --- writing the workbook ------------------------------------------------------------------------

# Header spellings councils' exports use, for the variants workbook: template column -> others.
HEADER_VARIANTS = {
    "Child Unique ID": ("Child ID", "CHILD ID", "ChildID", "child_unique_id", "Child Unique Id "),
    "Date of Birth": ("Date of birth (DD/MM/YYYY)", "DOB", "Date Of Birth"),
    "Age of Child (Years)": ("Age", "AGE OF CHILD (YEARS)", "Age of child"),
    "Gender": ("Sex", "GENDER"),
    "Date of Contact": ("Contact Date", "Date of contact (dd/mm/yyyy)"),
    "Date of referral": ("Referral Date", "Date Of Referral"),
    "Does the Child have a Disability": ("Disability", "Disabled?"),
    "Allocated Team": ("Team", "ALLOCATED TEAM"),
    "Allocated Worker": ("Social Worker", "Worker"),
    "CIN Start Date": ("CIN start date (DD/MM/YYYY)",),
    "Child Protection Plan Start Date": ("CP Plan Start Date", "CPP start date"),
    "Date Started to be Looked After": ("Date started to be looked after", "CLA Start Date"),
    "Date of Initial Child Protection Conference": ("ICPC Date", "Date of ICPC"),
}
SHEET_VARIANTS = {
    1: "Contacts",
    2: "L2 Early Help",
    3: "List 3 - Referrals",
    4: "Assessments",
    5: "S47 & ICPC",
    6: "CIN",
    7: "List 7 (CP)",
    8: "Children in care",
    9: "Care leavers",
    10: "L10 Adoption",
    11: "Adopters",
}


def workbook_bytes(
    lists: dict[str, list[dict]], *, seed: int, variants: bool = False, year: int = 2025
) -> bytes:
    """The lists as an xlsx workbook, the same bytes for the same lists, seed and options."""
    rng = random.Random(seed ^ 0xA4E3A)
    sheets: list[tuple[str, list[list]]] = []
    for annex_list in LISTS:
        title = SHEET_VARIANTS[annex_list.number] if variants else f"List {annex_list.number}"
        fields = [annex_list.field(name) for name in annex_list.columns]
        rows = [[_header(rng, name, variants) for name in annex_list.columns]]
        for row in lists[annex_list.name]:
            rows.append([_cell(rng, f, row.get(f.name), variants) for f in fields])
        sheets.append((title, rows))
    if variants:
        sheets.append(("Notes", [["Prepared for inspection", "Synthetic data: no real children"]]))
    return xlsx_bytes(sheets, when=datetime(year, 4, 1))


def write_workbook(
    path: Path,
    *,
    council_code: str,
    referrals: int,
    seed: int,
    end: date = date(2025, 3, 31),
    variants: bool = False,
) -> dict[str, int]:
    """Write the workbook to `path`; the rows in each list."""
    lists = generate(council_code=council_code, referrals=referrals, seed=seed, end=end)
    path.write_bytes(workbook_bytes(lists, seed=seed, variants=variants, year=end.year))
    return {name: len(rows) for name, rows in lists.items()}


def _header(rng: random.Random, name: str, variants: bool) -> str:
    if not variants or rng.random() < 0.3:
        return name
    others = HEADER_VARIANTS.get(name)
    if others:
        return rng.choice(others)
    return rng.choice((name.upper(), name.lower(), f" {name}  ", name.replace(" ", "_")))


def _cell(rng: random.Random, column, value, variants: bool):
    if value is None or value == "":
        return None
    if column.kind == "date":
        if variants and rng.random() < 0.2:
            return value.strftime("%d/%m/%Y")
        return value
    if column.kind == "code" and not variants and column.codes in (YES_NO_UNKNOWN, GENDER):
        return LABELS.get(value, value)  # the template's drop-down: "a) Yes", "b) Female"
    return value
