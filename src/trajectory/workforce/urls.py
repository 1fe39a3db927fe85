from django.urls import path

from trajectory.workforce import views

urlpatterns = [
    path("", views.snapshot_list, name="workforce_snapshots"),
    path("add/", views.snapshot_add, name="workforce_snapshot_add"),
    path("<str:month>/", views.snapshot_edit, name="workforce_snapshot_edit"),
]
