from django.apps import AppConfig


class CouncilsConfig(AppConfig):
    name = "trajectory.councils"
    label = "councils"
