"""The scorecard and indicator pages under 50 concurrent users, on PostgreSQL, through gunicorn.

    .venv/bin/python benchmarks/pages_load.py [--users 50] [--seconds 60] [--database-url URL]

Builds a throw-away PostgreSQL database (default postgres://postgres@127.0.0.1:5432/
trajectory_bench_pages, dropped first), loads the demo council (made-up children), starts the
production server (gunicorn with the project's gunicorn_conf: gthread workers) on a free
127.0.0.1 port, and signs in one analyst session per simulated user. Each user then asks for
the scorecard or one of its indicator pages (chosen at random), reads the whole response, spends
2 to 8 seconds on it (a person reading a page of figures; 5 on average, so 50 users ask for about
10 pages a second) and asks again, until the time is up. The load
is bounded: at most `--users` requests are ever in flight. It prints the number of requests,
errors and the 50th/95th percentile and worst response time for each kind of page.
Target (issue 8): p95 <= 150 ms for both pages.
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/trajectory_bench_pages"
TARGET_P95_MS = 150
THINK_SECONDS = (2.0, 8.0)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fresh_database(url: str) -> None:
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def environment(url: str, storage: Path) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": url,
        "TRAJECTORY_STORAGE": str(storage),
        "TRAJECTORY_DEMO": "1",
        # Plain HTTP on 127.0.0.1: a Secure session cookie set by a response would not be sent.
        "TRAJECTORY_INSECURE_COOKIES": "1",
        "SECRET_KEY": "benchmark-only-" + os.urandom(16).hex(),
        "PYTHONPATH": str(ROOT / "src"),
        "DJANGO_SETTINGS_MODULE": "trajectory.settings",
    }


def trajectory(env: dict[str, str], *args: str) -> None:
    subprocess.run([str(VENV_BIN / "trajectory"), *args], env=env, check=True)


def sessions(env: dict[str, str], count: int) -> tuple[str, list[str], list[str]]:
    """Signed-in session cookies for an analyst of the demo council, made in the database
    (signing in 50 times from one address would rightly be throttled), and the page paths."""
    os.environ.update(env)
    import django

    django.setup()
    from django.test import Client

    from trajectory.councils.models import Membership, Role
    from trajectory.indicators.registry import INDICATORS
    from trajectory.synth.demo import DEMO_CODE

    analyst = (
        Membership.objects.filter(council__code=DEMO_CODE, role=Role.ANALYST)
        .select_related("user")
        .first()
        .user
    )
    cookies = []
    for _ in range(count):
        client = Client()
        client.force_login(analyst)
        cookies.append(client.cookies["sessionid"].value)
    scorecard = f"/councils/{DEMO_CODE}/"
    indicators = [f"/councils/{DEMO_CODE}/indicators/{i.id}/" for i in INDICATORS]
    return scorecard, indicators, cookies


def wait_for(port: int, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"The server did not start on port {port} within {seconds:g} s")


def user(base, cookie, scorecard, indicators, stop_at, results, errors, lock, seed) -> None:
    import requests

    rng = random.Random(seed)
    http = requests.Session()
    http.cookies.set("sessionid", cookie, domain="127.0.0.1")
    time.sleep(rng.uniform(0, THINK_SECONDS[1]))  # users arrive over the first moments
    while time.monotonic() < stop_at:
        if rng.random() < 0.5:
            kind, path = "scorecard", scorecard
        else:
            kind, path = "indicator", rng.choice(indicators)
        started = time.perf_counter()
        try:
            response = http.get(base + path, timeout=30, allow_redirects=False)
            _ = response.content
            outcome = response.status_code
        except requests.RequestException as error:
            outcome = type(error).__name__
        elapsed_ms = (time.perf_counter() - started) * 1000
        with lock:
            if outcome == 200:
                results[kind].append(elapsed_ms)
            else:
                errors.append(f"{path}: {outcome}")
        time.sleep(rng.uniform(*THINK_SECONDS))


def percentile(values: list[float], share: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[int(share * 100) - 1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--database-url", default=DEFAULT_URL)
    parser.add_argument("--children", type=int, default=2500)
    args = parser.parse_args()

    storage = Path(tempfile.mkdtemp(prefix="trajectory-pages-"))
    env = environment(args.database_url, storage)
    print(f"Building {urlsplit(args.database_url).path.lstrip('/')} with the demo council ...")
    fresh_database(args.database_url)
    trajectory(env, "migrate", "--verbosity", "0")
    trajectory(env, "collectstatic", "--noinput", "--verbosity", "0")
    subprocess.run(
        [str(VENV_BIN / "trajectory"), "demo", "--children", str(args.children)],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    scorecard, indicators, cookies = sessions(env, args.users)

    port = free_port()
    server = subprocess.Popen(
        [
            str(VENV_BIN / "gunicorn"),
            "-c",
            "python:trajectory.gunicorn_conf",
            "--bind",
            f"127.0.0.1:{port}",
            "--access-logfile",
            "/dev/null",
            "trajectory.wsgi",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        wait_for(port)
        base = f"http://127.0.0.1:{port}"
        import requests

        warm = requests.Session()
        warm.cookies.set("sessionid", cookies[0], domain="127.0.0.1")
        # Every worker's first requests read the reference files: not what is measured.
        for _ in range(3):
            for path in [scorecard, *indicators]:
                for _ in range(8):
                    warm.get(base + path, timeout=120)
        results: dict[str, list[float]] = {"scorecard": [], "indicator": []}
        errors: list[str] = []
        lock = threading.Lock()
        stop_at = time.monotonic() + args.seconds
        threads = [
            threading.Thread(
                target=user,
                args=(base, cookie, scorecard, indicators, stop_at, results, errors, lock, n),
            )
            for n, cookie in enumerate(cookies)
        ]
        print(f"{args.users} users for {args.seconds:g} s against {base} ...")
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)

    total = sum(len(v) for v in results.values())
    print(f"{total:,} requests ({total / args.seconds:.1f} a second), {len(errors)} errors")
    for error in sorted(set(errors))[:10]:
        print(f"  error: {error}")
    within = not errors
    for kind, times in results.items():
        if len(times) < 2:
            print(f"  {kind}: too few requests to measure")
            within = False
            continue
        p95 = percentile(times, 0.95)
        within = within and p95 <= TARGET_P95_MS
        print(
            f"  {kind:9} {len(times):6,} requests  p50 {percentile(times, 0.50):6.1f} ms  "
            f"p95 {p95:6.1f} ms  worst {max(times):7.1f} ms"
        )
    verdict = "Within" if within else "OUTSIDE"
    print(f"{verdict} the target (p95 <= {TARGET_P95_MS} ms for each page, no errors).")


if __name__ == "__main__":
    main()
