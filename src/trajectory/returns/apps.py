from django.apps import AppConfig


class ReturnsConfig(AppConfig):
    name = "trajectory.returns"
    label = "returns"
