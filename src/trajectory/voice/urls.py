from django.urls import path

from trajectory.voice import views

urlpatterns = [
    path("", views.survey_list, name="voice_surveys"),
]
