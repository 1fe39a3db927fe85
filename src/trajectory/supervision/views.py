from django.http import HttpResponse


def _todo(request, council_code, **kwargs):
    return HttpResponse("Supervision: being built")


compliance = standard = standard_edit = worker = record_add = record_edit = _todo
import_csv = oversight = oversight_add = _todo
