"""The national default framework, as data (issue 9.1).

The eight domains follow the headings of the Commissioner's framework in the West Sussex report
of January 2022 (`domain/sources/2022-01-commissioner-report-west-sussex.txt`, "Assessment of
Progress" and "Additional Evidence"), in its order. Criteria and guidance are written afresh
from those headings; none of the report's sentences is copied.

The rating scale is the framework's own, lowest first: agreement between the council and the
Commissioner is read from the two ratings' places on it (`agreement.py`).
"""

from __future__ import annotations

from dataclasses import dataclass

NAME = "Progress under intervention"
DESCRIPTION = (
    "Whether the council can keep improving its children's services under its own control: "
    "the council assesses itself domain by domain and the Commissioner gives a calibrated "
    "opinion on the evidence."
)
RATING_SCALE = (
    "Not yet evidenced",
    "Early progress",
    "Progressing",
    "Well progressed",
    "Met",
)


@dataclass(frozen=True)
class DomainTemplate:
    name: str
    criterion: str
    guidance: str


DOMAINS: tuple[DomainTemplate, ...] = (
    DomainTemplate(
        name="Political leadership",
        criterion=(
            "There should be evidence that elected members lead children's services with "
            "knowledge and commitment, backing the service and holding it to account."
        ),
        guidance=(
            "Look at who holds the Leader, Lead Member and scrutiny chair roles and how long "
            "they have held them; how decisions about children are taken and scrutinised in "
            "public; members' learning and briefings; the corporate parenting panel; and "
            "whether investment in the service has political backing. Note what remains to be "
            "done across the wider membership."
        ),
    ),
    DomainTemplate(
        name="Corporate officer leadership",
        criterion=(
            "There should be evidence that the chief executive and the corporate leadership "
            "team give children's services a stable and secure place in the council."
        ),
        guidance=(
            "Consider turnover and interim appointments in senior posts, the standing of the "
            "DCS in the corporate structure, how corporate governance and decision-making help "
            "or hinder improvement, and any dependence on one individual that needs support "
            "or succession."
        ),
    ),
    DomainTemplate(
        name="Children's departmental officer leadership",
        criterion=(
            "There should be evidence that the DCS and senior team are driving improvement "
            "with confidence, skill and pace."
        ),
        guidance=(
            "Consider the stability of the senior team, the management structure and how "
            "clear roles and accountabilities are from case work to strategy, managers' "
            "training, the practice model and its introduction, and attention to work with "
            "partners as well as internal practice."
        ),
    ),
    DomainTemplate(
        name="Performance",
        criterion=(
            "There should be evidence, in the data, that performance is understood at every "
            "level and is becoming more consistent and better."
        ),
        guidance=(
            "Cite indicators as at the review date with their variation and benchmarks. Look "
            "for regular scrutiny of performance data, attention to serious weaknesses such as "
            "visit timeliness, volatility that may point to weak management control, the "
            "quality assurance framework and case audits, and supervision. Distinguish a "
            "framework that is embedding from one that is embedded."
        ),
    ),
    DomainTemplate(
        name="Ofsted",
        criterion=(
            "There should be evidence from Ofsted's visits of a path of improvement towards "
            "a full inspection judging the service at least requires improvement."
        ),
        guidance=(
            "Cite the monitoring and focused visits since the inadequate judgement, what each "
            "looked at and found, and how far the areas for improvement have been answered. "
            "Say which parts of the service are near requires improvement and how "
            "consistently."
        ),
    ),
    DomainTemplate(
        name="Improvement Board and related arrangements (including partnership working)",
        criterion=(
            "There should be evidence that the Improvement Board and the arrangements around "
            "it monitor and drive improvement well, with partners engaged."
        ),
        guidance=(
            "Consider how the board is organised and attended, the quality of its papers and "
            "data, the pattern of internal and external meetings, and what partners (schools, "
            "health, police, district councils) say, including concerns escalated and how "
            "they were resolved."
        ),
    ),
    DomainTemplate(
        name="Soft intelligence",
        criterion=(
            "There should be qualitative evidence, from staff, children and families, that "
            "tests the conclusions drawn from the other domains."
        ),
        guidance=(
            "Consider staff engagement and what staff say in focus groups and drop-ins, "
            "surveys of children in care, the views of the improvement partner's managers, "
            "and involvement of children and families. Treat such evidence with care: say "
            "where it is uneven between teams."
        ),
    ),
    DomainTemplate(
        name="Additional evidence",
        criterion=(
            "There should be any further evidence that bears on whether the council can keep "
            "improving under its own control."
        ),
        guidance=(
            "For example fostering, residential care and mental health services for "
            "adolescents, or the views of the local judiciary. Evidence from partners may sit "
            "better under the Improvement Board domain."
        ),
    ),
)
