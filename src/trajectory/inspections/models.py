from django.db import models

from trajectory.web.edit_conflicts import EditVersioned


class Grade(models.TextChoices):
    """Ofsted's four-point scale, in order from best to worst."""

    OUTSTANDING = "outstanding", "Outstanding"
    GOOD = "good", "Good"
    REQUIRES_IMPROVEMENT = "requires_improvement", "Requires improvement to be good"
    INADEQUATE = "inadequate", "Inadequate"


class Framework(models.TextChoices):
    SIF = "sif", "Single inspection framework (2013-2017)"
    ILACS = "ilacs", "ILACS (from January 2018)"
    ILACS_2023 = "ilacs_2023", "ILACS with separate care leavers judgement (from January 2023)"
    ILACS_2026 = "ilacs_2026", "ILACS without overall effectiveness (from April 2026)"
    JTAI = "jtai", "Joint targeted area inspection"
    OTHER = "other", "Other"


class Inspection(EditVersioned):
    """An Ofsted event for a council: a graded inspection or an ungraded visit."""

    class Kind(models.TextChoices):
        STANDARD = "standard", "Standard inspection"
        SHORT = "short", "Short inspection"
        SIF = "sif", "Single inspection (SIF)"
        MONITORING_VISIT = "monitoring_visit", "Monitoring visit"
        FOCUSED_VISIT = "focused_visit", "Focused visit"
        JTAI = "jtai", "Joint targeted area inspection"

    GRADED_KINDS = frozenset({Kind.STANDARD, Kind.SHORT, Kind.SIF})

    council = models.ForeignKey(
        "councils.Council", on_delete=models.PROTECT, related_name="inspections"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    framework = models.CharField(max_length=20, choices=Framework.choices)
    theme = models.CharField(max_length=200, blank=True, help_text="For visits and JTAIs")
    fieldwork_start = models.DateField(null=True, blank=True)
    fieldwork_end = models.DateField(null=True, blank=True)
    published_on = models.DateField(null=True, blank=True)
    report_url = models.URLField(blank=True)
    source = models.CharField(
        max_length=200, blank=True, help_text="Reference file it was loaded from, or 'manual'"
    )

    class Meta:
        ordering = ["council", "-fieldwork_start", "-published_on"]

    def __str__(self) -> str:
        when = self.fieldwork_start or self.published_on
        return f"{self.council.code} {self.get_kind_display()} {when}"


class Judgement(models.Model):
    """One graded area of an inspection, named as the framework version names it."""

    class Area(models.TextChoices):
        OVERALL = "overall", "Overall effectiveness"
        LEADERS = "leaders", "Impact of leaders on social work practice"
        HELP_AND_PROTECTION = (
            "help_and_protection",
            "Experiences and progress of children who need help and protection",
        )
        CHILDREN_IN_CARE = "children_in_care", "Experiences and progress of children in care"
        CARE_LEAVERS = "care_leavers", "Experiences and progress of care leavers"
        CHILDREN_IN_CARE_AND_CARE_LEAVERS = (
            "children_in_care_and_care_leavers",
            "Experiences and progress of children in care and care leavers",
        )
        ADOPTION = "adoption", "Adoption performance (SIF)"
        LSCB = "lscb", "Local Safeguarding Children Board (SIF)"

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="judgements")
    area = models.CharField(max_length=40, choices=Area.choices)
    grade = models.CharField(max_length=30, choices=Grade.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["inspection", "area"], name="judgement_area_unique")
        ]

    def __str__(self) -> str:
        return f"{self.get_area_display()}: {self.get_grade_display()}"


class ServiceArea(models.TextChoices):
    FRONT_DOOR = "front_door", "Front door and early help"
    HELP_AND_PROTECTION = "help_and_protection", "Help and protection"
    CHILDREN_IN_CARE = "children_in_care", "Children in care"
    CARE_LEAVERS = "care_leavers", "Care leavers"
    LEADERSHIP = "leadership", "Leadership and management"
    WORKFORCE = "workforce", "Workforce"
    QUALITY = "quality", "Quality assurance and performance"
    PARTNERSHIPS = "partnerships", "Partnerships"


class Finding(EditVersioned):
    """One thing Ofsted said: a strength, an area for improvement or a priority action."""

    class Kind(models.TextChoices):
        STRENGTH = "strength", "Strength"
        AREA_FOR_IMPROVEMENT = "area_for_improvement", "Area for improvement"
        PRIORITY_ACTION = "priority_action", "Area for priority action"

    # Headings over a list of each kind, as Ofsted's reports word them (issue 7.10).
    KIND_PLURALS = {
        Kind.STRENGTH: "Strengths",
        Kind.AREA_FOR_IMPROVEMENT: "Areas for improvement",
        Kind.PRIORITY_ACTION: "Areas for priority action",
    }

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="findings")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    service_area = models.CharField(max_length=30, choices=ServiceArea.choices, blank=True)
    text = models.TextField()
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["inspection", "kind", "order", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.text[:60]}"
