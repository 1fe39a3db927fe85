"""Plan pages: thin views that check capability, call one selector or service and render."""

from django.http import HttpResponse

from trajectory.councils.selectors import council_for_user


def plan_overview(request, council_code: str):
    council = council_for_user(request.user, council_code)
    return HttpResponse(f"Improvement plan for {council.name}")
