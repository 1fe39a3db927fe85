from django.urls import path

from trajectory.assurance import views

urlpatterns = [
    path("", views.programme, name="assurance_programme"),
]
