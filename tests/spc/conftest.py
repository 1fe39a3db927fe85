"""A council with a run of 13 month-ends (March 2024 to March 2025) whose SPC answers are worked
by hand:

- reviews on time (higher is better): 70, 74 six times, then 90. Mean 954/13 = 73.38; moving
  ranges eleven 4s and 16 = 60, mean 5 (16 is under 3.267 x 5 = 16.3, so kept); upper limit
  73.38 + 2.66 x 5 = 86.68: March 2025's 90 is outside, an improvement. 70 and 74 alternate
  about the mean and nothing else is near a limit (2 sigma: 82.25).
- children looked after (neutral): 400, 401, ... 412, each higher than the one before: a trend
  of all 13 months, neither better nor worse, since March 2024. Mean 406, moving ranges all 1,
  limits 403.34 and 408.66, so the latest, 412, is also outside the upper limit (which names
  it, as the first rule in NHSRplotthedots' order).
- missing (lower is better): 8, 9 six times, then 8. Mean 110/13 = 8.46, moving ranges all 1,
  limits 5.80 to 11.12, 2 sigma 10.23; alternating about the mean: common cause.
- care leavers in touch is an annual cohort: never charted, whatever its figures.
"""

from __future__ import annotations

import pytest

from tests.overview.conftest import add_run, add_version

SERIES = {
    "cla_reviews_on_time_pct": [70.0, 74.0] * 6 + [90.0],
    "cla_count": [400.0 + index for index in range(13)],
    "cla_missing_pct": [8.0, 9.0] * 6 + [8.0],
    "care_leavers_in_touch_pct": [50.0 + index for index in range(13)],
}


@pytest.fixture
def charted(council, make_user):
    version = add_version(council)
    run = add_run(council, version, SERIES)
    return {
        "council": council,
        "run": run,
        "analyst": make_user("analyst", council),
        "leader": make_user("leader", council),
        "board": make_user("board_member", council),
    }
