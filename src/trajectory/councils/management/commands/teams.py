"""`trajectory teams import FILE --council CODE | list --council CODE`: the worker-to-team file
(SW_ID,team) as an immutable version, and the teams and workers it holds (issue 8.7)."""

from __future__ import annotations

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from trajectory.councils.models import Council
from trajectory.councils.team_files import latest_team_file, team_file_import


class Command(BaseCommand):
    help = "Import a council's worker-to-team file, or list its teams."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        load = actions.add_parser("import", help="Import a CSV with the header SW_ID,team")
        load.add_argument("file", type=Path)
        load.add_argument("--council", required=True, help="DfE 3-digit LA number")
        listing = actions.add_parser("list", help="The teams of the newest file, with workers")
        listing.add_argument("--council", required=True, help="DfE 3-digit LA number")

    def handle(self, *args, action: str, council: str, **options):
        found = Council.objects.filter(code=council.strip()).first()
        if found is None:
            raise CommandError(f"No council with code {council}.")
        if action == "import":
            self._import(found, options["file"])
        else:
            self._list(found)

    def _import(self, council, path: Path) -> None:
        try:
            content = path.read_bytes()
        except OSError as error:
            raise CommandError(f"{path}: {error.strerror}") from error
        try:
            result = team_file_import(
                council=council, user=None, content=content, file_name=path.name
            )
        except ValidationError as error:
            raise CommandError("\n".join(error.messages)) from error
        team_file = result.team_file
        if not result.created:
            self.stdout.write(
                f"{path.name} is the same as version {team_file.number}: nothing stored."
            )
            return
        workers = team_file.assignments.count()
        teams = team_file.assignments.values("team").distinct().count()
        self.stdout.write(
            f"{council.name} ({council.code}): worker-to-team file version {team_file.number}, "
            f"{workers} workers in {teams} teams. Recompute the indicators to use it."
        )

    def _list(self, council) -> None:
        team_file = latest_team_file(council)
        if team_file is None:
            self.stdout.write(f"{council.name} has no worker-to-team file yet.")
            return
        self.stdout.write(f"Version {team_file.number} ({team_file.file_name})")
        counts: dict[str, int] = {}
        for name in team_file.assignments.values_list("team__name", flat=True):
            counts[name] = counts.get(name, 0) + 1
        for name, count in sorted(counts.items()):
            self.stdout.write(f"{name}: {count} workers")
