"""Bad files get a clear message naming file, row and field, refuse the upload and store nothing."""

from __future__ import annotations

import time

import pytest

from tests.returns.conftest import EPISODES, HEADER, REVIEWS, assert_nothing_stored
from trajectory.returns import storage
from trajectory.returns.models import Upload
from trajectory.returns.services import upload_accept, upload_preview


def preview(council, user, files) -> Upload:
    return upload_preview(council=council, user=user, files=files)


def only_error(upload: Upload) -> dict:
    assert upload.status == Upload.Status.REFUSED
    assert upload.error_count == len(upload.errors) == 1, upload.errors
    return upload.errors[0]


@pytest.mark.django_db
def test_semicolon_delimiter_is_refused_naming_file_and_delimiter(council, analyst, write_files):
    files = write_files(header__csv=HEADER, episodes__csv=EPISODES.replace(",", ";"))
    error = only_error(preview(council, analyst, files))
    assert error["file"] == "episodes.csv"
    assert error["row"] == 1
    assert error["code"] == "delimiter"
    assert "episodes.csv uses ';' between fields; SSDA903 CSV uses commas" in error["message"]
    assert_nothing_stored(council)


@pytest.mark.django_db
def test_tab_delimiter_is_refused(council, analyst, write_files):
    files = write_files(header__csv=HEADER.replace(",", "\t"), episodes__csv=EPISODES)
    error = only_error(preview(council, analyst, files))
    assert error["file"] == "header.csv"
    assert "uses tabs between fields" in error["message"]
    assert_nothing_stored(council)


@pytest.mark.django_db
def test_missing_required_column_names_column_and_table(council, analyst, write_files):
    without_decom = "\n".join(
        ",".join(f for i, f in enumerate(line.split(",")) if i != 1)
        for line in EPISODES.splitlines()
    )
    files = write_files(header__csv=HEADER, episodes__csv=without_decom)
    error = only_error(preview(council, analyst, files))
    assert (error["file"], error["row"], error["column"]) == ("episodes.csv", 1, "DECOM")
    assert error["message"] == "episodes.csv looks like the Episodes table but has no DECOM column"
    assert_nothing_stored(council)


@pytest.mark.django_db
def test_garbage_dates_are_reported_with_row_column_and_value(council, analyst, write_files):
    bad = EPISODES.replace("01/09/2022,P", "31/02/2022,P").replace("05/01/2023", "yesterday")
    files = write_files(header__csv=HEADER, episodes__csv=bad)
    upload = preview(council, analyst, files)
    assert upload.status == Upload.Status.REFUSED
    found = {(e["file"], e["row"], e["column"], e["value"]) for e in upload.errors}
    assert found == {
        ("episodes.csv", 3, "DECOM", "31/02/2022"),
        ("episodes.csv", 4, "DEC", "yesterday"),
    }
    decom = next(e for e in upload.errors if e["column"] == "DECOM")
    assert decom["message"].startswith("DECOM (started on) is not a date")
    assert "dd/mm/yyyy" in decom["message"]
    assert_nothing_stored(council)


@pytest.mark.django_db
def test_two_digit_year_is_not_guessed(council, analyst, write_files):
    files = write_files(
        header__csv=HEADER.replace("01/02/2010", "01/02/10"), episodes__csv=EPISODES
    )
    error = only_error(preview(council, analyst, files))
    assert (error["file"], error["row"], error["column"], error["value"]) == (
        "header.csv",
        2,
        "DOB",
        "01/02/10",
    )
    assert_nothing_stored(council)


@pytest.mark.django_db
def test_blank_key_field_is_an_error(council, analyst, write_files):
    files = write_files(
        header__csv=HEADER, episodes__csv=EPISODES.replace("1002,10/10/2022", ",10/10/2022")
    )
    error = only_error(preview(council, analyst, files))
    assert (error["file"], error["row"], error["column"]) == ("episodes.csv", 4, "CHILD")
    assert "CHILD is blank" in error["message"]
    assert_nothing_stored(council)


@pytest.mark.django_db
@pytest.mark.parametrize("content", [b"", b"\xef\xbb\xbf", b"\n\n  \n"])
def test_empty_file_is_refused(council, analyst, write_files, content):
    files = write_files(header__csv=HEADER, episodes__csv=content)
    error = only_error(preview(council, analyst, files))
    assert error["file"] == "episodes.csv"
    assert error["code"] == "empty_file"
    assert "episodes.csv is empty" in error["message"]
    assert_nothing_stored(council)


@pytest.mark.django_db
def test_wrong_encoding_names_byte_offset_row_and_column(council, analyst, write_files):
    latin1 = HEADER.replace("1002,2,15/06/2012,MWBA,,,", "1002,2,15/06/2012,MWBA,Zoë,,")
    data = latin1.encode("cp1252")
    files = write_files(header__csv=data, episodes__csv=EPISODES)
    error = only_error(preview(council, analyst, files))
    offset = data.index(b"\xeb")
    assert (error["file"], error["row"], error["column"], error["value"]) == (
        "header.csv",
        3,
        "UPN",
        "0xEB",
    )
    assert f"byte 0xEB at byte {offset} (row 3)" in error["message"]
    assert "UTF-8" in error["message"]
    assert_nothing_stored(council)


@pytest.mark.django_db
def test_utf16_is_refused_with_a_reason(council, analyst, write_files):
    files = write_files(header__csv=HEADER.encode("utf-16"), episodes__csv=EPISODES)
    error = only_error(preview(council, analyst, files))
    assert error["file"] == "header.csv"
    assert "UTF-16" in error["message"]
    assert_nothing_stored(council)


@pytest.mark.django_db
def test_utf8_with_byte_order_mark_is_read(council, analyst, write_files):
    files = write_files(header__csv=b"\xef\xbb\xbf" + HEADER.encode(), episodes__csv=EPISODES)
    upload = preview(council, analyst, files)
    assert upload.status == Upload.Status.PREVIEW, upload.errors
    assert upload.row_counts == {"Episodes": 3, "Header": 2}


@pytest.mark.django_db
def test_200_mb_file_is_refused_quickly_without_reading_it(council, analyst, write_files, tmp_path):
    files = write_files(header__csv=HEADER)
    big = tmp_path / "upload" / "episodes.csv"
    with big.open("wb") as handle:  # sparse: 200 MB on paper, no time to write
        handle.truncate(200 * 1024 * 1024)
    started = time.monotonic()
    upload = preview(council, analyst, [*files, ("episodes.csv", big)])
    assert time.monotonic() - started < 2
    error = only_error(upload)
    assert error["file"] == "episodes.csv"
    assert error["code"] == "too_large"
    assert error["message"] == (
        "episodes.csv is 200 MB; the largest file accepted is 100 MB. It was not read"
    )
    assert upload.files[1] == {
        "name": "episodes.csv",
        "size": 200 * 1024 * 1024,
        "sha256": "",
        "table": "",
    }
    assert_nothing_stored(council)


@pytest.mark.django_db
def test_size_limit_follows_the_setting(council, analyst, write_files, settings):
    settings.TRAJECTORY_MAX_UPLOAD_BYTES = 50
    files = write_files(header__csv=HEADER)
    error = only_error(preview(council, analyst, files))
    assert error["file"] == "header.csv"
    assert error["message"] == (
        f"header.csv is {len(HEADER)} bytes; the largest file accepted is 50 bytes. It was not read"
    )


@pytest.mark.django_db
def test_unknown_table_names_the_columns_found(council, analyst, write_files):
    files = write_files(
        header__csv=HEADER, episodes__csv=EPISODES, staff__csv="NAME,TEAM,START\nAl,North,2020\n"
    )
    error = only_error(preview(council, analyst, files))
    assert (error["file"], error["row"]) == ("staff.csv", 1)
    assert error["code"] == "unknown_table"
    assert "staff.csv is not an SSDA903 table: its columns (NAME, TEAM, START)" in error["message"]
    assert_nothing_stored(council)


@pytest.mark.django_db
def test_same_table_in_two_files_is_refused(council, analyst, write_files):
    files = write_files(header__csv=HEADER, episodes__csv=EPISODES, episodes_copy__csv=EPISODES)
    error = only_error(preview(council, analyst, files))
    assert error["file"] == "episodes_copy.csv"
    assert "episodes_copy.csv and episodes.csv both hold the Episodes table" in error["message"]
    assert_nothing_stored(council)


@pytest.mark.django_db
def test_a_return_without_episodes_is_refused(council, analyst, write_files):
    error = only_error(
        preview(council, analyst, write_files(header__csv=HEADER, reviews__csv=REVIEWS))
    )
    assert error["code"] == "missing_table"
    assert "No file holds the Episodes table" in error["message"]


@pytest.mark.django_db
def test_row_with_too_many_fields_is_refused(council, analyst, write_files):
    files = write_files(
        header__csv=HEADER + "1003,1,01/01/2011,WBRI,,,,EXTRA\n", episodes__csv=EPISODES
    )
    error = only_error(preview(council, analyst, files))
    assert (error["file"], error["row"], error["code"]) == ("header.csv", 4, "ragged_row")


@pytest.mark.django_db
def test_one_bad_file_refuses_the_whole_upload(council, analyst, write_files):
    files = write_files(
        header__csv=HEADER,
        episodes__csv=EPISODES,
        reviews__csv=REVIEWS.replace("20/05/2022", "2022/20/05"),
    )
    upload = preview(council, analyst, files)
    assert upload.status == Upload.Status.REFUSED
    assert upload.row_counts == {}
    kept = storage.staging_of(upload.staging_path)
    assert sorted(p.name for p in kept.iterdir()) == ["problems.csv", "rejected"]  # no tables
    assert_nothing_stored(council)
    with pytest.raises(Exception, match="Only an upload waiting for review can be accepted"):
        upload_accept(upload=upload, user=analyst)
    assert_nothing_stored(council)


@pytest.mark.django_db
def test_xml_with_entities_is_refused(council, analyst, write_files):
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE Message [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><Message><Children><Child><CHILD>&b;</CHILD>'
        b"</Child></Children></Message>"
    )
    error = only_error(preview(council, analyst, write_files(return__xml=bomb)))
    assert error["file"] == "return.xml"
    assert "declares XML entities" in error["message"]
    assert_nothing_stored(council)


@pytest.mark.django_db
def test_malformed_xml_names_the_line(council, analyst, write_files):
    broken = b"<Message>\n<Children>\n<Child><CHILD>1</CHILD>\n</Children>\n</Message>\n"
    error = only_error(preview(council, analyst, write_files(return__xml=broken)))
    assert error["file"] == "return.xml"
    assert error["row"] == 4
    assert "not well-formed XML" in error["message"]
    assert_nothing_stored(council)
