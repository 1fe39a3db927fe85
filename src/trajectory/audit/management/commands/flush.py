"""Django's `flush`, able to empty the append-only tables on SQLite too.

On SQLite flush empties tables with DELETE, which the append-only triggers refuse; on PostgreSQL
it uses TRUNCATE, which they allow (audit/triggers.py). Emptying the whole database is the one
deliberate act that removes the audit log, so here the triggers are lifted for it, in the same
transaction, and are back when it ends. Transactional tests reset the database this way.
"""

from django.core.management.commands import flush
from django.db import connections

from trajectory.audit.triggers import append_only_lifted


class Command(flush.Command):
    def handle(self, **options):
        connection = connections[options["database"]]
        if connection.vendor != "sqlite":
            return super().handle(**options)
        with append_only_lifted(connection):
            return super().handle(**options)
