from django.urls import path

from trajectory.indicators import views

urlpatterns = [
    path("recompute/", views.indicators_recompute, name="indicators_recompute"),
    path("<str:indicator_id>/", views.indicator_detail, name="indicator_detail"),
    path("<str:indicator_id>/children/", views.indicator_children, name="indicator_children"),
]
