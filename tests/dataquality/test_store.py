"""Findings as data (issue 13.3): an accepted SSDA903 upload keeps a run of the year's rules
over its stored tables, with exactly the rows its planted faults break; a corrected version
has fewer; the version is accepted whatever is found."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.dataquality.uploads import accept
from trajectory.dataquality.models import DataQualityRun, Finding
from trajectory.synth.demo_dataquality import dataquality_demo

pytestmark = pytest.mark.django_db


def planted(run, codes=("101", "102")):
    return sorted(
        (f.rule, f.table, f.row, f.child, f.worker) for f in run.findings.all() if f.rule in codes
    )


def test_an_accepted_upload_stores_a_run_with_its_planted_findings(council, make_user, tmp_path):
    analyst = make_user("analyst", council)
    # Child 1002 (file row 3) has SEX "1" and 1004 (row 5) "X": in 2024-25 SEX is M, F or U,
    # so rule 101 flags both; 1001 and 1003 are M. DOB is a key field (blank refuses the
    # upload), so rule 102 can never fire on an accepted return: it ran and found nothing.
    version = accept(council, analyst, tmp_path / "v1", sexes=("M", "1", "m", "X"))

    run = DataQualityRun.objects.get(version=version)
    assert run.collection_year == 2025 and run.kind == "ssda903" and run.previous is None
    # The workers: 1002's case is SW01's from 10 June 2024, 1004's SW02's from 10 August 2024,
    # both open at 31 March 2025, the day the findings are placed.
    assert planted(run) == [
        ("101", "Header", 3, "1002", "SW01"),
        ("101", "Header", 5, "1004", "SW02"),
    ]
    by_rule = {item["rule"]: item for item in run.rules}
    assert by_rule["101"]["status"] == "ran" and by_rule["101"]["findings"] == 2
    assert by_rule["102"]["status"] == "ran" and by_rule["102"]["findings"] == 0
    assert by_rule["202"]["reason"] == "not run: previous year not supplied"
    assert run.finding_count == run.findings.count()
    finding = run.findings.get(row=3, rule="101")
    assert finding.fields == ["SEX"] and "SEX" in finding.message


def test_a_corrected_version_has_fewer_findings_and_reads_last_years(council, make_user, tmp_path):
    analyst = make_user("analyst", council)
    first = accept(council, analyst, tmp_path / "v1", sexes=("M", "1", "M", "X"))
    # The correction fixes 1002 (now F) but not 1004.
    second = accept(council, analyst, tmp_path / "v2", sexes=("M", "F", "M", "X"))
    assert planted(second.dataquality_runs.get()) == [("101", "Header", 5, "1004", "SW02")]
    assert planted(first.dataquality_runs.get()) != planted(second.dataquality_runs.get())

    # Next year's return (2025-26) reads this year's latest version (the second) as last
    # year's: 1001 was M and is now F, so rule 202 flags row 2; the others are unchanged.
    following = accept(council, analyst, tmp_path / "v3", sexes=("F", "F", "M", "X"), year=2026)
    run = following.dataquality_runs.get()
    assert run.previous == second
    assert planted(run, codes=("202",)) == [("202", "Header", 2, "1001", "SW01")]


def test_a_run_and_its_findings_are_never_changed(council, make_user, tmp_path):
    version = accept(council, make_user("analyst", council), tmp_path, sexes=("1", "M", "M", "M"))
    run = version.dataquality_runs.get()
    with pytest.raises(PermissionError):
        run.save()
    with pytest.raises(PermissionError):
        Finding.objects.filter(run=run).first().save()


def test_the_command_stores_a_run_for_the_latest_versions(council, make_user, tmp_path):
    version = accept(council, make_user("analyst", council), tmp_path, sexes=("1", "M", "M", "M"))
    out = io.StringIO()
    call_command("dataquality", "run", "--council", council.code, stdout=out)
    runs = list(version.dataquality_runs.order_by("pk"))
    assert len(runs) == 2  # the accept's, and the command's
    assert planted(runs[1]) == [("101", "Header", 2, "1001", "SW01")]
    assert f"version {version.number} (2024-25)" in out.getvalue()
    with pytest.raises(CommandError):
        call_command("dataquality", "run", "--council", "000")


def test_the_demo_stores_a_run_only_where_none_is(council, make_user, tmp_path):
    accept(council, make_user("analyst", council), tmp_path, sexes=("M", "M", "M", "M"))
    assert dataquality_demo(council, {}) == []  # the accept made one
