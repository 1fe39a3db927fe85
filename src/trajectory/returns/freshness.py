"""How old a council's latest data is, and whether it is too old to be read without a warning.

A figure is only as current as the last date its return covers (`ReturnVersion.data_to`), not
the day it was uploaded: figures to March 2025 read in December 2026 are 20 months old (issue
7.8). Past `settings.TRAJECTORY_STALE_DATA_DAYS` (default 120: a quarter's return plus a month
to prepare it) every page built on the return warns. "Today" is the plan's clock.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.conf import settings

from trajectory.plans import clock
from trajectory.returns.models import ReturnKind, ReturnVersion

DEFAULT_STALE_DATA_DAYS = 120


def stale_after_days() -> int:
    return int(getattr(settings, "TRAJECTORY_STALE_DATA_DAYS", DEFAULT_STALE_DATA_DAYS))


@dataclass(frozen=True)
class DataAge:
    """The latest version of one return kind, how many days its data is behind today, and
    whether that is past the configured age."""

    version: ReturnVersion | None
    today: date
    stale_after: int

    @property
    def data_to(self) -> date | None:
        return self.version.data_to if self.version is not None else None

    @property
    def days(self) -> int | None:
        return (self.today - self.data_to).days if self.data_to is not None else None

    @property
    def stale(self) -> bool:
        return self.days is not None and self.days > self.stale_after

    @property
    def kind_label(self) -> str:
        return ReturnKind(self.version.kind).label if self.version is not None else ""


def data_age(council, *, kind: str = ReturnKind.SSDA903, today: date | None = None) -> DataAge:
    """The age of the council's latest accepted return of a kind. Aggregate metadata only (a
    date), so it needs no role beyond reading the council, which the page has checked."""
    version = (
        ReturnVersion.objects.filter(council=council, kind=kind, data_to__isnull=False)
        .order_by("-number")
        .first()
    )
    return DataAge(version=version, today=today or clock.today(), stale_after=stale_after_days())
