"""Placeholder views; replaced as the snapshot pages are built."""

from django.http import HttpResponse


def snapshot_list(request, council_code):
    return HttpResponse("")


def snapshot_add(request, council_code):
    return HttpResponse("")


def snapshot_edit(request, council_code, month):
    return HttpResponse("")
