"""Stored runs, on-the-fly figures, the CLI and who may see the children behind a figure."""

from __future__ import annotations

import json
from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.http import Http404

from tests.indicators.builders import episodes, header, missing, reviews
from trajectory.audit.models import AuditEntry
from trajectory.indicators import registry, selectors
from trajectory.indicators.compute import of_source
from trajectory.indicators.services import indicators_compute
from trajectory.returns.models import ReturnVersion

D = date


def store_version(council, *, number: int = 1, extra_child: bool = False) -> ReturnVersion:
    """A ReturnVersion with its Parquet tables laid out as returns.storage does."""
    rows = [
        ("A", D(2022, 4, 1), "S", "C2", "U1", D(2023, 5, 1), "X1"),
        ("A", D(2023, 5, 1), "P", "C2", "U2", None, None),
        ("B", D(2023, 1, 10), "S", "V2", "U1", D(2024, 3, 31), "E4A"),
    ]
    if extra_child:
        rows.append(("C", D(2023, 6, 1), "S", "V2", "K2", None, None))
    tables = {
        "Episodes": episodes(*rows),
        "Header": header(A=D(2012, 1, 1), B=D(2014, 2, 2), C=D(2010, 3, 3)),
        "Reviews": reviews(("A", D(2022, 4, 20)), ("B", D(2023, 2, 1))),
        "Missing": missing(("A", "M", D(2023, 7, 1))),
    }
    key = f"{council.code}/ssda903/{number:064d}"
    folder = Path(settings.TRAJECTORY_STORAGE) / key
    folder.mkdir(parents=True)
    for name, frame in tables.items():
        frame.write_parquet(folder / f"{name}.parquet")
    return ReturnVersion.objects.create(
        council=council,
        kind="ssda903",
        number=number,
        content_sha256=f"{number:064d}",
        storage_key=key,
        data_from=D(2022, 4, 1),
        data_to=D(2024, 3, 31),
    )


@pytest.mark.django_db
def test_compute_stores_a_run_tied_to_the_version_with_every_month(council, make_user):
    version = store_version(council)
    analyst = make_user("analyst", council)
    run = indicators_compute(council=council, user=analyst)

    assert list(run.versions.all()) == [version]
    assert (run.period_from, run.period_to) == (D(2023, 3, 31), D(2024, 3, 31))
    assert run.child_population == council.child_population
    months = sorted({value.as_at for value in run.values.all()})
    assert len(months) == 13 and months[1] == D(2023, 4, 30)
    assert run.values.count() == 13 * len(of_source("ssda903"))  # no CIN, no workforce
    count = run.values.get(indicator_id="cla_count", as_at=D(2024, 2, 29))
    assert (count.value, count.denominator) == (2, None)  # A and B; B leaves on 31 March
    assert run.values.get(indicator_id="cla_count", as_at=D(2024, 3, 31)).value == 1

    entry = AuditEntry.objects.get(action="indicators.compute")
    assert entry.user == analyst and entry.council == council
    assert entry.detail["versions"] == [version.pk]


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["board_member", "region", "commissioner", "manager"])
def test_only_analysts_and_leaders_compute(council, make_user, role):
    store_version(council)
    with pytest.raises(PermissionDenied):
        indicators_compute(council=council, user=make_user(role, council))
    assert not AuditEntry.objects.filter(action="indicators.compute").exists()


@pytest.mark.django_db
def test_scorecard_and_series_read_the_latest_run(council, make_user):
    store_version(council)
    leader = make_user("leader", council)
    indicators_compute(council=council, user=leader)
    store_version(council, number=2, extra_child=True)
    indicators_compute(council=council, user=leader)

    board_member = make_user("board_member", council)
    rows = {row.indicator.id: row for row in selectors.scorecard(board_member, council)}
    assert list(rows) == [indicator.id for indicator in registry.INDICATORS]
    looked_after = rows["cla_count"]
    assert (looked_after.as_at, looked_after.value) == (D(2024, 3, 31), 2)  # A and C
    assert looked_after.value_year_ago == 2 and looked_after.change == 0  # A and B
    assert looked_after.direction == "no change"  # 2 and 2: a fact, even for a neutral one
    series = selectors.series(board_member, council, "cla_count")
    assert [v.as_at for v in series][:2] == [D(2023, 3, 31), D(2023, 4, 30)]
    assert selectors.latest_run(board_member, council).versions.get().number == 2


@pytest.mark.django_db
def test_selectors_refuse_other_councils(council, make_council, make_user):
    store_version(council)
    other = make_council(code="991", name="Eastshire")
    outsider = make_user("analyst", other)
    with pytest.raises(Http404):  # another council's pages are 404, not 403 (issue 7.6)
        selectors.scorecard(outsider, council)
    with pytest.raises(PermissionDenied):
        selectors.indicator_children(outsider, council, "cla_count", D(2024, 2, 29))


@pytest.mark.django_db
def test_indicators_at_any_date(council):
    store_version(council)
    figures = {f["id"]: f for f in selectors.indicators_at(council, D(2023, 6, 15))}
    assert list(figures) == [indicator.id for indicator in registry.INDICATORS]
    assert figures["cla_count"] == {
        "id": "cla_count",
        "value": 2,
        "numerator": 2,
        "denominator": None,
        "as_at": D(2023, 6, 15),
    }


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["board_member", "region"])
def test_child_level_rows_are_denied_to_board_and_region(council, make_user, role):
    store_version(council)
    with pytest.raises(PermissionDenied):
        selectors.indicator_children(make_user(role, council), council, "cla_count", D(2024, 2, 29))
    assert not AuditEntry.objects.filter(action="child.view").exists()


@pytest.mark.django_db
def test_child_level_rows_are_audited(council, make_user):
    store_version(council)
    analyst = make_user("analyst", council)
    rows = selectors.indicator_children(analyst, council, "cla_missing_pct", D(2024, 2, 29))
    assert [(r["child_id"], r["counted"], r["in_denominator"]) for r in rows] == [
        ("A", True, True),
        ("B", False, True),
    ]
    entry = AuditEntry.objects.get(action="child.view")
    assert entry.user == analyst
    assert entry.detail == {"indicator": "cla_missing_pct", "as_at": "2024-02-29", "rows": 2}


@pytest.mark.django_db
def test_cli_prints_json_and_recomputes(council):
    store_version(council)
    out = StringIO()
    call_command(
        "indicators", "--council", council.code, "--as-at", "2024-02-29", "--json", stdout=out
    )
    figures = json.loads(out.getvalue())
    assert [f["id"] for f in figures] == [indicator.id for indicator in registry.INDICATORS]
    assert figures[0] == {
        "id": "cla_count",
        "value": 2.0,
        "numerator": 2.0,
        "denominator": None,
        "as_at": "2024-02-29",
    }
    table = StringIO()
    call_command("indicators", "--council", council.code, "--as-at", "2024-02-29", stdout=table)
    assert "Children looked after" in table.getvalue()
    call_command("indicators", "--council", council.code, "--recompute", stderr=StringIO())
    assert council.indicator_runs.count() == 1
    assert AuditEntry.objects.get(action="indicators.compute").detail["source"] == "cli"
