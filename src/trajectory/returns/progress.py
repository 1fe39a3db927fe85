"""A step reporter for long command-line work: rich's spinner and elapsed time on a terminal,
else a plain line per step (and every 10 seconds) on standard error, so a log shows progress."""

from __future__ import annotations

import threading
import time
from contextlib import contextmanager

PLAIN_PROGRESS_EVERY = 10  # seconds between progress lines when not on a terminal


@contextmanager
def step_reporter(err):
    """A step reporter for return_import: rich's spinner and elapsed time on a terminal,
    else a plain line per step (and every 10 seconds) on standard error."""
    if getattr(err, "isatty", lambda: False)():
        from rich.console import Console
        from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        with Progress(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            TimeElapsedColumn(),
            console=Console(file=err),
            transient=True,
        ) as bar:
            task = bar.add_task("Starting", total=None)
            yield lambda text: bar.update(task, description=text)
        return
    started = time.monotonic()
    current = {"step": "Starting"}
    done = threading.Event()

    def line(text: str) -> None:
        err.write(f"[{time.monotonic() - started:5.1f}s] {text}\n")
        err.flush()

    def step(text: str) -> None:
        current["step"] = text
        line(text)

    def every_while() -> None:
        while not done.wait(PLAIN_PROGRESS_EVERY):
            line(f"{current['step']}: still working")

    ticker = threading.Thread(target=every_while, daemon=True)
    ticker.start()
    try:
        yield step
    finally:
        done.set()
        ticker.join()
