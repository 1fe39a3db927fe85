"""`trajectory intervention events --council CODE [--json]`: the intervention's record, with the
trust proposal's status worked out from it. Reads only; the command line is the system actor."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError

from trajectory.councils.models import Council
from trajectory.intervention import selectors


class Command(BaseCommand):
    help = "The intervention's record: directions, appointments and the trust proposal."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        events = actions.add_parser("events", help="Every event and the trust's status")
        events.add_argument("--council", required=True, metavar="CODE")
        events.add_argument("--json", action="store_true", help="Print JSON")

    def handle(self, *args, action: str, **options):
        council = Council.objects.filter(code=options["council"]).first()
        if council is None:
            raise CommandError(f"No council {options['council']}. See `trajectory councils list`.")
        timeline = selectors.intervention_timeline(None, council)
        if options["json"]:
            self.stdout.write(
                json.dumps(
                    {
                        "council": council.code,
                        "trust_status": timeline.trust_status,
                        "trust_status_label": timeline.trust_status_label,
                        "events": [selectors.event_as_json(e) for e in timeline.events],
                    },
                    indent=2,
                )
            )
            return
        for event in timeline.events:
            corrected = " (corrected)" if event.is_corrected else ""
            self.stdout.write(
                f"{event.occurred_on}  {event.kind_label}{corrected}: {event.summary}"
            )
        self.stdout.write(f"Children's trust: {timeline.trust_status_label}.")
