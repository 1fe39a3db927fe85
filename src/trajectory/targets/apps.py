from django.apps import AppConfig


class TargetsConfig(AppConfig):
    """Leaders' targets and tolerances per indicator, from which RAG is computed."""

    name = "trajectory.targets"
    label = "targets"
