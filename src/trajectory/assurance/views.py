from django.http import HttpResponse


def programme(request, council_code):
    return HttpResponse("")
