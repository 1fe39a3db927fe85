"""The voice of children, staff and partners (issue 11.4, 11.5).

A `Survey` is asked of children (a Bright Spots-like survey of children in care, or the
council's own) or of staff. Each time it is run is a `Wave`. Aggregated results (per question:
the council's %, the comparator's %, how many answered) come in by upload: every upload is a
`ResultsUpload`, kept whole and never changed, and its rows are `QuestionResult`s; a wave's
results are those of the latest upload that holds the wave, the earlier ones stay as they were.
The council's own surveys come in as answers (`Response`, `Answer`): yes/no answers are counted
into the same per-question %, and free-text answers are tagged by staff with the council's
`Theme`s. Engagement with staff and partners (events, round tables, focus groups, the DCS's
drop-ins) is an `EngagementEvent`. `VoiceSettings` holds the council's small-number thresholds
(see `suppression.py`).
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from trajectory.web.edit_conflicts import EditVersioned

_USER = {
    "to": settings.AUTH_USER_MODEL,
    "null": True,
    "blank": True,
    "on_delete": models.SET_NULL,
    "related_name": "+",
}
_PERCENT = {
    "max_digits": 5,
    "decimal_places": 1,
    "validators": [MinValueValidator(0), MaxValueValidator(100)],
}


class VoiceSettings(EditVersioned):
    """The council's small-number rule (defaults in `suppression.py`, with their reasons)."""

    council = models.OneToOneField(
        "councils.Council", on_delete=models.CASCADE, related_name="voice_settings"
    )
    minimum_respondents = models.PositiveIntegerField(
        "fewest respondents shown outside the council",
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(1000)],
    )
    minimum_count = models.PositiveIntegerField(
        "smallest count of children or staff shown outside the council",
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )

    class Meta:
        verbose_name = "small-number rule"

    def __str__(self) -> str:
        return "Small-number rule"


class Survey(EditVersioned):
    class Audience(models.TextChoices):
        CHILDREN = "children", "Children and young people"
        STAFF = "staff", "Staff"

    class Kind(models.TextChoices):
        AGGREGATED = "aggregated", "Aggregated results (for example Bright Spots)"
        OWN = "own", "The council's own survey (answers and free text)"

    council = models.ForeignKey("councils.Council", on_delete=models.PROTECT, related_name="+")
    title = models.CharField(max_length=200)
    audience = models.CharField(max_length=20, choices=Audience.choices)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    run_by = models.CharField(
        "run by", max_length=200, blank=True, help_text="For example Coram Voice"
    )
    asked_of = models.CharField(
        "asked of",
        max_length=300,
        blank=True,
        help_text="For example children in care aged 11 to 18",
    )
    comparator = models.CharField(
        max_length=200, blank=True, help_text="For example other councils' children in care"
    )
    created_by = models.ForeignKey(**_USER)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["audience", "title"]
        verbose_name = "survey"
        constraints = [
            models.UniqueConstraint(fields=["council", "title"], name="voice_survey_title_unique")
        ]

    def __str__(self) -> str:
        return self.title


class Wave(models.Model):
    """One running of a survey, named as the council names it ("February 2021")."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="waves")
    label = models.CharField(max_length=100)
    held_on = models.DateField(help_text="The day fieldwork closed")

    class Meta:
        ordering = ["survey", "held_on", "label"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "label"], name="voice_wave_label_unique")
        ]

    def __str__(self) -> str:
        return f"{self.survey.title}: {self.label}"


class Question(models.Model):
    class Kind(models.TextChoices):
        PERCENT = "percent", "Percentage agreeing"
        YES_NO = "yes_no", "Yes or no"
        FREE_TEXT = "free_text", "Free text"

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    code = models.CharField(max_length=40)
    text = models.CharField(max_length=500)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.PERCENT)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["survey", "order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "code"], name="voice_question_code_unique")
        ]

    def __str__(self) -> str:
        return self.text


class ResultsUpload(models.Model):
    """One upload, kept as it came: never changed, never overwritten by a later one."""

    class Format(models.TextChoices):
        RESULTS = "results", "Aggregated results"
        ANSWERS = "answers", "Answers"

    survey = models.ForeignKey(Survey, on_delete=models.PROTECT, related_name="uploads")
    format = models.CharField(max_length=20, choices=Format.choices)
    file_name = models.CharField(max_length=255)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    content = models.BinaryField()
    rows = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(**_USER)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["survey", "-uploaded_at", "-id"]
        verbose_name = "results upload"

    def __str__(self) -> str:
        return f"{self.file_name} ({self.uploaded_at:%d %b %Y %H:%M})"


class PendingUpload(models.Model):
    """A file checked and found good, waiting for the person who sent it to look at what it
    will add and keep it (or not). Keeping it makes a `ResultsUpload`; this row then goes."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="pending_uploads")
    file_name = models.CharField(max_length=255)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    content = models.BinaryField()
    uploaded_by = models.ForeignKey(**_USER)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-uploaded_at", "-id"]
        verbose_name = "upload waiting to be kept"

    def __str__(self) -> str:
        return f"{self.file_name} (waiting)"


class QuestionResult(models.Model):
    """A question's result in a wave, as one upload gave it."""

    upload = models.ForeignKey(ResultsUpload, on_delete=models.PROTECT, related_name="results")
    wave = models.ForeignKey(Wave, on_delete=models.PROTECT, related_name="results")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="results")
    council_percent = models.DecimalField("council's %", **_PERCENT)
    comparator_percent = models.DecimalField("comparator's %", null=True, blank=True, **_PERCENT)
    respondents = models.PositiveIntegerField()

    class Meta:
        ordering = ["wave", "question"]
        constraints = [
            models.UniqueConstraint(
                fields=["upload", "wave", "question"], name="voice_result_once_per_upload"
            )
        ]

    def __str__(self) -> str:
        return f"{self.question.code} in {self.wave.label}"


class Response(models.Model):
    """One person's answers to a wave of the council's own survey (an upload's rows)."""

    upload = models.ForeignKey(ResultsUpload, on_delete=models.PROTECT, related_name="responses")
    wave = models.ForeignKey(Wave, on_delete=models.PROTECT, related_name="responses")
    respondent = models.CharField(max_length=60, help_text="The survey's own reference")

    class Meta:
        ordering = ["wave", "respondent"]

    def __str__(self) -> str:
        return f"Response {self.respondent}"


class Theme(EditVersioned):
    """A theme staff tag free text and focus groups with, as the council names it."""

    council = models.ForeignKey("councils.Council", on_delete=models.PROTECT, related_name="+")
    name = models.CharField(max_length=100)
    description = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = "theme"
        constraints = [
            models.UniqueConstraint(fields=["council", "name"], name="voice_theme_name_unique")
        ]

    def __str__(self) -> str:
        return self.name


class Answer(EditVersioned):
    """One answer; only its themes change, by staff tagging it (the words are as given)."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    yes = models.BooleanField(null=True, blank=True)
    text = models.TextField(blank=True)
    themes = models.ManyToManyField(Theme, blank=True, related_name="answers")

    class Meta:
        ordering = ["response", "question"]
        verbose_name = "answer"

    def __str__(self) -> str:
        return f"Answer {self.pk} to {self.question.code}"


class EngagementEvent(EditVersioned):
    class Kind(models.TextChoices):
        EVENT = "event", "Staff engagement event"
        ROUND_TABLE = "round_table", "Round table"
        FOCUS_GROUP = "focus_group", "Focus group"
        DROP_IN = "drop_in", "DCS drop-in"
        PARTNER = "partner", "Partner event"
        WORKSHOP = "workshop", "Workshop"

    class Format(models.TextChoices):
        FACE_TO_FACE = "face_to_face", "Face to face"
        VIRTUAL = "virtual", "Virtual"

    council = models.ForeignKey("councils.Council", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    format = models.CharField(max_length=20, choices=Format.choices)
    held_on = models.DateField("date")
    title = models.CharField(max_length=200)
    led_by = models.CharField("led by", max_length=200, blank=True)
    attendance = models.PositiveIntegerField(null=True, blank=True)
    notes = models.TextField(blank=True)
    themes = models.ManyToManyField(Theme, blank=True, related_name="events")
    created_by = models.ForeignKey(**_USER)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = "engagement event"

    def __str__(self) -> str:
        return self.title
