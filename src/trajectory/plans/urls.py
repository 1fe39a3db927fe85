from django.urls import path

from trajectory.plans import views

urlpatterns = [
    path("", views.plan_overview, name="plan_overview"),
    path("create/", views.plan_create, name="plan_create"),
    path("my-actions/", views.plan_my_actions, name="plan_my_actions"),
    path("<int:plan_id>/", views.plan_detail, name="plan_detail"),
    path("<int:plan_id>/on-a-page/", views.plan_on_a_page, name="plan_on_a_page"),
    path("<int:plan_id>/watch/", views.plan_watch, name="plan_watch"),
    path("<int:plan_id>/history/", views.plan_history, name="plan_history"),
    path("<int:plan_id>/export.xlsx", views.plan_export_xlsx, name="plan_export_xlsx"),
    path("<int:plan_id>/export.docx", views.plan_export_docx, name="plan_export_docx"),
    path("<int:plan_id>/priorities/add/", views.plan_priority_add, name="plan_priority_add"),
    path("priorities/<int:priority_id>/", views.priority_detail, name="priority_detail"),
    path("priorities/<int:priority_id>/edit/", views.priority_edit, name="priority_edit"),
    path("priorities/<int:priority_id>/actions/add/", views.action_add, name="action_add"),
    path(
        "priorities/<int:priority_id>/evidence/add/",
        views.priority_evidence_add,
        name="priority_evidence_add",
    ),
    path(
        "priorities/<int:priority_id>/milestones/add/",
        views.priority_milestone_add,
        name="priority_milestone_add",
    ),
    path("actions/<int:action_id>/", views.action_detail, name="action_detail"),
    path("actions/<int:action_id>/edit/", views.action_edit, name="action_edit"),
    path("actions/<int:action_id>/update/", views.action_update_post, name="action_update_post"),
    path(
        "actions/<int:action_id>/evidence/add/",
        views.action_evidence_add,
        name="action_evidence_add",
    ),
    path(
        "actions/<int:action_id>/milestones/add/",
        views.action_milestone_add,
        name="action_milestone_add",
    ),
    path("milestones/<int:milestone_id>/edit/", views.milestone_edit, name="milestone_edit"),
    path(
        "milestones/<int:milestone_id>/achieved/",
        views.milestone_achieved,
        name="milestone_achieved",
    ),
    path("evidence/<int:link_id>/remove/", views.evidence_remove, name="evidence_remove"),
    path("documents/<int:document_id>/", views.document_download, name="document_download"),
]
