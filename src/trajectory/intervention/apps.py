from django.apps import AppConfig


class InterventionConfig(AppConfig):
    """The statutory intervention: the direction, the trust proposal and the Commissioner's
    recommendation with its follow-up actions (issue 9).
    """

    name = "trajectory.intervention"
    label = "intervention"
