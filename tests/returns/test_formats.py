"""Every return on one path (issue 10.1, 10.7): the formats registry, a return whose reader is
not yet available, a reader's fault, a CIN census through preview and accept, the current and
the previous year together, SSDA903's code lists by collection year, and the command line."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from tests.returns.conftest import EPISODES, HEADER, assert_nothing_stored
from trajectory.returns import formats
from trajectory.returns.collection_year import CollectionYear
from trajectory.returns.models import ReturnKind, ReturnVersion, Upload
from trajectory.returns.services import (
    return_import,
    upload_accept,
    upload_preview,
)
from trajectory.returns.ssda903.reader import read_return as read_903

CIN_XML = pytest.importorskip("tests.returns.cin.conftest").SMALL
# The same two children a year earlier: episodes in 2021-22 (the latest ends 5 January 2022).
EPISODES_BEFORE = EPISODES.replace("/2022", "/2021").replace("/2023", "/2022")


def test_every_return_kind_is_listed_once_with_its_cli_name():
    assert set(formats.FORMATS) == set(ReturnKind.values)
    assert {f.cli_name for f in formats.FORMATS.values()} == {"903", "cin", "annexa", "workforce"}
    ssda903 = formats.of(ReturnKind.SSDA903)
    assert (ssda903.suffixes, ssda903.recompute, ssda903.available) == (
        (".csv", ".xml"),
        True,
        True,
    )
    assert ssda903.table_names[:2] == ["Header", "Episodes"]
    # The returns the indicators read are recomputed on acceptance: all four, Annex A's
    # indicators too (issue 10.6).
    assert [f.kind for f in formats.FORMATS.values() if f.recompute] == [
        "ssda903",
        "cin",
        "annex_a",
        "workforce",
    ]
    assert [f.kind for f in formats.FORMATS.values() if f.figure_changes] == ["ssda903"]


def test_a_reader_whose_package_is_missing_is_not_yet_available():
    missing = dataclasses.replace(
        formats.of(ReturnKind.ANNEX_A),
        reader="trajectory.returns.not_written_yet.reader.read_return",
        registered=True,
    )
    assert missing.read_return is None and not missing.available
    assert missing.tables == () or missing.table_names  # a missing schema lists no tables
    unregistered = dataclasses.replace(formats.of(ReturnKind.SSDA903), registered=False)
    assert not unregistered.available


@pytest.fixture
def annex_a_unavailable(monkeypatch):
    fmt = dataclasses.replace(formats.of(ReturnKind.ANNEX_A), registered=False)
    monkeypatch.setitem(formats.FORMATS, ReturnKind.ANNEX_A, fmt)
    monkeypatch.setitem(formats.BY_CLI_NAME, "annexa", fmt)
    return fmt


@pytest.mark.django_db
def test_an_unavailable_return_is_refused_before_anything_is_recorded(
    council, analyst, write_files, annex_a_unavailable
):
    with pytest.raises(ValidationError, match="not yet available"):
        upload_preview(
            council=council,
            user=analyst,
            files=write_files(lists__xlsx=b"PK"),
            kind=ReturnKind.ANNEX_A,
        )
    assert not Upload.objects.exists()
    with pytest.raises(CommandError, match="not yet available"):
        call_command("import", "annexa", str(write_files(x__xlsx=b"PK")[0][1]), "--council", "990")


@pytest.mark.django_db
def test_a_fault_in_a_reader_refuses_the_upload_and_touches_no_version(
    council, analyst, write_files, monkeypatch
):
    first = return_import(
        council=council,
        user=analyst,
        paths=[p for _, p in write_files(header__csv=HEADER, episodes__csv=EPISODES)],
    )
    assert first.status == Upload.Status.ACCEPTED

    def broken(files, **kwargs):
        raise RuntimeError("a fault nobody foresaw")

    monkeypatch.setattr(formats.Format, "read_return", property(lambda self: broken), raising=True)
    upload = upload_preview(
        council=council, user=analyst, files=write_files(episodes__csv=EPISODES + "1003,x\n")
    )
    assert upload.status == Upload.Status.REFUSED
    assert [e["code"] for e in upload.errors] == ["reader_failed"]
    assert "SSDA903 (children looked after) return could not be read" in upload.errors[0]["message"]
    assert list(ReturnVersion.objects.filter(council=council)) == [first.version]


@pytest.mark.django_db
def test_a_cin_census_goes_through_preview_accept_and_already_imported(
    council, analyst, write_files
):
    files = write_files(census__xml=CIN_XML)
    upload = upload_preview(council=council, user=analyst, files=files, kind=ReturnKind.CIN)
    assert upload.status == Upload.Status.PREVIEW, upload.errors
    assert upload.kind == "cin"
    assert upload.year.label == "2024-25"  # the census's ReferenceDate, 31 March 2025
    version = upload_accept(upload=upload, user=analyst, recompute=True)
    assert (version.kind, version.number, version.collection_year) == ("cin", 1, 2025)
    # Accepting recomputed the indicators from it, in the same transaction.
    from trajectory.indicators.models import IndicatorRun

    (run,) = IndicatorRun.objects.filter(council=council)
    assert list(run.versions.all()) == [version]
    assert "ChildIdentifiers" in version.row_counts
    # CIN has no coverage rule: the span is left blank; the version is numbered on its own.
    assert (version.data_from, version.data_to) == (None, None)
    again = upload_preview(council=council, user=analyst, files=files, kind=ReturnKind.CIN)
    assert again.status == Upload.Status.ALREADY_IMPORTED
    # The same council's SSDA903 versions are numbered apart from its CIN versions.
    ssda903 = return_import(
        council=council,
        user=analyst,
        paths=[p for _, p in write_files(header__csv=HEADER, episodes__csv=EPISODES)],
    )
    assert (ssda903.version.kind, ssda903.version.number) == ("ssda903", 1)


@pytest.mark.django_db
def test_a_bad_cin_file_is_refused_on_the_same_path_and_touches_no_version(
    council, analyst, write_files
):
    good = upload_preview(
        council=council, user=analyst, files=write_files(census__xml=CIN_XML), kind="cin"
    )
    version = upload_accept(upload=good, user=analyst)
    truncated = CIN_XML[: len(CIN_XML) // 2]
    bad = upload_preview(
        council=council, user=analyst, files=write_files(cut__xml=truncated), kind="cin"
    )
    assert bad.status == Upload.Status.REFUSED and bad.error_count >= 1
    assert bad.errors[0]["file"] == "cut.xml"
    assert list(ReturnVersion.objects.filter(council=council)) == [version]


@pytest.mark.django_db
def test_the_current_and_previous_year_together_make_two_uploads_then_two_versions(
    council, analyst, tmp_path
):
    now, before = tmp_path / "2022-23", tmp_path / "2021-22"
    for folder, episodes in ((now, EPISODES), (before, EPISODES_BEFORE)):
        folder.mkdir()
        (folder / "header.csv").write_text(HEADER)
        (folder / "episodes.csv").write_text(episodes)
    current = return_import(council=council, user=analyst, paths=[now], previous_paths=[before])
    previous = current.companion
    assert previous.companion == current
    assert (current.year.label, current.collection_year_basis) == (
        "2022-23",
        "the latest episode date 5 January 2023",
    )
    # Declared as the year before, by the uploader giving it as the previous year's.
    assert (previous.year.label, previous.collection_year_source) == ("2021-22", "declared")
    assert current.status == previous.status == Upload.Status.ACCEPTED
    assert [(v.number, v.year.label) for v in ReturnVersion.objects.order_by("number")] == [
        (1, "2021-22"),
        (2, "2022-23"),
    ]


@pytest.mark.django_db
def test_a_refused_year_of_the_two_imports_neither(council, analyst, tmp_path):
    now, before = tmp_path / "now", tmp_path / "before"
    for folder in (now, before):
        folder.mkdir()
        (folder / "header.csv").write_text(HEADER)
    (now / "episodes.csv").write_text(EPISODES)
    (before / "episodes.csv").write_text(EPISODES_BEFORE.replace("01/04/2021", "31/02/2021"))
    current = return_import(council=council, user=analyst, paths=[now], previous_paths=[before])
    assert current.companion.status == Upload.Status.REFUSED
    assert current.status == Upload.Status.DISCARDED
    assert_nothing_stored(council)


@pytest.mark.django_db
def test_two_years_in_one_upload_box_are_refused_with_the_way_to_send_them(
    council, analyst, write_files
):
    files = write_files(header__csv=HEADER, episodes__csv=EPISODES)
    files += write_files(header_2022__csv=HEADER, episodes_2022__csv=EPISODES_BEFORE)
    upload = upload_preview(council=council, user=analyst, files=files)
    assert upload.status == Upload.Status.REFUSED
    assert "previous year's" in upload.errors[0]["message"]


@pytest.mark.django_db
def test_the_web_upload_takes_both_years(client, council, analyst):
    from django.core.files.uploadedfile import SimpleUploadedFile

    def csv(name, text):
        return SimpleUploadedFile(name, text.encode(), content_type="text/csv")

    client.force_login(analyst)
    response = client.post(
        reverse("returns_upload", args=[council.code]),
        {
            "kind": "ssda903",
            "files": [csv("header.csv", HEADER), csv("episodes.csv", EPISODES)],
            "previous_files": [csv("header.csv", HEADER), csv("episodes.csv", EPISODES_BEFORE)],
        },
    )
    current = Upload.objects.get(collection_year=2023)
    assert response["Location"] == reverse("upload_detail", args=[council.code, current.pk])
    page = client.get(response["Location"]).content.decode()
    assert f"upload {current.companion.pk}</a>, the 2021-22 return" in page


# SSDA903's code lists by collection year (schema.py), worked by hand: one OC3 row whose
# activity is F3 and accommodation S1, and one episode whose reason for a placement change
# is CUSTOD.
OC3 = "CHILD,DOB,IN_TOUCH,ACTIV,ACCOM\n1001,01/02/2004,YES,F3,S1\n"


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("2017-18", {("ACTIV", "132"): 0, ("ACCOM", "133"): 0, ("REASON_PLACE_CHANGE", "1009"): 1}),
        ("2020-21", {("ACTIV", "132"): 0, ("ACCOM", "133"): 0, ("REASON_PLACE_CHANGE", "1009"): 1}),
        ("2021-22", {("ACTIV", "132"): 1, ("ACCOM", "133"): 0, ("REASON_PLACE_CHANGE", "1009"): 1}),
        ("2022-23", {("ACTIV", "132"): 1, ("ACCOM", "133"): 1, ("REASON_PLACE_CHANGE", "1009"): 0}),
    ],
)
def test_the_collection_year_decides_which_code_list_applies(write_files, label, expected):
    episodes = EPISODES.replace(",,,CARPL,,,", ",,,CUSTOD,,,")
    result = read_903(
        write_files(header__csv=HEADER, episodes__csv=episodes, oc3__csv=OC3),
        max_bytes=100_000,
        year=CollectionYear(int(label[:4]) + 1),
    )
    found = {key: 0 for key in expected}
    for problem in result.log.warnings:
        key = (problem.column, problem.code)
        if key in found:
            found[key] += 1
            assert label in problem.message
    assert found == expected


def test_a_year_before_2017_18_is_checked_against_2017_18_with_a_warning(write_files):
    result = read_903(
        write_files(header__csv=HEADER, episodes__csv=EPISODES),
        max_bytes=100_000,
        year=CollectionYear(2016),
    )
    (warning,) = [p for p in result.log.warnings if p.code == "year_not_held"]
    assert "checked against 2017-18's" in warning.message


def test_placement_codes_change_in_2024_25_and_2025_26(write_files):
    def place_warnings(code: str, end_year: int) -> int:
        episodes = EPISODES.replace(",U4,", f",{code},")
        result = read_903(
            write_files(header__csv=HEADER, episodes__csv=episodes),
            max_bytes=100_000,
            year=CollectionYear(end_year),
        )
        return sum(1 for p in result.log.warnings if p.code == "146")

    # K3 (supported accommodation) from 2024-25; H5 and Z1 end in 2025-26, Z11 begins.
    assert [place_warnings("K3", y) for y in (2024, 2025, 2026)] == [1, 0, 0]
    assert [place_warnings("H5", y) for y in (2018, 2025, 2026)] == [0, 0, 1]
    assert [place_warnings("Z11", y) for y in (2018, 2025, 2026)] == [1, 1, 0]


def test_an_earlier_years_xml_is_read_into_the_same_tables(write_files):
    xml = """<?xml version="1.0"?>
<EXPSSDA903><CHILD><HEADER><CHILDID>7</CHILDID><SEX>1</SEX><DOB>01/02/2008</DOB>
<ETHNIC>WBRI</ETHNIC></HEADER>
<EPISODE><DECOM>01/05/2018</DECOM><RNE>S</RNE><LS>V2</LS><CIN>N1</CIN><PL>U1</PL>
<PLACE_PROVIDER>PR1</PLACE_PROVIDER></EPISODE>
<OC3><IN_TOUCH>YES</IN_TOUCH><ACTIV>F3</ACTIV><ACCOM>X1</ACCOM></OC3></CHILD></EXPSSDA903>"""
    result = read_903(write_files(r2018__xml=xml), max_bytes=100_000)
    assert not result.log.has_errors, result.log.errors
    assert result.year.label == "2018-19"
    assert {name: f.height for name, f in result.frames.items()} == {
        "Header": 1,
        "Episodes": 1,
        "OC3": 1,
    }
    # F3 and X1 were on 2018-19's lists.
    assert not [p for p in result.log.warnings if p.code in ("132", "133")]


@pytest.mark.django_db
def test_the_cli_imports_a_cin_census_with_progress_on_stderr(council, write_files, capsys):
    ((_, path),) = write_files(census__xml=CIN_XML)
    call_command("import", "cin", str(path), "--council", "990")
    out, err = capsys.readouterr()
    assert "CIN census, upload" in out and "Accepted as version 1" in out
    assert "Collection year 2024-25" in out
    assert "Reading and checking 1 file(s)" in err


@pytest.mark.django_db
def test_the_cli_reports_problems_of_every_return_as_file_row_field_message(
    council, write_files, capsys
):
    broken = CIN_XML.replace("<PersonBirthDate>2015-06-01", "<PersonBirthDate>2015-13-45")
    ((_, path),) = write_files(census__xml=broken)
    with pytest.raises(CommandError, match="Refused"):
        call_command("import", "cin", str(path), "--council", "990")
    out = capsys.readouterr().out
    (line,) = [line for line in out.splitlines() if "PersonBirthDate:" in line]
    # file:row: field: message (found "value"), as for SSDA903 (Problem.line).
    assert line.startswith("census.xml:17: PersonBirthDate: PersonBirthDate (born on) is not a")
    assert line.endswith('(found "2015-13-45")')


@pytest.mark.django_db
def test_the_upload_page_lists_each_return_and_which_are_not_yet_available(
    client, council, analyst, annex_a_unavailable
):
    client.force_login(analyst)
    page = client.get(reverse("returns_list", args=[council.code])).content.decode()
    assert "Upload an SSDA903 return" in page
    assert "Annex A (not yet available)" in page
    assert 'href="?kind=cin#upload-form"' in page
    cin = client.get(reverse("returns_list", args=[council.code]) + "?kind=cin").content.decode()
    assert "Upload a CIN census return" in cin and 'value="cin"' in cin
    refused = client.post(
        reverse("returns_upload", args=[council.code]), {"kind": "annex_a", "files": []}
    )
    assert refused.status_code == 400
    assert "not yet available" in refused.content.decode()


@pytest.mark.django_db
def test_the_upload_page_refuses_a_file_type_the_return_does_not_take(client, council, analyst):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(analyst)
    response = client.post(
        reverse("returns_upload", args=[council.code]),
        {"kind": "cin", "files": [SimpleUploadedFile("census.pdf", b"%PDF")]},
    )
    assert response.status_code == 400
    assert "census.pdf: the CIN census return must be" in response.content.decode()
    assert not Upload.objects.exists()


# DoLo, deprivation of liberty orders, from 2026-27 (rules 700-709), worked by hand:
DOLO = (
    "CHILD,DOB,DOLO_START,DOLO_END\n"
    "1001,01/02/2010,01/05/2022,01/04/2022\n"  # 2: ends before it starts -> 702
    "1001,01/02/2010,01/06/2022,\n"  # 3: after row 2 ended: fine
    "1002,15/06/2012,01/01/2012,01/02/2012\n"  # 4: starts before the DOB -> 708
    "1002,15/06/2012,01/07/2012,\n"  # 5: after row 4 ended and the birth; open
    "1002,15/06/2012,01/01/2013,01/02/2013\n"  # 6: row 5 has no end -> 705
)


def test_the_dolo_table_of_2026_27_is_read_and_checked(write_files):
    result = read_903(
        write_files(header__csv=HEADER, episodes__csv=EPISODES, dolo__csv=DOLO),
        max_bytes=100_000,
        year=CollectionYear(2027),
    )
    assert not result.log.has_errors, result.log.errors
    assert result.frames["DoLo"].height == 5
    found = {(p.code, p.row) for p in result.log.kept if p.file == "dolo.csv"}
    assert found == {("702", 2), ("708", 4), ("705", 6)}


def test_a_dolo_table_in_an_earlier_year_is_kept_with_a_warning(write_files):
    result = read_903(
        write_files(header__csv=HEADER, episodes__csv=EPISODES, dolo__csv=DOLO),
        max_bytes=100_000,
        year=CollectionYear(2025),
    )
    (early,) = [p for p in result.log.warnings if p.code == "table_not_collected"]
    assert early.file == "dolo.csv"
    assert early.message.startswith("The DoLo table is collected from 2026-27")
    assert "DoLo" in result.tables


# Bad input of every kind, for every return, through the one path (issue 10's bar): a clear
# refusal or clean findings, never a traceback or the reader's fault net, and an earlier
# version left exactly as it was.
BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<Message><Children><Child><LAchildID>&lol3;</LAchildID></Child></Children></Message>"""
EXTERNAL = b"""<?xml version="1.0"?>
<!DOCTYPE Message SYSTEM "http://example.invalid/evil.dtd">
<Message><Children><Child><LAchildID>1</LAchildID></Child></Children></Message>"""
HOSTILE = {
    "empty": b"",
    "truncated": CIN_XML[:300].encode(),
    "entities": BILLION_LAUGHS,
    "external": EXTERNAL,
    "binary": bytes(range(256)) * 4,
    "not_utf8": "CHILD,DOB\n1,\xe9\n".encode("latin-1"),
}


def _stored(version) -> dict[str, bytes]:
    from django.conf import settings

    root = Path(settings.TRAJECTORY_STORAGE) / version.storage_key
    return {p.name: p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.mark.django_db
@pytest.mark.parametrize("kind", [f.kind for f in formats.FORMATS.values() if f.available])
@pytest.mark.parametrize("bad", sorted(HOSTILE))
def test_hostile_files_of_every_return_are_refused_on_one_path(
    council, analyst, write_files, kind, bad
):
    earlier = return_import(
        council=council,
        user=analyst,
        paths=[p for _, p in write_files(header__csv=HEADER, episodes__csv=EPISODES)],
    ).version
    before = _stored(earlier)
    fmt = formats.of(kind)
    suffix = ".xml" if ".xml" in fmt.suffixes and bad != "not_utf8" else fmt.suffixes[0]
    files = write_files(**{f"bad{suffix.replace('.', '__')}": HOSTILE[bad]})
    upload = upload_preview(council=council, user=analyst, files=files, kind=kind)
    assert upload.status == Upload.Status.REFUSED, (kind, bad, upload.warnings)
    assert "reader_failed" not in {e["code"] for e in upload.errors}
    assert all(e["file"] and e["message"] for e in upload.errors)
    assert list(ReturnVersion.objects.filter(council=council)) == [earlier]
    assert _stored(earlier) == before


def _annex_a() -> bytes:
    from tests.returns.annex_a.conftest import workbook
    from tests.returns.annex_a.test_reader import CONTACT_HEADERS

    return workbook(
        {
            "List 1": [
                [*CONTACT_HEADERS, "Our own notes"],
                ["1001", "Male", "WBRI", "01/02/2012", 12, "06/01/2025", "2A", "x"],
                ["1002", "Female", "WBRI", "15/06/2014", 10, "07/01/2025", "6", ""],
            ],
            "Notes": [["Prepared by the performance team"]],
        }
    )


@pytest.mark.django_db
def test_an_annex_a_workbook_is_previewed_with_its_sheets_recognised_then_accepted(
    client, council, analyst, write_files
):
    upload = upload_preview(
        council=council,
        user=analyst,
        files=write_files(annex__xlsx=_annex_a()),
        kind=ReturnKind.ANNEX_A,
    )
    assert upload.status == Upload.Status.PREVIEW, upload.errors
    assert upload.row_counts == {"List1": 2}
    assert upload.year.label == "2024-25"  # the latest contact, 7 January 2025
    by_sheet = {s["sheet"]: s for s in upload.recognition}
    assert by_sheet["List 1"]["list_name"] == "List1"
    assert by_sheet["Notes"]["list_name"] == ""
    client.force_login(analyst)
    page = client.get(reverse("upload_detail", args=[council.code, upload.pk])).content.decode()
    assert "Sheets and columns recognised" in page
    assert "“Our own notes”" in page
    version = upload_accept(upload=upload, user=analyst)
    assert (version.kind, version.number, version.row_counts) == ("annex_a", 1, {"List1": 2})


@pytest.mark.django_db
def test_the_cli_prints_the_sheets_an_annex_a_workbook_was_read_as(council, write_files, capsys):
    ((_, path),) = write_files(annex__xlsx=_annex_a())
    call_command("import", "annexa", str(path), "--council", "990")
    out = capsys.readouterr().out
    assert "annex.xlsx › List 1: List1 (by sheet name and headers; headers in row 1, 2 rows)" in out
    assert "“Our own notes”: not read" in out
    assert "annex.xlsx › Notes: not recognised" in out
    assert "Accepted as version 1" in out


def _sample(kind: str, write_files, tmp_path):
    if kind == "ssda903":
        return write_files(header__csv=HEADER, episodes__csv=EPISODES)
    if kind == "cin":
        return write_files(census__xml=CIN_XML)
    if kind == "annex_a":
        return write_files(annex__xlsx=_annex_a())
    from tests.browser.test_upload_returns import _files

    return [(p.name, p) for p in _files(tmp_path)["workforce"][0]]


@pytest.mark.django_db
@pytest.mark.parametrize("kind", [f.kind for f in formats.FORMATS.values() if f.available])
def test_every_returns_year_can_be_changed_on_its_preview(
    council, analyst, write_files, tmp_path, kind
):
    from trajectory.returns.services import upload_set_year

    upload = upload_preview(
        council=council, user=analyst, files=_sample(kind, write_files, tmp_path), kind=kind
    )
    assert upload.status == Upload.Status.PREVIEW, upload.errors
    assert upload.collection_year_source == "inferred" and upload.collection_year_basis
    other = CollectionYear(upload.collection_year + 1)
    if kind == "cin":
        # The census's own header names its year: another is refused, and nothing changes.
        with pytest.raises(ValidationError, match="this file's header is for 2024-25"):
            upload_set_year(upload=upload, user=analyst, year=other)
        upload.refresh_from_db()
        assert (upload.year.label, upload.collection_year_source) == ("2024-25", "inferred")
        return
    changed = upload_set_year(upload=upload, user=analyst, year=other)
    assert (changed.year, changed.collection_year_source, changed.collection_year_set_by) == (
        other,
        "declared",
        analyst,
    )
    version = upload_accept(upload=changed, user=analyst)
    assert (version.kind, version.year) == (kind, other)


@pytest.mark.django_db
def test_long_work_prints_a_progress_line_while_it_lasts(council, write_files, capsys, monkeypatch):
    import importlib
    import time

    from trajectory.returns import services

    progress = importlib.import_module("trajectory.returns.progress")
    monkeypatch.setattr(progress, "PLAIN_PROGRESS_EVERY", 0.05)
    read = services._read

    def slow(*args, **kwargs):
        time.sleep(0.3)
        return read(*args, **kwargs)

    monkeypatch.setattr(services, "_read", slow)
    files = write_files(header__csv=HEADER, episodes__csv=EPISODES)
    call_command("import", "903", *(str(p) for _, p in files), "--council", "990")
    err = capsys.readouterr().err
    assert "Reading and checking 2 file(s): still working" in err
    assert "Accepting the 2022-23 return" in err
