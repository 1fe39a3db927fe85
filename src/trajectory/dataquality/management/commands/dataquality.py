"""`trajectory dataquality run --council CODE`: run DfE's data-quality rules over the council's
latest SSDA903 and CIN versions and keep the findings (issue 13.3).

Every version accepted since findings were kept already has its run (upload_accept makes it);
this is for versions accepted before, and to check again once more rules are written. Each
run is a new one; the page reads each version's latest. To check files without importing them,
`trajectory validate`.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from trajectory.councils.models import Council
from trajectory.dataquality.services import dataquality_run_latest


class Command(BaseCommand):
    help = "Store a data-quality run for a council's latest SSDA903 and CIN versions."

    def add_arguments(self, parser):
        commands = parser.add_subparsers(dest="action", required=True)
        run = commands.add_parser("run", help="Run the rules over the latest versions")
        run.add_argument("--council", required=True, help="The council's 3-digit code")

    def handle(self, *args, action: str, council: str, **options):
        found = Council.objects.filter(code=council).first()
        if found is None:
            raise CommandError(f"No council with code {council}")
        runs = dataquality_run_latest(council=found)
        if not runs:
            self.stdout.write(f"{found.name} holds no SSDA903 or CIN version to check.")
        for run in runs:
            ran = sum(1 for item in run.rules if item["status"] == "ran")
            self.stdout.write(
                f"{run.version.get_kind_display()} version {run.version.number} "
                f"({run.version.year.label}): {len(run.rules)} rules, {ran} run, "
                f"{run.finding_count} finding(s)"
                + (f"; last year's version {run.previous.number} read" if run.previous else "")
            )
