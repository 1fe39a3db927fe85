"""The catalogue against DfE's set (issue 13.1, 13.2): every rule of every year in the spec is
run or declared not implemented with a reason, and docs/dataquality-rules.md says so."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from trajectory.dataquality import registry
from trajectory.dataquality.catalogue import years_of
from trajectory.dataquality.docs import rules_markdown

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT.parent / "shared" / "domain" / "rules"


def _spec(returns: str) -> list[dict]:
    path = SPEC / f"{returns}_rules.csv"
    if not path.is_file():
        pytest.skip(f"the spec {path} is not beside this clone")
    return list(csv.DictReader(path.open(encoding="utf-8")))


@pytest.mark.parametrize("returns", ["ssda903", "cin"])
def test_every_rule_of_every_year_is_run_or_declared_not_implemented(returns):
    unaccounted = []
    for row in _spec(returns):
        first, last = years_of(row["years"])
        for year in range(first, last + 1):
            run = {rule.code for rule in registry.rules_for(returns, year)}
            missing = {item.code for item in registry.missing_for(returns, year)}
            if row["code"] not in run | missing:
                unaccounted.append((row["code"], year))
    assert unaccounted == []


@pytest.mark.parametrize("returns", ["ssda903", "cin"])
def test_no_rule_runs_in_a_year_the_spec_does_not_give_it(returns):
    years: dict[str, set[int]] = {}
    for row in _spec(returns):
        first, last = years_of(row["years"])
        years.setdefault(row["code"], set()).update(range(first, last + 1))
    extra = [
        (rule.code, year)
        for rule in registry.all_rules(returns)
        for year in range(rule.first, rule.last + 1)
        if year not in years.get(rule.code, set())
    ]
    assert extra == []


def test_the_rules_doc_is_written_from_the_catalogue():
    written = (ROOT / "docs" / "dataquality-rules.md").read_text(encoding="utf-8")
    assert written == rules_markdown(), (
        "Run: trajectory rules --write-docs docs/dataquality-rules.md"
    )
