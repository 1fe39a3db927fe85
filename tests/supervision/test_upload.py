"""The supervision CSV upload: checked in full and previewed before anything is added, every
error naming file, row and field, the failed rows as a formula-safe CSV that goes back as it
is, the commit all or nothing, the provenance kept, and a file sent twice never counted twice.
Every count below is worked out from the file by hand."""

from __future__ import annotations

import csv
import hashlib
import io
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from trajectory.audit.models import AuditEntry
from trajectory.councils.models import Role
from trajectory.supervision import services
from trajectory.supervision.models import Supervision, SupervisionImport
from trajectory.supervision.rejected import rejected_csv

D = date
Status = SupervisionImport.Status

BAD = (
    "SW_ID,date,type,supervisor,cases\n"  # row 1
    "SW0001,10/01/2025,individual,M1,C1 C2\n"  # row 2: good
    "SW0002,2025-01-20,Ad hoc,M2,\n"  # row 3: good
    "SW0003,31/02/2025,individual,M1,\n"  # row 4: no 31 February
    "XY12,01/01/2025,weekly,,=1+1\n"  # row 5: SW_ID, type, supervisor and cases wrong
    "SW0001,10/01/2025,Individual,M1,C1\n"  # row 6: the same supervision as row 2
)
GOOD = (
    "SW_ID,date,type,supervisor,cases\n"
    "SW0001,10/01/2025,individual,M1,C1 C2\n"  # row 2: new
    "SW0002,2025-01-20,Ad hoc,M2,\n"  # row 3: already recorded exactly so
    "SW0004,03/02/2025,reflective,M3,C9\n"  # row 4: new
)


def _preview(council, user, text: str, name: str = "sup.csv") -> SupervisionImport:
    return services.supervisions_preview(
        council=council, user=user, content=text.encode(), file_name=name
    )


def _entered(council, user, **values):
    return services.supervision_record(council=council, user=user, **values)


def _sw0002(council, user, supervisor="M2"):
    return _entered(
        council,
        user,
        worker_id="SW0002",
        held_on=D(2025, 1, 20),
        kind="ad_hoc",
        supervisor=supervisor,
    )


def test_a_bad_file_is_refused_whole_each_error_named(council, people):
    upload = _preview(council, people[Role.ANALYST], BAD)
    assert upload.status == Status.REFUSED
    assert Supervision.objects.count() == 0 and upload.staged == []
    found = [(p["file"], p["row"], p["column"], p["value"]) for p in upload.problems]
    assert found == [
        ("sup.csv", 4, "date", "31/02/2025"),
        ("sup.csv", 5, "SW_ID", "XY12"),
        ("sup.csv", 5, "type", "weekly"),
        ("sup.csv", 5, "supervisor", ""),
        ("sup.csv", 5, "cases", "=1+1"),
        ("sup.csv", 6, "date", "10/01/2025"),
    ]
    assert upload.error_count == 6
    assert [r["row"] for r in upload.rejected] == [4, 5, 6]
    with pytest.raises(ValidationError):
        services.supervisions_accept(upload=upload, user=people[Role.ANALYST])
    assert Supervision.objects.count() == 0


def test_the_failed_rows_come_back_formula_safe_and_go_back_as_they_are(council, people):
    analyst = people[Role.ANALYST]
    upload = _preview(council, analyst, BAD)
    rows = list(csv.reader(io.StringIO(rejected_csv(upload.header, upload.rejected))))
    assert rows[0] == ["SW_ID", "date", "type", "supervisor", "cases", "error"]
    assert [r[0] for r in rows[1:]] == ["SW0003", "XY12", "SW0001"]
    assert rows[2][:5] == ["XY12", "01/01/2025", "weekly", "", "'=1+1"]  # not a formula
    assert rows[2][5].startswith("Row 5: SW_ID: The SW_ID must begin with SW or XX")
    assert (
        "type: The type must be" in rows[2][5] and "supervisor: Enter the supervisor" in rows[2][5]
    )
    assert rows[3][5] == "Row 6: date: The same supervision is in row 2"
    # Corrected in the download itself, error column left in, the rows upload cleanly.
    rows[1][1] = "28/02/2025"
    rows[2] = ["SW0005", "01/01/2025", "group", "M4", "C5", rows[2][5]]
    rows[3][1] = "11/01/2025"
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    again = _preview(council, analyst, out.getvalue(), "fixed.csv")
    assert (again.status, again.rows, again.error_count) == (Status.PREVIEW, 3, 0)


def test_preview_then_import_all_with_provenance(council, people):
    analyst, manager = people[Role.ANALYST], people[Role.MANAGER]
    _sw0002(council, manager)
    upload = _preview(council, analyst, GOOD)
    # Rows 2 and 4 are new; row 3 is recorded exactly so already.
    assert (upload.status, upload.rows, upload.skipped) == (Status.PREVIEW, 2, 1)
    assert [r["row"] for r in upload.staged] == [2, 4]
    assert Supervision.objects.count() == 1  # nothing added by the preview
    content = GOOD.encode()
    assert (upload.file_name, upload.size, upload.sha256) == (
        "sup.csv",
        len(content),
        hashlib.sha256(content).hexdigest(),
    )
    assert upload.imported_by == analyst and upload.imported_at is not None
    done = services.supervisions_accept(upload=upload, user=manager)
    assert (done.status, done.rows, done.skipped) == (Status.ACCEPTED, 2, 1)
    assert done.decided_by == manager and done.staged == []
    added = Supervision.objects.filter(imported_from=done)
    assert sorted(added.values_list("worker__worker_id", "held_on", "kind", "cases")) == [
        ("SW0001", D(2025, 1, 10), "individual", ["C1", "C2"]),
        ("SW0004", D(2025, 2, 3), "reflective", ["C9"]),
    ]
    assert Supervision.objects.count() == 3
    entry = AuditEntry.objects.get(action="supervision.import")
    assert entry.detail["rows"] == 2 and entry.detail["sha256"] == upload.sha256
    with pytest.raises(ValidationError):  # accepted once only
        services.supervisions_accept(upload=upload, user=manager)
    assert Supervision.objects.count() == 3


def test_the_same_file_again_adds_nothing(council, people):
    analyst = people[Role.ANALYST]
    first = services.supervisions_accept(upload=_preview(council, analyst, GOOD), user=analyst)
    assert first.rows == 3
    again = _preview(council, analyst, GOOD, "sup (1).csv")
    assert (again.status, again.same_as, again.rows, again.skipped) == (
        Status.ALREADY_IMPORTED,
        first,
        0,
        3,
    )
    with pytest.raises(ValidationError):
        services.supervisions_accept(upload=again, user=analyst)
    # A new file previewed twice before either is imported: only the first import adds.
    new = "SW_ID,date,type,supervisor,cases\nSW0006,05/02/2025,individual,M5,\n"
    one, two = _preview(council, analyst, new), _preview(council, analyst, new)
    assert (one.status, one.rows, two.status, two.rows) == (Status.PREVIEW, 1, Status.PREVIEW, 1)
    services.supervisions_accept(upload=one, user=analyst)
    with pytest.raises(ValidationError, match="imported meanwhile"):
        services.supervisions_accept(upload=two, user=analyst)
    assert Supervision.objects.count() == 4
    # The same months sent in another file: the rows recorded are skipped, one new row added.
    more = GOOD + "SW0004,03/03/2025,individual,M3,\n"
    later = _preview(council, analyst, more, "to-march.csv")
    assert (later.status, later.same_as, later.rows, later.skipped) == (Status.PREVIEW, None, 1, 3)
    services.supervisions_accept(upload=later, user=analyst)
    assert Supervision.objects.count() == 5


def test_a_row_recorded_otherwise_is_an_error(council, people):
    analyst = people[Role.ANALYST]
    _sw0002(council, analyst, supervisor="M7")
    upload = _preview(council, analyst, GOOD)
    assert upload.status == Status.REFUSED
    assert [(p["row"], p["column"], p["value"], p["code"]) for p in upload.problems] == [
        (3, "supervisor", "M2", "recorded_otherwise")
    ]
    assert "with supervisor M7" in upload.problems[0]["message"]
    assert [r["row"] for r in upload.rejected] == [3]


def test_accept_is_all_or_nothing(council, people, monkeypatch):
    analyst = people[Role.ANALYST]
    upload = _preview(council, analyst, GOOD)
    # Someone records row 3's supervision otherwise after the preview: nothing is added.
    _sw0002(council, analyst, supervisor="M8")
    with pytest.raises(ValidationError, match="row 3"):
        services.supervisions_accept(upload=upload, user=analyst)
    assert Supervision.objects.count() == 1
    upload.refresh_from_db()
    assert upload.status == Status.PREVIEW
    # A failure after the rows are written undoes them all (one transaction).
    Supervision.objects.all().delete()

    def failing_record(**kwargs):
        raise RuntimeError("the audit log is unavailable")

    monkeypatch.setattr(services, "record", failing_record)
    with pytest.raises(RuntimeError):
        services.supervisions_accept(upload=upload, user=analyst)
    assert Supervision.objects.count() == 0
    upload.refresh_from_db()
    assert upload.status == Status.PREVIEW and len(upload.staged) == 3


def test_discard_and_roles(council, people):
    analyst = people[Role.ANALYST]
    upload = _preview(council, analyst, GOOD)
    with pytest.raises(PermissionDenied):
        services.supervisions_accept(upload=upload, user=people[Role.BOARD_MEMBER])
    with pytest.raises(PermissionDenied):
        _preview(council, people[Role.COMMISSIONER], GOOD)
    done = services.supervisions_discard(upload=upload, user=analyst)
    assert done.status == Status.DISCARDED and done.staged == []
    with pytest.raises(ValidationError):
        services.supervisions_accept(upload=upload, user=analyst)
    assert Supervision.objects.count() == 0


def _url(council, name, **kwargs):
    return reverse(name, kwargs={"council_code": council.code, **kwargs})


def test_upload_pages(client, council, people):
    manager = people[Role.MANAGER]
    _sw0002(council, manager)
    client.force_login(people[Role.ANALYST])
    response = client.post(
        _url(council, "supervision_import"), {"file": SimpleUploadedFile("sup.csv", BAD.encode())}
    )
    assert response.status_code == 302
    refused = SupervisionImport.objects.get(file_name="sup.csv")
    page = client.get(response["Location"])
    text = page.content.decode()
    assert 'data-row="4" data-field="date"' in text and "was added" in text
    download = client.get(_url(council, "supervision_upload_rejected", pk=refused.pk))
    assert download.status_code == 200
    assert download.content.decode().splitlines()[0] == "SW_ID,date,type,supervisor,cases,error"

    response = client.post(
        _url(council, "supervision_import"),
        {"file": SimpleUploadedFile("good.csv", GOOD.encode())},
    )
    upload = SupervisionImport.objects.get(file_name="good.csv")
    page = client.get(response["Location"]).content.decode()
    outcome = page[page.index('id="upload-outcome"') :][:600]
    assert "adds <strong>2 supervisions</strong>" in outcome
    assert "1 row already recorded exactly so is not added again" in outcome
    staged = page[page.index('id="upload-staged"') :]
    assert 'data-row="2"' in staged and 'data-row="4"' in staged and 'data-row="3"' not in staged
    assert upload.sha256 in page
    assert client.get(_url(council, "supervision_upload_rejected", pk=upload.pk)).status_code == 404
    assert Supervision.objects.count() == 1
    client.post(_url(council, "supervision_upload_accept", pk=upload.pk))
    assert Supervision.objects.count() == 3

    client.post(
        _url(council, "supervision_import"),
        {"file": SimpleUploadedFile("good-again.csv", GOOD.encode())},
    )
    again = SupervisionImport.objects.get(file_name="good-again.csv")
    page = client.get(_url(council, "supervision_upload", pk=again.pk)).content.decode()
    assert "is identical to" in page and "counted once, not twice" in page
    assert Supervision.objects.count() == 3
    listing = client.get(_url(council, "supervision_import")).content.decode()
    assert "good-again.csv" in listing[listing.index('id="supervision-uploads"') :]

    client.force_login(people[Role.BOARD_MEMBER])
    assert client.get(_url(council, "supervision_upload", pk=upload.pk)).status_code == 403
    assert client.post(_url(council, "supervision_upload_accept", pk=again.pk)).status_code == 403
    client.force_login(people[Role.COMMISSIONER])  # child-level, but does not record
    assert client.get(_url(council, "supervision_upload", pk=upload.pk)).status_code == 403
