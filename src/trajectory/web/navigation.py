"""One navigation for every page (issue 7.11): the council's sections as data, each shown to
the roles whose capability it names, the current one marked; the account's links apart from
them, so the bar holds on one line for every role. Which council a page belongs to comes from
its address, so the password and error pages keep the council the user was in."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse

from trajectory.councils.permissions import has_capability

LAST_COUNCIL = "trajectory_last_council"
_COUNCIL_PATH = re.compile(r"^/councils/(?P<code>[^/]+)/")


@dataclass(frozen=True)
class Section:
    label: str
    url_name: str
    capability: str | None = "view_council"
    # The views (their modules, or url names) whose pages belong to this section.
    belongs: tuple[str, ...] = ()
    # Pages within the section, listed under the bar while one of them is open.
    pages: tuple[Section, ...] = ()


# Performance holds six pages, so the bar keeps to one line for every role (issue 7.11).
PERFORMANCE_PAGES = (
    Section("Scorecard", "council_home", belongs=("council_home", "trajectory.indicators.views")),
    Section("Signals", "council_signals", belongs=("trajectory.spc.views",)),
    Section("Targets", "targets_list", belongs=("trajectory.targets.views",)),
    Section("Benchmarks", "lait_explorer", belongs=("trajectory.benchmarking.views",)),
    Section("Teams", "council_teams", belongs=("trajectory.indicators.team_views",)),
    Section("Workforce", "workforce_snapshots", belongs=("trajectory.workforce.views",)),
)

# The Commissioner's framework and what it leads to (issue 9.7).
ASSESSMENT_PAGES = (
    Section("Reviews", "assessment_reviews", belongs=("trajectory.assessment.views",)),
    Section(
        "Recommendation", "intervention_recommendation", belongs=("trajectory.intervention.views",)
    ),
)

# The Improvement Board, the bodies around it, partners' escalations (issue 9.5, 9.6) and the
# papers that go to the board, to full Council and to the minister (issue 12).
GOVERNANCE_PAGES = (
    Section("Boards and meetings", "governance_bodies", belongs=("trajectory.governance.views",)),
    Section("Reports", "reports", belongs=("trajectory.reports.views",)),
    Section("Action log", "governance_actions", belongs=("governance_actions",)),
    Section("Escalations", "escalations_log", belongs=("trajectory.escalations.views",)),
)

# Case audits, supervision and the voice of children and staff (issue 11).
QUALITY_PAGES = (
    Section("Case audits", "assurance_programme", belongs=("trajectory.assurance.views",)),
    Section("Supervision", "supervision_compliance", belongs=("trajectory.supervision.views",)),
    Section("Voice", "voice_surveys", belongs=("trajectory.voice.views",)),
)

# The statutory returns and DfE's data-quality rules over them (issues 10, 13).
RETURNS_PAGES = (
    Section("Returns", "returns_list", belongs=("trajectory.returns.views",)),
    Section("Data quality", "dataquality_page", belongs=("trajectory.dataquality.views",)),
)

# The council's people and its audit log, for those who answer for access and conduct.
ADMIN_PAGES = (
    Section(
        "People",
        "people_list",
        capability="manage_users",
        belongs=("people_list", "person_add", "membership_edit", "membership_remove"),
    ),
    Section("Audit log", "audit_log", capability="view_audit_log", belongs=("audit_log",)),
)


def _group(label: str, pages: tuple[Section, ...], capability: str | None = "view_council"):
    """A section of the bar holding pages listed under it; it opens its first page. With
    capability None it is shown to whoever may open one of its pages, and opens that one."""
    return Section(
        label,
        pages[0].url_name,
        capability=capability,
        belongs=tuple(name for page in pages for name in page.belongs),
        pages=pages,
    )


# Nine sections at most, so the bar holds on one line for every role (issue 7.11).
SECTIONS = (
    Section("Overview", "council_overview", belongs=("council_overview",)),
    _group("Performance", PERFORMANCE_PAGES),
    _group("Quality", QUALITY_PAGES),
    _group("Returns", RETURNS_PAGES),
    Section("Ofsted", "inspection_list", belongs=("trajectory.inspections.views",)),
    Section(
        "Plan",
        "plan_overview",
        belongs=("trajectory.plans.views", "trajectory.governance.approval_views"),
    ),
    _group("Assessment", ASSESSMENT_PAGES),
    _group("Board", GOVERNANCE_PAGES),
    _group("Admin", ADMIN_PAGES, capability=None),
)


@dataclass(frozen=True)
class Link:
    label: str
    url: str
    current: bool = False


def _belongs(section: Section, match) -> bool:
    if match is None:
        return False
    module = getattr(match.func, "__module__", "")
    return match.url_name in section.belongs or module in section.belongs


def _url(section: Section, user, council) -> str | None:
    """Where the section leads this user, or None when they may open none of it."""
    if section.capability is None:
        return next((url for page in section.pages if (url := _url(page, user, council))), None)
    if not has_capability(user, section.capability, council):
        return None
    try:
        return reverse(section.url_name, args=[council.code])
    except NoReverseMatch:
        return None


def _links(sections, user, council, match) -> list[Link]:
    links = []
    for section in sections:
        url = _url(section, user, council)
        if url is not None:
            links.append(Link(section.label, url, _belongs(section, match)))
    return links


def council_links(user, council, match=None) -> list[Link]:
    """The council's sections this user may open, in order, the current one marked."""
    return _links(SECTIONS, user, council, match)


def section_pages(user, council, match=None) -> list[Link]:
    """The pages of the current section (when it has several), the current one marked."""
    for section in SECTIONS:
        if section.pages and _belongs(section, match):
            return _links(section.pages, user, council, match)
    return []


def council_home_url(council) -> str:
    """Where the council's name leads: its overview (its scorecard before there is one)."""
    for name in ("council_overview", "council_home"):
        try:
            return reverse(name, args=[council.code])
        except NoReverseMatch:
            continue
    return "/"


def page_council(request, councils):
    """The council this page is about: the one in its address, else the last one opened in
    this session, else the user's only council. Never one the user has no role in."""
    by_code = {council.code: council for council in councils}
    found = _COUNCIL_PATH.match(request.path)
    if found and found["code"] in by_code:
        request.session[LAST_COUNCIL] = found["code"]
        return by_code[found["code"]]
    if found:
        return None  # another council's address: say nothing about it
    remembered = request.session.get(LAST_COUNCIL)
    if remembered in by_code:
        return by_code[remembered]
    return councils[0] if len(councils) == 1 else None
