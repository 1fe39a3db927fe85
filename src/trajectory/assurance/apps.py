from django.apps import AppConfig


class AssuranceConfig(AppConfig):
    """Case audits (issue 11.1, 11.2): audit templates, the monthly programme and its seeded
    sample, the audit form, moderation by a second auditor, learning actions, and the results
    as monthly figures and evidence.
    """

    name = "trajectory.assurance"
    label = "assurance"
    verbose_name = "Quality assurance"

    def ready(self):
        from trajectory.assurance import evidence

        evidence.register_kinds()
