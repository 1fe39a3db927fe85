from django.apps import AppConfig


class ReferenceConfig(AppConfig):
    name = "trajectory.reference"
    label = "reference"
    verbose_name = "Public reference data"
