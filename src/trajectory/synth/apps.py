from django.apps import AppConfig


class SynthConfig(AppConfig):
    """A plain package with no models; registered only so its management commands load."""

    name = "trajectory.synth"
    label = "synth"
