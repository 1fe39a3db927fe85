from django.apps import AppConfig


class InspectionsConfig(AppConfig):
    name = "trajectory.inspections"
    label = "inspections"
