from django.apps import AppConfig


class VoiceConfig(AppConfig):
    """The voice of children, staff and partners (issue 11.4, 11.5): aggregated surveys of
    children in care (Bright Spots-like waves against a comparator), the council's own surveys
    with free text tagged by staff into themes, staff survey waves, engagement events, focus
    groups and the DCS's drop-ins. Small numbers are suppressed wherever results reach people
    outside the council; children's own words are shown only inside it.
    """

    name = "trajectory.voice"
    label = "voice"
    verbose_name = "Voice of children, staff and partners"

    def ready(self) -> None:
        from trajectory.voice import evidence

        evidence.register_kinds()
