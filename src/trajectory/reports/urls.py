from django.urls import path

from trajectory.reports import views

urlpatterns = [
    path("", views.reports_index, name="reports"),
    path("<str:kind>/generate/", views.report_generate, name="report_generate"),
    path("<str:kind>/<int:number>/", views.report_version, name="report_version"),
    path("<str:kind>/<int:number>/issue/", views.report_issue, name="report_issue"),
    path("<str:kind>/<int:number>/again/", views.report_regenerate, name="report_regenerate"),
    path(
        "<str:kind>/<int:number>/narrative/<str:key>/",
        views.report_narrative,
        name="report_narrative",
    ),
    path(
        "<str:kind>/<int:number>/download.<str:file_format>",
        views.report_download,
        name="report_download",
    ),
]
