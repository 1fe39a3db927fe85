"""Rebases are append-only in the database too: triggers refuse UPDATE and DELETE.

`AppendOnlyModel` refuses one row's save and delete; these refuse bulk `update()`, `delete()`
and raw SQL as well (audit/triggers.py, issue 6.9). A later AlterField of LimitRebase on SQLite
remakes the table and loses them: create them again after it.
"""

from django.db import migrations

from trajectory.audit.triggers import append_only_create, append_only_drop


def create(apps, schema_editor):
    append_only_create(schema_editor, "spc_limitrebase", message="limit rebases are append-only")


def drop(apps, schema_editor):
    append_only_drop(schema_editor, "spc_limitrebase")


class Migration(migrations.Migration):
    dependencies = [("spc", "0001_initial"), ("audit", "0003_append_only_triggers")]

    operations = [migrations.RunPython(create, drop)]
