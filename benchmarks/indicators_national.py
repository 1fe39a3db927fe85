"""National-scale indicator benchmark: every council, every month-end of five years.

    .venv/bin/python benchmarks/indicators_national.py [--regenerate]

Generates (once; kept in benchmarks/out/, which git ignores) a synthetic England: 153 councils,
about 100,000 children looked after at any one time, five years of episodes, reviews, missing
episodes and care leavers, stacked into one Parquet file per SSDA903 table with a `council`
column. Then it times a full recompute of every indicator in the registry for every council at
every month-end of the five years with `trajectory.indicators.compute.compute_all`, the very
function the app's `indicators_compute` service runs, and prints the seconds and the peak memory
of the process. Target on the 2-core reference machine: <= 10 s and <= 2 GiB.

The data come from the project's own generator (`trajectory.synth.ssda903.generate`), one
council at a time with its own seed, in a child process so its memory does not count toward the
peak. The data are made up: no real child is in them.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import polars as pl

ROOT = Path(__file__).resolve().parent
OUT = ROOT / "out" / "national"
sys.path.insert(0, str(ROOT.parent / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "trajectory.settings")

COUNCILS = 153
END = date(2025, 3, 31)
YEARS = 5
TABLES = ("Header", "Episodes", "Reviews", "Missing", "OC3")
CHILDREN = 330_000  # over the whole span; about 100,000 are looked after at any one time
SEED = 903


def council_codes() -> list[str]:
    return [str(code) for code in range(201, 201 + COUNCILS)]


def council_sizes() -> tuple[list[int], list[int]]:
    """Children in each council's extract (skewed, as real councils are) and its population."""
    rng = random.Random(SEED)
    weights = [rng.lognormvariate(0, 0.6) for _ in range(COUNCILS)]
    children = [max(int(w / sum(weights) * CHILDREN), 50) for w in weights]
    population = [n * 42 + rng.randint(0, 5_000) for n in children]  # about 70 per 10,000
    return children, population


def generate(out: Path) -> None:
    """The national set from the project's own generator, one council at a time."""
    from trajectory.synth.ssda903 import generate as generate_council

    children, population = council_sizes()
    parts: dict[str, list[pl.DataFrame]] = {name: [] for name in TABLES}
    for index, code in enumerate(council_codes()):
        tables = generate_council(
            council_code=code, children=children[index], years=YEARS, seed=SEED + index, end=END
        )
        for name in TABLES:
            if name in tables:
                parts[name].append(tables[name].with_columns(council=pl.lit(code)))
    out.mkdir(parents=True, exist_ok=True)
    for name, frames in parts.items():
        if frames:
            pl.concat(frames, how="diagonal_relaxed").write_parquet(out / f"{name}.parquet")
    pl.DataFrame({"council": council_codes(), "child_population": population}).write_parquet(
        out / "population.parquet"
    )


# --- the timed part --------------------------------------------------------------------------


def month_ends_of_five_years() -> list[date]:
    from trajectory.indicators.compute import month_ends

    return month_ends(date(END.year - YEARS, END.month + 1, 1), END)


def run_benchmark(out: Path) -> dict:
    from trajectory.indicators.compute import compute_all

    tables = {
        name: pl.scan_parquet(out / f"{name}.parquet")
        for name in TABLES
        if (out / f"{name}.parquet").exists()
    }
    population = pl.read_parquet(out / "population.parquet")
    dates = month_ends_of_five_years()
    started = time.perf_counter()
    figures = compute_all(tables, dates, population)
    seconds = time.perf_counter() - started
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    looked_after = figures.filter(pl.col("indicator_id") == "cla_count")
    at_end = looked_after.filter(pl.col("as_at") == dates[-1])["value"].sum()
    return {
        "seconds": seconds,
        "peak_gib": peak_kib / 1024 / 1024,
        "values": figures.height,
        "councils": figures["council"].n_unique(),
        "month_ends": len(dates),
        "looked_after_at_end": at_end,
        "episodes": pl.scan_parquet(out / "Episodes.parquet").select(pl.len()).collect().item(),
        "children": pl.scan_parquet(out / "Header.parquet").select(pl.len()).collect().item(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--regenerate", action="store_true", help="Draw the data again")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--generate-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.generate_only:
        generate(args.out)
        return
    if args.regenerate or not (args.out / "Episodes.parquet").exists():
        print(f"Generating the national synthetic set in {args.out} ...")
        started = time.perf_counter()
        # In a child process, so the generator's memory does not count toward the peak below.
        subprocess.run(
            [sys.executable, __file__, "--generate-only", "--out", str(args.out)],
            check=True,
        )
        print(f"  generated in {time.perf_counter() - started:.1f} s")
    result = run_benchmark(args.out)
    print(
        f"{result['councils']} councils, {result['children']:,} children, "
        f"{result['episodes']:,} episodes; {result['looked_after_at_end']:,.0f} looked after "
        f"at {END:%d %B %Y}"
    )
    print(
        f"Recomputed {result['values']:,} values ({result['month_ends']} month-ends x "
        f"every indicator x every council) in {result['seconds']:.2f} s, "
        f"peak memory {result['peak_gib']:.2f} GiB"
    )
    target = result["seconds"] <= 10 and result["peak_gib"] <= 2
    print(
        "Within the target (<= 10 s, <= 2 GiB)."
        if target
        else "OUTSIDE the target (<= 10 s, <= 2 GiB)."
    )


if __name__ == "__main__":
    main()
