"""Files that used to crash the reader, or slip through it, get read or get a clear finding.

Issue 6, point 4: CR-only line endings, duplicate header columns, a Header with no children,
dates of birth and starts of care in the future, child identifiers in other scripts' digits,
and whatever else a reader might trip on, which must refuse the upload with a message naming
the file, never a traceback, and leave a record of the attempt.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.returns import fuzz
from tests.returns.conftest import EPISODES, HEADER, REVIEWS, assert_nothing_stored
from trajectory.returns import collection_year
from trajectory.returns.models import Upload
from trajectory.returns.services import upload_preview
from trajectory.returns.ssda903 import csv_reader
from trajectory.returns.ssda903.reader import read_return


def preview(council, user, files) -> Upload:
    return upload_preview(council=council, user=user, files=files)


def only_error(upload: Upload) -> dict:
    assert upload.status == Upload.Status.REFUSED
    assert upload.error_count == len(upload.errors) == 1, upload.errors
    return upload.errors[0]


def where(problem: dict) -> tuple:
    return problem["file"], problem["row"], problem["column"], problem["value"]


def tables(files) -> dict:
    result = read_return(files, max_bytes=10_000_000)
    assert not result.log.kept, result.log.kept
    return result.tables


# --- line endings ---------------------------------------------------------------------------


@pytest.mark.parametrize("ending", ["\r", "\r\n"])
def test_cr_only_and_crlf_files_give_the_same_rows_as_lf(write_files, ending):
    as_lf = tables(write_files(header__csv=HEADER, episodes__csv=EPISODES, reviews__csv=REVIEWS))
    other = {
        name: text.replace("\n", ending)
        for name, text in {"header": HEADER, "episodes": EPISODES, "reviews": REVIEWS}.items()
    }
    as_other = tables(
        write_files(
            header__csv=other["header"],
            episodes__csv=other["episodes"],
            reviews__csv=other["reviews"],
        )
    )
    assert sorted(as_other) == sorted(as_lf) == ["Episodes", "Header", "Reviews"]
    for name, frame in as_lf.items():
        assert as_other[name].equals(frame), name


def test_mixed_line_endings_in_one_file_are_all_line_breaks(write_files):
    lines = EPISODES.splitlines()
    mixed = lines[0] + "\r" + lines[1] + "\r\n" + lines[2] + "\n" + lines[3] + "\r"
    as_mixed = tables(write_files(header__csv=HEADER, episodes__csv=mixed))
    as_lf = tables(write_files(header__csv=HEADER, episodes__csv=EPISODES))
    assert as_mixed["Episodes"].equals(as_lf["Episodes"])


@pytest.mark.django_db
def test_cr_only_upload_is_previewed_with_its_rows_counted(council, analyst, write_files):
    files = write_files(header__csv=HEADER.replace("\n", "\r"), episodes__csv=EPISODES)
    upload = preview(council, analyst, files)
    assert upload.status == Upload.Status.PREVIEW, upload.errors
    assert upload.row_counts == {"Episodes": 3, "Header": 2}


@pytest.mark.django_db
def test_cr_only_file_row_numbers_are_its_lines(council, analyst, write_files):
    bad = EPISODES.replace("05/01/2023", "yesterday").replace("\n", "\r")
    error = only_error(
        preview(council, analyst, write_files(header__csv=HEADER, episodes__csv=bad))
    )
    assert where(error) == ("episodes.csv", 4, "DEC", "yesterday")


@pytest.mark.django_db
def test_cr_only_file_that_is_not_utf8_names_the_right_row(council, analyst, write_files):
    latin1 = HEADER.replace("1002,2,15/06/2012,MWBA,,,", "1002,2,15/06/2012,MWBA,Zoë,,")
    data = latin1.replace("\n", "\r").encode("cp1252")
    error = only_error(
        preview(council, analyst, write_files(header__csv=data, episodes__csv=EPISODES))
    )
    assert where(error) == ("header.csv", 3, "UPN", "0xEB")


@pytest.mark.django_db
def test_cr_only_files_import_from_the_command_line(council, write_files, capsys):
    files = write_files(header__csv=HEADER.replace("\n", "\r"), episodes__csv=EPISODES)
    call_command("import", "903", *(str(p) for _, p in files), "--council", "990")
    out = capsys.readouterr().out
    assert "  Header: 2 rows" in out
    assert "Accepted as version 1" in out


# --- the header -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_duplicate_header_column_is_named_with_its_positions(council, analyst, write_files):
    twice = "CHILD,SEX,DOB,CHILD,ETHNIC\n1001,1,01/02/2010,1001,WBRI\n"
    error = only_error(
        preview(council, analyst, write_files(header__csv=twice, episodes__csv=EPISODES))
    )
    assert where(error) == ("header.csv", 1, "CHILD", "")
    assert error["code"] == "duplicate_column"
    assert error["message"] == (
        "Column CHILD appears twice in the header (columns 1 and 4); "
        "keep one and upload the file again"
    )
    assert_nothing_stored(council)


def test_a_column_three_times_and_two_columns_twice_are_each_named(write_files):
    header = "DOB,CHILD,SEX,DOB,ETHNIC,dob ,SEX\n"
    result = read_return(write_files(header__csv=header, episodes__csv=EPISODES), max_bytes=10_000)
    assert [(p.column, p.message) for p in result.log.errors] == [
        (
            "DOB",
            "Column DOB appears 3 times in the header (columns 1, 4 and 6); "
            "keep one and upload the file again",
        ),
        (
            "SEX",
            "Column SEX appears twice in the header (columns 3 and 7); "
            "keep one and upload the file again",
        ),
    ]


def test_repeated_blank_and_extra_columns_are_left_out_not_refused(write_files):
    header = HEADER.replace("MC_DOB\n", "MC_DOB,NOTE,NOTE,,\n").replace(",,,\n", ",,,,a,b,,\n")
    result = read_return(write_files(header__csv=header, episodes__csv=EPISODES), max_bytes=10_000)
    assert not result.log.has_errors, result.log.errors
    assert [(p.column, p.code) for p in result.log.warnings] == [("NOTE", "extra_column")]
    assert result.row_counts == {"Episodes": 3, "Header": 2}


def test_header_cell_longer_than_the_csv_modules_limit_is_refused(write_files):
    huge = "CHILD," + "9" * 200_000 + ",DOB\n1001,1,01/02/2010\n"
    result = read_return(write_files(header__csv=huge, episodes__csv=EPISODES), max_bytes=10**7)
    [error] = result.log.errors
    assert (error.file, error.row, error.code) == ("header.csv", 1, "unreadable")
    assert error.message == (
        "header.csv could not be read as CSV: its header row is not valid CSV "
        "(a cell is longer than 131,072 characters)"
    )


def test_a_header_of_a_million_columns_is_refused_without_reading_them(write_files):
    wide = "CHILD" + "," * 1_000_000 + "\n"
    result = read_return(write_files(header__csv=wide, episodes__csv=EPISODES), max_bytes=10**7)
    [error] = result.log.errors
    assert (error.file, error.row, error.code, error.value) == (
        "header.csv",
        1,
        "too_many_columns",
        "1000001",
    )
    assert error.message == (
        "header.csv has 1,000,001 columns in its header row; no SSDA903 table has more "
        "than 15, so it was not read"  # Episodes: 13 columns, PL_DISTANCE and PL_LOCATION
    )


# --- no children ----------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("header", ["CHILD,SEX,DOB,ETHNIC\n", "CHILD,SEX,DOB,ETHNIC\r,,,\r\r"])
def test_header_with_no_children_is_refused(council, analyst, write_files, header):
    error = only_error(
        preview(council, analyst, write_files(header__csv=header, episodes__csv=EPISODES))
    )
    assert where(error) == ("header.csv", None, "", "")
    assert error["code"] == "no_children"
    assert error["message"] == (
        "There are no children in the return: the Header table in header.csv has no rows, "
        "so nothing can be counted"
    )
    assert_nothing_stored(council)
    assert Upload.objects.get().status == Upload.Status.REFUSED  # the attempt is recorded


# --- dates in the future --------------------------------------------------------------------


@pytest.mark.django_db
def test_date_of_birth_in_the_future_is_an_error_naming_the_row(council, analyst, write_files):
    future = HEADER.replace("15/06/2012", "15/06/2099")
    error = only_error(
        preview(council, analyst, write_files(header__csv=future, episodes__csv=EPISODES))
    )
    assert where(error) == ("header.csv", 3, "DOB", "15/06/2099")
    assert error["code"] == "301"
    # The episodes run to 5 January 2023, so the year is 2022-23, ended before today.
    assert error["message"] == (
        "The date of birth (DOB) is in the future: it is after the end of the collection "
        "year 2022-23, 31 March 2023"
    )
    assert_nothing_stored(council)


@pytest.mark.django_db
def test_episode_starting_in_the_future_is_an_error_naming_the_row(council, analyst, write_files):
    future = EPISODES.replace("10/10/2022,S", "10/10/2098,S")
    error = only_error(
        preview(council, analyst, write_files(header__csv=HEADER, episodes__csv=future))
    )
    assert where(error) == ("episodes.csv", 4, "DECOM", "10/10/2098")
    assert error["code"] == "354"
    assert error["message"] == (
        "The episode starts (DECOM) in the future: after the day this return was uploaded"
    )
    assert_nothing_stored(council)


def test_the_future_starts_the_day_after_the_upload(write_files):
    upload_day = date(2024, 3, 31)
    day = lambda d: d.strftime("%d/%m/%Y")  # noqa: E731
    header = (
        "CHILD,SEX,DOB,ETHNIC\n"
        f"1,1,{day(upload_day)},WBRI\n"  # born on the upload day: fine
        f"2,1,{day(upload_day + timedelta(days=1))},WBRI\n"  # born the day after: flagged
    )
    episodes = (
        "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC\n"
        f"1,{day(upload_day)},S,C2,N1,U1,PR1,,\n"
        f"2,{day(upload_day + timedelta(days=1))},S,C2,N1,U1,PR1,,\n"
    )
    result = read_return(
        write_files(header__csv=header, episodes__csv=episodes), max_bytes=10_000, today=upload_day
    )
    assert {(p.code, p.file, p.row, p.column) for p in result.log.errors} == {
        ("301", "header.csv", 3, "DOB"),
        ("354", "episodes.csv", 3, "DECOM"),
    }


def test_the_future_ends_with_a_declared_year_that_closed_before_the_upload(write_files):
    """DfE's rules 301 and 354 measure from collection end: declared 2023-24, a child born or
    an episode starting on 1 April 2024 is in the future, though the upload is later."""
    header = "CHILD,SEX,DOB,ETHNIC\n1,1,31/03/2024,WBRI\n2,1,01/04/2024,WBRI\n"
    episodes = (
        "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC\n"
        "1,31/03/2024,S,C2,N1,U1,PR1,,\n"
        "2,01/04/2024,S,C2,N1,U1,PR1,,\n"
    )
    files = write_files(header__csv=header, episodes__csv=episodes)
    declared = read_return(
        files, max_bytes=10_000, today=date(2024, 6, 1), year=collection_year.parse("2023-24")
    )
    assert {(p.code, p.row) for p in declared.log.errors} == {("301", 3), ("354", 3)}
    assert declared.log.errors[0].message.endswith(
        "after the end of the collection year 2023-24, 31 March 2024"
    )
    inferred = read_return(files, max_bytes=10_000, today=date(2024, 6, 1))
    assert inferred.year == collection_year.parse("2024-25")
    assert inferred.log.errors == []


# --- child identifiers in other scripts' digits ---------------------------------------------

IDENTIFIER_MESSAGE = (
    "CHILD must use the digits 0-9 and letters A-Z; this one holds characters from outside "
    "them (such as digits from another script), and nothing was converted"
)


@pytest.mark.django_db
@pytest.mark.parametrize("child", ["١٠٠٢", "１００２", "100\u0662", "1002\u00a0A"])  # noqa: RUF001
def test_child_id_in_other_digits_is_an_error_and_is_not_normalised(
    council, analyst, write_files, child
):
    if child.isdigit():
        assert int(child) == 1002  # what Python would silently make of it
    files = write_files(header__csv=HEADER.replace("1002,2", f"{child},2"), episodes__csv=EPISODES)
    upload = preview(council, analyst, files)
    assert upload.status == Upload.Status.REFUSED
    identifier = [e for e in upload.errors if e["code"] == "identifier_characters"]
    assert [where(e) for e in identifier] == [("header.csv", 3, "CHILD", child)]
    assert identifier[0]["message"] == IDENTIFIER_MESSAGE
    assert_nothing_stored(council)


def test_child_id_in_other_digits_in_xml_is_an_error_too(write_files):
    xml = fuzz.XML_RETURN.replace("<CHILD>1002</CHILD>", "<CHILD>١٠٠٢</CHILD>")
    result = read_return(write_files(return__xml=xml), max_bytes=10_000)
    assert [(p.file, p.column, p.value, p.message) for p in result.log.errors] == [
        ("return.xml", "CHILD", "١٠٠٢", IDENTIFIER_MESSAGE),  # the Header row
        ("return.xml", "CHILD", "١٠٠٢", IDENTIFIER_MESSAGE),  # the episode
    ]


def test_ascii_letters_and_digits_are_fine(write_files):
    files = write_files(
        header__csv=HEADER.replace("1002,2", "Ab9Z,2"),
        episodes__csv=EPISODES.replace("1002,", "Ab9Z,"),
    )
    assert tables(files)["Header"]["CHILD"].to_list() == ["1001", "Ab9Z"]


# --- XML that reaches for other files -------------------------------------------------------


def test_xml_naming_an_external_dtd_is_refused_and_nothing_is_fetched(write_files, tmp_path):
    (tmp_path / "x.dtd").write_text('<!ENTITY leak "LEAKED">')
    xml = fuzz.XML_RETURN.replace(
        "<Message>", f'<!DOCTYPE Message SYSTEM "file://{tmp_path}/x.dtd">\n<Message>'
    ).replace("<CHILD>1001</CHILD>", "<CHILD>&leak;</CHILD>")
    result = read_return(write_files(return__xml=xml), max_bytes=10_000)
    [error] = result.log.errors
    assert (error.file, error.code, error.value) == (
        "return.xml",
        "xml_entities",
        f"file://{tmp_path}/x.dtd",
    )
    assert error.message == (
        "return.xml refers to an external document type definition, which is not accepted "
        "(and was not fetched)"
    )
    assert result.frames == {}


@pytest.mark.parametrize(
    "doctype",
    [
        '<!DOCTYPE Message [<!ENTITY % x SYSTEM "file://{dtd}"> %x;]>',
        '<!DOCTYPE Message [<!ENTITY leak SYSTEM "file://{dtd}">]>',
    ],
)
def test_xml_external_entities_are_refused_unread(write_files, tmp_path, doctype):
    (tmp_path / "x.dtd").write_text('<!ENTITY leak "LEAKED">')
    xml = fuzz.XML_RETURN.replace(
        "<Message>", doctype.format(dtd=tmp_path / "x.dtd") + "\n<Message>"
    ).replace("<CHILD>1001</CHILD>", "<CHILD>&leak;</CHILD>")
    result = read_return(write_files(return__xml=xml), max_bytes=10_000)
    assert [(p.file, p.code) for p in result.log.errors] == [("return.xml", "xml_entities")]
    assert result.frames == {}


def test_xml_nested_deeper_than_the_parser_allows_is_refused(write_files):
    deep = "<Message>" + "<x>" * 10_000 + "</x>" * 10_000 + "</Message>"
    result = read_return(write_files(return__xml=deep), max_bytes=10**6)
    [error] = result.log.errors
    assert (error.file, error.code) == ("return.xml", "unreadable")
    assert error.message.startswith("return.xml is not well-formed XML (Excessive depth")


# --- whatever else goes wrong inside a reader -----------------------------------------------


@pytest.mark.django_db
def test_a_fault_in_a_reader_refuses_the_upload_naming_the_file(
    council, analyst, write_files, monkeypatch, caplog
):
    def broken(*args, **kwargs):
        raise ZeroDivisionError("a bug nobody foresaw")

    monkeypatch.setattr(csv_reader, "typed_table", broken)
    upload = preview(council, analyst, write_files(header__csv=HEADER, episodes__csv=EPISODES))
    assert upload.status == Upload.Status.REFUSED
    assert [(e["file"], e["code"]) for e in upload.errors] == [
        ("header.csv", "reader_failed"),
        ("episodes.csv", "reader_failed"),
    ]
    assert upload.errors[0]["message"] == (
        "header.csv could not be read because of a fault in Trajectory, which has been "
        "logged; nothing was imported. Please report it with the file's name"
    )
    assert "ZeroDivisionError: a bug nobody foresaw" in caplog.text  # the traceback, for us
    assert Upload.objects.get() == upload
    assert_nothing_stored(council)


def test_a_fault_in_the_row_checks_refuses_the_upload(write_files, monkeypatch):
    from trajectory.returns.ssda903 import checks

    monkeypatch.setattr(checks, "flagged", lambda *a, **k: 1 / 0)
    result = read_return(write_files(header__csv=HEADER, episodes__csv=EPISODES), max_bytes=10_000)
    assert [(p.file, p.code) for p in result.log.errors] == [("(upload)", "reader_failed")]


# --- a crasher the fuzz run found, end to end -----------------------------------------------


@pytest.mark.django_db
def test_fuzz_found_crasher_is_refused_cleanly_by_the_command_line(council, write_files, capsys):
    """Seed 1070 of tests/returns/fuzz.py's CSV generator (a 200,000-character header cell and
    CHILD twice) raised `_csv.Error` out of the reader, and so out of `trajectory import`."""
    name, data = fuzz.csv_file(random.Random(1070))
    assert name == "header.csv" and len(data) > 200_000
    files = write_files(header__csv=data, episodes__csv=EPISODES)
    with pytest.raises(CommandError) as refused:
        call_command("import", "903", *(str(p) for _, p in files), "--council", "990")
    assert refused.value.returncode == 1
    assert str(refused.value) == (
        "Refused: 1 error(s), nothing was imported. First: header.csv could not be read as "
        "CSV: its header row is not valid CSV (a cell is longer than 131,072 characters)"
    )
    assert "header.csv:1: header.csv could not be read as CSV" in capsys.readouterr().out
    upload = Upload.objects.get()
    assert (upload.status, upload.source, upload.error_count) == (Upload.Status.REFUSED, "cli", 1)
    assert [f["name"] for f in upload.files] == ["header.csv", "episodes.csv"]
    assert_nothing_stored(council)
