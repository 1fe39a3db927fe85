"""A paper built: its template's sections in order, each by its builder's function, from one
snapshot (facts.py). Nothing here reads the database; the builders read selectors and the
snapshot's pinned run."""

from __future__ import annotations

from trajectory.reports.catalogue import ReportKind, Template
from trajectory.reports.document import Document
from trajectory.reports.facts import Snapshot
from trajectory.web.dates import govuk_date


def build_document(
    kind: ReportKind, template: Template, snapshot: Snapshot, *, omit: frozenset[str] = frozenset()
) -> Document:
    """The paper. A builder function is `function(snapshot, spec) -> Section`; an optional
    section named in `omit` is left out, a required one never is."""
    sections = kind.builder().SECTIONS
    built = [
        sections[spec.key](snapshot, spec)
        for spec in template.sections
        if not (spec.optional and spec.key in omit)
    ]
    return Document(
        kind=kind.key,
        title=kind.title,
        council_name=snapshot.council.name,
        as_at=snapshot.as_at.isoformat(),
        subtitle=f"{snapshot.council.name}, as at {govuk_date(snapshot.as_at)}",
        sections=tuple(built),
        figures=dict(snapshot.book),
    )
