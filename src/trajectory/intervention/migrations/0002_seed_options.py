from django.db import migrations

from trajectory.intervention.options import DEFAULT_OPTIONS


def seed(apps, schema_editor):
    Option = apps.get_model("intervention", "RecommendationOption")
    for order, (key, label, description) in enumerate(DEFAULT_OPTIONS, start=1):
        Option.objects.get_or_create(
            key=key, defaults={"label": label, "description": description, "order": order}
        )


class Migration(migrations.Migration):
    dependencies = [("intervention", "0001_events_and_options")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
