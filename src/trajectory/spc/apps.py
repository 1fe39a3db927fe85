from django.apps import AppConfig


class SpcConfig(AppConfig):
    """Statistical process control: volatility in monthly series, as NHS 'Making Data Count'."""

    name = "trajectory.spc"
    label = "spc"
