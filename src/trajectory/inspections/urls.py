from django.urls import path

from trajectory.inspections import views

urlpatterns = [
    path("", views.inspection_list, name="inspection_list"),
    path("trajectory/", views.inspection_trajectory, name="inspection_trajectory"),
    path("new/", views.inspection_create, name="inspection_create"),
    path("<int:inspection_id>/", views.inspection_detail, name="inspection_detail"),
    path("<int:inspection_id>/edit/", views.inspection_edit, name="inspection_edit"),
    path("<int:inspection_id>/findings/new/", views.finding_create, name="finding_create"),
    path(
        "<int:inspection_id>/findings/<int:finding_id>/edit/",
        views.finding_edit,
        name="finding_edit",
    ),
    path(
        "<int:inspection_id>/findings/<int:finding_id>/delete/",
        views.finding_delete,
        name="finding_delete",
    ),
]
