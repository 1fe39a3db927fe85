from django.urls import path

from trajectory.plans import views

urlpatterns = [
    path("", views.plan_overview, name="plan_overview"),
]
