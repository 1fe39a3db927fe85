from django.urls import path

from trajectory.dataquality import views

urlpatterns = [
    path("", views.dataquality_page, name="dataquality_page"),
    path("<str:kind>/rules/<str:code>/", views.dataquality_rule, name="dataquality_rule"),
    path("<str:kind>/rows.<str:file_format>", views.dataquality_export, name="dataquality_export"),
]
