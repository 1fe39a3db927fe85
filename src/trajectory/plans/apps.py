from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "trajectory.plans"
    label = "plans"
