"""The dependency audit of `./run test`: pip-audit over the installed packages.

Known vulnerabilities fail the run. When the vulnerability service cannot be reached, or
answers for none of the packages (a registry mirror without PyPI's JSON API says "not found"
for every one), the audit is skipped and says so: that is not a clean result. Any other
failure of pip-audit fails the run.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

SKIPPED = "dependency audit skipped: the vulnerability service did not answer"
NETWORK_SIGNS = (
    "ConnectionError",
    "ConnectTimeout",
    "ReadTimeout",
    "ProxyError",
    "SSLError",
    "Max retries exceeded",
    "Could not connect",
    "network may be blocking",
    "Temporary failure in name resolution",
    "Name or service not known",
    "ServiceError",
)


def classify(returncode: int | None, stdout: str, stderr: str) -> tuple[int, str]:
    """(exit status, message) for one pip-audit run; returncode None means it timed out."""
    if returncode is None:
        return 0, f"{SKIPPED} (no answer within the time allowed)"
    try:
        report = json.loads(stdout)
    except ValueError:
        if any(sign in stderr for sign in NETWORK_SIGNS):
            return 0, SKIPPED
        return 1, f"dependency audit failed:\n{stderr.strip()}"
    audited = [dep for dep in report.get("dependencies", []) if "vulns" in dep]
    vulnerable = [dep for dep in audited if dep["vulns"]]
    if vulnerable:
        lines = [
            f"  {dep['name']} {dep['version']}: "
            + ", ".join(
                f"{vuln['id']} (fixed in {', '.join(vuln['fix_versions']) or 'none yet'})"
                for vuln in dep["vulns"]
            )
            for dep in vulnerable
        ]
        return 1, "dependency audit: known vulnerabilities\n" + "\n".join(lines)
    if not audited:
        return 0, f"{SKIPPED} (it knew none of the packages)"
    skipped = len(report.get("dependencies", [])) - len(audited)
    return 0, (
        f"dependency audit: {len(audited)} packages, no known vulnerabilities"
        + (f" ({skipped} not known to the service)" if skipped else "")
    )


def main() -> int:
    pip_audit = Path(sys.executable).with_name("pip-audit")
    try:
        done = subprocess.run(
            [
                str(pip_audit),
                "--format",
                "json",
                "--skip-editable",
                "--progress-spinner",
                "off",
                "--timeout",
                "15",
            ],
            capture_output=True,
            text=True,
            timeout=300,
        )
        status, message = classify(done.returncode, done.stdout, done.stderr)
    except subprocess.TimeoutExpired:
        status, message = classify(None, "", "")
    print(message)
    return status


if __name__ == "__main__":
    sys.exit(main())
