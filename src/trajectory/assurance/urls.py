from django.urls import path

from trajectory.assurance import views

urlpatterns = [
    path("", views.programme, name="assurance_programme"),
    path(
        "programmes/<int:programme_id>/", views.programme_detail, name="assurance_programme_detail"
    ),
    path("audits/<int:audit_id>/", views.audit_detail, name="assurance_audit"),
    path("audits/<int:audit_id>/moderate/", views.moderate, name="assurance_moderate"),
    path(
        "audits/<int:audit_id>/actions/add/",
        views.learning_action_add,
        name="assurance_action_add",
    ),
    path("moderation/", views.moderation_queue, name="assurance_moderation_queue"),
    path("actions/", views.learning_actions, name="assurance_actions"),
    path("actions/<int:action_id>/", views.learning_action_edit, name="assurance_action_edit"),
    path("results/", views.results, name="assurance_results"),
    path("results/audits/", views.results_audits, name="assurance_results_audits"),
    path("templates/", views.templates, name="assurance_templates"),
    path("templates/<int:template_id>/", views.template_detail, name="assurance_template"),
    path(
        "templates/<int:template_id>/questions/<int:question_id>/",
        views.question_edit,
        name="assurance_question_edit",
    ),
    path(
        "templates/<int:template_id>/questions/<int:question_id>/remove/",
        views.question_remove,
        name="assurance_question_remove",
    ),
    path(
        "templates/<int:template_id>/themes/<int:theme_id>/questions/add/",
        views.question_add,
        name="assurance_question_add",
    ),
    path("templates/<int:template_id>/themes/add/", views.theme_add, name="assurance_theme_add"),
    path(
        "templates/<int:template_id>/themes/<int:theme_id>/",
        views.theme_edit,
        name="assurance_theme_edit",
    ),
    path(
        "templates/<int:template_id>/themes/<int:theme_id>/remove/",
        views.theme_remove,
        name="assurance_theme_remove",
    ),
    path("templates/<int:template_id>/move/", views.template_move, name="assurance_template_move"),
    path(
        "programmes/<int:programme_id>/allocate/",
        views.programme_allocate,
        name="assurance_programme_allocate",
    ),
    path("mine/", views.allocated_to_me, name="assurance_mine"),
]
