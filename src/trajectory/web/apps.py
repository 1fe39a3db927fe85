from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "trajectory.web"
    label = "web"
    verbose_name = "Web pages"
