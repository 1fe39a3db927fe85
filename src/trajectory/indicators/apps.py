from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    name = "trajectory.indicators"
    label = "indicators"
