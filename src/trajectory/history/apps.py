from django.apps import AppConfig


class HistoryConfig(AppConfig):
    """Every change to a record people edit, field by field: who, when, before, after and why.
    Append-only.
    """

    name = "trajectory.history"
    label = "history"
