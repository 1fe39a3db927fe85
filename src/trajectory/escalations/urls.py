from django.urls import path

from trajectory.escalations import views

urlpatterns = [
    path("", views.concern_log, name="escalations_log"),
    path("themes/", views.concern_themes, name="escalations_themes"),
    path("log/", views.concern_add, name="escalations_concern_add"),
    path("<int:concern_id>/", views.concern_detail, name="escalations_concern"),
    path("<int:concern_id>/change/", views.concern_edit, name="escalations_concern_edit"),
    path("<int:concern_id>/escalate/", views.concern_escalate, name="escalations_concern_escalate"),
    path("<int:concern_id>/review/", views.concern_review, name="escalations_concern_review"),
    path("<int:concern_id>/response/", views.concern_response, name="escalations_concern_response"),
    path("<int:concern_id>/child/", views.concern_child_add, name="escalations_concern_child"),
]
