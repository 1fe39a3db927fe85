"""docs/dataquality-rules.md, written from the catalogue (issue 13.2): every rule of every year
with its tables, fields, kind and message, and every rule not implemented with the reason.
`trajectory rules --write-docs docs/dataquality-rules.md` writes it; a test holds it true."""

from __future__ import annotations

from trajectory.dataquality import registry
from trajectory.dataquality.catalogue import FIRST_YEAR, LAST_YEAR, year_text

TITLES = {"ssda903": "SSDA903 (children looked after)", "cin": "CIN census"}


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def rules_markdown() -> str:
    lines = [
        "# DfE's data-quality rules in Trajectory",
        "",
        "Written from the catalogue (`src/trajectory/dataquality/`) by "
        "`trajectory rules --write-docs docs/dataquality-rules.md`; do not edit by hand.",
        "Each rule keeps DfE's code; the messages are Trajectory's own words. A rule that",
        "changed between collection years has a line per version.",
        "",
    ]
    for returns, title in TITLES.items():
        rules = registry.all_rules(returns)
        missing = registry.catalogues()[returns].missing
        counts = ", ".join(
            f"{year_text(year)} {len(registry.rules_for(returns, year))}"
            for year in range(FIRST_YEAR, LAST_YEAR + 1)
        )
        lines += [
            f"## {title}",
            "",
            f"Rules run each year: {counts}. Not implemented: {len(missing)}.",
            "",
            "| Code | Years | Tables | Fields | Kind | Needs | Message |",
            "|---|---|---|---|---|---|---|",
        ]
        for rule in sorted(rules, key=lambda item: (_key(item.code), item.first)):
            lines.append(
                f"| {rule.code} | {rule.years} | {', '.join(rule.tables)} | "
                f"{', '.join(rule.fields)} | {rule.kind} | {', '.join(sorted(rule.needs))} | "
                f"{_cell(rule.message)} |"
            )
        lines += ["", f"### {title}: not implemented", ""]
        if not missing:
            lines.append("None.")
        else:
            lines += ["| Code | Years | Why |", "|---|---|---|"]
            for item in sorted(missing, key=lambda item: (_key(item.code), item.first)):
                years = (
                    year_text(item.first)
                    if item.first == item.last
                    else f"{year_text(item.first)} to {year_text(item.last)}"
                )
                lines.append(f"| {item.code} | {years} | {_cell(item.reason)} |")
        lines.append("")
    return "\n".join(lines)


def _key(code: str) -> tuple:
    digits = "".join(ch for ch in code if ch.isdigit())
    return (0 if code[:1].isdigit() else 1, int(digits or 0), code)
