from django.conf import settings
from django.db import models


class Council(models.Model):
    """An English local authority with children's services responsibilities."""

    code = models.CharField(
        max_length=3, unique=True, help_text="DfE 3-digit LA number, e.g. 938 for West Sussex"
    )
    e_code = models.CharField(max_length=9, blank=True, help_text="ONS code, e.g. E10000032")
    name = models.CharField(max_length=120)
    region = models.CharField(max_length=60, blank=True)
    child_population = models.PositiveIntegerField(
        null=True, blank=True, help_text="Children aged 0-17 (ONS mid-year estimate)"
    )
    is_synthetic = models.BooleanField(
        default=False, help_text="A made-up council for demonstration and tests"
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class ChildPopulation(models.Model):
    """Children aged 0-17 in a council's area at 30 June of `year` (ONS mid-year estimate).

    DfE's rate per 10,000 at 31 March of year Y divides by the estimate for mid-(Y-1), so the
    estimate for `year` serves every as-at date from 1 April of `year` to 31 March of `year`+1.
    Real councils' come from the reference data (`councils load-reference`); a made-up council's
    are set by hand (`councils population`).
    """

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="populations")
    year = models.PositiveSmallIntegerField(help_text="Mid-year of the estimate, e.g. 2023")
    population = models.PositiveIntegerField(help_text="Children aged 0-17")
    source = models.CharField(max_length=200)

    class Meta:
        ordering = ["council", "year"]
        constraints = [
            models.UniqueConstraint(fields=["council", "year"], name="child_population_unique")
        ]

    def __str__(self) -> str:
        return f"{self.council.code} mid-{self.year}: {self.population:,} children aged 0-17"


class Team(models.Model):
    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="teams")
    name = models.CharField(max_length=120)
    service = models.CharField(max_length=120, blank=True, help_text="e.g. Children in care")

    class Meta:
        ordering = ["council", "name"]
        constraints = [
            models.UniqueConstraint(fields=["council", "name"], name="team_name_unique_in_council")
        ]

    def __str__(self) -> str:
        return self.name


class StatisticalNeighbour(models.Model):
    """DfE's ten nearest councils by demographic model, in rank order."""

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="neighbour_links")
    neighbour = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="+")
    rank = models.PositiveSmallIntegerField()
    model = models.CharField(max_length=20, default="2021", help_text="DfE grouping release")

    class Meta:
        ordering = ["council", "model", "rank"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "model", "rank"], name="neighbour_rank_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.council.code} neighbour {self.rank} ({self.model}): {self.neighbour.code}"


class Role(models.TextChoices):
    """Roles from DESIGN.md. Child-level data goes to analyst, manager, leader, commissioner."""

    ANALYST = "analyst", "Performance analyst"
    MANAGER = "manager", "Team or service manager"
    LEADER = "leader", "Leader (DCS, head of service)"
    COMMISSIONER = "commissioner", "Commissioner or improvement partner"
    BOARD_MEMBER = "board_member", "Improvement Board member"
    REGION = "region", "Region or DfE official"
    ADMIN = "admin", "User administrator"


class Membership(models.Model):
    """A user's role in one council. Region and DfE officials hold one membership per council."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=20, choices=Role.choices)
    team = models.ForeignKey(
        Team,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="memberships",
        help_text="For managers: the team whose children they may see",
    )

    class Meta:
        ordering = ["council", "user"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "council", "role"], name="membership_unique_role"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} — {self.council.code}"


class AccountState(models.Model):
    """Sign-in state kept beside Django's user. An account an administrator created holds a
    password someone else has seen, so it must be replaced at first sign-in. Accounts made by
    set-up scripts (demo, tests) have no row, which means nothing is asked of them."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="account_state"
    )
    must_change_password = models.BooleanField(default=False)
    password_changed_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        flag = "must change password" if self.must_change_password else "password set"
        return f"{self.user} — {flag}"


class TeamFile(models.Model):
    """One upload of the council's worker-to-team file (SW_ID, team), kept and never changed:
    a new file is a new version, and the figures use the newest (issue 8.7)."""

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="team_files")
    number = models.PositiveIntegerField()
    file_name = models.CharField(max_length=255)
    sha256 = models.CharField(max_length=64)
    uploaded_at = models.DateTimeField(auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["council", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["council", "number"], name="team_file_number_unique")
        ]

    def __str__(self) -> str:
        return f"{self.council.code} worker-to-team file v{self.number}"


class WorkerTeam(models.Model):
    """One social worker (SSDA903 SW_ID, not a name) in one team, as a team file gives it."""

    team_file = models.ForeignKey(TeamFile, on_delete=models.CASCADE, related_name="assignments")
    worker_id = models.CharField(max_length=40, help_text="SSDA903 SW_ID")
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="assignments")

    class Meta:
        ordering = ["team_file", "worker_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["team_file", "worker_id"], name="worker_team_unique_in_file"
            )
        ]

    def __str__(self) -> str:
        return f"{self.worker_id} in {self.team}"
