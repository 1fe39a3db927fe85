from django.db import migrations

from trajectory.intervention.options import options_seed


def seed(apps, schema_editor):
    options_seed(apps.get_model("intervention", "RecommendationOption"))


class Migration(migrations.Migration):
    dependencies = [("intervention", "0001_events_and_options")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
