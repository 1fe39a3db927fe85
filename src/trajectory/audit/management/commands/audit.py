"""`trajectory audit verify`: check the audit log's hash chain from its first entry to its last."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from trajectory.audit.chain import chain_verify


class Command(BaseCommand):
    help = "Check the audit log: every entry unchanged, none deleted or inserted (exit 1 if not)."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        actions.add_parser("verify", help="Recompute the hash chain over every entry, in order")

    def handle(self, *args, action: str, **options):
        result = chain_verify()
        entries = f"{result.verified:,} {'entry' if result.verified == 1 else 'entries'}"
        if not result.ok:
            raise CommandError(
                f"Audit log broken after {entries} in order: {result.problem.message}."
            )
        self.stdout.write(f"Audit log verified: {entries}, chain unbroken.")
