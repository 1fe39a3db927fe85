"""The demo council, Westshire: synthetic data, one user per role, figures computed.

Used by `./run demo` (through the `trajectory demo` command) and by tests that want a whole
council. Every child in it is made up by the generator in `ssda903.py`.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import polars as pl
from django.conf import settings
from django.db import transaction

from trajectory.councils.models import Council, Role, StatisticalNeighbour
from trajectory.councils.reference import councils_load_reference
from trajectory.councils.services import (
    child_population_set,
    council_add,
    membership_grant,
    user_create,
)
from trajectory.councils.team_files import team_file_import
from trajectory.indicators.selectors import latest_run
from trajectory.indicators.services import indicators_compute
from trajectory.inspections.selectors import national_record_loaded
from trajectory.inspections.services import ofsted_load
from trajectory.reference.status import missing_files
from trajectory.returns.models import ReturnKind
from trajectory.returns.selectors import latest_version
from trajectory.returns.services import return_import
from trajectory.synth.council import demo_returns
from trajectory.synth.demo_assessment import assessment_demo
from trajectory.synth.demo_assurance import assurance_demo
from trajectory.synth.demo_dataquality import dataquality_demo
from trajectory.synth.demo_escalations import escalations_demo
from trajectory.synth.demo_evidence import evidence_demo
from trajectory.synth.demo_governance import governance_demo
from trajectory.synth.demo_intervention import intervention_demo
from trajectory.synth.demo_record import inspections_for, plan_for
from trajectory.synth.demo_supervision import supervision_demo
from trajectory.synth.demo_voice import voice_demo
from trajectory.synth.demo_workforce import workforce_demo
from trajectory.synth.ssda903 import generate, write_csv
from trajectory.synth.workers import social_workers, write_worker_teams

DEMO_CODE = "990"
DEMO_NAME = "Westshire"
DEMO_CHILD_POPULATION = 150_000
DEMO_END = date(2025, 3, 31)
DEMO_POPULATION_GROWTH = 700  # children a year, about West Sussex's recent growth
DEMO_POPULATION_SOURCE = "Made up for the demo council"
# Referrals a year for each child the generator makes: 2,500 children give about 8,250
# referrals, Westshire's 150,000 children at about England's rate (some 550 per 10,000).
REFERRALS_PER_CHILD_LOOKED_AFTER = 3.3


def demo_populations(years: int) -> dict[int, int]:
    """Westshire's made-up children aged 0-17 by mid-year, for every year its data cover (mid-
    2024 serves April 2024 to March 2025), ending at DEMO_CHILD_POPULATION."""
    last = DEMO_END.year - 1
    return {
        year: DEMO_CHILD_POPULATION - DEMO_POPULATION_GROWTH * (last - year)
        for year in range(last - years - 1, last + 1)
    }


@dataclass
class DemoCouncil:
    council: object
    users: dict[str, object]
    password: str
    data_dir: Path
    corrected_dir: Path
    version_number: int | None
    created: bool
    reference_missing: list = field(default_factory=list)
    # Each return held: its name and latest version number, in ReturnKind's order.
    returns: dict[str, int] = field(default_factory=dict)


def corrected_tables(
    tables: dict[str, pl.DataFrame], *, share: float = 0.03
) -> dict[str, pl.DataFrame]:
    """A "corrected" extract: the ceases a team recorded late, as an analyst would re-send them.

    About `share` of the episodes still open at the end date are closed a month before it with
    reason E4A (returned home, planned), so the corrected version shows fewer children in care.
    """
    episodes = tables["Episodes"]
    open_rows = episodes.with_row_index("_row").filter(pl.col("DEC").is_null())
    cutoff = date(DEMO_END.year, DEMO_END.month - 1 if DEMO_END.month > 1 else 12, 1)
    eligible = open_rows.filter(pl.col("DECOM") < cutoff)
    count = max(1, int(eligible.height * share))
    chosen = set(eligible.sample(n=count, seed=7)["_row"].to_list())
    corrected = (
        episodes.with_row_index("_row")
        .with_columns(
            pl.when(pl.col("_row").is_in(list(chosen)))
            .then(pl.lit(cutoff))
            .otherwise(pl.col("DEC"))
            .alias("DEC"),
            pl.when(pl.col("_row").is_in(list(chosen)))
            .then(pl.lit("E4A"))
            .otherwise(pl.col("REC"))
            .alias("REC"),
        )
        .drop("_row")
    )
    return {**tables, "Episodes": corrected}


def _borrow_neighbours(council, *, from_code: str) -> None:
    """Westshire is made up, so it borrows a real shire county's statistical neighbours."""
    if StatisticalNeighbour.objects.filter(council=council).exists():
        return
    links = StatisticalNeighbour.objects.filter(council__code=from_code)
    StatisticalNeighbour.objects.bulk_create(
        StatisticalNeighbour(
            council=council, neighbour_id=link.neighbour_id, rank=link.rank, model=link.model
        )
        for link in links
    )


def _region_spans_councils(user, *, region: str) -> None:
    """The region official reads every council of the region, as DESIGN.md's roles say."""
    for other in Council.objects.filter(region=region):
        membership_grant(user=user, council=other, role=Role.REGION)


def _reference_load(council, users) -> None:
    """Every real council, its neighbours and its Ofsted history, for the national picture."""
    councils_load_reference()
    ofsted_load()
    _borrow_neighbours(council, from_code="938")
    _region_spans_councils(users[Role.REGION], region=council.region)


def _record_load(council, users) -> None:
    """Westshire's made-up journey (issue 9.8, dated by journey.py): its Ofsted history and
    improvement plan, the Improvement Board and the bodies around it, the partners' concerns
    escalated, the Commissioner's mid-year and final reviews, the intervention's record with
    the recommendation on the final review and its follow-up, the workforce month by month, the
    monthly case audits, supervision and the voice of children and staff."""
    with transaction.atomic():
        inadequate = inspections_for(council, user=users[Role.LEADER])
        plan_for(
            council,
            inspection=inadequate,
            leader=users[Role.LEADER],
            owners=[users[Role.MANAGER], users[Role.LEADER]],
        )
        governance_demo(council, users)
        escalations_demo(council, users)
        reviews = assessment_demo(council, users)
        intervention_demo(council, users, reviews["final"])
        workforce_demo(council, users)
        assurance_demo(council, users)
        supervision_demo(council, users)
        voice_demo(council, users)
        evidence_demo(council, users)  # last: it cites what the others made


def demo_load(
    *, children: int = 2500, years: int = 3, seed: int = 2026, out_dir: Path | None = None
) -> DemoCouncil:
    """Create Westshire and its users, import its return and compute its indicators.

    Idempotent: an existing demo keeps its data (a second run resets only the password).
    """
    out_dir = out_dir or Path(settings.VAR_DIR) / "demo"
    data_dir = out_dir / "westshire-903"
    corrected_dir = out_dir / "westshire-903-corrected"
    password = "-".join(secrets.token_hex(3) for _ in range(3))

    with transaction.atomic():
        council = council_add(
            code=DEMO_CODE,
            name=DEMO_NAME,
            child_population=DEMO_CHILD_POPULATION,
            region="South East",
            is_synthetic=True,
        )
        for year, population in demo_populations(years).items():
            child_population_set(
                council=council, year=year, population=population, source=DEMO_POPULATION_SOURCE
            )
        users = {}
        for role in Role.values:
            user = user_create(
                username=role.replace("_", "-"),
                password=password,
                full_name=f"Demo {Role(role).label}",
            )
            membership_grant(user=user, council=council, role=role)
            users[role] = user

    created = latest_version(council) is None
    if created:
        tables = generate(
            council_code=DEMO_CODE, children=children, years=years, seed=seed, end=DEMO_END
        )
        # Social workers and their teams (issue 8.7), from a random stream of their own.
        since = date(DEMO_END.year - years, DEMO_END.month, DEMO_END.day)
        sw_episodes, teams = social_workers(tables, seed=seed, since=since, end=DEMO_END)
        tables = {**tables, "SWEpisodes": sw_episodes}
        team_path = write_worker_teams(teams, out_dir / "westshire-teams.csv")
        team_file_import(
            council=council,
            user=users[Role.ANALYST],
            content=team_path.read_bytes(),
            file_name=team_path.name,
        )
        write_csv(tables, data_dir)
        write_csv(corrected_tables(tables), corrected_dir)
        upload = return_import(
            council=council,
            user=users[Role.ANALYST],
            paths=sorted(data_dir.iterdir()),
            source="cli",
        )
        if upload.version is None:
            raise RuntimeError(f"The demo return was not accepted: {upload.errors[:5]}")
        # The CIN census, Annex A and the workforce census of the same children and workers
        # (issue 10.5), and every worker's team as the next team file.
        demo_returns(
            council,
            users,
            out_dir,
            tables,
            teams=teams,
            seed=seed,
            end=DEMO_END,
            referrals=round(children * REFERRALS_PER_CHILD_LOOKED_AFTER),
        )
    # A data-quality run for the versions accepted before upload_accept ran the rules.
    dataquality_demo(council, users)
    analyst = users[Role.ANALYST]
    if latest_run(analyst, council) is None or created:
        indicators_compute(council=council, user=analyst)
    # England's picture needs the public reference files (issue 6.12): loaded when they are all
    # here and not yet loaded; otherwise the demo runs without it and says which are missing.
    reference_missing = missing_files("councils", "ofsted")
    if not reference_missing and not national_record_loaded():
        _reference_load(council, users)
    if not council.inspections.exists():
        _record_load(council, users)
        # Again, with the case audits and supervision the record now holds (issue 11.2).
        indicators_compute(council=council, user=analyst)
    version = latest_version(council)
    return DemoCouncil(
        council=council,
        users=users,
        password=password,
        data_dir=data_dir,
        corrected_dir=corrected_dir,
        version_number=version.number if version else None,
        created=created,
        reference_missing=reference_missing,
        returns={
            kind.label: held.number
            for kind in ReturnKind
            if (held := latest_version(council, kind=kind.value)) is not None
        },
    )
