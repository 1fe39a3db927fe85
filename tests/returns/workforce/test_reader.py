"""The workforce census reader: small files worked by hand into exact tables, the year from
the census date, every check's problem naming file, row, field and value, hostile files
refused, and no traceback for anything (a bounded hypothesis run)."""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from trajectory.returns.collection_year import CollectionYear, parse
from trajectory.returns.workforce.reader import (
    census_date,
    latest_census,
    read_return,
    year_of_census,
)

TODAY = date(2024, 10, 20)
WORKERS = (
    "AgencyWorker,SWENo,FTE,OrgRole,RoleStartDate,RoleEndDate,ReasonLeave,FTE30,Cases30,"
    "WorkingDaysLost\n"
    "0,SW1001,1,5,01/04/2020,,,1,18,4.5\n"
    "0,SW1002,0.6,5,2023-11-01,31/05/2024,1,,,2\n"
    "1,SW1003,1,5,01/01/2024,,,1,22,0\n"
)
VACANCIES = "NumberOfVacancies,NoAgencyFTE,NoAgencyHeadcount\n3.5,2,2\n"
XML = """<?xml version="1.0" encoding="UTF-8"?>
<Message>
  <Header>
    <CollectionDetails><Collection>CSWW</Collection><Year>2024</Year>
      <ReferenceDate>2024-09-30</ReferenceDate></CollectionDetails>
    <Source><SourceLevel>L</SourceLevel><LEA>990</LEA></Source>
  </Header>
  <LALevelVacancies>
    <NumberOfVacancies>3.50</NumberOfVacancies><NoAgencyFTE>2.00</NoAgencyFTE>
    <NoAgencyHeadcount>2</NoAgencyHeadcount>
  </LALevelVacancies>
  <CSWWWorker><AgencyWorker>0</AgencyWorker><SWENo>SW1001</SWENo><FTE>1.000000</FTE>
    <OrgRole>5</OrgRole><RoleStartDate>2020-04-01</RoleStartDate><FTE30>1.000000</FTE30>
    <Cases30>18</Cases30><WorkingDaysLost>4.50</WorkingDaysLost></CSWWWorker>
  <CSWWWorker><AgencyWorker>0</AgencyWorker><SWENo>SW1002</SWENo><FTE>0.600000</FTE>
    <OrgRole>5</OrgRole><RoleStartDate>2023-11-01</RoleStartDate>
    <RoleEndDate>2024-05-31</RoleEndDate><ReasonLeave>1</ReasonLeave>
    <WorkingDaysLost>2.00</WorkingDaysLost></CSWWWorker>
  <CSWWWorker><AgencyWorker>1</AgencyWorker><SWENo>SW1003</SWENo><FTE>1.000000</FTE>
    <OrgRole>5</OrgRole><RoleStartDate>2024-01-01</RoleStartDate><FTE30>1.000000</FTE30>
    <Cases30>22</Cases30><WorkingDaysLost>0.00</WorkingDaysLost></CSWWWorker>
</Message>
"""
EXPECTED = {
    "AgencyWorker": ["0", "0", "1"],
    "SWENo": ["SW1001", "SW1002", "SW1003"],
    "FTE": [1.0, 0.6, 1.0],
    "OrgRole": ["5", "5", "5"],
    "RoleStartDate": [date(2020, 4, 1), date(2023, 11, 1), date(2024, 1, 1)],
    "RoleEndDate": [None, date(2024, 5, 31), None],
    "ReasonLeave": [None, "1", None],
    "FTE30": [1.0, None, 1.0],
    "Cases30": [18, None, 22],
    "WorkingDaysLost": [4.5, 2.0, 0.0],
}


def _read(write_files, year=None, **contents):
    return read_return(write_files(**contents), max_bytes=1_000_000, today=TODAY, year=year)


def _problems(result):
    return [(p.code, p.row, p.column, p.value, p.severity) for p in result.log.kept]


def test_the_year_is_the_census_date_as_dfe_names_it():
    # DfE's "2023 to 2024 census" is the census of 30 September 2024.
    assert census_date(parse("2023-24")) == date(2024, 9, 30)
    assert year_of_census(date(2024, 9, 30)) == CollectionYear(2024)
    assert year_of_census(date(2023, 10, 1)) == CollectionYear(2024)
    assert year_of_census(date(2024, 10, 1)) == CollectionYear(2025)
    assert latest_census(date(2024, 9, 29)) == CollectionYear(2023)
    assert latest_census(date(2024, 9, 30)) == CollectionYear(2024)


def test_a_csv_pair_reads_into_exact_tables(write_files):
    result = _read(write_files, **{"workers.csv": WORKERS, "vacancies.csv": VACANCIES})
    assert _problems(result) == []
    assert result.year == CollectionYear(2024)
    assert result.year_inferred_from == (
        "the latest start or leaving date 31 May 2024, in the census of 30 September 2024"
    )
    workers = result.frames["CSWWWorker"]
    assert workers["_row"].to_list() == [2, 3, 4]
    table = result.tables["CSWWWorker"]
    assert table.select(list(EXPECTED)).to_dict(as_series=False) == EXPECTED
    assert table.schema["FTE"] == pl.Float64 and table.schema["Cases30"] == pl.Int64
    assert table.schema["RoleStartDate"] == pl.Date
    assert "_row" not in table.columns
    assert result.tables["LALevelVacancies"].row(0) == (3.5, 2.0, 2, None)
    assert result.sources == {"CSWWWorker": "workers.csv", "LALevelVacancies": "vacancies.csv"}


def test_the_xml_reads_into_the_same_tables_and_gives_the_year(write_files):
    csv = _read(write_files, **{"workers.csv": WORKERS, "vacancies.csv": VACANCIES})
    xml = _read(write_files, **{"csww.xml": XML})
    assert _problems(xml) == []
    assert xml.year_inferred_from == "the XML header's reference date 30 September 2024"
    assert xml.tables["CSWWWorker"].equals(csv.tables["CSWWWorker"])
    assert xml.tables["LALevelVacancies"].equals(csv.tables["LALevelVacancies"])
    assert xml.frames["CSWWWorker"]["_row"].to_list() == [12, 15, 19]


def test_a_declared_year_wins_and_a_header_for_another_year_is_refused(write_files):
    declared = _read(write_files, year=parse("2024-25"), **{"w.csv": WORKERS})
    assert declared.year == CollectionYear(2025) and declared.year_inferred_from == ""
    wrong = _read(write_files, year=parse("2024-25"), **{"csww.xml": XML})
    assert ("wrong_year", None, "", "2024-09-30", "error") in _problems(wrong)


def test_a_file_of_the_wrong_year_shows_up_in_its_dates(write_files):
    result = _read(write_files, year=parse("2022-23"), **{"w.csv": WORKERS})
    assert ("start_after_census", 3, "RoleStartDate", "2023-11-01", "error") in _problems(result)
    assert ("leave_after_census", 3, "RoleEndDate", "31/05/2024", "error") in _problems(result)


HEADER = (
    "AgencyWorker,SWENo,FTE,RoleStartDate,RoleEndDate,ReasonLeave,FTE30,Cases30,"
    "WorkingDaysLost,OrgRole\n"
)


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        ("0,SW1,1.2,01/01/2020,,,1,3,0,5", ("fte_range", 2, "FTE", "1.2", "error")),
        ("0,SW1,0,01/01/2020,,,1,3,0,5", ("fte_range", 2, "FTE", "0", "error")),
        ("0,SW1,1,01/01/2020,,,-0.5,3,0,5", ("fte_range", 2, "FTE30", "-0.5", "error")),
        ("0,SW1,abc,01/01/2020,,,1,3,0,5", ("bad_number", 2, "FTE", "abc", "error")),
        ("0,SW1,NaN,01/01/2020,,,1,3,0,5", ("bad_number", 2, "FTE", "NaN", "error")),
        ("0,SW1,1,01/01/2020,,,1,3.5,0,5", ("bad_number", 2, "Cases30", "3.5", "error")),
        ("0,SW1,1,01/01/2020,,,1,-2,0,5", ("negative", 2, "Cases30", "-2", "error")),
        ("0,SW1,1,01/01/2020,,,1,2,-1,5", ("negative", 2, "WorkingDaysLost", "-1", "error")),
        (
            "0,SW1,1,01/01/2020,,,1,2,300,5",
            ("absence_days", 2, "WorkingDaysLost", "300", "warning"),
        ),
        (
            "0,SW1,1,01/06/2024,01/05/2024,1,,,0,5",
            ("leave_before_start", 2, "RoleEndDate", "01/05/2024", "error"),
        ),
        ("0,SW1,1,31/02/2020,,,1,2,0,5", ("bad_date", 2, "RoleStartDate", "31/02/2020", "error")),
        (
            "0,SW1,1,01/01/2020,01/01/2023,1,,,0,5",
            ("left_before_year", 2, "RoleEndDate", "01/01/2023", "warning"),
        ),
        (
            "0,SW1,1,01/01/2020,01/05/2024,,,,0,5",
            ("reason_leave_missing", 2, "ReasonLeave", "", "warning"),
        ),
        (
            "0,SW1,1,01/01/2020,,1,1,2,0,5",
            ("reason_without_leaving", 2, "ReasonLeave", "1", "warning"),
        ),
        ("0,SW1,1,01/01/2020,,,1,2,0,9", ("code_list", 2, "OrgRole", "9", "warning")),
        ("2,SW1,1,01/01/2020,,,1,2,0,5", ("code_list", 2, "AgencyWorker", "2", "error")),
        (",SW1,1,01/01/2020,,,1,2,0,5", ("missing_key", 2, "AgencyWorker", "", "error")),
        ("0,,1,01/01/2020,,,1,2,0,5", ("missing_key", 2, "SWENo", "", "error")),
        ("0,SW١٢,1,01/01/2020,,,1,2,0,5", ("identifier_characters", 2, "SWENo", "SW١٢", "error")),
        ("0,1234,1,01/01/2020,,,1,2,0,5", ("worker_id", 2, "SWENo", "1234", "warning")),
    ],
)
def test_each_check_names_file_row_field_and_value(write_files, row, expected):
    result = _read(write_files, year=parse("2023-24"), **{"w.csv": HEADER + row + "\n"})
    assert expected in _problems(result)
    assert all(p.file in ("w.csv", "(upload)") for p in result.log.kept)


def test_duplicate_workers(write_files):
    rows = (
        "0,SW1,1,01/01/2020,,,1,2,0,5\n"
        "0,SW1,1,01/01/2020,,,1,2,0,5\n"  # the same spell twice
        "0,SW2,1,01/01/2020,,,1,2,0,5\n"
        "0,SW2,1,01/03/2021,,,1,2,0,4\n"  # two records in post on 30 September
        "0,SW3,1,01/01/2020,31/12/2023,1,,,0,5\n"
        "0,SW3,1,01/03/2024,,,1,2,0,5\n"  # left and came back: two spells, allowed
    )
    result = _read(write_files, year=parse("2023-24"), **{"w.csv": HEADER + rows})
    duplicates = [(p.row, p.value) for p in result.log.kept if p.code == "duplicate_worker"]
    assert duplicates == [(2, "SW1"), (3, "SW1"), (4, "SW2"), (5, "SW2")]


def test_vacancy_checks(write_files):
    text = "NumberOfVacancies,NoAgencyFTE,NoAgencyHeadcount\n-1,3,2\n2,3,1\n"
    result = _read(write_files, year=parse("2023-24"), **{"w.csv": WORKERS, "v.csv": text})
    found = _problems(result)
    assert ("negative", 2, "NumberOfVacancies", "-1", "error") in found
    assert ("agency_cover", 3, "NoAgencyFTE", "3", "warning") in found
    assert ("duplicate_vacancies", 2, "OrgRole", "", "error") in found
    by_role = "NumberOfVacancies,NoAgencyFTE,OrgRole\n1,0.5,5\n0.8,0,3\n"
    fine = _read(write_files, year=parse("2023-24"), **{"w.csv": WORKERS, "v.csv": by_role})
    assert fine.log.kept == [] and fine.tables["LALevelVacancies"]["OrgRole"].to_list() == [
        "5",
        "3",
    ]


def test_a_missing_vacancy_file_is_a_warning_and_no_workers_an_error(write_files):
    alone = _read(write_files, **{"w.csv": WORKERS})
    assert [(p.code, p.severity) for p in alone.log.kept] == [("missing_table", "warning")]
    empty = _read(write_files, **{"w.csv": HEADER, "v.csv": VACANCIES})
    assert ("no_workers", "error") in [(p.code, p.severity) for p in empty.log.kept]
    only_vacancies = _read(write_files, **{"v.csv": VACANCIES})
    assert ("missing_table", "error") in [(p.code, p.severity) for p in only_vacancies.log.kept]


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("w.csv", "", "empty_file"),
        ("w.csv", "AgencyWorker;SWENo\n0;SW1\n", "delimiter"),
        ("w.csv", "Name,Team\nA,B\n", "unknown_table"),
        ("w.csv", "AgencyWorker,SWENo,SWENO\n0,SW1,SW2\n", "duplicate_column"),
        ("w.csv", "AgencyWorker,SWENo\n0,SW1,extra,more\n", "ragged_row"),
        ("w.csv", "AgencyWorker,SWENo\n0,SW\xe91\n".encode("latin-1"), "encoding"),
        ("w.csv", "AgencyWorker,SWENo\n".encode("utf-16"), "encoding"),
        ("x.xml", "<Message><CSWWWorker><SWENo>SW1</SWENo>", "unreadable"),
        ("x.xml", "<Message><Other/></Message>", "unknown_table"),
        (
            "x.xml",
            '<?xml version="1.0"?><!DOCTYPE m [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;">]>'
            "<Message><CSWWWorker><AgencyWorker>0</AgencyWorker><SWENo>&b;</SWENo>"
            "</CSWWWorker></Message>",
            "xml_entities",
        ),
        (
            "x.xml",
            '<?xml version="1.0"?><!DOCTYPE m SYSTEM "http://example.invalid/x.dtd">'
            "<Message><CSWWWorker><AgencyWorker>0</AgencyWorker><SWENo>SW1</SWENo>"
            "</CSWWWorker></Message>",
            "xml_entities",
        ),
        (
            "x.xml",
            '<?xml version="1.0"?><!DOCTYPE m [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
            "<Message><CSWWWorker><AgencyWorker>0</AgencyWorker><SWENo>&e;</SWENo>"
            "</CSWWWorker></Message>",
            "xml_entities",
        ),
    ],
)
def test_bad_files_are_refused_with_a_reason(write_files, name, content, code):
    result = _read(write_files, **{name: content})
    assert result.log.has_errors
    assert code in [p.code for p in result.log.kept]
    assert "reader_failed" not in [p.code for p in result.log.kept]


def test_too_large_and_two_files_of_one_table(write_files):
    files = write_files(**{"a.csv": WORKERS, "b.csv": WORKERS})
    result = read_return(files, max_bytes=1_000_000, today=TODAY)
    assert "duplicate_table" in [p.code for p in result.log.kept]
    big = read_return(files[:1], max_bytes=10, today=TODAY)
    assert [p.code for p in big.log.kept][0] == "too_large"


def test_a_million_rows_read_without_trouble(write_files):
    rows = "".join(f"0,SW{i}\n" for i in range(1_000_000))
    files = write_files(**{"w.csv": "AgencyWorker,SWENo\n" + rows})
    result = read_return(files, max_bytes=100_000_000, today=TODAY, year=parse("2023-24"))
    assert result.row_counts["CSWWWorker"] == 1_000_000
    assert not result.log.has_errors


_CELLS = st.one_of(
    st.sampled_from(
        [
            "0",
            "1",
            "SW1",
            "1.0",
            "0.5",
            "-1",
            "31/02/2020",
            "2024-09-30",
            "",
            "x",
            '"',
            "1e9",
            "NaN",
            "99999999999999999999",
            "\u0661",
            "01/10/2023",
        ]
    ),
    st.text(max_size=6),
)
_COLUMNS = st.lists(
    st.sampled_from(
        [
            "AgencyWorker",
            "SWENo",
            "FTE",
            "FTE30",
            "Cases30",
            "RoleStartDate",
            "RoleEndDate",
            "ReasonLeave",
            "OrgRole",
            "WorkingDaysLost",
            "NumberOfVacancies",
            "NoAgencyFTE",
            "Junk",
        ]
    ),
    min_size=1,
    max_size=8,
)


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    columns=_COLUMNS,
    cells=st.lists(st.lists(_CELLS, max_size=9), max_size=6),
    raw=st.binary(max_size=60),
    xml=st.booleans(),
)
def test_no_input_raises(write_files, columns, cells, raw, xml):
    text = ",".join(columns) + "\n" + "".join(",".join(r) + "\n" for r in cells)
    contents = {"w.csv": text.encode("utf-8", "replace") + raw}
    if xml:
        body = "".join(
            f"<{c}>{v}</{c}>" for c, v in zip(columns, cells[0] if cells else [], strict=False)
        )
        contents["x.xml"] = (f"<Message><CSWWWorker>{body}</CSWWWorker></Message>").encode(
            "utf-8", "replace"
        ) + raw
    result = read_return(write_files(**contents), max_bytes=1_000_000, today=TODAY)
    assert "reader_failed" not in [p.code for p in result.log.kept]
    assert result.log.kept or result.frames


def test_a_field_given_before_its_first_census_is_warned_about():
    from trajectory.returns.problems import ProblemLog
    from trajectory.returns.workforce import checks, schema

    table = schema.Table(
        "T", "", (schema.Field("New", "new", schema.CODE, schema.YES_NO, first_year=2025),)
    )
    frame = pl.DataFrame({"New": ["1", None], "_text_New": ["1", None], "_row": [2, 3]})
    log = ProblemLog()
    checks.code_problems(table, frame, end_year=2024, label="2023-24", file="f.csv", log=log)
    assert [(p.code, p.row, p.value) for p in log.kept] == [("not_collected", 2, "1")]
    log = ProblemLog()
    checks.code_problems(table, frame, end_year=2025, label="2024-25", file="f.csv", log=log)
    assert log.kept == []
