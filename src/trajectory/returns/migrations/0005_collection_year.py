"""Each return version and upload gets its collection year (issue 8.2).

Existing versions are filled with the year inferred as the indicators always inferred it: the
year holding the latest episode date, whose 31 March is the version's recorded `data_to`
(coverage.py widens the latest date to that 31 March). A version without one takes the year it
was accepted in. Uploads still waiting for review infer theirs from the staged Episodes table.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def _fill_years(apps, schema_editor):
    from trajectory.returns import collection_year, storage

    ReturnVersion = apps.get_model("returns", "ReturnVersion")
    Upload = apps.get_model("returns", "Upload")
    for version in ReturnVersion.objects.filter(collection_year__isnull=True):
        if version.data_to is not None:
            year = collection_year.of_date(version.data_to)
            basis = f"the latest episode date, in the year to {version.data_to:%-d %B %Y}"
        else:
            year = collection_year.of_date(version.accepted_at.date())
            basis = "the date it was accepted, as no episode is dated"
        ReturnVersion.objects.filter(pk=version.pk).update(
            collection_year=year.end_year, collection_year_basis=basis
        )
    for upload in Upload.objects.filter(status="preview", collection_year__isnull=True):
        tables = storage.staged_tables(upload.staging_path)
        if "Episodes" not in tables:
            continue
        inferred = collection_year.infer(tables, today=upload.uploaded_at.date())
        Upload.objects.filter(pk=upload.pk).update(
            collection_year=inferred.year.end_year, collection_year_basis=inferred.basis
        )
    for upload in Upload.objects.filter(version__isnull=False):
        Upload.objects.filter(pk=upload.pk).update(
            collection_year=upload.version.collection_year,
            collection_year_basis=upload.version.collection_year_basis,
        )


class Migration(migrations.Migration):
    dependencies = [
        ("returns", "0004_upload_purged"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="returnversion",
            name="collection_year",
            field=models.PositiveSmallIntegerField(
                help_text="The calendar year it ends in, on 31 March: 2025 for 2024-25", null=True
            ),
        ),
        migrations.AddField(
            model_name="returnversion",
            name="collection_year_basis",
            field=models.CharField(
                blank=True, help_text="What an inferred year was inferred from", max_length=200
            ),
        ),
        migrations.AddField(
            model_name="returnversion",
            name="collection_year_set_by",
            field=models.ForeignKey(
                blank=True,
                help_text="Who declared the year; none when inferred or declared on the command line",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="returnversion",
            name="collection_year_source",
            field=models.CharField(
                choices=[
                    ("inferred", "Inferred from the data"),
                    ("declared", "Declared by the uploader"),
                ],
                default="inferred",
                max_length=10,
            ),
        ),
        migrations.AddField(
            model_name="upload",
            name="collection_year",
            field=models.PositiveSmallIntegerField(
                blank=True,
                help_text="The calendar year it ends in, on 31 March: 2025 for 2024-25",
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="upload",
            name="collection_year_basis",
            field=models.CharField(
                blank=True, help_text="What an inferred year was inferred from", max_length=200
            ),
        ),
        migrations.AddField(
            model_name="upload",
            name="collection_year_set_by",
            field=models.ForeignKey(
                blank=True,
                help_text="Who declared the year; none when inferred or declared on the command line",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="upload",
            name="collection_year_source",
            field=models.CharField(
                choices=[
                    ("inferred", "Inferred from the data"),
                    ("declared", "Declared by the uploader"),
                ],
                default="inferred",
                max_length=10,
            ),
        ),
        migrations.RunPython(_fill_years, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="returnversion",
            name="collection_year",
            field=models.PositiveSmallIntegerField(
                help_text="The calendar year it ends in, on 31 March: 2025 for 2024-25"
            ),
        ),
    ]
