"""Triggers refusing UPDATE and DELETE of audit entries, bulk ones included (issue 6.9).

The chain head is updated at every append, so only its deletion is refused. These run after the
last AlterField of the tables: SQLite drops a table's triggers when Django remakes it.
"""

from django.db import migrations, models

from trajectory.audit.triggers import append_only_create, append_only_drop


def create(apps, schema_editor):
    append_only_create(schema_editor, "audit_auditentry", message="audit entries are append-only")
    append_only_create(
        schema_editor,
        "audit_auditchainhead",
        message="the audit chain head cannot be deleted",
        refuse=("DELETE",),
    )


def drop(apps, schema_editor):
    append_only_drop(schema_editor, "audit_auditentry")
    append_only_drop(schema_editor, "audit_auditchainhead")


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_hash_chain")]

    operations = [
        migrations.AlterField(
            model_name="auditentry",
            name="sequence",
            field=models.PositiveBigIntegerField(unique=True, help_text="Place in the hash chain"),
        ),
        migrations.RunPython(create, drop),
    ]
