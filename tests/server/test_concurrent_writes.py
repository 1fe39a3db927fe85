"""Issue 6.2: bursts of simultaneous writes through the real server, none failing.

The server is gunicorn with 3 worker processes of 4 threads, on the default SQLite database
(or PostgreSQL when the suite runs there). Each burst is released at one instant by a barrier.
Before SQLite ran with immediate transactions, WAL and a busy timeout, 24 concurrent progress
updates gave 15 × 500 "database is locked", two accepts at once gave one 500 and two edits of
one action at once gave a 500.
"""

from __future__ import annotations

import re
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

PLAN_SEED = """
from datetime import date
from django.contrib.auth import get_user_model
from trajectory.councils.models import Council
from trajectory.inspections.models import Finding, Framework, Grade, Inspection, Judgement
from trajectory.plans.services import action_create, plan_create_from_inspection
council = Council.objects.get(code="990")
manager = get_user_model().objects.get(username="manager-990")
inspection = Inspection.objects.create(
    council=council, kind=Inspection.Kind.STANDARD, framework=Framework.ILACS,
    fieldwork_start=date(2023, 2, 6), fieldwork_end=date(2023, 2, 17),
    published_on=date(2023, 4, 3), source="manual",
)
Judgement.objects.create(inspection=inspection, area=Judgement.Area.OVERALL, grade=Grade.INADEQUATE)
Finding.objects.create(inspection=inspection, kind=Finding.Kind.AREA_FOR_IMPROVEMENT,
                       text="Management oversight is not effective.", order=1)
plan = plan_create_from_inspection(council=council, user=manager, inspection=inspection)
action = action_create(priority=plan.priorities.get(), user=manager, title="Audit supervision",
                       due_on=date(2027, 3, 31))
print(action.pk)
"""

HEADER = "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\nC0001,1,03/03/2011,WBRI,,,\n"
EPISODES = (
    "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,"
    "URN\nC0001,01/05/2022,S,C2,N1,U1,PR1,,,,,,\n"
)


def burst(calls):
    """Run every call at the same instant (after a barrier); their results, in order."""
    barrier = threading.Barrier(len(calls))

    def run(call):
        barrier.wait(timeout=60)
        return call()

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        return list(pool.map(run, calls))


@pytest.fixture(scope="module")
def action_id(server):
    return int(server.python(PLAN_SEED).strip())


def test_24_simultaneous_progress_updates_all_succeed(server, action_id):
    managers = [server.client("manager-990") for _ in range(6)] + [
        server.client("leader-990") for _ in range(6)
    ]
    path = f"/councils/990/plan/actions/{action_id}/update/"
    calls = [
        (
            lambda client=managers[n % 12], n=n: client.post(
                path,
                {
                    "narrative": f"Update number {n}",
                    "progress": "on_track",
                    "status": "in_progress",
                    "opened_version": "1",
                },
            )
        )
        for n in range(24)
    ]
    responses = burst(calls)
    assert [r.status_code for r in responses] == [302] * 24, [
        r.text[:300] for r in responses if r.status_code != 302
    ]
    narratives = server.python(
        "from trajectory.plans.models import ProgressUpdate\n"
        f"print('|'.join(sorted(ProgressUpdate.objects.filter(action_id={action_id})"
        ".values_list('narrative', flat=True))))"
    ).strip()
    assert sorted(narratives.split("|")) == sorted(f"Update number {n}" for n in range(24))


def test_two_simultaneous_edits_of_one_action_save_one_and_refuse_the_other_plainly(
    server, action_id
):
    """Both people opened the form at the same version: whichever lands first is saved, the
    other gets its form back naming the change (issue 6.3), and neither gets a 500."""
    path = f"/councils/990/plan/actions/{action_id}/edit/"
    people = [server.client("manager-990"), server.client("leader-990")]
    opened = [
        re.search(r'name="opened_version" value="(\d+)"', person.get(path).text).group(1)
        for person in people
    ]
    assert opened[0] == opened[1]
    form = {"owner": "", "owner_name": "", "start_on": "", "due_on": "2027-03-31"}
    calls = [
        (
            lambda person=person, title=title: person.post(
                path,
                form | {"title": title, "status": "in_progress", "opened_version": opened[0]},
            )
        )
        for person, title in zip(
            people, ("Audit supervision monthly", "Audit supervision"), strict=True
        )
    ]
    responses = burst(calls)
    assert sorted(r.status_code for r in responses) == [200, 302]
    refused = next(r for r in responses if r.status_code == 200)
    assert "since you opened it" in refused.text
    saved_title = server.python(
        "from trajectory.plans.models import Action\n"
        f"print(Action.objects.get(pk={action_id}).title)"
    ).strip()
    winner = responses.index(next(r for r in responses if r.status_code == 302))
    assert saved_title == ("Audit supervision monthly", "Audit supervision")[winner]


def test_two_simultaneous_accepts_make_one_version_and_refuse_the_other_cleanly(server):
    analyst = server.client("analyst-991")
    response = analyst.post(
        "/councils/991/returns/upload/",
        files=[
            ("files", ("header.csv", HEADER.encode(), "text/csv")),
            ("files", ("episodes.csv", EPISODES.encode(), "text/csv")),
        ],
    )
    assert response.status_code == 302
    upload_id = int(re.search(r"/uploads/(\d+)/", response.headers["Location"]).group(1))
    second = server.client("leader-991")
    path = f"/councils/991/returns/uploads/{upload_id}/accept/"
    responses = burst([lambda: analyst.post(path), lambda: second.post(path)])

    assert [r.status_code for r in responses] == [302, 302]
    landed = sorted(r.headers["Location"] for r in responses)
    assert landed == [
        "/councils/991/returns/",  # accepted
        f"/councils/991/returns/uploads/{upload_id}/",  # refused, with its reason
    ]
    count = server.python(
        "from trajectory.returns.models import ReturnVersion\n"
        "print(ReturnVersion.objects.filter(council__code='991').count())"
    )
    assert count.strip() == "1"


def test_simultaneous_uploads_from_twelve_people_are_all_recorded(server):
    clients = [server.client(f"{role}-990") for role in ("analyst", "leader") for _ in range(6)]
    calls = [
        (
            lambda client=client, n=n: client.post(
                "/councils/990/returns/upload/",
                files=[
                    ("files", ("header.csv", HEADER.replace("C0001", f"U{n:04d}").encode())),
                    (
                        "files",
                        ("episodes.csv", EPISODES.replace("C0001", f"U{n:04d}").encode()),
                    ),
                ],
            )
        )
        for n, client in enumerate(clients)
    ]
    responses = burst(calls)
    assert [r.status_code for r in responses] == [302] * 12
    ids = {re.search(r"/uploads/(\d+)/", r.headers["Location"]).group(1) for r in responses}
    assert len(ids) == 12
