"""A paper as data: sections of blocks, and the figures its sentences cite (issue 12).

Builders make a `Document` from selectors and a stored indicator run; a report version keeps
it as JSON (`to_data`), and every format is drawn from that JSON alone (renderers/), so a paper
rebuilt from its version is the paper as generated, whatever has been imported since.

A sentence states a figure through a placeholder, `{figure-key}`, filled in when the paper is
drawn: the same sentence reads "893" inside the council and "c" in a paper leaving it when the
figure is a small count (suppression.py), and it links to the figure it states.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field, fields

PLACEHOLDER = re.compile(r"\{([a-z0-9_.:@-]+)\}")


@dataclass(frozen=True)
class Figure:
    """One figure a paper states, with where it came from and how it is counted."""

    key: str  # unique in the paper: "cla_count@2026-09-30", "plan.overdue@2026-09-30"
    label: str  # "Children looked after"
    shown: str  # as the pages show it: "893", "61.2%"
    as_at: str  # ISO date the figure stands at ("" where it has none)
    rule: str  # the counting rule, in words
    source: str  # "Indicator run 41 (SSDA903 2025-26 version 3)", "The plan as at ..."
    url: str = ""  # the figure's own page
    count: int | None = None  # the people it counts, where a small number could identify them
    denominator: int | None = None  # a percentage's base, for the same reason
    respondents: int | None = None  # a survey result's answers: too few, and it is withheld


@dataclass(frozen=True)
class Sentence:
    """Text with `{figure-key}` placeholders; `cites` lists the keys it states."""

    text: str
    cites: tuple[str, ...] = ()


@dataclass(frozen=True)
class Paragraph:
    sentences: tuple[Sentence, ...]
    kind: str = "paragraph"


@dataclass(frozen=True)
class Narrative:
    """A block leaders write: drafted from the figures (drafting.py), edited and kept with the
    report version (`ReportNarrative`)."""

    key: str  # unique in the paper: "area.children_in_care"
    title: str
    drafted: tuple[Sentence, ...]
    kind: str = "narrative"


@dataclass(frozen=True)
class Cell:
    """A table cell: plain text, or a count (suppressible) or a cited figure."""

    text: str
    count: int | None = None
    cite: str = ""
    total: bool = False  # a row's or column's total, for secondary suppression


@dataclass(frozen=True)
class Table:
    caption: str
    head: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    # Lines whose counts add up to a total cell (secondary suppression): "rows" where each
    # row's last cell totals the row's counts, "columns" where the last row totals each column.
    totals: tuple[str, ...] = ()
    empty: str = "None."
    kind: str = "table"


@dataclass(frozen=True)
class Chart:
    key: str
    title: str
    alt: str  # what the chart shows, in words, for screen readers and Word's alt text
    spec: dict
    kind: str = "chart"


@dataclass(frozen=True)
class Items:
    """A bulleted list of sentences."""

    items: tuple[Sentence, ...]
    empty: str = "None."
    kind: str = "items"


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    blocks: tuple = ()
    subsections: tuple[Section, ...] = ()


@dataclass(frozen=True)
class Document:
    kind: str
    title: str
    council_name: str
    as_at: str
    sections: tuple[Section, ...]
    figures: dict[str, Figure] = field(default_factory=dict)
    subtitle: str = ""

    def narratives(self) -> list[Narrative]:
        return [
            block
            for section in walk(self.sections)
            for block in section.blocks
            if isinstance(block, Narrative)
        ]

    def to_data(self) -> dict:
        return asdict(self)

    @classmethod
    def from_data(cls, data: dict) -> Document:
        return Document(
            kind=data["kind"],
            title=data["title"],
            council_name=data["council_name"],
            as_at=data["as_at"],
            subtitle=data.get("subtitle", ""),
            sections=tuple(_section(item) for item in data["sections"]),
            figures={key: Figure(**value) for key, value in data["figures"].items()},
        )


def walk(sections) -> list[Section]:
    """Every section and subsection, in reading order."""
    found = []
    for section in sections:
        found.append(section)
        found.extend(walk(section.subsections))
    return found


def _sentences(items) -> tuple[Sentence, ...]:
    return tuple(Sentence(item["text"], tuple(item["cites"])) for item in items)


def _block(data: dict):
    kind = data["kind"]
    if kind == "paragraph":
        return Paragraph(_sentences(data["sentences"]))
    if kind == "narrative":
        return Narrative(data["key"], data["title"], _sentences(data["drafted"]))
    if kind == "items":
        return Items(_sentences(data["items"]), data.get("empty", "None."))
    if kind == "chart":
        return Chart(data["key"], data["title"], data["alt"], data["spec"])
    if kind == "table":
        cell_fields = {item.name for item in fields(Cell)}
        return Table(
            caption=data["caption"],
            head=tuple(data["head"]),
            rows=tuple(
                tuple(Cell(**{k: v for k, v in cell.items() if k in cell_fields}) for cell in row)
                for row in data["rows"]
            ),
            totals=tuple(data.get("totals", ())),
            empty=data.get("empty", "None."),
        )
    raise ValueError(f"Unknown block kind {kind!r}")


def _section(data: dict) -> Section:
    return Section(
        key=data["key"],
        title=data["title"],
        blocks=tuple(_block(item) for item in data["blocks"]),
        subsections=tuple(_section(item) for item in data["subsections"]),
    )


def paragraph(*sentences: Sentence | str) -> Paragraph:
    """A paragraph of sentences; a plain string is a sentence citing nothing."""
    return Paragraph(tuple(s if isinstance(s, Sentence) else Sentence(s) for s in sentences))


def filled(sentence: Sentence, figures: dict[str, Figure], shown) -> str:
    """The sentence with each placeholder of a figure it cites replaced by `shown(figure)`.
    Braces that name no cited figure (in an action's title, say) are left as typed; a cited
    figure missing from the paper is a builder's bug and raises rather than print a blank."""

    def replace(match) -> str:
        key = match.group(1)
        return shown(figures[key]) if key in sentence.cites else match.group(0)

    return PLACEHOLDER.sub(replace, sentence.text)
