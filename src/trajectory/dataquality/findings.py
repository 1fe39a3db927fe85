"""Findings in the shape the command line prints and the page lists (issue 13.5):
{"rule", "table", "row", "child", "fields", "message"}; `row` is the row in the file as
uploaded."""

from __future__ import annotations

from trajectory.dataquality.run import Report


def read_findings(result, report: Report | None = None) -> list[dict]:
    """The reader's own problems (what stops a file being read as written, and the checks it
    makes on reading), as findings; one the catalogue also runs is left to the catalogue."""
    table_of = {file: table for table, file in result.sources.items()}
    catalogued = {item.rule.code for item in report.results} if report is not None else set()
    return [
        {
            "rule": problem.code,
            "table": table_of.get(problem.file, problem.file),
            "row": problem.row,
            "child": None,
            "fields": [problem.column] if problem.column else [],
            "message": problem.message,
        }
        for problem in result.log.kept
        if problem.code not in catalogued
    ]


def rule_findings(report: Report, result=None) -> list[dict]:
    """Every rule's findings, in table and row order."""
    rules = {result_.rule.code: result_.rule for result_ in report.results}
    return [
        {
            "rule": row["rule"],
            "table": row["table"],
            "row": row["row"],
            "child": row["child"],
            "fields": list(rules[row["rule"]].fields),
            "message": rules[row["rule"]].message,
        }
        for row in report.findings.iter_rows(named=True)
    ]
