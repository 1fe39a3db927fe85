from django.urls import path

from trajectory.councils import views

urlpatterns = [
    path("", views.people_list, name="people_list"),
    path("add/", views.person_add, name="person_add"),
    path("memberships/<int:membership_id>/", views.membership_edit, name="membership_edit"),
    path(
        "memberships/<int:membership_id>/remove/",
        views.membership_remove,
        name="membership_remove",
    ),
    path(
        "<int:user_id>/reset-password/",
        views.person_password_reset,
        name="person_password_reset",
    ),
    path("audit-log/", views.audit_log, name="audit_log"),
    path("audit-log.csv", views.audit_log_csv, name="audit_log_csv"),
]
