"""Every return's catalogue of rules, by the return's name."""

from __future__ import annotations

from trajectory.dataquality.catalogue import Rule


def catalogues():
    from trajectory.dataquality.cin import CATALOGUE as CIN
    from trajectory.dataquality.ssda903 import CATALOGUE as SSDA903

    return {"ssda903": SSDA903, "cin": CIN}


def rules_for(returns: str, year: int) -> list[Rule]:
    return catalogues()[returns].for_year(year)


def all_rules(returns: str) -> list[Rule]:
    return list(catalogues()[returns].rules)


def missing_for(returns: str, year: int):
    """The rules of the year's set declared not implemented, with their reasons."""
    return [item for item in catalogues()[returns].missing if item.first <= year <= item.last]
