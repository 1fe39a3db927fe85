"""A paper as read (present.py): placeholders filled, figures numbered as first cited, small
numbers masked for a paper leaving the council, and the leaders' edits."""

from __future__ import annotations

from trajectory.reports.document import Document, Figure, Narrative, Section, Sentence, paragraph
from trajectory.reports.present import read
from trajectory.voice.suppression import Rule


def _figure(key, shown, count=None) -> Figure:
    return Figure(
        key, key.title(), shown, "2026-09-30", "Counted by hand.", "The test", count=count
    )


def _document() -> Document:
    return Document(
        kind="sample",
        title="T",
        council_name="Westshire",
        as_at="2026-09-30",
        sections=(
            Section(
                "one",
                "One",
                (
                    paragraph(
                        Sentence("Big {big}, small {small}.", ("big", "small")),
                        Sentence("Typed {braces} stay.", ()),
                    ),
                    Narrative(
                        "summary",
                        "Summary",
                        (
                            Sentence("Small is {small}.", ("small",)),
                            Sentence("Big is {big}.", ("big",)),
                        ),
                    ),
                ),
            ),
        ),
        figures={"big": _figure("big", "40", 40), "small": _figure("small", "3", 3)},
    )


def test_sentences_are_filled_and_figures_numbered_as_first_cited():
    reading = read(_document(), rule=None, narratives={})
    first, narrative = reading.sections[0].blocks
    said = first.paragraphs[0]
    assert said[0].text == "Big 40, small 3."
    assert said[0].refs == (1, 2)
    assert said[1].text == "Typed {braces} stay."
    assert [s.text for s in narrative.paragraphs[0]] == ["Small is 3.", "Big is 40."]
    assert narrative.paragraphs[0][0].refs == (2,)
    assert [(cited.number, cited.figure.key, cited.shown) for cited in reading.cited] == [
        (1, "big", "40"),
        (2, "small", "3"),
    ]
    assert not reading.withheld
    # Both are counted by hand from the test: one counting rule, cited by both.
    assert [(rule.number, rule.rule) for rule in reading.rules] == [(1, "Counted by hand.")]
    assert [cited.rule_number for cited in reading.cited] == [1, 1]


def test_a_paper_leaving_the_council_masks_the_small_count_everywhere():
    reading = read(_document(), rule=Rule(minimum_count=5), narratives={})
    said = reading.sections[0].blocks[0].paragraphs[0]
    assert said[0].text == "Big 40, small c."
    assert [cited.shown for cited in reading.cited] == ["40", "c"]
    assert reading.withheld


def test_an_edited_narrative_keeps_citations_only_for_sentences_kept_word_for_word():
    edited = "Big is 40.  We are pleased.\n\nSmall is three."
    reading = read(_document(), rule=None, narratives={"summary": edited})
    narrative = reading.sections[0].blocks[1]
    assert narrative.edited
    first, second = narrative.paragraphs
    assert [(s.text, s.refs) for s in first] == [("Big is 40.", (1,)), ("We are pleased.", ())]
    assert [(s.text, s.refs) for s in second] == [("Small is three.", ())]
