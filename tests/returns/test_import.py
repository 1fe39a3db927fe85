"""Importing good returns: versions, re-imports, corrections, XML, permissions, audit, CLI."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import polars as pl
import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.returns.conftest import EPISODES, HEADER, REVIEWS, assert_nothing_stored, stored_parquet
from trajectory.audit.models import AuditEntry
from trajectory.returns import selectors, storage
from trajectory.returns.models import ReturnVersion, Upload
from trajectory.returns.services import (
    return_import,
    upload_accept,
    upload_discard,
    upload_preview,
)

SAMPLES = "cs-demand-model_903_samples"


def import_files(council, user, files) -> ReturnVersion:
    upload = upload_preview(council=council, user=user, files=files)
    assert upload.status == Upload.Status.PREVIEW, upload.errors
    return upload_accept(upload=upload, user=user)


def collected(version) -> dict[str, pl.DataFrame]:
    return {name: frame.collect() for name, frame in selectors.version_tables(version).items()}


def file_hashes(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


@pytest.fixture
def sample_2019() -> list[tuple[str, Path]]:
    folder = Path(settings.TRAJECTORY_REFERENCE_DIR) / "synthetic" / SAMPLES
    if not folder.is_dir():
        pytest.skip(f"sample SSDA903 files not found at {folder}")
    return [(p.name, p) for p in sorted(folder.glob("2019-*.csv"))]


@pytest.mark.django_db
def test_real_format_samples_import_with_warnings(council, analyst, sample_2019):
    upload = upload_preview(council=council, user=analyst, files=sample_2019)
    assert upload.status == Upload.Status.PREVIEW
    assert upload.error_count == 0
    assert upload.warning_count > 0
    # 2020-21 (its latest episode): F3/P3 were DfE's activity codes then (rule 132 changed in
    # 2021-22), so they pass; accommodation codes off that year's list are still warned about
    # (rule 133).
    assert upload.year.label == "2020-21"
    assert "132" not in {w["code"] for w in upload.warnings}
    assert {w["code"] for w in upload.warnings} >= {"133"}
    assert {f["table"] for f in upload.files} == {
        "Episodes",
        "Header",
        "Missing",
        "OC2",
        "OC3",
        "PrevPerm",
        "Reviews",
        "UASC",
    }
    version = upload_accept(upload=upload, user=analyst)
    assert version.number == 1
    assert version.row_counts["Episodes"] == 648
    assert version.accepted_by == analyst
    tables = collected(version)
    assert tables["Episodes"].schema["DECOM"] == pl.Date
    assert tables["Episodes"].schema["CHILD"] == pl.String
    assert tables["Episodes"].columns[:3] == ["CHILD", "DECOM", "RNE"]
    assert tables["Episodes"].height == 648
    # The 2019-20 sample covers every child from its collection year's first ending (April
    # 2019), not from the earliest start of care of a child still looked after then.
    assert tables["Episodes"]["DECOM"].min() < date(2019, 4, 1)
    assert version.data_from == date(2019, 4, 1)
    oc3 = tables["OC3"]
    assert oc3.filter(pl.col("ACTIV") == "F3").height > 0  # out-of-list values are kept
    assert upload.__class__.objects.get(pk=upload.pk).status == Upload.Status.ACCEPTED


@pytest.mark.django_db
def test_accepted_version_is_parquet_named_by_content_hash(council, analyst, write_files):
    version = import_files(
        council, analyst, write_files(header__csv=HEADER, episodes__csv=EPISODES)
    )
    folder = Path(settings.TRAJECTORY_STORAGE) / "990" / "ssda903" / version.content_sha256
    assert version.storage_key == f"990/ssda903/{version.content_sha256}"
    assert sorted(p.name for p in folder.iterdir()) == ["Episodes.parquet", "Header.parquet"]
    assert (version.data_from, version.data_to) == (date(2022, 4, 1), date(2023, 3, 31))
    assert version.row_counts == {"Episodes": 3, "Header": 2}
    assert version.files[0]["sha256"] == hashlib.sha256(HEADER.encode()).hexdigest()
    assert not list(folder.parent.glob(".incoming-*"))
    # the staged copy is gone once accepted; the version is all that remains
    assert stored_parquet() == sorted(folder.glob("*.parquet"))


@pytest.mark.django_db
def test_identical_files_again_are_already_imported_whatever_their_names(
    council, analyst, write_files, tmp_path
):
    import_files(council, analyst, write_files(header__csv=HEADER, episodes__csv=EPISODES))
    renamed = tmp_path / "again"
    renamed.mkdir()
    (renamed / "a.csv").write_text(HEADER.replace("\n", "\r\n"))
    (renamed / "b.csv").write_text(EPISODES)
    upload = upload_preview(
        council=council,
        user=analyst,
        files=[("a.csv", renamed / "a.csv"), ("b.csv", renamed / "b.csv")],
    )
    assert upload.status == Upload.Status.ALREADY_IMPORTED
    assert ReturnVersion.objects.filter(council=council).count() == 1
    with pytest.raises(ValidationError):
        upload_accept(upload=upload, user=analyst)
    assert ReturnVersion.objects.filter(council=council).count() == 1


@pytest.mark.django_db
def test_corrected_file_becomes_version_2_and_version_1_is_untouched(council, analyst, write_files):
    first = import_files(council, analyst, write_files(header__csv=HEADER, episodes__csv=EPISODES))
    first_folder = Path(settings.TRAJECTORY_STORAGE) / first.storage_key
    before = file_hashes(first_folder)

    corrected = EPISODES.replace("05/01/2023,E4A", "06/01/2023,E4A")
    second = import_files(
        council, analyst, write_files(header__csv=HEADER, episodes__csv=corrected)
    )
    assert second.number == 2
    assert second.storage_key != first.storage_key
    assert file_hashes(first_folder) == before
    assert collected(first)["Episodes"]["DEC"].to_list()[2] == date(2023, 1, 5)
    assert collected(second)["Episodes"]["DEC"].to_list()[2] == date(2023, 1, 6)
    assert selectors.latest_version(council) == second
    assert list(selectors.versions_for(analyst, council)) == [second, first]


def _xml_message() -> bytes:
    """The CSV fixtures above in DfE's XML shape: one <Child> holding its episodes and reviews."""
    return b"""<?xml version="1.0" encoding="UTF-8"?>
<Message>
  <Header><CollectionDetails><Collection>SSDA903</Collection><Year>2023</Year></CollectionDetails></Header>
  <Children>
    <Child>
      <ChildIdentifiers><CHILD>1001</CHILD><UPN></UPN></ChildIdentifiers>
      <ChildCharacteristics><SEX>1</SEX><DOB>01/02/2010</DOB><ETHNIC>WBRI</ETHNIC></ChildCharacteristics>
      <Episodes>
        <Episode><DECOM>01/04/2022</DECOM><RNE>S</RNE><LS>C2</LS><CIN>N1</CIN><PL>U1</PL>
          <PLACE_PROVIDER>PR1</PLACE_PROVIDER><DEC>01/09/2022</DEC><REC>X1</REC></Episode>
        <Episode><DECOM>01/09/2022</DECOM><RNE>P</RNE><LS>C2</LS><CIN>N1</CIN><PL>U4</PL>
          <PLACE_PROVIDER>PR1</PLACE_PROVIDER><REASON_PLACE_CHANGE>CARPL</REASON_PLACE_CHANGE></Episode>
      </Episodes>
      <Reviews>
        <Review><REVIEW>20/05/2022</REVIEW><REVIEW_CODE>PN1</REVIEW_CODE></Review>
        <Review><REVIEW>15/11/2022</REVIEW><REVIEW_CODE>PN3</REVIEW_CODE></Review>
      </Reviews>
    </Child>
    <Child>
      <ChildIdentifiers><CHILD>1002</CHILD></ChildIdentifiers>
      <ChildCharacteristics><SEX>2</SEX><DOB>15/06/2012</DOB><ETHNIC>MWBA</ETHNIC></ChildCharacteristics>
      <Episodes>
        <Episode><DECOM>10/10/2022</DECOM><RNE>S</RNE><LS>V2</LS><CIN>N2</CIN><PL>K2</PL>
          <PLACE_PROVIDER>PR2</PLACE_PROVIDER><DEC>05/01/2023</DEC><REC>E4A</REC></Episode>
      </Episodes>
    </Child>
  </Children>
</Message>
"""


@pytest.mark.django_db
def test_xml_gives_the_same_tables_as_the_csv(
    council, make_council, make_user, analyst, write_files
):
    from_xml = import_files(council, analyst, write_files(return__xml=_xml_message()))
    other = make_council(code="991", name="Eastshire")
    other_analyst = make_user("analyst", other)
    from_csv = import_files(
        other,
        other_analyst,
        write_files(header__csv=HEADER, episodes__csv=EPISODES, reviews__csv=REVIEWS),
    )
    xml_tables, csv_tables = collected(from_xml), collected(from_csv)
    assert sorted(xml_tables) == ["Episodes", "Header", "Reviews"]
    for name in xml_tables:
        assert xml_tables[name].equals(csv_tables[name]), name
    assert from_xml.content_sha256 == from_csv.content_sha256
    # so the CSV files are recognised as what the XML already brought in
    again = upload_preview(
        council=council,
        user=analyst,
        files=write_files(header__csv=HEADER, episodes__csv=EPISODES, reviews__csv=REVIEWS),
    )
    assert again.status == Upload.Status.ALREADY_IMPORTED


@pytest.mark.django_db
def test_expanded_xml_layout_is_read_too(council, analyst, write_files):
    expanded = b"""<?xml version='1.0' encoding='us-ascii'?>
<EXPSSDA903><CHILD><HEADER><CHILDID>77</CHILDID><UPN /><SEX>2</SEX><DOB>02/03/2013</DOB>
<ETHNIC>BOTH</ETHNIC><UASC>1</UASC><DUC>01/03/2031</DUC>
<AREVIEW><REVIEW>28/01/2022</REVIEW><REVIEW_CODE>PN3</REVIEW_CODE></AREVIEW></HEADER>
<EPISODE><DECOM>11/11/2021</DECOM><RNE>S</RNE><LS>C2</LS><CIN>N1</CIN><PL>U1</PL>
<PLACE_PROVIDER>PR1</PLACE_PROVIDER><DEC /><REC /></EPISODE></CHILD></EXPSSDA903>"""
    version = import_files(council, analyst, write_files(old__xml=expanded))
    tables = collected(version)
    assert version.row_counts == {"Episodes": 1, "Header": 1, "Reviews": 1, "UASC": 1}
    assert tables["Episodes"]["PLACE"].to_list() == ["U1"]
    assert tables["UASC"]["DUC"].to_list() == [date(2031, 3, 1)]


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["board_member", "commissioner", "manager", "region"])
def test_roles_without_upload_right_cannot_upload(council, make_user, write_files, role):
    user = make_user(role, council)
    with pytest.raises(PermissionDenied):
        upload_preview(council=council, user=user, files=write_files(header__csv=HEADER))
    assert not Upload.objects.exists()


@pytest.mark.django_db
def test_board_member_cannot_accept_an_analysts_upload(council, analyst, make_user, write_files):
    upload = upload_preview(
        council=council, user=analyst, files=write_files(header__csv=HEADER, episodes__csv=EPISODES)
    )
    with pytest.raises(PermissionDenied):
        upload_accept(upload=upload, user=make_user("board_member", council))
    assert_nothing_stored_but_staging(council)


def assert_nothing_stored_but_staging(council) -> None:
    assert not ReturnVersion.objects.filter(council=council).exists()
    assert all(storage.STAGING in p.parts for p in stored_parquet())


@pytest.mark.django_db
def test_analyst_of_another_council_cannot_upload(council, make_council, make_user, write_files):
    outsider = make_user("analyst", make_council(code="991", name="Eastshire"))
    with pytest.raises(PermissionDenied):
        upload_preview(council=council, user=outsider, files=write_files(header__csv=HEADER))


@pytest.mark.django_db
def test_upload_and_accept_are_audited(council, analyst, write_files):
    version = import_files(
        council, analyst, write_files(header__csv=HEADER, episodes__csv=EPISODES)
    )
    uploaded = AuditEntry.objects.get(action="return.upload")
    accepted = AuditEntry.objects.get(action="return.accept")
    assert (uploaded.user, uploaded.council) == (analyst, council)
    assert uploaded.detail["status"] == "preview"
    assert uploaded.detail["files"] == ["header.csv", "episodes.csv"]
    assert (accepted.user, accepted.object_type, accepted.object_id) == (
        analyst,
        "ReturnVersion",
        str(version.pk),
    )
    assert accepted.detail["number"] == 1


@pytest.mark.django_db
def test_refused_upload_is_audited_and_listed(council, analyst, write_files):
    upload_preview(council=council, user=analyst, files=write_files(episodes__csv=b""))
    entry = AuditEntry.objects.get(action="return.upload")
    assert entry.detail["status"] == "refused"
    assert entry.detail["errors"] == 1
    assert [u.status for u in selectors.uploads_for(analyst, council)] == ["refused"]


@pytest.mark.django_db
def test_failure_while_recording_the_version_leaves_nothing(
    council, analyst, write_files, monkeypatch
):
    upload = upload_preview(
        council=council, user=analyst, files=write_files(header__csv=HEADER, episodes__csv=EPISODES)
    )

    def broken(*args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr("trajectory.returns.services.record", broken)
    with pytest.raises(RuntimeError):
        upload_accept(upload=upload, user=analyst)
    assert_nothing_stored_but_staging(council)
    assert not (
        Path(settings.TRAJECTORY_STORAGE) / "990" / "ssda903" / upload.content_sha256
    ).exists()
    upload.refresh_from_db()
    assert upload.status == Upload.Status.PREVIEW
    monkeypatch.undo()
    assert upload_accept(upload=upload, user=analyst).number == 1  # and it can be retried


@pytest.mark.django_db
def test_discard_keeps_the_record_and_drops_the_staged_files(council, analyst, write_files):
    upload = upload_preview(
        council=council, user=analyst, files=write_files(header__csv=HEADER, episodes__csv=EPISODES)
    )
    assert stored_parquet()
    discarded = upload_discard(upload=upload, user=analyst)
    assert discarded.status == Upload.Status.DISCARDED
    assert_nothing_stored(council)
    assert AuditEntry.objects.filter(action="return.discard").count() == 1
    with pytest.raises(ValidationError):
        upload_accept(upload=discarded, user=analyst)


@pytest.mark.django_db
def test_problem_lists_are_capped_but_the_csv_has_every_problem(
    council, analyst, make_user, write_files
):
    oc3 = "CHILD,DOB,IN_TOUCH,ACTIV,ACCOM\n" + "".join(
        f"{5000 + n},01/01/2004,YES,X9,B1\n" for n in range(1500)
    )
    upload = upload_preview(
        council=council,
        user=analyst,
        files=write_files(header__csv=HEADER, episodes__csv=EPISODES, oc3__csv=oc3),
    )
    assert upload.status == Upload.Status.PREVIEW
    activity = [w for w in upload.warnings if w["column"] == "ACTIV"]
    assert len(upload.warnings) == 1000
    assert upload.warning_count == 3000  # ACTIV off-list, and OC3 child not in Header, each row
    assert activity[0] == {
        "file": "oc3.csv",
        "row": 2,
        "column": "ACTIV",
        "value": "X9",
        "severity": "warning",
        "code": "132",
        "message": "ACTIV is not one of DfE's codes for activity in 2022-23; "
        "the value is kept as written",
    }
    text = selectors.upload_problems_csv(analyst, council, upload.pk)
    lines = text.splitlines()
    assert lines[0] == "severity,file,row,column,value,message,code"
    assert len(lines) == 1 + 3000
    viewed = AuditEntry.objects.filter(action="child.view", user=analyst).get()
    assert viewed.detail == {"download": "problems", "upload": upload.pk}
    with pytest.raises(PermissionDenied):  # problem lists name children
        selectors.upload_problems_csv(make_user("board_member", council), council, upload.pk)


@pytest.mark.django_db
def test_header_only_table_is_zero_rows(council, analyst, write_files):
    reviews_header = REVIEWS.splitlines()[0] + "\n"
    version = import_files(
        council,
        analyst,
        write_files(header__csv=HEADER, episodes__csv=EPISODES, reviews__csv=reviews_header),
    )
    assert version.row_counts["Reviews"] == 0
    assert collected(version)["Reviews"].schema["REVIEW"] == pl.Date


@pytest.mark.django_db
def test_upload_for_another_councils_upload_is_404(council, make_council, analyst, write_files):
    from django.http import Http404

    other = make_council(code="991", name="Eastshire")
    upload = upload_preview(council=council, user=analyst, files=write_files(header__csv=HEADER))
    with pytest.raises(Http404):
        selectors.upload_for(None, other, upload.pk)
    assert selectors.upload_for(analyst, council, upload.pk) == upload


# --- the command line ---------------------------------------------------------------------


@pytest.mark.django_db
def test_cli_imports_a_folder_then_reports_already_imported(council, write_files, capsys):
    files = write_files(header__csv=HEADER, episodes__csv=EPISODES, notes__txt="not data")
    folder = files[0][1].parent
    call_command("import", "903", str(folder), "--council", "990")
    out = capsys.readouterr().out
    assert "episodes.csv: Episodes" in out
    assert "  Episodes: 3 rows" in out
    assert "Accepted as version 1" in out
    assert "notes.txt" not in out
    call_command("import", "903", str(folder), "--council", "990")
    assert "Already imported as version 1" in capsys.readouterr().out
    assert ReturnVersion.objects.count() == 1
    entry = AuditEntry.objects.filter(action="return.accept").get()
    assert entry.user is None
    assert entry.detail["source"] == "cli"


@pytest.mark.django_db
def test_cli_refuses_with_exit_status_1_and_file_row_messages(council, write_files, capsys):
    bad = EPISODES.replace("10/10/2022", "10-10-2022")
    files = write_files(header__csv=HEADER, episodes__csv=bad)
    with pytest.raises(CommandError) as refused:
        call_command("import", "903", *(str(p) for _, p in files), "--council", "990")
    assert refused.value.returncode == 1
    assert str(refused.value).startswith("Refused: 1 error(s)")
    assert "episodes.csv:4: DECOM: DECOM (started on) is not a date" in capsys.readouterr().out
    assert_nothing_stored(council)


@pytest.mark.django_db
def test_cli_summarises_many_warnings(council, write_files, capsys):
    oc3 = "CHILD,DOB,IN_TOUCH,ACTIV,ACCOM\n" + "".join(
        f"100{n % 2 + 1},01/01/2004,YES,X9,B1\n" for n in range(60)
    )
    files = write_files(header__csv=HEADER, episodes__csv=EPISODES, oc3__csv=oc3)
    call_command("import", "903", *(str(p) for _, p in files), "--council", "990")
    out = capsys.readouterr().out
    assert "60 warnings; by message:" in out
    assert "60 × oc3.csv: ACTIV: ACTIV is not one of DfE's codes" in out
    assert "Accepted as version 1" in out


@pytest.mark.django_db
def test_cli_as_a_user_without_the_right_is_refused(council, make_user, write_files):
    make_user("board_member", council, username="bob")
    files = write_files(header__csv=HEADER, episodes__csv=EPISODES)
    with pytest.raises(CommandError, match="bob may not upload returns"):
        call_command("import", "903", str(files[0][1].parent), "--council", "990", "--user", "bob")
    assert_nothing_stored(council)


@pytest.mark.django_db
def test_return_import_as_a_named_user(council, analyst, write_files):
    files = write_files(header__csv=HEADER, episodes__csv=EPISODES)
    upload = return_import(council=council, user=analyst, paths=[p for _, p in files])
    assert upload.status == Upload.Status.ACCEPTED
    assert upload.version.accepted_by == analyst
