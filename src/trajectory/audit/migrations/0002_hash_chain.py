"""The audit log's hash chain (issue 6.9): sequence and hashes, filled in for existing entries."""

from django.db import migrations, models
from django.utils import timezone

from trajectory.audit.chain import GENESIS_HASH, HEAD_PK, entry_hash


def backfill(apps, schema_editor):
    """Link existing entries in id order, the order they were written, and set the head."""
    AuditEntry = apps.get_model("audit", "AuditEntry")
    AuditChainHead = apps.get_model("audit", "AuditChainHead")
    database = schema_editor.connection.alias
    previous_hash, sequence, batch = GENESIS_HASH, 0, []
    for entry in AuditEntry.objects.using(database).order_by("id").iterator(chunk_size=2000):
        sequence += 1
        entry.sequence = sequence
        entry.previous_hash = previous_hash
        entry.entry_hash = previous_hash = entry_hash(entry)
        batch.append(entry)
        if len(batch) == 2000:
            AuditEntry.objects.using(database).bulk_update(
                batch, ["sequence", "previous_hash", "entry_hash"]
            )
            batch = []
    AuditEntry.objects.using(database).bulk_update(
        batch, ["sequence", "previous_hash", "entry_hash"]
    )
    AuditChainHead.objects.using(database).create(
        pk=HEAD_PK, sequence=sequence, entry_hash=previous_hash
    )


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = [
        migrations.AlterField(
            model_name="auditentry",
            name="at",
            field=models.DateTimeField(db_index=True, default=timezone.now),
        ),
        migrations.AddField(
            model_name="auditentry",
            name="sequence",
            field=models.PositiveBigIntegerField(null=True, help_text="Place in the hash chain"),
        ),
        migrations.AddField(
            model_name="auditentry",
            name="previous_hash",
            field=models.CharField(
                default="", help_text="The previous entry's entry_hash", max_length=64
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="auditentry",
            name="entry_hash",
            field=models.CharField(
                default="", help_text="sha256 of this entry (chain.py)", max_length=64
            ),
            preserve_default=False,
        ),
        migrations.CreateModel(
            name="AuditChainHead",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("sequence", models.PositiveBigIntegerField()),
                ("entry_hash", models.CharField(max_length=64)),
            ],
            options={
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("id", 1)), name="audit_chain_head_one_row"
                    )
                ],
            },
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
