"""A paper as its reader gets it, for every format alike (renderers/): sentences filled in,
small numbers masked in a paper leaving the council, the leaders' narrative text in place of
the draft, and each cited figure numbered in the order first cited, for the "Figures cited"
list every sentence links to.

A narrative the leaders edited is shown as they wrote it. A sentence of theirs that is a
drafted sentence word for word keeps that sentence's citations; one they rewrote cites nothing,
since the system cannot know which figure the new words state. The edit form offers the draft
filled as this paper's audience reads it (masked where it leaves the council), so an edited
narrative starts from the suppressed figures, never the raw ones.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from trajectory.reports import suppression
from trajectory.reports.document import (
    Chart,
    Document,
    Figure,
    Items,
    Narrative,
    Paragraph,
    Section,
    Sentence,
    Table,
    filled,
)
from trajectory.voice.suppression import Rule
from trajectory.web.dates import govuk_date

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


@dataclass(frozen=True)
class Said:
    """A sentence as read, with the numbers of the figures it cites."""

    text: str
    refs: tuple[int, ...] = ()


@dataclass(frozen=True)
class Shown:
    """A block as read: `kind` names the block; the rest as the kind needs."""

    kind: str
    paragraphs: tuple[tuple[Said, ...], ...] = ()  # paragraph, narrative, items (one each)
    title: str = ""
    key: str = ""
    edited: bool = False
    head: tuple[str, ...] = ()
    rows: tuple[tuple[tuple[str, bool, tuple[int, ...]], ...], ...] = ()  # text, total, refs
    empty: str = ""
    chart: Chart | None = None
    withheld: int = 0  # cells shown as the mark


@dataclass(frozen=True)
class ShownSection:
    key: str
    title: str
    level: int
    blocks: tuple[Shown, ...]
    subsections: tuple[ShownSection, ...] = ()


@dataclass(frozen=True)
class Cited:
    number: int
    figure: Figure
    shown: str
    rule_number: int = 0  # its counting rule in `Reading.rules`

    @property
    def as_at_shown(self) -> str:
        return govuk_date(date.fromisoformat(self.figure.as_at)) if self.figure.as_at else ""


@dataclass(frozen=True)
class CountingRule:
    number: int
    rule: str
    source: str


@dataclass
class Reading:
    """The whole paper as read. Figures sharing a counting rule and source (an indicator's
    figure now and a year before) cite it once, in `rules`."""

    document: Document
    sections: list[ShownSection]
    cited: list[Cited] = field(default_factory=list)
    withheld: bool = False  # whether any figure was masked
    rules: list[CountingRule] = field(default_factory=list)


class Presenter:
    def __init__(self, document: Document, *, rule: Rule | None, narratives: dict[str, str]):
        self.document = document
        self.rule = rule
        self.narratives = narratives
        self._numbers: dict[str, int] = {}
        self.withheld = False

    # figures ------------------------------------------------------------------------------

    def shown(self, figure: Figure) -> str:
        if self.rule is not None and suppression.figure_withheld(figure, self.rule):
            self.withheld = True
            return suppression.MARKER
        return figure.shown

    def _number(self, key: str) -> int:
        if key not in self._numbers:
            self._numbers[key] = len(self._numbers) + 1
        return self._numbers[key]

    def said(self, sentence: Sentence) -> Said:
        text = filled(sentence, self.document.figures, self.shown)
        return Said(text, tuple(self._number(key) for key in sentence.cites))

    def draft_text(self, narrative: Narrative) -> str:
        """The draft as this paper's reader would read it: what the edit form starts from."""
        return " ".join(
            filled(sentence, self.document.figures, self.shown) for sentence in narrative.drafted
        )

    # blocks -------------------------------------------------------------------------------

    def _narrative(self, block: Narrative) -> Shown:
        edited = self.narratives.get(block.key)
        if edited is None:
            said = tuple(self.said(sentence) for sentence in block.drafted)
            return Shown("narrative", (said,), title=block.title, key=block.key)
        drafted = {}
        for sentence in block.drafted:
            drafted.setdefault(filled(sentence, self.document.figures, self.shown), sentence)
        paragraphs = []
        for paragraph in re.split(r"\n\s*\n", edited.strip()):
            if not paragraph.strip():
                continue
            sentences = []
            for text in _SENTENCE_END.split(" ".join(paragraph.split())):
                match = drafted.get(text)
                sentences.append(self.said(match) if match else Said(text))
            paragraphs.append(tuple(sentences))
        return Shown("narrative", tuple(paragraphs), title=block.title, key=block.key, edited=True)

    def _table(self, block: Table) -> Shown:
        masked = suppression.table_withheld(block, self.rule) if self.rule else set()
        if masked:
            self.withheld = True
        rows = []
        for r, row in enumerate(block.rows):
            cells = []
            for c, cell in enumerate(row):
                refs = (self._number(cell.cite),) if cell.cite else ()
                if (r, c) in masked:
                    cells.append((suppression.MARKER, cell.total, refs))
                elif cell.cite:
                    cells.append((self.shown(self.document.figures[cell.cite]), cell.total, refs))
                else:
                    cells.append((cell.text, cell.total, refs))
            rows.append(tuple(cells))
        return Shown(
            "table",
            title=block.caption,
            head=block.head,
            rows=tuple(rows),
            empty=block.empty,
            withheld=len(masked),
        )

    def block(self, block) -> Shown:
        if isinstance(block, Paragraph):
            return Shown("paragraph", (tuple(self.said(s) for s in block.sentences),))
        if isinstance(block, Narrative):
            return self._narrative(block)
        if isinstance(block, Items):
            return Shown("items", (tuple(self.said(s) for s in block.items),), empty=block.empty)
        if isinstance(block, Table):
            return self._table(block)
        if isinstance(block, Chart):
            return Shown("chart", title=block.title, key=block.key, chart=block)
        raise TypeError(f"Unknown block {block!r}")

    def section(self, section: Section, level: int = 1) -> ShownSection:
        return ShownSection(
            key=section.key,
            title=section.title,
            level=level,
            blocks=tuple(self.block(block) for block in section.blocks),
            subsections=tuple(self.section(sub, level + 1) for sub in section.subsections),
        )

    def reading(self) -> Reading:
        sections = [self.section(section) for section in self.document.sections]
        figures = self.document.figures
        rules: dict[tuple[str, str], int] = {}
        cited = []
        for key, number in sorted(self._numbers.items(), key=lambda item: item[1]):
            figure = figures[key]
            rule = rules.setdefault((figure.rule, figure.source), len(rules) + 1)
            cited.append(Cited(number, figure, self.shown(figure), rule))
        counting = [CountingRule(n, rule, source) for (rule, source), n in rules.items()]
        return Reading(self.document, sections, cited, self.withheld, counting)


def read(document: Document, *, rule: Rule | None, narratives: dict[str, str]) -> Reading:
    return Presenter(document, rule=rule, narratives=narratives).reading()
