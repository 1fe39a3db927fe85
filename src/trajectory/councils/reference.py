"""England's 153 councils and their DfE statistical neighbours, read from the public reference data.

The files are read in place from settings.TRAJECTORY_REFERENCE_DIR (never copied into the repo):

- ``dfe_csc_outcomes_enablers/ons_mid-year_population_estimates_2012_to_2024.csv`` (DfE's copy of
  ONS mid-year estimates, children aged 0-17): the one file that lists exactly the 153 current
  councils with the 3-digit LA number, the ONS E-code, the name, the region and the population.
  The latest year in the file gives each council's current figure; every year is kept as the
  council's `ChildPopulation` series (time_period is the mid-year of the estimate: 2023 is
  mid-2023, which DfE divides by for 31 March 2024).
- ``dfe_csc_outcomes_enablers/sn_model_2025_wide.csv``: DfE's 2025 statistical neighbour model,
  ten neighbours for every current council. This is the *current* model (``CURRENT_MODEL``).
- ``dfe_csc_outcomes_enablers/New_Statistical_Neighbour_Groupings_April_2021.csv``: DfE's April
  2021 groupings, kept as model "2021" for comparisons with older publications. They predate the
  2023 split of Cumbria, so Cumberland (942) and Westmorland and Furness (943) have no 2021
  neighbours, and ranks that name Cumbria (909) cannot be resolved to a current council.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import polars as pl
from django.conf import settings
from django.db import transaction

from trajectory.audit.services import record
from trajectory.councils.models import ChildPopulation, Council, StatisticalNeighbour

POPULATION_FILE = "dfe_csc_outcomes_enablers/ons_mid-year_population_estimates_2012_to_2024.csv"
NEIGHBOURS_2025_FILE = "dfe_csc_outcomes_enablers/sn_model_2025_wide.csv"
NEIGHBOURS_2021_FILE = (
    "dfe_csc_outcomes_enablers/New_Statistical_Neighbour_Groupings_April_2021.csv"
)
CURRENT_MODEL = "2025"
POPULATION_SOURCE = f"ONS mid-year estimate, children aged 0-17 (DfE: {POPULATION_FILE})"


@dataclass(frozen=True)
class CouncilRecord:
    code: str
    e_code: str
    name: str
    region: str
    child_population: int
    population_year: int


@dataclass
class ReferenceLoad:
    """What a load-reference run did, for the command's output and the audit entry."""

    councils_created: int = 0
    councils_updated: int = 0
    councils_unchanged: int = 0
    neighbour_rows: dict[str, int] = field(default_factory=dict)
    neighbour_rows_changed: int = 0
    unresolved_neighbours: dict[str, int] = field(default_factory=dict)
    population_rows: int = 0
    population_rows_changed: int = 0

    def as_dict(self) -> dict:
        return {
            "councils_created": self.councils_created,
            "councils_updated": self.councils_updated,
            "councils_unchanged": self.councils_unchanged,
            "neighbour_rows": self.neighbour_rows,
            "neighbour_rows_changed": self.neighbour_rows_changed,
            "unresolved_neighbours": self.unresolved_neighbours,
            "population_rows": self.population_rows,
            "population_rows_changed": self.population_rows_changed,
        }


def reference_dir() -> Path:
    return Path(settings.TRAJECTORY_REFERENCE_DIR)


def read_councils(base: Path | None = None) -> list[CouncilRecord]:
    """Every council in the latest year of DfE's ONS 0-17 population file."""
    path = (base or reference_dir()) / POPULATION_FILE
    frame = (
        pl.scan_csv(path, infer_schema_length=0)
        .filter(pl.col("geographic_level") == "Local authority")
        .with_columns(pl.col("time_period").cast(pl.Int32))
    )
    latest = frame.select(pl.col("time_period").max()).collect().item()
    rows = (
        frame.filter(pl.col("time_period") == latest)
        .select("old_la_code", "new_la_code", "la_name", "region_name", "population_estimate")
        .sort("old_la_code")
        .collect()
    )
    return [
        CouncilRecord(
            code=code.strip(),
            e_code=e_code.strip(),
            name=name.strip(),
            region=region.strip(),
            child_population=int(population),
            population_year=latest,
        )
        for code, e_code, name, region, population in rows.iter_rows()
    ]


def read_child_populations(base: Path | None = None) -> dict[str, dict[int, int]]:
    """{council code: {mid-year: children aged 0-17}} for every year in DfE's ONS file."""
    path = (base or reference_dir()) / POPULATION_FILE
    rows = (
        pl.scan_csv(path, infer_schema_length=0)
        .filter(pl.col("geographic_level") == "Local authority")
        .select(
            pl.col("old_la_code").str.strip_chars(),
            pl.col("time_period").cast(pl.Int32),
            pl.col("population_estimate").cast(pl.Int64, strict=False),
        )
        .drop_nulls()  # "x": no estimate for a council in a year it did not exist
        .collect()
    )
    series: dict[str, dict[int, int]] = {}
    for code, year, population in rows.iter_rows():
        series.setdefault(code, {})[year] = population
    return series


def _load_populations(existing: dict[str, Council], base: Path | None, result) -> None:
    """Each council's population series from the file; rows already right are left alone."""
    held = {
        (row.council_id, row.year): row
        for row in ChildPopulation.objects.filter(council__in=list(existing.values()))
    }
    new, changed = [], []
    for code, years in read_child_populations(base).items():
        council = existing.get(code)
        if council is None:
            continue
        for year, population in years.items():
            row = held.get((council.pk, year))
            if row is None:
                new.append(
                    ChildPopulation(
                        council=council, year=year, population=population, source=POPULATION_SOURCE
                    )
                )
            elif (row.population, row.source) != (population, POPULATION_SOURCE):
                row.population, row.source = population, POPULATION_SOURCE
                changed.append(row)
    ChildPopulation.objects.bulk_create(new)
    ChildPopulation.objects.bulk_update(changed, ["population", "source"])
    result.population_rows_changed = len(new) + len(changed)
    result.population_rows = ChildPopulation.objects.filter(
        council__in=list(existing.values())
    ).count()


def read_neighbours(base: Path | None = None) -> dict[str, dict[str, list[str]]]:
    """{model: {council code: [neighbour codes in rank order]}} for the 2025 and 2021 models.

    The 2021 file has a trailing block of pre-reorganisation councils ("Old SNs") after a blank
    row and "-" where DfE gave no neighbours; both are dropped.
    """
    base = base or reference_dir()
    models: dict[str, dict[str, list[str]]] = {}
    sn_2025 = pl.read_csv(base / NEIGHBOURS_2025_FILE, infer_schema_length=0)
    columns_2025 = [f"SN_{rank}" for rank in range(1, 11)]
    models["2025"] = {
        row[0].strip(): [value.strip() for value in row[1:] if value and value.strip()]
        for row in sn_2025.select(["old_la_code", *columns_2025]).iter_rows()
        if row[0]
    }
    sn_2021 = pl.read_csv(base / NEIGHBOURS_2021_FILE, infer_schema_length=0)
    columns_2021 = [f"SN{rank}" for rank in range(1, 11)]
    grouping: dict[str, list[str]] = {}
    for row in sn_2021.select(["LA num", *columns_2021]).iter_rows():
        if not row[0]:
            break  # the blank row before DfE's "Old SNs" block
        neighbours = [value.strip() for value in row[1:] if value and value.strip() != "-"]
        if neighbours:
            grouping[row[0].strip()] = neighbours
    models["2021"] = grouping
    return models


@transaction.atomic
def councils_load_reference(*, base: Path | None = None, actor=None) -> ReferenceLoad:
    """Register or refresh every council and its statistical neighbours from the reference data.

    Each council's child population for every year in the file is kept (`ChildPopulation`).
    Idempotent: a second run with the same files changes no row. Neighbour lists of a council
    are replaced only when they differ from what the files say. One audit entry per run.
    """
    result = ReferenceLoad()
    existing = {council.code: council for council in Council.objects.all()}
    for item in read_councils(base):
        council = existing.get(item.code)
        values = {
            "e_code": item.e_code,
            "name": item.name,
            "region": item.region,
            "child_population": item.child_population,
        }
        if council is None:
            council = Council(code=item.code, **values)
            result.councils_created += 1
        elif all(getattr(council, key) == value for key, value in values.items()):
            result.councils_unchanged += 1
            continue
        else:
            for key, value in values.items():
                setattr(council, key, value)
            result.councils_updated += 1
        council.full_clean()
        council.save()
        existing[item.code] = council

    _load_populations(existing, base, result)

    for model, grouping in read_neighbours(base).items():
        unresolved = 0
        for code, neighbour_codes in grouping.items():
            council = existing.get(code)
            if council is None:
                continue
            wanted = []
            for rank, neighbour_code in enumerate(neighbour_codes, start=1):
                neighbour = existing.get(neighbour_code)
                if neighbour is None:
                    unresolved += 1
                    continue
                wanted.append((rank, neighbour.pk))
            current = list(
                StatisticalNeighbour.objects.filter(council=council, model=model)
                .order_by("rank")
                .values_list("rank", "neighbour_id")
            )
            if current != wanted:
                StatisticalNeighbour.objects.filter(council=council, model=model).delete()
                StatisticalNeighbour.objects.bulk_create(
                    StatisticalNeighbour(
                        council=council, neighbour_id=neighbour_id, rank=rank, model=model
                    )
                    for rank, neighbour_id in wanted
                )
                result.neighbour_rows_changed += len(wanted)
        result.neighbour_rows[model] = StatisticalNeighbour.objects.filter(model=model).count()
        result.unresolved_neighbours[model] = unresolved

    record(user=actor, action="councils.load_reference", detail=result.as_dict())
    return result
