from django.urls import path

from trajectory.benchmarking import views

urlpatterns = [
    path("", views.explorer_index, name="lait_explorer"),
    path("measures/<slug:measure_slug>/", views.measure_detail, name="lait_measure"),
]
