"""One council's full recompute: every indicator at every month-end, as the monthly run does.

    .venv/bin/python benchmarks/council_recompute.py [--children 2500] [--years 5]

Generates one council with the project's own generator (made-up children, nothing real), then
times two things, each the best of three runs: the Polars computation of every indicator in the
registry at every month-end the data covers (`compute_all`, what `indicators_compute` calls) and
the whole service on SQLite (`indicators_compute`: reading the stored version, computing, and
writing the run and its values in one transaction). Target (issue 8): <= 1 s for the service.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT.parent / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "trajectory.settings")
os.environ.setdefault("TRAJECTORY_DEMO", "1")

END = date(2025, 3, 31)
CODE = "990"
TARGET_SECONDS = 1.0


def best_of(runs: int, work) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(runs):
        started = time.perf_counter()
        result = work()
        best = min(best, time.perf_counter() - started)
    return best, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--children", type=int, default=2500)
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument(
        "--no-workers",
        action="store_true",
        help="Leave out SWEpisodes and the worker-to-team file (no figures by team or worker)",
    )
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="trajectory-bench-"))
    os.environ["DATABASE_URL"] = f"sqlite:///{folder / 'bench.sqlite3'}"
    os.environ["TRAJECTORY_STORAGE"] = str(folder / "storage")

    import django

    django.setup()
    from django.core.management import call_command

    from trajectory.councils.models import Council
    from trajectory.councils.team_files import team_file_import
    from trajectory.indicators.compute import compute_all, month_ends
    from trajectory.indicators.services import indicators_compute
    from trajectory.returns.selectors import latest_version, version_tables
    from trajectory.returns.services import return_import
    from trajectory.synth.ssda903 import generate, write_csv
    from trajectory.synth.workers import social_workers, write_worker_teams

    call_command("migrate", verbosity=0)
    council = Council.objects.create(code=CODE, name="Benchmark council")
    tables = generate(
        council_code=CODE, children=args.children, years=args.years, seed=2026, end=END
    )
    if not args.no_workers:  # issue 8.7: every child-based indicator by team and worker too
        since = date(END.year - args.years, END.month, END.day)
        sw_episodes, teams = social_workers(tables, seed=2026, since=since, end=END)
        tables = {**tables, "SWEpisodes": sw_episodes}
        team_path = write_worker_teams(teams, folder / "teams.csv")
        team_file_import(
            council=council, user=None, content=team_path.read_bytes(), file_name="teams.csv"
        )
    files = write_csv(tables, folder / "csv")
    return_import(council=council, paths=files, user=None)
    version = latest_version(council)
    stored = version_tables(version)
    dates = month_ends(date(END.year - args.years + 1, END.month + 1, 1), END)

    compute_seconds, figures = best_of(3, lambda: compute_all(stored, dates, None).height)
    service_seconds, _ = best_of(3, lambda: indicators_compute(council=council, user=None))
    episodes = tables["Episodes"].height
    print(
        f"One council: {args.children:,} children, {episodes:,} episodes, "
        f"{len(dates)} month-ends, {figures:,} values"
    )
    print(f"  compute_all (Polars only):          {compute_seconds:.3f} s")
    if not args.no_workers:
        from trajectory.indicators.models import IndicatorBreakdown

        run = council.indicator_runs.order_by("-id").first()
        print(
            f"  with {tables['SWEpisodes'].height:,} social worker episodes: "
            f"{IndicatorBreakdown.objects.filter(run=run).count():,} values by team and worker"
        )
    print(f"  indicators_compute (read, compute, write the run): {service_seconds:.3f} s")
    verdict = "Within" if service_seconds <= TARGET_SECONDS else "OUTSIDE"
    print(f"{verdict} the target (<= {TARGET_SECONDS:g} s for the service).")


if __name__ == "__main__":
    main()
