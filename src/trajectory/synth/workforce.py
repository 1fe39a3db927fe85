"""A seeded synthetic children's social work workforce census, consistent with SWEpisodes.

The census's worker file (``CSWWWorker``) and vacancy file (``LALevelVacancies``), for the
census of `census` (30 September; DfE's "2023 to 2024 census" is 30 September 2024, see
returns/workforce/reader.py), drawn from the social workers `synth.workers.social_workers`
gives the SSDA903 extract:

- every worker (SW_ID) of the worker-to-team frame who held a child's case at some point in the
  census year (1 October to 30 September) is a case holder in the census, with SWENo = SW_ID,
  so the same people appear in SWEpisodes and the census;
- a worker whose last case ended in the year and who holds none on the census date left: their
  RoleEndDate is the day after their last case ended (SWEpisodes' SW_DEC), with a reason for
  leaving; a worker whose first case began in the year started in the year; the others started
  between a few months and twelve years before their first case in the extract;
- Cases30 is the number of children in care whose SWEpisode with the worker is open on the
  census date (the synthetic council's case holders hold only children in care; the CIN
  generator's cases join them when it shares the workers);
- each team has a first line manager (OrgRole 3), the service a middle manager for every three
  teams and a senior manager (2 and 1), and a few qualified social workers without cases (6);
  their SWENo is "SW" and six digits, apart from the four digits of the case holders';
- about one case holder in eight is an agency worker (AgencyWorker 1), for whom the census asks
  fewer fields and ContractWeeks;
- the teams holding no child in care (the front door, children in need, child protection)
  have about 1.2 case holders (OrgRole 5, some senior practitioners 4) for each of the care
  teams', with six digits to their SWENo; the year's starters and leavers are among them and
  the managers (about 17% leave in a year), as the extract's care teams keep their workers;
- vacancies on the census date are a drawn share (2% to 16%) of the posts, and agency workers
  cover them up to the agency FTE in post.

The same seed and inputs give the same tables, and `write_csv` the same bytes.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

import polars as pl

from trajectory.returns.workforce import schema

STREAM = 0x5A17_C5EE  # XORed with the seed: this module's own random stream
AGENCY_SHARE = 0.125
OTHER_CASE_HOLDERS = 1.2  # per care-team case holder
LEAVER_SHARE = 0.17  # of the other teams' workers, in the year
_UNIVERSITIES = (
    "University of Westshire",
    "University of Sussex",
    "University of Brighton",
    "University of Kent",
    "Open University",
    "Royal Holloway, University of London",
    "Frontline",
    "University of Portsmouth",
)
_ETHNICITY = (
    ("WBRI", 0.7),
    ("WOTH", 0.06),
    ("BAFR", 0.06),
    ("BCRB", 0.03),
    ("AIND", 0.03),
    ("APKN", 0.02),
    ("MWBC", 0.03),
    ("OOTH", 0.02),
    ("REFU", 0.03),
    ("NOBT", 0.02),
)
_REASON_LEAVE = (("1", 0.7), ("5", 0.08), ("7", 0.08), ("4", 0.02), ("8", 0.07), ("9", 0.05))
_DESTINATION = (("1", 0.35), ("3", 0.25), ("4", 0.1), ("6", 0.1), ("7", 0.05), ("8", 0.15))
_ORIGIN = (
    ("1", 0.25),
    ("2", 0.35),
    ("4", 0.15),
    ("5", 0.08),
    ("6", 0.07),
    ("8", 0.05),
    ("9", 0.05),
)
_FTE = ((1.0, 0.78), (0.8, 0.1), (0.6, 0.07), (0.5, 0.05))


def _pick(rng: random.Random, weighted) -> str:
    return rng.choices([v for v, _ in weighted], [w for _, w in weighted])[0]


def _ddmm(day: date | None) -> str:
    return "" if day is None else f"{day:%d/%m/%Y}"


def generate(
    sw_episodes: pl.DataFrame,
    teams: pl.DataFrame,
    *,
    seed: int,
    census: date = date(2024, 9, 30),
) -> dict[str, pl.DataFrame]:
    """``{"CSWWWorker": ..., "LALevelVacancies": ...}`` as text frames in DfE's columns, the
    way a council's export holds them (dates dd/mm/yyyy, blanks empty)."""
    rng = random.Random(seed ^ STREAM)
    year_start = date(census.year - 1, 10, 1)
    spans: dict[str, list[date | None]] = {}  # worker -> [first start, last end or None]
    open_on_census: dict[str, int] = {}
    for worker, start, end in sw_episodes.select("SW_ID", "SW_DECOM", "SW_DEC").iter_rows():
        span = spans.setdefault(worker, [start, end])
        span[0] = min(span[0], start)
        if span[1] is not None and (end is None or end > span[1]):
            span[1] = end
        if start <= census and (end is None or end > census):
            open_on_census[worker] = open_on_census.get(worker, 0) + 1
    team_of = dict(teams.select("SW_ID", "team").iter_rows())
    rows: list[dict[str, str]] = []
    for worker in sorted(team_of):
        span = spans.get(worker)
        if span is None:
            continue
        first, last = span
        if first > census or (last is not None and last < year_start):
            continue  # started after the census date, or left before its year
        agency = rng.random() < AGENCY_SHARE
        left = None
        if open_on_census.get(worker, 0) == 0 and last is not None and last <= census:
            left = min(last + timedelta(days=1), census)
        if first >= year_start:
            started = first - timedelta(days=rng.randrange(7, 30))
        else:
            started = first - timedelta(days=rng.randrange(90, 12 * 365))
        rows.append(
            _worker(
                rng,
                worker,
                agency=agency,
                role="5",
                started=started,
                left=left,
                cases=open_on_census.get(worker, 0),
                census=census,
            )
        )
    team_names = sorted(set(team_of.values()))
    numbers = iter(rng.sample(range(100_000, 1_000_000), 2000))
    # Case holders of the teams that hold no child in care (the front door, children in need
    # and child protection): about as many again as the care teams', with the year's starters
    # and leavers, since the care teams' workers of the extract stay all through it.
    for _ in range(round(OTHER_CASE_HOLDERS * len(rows))):
        started = census - timedelta(days=rng.randrange(1, 12 * 365))
        left = None
        if rng.random() < LEAVER_SHARE:
            left = census - timedelta(days=rng.randrange(0, 365))
            if left <= started:
                started = left - timedelta(days=rng.randrange(30, 5 * 365))
        rows.append(
            _worker(
                rng,
                f"SW{next(numbers)}",
                agency=rng.random() < AGENCY_SHARE,
                role="4" if rng.random() < 0.15 else "5",
                started=started,
                left=left,
                cases=0 if left else 8 + rng.randrange(14),
                census=census,
            )
        )
    managers = [("3", name) for name in team_names]
    managers += [("2", "")] * max(1, round(len(team_names) / 3)) + [("1", "")]
    managers += [("6", "")] * max(1, len(team_names) // 2)
    for role, _team in managers:
        started = census - timedelta(days=rng.randrange(120, 15 * 365))
        left = None
        if rng.random() < 0.08:
            left = census - timedelta(days=rng.randrange(1, 360))
        rows.append(
            _worker(
                rng,
                f"SW{next(numbers)}",
                agency=False,
                role=role,
                started=started,
                left=left,
                cases=0,
                census=census,
            )
        )
    workers = pl.DataFrame(
        {c: [r.get(c, "") for r in rows] for c in schema.WORKER.dfe_columns},
        schema={c: pl.String for c in schema.WORKER.dfe_columns},
    )
    in_post = [r for r in rows if not r["RoleEndDate"]]
    filled = sum(float(r["FTE"]) for r in in_post if r["AgencyWorker"] == "0")
    agency_fte = sum(float(r["FTE"]) for r in in_post if r["AgencyWorker"] == "1")
    agency_heads = sum(1 for r in in_post if r["AgencyWorker"] == "1")
    rate = 0.02 + 0.14 * rng.random()
    vacancies = round((filled + agency_fte) * rate / (1 - rate), 2)
    covering = round(min(agency_fte, vacancies), 2)
    vacancy = pl.DataFrame(
        {
            "NumberOfVacancies": [f"{vacancies:.2f}"],
            "NoAgencyFTE": [f"{covering:.2f}"],
            "NoAgencyHeadcount": [str(agency_heads if covering else 0)],
        }
    )
    return {schema.WORKER.name: workers, schema.VACANCIES.name: vacancy}


def _worker(
    rng: random.Random,
    worker: str,
    *,
    agency: bool,
    role: str,
    started: date,
    left: date | None,
    cases: int,
    census: date,
) -> dict[str, str]:
    fte = float(_pick(rng, _FTE))
    born = started - timedelta(days=rng.randrange(22 * 365, 45 * 365))
    absence = 0.0 if rng.random() < 0.45 else round(rng.expovariate(1 / 9) * fte, 1)
    absent = rng.random() < 0.04 and left is None
    row = {
        "AgencyWorker": "1" if agency else "0",
        "SWENo": worker,
        "FTE": f"{fte:.6f}",
        "OrgRole": role,
        "RoleStartDate": _ddmm(started),
        "RoleEndDate": _ddmm(left),
        "Cases30": "" if left else str(cases),
        "FTE30": "" if left else f"{fte:.6f}",
    }
    if agency:
        weeks = min(52.0, max(1.0, (census - max(started, census - timedelta(days=364))).days / 7))
        row["ContractWeeks"] = f"{weeks:.1f}"
        if left:
            row["ReasonLeave"] = "9"
        return row
    row |= {
        "PersonBirthDate": _ddmm(born),
        "GenderCurrent": "2" if rng.random() < 0.84 else "1",
        "Ethnicity": _pick(rng, _ETHNICITY),
        "QualInst": rng.choice(_UNIVERSITIES),
        "QualLevel": "1" if rng.random() < 0.6 else "2",
        "StepUpGrad": "1" if rng.random() < 0.03 else "0",
        "StartOrigin": _pick(rng, _ORIGIN),
        "WorkingDaysLost": f"{absence:.2f}",
        "FrontlineGrad": "1" if rng.random() < 0.05 else "0",
        "Absat30Sept": "" if left else ("1" if absent else "0"),
        "ReasonAbsence": "SIC" if absent else "",
        "CFKSSstatus": "1" if role == "5" and rng.random() < 0.1 else "",
    }
    if left:
        row["ReasonLeave"] = _pick(rng, _REASON_LEAVE)
        row["LeaverDestination"] = _pick(rng, _DESTINATION)
    return row


def write_csv(tables: dict[str, pl.DataFrame], out_dir: Path) -> list[Path]:
    """The worker file and the vacancy file, as a council's export (UTF-8, LF, a header)."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, stem in (
        (schema.WORKER.name, "csww_workers"),
        (schema.VACANCIES.name, "csww_vacancies"),
    ):
        path = out_dir / f"{stem}.csv"
        tables[name].write_csv(path, line_terminator="\n")
        paths.append(path)
    return paths


def write_xml(
    tables: dict[str, pl.DataFrame], path: Path, *, council_code: str, census: date
) -> Path:
    """The same return in DfE's COLLECT XML layout (Message, Header, LALevelVacancies,
    CSWWWorker), dates as yyyy-mm-dd, blank fields left out."""
    from lxml import etree

    message = etree.Element("Message")
    header = etree.SubElement(message, "Header")
    details = etree.SubElement(header, "CollectionDetails")
    etree.SubElement(details, "Collection").text = "CSWW"
    etree.SubElement(details, "Year").text = str(census.year)
    etree.SubElement(details, "ReferenceDate").text = census.isoformat()
    source = etree.SubElement(header, "Source")
    etree.SubElement(source, "SourceLevel").text = "L"
    etree.SubElement(source, "LEA").text = council_code
    dates = {f.dfe for f in schema.WORKER.fields if f.kind == schema.DATE}
    for name in (schema.VACANCIES.name, schema.WORKER.name):
        for row in tables[name].iter_rows(named=True):
            element = etree.SubElement(message, name)
            for column, value in row.items():
                if not value:
                    continue
                if column in dates:
                    day, month, year = value.split("/")
                    value = f"{year}-{month}-{day}"
                etree.SubElement(element, column).text = value
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(
        etree.tostring(message, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    )
    return path


def for_council(
    *,
    council_code: str,
    children: int,
    years: int,
    seed: int,
    end: date = date(2025, 3, 31),
    census: date | None = None,
) -> dict[str, pl.DataFrame]:
    """The census of the synthetic council `ssda903.generate` makes with the same arguments,
    its workers those of SWEpisodes as the demo draws them (synth/demo.py): what
    `trajectory synth workforce` writes. The census is the last 30 September on or before
    `end` unless given."""
    from trajectory.synth import ssda903
    from trajectory.synth.workers import social_workers

    tables = ssda903.generate(
        council_code=council_code, children=children, years=years, seed=seed, end=end
    )
    since = date(end.year - years, end.month, end.day)
    sw_episodes, teams = social_workers(tables, seed=seed, since=since, end=end)
    if census is None:
        census = date(end.year if (end.month, end.day) >= (9, 30) else end.year - 1, 9, 30)
    return generate(sw_episodes, teams, seed=seed, census=census)
