from django.urls import path

from trajectory.targets import views

urlpatterns = [
    path("", views.targets_list, name="targets_list"),
    path("<str:indicator_id>/", views.target_detail, name="target_detail"),
    path("<str:indicator_id>/withdraw/", views.target_withdraw, name="target_withdraw"),
]
