"""DfE's data-quality rules at council scale (issue 13's bar): the full rule set over a year's
SSDA903 return and its previous year, and over a CIN census, with time and peak memory.

    .venv/bin/python benchmarks/dataquality.py [--sizes 2000 10000] [--cin 10000] [--runs 3]

Writes each return with the project's generators (made-up children, nothing real: the tables
the generator writes, two years to 31 March 2025, last year's return being the episodes begun
by 31 March 2024 and their children's rows), reads it as an upload is read (typed frames),
then times `dataquality.run.validate` over the year's whole rule set, best of `--runs`, in a
fresh process, and reports the process's peak resident memory (`resource.getrusage` maxrss,
Polars' own allocations included). Reading is timed apart: it is the upload's cost, paid once
whether or not the rules run. Targets: 2,000 children with the previous year <= 1 s; 10,000
children <= 3 s; a 10,000-child CIN census <= 3 s. The open validators councils use today take
about 14 s and 1.4 GB for the first on this machine.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT.parent / "src"))

TARGETS = {"ssda903": {2_000: 1.0, 10_000: 3.0}, "cin": {10_000: 3.0}}
_RUN = """
import json, resource, sys, time
from datetime import date
from pathlib import Path
import django, os
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "trajectory.settings")
os.environ.setdefault("TRAJECTORY_DEMO", "1")
django.setup()
from trajectory.dataquality.context import Return
from trajectory.dataquality.run import validate
from trajectory.returns import collection_year
returns, runs = sys.argv[1], int(sys.argv[2])
current, previous = Path(sys.argv[3]), (Path(sys.argv[4]) if sys.argv[4] != "-" else None)
if returns == "ssda903":
    from trajectory.returns.ssda903.reader import read_return
else:
    from trajectory.returns.cin.reader import read_return
def files(folder):
    if not folder.is_dir():
        return [(folder.name, folder)]
    return [(p.name, p) for p in sorted(folder.iterdir())]
started = time.perf_counter()
now = read_return(files(current), max_bytes=1 << 32, year=collection_year.of_end_year(2025),
                  today=date(2025, 6, 1))
before = None
if previous is not None:
    before = read_return(files(previous), max_bytes=1 << 32,
                         year=collection_year.of_end_year(2024), today=date(2025, 6, 1))
read_seconds = time.perf_counter() - started
ret = Return.of(returns, 2025, now.frames, previous=before.frames if before else None)
best, report = float("inf"), None
for _ in range(runs):
    started = time.perf_counter()
    report = validate(ret)
    best = min(best, time.perf_counter() - started)
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({
    "seconds": best, "read_seconds": read_seconds, "peak_kib": peak,
    "rules": len(report.results),
    "ran": sum(r.status == "ran" for r in report.results),
    "not_run": sum(r.status == "not run" for r in report.results),
    "failed": sum(r.status == "failed" for r in report.results),
    "not_implemented": len(report.not_implemented),
    "findings": sum(r.count for r in report.results),
    "rows": {name: frame.height for name, frame in now.frames.items()},
}))
"""


def _year_before(tables: dict) -> dict:
    import polars as pl

    episodes = tables["Episodes"].filter(pl.col("DECOM") <= date(2024, 3, 31))
    children = episodes.select("CHILD").unique()
    found = {"Episodes": episodes}
    for name, frame in tables.items():
        if name != "Episodes" and "CHILD" in frame.columns:
            found[name] = frame.join(children, on="CHILD", how="semi")
    return found


def _measure(returns: str, runs: int, current: Path, previous: Path | None) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", _RUN, returns, str(runs), str(current), str(previous or "-")],
        check=True,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT.parent / "src")},
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def _line(label: str, measured: dict, target: float | None) -> str:
    verdict = ""
    if target is not None:
        verdict = "  within target" if measured["seconds"] <= target else "  OVER TARGET"
        verdict += f" ({target:.0f} s)"
    return (
        f"{label}: rules {measured['seconds']:5.2f} s (read {measured['read_seconds']:5.2f} s)  "
        f"process peak {measured['peak_kib'] / 1024:6.0f} MiB  {measured['rules']} rules: "
        f"{measured['ran']} run, {measured['not_run']} not run, {measured['failed']} failed, "
        f"{measured['not_implemented']} not implemented; {measured['findings']:,} findings"
        f"{verdict}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[2_000, 10_000])
    parser.add_argument("--cin", type=int, nargs="*", default=[10_000])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    from trajectory.synth.cin import generate_cin, write_cin_xml
    from trajectory.synth.ssda903 import generate, write_csv

    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        for size in args.sizes:
            # One council's two years from one extract, so the same child is the same child in
            # both: last year's return holds the episodes begun by 31 March 2024.
            tables = generate(
                council_code="990", children=size, years=2, seed=1, end=date(2025, 3, 31)
            )
            this_year = write_csv(tables, root / f"903-{size}-2025")
            last_year = write_csv(_year_before(tables), root / f"903-{size}-2024")
            measured = _measure("ssda903", args.runs, this_year[0].parent, last_year[0].parent)
            episodes = measured["rows"].get("Episodes", 0)
            print(
                _line(
                    f"SSDA903 {size:>6,} children ({episodes:,} episodes) with the previous year",
                    measured,
                    TARGETS["ssda903"].get(size),
                )
            )
        for size in args.cin:
            path = write_cin_xml(generate_cin(children=size, seed=1), root / f"cin-{size}.xml")
            measured = _measure("cin", args.runs, path, None)
            print(_line(f"CIN census {size:>6,} children", measured, TARGETS["cin"].get(size)))


if __name__ == "__main__":
    main()
