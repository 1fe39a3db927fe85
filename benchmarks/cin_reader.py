"""The CIN census reader at 2,000 and 10,000 children: read time and peak memory, and the ratio.

    .venv/bin/python benchmarks/cin_reader.py [--sizes 2000 10000] [--runs 3]

Writes a census of each size with the project's generator (made-up children, nothing real), then
reads each in a fresh process (`read_return`, the whole upload path's reading: hashing, parsing,
typing and the checks), best of `--runs`, and reports the time the peak memory of one more
read traced by tracemalloc (the Python objects: the rows gathered before they become frames),
and the process's peak resident memory (`resource.getrusage` maxrss, which counts libxml2's
and Polars' own allocations too, beside the ~100 MiB of the imports themselves).
Growth is linear when the ratios of time and memory are about the ratio of sizes. Target
(issue 10): <= 3 s for 10,000 children; the open validator councils use today takes 70-100 s
on that file.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT.parent / "src"))

TARGET_SECONDS = 3.0
_READ = """
import json, resource, sys, time
from datetime import date
from pathlib import Path
from trajectory.returns.cin.reader import read_return
path, runs = Path(sys.argv[1]), int(sys.argv[2])
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
best = float("inf")
for _ in range(runs):
    started = time.perf_counter()
    result = read_return([(path.name, path)], max_bytes=1 << 32, today=date(2025, 6, 1))
    best = min(best, time.perf_counter() - started)
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
import tracemalloc
tracemalloc.start()
read_return([(path.name, path)], max_bytes=1 << 32, today=date(2025, 6, 1))
traced = tracemalloc.get_traced_memory()[1]
print(json.dumps({"seconds": best, "peak_kib": peak, "before_kib": before, "traced": traced,
                  "errors": result.log.counts["error"], "rows": sum(result.row_counts.values())}))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[2_000, 10_000])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    from trajectory.synth.cin import generate_cin, write_cin_xml

    found = []
    with tempfile.TemporaryDirectory() as folder:
        for size in args.sizes:
            path = write_cin_xml(generate_cin(children=size, seed=1), Path(folder) / f"{size}.xml")
            out = subprocess.run(
                [sys.executable, "-c", _READ, str(path), str(args.runs)],
                check=True,
                capture_output=True,
                text=True,
                env={"PYTHONPATH": str(ROOT.parent / "src"), "PATH": ""},
            )
            measured = json.loads(out.stdout.strip().splitlines()[-1])
            found.append((size, path.stat().st_size, measured))
            print(
                f"{size:>7,} children  {path.stat().st_size / 1e6:6.1f} MB  "
                f"{measured['rows']:>8,} rows  read {measured['seconds']:5.2f} s  "
                f"Python peak {measured['traced'] / 2**20:6.1f} MiB  process peak "
                f"{measured['peak_kib'] / 1024:6.0f} MiB (after imports "
                f"{measured['before_kib'] / 1024:.0f})  errors {measured['errors']}"
            )
    if len(found) >= 2:
        (small, _, first), (large, _, last) = found[0], found[-1]
        print(
            f"ratio {large / small:.1f}x children: time {last['seconds'] / first['seconds']:.2f}x,"
            f" Python peak memory {last['traced'] / max(first['traced'], 1):.2f}x"
        )
    biggest = found[-1]
    verdict = "meets" if biggest[2]["seconds"] <= TARGET_SECONDS else "MISSES"
    print(
        f"{biggest[0]:,} children read in {biggest[2]['seconds']:.2f} s: {verdict} the "
        f"{TARGET_SECONDS:.0f} s target"
    )


if __name__ == "__main__":
    main()
