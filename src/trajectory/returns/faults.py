"""Named points at which the kill-and-import tests stop an import dead, as a power cut would.

`kill_point("preview.staged")` sends the process SIGKILL when the environment variable
TRAJECTORY_KILL_AT names that point, and does nothing otherwise (one lookup). Only the tests in
tests/server/ set it, in a subprocess, to prove that a run killed at any step leaves nothing
another upload can pick up (issue 6: staging private to one attempt, swept afterwards).
"""

from __future__ import annotations

import os
import signal

ENVIRONMENT_VARIABLE = "TRAJECTORY_KILL_AT"

POINTS = (
    "preview.read",  # every file read and checked, nothing written
    "preview.staged",  # the staging folder holds its first Parquet table
    "preview.saved",  # the upload row saved, its transaction not yet committed
    "accept.written",  # the version's folder renamed into place, its row not yet committed
    "accept.committed",  # the version committed, the staging folder not yet cleared
)


def kill_point(name: str) -> None:
    if os.environ.get(ENVIRONMENT_VARIABLE) == name:
        os.kill(os.getpid(), signal.SIGKILL)
