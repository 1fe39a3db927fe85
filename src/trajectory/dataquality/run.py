"""Running a year's rules over a return (issue 13.2): every rule reports — run, with its
findings, or not run with the reason — and none is ever silently missing.

All the rules' checks are built as lazy frames first and collected together (Polars runs
them in parallel and shares what they share), so a large council's year and its previous
year take well under a second (benchmarks/dataquality.py). A check that raises is reported
as "failed" with the error rather than lost; the suite holds that none does (tests/dataquality).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import polars as pl

from trajectory.dataquality import registry
from trajectory.dataquality.catalogue import Rule
from trajectory.dataquality.context import ROW, Return

RAN, NOT_RUN, FAILED = "ran", "not run", "failed"
NOT_SUPPLIED = {  # in the order a rule needing several names them
    "postcodes": "not run: the ONS postcode directory is not configured (TRAJECTORY_POSTCODES)",
    "providers": "not run: Ofsted's provider lists are not configured (TRAJECTORY_PROVIDERS)",
    "council": "not run: the submitting council is not known (trajectory validate --la CODE)",
    "previous": "not run: previous year not supplied",
}
LAST = "_last"  # the spec's name for last year's table: Episodes_last
FINDING_COLUMNS = {"rule": pl.String, "table": pl.String, "row": pl.Int64, "child": pl.String}


@dataclass
class RuleResult:
    rule: Rule
    status: str
    reason: str = ""
    findings: pl.DataFrame = field(default_factory=lambda: pl.DataFrame(schema=FINDING_COLUMNS))

    @property
    def count(self) -> int:
        return self.findings.height

    def as_dict(self) -> dict:
        return {
            "rule": self.rule.code,
            "status": self.status,
            "reason": self.reason,
            "findings": self.count,
            "tables": list(self.rule.tables),
            "message": self.rule.message,
        }


@dataclass
class Report:
    returns: str
    year: int
    results: list[RuleResult]
    not_implemented: list = field(default_factory=list)  # catalogue.Missing of the year

    @property
    def findings(self) -> pl.DataFrame:
        frames = [result.findings for result in self.results if result.count]
        if not frames:
            return pl.DataFrame(schema=FINDING_COLUMNS)
        return pl.concat(frames).sort(["table", "row", "rule"])

    def by_rule(self) -> dict[str, RuleResult]:
        return {result.rule.code: result for result in self.results}


def _not_run(rule: Rule, ret: Return) -> str:
    for need in [need for need in NOT_SUPPLIED if need in rule.needs]:
        supplied = {
            "previous": ret.previous,
            "postcodes": ret.postcodes,
            "providers": ret.providers,
            "council": ret.la_code or None,
        }
        if supplied[need] is None:
            return NOT_SUPPLIED[need]
    # Last year's tables the rule reads (the spec's Episodes_last): when a previous year is
    # supplied holding none of them, the rule would compare with nothing.
    if ret.previous is not None:
        last = [name.removesuffix(LAST) for name in rule.tables if name.endswith(LAST)]
        if last and not any(name in ret.previous for name in last):
            return f"not run: no {' or '.join(last)} table in last year's return"
    absent = [name for name in rule.requires if not ret.has(name)]
    if absent:
        return f"not run: no {' or '.join(absent)} table in the return"
    if not any(ret.has(name) for name in rule.tables):
        return f"not run: no {' or '.join(rule.tables)} table in the return"
    return ""


def _frames(rule: Rule, ret: Return) -> list[tuple[str, pl.LazyFrame]]:
    flagged = rule.check(ret)
    items = flagged.items() if isinstance(flagged, dict) else [(rule.tables[0], flagged)]
    child = ret.child
    found = []
    for table, frame in items:
        names = frame.collect_schema().names()
        child_column = pl.col(child).cast(pl.String) if child in names else pl.lit(None, pl.String)
        found.append(
            (
                table,
                frame.select(
                    pl.lit(rule.code).alias("rule"),
                    pl.lit(table).alias("table"),
                    pl.col(ROW).cast(pl.Int64).alias("row"),
                    child_column.alias("child"),
                ).unique(["table", "row"]),
            )
        )
    return found


def validate(ret: Return, rules: list[Rule] | None = None) -> Report:
    """Every rule of the return's year (or the rules given), each with its outcome."""
    rules_given = rules
    rules = registry.rules_for(ret.returns, ret.year) if rules is None else rules
    results: dict[int, RuleResult] = {}
    pending: list[tuple[int, pl.LazyFrame]] = []
    for index, rule in enumerate(rules):
        reason = _not_run(rule, ret)
        if reason:
            results[index] = RuleResult(rule, NOT_RUN, reason)
            continue
        try:
            frames = _frames(rule, ret)
        except Exception as error:  # reported, never lost: the suite fails on any
            results[index] = RuleResult(rule, FAILED, f"failed: {error}")
            continue
        pending += [(index, frame) for _, frame in frames]
    try:
        collected = pl.collect_all([frame for _, frame in pending])
    except Exception:
        collected = []
        for index, frame in pending:
            try:
                collected.append(frame.collect())
            except Exception as error:
                results[index] = RuleResult(rules[index], FAILED, f"failed: {error}")
                collected.append(None)
    by_rule: dict[int, list[pl.DataFrame]] = {}
    for (index, _), frame in zip(pending, collected, strict=True):
        if frame is not None and index not in results:
            by_rule.setdefault(index, []).append(frame)
    for index, frames in by_rule.items():
        results[index] = RuleResult(rules[index], RAN, findings=pl.concat(frames))
    for index, rule in enumerate(rules):
        results.setdefault(index, RuleResult(rule, RAN))  # a check flagging no table
    missing = registry.missing_for(ret.returns, ret.year) if rules_given is None else []
    return Report(ret.returns, ret.year, [results[index] for index in range(len(rules))], missing)
