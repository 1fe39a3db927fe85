from django.apps import AppConfig


class WorkforceConfig(AppConfig):
    """The social work workforce month by month: a council that tracks its workforce monthly
    records establishment, filled, agency and vacant FTE, starters, leavers, absence, supervision
    and caseloads for each month (issue 10.4). The yearly DfE census is read by
    ``trajectory.returns.workforce``.
    """

    name = "trajectory.workforce"
    label = "workforce"
