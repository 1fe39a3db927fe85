from django.urls import path

from trajectory.spc import views

urlpatterns = [
    path("", views.council_signals, name="council_signals"),
    path("<str:indicator_id>/rebase/", views.limits_rebase, name="spc_rebase"),
    path(
        "<str:indicator_id>/rebase/<int:rebase_id>/withdraw/",
        views.limits_rebase_withdraw,
        name="spc_rebase_withdraw",
    ),
]
