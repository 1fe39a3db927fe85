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
    path("oversight/", views.oversight, name="supervision_oversight"),
    path("oversight/add/", views.oversight_add, name="supervision_oversight_add"),
    path(
        "oversight/children/<str:child>/", views.oversight_child, name="supervision_oversight_child"
    ),
]
