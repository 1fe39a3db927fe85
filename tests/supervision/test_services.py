"""Supervision's writes and reads: roles by service, form and crafted POST; the standard's
versions; a stale edit refused; compliance and oversight from records worked by hand; evidence
and the run's figures. The CSV upload is in test_upload.py, changing oversight in
test_oversight_edit.py, the team at the time in test_team_history.py."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from trajectory.audit.models import AuditEntry
from trajectory.councils.models import Role
from trajectory.history.models import Change
from trajectory.supervision import figures, selectors, services
from trajectory.supervision.models import Supervision
from trajectory.supervision.schedule import MONTHS, WEEKS, Step
from trajectory.web.edit_conflicts import StaleEdit

D = date
MONTHLY = [Step(every=(1, MONTHS))]
JANUARY = date(2025, 1, 1)


def _standard(council, user, applies_from=JANUARY, steps=None, **more):
    return services.standard_change(
        council=council,
        user=user,
        applies_from=applies_from,
        steps=steps or MONTHLY,
        measured_from="qualification",
        counted_types=more.pop("counted_types", ["individual"]),
        oversight_every=more.pop("oversight_every", (3, MONTHS)),
        reason="Our policy",
        **more,
    )


def test_roles_for_writes(council, people):
    for role in (Role.BOARD_MEMBER, Role.REGION, Role.COMMISSIONER, Role.ADMIN):
        with pytest.raises(PermissionDenied):
            services.supervision_record(
                council=council,
                user=people[role],
                worker_id="SW0001",
                held_on=D(2025, 1, 5),
                kind="individual",
                supervisor="M1",
            )
    for day, role in enumerate((Role.MANAGER, Role.LEADER, Role.ANALYST), start=5):
        services.supervision_record(
            council=council,
            user=people[role],
            worker_id="sw0001",
            held_on=D(2025, 1, day),
            kind="individual",
            supervisor="M1",
        )
    assert Supervision.objects.filter(council=council, worker__worker_id="SW0001").count() == 3


def test_record_checks_and_history(council, people):
    manager = people[Role.MANAGER]
    with pytest.raises(ValidationError) as error:
        services.supervision_record(
            council=council,
            user=manager,
            worker_id="AB12",
            held_on=D(2025, 4, 1),
            kind="individual",
            supervisor="",
        )
    assert set(error.value.message_dict) == {"worker_id"}
    with pytest.raises(ValidationError) as error:
        services.supervision_record(
            council=council,
            user=manager,
            worker_id="SW0001",
            held_on=D(2025, 4, 1),
            kind="individual",
            supervisor="",
        )
    assert set(error.value.message_dict) == {"held_on", "supervisor"}
    item = services.supervision_record(
        council=council,
        user=manager,
        worker_id="SW0001",
        held_on=D(2025, 1, 6),
        kind="individual",
        supervisor="M1",
        cases=["C1", "C2"],
    )
    services.supervision_update(item=item, user=manager, opened_version=1, supervisor="M2")
    with pytest.raises(StaleEdit):
        services.supervision_update(item=item, user=manager, opened_version=1, supervisor="M3")
    fields = set(Change.objects.filter(operation="changed").values_list("field", flat=True))
    assert fields == {"supervisor"}
    assert AuditEntry.objects.filter(action="supervision.update").count() == 1


def test_compliance_from_records(council, people, team_file):
    leader = people[Role.LEADER]
    _standard(council, leader)
    # SW0001 (Team A): January and February on time. SW0002 (Team B): January only.
    for worker, day in (("SW0001", 10), ("SW0002", 20)):
        services.supervision_record(
            council=council,
            user=leader,
            worker_id=worker,
            held_on=D(2025, 1, day),
            kind="individual",
            supervisor="M",
        )
    services.supervision_record(
        council=council,
        user=leader,
        worker_id="SW0001",
        held_on=D(2025, 2, 3),
        kind="individual",
        supervisor="M",
    )
    services.supervision_record(  # group supervision does not count
        council=council,
        user=leader,
        worker_id="SW0002",
        held_on=D(2025, 2, 3),
        kind="group",
        supervisor="M",
    )
    found = selectors.compliance(people[Role.BOARD_MEMBER], council)
    assert found.overall[:2] == [[D(2025, 1, 31), 2, 2, 100.0], [D(2025, 2, 28), 1, 2, 50.0]]
    assert found.by_team["Team B"][1] == [D(2025, 2, 28), 0, 1, 0.0]
    # March has not ended on 15 March: nothing due yet.
    assert found.overall[2] == [D(2025, 3, 31), 0, 0, None]
    run = figures.monthly_figures(council)
    council_rows = [r for r in run if "dimension" not in r]
    assert [(r["as_at"], r["value"]) for r in council_rows] == [
        (D(2025, 1, 31), 100.0),
        (D(2025, 2, 28), 50.0),
    ]
    from trajectory.assessment import evidence

    snap = evidence.current(council, "supervision_compliance", "2025-02", D(2025, 3, 1))
    assert snap["value"] == "50.0%" and "1 of 2" in snap["detail"]


def test_standard_versions_and_stale_change(council, people):
    leader = people[Role.LEADER]
    first = _standard(council, leader)
    assert first.number == 1
    second = _standard(
        council,
        leader,
        D(2025, 3, 1),
        steps=[Step(every=(1, WEEKS), until=(6, WEEKS)), Step(every=(1, MONTHS))],
        opened_version=2,
    )
    assert second.number == 2
    with pytest.raises(StaleEdit):
        _standard(council, leader, D(2025, 4, 1), opened_version=2)
    with pytest.raises(ValidationError):
        _standard(council, leader, D(2025, 4, 1), steps=[Step(every=(1, WEEKS), until=(6, WEEKS))])
    assert [s.applies_from for s in selectors.standards(council)] == [D(2025, 1, 1), D(2025, 3, 1)]
    with pytest.raises(PermissionDenied):
        _standard(council, people[Role.BOARD_MEMBER])


def test_oversight_needs_child_level(council, people):
    with pytest.raises(PermissionDenied):
        services.oversight_record(
            council=council,
            user=people[Role.BOARD_MEMBER],
            child="C1",
            recorded_on=D(2025, 1, 2),
            manager="M",
        )
    item = services.oversight_record(
        council=council,
        user=people[Role.MANAGER],
        child="C1",
        recorded_on=D(2025, 1, 2),
        manager="M",
        note="Plan reviewed",
    )
    assert item.edit_version == 1
    with pytest.raises(PermissionDenied):
        selectors.oversight_children(people[Role.BOARD_MEMBER], council)
    assert selectors.oversight_rows(people[Role.BOARD_MEMBER], council) == [
        [D(2025, 1, 31), 0, 0, None],
        [D(2025, 2, 28), 0, 0, None],
    ]


def test_merge_spells_joins_consecutive_episodes():
    spells = [
        ("A", D(2024, 1, 1), D(2024, 3, 1)),
        ("A", D(2024, 3, 1), None),
        ("B", D(2024, 1, 1), D(2024, 2, 1)),
        ("B", D(2024, 5, 1), None),
    ]
    assert selectors.merge_spells(spells) == [
        ("A", D(2024, 1, 1), None),
        ("B", D(2024, 1, 1), D(2024, 2, 1)),
        ("B", D(2024, 5, 1), None),
    ]


PAGES = [
    ("supervision_compliance", {}),
    ("supervision_standard", {}),
    ("supervision_oversight", {}),
]
CHILD_LEVEL_PAGES = [
    ("supervision_workers", {}),
    ("supervision_worker", {"worker_id": "SW0001"}),
    ("supervision_oversight_child", {"child": "CHILD9"}),
]
WRITE_PAGES = [
    ("supervision_record_add", {}),
    ("supervision_import", {}),
    ("supervision_standard_edit", {}),
    ("supervision_oversight_add", {}),
]


def _url(council, name, kwargs):
    return reverse(name, kwargs={"council_code": council.code, **kwargs})


def test_pages_by_role(client, council, people, team_file):
    services.supervision_record(
        council=council,
        user=people[Role.MANAGER],
        worker_id="SW0001",
        held_on=D(2025, 1, 6),
        kind="individual",
        supervisor="M1",
        cases=["CHILD9"],
    )
    client.force_login(people[Role.BOARD_MEMBER])
    for name, kwargs in PAGES:
        response = client.get(_url(council, name, kwargs))
        assert response.status_code == 200, name
        assert b"CHILD9" not in response.content
    for name, kwargs in CHILD_LEVEL_PAGES + WRITE_PAGES:
        assert client.get(_url(council, name, kwargs)).status_code == 403, name
    response = client.post(
        _url(council, "supervision_record_add", {}),
        {
            "worker_id": "SW0001",
            "held_on": "2025-01-07",
            "kind": "individual",
            "supervisor": "X",
        },
    )
    assert response.status_code == 403
    client.force_login(people[Role.COMMISSIONER])
    assert (
        client.get(_url(council, "supervision_worker", {"worker_id": "SW0001"})).status_code == 200
    )
    assert client.get(_url(council, "supervision_record_add", {})).status_code == 403
    client.force_login(people[Role.MANAGER])
    for name, kwargs in PAGES + CHILD_LEVEL_PAGES + WRITE_PAGES:
        assert client.get(_url(council, name, kwargs)).status_code == 200, name
    response = client.get(_url(council, "supervision_worker", {"worker_id": "SW0001"}))
    assert b"CHILD9" in response.content
    assert AuditEntry.objects.filter(action="child.view").exists()


def test_record_by_form_then_change(client, council, people):
    client.force_login(people[Role.MANAGER])
    response = client.post(
        _url(council, "supervision_record_add", {}),
        {
            "worker_id": "sw0005",
            "held_on": "2025-01-07",
            "kind": "reflective",
            "supervisor": "M1",
            "cases": "C1, C2",
        },
    )
    assert response.status_code == 302
    item = Supervision.objects.get()
    assert (item.worker.worker_id, item.cases, item.kind) == ("SW0005", ["C1", "C2"], "reflective")
    url = _url(council, "supervision_record_edit", {"pk": item.pk})
    data = {
        "held_on": "2025-01-08",
        "kind": "reflective",
        "supervisor": "M1",
        "cases": "C1",
        "opened_version": "1",
    }
    assert client.post(url, data).status_code == 302
    stale = client.post(url, {**data, "supervisor": "M9"})
    assert stale.status_code == 200 and b"since you opened it" in stale.content


def test_standard_by_form(client, council, people):
    client.force_login(people[Role.LEADER])
    url = _url(council, "supervision_standard_edit", {})
    data = {
        "applies_from": "2025-01-01",
        "step1_every": "1",
        "step1_every_unit": "weeks",
        "step1_until": "6",
        "step1_until_unit": "weeks",
        "step2_every": "1",
        "step2_every_unit": "months",
        "step2_until": "",
        "step2_until_unit": "",
        "step3_every_unit": "weeks",
        "step4_every_unit": "weeks",
        "measured_from": "qualification",
        "counted_types": ["individual"],
        "oversight_amount": "1",
        "oversight_unit": "months",
        "reason": "New policy",
        "opened_version": "",
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    (version,) = selectors.versions(people[Role.LEADER], council)
    assert version.steps == [
        {"every": [1, "weeks"], "until": [6, "weeks"]},
        {"every": [1, "months"], "until": None},
    ]
    page = client.get(_url(council, "supervision_standard", {}))
    assert b"Every 1 week until 6 weeks" in page.content


def test_oversight_rate_and_its_evidence(council, people, monkeypatch):
    """Two children open all quarter (spells as the returns give them), one with oversight."""
    from trajectory.assessment import evidence

    spells = [
        ("C1", D(2024, 6, 1), None),
        ("C2", D(2024, 6, 1), D(2024, 9, 1)),
        ("C2", D(2024, 9, 1), None),
    ]
    monkeypatch.setattr(selectors, "open_spells", lambda council: selectors.merge_spells(spells))
    manager = people[Role.MANAGER]
    services.oversight_record(
        council=council, user=manager, child="C1", recorded_on=D(2024, 12, 20), manager="M"
    )
    rows = selectors.oversight_rows(people[Role.REGION], council)
    # 31 December 2024: window 1 October to 31 December; C1 has oversight, C2 none.
    assert rows[0] == [D(2024, 12, 31), 1, 2, 50.0]
    snap = evidence.current(council, "case_oversight", "2024-12", D(2025, 3, 1))
    assert snap["value"] == "50.0%" and snap["as_at"] == "2024-12-31"
    missing = evidence.current(council, "case_oversight", "2025-03", D(2025, 3, 1))
    assert missing["value"] == "Not found"
    listed = selectors.oversight_children(manager, council)
    assert [(c.child, c.in_period) for c in listed] == [("C2", False), ("C1", True)]
