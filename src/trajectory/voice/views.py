from django.contrib.auth.decorators import login_required
from django.http import HttpResponse


@login_required
def survey_list(request, council_code: str):
    return HttpResponse("voice")
