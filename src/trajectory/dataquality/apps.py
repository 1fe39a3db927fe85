from django.apps import AppConfig


class DataQualityConfig(AppConfig):
    """DfE's data-quality rules for the SSDA903 return and the CIN census (issue 13): every
    rule declared once with a vectorised Polars check, run on every upload and from the command
    line, the findings kept with the version they were found in."""

    name = "trajectory.dataquality"
    label = "dataquality"
    verbose_name = "Data quality"
