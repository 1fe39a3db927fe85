from django.apps import AppConfig


class BenchmarkingConfig(AppConfig):
    """Published DfE statistics for every council, region and England, set beside our own."""

    name = "trajectory.benchmarking"
    label = "benchmarking"
