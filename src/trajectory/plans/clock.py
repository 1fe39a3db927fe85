"""The plan's idea of "today", read in one place so tests and demonstrations can time-travel.

Set `TRAJECTORY_TODAY = "2025-06-30"` (a setting, or the environment variable of that name) to
freeze the date every RAG rating, deadline and update uses; otherwise it is the local date.
Tests may also patch `trajectory.plans.clock.today` directly.
"""

from __future__ import annotations

import os
from datetime import date

from django.conf import settings
from django.utils import timezone


def today() -> date:
    frozen = getattr(settings, "TRAJECTORY_TODAY", None) or os.environ.get("TRAJECTORY_TODAY")
    if frozen:
        return frozen if isinstance(frozen, date) else date.fromisoformat(str(frozen))
    return timezone.localdate()
