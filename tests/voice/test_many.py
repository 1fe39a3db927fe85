"""Recording many events and tagging many answers at once: each record's fields in its
history as one by one would, one audit entry, the same checks."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.voice.conftest import ANSWER_HEADER
from trajectory.audit.models import AuditEntry
from trajectory.councils.models import Role
from trajectory.history.selectors import history_of
from trajectory.voice import services
from trajectory.voice.models import Answer, EngagementEvent


def test_events_at_once(council, analyst, people):
    theme = services.theme_create(council=council, user=analyst, name="Workload")
    made = services.events_record_many(
        council=council,
        user=analyst,
        events=[
            {
                "kind": "event",
                "format": "face_to_face",
                "held_on": date(2025, 4, 7),
                "title": "Staff event 1",
                "attendance": 31,
                "themes": [theme],
            },
            {
                "kind": "drop_in",
                "format": "virtual",
                "held_on": date(2025, 5, 20),
                "title": "Drop-in",
            },
        ],
    )
    assert EngagementEvent.objects.count() == 2
    assert list(made[0].themes.all()) == [theme]
    fields = {c.field: c.after for c in history_of(analyst, council, made[0])}
    assert fields["attendance"] == "31" and fields["themes"] == "Workload"
    assert fields["held_on"] == "7 April 2025" and fields["kind"] == "Staff engagement event"
    assert AuditEntry.objects.filter(action="voice.event.create_many").count() == 1
    with pytest.raises(ValidationError):
        services.events_record_many(
            council=council,
            user=analyst,
            events=[
                {"kind": "party", "format": "virtual", "held_on": date(2025, 1, 1), "title": "x"}
            ],
        )
    with pytest.raises(PermissionDenied):
        services.events_record_many(council=council, user=people[Role.BOARD_MEMBER], events=[])
    assert EngagementEvent.objects.count() == 2


def test_answers_tagged_at_once(council, analyst, own_survey):
    text = ANSWER_HEADER + "".join(
        f"A,2025-10-31,r{n},better,Better?,free_text,Answer {n}\n" for n in range(1, 4)
    )
    services.results_upload(
        survey=own_survey, user=analyst, file_name="a.csv", content=text.encode()
    )
    first, second = (
        services.theme_create(council=council, user=analyst, name=name) for name in ("B", "A")
    )
    one, two, three = Answer.objects.order_by("pk")
    services.answer_tag(answer=one, user=analyst, themes=[first])
    added = services.answers_tag_many(
        council=council, user=analyst, tagging=[(one, [second, first]), (two, [second])]
    )
    assert added == 2  # one already had B
    one.refresh_from_db()
    assert sorted(t.name for t in one.themes.all()) == ["A", "B"] and one.edit_version == 3
    latest = history_of(analyst, council, one).first()
    assert (latest.before, latest.after) == ("B", "A, B")
    assert three.themes.count() == 0
