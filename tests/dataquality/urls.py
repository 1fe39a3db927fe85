"""The project's addresses with the data-quality page's, until src/trajectory/urls.py
includes it (requested of the coordinator): the page's tests run either way."""

from django.urls import include, path

from trajectory.urls import urlpatterns as project

included = any("dataquality" in str(getattr(p, "urlconf_name", "")) for p in project)
urlpatterns = list(project)
if not included:
    urlpatterns.append(
        path("councils/<str:council_code>/dataquality/", include("trajectory.dataquality.urls"))
    )
