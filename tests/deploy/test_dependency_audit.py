"""The dependency audit of `./run test` (.ci/dependency_audit.py): known vulnerabilities fail
the run; a vulnerability service that cannot be reached, or knows none of the packages, is
reported as a skipped audit, never as a clean one."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / ".ci" / "dependency_audit.py"
spec = importlib.util.spec_from_file_location("dependency_audit", SCRIPT)
dependency_audit = importlib.util.module_from_spec(spec)
spec.loader.exec_module(dependency_audit)


def _report(*dependencies) -> str:
    """pip-audit's --format json output."""
    return json.dumps({"dependencies": list(dependencies), "fixes": []})


def test_a_known_vulnerability_fails_the_run():
    status, message = dependency_audit.classify(
        1,
        _report(
            {
                "name": "django",
                "version": "5.2.0",
                "vulns": [{"id": "PYSEC-2099-1", "fix_versions": ["5.2.1"]}],
            },
            {"name": "polars", "version": "2.1.0", "vulns": []},
        ),
        "Found 1 known vulnerability in 1 package",
    )
    assert status == 1
    assert "django 5.2.0: PYSEC-2099-1 (fixed in 5.2.1)" in message


def test_packages_audited_without_findings_pass_and_say_how_many():
    status, message = dependency_audit.classify(
        0,
        _report(
            {"name": "django", "version": "5.2.19", "vulns": []},
            {"name": "polars", "version": "2.1.0", "vulns": []},
            {"name": "vl-convert-python", "skip_reason": "Dependency not found on PyPI"},
        ),
        "",
    )
    assert (status, message) == (
        0,
        "dependency audit: 2 packages, no known vulnerabilities (1 not known to the service)",
    )


def test_a_service_that_knows_no_package_is_a_skipped_audit():
    status, message = dependency_audit.classify(
        0, _report({"name": "django", "skip_reason": "Dependency not found on PyPI"}), ""
    )
    assert status == 0
    assert message.startswith(dependency_audit.SKIPPED)


def test_an_unexplained_failure_fails_the_run():
    status, message = dependency_audit.classify(1, "", "error: invalid requirements input")
    assert status == 1
    assert "invalid requirements input" in message


def test_an_unreachable_service_is_a_skipped_audit_through_the_real_pip_audit(tmp_path):
    """pip-audit itself, sent through a proxy on a closed port: the network failure is named."""
    env = {**os.environ, "HTTPS_PROXY": "http://127.0.0.1:9", "HOME": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, str(SCRIPT)], env=env, capture_output=True, text=True, timeout=360
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.strip() == dependency_audit.SKIPPED
