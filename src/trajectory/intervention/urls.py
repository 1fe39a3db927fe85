from django.urls import path

from trajectory.intervention import views

urlpatterns = [
    path("", views.recommendation_latest, name="intervention_recommendation"),
    path("events/", views.events_list, name="intervention_events"),
    path("events/add/", views.event_add, name="intervention_event_add"),
    path(
        "reviews/<int:review_id>/recommend/",
        views.recommendation_add,
        name="intervention_recommendation_add",
    ),
    path(
        "recommendations/<int:recommendation_id>/",
        views.recommendation_detail,
        name="intervention_recommendation_detail",
    ),
    path(
        "recommendations/<int:recommendation_id>/correct/",
        views.recommendation_correct,
        name="intervention_recommendation_correct",
    ),
    path(
        "recommendations/<int:recommendation_id>/follow-ups/add/",
        views.followup_add,
        name="intervention_followup_add",
    ),
]
