from django.urls import path

from trajectory.supervision import views

urlpatterns = [
    path("", views.compliance, name="supervision_compliance"),
    path("standard/", views.standard, name="supervision_standard"),
    path("standard/change/", views.standard_edit, name="supervision_standard_edit"),
    path("workers/", views.workers, name="supervision_workers"),
    path("workers/<str:worker_id>/", views.worker, name="supervision_worker"),
    path("records/add/", views.record_add, name="supervision_record_add"),
    path("records/<int:pk>/", views.record_edit, name="supervision_record_edit"),
    path("import/", views.import_csv, name="supervision_import"),
    path("import/<int:pk>/", views.upload, name="supervision_upload"),
    path("import/<int:pk>/accept/", views.upload_accept, name="supervision_upload_accept"),
    path("import/<int:pk>/discard/", views.upload_discard, name="supervision_upload_discard"),
    path("import/<int:pk>/rejected.csv", views.upload_rejected, name="supervision_upload_rejected"),
    path("import/<int:pk>/problems.csv", views.upload_problems, name="supervision_upload_problems"),
    path("oversight/", views.oversight, name="supervision_oversight"),
    path("oversight/add/", views.oversight_add, name="supervision_oversight_add"),
    path("oversight/<int:pk>/", views.oversight_edit, name="supervision_oversight_edit"),
    path(
        "oversight/children/<str:child>/", views.oversight_child, name="supervision_oversight_child"
    ),
]
