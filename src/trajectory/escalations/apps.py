from django.apps import AppConfig


class EscalationsConfig(AppConfig):
    """Partners' concerns and their escalation: the procedure's steps in working days, the case
    review, the response and the themes (issue 9).
    """

    name = "trajectory.escalations"
    label = "escalations"

    def ready(self) -> None:
        from trajectory.escalations import evidence

        evidence.register_kinds()
