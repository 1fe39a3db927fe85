from django.urls import path

from trajectory.returns import views

urlpatterns = [
    path("", views.returns_list, name="returns_list"),
    path("upload/", views.returns_upload, name="returns_upload"),
    path("uploads/<int:upload_id>/", views.upload_detail, name="upload_detail"),
    path("uploads/<int:upload_id>/problems.csv", views.upload_problems, name="upload_problems"),
    path(
        "uploads/<int:upload_id>/files/<int:file_number>/rejected.csv",
        views.upload_rejected_rows,
        name="upload_rejected_rows",
    ),
    path(
        "uploads/<int:upload_id>/files/<int:file_number>/rejected.xlsx",
        views.upload_rejected_workbook,
        name="upload_rejected_workbook",
    ),
    path("uploads/<int:upload_id>/year/", views.upload_year, name="upload_year"),
    path("uploads/<int:upload_id>/accept/", views.upload_accept, name="upload_accept"),
    path("uploads/<int:upload_id>/discard/", views.upload_discard, name="upload_discard"),
]
