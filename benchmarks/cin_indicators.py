"""The CIN census indicators for a large council: every month-end of two census years stacked.

    .venv/bin/python benchmarks/cin_indicators.py [--children 10000] [--runs 3]

Generates two census years (2023-24 and 2024-25) with the project's generator (made-up
children, nothing real), stacks them as a run does (`cin.facts.stack_years`) and times
`compute_cin` over the 24 month-ends they cover, best of `--runs`: the Polars work a run adds
for the CIN census.
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--children", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    options = parser.parse_args()

    from trajectory.indicators.cin.facts import stack_years
    from trajectory.indicators.compute import compute_cin, month_ends
    from trajectory.synth.cin import generate_cin

    years = [
        (
            end.year,
            {
                n: f.lazy()
                for n, f in generate_cin(children=options.children, seed=end.year, end=end).items()
            },
        )
        for end in (date(2024, 3, 31), date(2025, 3, 31))
    ]
    first, last = date(2023, 4, 1), date(2025, 3, 31)
    dates = month_ends(first, last)
    best, figures = float("inf"), None
    for _ in range(options.runs):
        started = time.perf_counter()
        figures = compute_cin(stack_years(years), dates, 250_000, coverage=(first, last))
        best = min(best, time.perf_counter() - started)
    referrals = figures.filter(
        (figures["indicator_id"] == "cin_referrals_12m") & (figures["as_at"] == last)
    )["value"][0]
    print(
        f"{options.children:,} children a census, 2 censuses, {len(dates)} month-ends, "
        f"{figures['indicator_id'].n_unique()} indicators: {figures.height:,} values in "
        f"{best:.3f} s (best of {options.runs}); referrals in 2024-25: {referrals:,.0f}"
    )


if __name__ == "__main__":
    main()
