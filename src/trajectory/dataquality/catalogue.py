"""The rules as data (issue 13.1): each DfE validation rule declared once, beside its check.

A declaration names DfE's code, the collection years it applies in, the tables whose rows it
flags, the fields at fault, its kind (../shared/domain/rules/README.md), a message in our own
words, and what it needs beyond this year's return ("previous": last year's; "postcodes": the
ONS postcode directory; "providers": Ofsted's provider lists; "council": the submitting
council's code) and which tables must all be
in the return for it to mean anything (`requires`: a child "not in the Header" says nothing
of a return without a Header, so such a rule is not run then). A rule that changed between
years is declared once per version, each with its own years, so a year's set is the year
before's with rules added, changed and retired by code: `rules_for(kind, year)`.

A check is a function of the return (`context.Return`) giving the flagged rows: a LazyFrame
of the rule's first table's rows (with `_row`), or {table: LazyFrame} where it flags rows of
several tables. Checks are Polars expressions over whole tables: no row-by-row Python.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import polars as pl

FIRST_YEAR, LAST_YEAR = 2023, 2027  # 2022-23 to 2026-27, the spec's years (by their end)
NEEDS = frozenset({"previous", "postcodes", "providers", "council"})
KINDS = frozenset(
    {
        "code-list",
        "required",
        "date-order",
        "date-range",
        "cross-table",
        "previous-year",
        "uniqueness",
        "arithmetic",
        "other",
    }
)
_YEAR = re.compile(r"^(\d{4})-(\d{2})$")

Flagged = pl.LazyFrame | dict[str, pl.LazyFrame]


def year_end(text: str) -> int:
    """ "2024-25" -> 2025, the year the collection ends in (31 March)."""
    match = _YEAR.match(text.strip())
    if not match or int(match.group(2)) != (int(match.group(1)) + 1) % 100:
        raise ValueError(f"{text!r} is not a collection year such as 2024-25")
    return int(match.group(1)) + 1


def year_text(end: int) -> str:
    return f"{end - 1}-{end % 100:02d}"


def years_of(text: str) -> tuple[int, int]:
    """ "2022-23..2026-27" -> (2023, 2027); "2023-24" -> (2024, 2024)."""
    first, _, last = text.partition("..")
    return year_end(first), year_end(last or first)


@dataclass(frozen=True)
class Rule:
    code: str
    returns: str  # "ssda903" or "cin"
    first: int  # the first collection year it applies in, by its end year
    last: int
    tables: tuple[str, ...]  # the tables whose rows it flags, the first the default
    fields: tuple[str, ...]
    kind: str
    message: str
    check: Callable[..., Flagged]
    needs: frozenset[str] = frozenset()
    requires: tuple[str, ...] = ()  # tables that must all be in the return for it to run

    def applies(self, year: int) -> bool:
        return self.first <= year <= self.last

    @property
    def years(self) -> str:
        if self.first == self.last:
            return year_text(self.first)
        return f"{year_text(self.first)} to {year_text(self.last)}"


@dataclass(frozen=True)
class Missing:
    code: str
    returns: str
    first: int
    last: int
    reason: str


class Catalogue:
    """One return's rules, declared with `@catalogue.rule(...)` in its rule modules."""

    def __init__(self, returns: str):
        self.returns = returns
        self.rules: list[Rule] = []
        self.missing: list[Missing] = []

    def rule(
        self,
        code: str,
        *,
        years: str = "2022-23..2026-27",
        tables: str,
        fields: str,
        kind: str,
        message: str,
        needs: str = "",
        requires: str = "",
    ):
        first, last = years_of(years)
        needed = frozenset(need for need in needs.split(";") if need)
        if kind not in KINDS or needed - NEEDS:
            raise ValueError(f"Rule {code}: unknown kind {kind!r} or needs {needs!r}")

        def register(check: Callable[..., Flagged]) -> Callable[..., Flagged]:
            overlapping = [
                rule
                for rule in self.rules
                if rule.code == code and rule.first <= last and first <= rule.last
            ]
            if overlapping:
                raise ValueError(f"Rule {code} is declared twice for {years}")
            self.rules.append(
                Rule(
                    code=code,
                    returns=self.returns,
                    first=first,
                    last=last,
                    tables=tuple(name for name in tables.split(";") if name),
                    fields=tuple(name for name in fields.split(";") if name),
                    kind=kind,
                    message=message,
                    check=check,
                    needs=needed,
                    requires=tuple(name for name in requires.split(";") if name),
                )
            )
            return check

        return register

    def not_implemented(self, code: str, *, years: str = "2022-23..2026-27", reason: str) -> None:
        """A rule of DfE's set not (yet) run, with the reason: listed in docs/dataquality.md
        and reported by every run as "not run: not implemented: REASON"."""
        first, last = years_of(years)
        self.missing.append(Missing(code, self.returns, first, last, reason))

    def for_year(self, year: int) -> list[Rule]:
        return sorted(
            (rule for rule in self.rules if rule.applies(year)), key=lambda rule: _order(rule.code)
        )


def _order(code: str) -> tuple:
    digits = re.match(r"\d+", code)
    return (int(digits.group()) if digits else 0, code)
