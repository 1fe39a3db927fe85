"""A small builder for the reports framework's own tests: one section of each block kind,
stating hand-picked figures, so rendering, suppression and versions are tested apart from any
real paper's content."""

from __future__ import annotations

from trajectory.reports.catalogue import ReportKind, SectionSpec, Template
from trajectory.reports.document import (
    Cell,
    Chart,
    Items,
    Narrative,
    Section,
    Sentence,
    Table,
    paragraph,
)

KIND = ReportKind(
    key="sample",
    title="Sample paper",
    module="tests.reports.sample_builder",
    purpose="The framework's test paper.",
    templates=(
        Template(
            1,
            (
                SectionSpec("figures", "Figures", optional=False),
                SectionSpec("extra", "Extra"),
            ),
        ),
    ),
)


def figures(snapshot, spec) -> Section:
    facts = snapshot.indicator("cla_count")
    snapshot.figure(
        "sample.small",
        "Children in a small group",
        "3",
        rule="Counted by hand.",
        source="The test",
        count=3,
    )
    snapshot.figure(
        "sample.big",
        "Children in a big group",
        "40",
        rule="Counted by hand.",
        source="The test",
        count=40,
    )
    blocks = [
        paragraph(
            Sentence(f"Looked after: {{{facts.key}}}.", (facts.key,)) if facts.key else "None.",
            Sentence(
                "A small group of {sample.small} and a big one of {sample.big}.",
                ("sample.small", "sample.big"),
            ),
        ),
        Narrative(
            "sample.narrative",
            "Summary",
            (
                Sentence("The big group is {sample.big}.", ("sample.big",)),
                Sentence("The small group is {sample.small}.", ("sample.small",)),
            ),
        ),
        Table(
            caption="Children by team",
            head=("Team", "Girls", "Boys", "Total"),
            rows=(
                (
                    Cell("North"),
                    Cell("2", count=2),
                    Cell("9", count=9),
                    Cell("11", count=11, total=True),
                ),
                (
                    Cell("South"),
                    Cell("6", count=6),
                    Cell("7", count=7),
                    Cell("13", count=13, total=True),
                ),
                (
                    Cell("Total", total=True),
                    Cell("8", count=8, total=True),
                    Cell("16", count=16, total=True),
                    Cell("24", count=24, total=True),
                ),
            ),
            totals=("rows", "columns"),
        ),
        Items((Sentence("First {sample.big}.", ("sample.big",)), Sentence("Second."))),
    ]
    if facts.values:
        from trajectory.indicators.charts import indicator_series_chart

        blocks.append(
            Chart(
                "sample.chart",
                "Children looked after",
                "A line of children looked after each month.",
                indicator_series_chart(facts.indicator, facts.values),
            )
        )
    return Section(spec.key, spec.title, tuple(blocks))


def extra(snapshot, spec) -> Section:
    return Section(spec.key, spec.title, (paragraph("Nothing more."),))


SECTIONS = {"figures": figures, "extra": extra}
