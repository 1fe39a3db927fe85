from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "trajectory.audit"
    label = "audit"

    def ready(self):
        from trajectory.audit import signals  # noqa: F401
