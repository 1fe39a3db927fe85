"""The default case audit template, as data (issue 11.1).

The themes are the ones a council's quality assurance framework commonly audits a child's case
against: management oversight, the quality of assessment, planning, the child's voice,
permanence, and the recording that holds them together. The questions are written afresh for
this project. Quality questions are graded on Ofsted's scale; questions about whether something
was done, yes, partly or no.
"""

from __future__ import annotations

from dataclasses import dataclass

NAME = "Case audit"
DESCRIPTION = (
    "A practice audit of one child's case: what the record shows of oversight, assessment, "
    "planning, the child's voice and permanence, and the difference made for the child."
)


@dataclass(frozen=True)
class Question:
    text: str
    scale: str  # "ofsted" or "yes_no"
    guidance: str = ""


@dataclass(frozen=True)
class Theme:
    name: str
    description: str
    questions: tuple[Question, ...]


THEMES: tuple[Theme, ...] = (
    Theme(
        "Management oversight",
        "Whether managers know the case, direct it and check that what they directed happened.",
        (
            Question(
                "Is there a recorded management decision at each key point of the case?",
                "yes_no",
            ),
            Question(
                "How well does supervision of the case move the plan on for the child?",
                "ofsted",
                "Look for reflection, a clear direction and a date by which it is to be done.",
            ),
        ),
    ),
    Theme(
        "Assessment",
        "Whether the assessment is current, analytical and makes sense of the child's history.",
        (
            Question("Is there an assessment completed within the last twelve months?", "yes_no"),
            Question(
                "How well does the assessment analyse risk, need and the family's strengths?",
                "ofsted",
            ),
        ),
    ),
    Theme(
        "Planning",
        "Whether the plan says what will change, who will do it and by when, and is reviewed.",
        (
            Question(
                "Is the plan specific about actions, people responsible and timescales?", "ofsted"
            ),
            Question("Has the plan been reviewed within its required timescale?", "yes_no"),
        ),
    ),
    Theme(
        "The child's voice",
        "Whether the child is seen, heard and understood, and what they say shapes the work.",
        (
            Question("Was the child seen, and seen alone where appropriate, on time?", "yes_no"),
            Question(
                "How well do the child's wishes and feelings shape the plan?",
                "ofsted",
                "Look for the child's own words and how the plan answers them.",
            ),
        ),
    ),
    Theme(
        "Permanence",
        "Whether the child has, or is on track to have, a stable, loving home for childhood.",
        (
            Question(
                "Is there a clear permanence plan, agreed by the second review?",
                "yes_no",
            ),
            Question("How well is drift avoided in securing permanence?", "ofsted"),
        ),
    ),
    Theme(
        "Impact for the child",
        "Whether the child's circumstances are better because of the work done.",
        (
            Question("How much difference has the work made to the child's life?", "ofsted"),
            Question("Is the case record up to date and written for the child to read?", "yes_no"),
        ),
    ),
)
