from django.urls import path

from trajectory.indicators import team_views, views

urlpatterns = [
    path("recompute/", views.indicators_recompute, name="indicators_recompute"),
    path("teams/", team_views.indicator_teams, name="council_teams"),
    path("teams/upload/", team_views.team_file_upload, name="team_file_upload"),
    path("<str:indicator_id>/teams/", team_views.indicator_teams, name="indicator_teams"),
    path("<str:indicator_id>/", views.indicator_detail, name="indicator_detail"),
    path("<str:indicator_id>/children/", views.indicator_children, name="indicator_children"),
]
