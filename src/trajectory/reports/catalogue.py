"""The papers, their versioned templates and the self-assessment's areas, as data (issue 12.1).

A template is the list of a paper's sections in order. Changing a paper's shape adds a template
version rather than editing one, so a paper generated on version 1 is still read as version 1;
leaders turn the optional sections off for one paper (the generate form, and `--omit` on the
command line). Each builder module (builders/) holds one function per section key.

The self-assessment's areas follow the source documents' own grouping of the service (the
quarterly self-assessment the Commissioner appended, 2022-01): each area takes the indicators
of its catalogue domains, so an indicator added to a domain appears in its area's paper with
no report code, and the plan's priorities, audits and surveys it cites follow the same way.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass

from trajectory.indicators import registry


@dataclass(frozen=True)
class SectionSpec:
    key: str
    title: str
    optional: bool = True  # whether leaders may leave it out of a paper


@dataclass(frozen=True)
class Template:
    version: int
    sections: tuple[SectionSpec, ...]
    changed: str = ""  # what the version changed, in words

    def section(self, key: str) -> SectionSpec:
        return next(spec for spec in self.sections if spec.key == key)


@dataclass(frozen=True)
class ReportKind:
    key: str  # the command line's and the address's name: "board-pack"
    title: str
    module: str  # builders/<module>.py, with SECTIONS: {section key: function(snapshot)}
    templates: tuple[Template, ...]
    purpose: str
    leaves_council: bool = False  # the default audience: a paper for outside the council

    @property
    def current(self) -> Template:
        return self.templates[-1]

    def template(self, version: int) -> Template:
        return next(template for template in self.templates if template.version == version)

    def builder(self):
        """The builder module: builders/<module>.py, or a dotted path (a test's own)."""
        path = self.module if "." in self.module else f"trajectory.reports.builders.{self.module}"
        return importlib.import_module(path)


@dataclass(frozen=True)
class Area:
    """One area of the service the self-assessment reports on."""

    key: str
    title: str
    domains: tuple[str, ...]  # indicator catalogue domains (indicators/registry.py)
    headline: tuple[str, ...] = ()  # indicators drawn as charts, in order
    words: tuple[str, ...] = ()  # words that place a plan priority or audit theme here

    def indicators(self) -> list[registry.Indicator]:
        return [indicator for indicator in registry.INDICATORS if indicator.domain in self.domains]


AREAS: tuple[Area, ...] = (
    Area(
        "help_and_protection",
        "Help and protection",
        (registry.FRONT_DOOR, registry.CHILDREN_IN_NEED, registry.CHILD_PROTECTION),
        headline=("cin_rereferrals_pct", "cin_assessments_45wd_pct"),
        words=("front door", "referral", "assessment", "protection", "early help", "neglect"),
    ),
    Area(
        "children_in_care",
        "Children in care",
        (
            registry.CHILDREN_IN_CARE,
            registry.PLACEMENTS,
            registry.PERMANENCE,
            registry.MISSING_AND_AWAY,
        ),
        headline=("cla_rate_per_10k", "cla_3plus_placements_pct"),
        words=("in care", "looked after", "placement", "permanence", "missing", "adoption"),
    ),
    Area(
        "care_leavers",
        "Care leavers",
        (registry.CARE_LEAVERS,),
        headline=("care_leavers_suitable_accom_pct",),
        words=("care leaver", "leaving care", "pathway"),
    ),
    Area(
        "workforce",
        "Workforce",
        (registry.WORKFORCE,),
        headline=("workforce_vacancy_pct", "workforce_caseload_per_fte"),
        words=("workforce", "recruit", "caseload", "agency", "vacanc", "supervision"),
    ),
    Area(
        "quality_of_practice",
        "Quality of practice",
        (registry.QUALITY,),
        headline=("audits_good_or_better_pct", "supervision_compliance_pct"),
        words=("quality", "audit", "practice"),
    ),
    Area(
        "leadership_and_governance",
        "Leadership and governance",
        (),
        words=(
            "leader",
            "governance",
            "board",
            "partner",
            "corporate parent",
            "oversight",
            "commissioner",
        ),
    ),
)


def area(key: str) -> Area:
    return next(item for item in AREAS if item.key == key)


def _specs(*pairs: tuple[str, str], required: tuple[str, ...] = ()) -> tuple[SectionSpec, ...]:
    return tuple(SectionSpec(key, title, optional=key not in required) for key, title in pairs)


REPORTS: tuple[ReportKind, ...] = (
    ReportKind(
        key="self-assessment",
        title="Quarterly self-assessment",
        module="self_assessment",
        purpose="The council's own view of its services, area by area, for the Commissioner "
        "and the Improvement Board.",
        templates=(
            Template(
                1,
                _specs(
                    ("introduction", "Introduction"),
                    *((f"area.{item.key}", item.title) for item in AREAS),
                    required=(),
                ),
            ),
        ),
    ),
    ReportKind(
        key="board-pack",
        title="Improvement Board pack",
        module="board_pack",
        purpose="The papers for the next Improvement Board meeting.",
        templates=(
            Template(
                1,
                _specs(
                    ("agenda", "Agenda"),
                    ("minutes", "Minutes of the last meeting, for approval"),
                    ("action_log", "Action log"),
                    ("plan_on_a_page", "The plan on a page"),
                    ("exceptions", "Exceptions"),
                    ("assessment", "Assessment framework: domain status"),
                    ("ofsted", "Latest Ofsted activity"),
                    required=("agenda",),
                ),
            ),
        ),
    ),
    ReportKind(
        key="lead-member-update",
        title="The Lead Member's update to full Council",
        module="lead_member_update",
        purpose="The Cabinet Member's monthly progress report to full Council, in the shape "
        "of the source documents (2019-06, 2020-11).",
        leaves_council=True,
        templates=(
            Template(
                1,
                _specs(
                    ("introduction", "Introduction"),
                    ("ofsted", "Ofsted activity"),
                    ("intervention", "Intervention and the children's trust"),
                    ("staff", "The staff perspective"),
                    ("initiatives", "Service improvement initiatives"),
                    ("conclusion", "Conclusion"),
                    ("youth_cabinet", "Statement from the Youth Cabinet"),
                    required=("introduction", "conclusion"),
                ),
            ),
        ),
    ),
    ReportKind(
        key="commissioner-report",
        title="The Commissioner's progress report",
        module="commissioner_report",
        purpose="The Commissioner's report to the Secretary of State, domain by domain, in the "
        "shape of the source document (2022-01).",
        leaves_council=True,
        templates=(
            Template(
                1,
                _specs(
                    ("introduction", "Introduction"),
                    ("background", "Summary background"),
                    ("framework", "The framework and the review"),
                    ("domains", "The domains"),
                    ("additional_evidence", "Additional evidence"),
                    ("conclusions", "Conclusions"),
                    ("recommendations", "Recommendations"),
                    ("appendix_framework", "Appendix: the framework"),
                    ("appendix_self_assessment", "Appendix: the council's self-assessment"),
                    required=("introduction", "conclusions"),
                ),
            ),
        ),
    ),
)

KINDS = {kind.key: kind for kind in REPORTS}


def get(key: str) -> ReportKind:
    return KINDS[key]
