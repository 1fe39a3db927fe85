from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    """The Improvement Board and the bodies around it: members, meetings, agendas, decisions, the
    action log and the plan's approval journey (issue 9).
    """

    name = "trajectory.governance"
    label = "governance"

    def ready(self) -> None:
        from trajectory.governance import evidence

        evidence.register_kinds()
