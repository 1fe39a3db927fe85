"""A refused upload gives back, per CSV file, its flagged rows exactly as uploaded, to fix.

Line endings: every row keeps the ending it was uploaded with (CRLF here, as Excel saves CSV;
LF in the second test), and the problems column goes just before it.
"""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse

from tests.returns.conftest import HEADER
from trajectory.audit.models import AuditEntry
from trajectory.returns import storage
from trajectory.returns.models import Upload
from trajectory.returns.rejected_rows import PROBLEMS_COLUMN, records
from trajectory.returns.services import upload_accept, upload_preview

pytestmark = pytest.mark.django_db

EPISODES_HEADER = (
    b"CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN"
)
ROW_2 = b"1001,01/04/2022,S,C2,N1,U1,PR1,01/09/2022,X1,,,,"
ROW_3 = b"1001,  31/02/2022 ,P,C2,N1,U4,PR1,,,CARPL,,,"  # garbage date, odd spacing kept
ROW_4 = b"1002,10/10/2022,S,V2,N2,K2,PR2,05/01/2023,E4A,,,,"
ROW_5 = b'1002,06/01/2023,z,V2,N2,K2,"PR2",,,,"AB1, 2CD",,'  # RNE z: not a DfE code
EPISODES = b"\r\n".join([EPISODES_HEADER, ROW_2, ROW_3, ROW_4, ROW_5]) + b"\r\n"


def url(council, upload, number=2, severity=""):
    found = reverse("upload_rejected_rows", args=[council.code, upload.pk, number])
    return f"{found}?severity={severity}" if severity else found


def problems_of(line: bytes) -> str:
    return next(csv.reader([line.decode()]))[-1]


@pytest.fixture
def refused(council, analyst, write_files):
    files = write_files(header__csv=HEADER, episodes__csv=EPISODES)
    upload = upload_preview(council=council, user=analyst, files=files)
    assert upload.status == Upload.Status.REFUSED
    return upload


def test_download_has_the_header_and_the_flagged_rows_byte_for_byte(
    client, council, analyst, refused
):
    client.force_login(analyst)
    response = client.get(url(council, refused))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert f"upload-{refused.pk}-file-2-rejected.csv" in response["Content-Disposition"]
    body = response.content
    lines = body.split(b"\r\n")
    assert lines[-1] == b""  # every line ends CRLF, as uploaded
    assert b"\n" not in b"".join(lines)
    header, row_3, row_5 = lines[:-1]
    assert header == EPISODES_HEADER + b"," + PROBLEMS_COLUMN.encode()
    assert row_3.startswith(ROW_3 + b",")  # the error row first
    assert row_5.startswith(ROW_5 + b",")
    assert problems_of(row_3) == (
        "DECOM (error): DECOM (started on) is not a date: write dates as dd/mm/yyyy, "
        "for example 31/03/2024"
    )
    assert problems_of(row_5).startswith("RNE (warning): RNE is not one of DfE's codes")
    # The file header.csv had no problems, so there is nothing to give back for it.
    assert client.get(url(council, refused, number=1)).status_code == 404
    assert client.get(url(council, refused, number=3)).status_code == 404

    entry = AuditEntry.objects.get(action="child.view", user=analyst)
    assert entry.detail == {
        "download": "rejected rows",
        "upload": refused.pk,
        "file": "episodes.csv",
        "severity": "all",
        "rows": 2,
    }


def test_severity_error_gives_only_the_rows_with_errors(client, council, analyst, refused):
    client.force_login(analyst)
    response = client.get(url(council, refused, severity="error"))
    assert response.status_code == 200
    assert response.content == (
        EPISODES_HEADER
        + b",TRAJECTORY_PROBLEMS\r\n"
        + ROW_3
        + b',"DECOM (error): DECOM (started on) is not a date: write dates as dd/mm/yyyy, '
        b'for example 31/03/2024"\r\n'
    )
    assert client.get(url(council, refused, severity="nonsense")).status_code == 404


def test_fixed_rows_without_the_extra_column_are_accepted(
    client, council, analyst, refused, write_files
):
    client.force_login(analyst)
    download = client.get(url(council, refused)).content.decode()
    # What an analyst does in a spreadsheet: correct the values, delete the last column.
    rows = list(csv.reader(io.StringIO(download, newline="")))
    assert rows[0][-1] == PROBLEMS_COLUMN
    fixed = [row[:-1] for row in rows]
    fixed[1][1] = "01/09/2022"  # DECOM
    fixed[2][2] = "P"  # RNE
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\r\n").writerows(fixed)

    files = write_files(header__csv=HEADER, episodes__csv=out.getvalue())
    again = upload_preview(council=council, user=analyst, files=files)
    assert again.status == Upload.Status.PREVIEW, again.errors
    assert again.error_count == 0 and again.warning_count == 0
    version = upload_accept(upload=again, user=analyst)
    episodes = storage.open_tables(version.storage_key)["Episodes"].collect()
    assert episodes["RNE"].to_list() == ["P", "P"]
    assert episodes["HOME_POST"].to_list()[1] == "AB1, 2CD"


def test_board_member_gets_403(client, council, make_user, refused):
    """A role of the council without child-level data is refused (issue 6.5); an outsider
    still gets 404, below."""
    board = make_user("board_member", council)
    client.force_login(board)
    assert client.get(url(council, refused)).status_code == 403
    assert not AuditEntry.objects.filter(action="child.view").exists()


def test_another_councils_upload_gets_404(
    client, council, analyst, make_council, make_user, write_files
):
    other = make_council(code="991", name="Eastshire", child_population=120_000)
    their_analyst = make_user("analyst", other)
    files = write_files(header__csv=HEADER, episodes__csv=EPISODES)
    theirs = upload_preview(council=other, user=their_analyst, files=files)
    client.force_login(their_analyst)
    assert client.get(url(other, theirs)).status_code == 200
    client.force_login(analyst)
    assert client.get(url(council, theirs)).status_code == 404
    assert client.get(url(other, theirs)).status_code == 404


def test_lf_file_keeps_lf_and_rows_are_counted_as_the_reader_counts_them(
    council, analyst, write_files
):
    """A quoted value over two lines and a blank line are one row each, as the reader says."""
    from trajectory.returns.selectors import upload_rejected_rows

    quoted = b'1001,01/04/2022,S,C2,N1,U1,PR1,01/09/2022,X1,,"AB1\n2CD",,'
    bad = b"1002,1/2/23,S,V2,N2,K2,PR2,,,,,,"
    text = b"\n".join([EPISODES_HEADER, quoted, b"", bad])  # no final newline
    files = write_files(header__csv=HEADER, episodes__csv=text)
    upload = upload_preview(council=council, user=analyst, files=files)
    assert [(e["row"], e["column"]) for e in upload.errors] == [(4, "DECOM")]
    assert upload.files[1]["flagged_rows"] == upload.files[1]["flagged_error_rows"] == 1

    name, body = upload_rejected_rows(analyst, council, upload.pk, 2)
    assert name == "episodes.csv"
    header, row, end = body.split(b"\n")
    assert header == EPISODES_HEADER + b",TRAJECTORY_PROBLEMS"
    assert row.startswith(bad + b',"DECOM (error)')
    assert end == b""  # the last line had no ending; it gets the header's
    assert records(text)[1] == quoted + b"\n"


def test_cr_only_file_gives_back_its_flagged_row_with_cr_endings(council, analyst, write_files):
    """Excel for Mac's "CSV (Macintosh)" ends rows with a lone CR. Before records() split at
    CR too, the whole file was one record: the download's "header" was every row."""
    from trajectory.returns.selectors import upload_rejected_rows

    text = b"\r".join([EPISODES_HEADER, ROW_2, ROW_3]) + b"\r"
    files = write_files(header__csv=HEADER, episodes__csv=text)
    upload = upload_preview(council=council, user=analyst, files=files)
    assert [(e["row"], e["column"]) for e in upload.errors] == [(3, "DECOM")]

    _, body = upload_rejected_rows(analyst, council, upload.pk, 2)
    header, row, end = body.split(b"\r")  # row 2 has no problem, so is not given back
    assert header == EPISODES_HEADER + b",TRAJECTORY_PROBLEMS"
    assert row.startswith(ROW_3 + b',"DECOM (error)')
    assert end == b""
    assert records(b"a\rb\r\nc\nd") == [b"a\r", b"b\r\n", b"c\n", b"d"]
    assert records(b'a,"x\ry"\rb') == [b'a,"x\ry"\r', b"b"]


def test_only_the_flagged_rows_are_kept_and_they_outlive_the_decision(
    client, council, analyst, write_files
):
    """An accepted upload with warnings still offers its rows; the full raw copy goes."""
    warned = b"\r\n".join([EPISODES_HEADER, ROW_4, ROW_5]) + b"\r\n"
    files = write_files(header__csv=HEADER, episodes__csv=warned)
    upload = upload_preview(council=council, user=analyst, files=files)
    assert upload.status == Upload.Status.PREVIEW
    upload_accept(upload=upload, user=analyst)

    folder = storage.staging_of(upload.staging_path)
    assert sorted(p.name for p in folder.iterdir()) == ["problems.csv", "rejected"]
    assert [p.name for p in (folder / "rejected").iterdir()] == ["2.json"]
    assert ROW_4.decode() not in (folder / "rejected" / "2.json").read_text()

    client.force_login(analyst)
    body = client.get(url(council, upload)).content
    assert body.split(b"\r\n")[1].startswith(ROW_5 + b",")
    error_only = client.get(url(council, upload, severity="error")).content
    assert error_only == EPISODES_HEADER + b",TRAJECTORY_PROBLEMS\r\n"
