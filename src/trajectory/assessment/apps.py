from django.apps import AppConfig


class AssessmentConfig(AppConfig):
    """The Commissioner's assessment framework: versioned templates, review cycles, self-
    assessments, calibrated opinions and evidence frozen at the review date (issue 9).
    """

    name = "trajectory.assessment"
    label = "assessment"
