from django.apps import AppConfig


class ReportsConfig(AppConfig):
    """Board-ready papers (issue 12): the quarterly self-assessment, the Improvement Board
    pack, the Lead Member's update to full Council and the Commissioner's progress report,
    each built from one stored indicator run at a stated date and kept as a report version
    that draws the same paper whenever it is opened again."""

    name = "trajectory.reports"
    label = "reports"
    verbose_name = "Reports"
