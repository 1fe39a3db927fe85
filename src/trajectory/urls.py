from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("trajectory.web.urls")),
    path("councils/<str:council_code>/returns/", include("trajectory.returns.urls")),
    path("councils/<str:council_code>/dataquality/", include("trajectory.dataquality.urls")),
    path("councils/<str:council_code>/indicators/", include("trajectory.indicators.urls")),
    path("councils/<str:council_code>/inspections/", include("trajectory.inspections.urls")),
    path("councils/<str:council_code>/plan/", include("trajectory.plans.urls")),
    path("councils/<str:council_code>/people/", include("trajectory.councils.urls")),
    path("councils/<str:council_code>/benchmarks/", include("trajectory.benchmarking.urls")),
    path("councils/<str:council_code>/signals/", include("trajectory.spc.urls")),
    path("councils/<str:council_code>/targets/", include("trajectory.targets.urls")),
    path("councils/<str:council_code>/assessment/", include("trajectory.assessment.urls")),
    path("councils/<str:council_code>/intervention/", include("trajectory.intervention.urls")),
    path("councils/<str:council_code>/governance/", include("trajectory.governance.urls")),
    path("councils/<str:council_code>/escalations/", include("trajectory.escalations.urls")),
    path("councils/<str:council_code>/workforce/", include("trajectory.workforce.urls")),
    path("councils/<str:council_code>/assurance/", include("trajectory.assurance.urls")),
    path("councils/<str:council_code>/supervision/", include("trajectory.supervision.urls")),
    path("councils/<str:council_code>/voice/", include("trajectory.voice.urls")),
    path("councils/<str:council_code>/reports/", include("trajectory.reports.urls")),
]
