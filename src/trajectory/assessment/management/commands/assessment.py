"""`trajectory assessment reviews | frameworks`: the assessment framework from the command line.

Each subcommand is one small function taking (command, options), registered in SUBCOMMANDS
with the function that adds its arguments; adding one is a few lines. The command line is the
trusted system actor (`councils.permissions.require`).
"""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError

from trajectory.assessment import selectors, services
from trajectory.councils.models import Council
from trajectory.plans import clock


def council_of(options) -> Council:
    council = Council.objects.filter(code=options["council"]).first()
    if council is None:
        raise CommandError(f"No council {options['council']}. See `trajectory councils list`.")
    return council


def add_council(parser) -> None:
    parser.add_argument("--council", required=True, metavar="CODE")
    parser.add_argument("--json", action="store_true", help="Print JSON")


# reviews --------------------------------------------------------------------------------------


def reviews(command: BaseCommand, options) -> None:
    """Each review, newest first: date, kind, status, framework version, and per domain both
    ratings and the evidence cited (frozen values once final, with today's beside them)."""
    council = council_of(options)
    today = clock.today()
    found = [
        selectors.review_as_json(None, review, today=today)
        for review in selectors.reviews_for(None, council)
    ]
    if options["json"]:
        command.stdout.write(json.dumps(found, indent=2, default=str))
        return
    if not found:
        command.stdout.write(f"{council.name} has no reviews.")
    for review in found:
        superseded = " (superseded)" if review["superseded"] else ""
        command.stdout.write(
            f"{review['kind_label']} at {review['as_at']}, version {review['version']}"
            f"{superseded}: {review['status']}; framework {review['framework']['name']} "
            f"version {review['framework']['version']}"
        )
        for domain in review["domains"]:
            command.stdout.write(
                f"  {domain['number']}. {domain['name']}: council "
                f"{domain['self_assessment'] or '-'}, Commissioner "
                f"{domain['commissioner'] or '-'} ({domain['agreement']})"
            )
            for cited in domain["evidence"]:
                if cited["frozen"]:
                    then, now = cited["as_at_the_review"], cited["today"]
                    command.stdout.write(
                        f"      {cited['side']}: {then['label']}: {then['value']} as at the "
                        f"review ({then['as_at']}); today {now['value']}"
                    )
                else:
                    live = cited["live"]
                    command.stdout.write(
                        f"      {cited['side']}: {live['label']}: {live['value']} (live)"
                    )


def reviews_arguments(parser) -> None:
    add_council(parser)


# frameworks -----------------------------------------------------------------------------------


def frameworks(command: BaseCommand, options) -> None:
    """The default template and the council's versions, with their domains."""
    services.framework_default_load()
    council = council_of(options)
    rows = [
        {
            "id": framework.pk,
            "name": framework.name,
            "version": framework.version,
            "council": framework.council.code if framework.council else None,
            "copied_from": framework.copied_from_id,
            "locked": framework.is_locked,
            "rating_scale": framework.rating_scale,
            "domains": [
                {"number": d.number, "name": d.name, "criterion": d.criterion}
                for d in framework.domains.all()
            ],
        }
        for framework in selectors.frameworks_for(None, council)
    ]
    if options["json"]:
        command.stdout.write(json.dumps(rows, indent=2))
        return
    for row in rows:
        owner = "national default" if row["council"] is None else f"council {row['council']}"
        command.stdout.write(f"{row['name']}, version {row['version']} ({owner})")
        for domain in row["domains"]:
            command.stdout.write(f"  {domain['number']}. {domain['name']}")


def frameworks_arguments(parser) -> None:
    add_council(parser)


# recommendation (the intervention app's) ------------------------------------------------------


def recommendation(command: BaseCommand, options) -> None:
    """The latest recommendation with its follow-up actions (owner, due date, status, RAG)."""
    from trajectory.intervention.selectors import recommendation_as_json

    council = council_of(options)
    found = recommendation_as_json(None, council, today=clock.today())
    if options["json"]:
        command.stdout.write(json.dumps(found, indent=2))
        return
    if found is None:
        command.stdout.write(f"{council.name} has no recommendation.")
        return
    command.stdout.write(
        f"{found['option_label']} (version {found['version']}, {found['made_on']}) on the "
        f"{found['review']['kind']} review at {found['review']['as_at']}. "
        f"Trust: {found['trust_status_label']}."
    )
    for follow_up in found["follow_ups"]:
        command.stdout.write(
            f"  {follow_up['action']} {follow_up['title'][:70]}: {follow_up['owner'] or '-'}, "
            f"due {follow_up['due_on']}, {follow_up['status_label']}, {follow_up['rag_label']}"
        )


def recommendation_arguments(parser) -> None:
    add_council(parser)


# name -> (help, add arguments, run)
SUBCOMMANDS = {
    "reviews": ("Every review with its ratings and evidence", reviews_arguments, reviews),
    "frameworks": ("The framework templates and versions", frameworks_arguments, frameworks),
    "recommendation": (
        "The latest recommendation and its follow-up actions",
        recommendation_arguments,
        recommendation,
    ),
}


class Command(BaseCommand):
    help = "The Commissioner's assessment framework: reviews and frameworks."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        for name, (help_text, arguments, _) in SUBCOMMANDS.items():
            arguments(actions.add_parser(name, help=help_text))

    def handle(self, *args, action: str, **options):
        SUBCOMMANDS[action][2](self, options)
