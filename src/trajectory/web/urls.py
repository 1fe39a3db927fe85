from django.contrib.auth import views as auth_views
from django.urls import path

from trajectory.councils.views import PasswordChangeView
from trajectory.web import views

urlpatterns = [
    path("", views.home, name="home"),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password/", PasswordChangeView.as_view(), name="password_change"),
    path("councils/<str:council_code>/", views.council_home, name="council_home"),
    path("councils/<str:council_code>/overview/", views.council_overview, name="council_overview"),
]
