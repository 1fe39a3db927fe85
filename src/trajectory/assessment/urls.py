from django.urls import path

from trajectory.assessment import views

urlpatterns = [
    path("", views.reviews, name="assessment_reviews"),
    path("start/", views.review_start, name="assessment_review_start"),
    path("reviews/<int:review_id>/", views.review, name="assessment_review"),
    path(
        "reviews/<int:review_id>/history/", views.review_history, name="assessment_review_history"
    ),
    path(
        "reviews/<int:review_id>/<slug:transition>/",
        views.review_transition,
        name="assessment_review_transition",
    ),
    path(
        "domains/<int:entry_id>/<slug:side>/edit/",
        views.entry_edit,
        name="assessment_entry_edit",
    ),
    path(
        "domains/<int:entry_id>/<slug:side>/evidence/add/",
        views.citation_add,
        name="assessment_citation_add",
    ),
    path(
        "evidence/<int:citation_id>/remove/",
        views.citation_remove,
        name="assessment_citation_remove",
    ),
    path("domain-history/<int:number>/", views.domain_history, name="assessment_domain_history"),
    path("frameworks/", views.frameworks, name="assessment_frameworks"),
    path("frameworks/<int:framework_id>/", views.framework, name="assessment_framework"),
    path(
        "frameworks/<int:framework_id>/copy/",
        views.framework_copy,
        name="assessment_framework_copy",
    ),
    path(
        "frameworks/<int:framework_id>/scale/",
        views.framework_scale_edit,
        name="assessment_framework_scale_edit",
    ),
    path(
        "framework-domains/<int:domain_id>/edit/",
        views.framework_domain_edit,
        name="assessment_framework_domain_edit",
    ),
]
