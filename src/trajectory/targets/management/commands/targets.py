"""`trajectory targets set | withdraw | list`: targets from the command line.

The command line is the trusted system actor (`require`'s docstring): a setting made here is
recorded as set from the command line, unless --user names a leader to record (and check).
"""

from __future__ import annotations

import json
from datetime import date

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from trajectory.councils.models import Council
from trajectory.indicators import registry
from trajectory.targets import selectors, services


def _problem(error: ValidationError | PermissionDenied) -> str:
    if isinstance(error, ValidationError) and hasattr(error, "error_dict"):
        return "; ".join(
            f"{field}: {' '.join(messages)}" for field, messages in error.message_dict.items()
        )
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error)


class Command(BaseCommand):
    help = "Set, withdraw or list a council's indicator targets and their RAG ratings."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        set_ = actions.add_parser("set", help="Set an indicator's target and tolerance")
        set_.add_argument("--council", required=True, metavar="CODE")
        set_.add_argument("--indicator", required=True, metavar="ID")
        set_.add_argument("--target", required=True, type=float, metavar="N")
        set_.add_argument("--tolerance", required=True, type=float, metavar="N")
        set_.add_argument("--reason", required=True, metavar="TEXT")
        set_.add_argument(
            "--from",
            dest="effective_from",
            type=date.fromisoformat,
            metavar="YYYY-MM-DD",
            help="Judge figures from this date against it (default: every figure)",
        )
        set_.add_argument("--user", help="A leader's username to record as setting it")

        withdraw = actions.add_parser("withdraw", help="Withdraw an indicator's target")
        withdraw.add_argument("--council", required=True, metavar="CODE")
        withdraw.add_argument("--indicator", required=True, metavar="ID")
        withdraw.add_argument("--reason", required=True, metavar="TEXT")
        withdraw.add_argument(
            "--from", dest="effective_from", type=date.fromisoformat, metavar="YYYY-MM-DD"
        )
        withdraw.add_argument("--user", help="A leader's username to record as withdrawing it")

        list_ = actions.add_parser("list", help="Every indicator's target, latest figure and RAG")
        list_.add_argument("--council", required=True, metavar="CODE")
        list_.add_argument("--json", action="store_true")

    def handle(self, *args, action: str, **options):
        council = Council.objects.filter(code=options["council"]).first()
        if council is None:
            raise CommandError(f"No council {options['council']}. See `trajectory councils list`.")
        if action == "list":
            self._list(council, options["json"])
            return
        if options["indicator"] not in {indicator.id for indicator in registry.INDICATORS}:
            raise CommandError(
                f"No indicator {options['indicator']}. See `trajectory targets list`."
            )
        actor = self._actor(options["user"])
        try:
            if action == "set":
                setting = services.indicator_target_set(
                    actor=actor,
                    council=council,
                    indicator_id=options["indicator"],
                    target=options["target"],
                    tolerance=options["tolerance"],
                    reason=options["reason"],
                    effective_from=options["effective_from"],
                )
            else:
                setting = services.indicator_target_withdraw(
                    actor=actor,
                    council=council,
                    indicator_id=options["indicator"],
                    reason=options["reason"],
                    effective_from=options["effective_from"],
                )
        except (ValidationError, PermissionDenied) as error:
            raise CommandError(_problem(error)) from error
        indicator = registry.get(setting.indicator_id)
        rated = selectors.indicator_rag(actor, council, indicator.id)
        done = "withdrawn" if setting.withdrawn else f"set to {selectors.target_text(setting)}"
        self.stdout.write(
            f"{indicator.title}: target {done} (setting {setting.version}). {rated.sentence}."
        )

    @staticmethod
    def _actor(username: str | None):
        if not username:
            return None
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user called {username}.")
        return user

    def _list(self, council, as_json: bool) -> None:
        rows = selectors.current_targets(None, council)
        rags = selectors.scorecard_rags(None, council)
        if as_json:
            self.stdout.write(
                json.dumps([_as_json(row, rags[row.indicator.id]) for row in rows], indent=2)
            )
            return
        width = max(len(row.indicator.title) for row in rows)
        for row in rows:
            rated = rags[row.indicator.id]
            self.stdout.write(
                f"{row.indicator.title:<{width}}  {rated.shown:>10}  "
                f"{selectors.target_text(row.current):<24}  {rated.rag.label}"
            )


def _as_json(row, rated) -> dict:
    current = row.current
    return {
        "indicator": row.indicator.id,
        "polarity": row.indicator.polarity,
        "target": None if current is None else current.target,
        "tolerance": None if current is None else current.tolerance,
        "effective_from": current.effective_from.isoformat()
        if current is not None and current.effective_from
        else None,
        "reason": None if current is None else current.reason,
        "set_by": None if current is None else current.set_by_name,
        "set_at": None if current is None else current.set_at.isoformat(),
        "version": row.version,
        "as_at": rated.as_at.isoformat() if rated.as_at else None,
        "value": rated.value,
        "rag": rated.rag.key,
        "rag_colour": rated.rag.colour,
        "rag_label": rated.rag.label,
        "history": len(row.history),
    }
