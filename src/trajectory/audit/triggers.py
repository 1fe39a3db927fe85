"""Database triggers that refuse UPDATE and DELETE on append-only tables, bulk statements included.

`AppendOnlyModel` refuses `save()` of an existing row and `delete()` of one instance, but a
queryset's `update()` and `delete()`, and raw SQL, go straight to the database; these triggers
refuse them there, on SQLite and PostgreSQL (issue 6.9). Any append-only table can have them: call
`append_only_create` from a RunPython in its app's migration.

TRUNCATE is not refused on PostgreSQL: Django's `flush`, and so every transactional test, empties
tables with it. Give the app's database role in production no TRUNCATE privilege (it never needs
one); a log emptied behind the app's back is still reported by `trajectory audit verify`, because
the chain head remembers where the log ended.

SQLite drops a table's triggers when Django remakes the table (most AlterFields there). A later
migration that alters an append-only model must create its triggers again; the tests in
tests/audit/test_chain.py fail if they are missing.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from django.db import transaction

MARK = "append_only"


def append_only_create(
    schema_editor, table: str, *, message: str, refuse: Sequence[str] = ("UPDATE", "DELETE")
) -> None:
    """Add triggers to `table` that abort any statement doing one of `refuse` with `message`."""
    if "'" in message or not set(refuse) <= {"UPDATE", "DELETE"}:
        raise ValueError("message must have no quotes; refuse only UPDATE and DELETE")
    vendor = schema_editor.connection.vendor
    quoted = schema_editor.quote_name(table)
    if vendor == "sqlite":
        for operation in refuse:
            schema_editor.execute(
                f"CREATE TRIGGER {table}_{MARK}_{operation.lower()} BEFORE {operation} ON {quoted} "
                f"BEGIN SELECT RAISE(ABORT, '{message}'); END",
                params=None,
            )
    elif vendor == "postgresql":
        schema_editor.execute(
            f"CREATE OR REPLACE FUNCTION {table}_{MARK}_refuse() RETURNS trigger "
            f"LANGUAGE plpgsql AS $$ BEGIN "
            f"RAISE EXCEPTION '{message}' USING ERRCODE = 'restrict_violation'; END $$",
            params=None,
        )
        schema_editor.execute(
            f"CREATE TRIGGER {table}_{MARK} BEFORE {' OR '.join(refuse)} ON {quoted} "
            f"FOR EACH ROW EXECUTE FUNCTION {table}_{MARK}_refuse()",
            params=None,
        )
    else:
        raise NotImplementedError(f"No append-only triggers for {vendor}: use SQLite or PostgreSQL")


def append_only_drop(schema_editor, table: str) -> None:
    """Remove what `append_only_create` added (a migration's reverse)."""
    vendor = schema_editor.connection.vendor
    quoted = schema_editor.quote_name(table)
    if vendor == "sqlite":
        for operation in ("update", "delete"):
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_{MARK}_{operation}", params=None)
    elif vendor == "postgresql":
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_{MARK} ON {quoted}", params=None)
        schema_editor.execute(f"DROP FUNCTION IF EXISTS {table}_{MARK}_refuse()", params=None)


def append_only_triggers(connection) -> list[tuple[str, str]]:
    """(table, trigger name) of every append-only trigger in the database."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT tbl_name, name FROM sqlite_master WHERE type = 'trigger'")
        else:
            cursor.execute(
                "SELECT tgrelid::regclass::text, tgname FROM pg_trigger WHERE NOT tgisinternal"
            )
        rows = cursor.fetchall()
    return sorted((table, name) for table, name in rows if f"_{MARK}" in name)


@contextmanager
def append_only_lifted(connection) -> Iterator[None]:
    """Suspend the triggers for the block and restore them after, all in one transaction.

    Only for emptying the whole database (`flush` on SQLite, which deletes row by row) and for
    the tests that tamper with the log to show `trajectory audit verify` notices.
    """
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")
            saved = [(name, sql) for name, sql in cursor.fetchall() if f"_{MARK}_" in name]
            for name, _ in saved:
                cursor.execute(f"DROP TRIGGER {name}")
            yield
            for _, sql in saved:
                cursor.execute(sql)
        else:
            # Deferred foreign-key checks pending on a table forbid ALTER TABLE: run them now.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            triggers = append_only_triggers(connection)
            for table, name in triggers:
                cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER {name}")
            yield
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            for table, name in triggers:
                cursor.execute(f"ALTER TABLE {table} ENABLE TRIGGER {name}")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
