from django.apps import AppConfig


class SupervisionConfig(AppConfig):
    """Management supervision of social workers and management oversight of children's cases
    (issue 11.3): the council's supervision standard (versioned), supervision records per worker
    (entered or imported from a CSV), due dates and compliance by team and month
    (``supervision_compliance_pct``), and case-level oversight recorded against the child.
    """

    name = "trajectory.supervision"
    label = "supervision"
    verbose_name = "Supervision"

    def ready(self):
        from trajectory.supervision import evidence

        evidence.register_kinds()
