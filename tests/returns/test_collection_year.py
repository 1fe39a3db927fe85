"""The collection year of a return (issue 8.2): written 2024-25, inferred or declared, the code
lists it decides, the preview's form to change it, the command line's --year, and several
years held at once."""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from tests.returns.conftest import EPISODES, HEADER
from trajectory.audit.models import AuditEntry
from trajectory.returns import collection_year, selectors
from trajectory.returns.collection_year import CollectionYear
from trajectory.returns.models import ReturnVersion, Upload, YearSource
from trajectory.returns.services import return_import, upload_accept, upload_preview
from trajectory.returns.ssda903.reader import read_return

# The conftest return: episodes from 1 April 2022, the latest date an ending on 5 January 2023,
# so it is inferred to be for 2022-23; its Header gives SEX as 1 and 2, valid to 2023-24 only.
INFERRED = "the latest episode date 5 January 2023"


# --- the one place that reads and writes a year ----------------------------------------------


@pytest.mark.parametrize(
    ("text", "end_year", "start", "end"),
    [
        ("2024-25", 2025, date(2024, 4, 1), date(2025, 3, 31)),
        (" 2023-24 ", 2024, date(2023, 4, 1), date(2024, 3, 31)),
        ("2099-00", 2100, date(2099, 4, 1), date(2100, 3, 31)),
        ("2000-01", 2001, date(2000, 4, 1), date(2001, 3, 31)),
    ],
)
def test_a_year_is_read_written_and_dated(text, end_year, start, end):
    year = collection_year.parse(text)
    assert (year.end_year, year.start, year.end) == (end_year, start, end)
    assert year.label == text.strip() and str(year) == text.strip()
    assert collection_year.parse(year.label) == year == CollectionYear(end_year)


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("2024-26", "one starting in 2024 is 2024-25"),
        ("2024-24", "one starting in 2024 is 2024-25"),
        ("24-25", "for example 2024-25"),
        ("2024/25", "for example 2024-25"),
        ("2024-2025", "for example 2024-25"),
        ("2024", "for example 2024-25"),
        ("", "for example 2024-25"),
        ("1999-00", "between 2001 and 2100"),
    ],
)
def test_anything_else_is_refused_saying_why(text, says):
    with pytest.raises(ValueError, match=says):
        collection_year.parse(text)


@pytest.mark.parametrize(
    ("day", "label"),
    [
        (date(2025, 3, 31), "2024-25"),
        (date(2025, 4, 1), "2025-26"),
        (date(2024, 4, 1), "2024-25"),
        (date(2024, 2, 29), "2023-24"),
    ],
)
def test_a_date_falls_in_the_year_from_1_april_to_31_march(day, label):
    assert collection_year.of_date(day).label == label


def _episodes(*rows):
    return pl.DataFrame(
        list(rows), schema={"DECOM": pl.Date, "DEC": pl.Date}, orient="row"
    ).with_columns(CHILD=pl.lit("1"))


def test_the_year_is_inferred_from_the_latest_episode_start_or_end():
    ended = {"Episodes": _episodes((date(2024, 6, 1), date(2025, 3, 31)), (date(2024, 9, 1), None))}
    found = collection_year.infer(ended, today=date(2025, 6, 1))
    assert (found.year.label, found.basis) == ("2024-25", "the latest episode date 31 March 2025")

    started = {
        "Episodes": _episodes((date(2024, 6, 1), date(2025, 3, 31)), (date(2025, 4, 1), None))
    }
    found = collection_year.infer(started, today=date(2025, 6, 1))
    assert (found.year.label, found.basis) == ("2025-26", "the latest episode date 1 April 2025")

    undated = {"Episodes": _episodes((None, None))}
    found = collection_year.infer(undated, today=date(2025, 6, 1))
    assert found.year.label == "2025-26"
    assert found.basis == "the upload date 1 June 2025, as no episode is dated"


# --- the year decides the code lists ---------------------------------------------------------


def _codes_flagged(write_files, year: str | None, *, sex: str, place: str) -> set[str]:
    header = f"CHILD,SEX,DOB,ETHNIC\n1,{sex},01/02/2010,WBRI\n"
    episodes = (
        f"CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC\n1,01/05/2022,S,C2,N1,{place},PR1,,\n"
    )
    result = read_return(
        write_files(header__csv=header, episodes__csv=episodes),
        max_bytes=10_000,
        today=date(2026, 12, 1),
        year=collection_year.parse(year) if year else None,
    )
    return {p.code for p in result.log.warnings}


@pytest.mark.parametrize(
    ("year", "sex", "place", "flagged"),
    [
        # Rule 101: SEX 1/2 to 2023-24, M/F/U from 2024-25.
        ("2023-24", "1", "U1", set()),
        ("2024-25", "1", "U1", {"101"}),
        ("2023-24", "M", "U1", {"101"}),
        ("2024-25", "F", "U1", set()),
        # Rule 146: K3 from 2024-25; from 2025-26 Z11-Z14 in, H5, P2 and Z1 out.
        ("2023-24", "1", "K3", {"146"}),
        ("2024-25", "M", "K3", set()),
        ("2024-25", "M", "Z11", {"146"}),
        ("2025-26", "M", "Z11", set()),
        ("2024-25", "M", "H5", set()),
        ("2025-26", "M", "H5", {"146"}),
        ("2025-26", "M", "Z1", {"146"}),
        # Not declared: the year of the data (the episode starts in May 2022: 2022-23).
        (None, "1", "K3", {"146"}),
    ],
)
def test_each_year_has_its_own_code_lists(write_files, year, sex, place, flagged):
    assert _codes_flagged(write_files, year, sex=sex, place=place) == flagged


def test_a_year_specific_warning_names_the_year_and_quotes_the_value_as_written(write_files):
    header = "CHILD,SEX,DOB,ETHNIC\n1,m,01/02/2010,WBRI\n"
    episodes = (
        "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC\n1,01/05/2022,S,C2,N1,U1,PR1,,\n"
    )
    result = read_return(
        write_files(header__csv=header, episodes__csv=episodes),
        max_bytes=10_000,
        year=collection_year.parse("2023-24"),
    )
    (warning,) = result.log.warnings
    assert (warning.file, warning.row, warning.column, warning.value, warning.code) == (
        "header.csv",
        2,
        "SEX",
        "m",
        "101",
    )
    assert warning.message == (
        "SEX is not one of DfE's codes for sex in 2023-24; the value is kept as written"
    )
    assert result.tables["Header"]["SEX"].to_list() == ["M"]  # stored upper-cased, no extras
    assert result.tables["Header"].columns == [
        "CHILD",
        "SEX",
        "DOB",
        "ETHNIC",
        "UPN",
        "MOTHER",
        "MC_DOB",
    ]


# --- the preview shows the year and lets the uploader change it ------------------------------


@pytest.fixture
def previewed(council, analyst, write_files):
    return upload_preview(
        council=council,
        user=analyst,
        files=write_files(header__csv=HEADER, episodes__csv=EPISODES),
    )


def _page(client, council, upload):
    return client.get(reverse("upload_detail", args=[council.code, upload.pk])).content.decode()


def _change(client, council, upload, year: str):
    return client.post(reverse("upload_year", args=[council.code, upload.pk]), {"year": year})


@pytest.mark.django_db
def test_the_preview_shows_the_inferred_year_and_a_form_to_change_it(
    client, council, analyst, previewed
):
    assert (previewed.year.label, previewed.collection_year_source) == ("2022-23", "inferred")
    assert previewed.collection_year_basis == INFERRED
    assert previewed.warning_count == 0
    client.force_login(analyst)
    html = _page(client, council, previewed)
    assert (
        "Collection year 2022-23, 1 April 2022 to 31 March 2023 (inferred from the latest "
        "episode date 5 January 2023)" in html
    )
    assert 'id="year-form"' in html and 'value="2022-23"' in html
    upload_entry = AuditEntry.objects.get(action="return.upload")
    assert upload_entry.detail["collection_year"] == "2022-23"
    assert upload_entry.detail["collection_year_source"] == "inferred"


@pytest.mark.django_db
def test_changing_the_year_checks_again_and_shows_what_the_year_makes_invalid(
    client, council, analyst, previewed
):
    client.force_login(analyst)
    response = _change(client, council, previewed, "2024-25")
    assert response.status_code == 302
    upload = Upload.objects.get(pk=previewed.pk)
    assert (upload.year.label, upload.collection_year_source) == ("2024-25", YearSource.DECLARED)
    assert (upload.collection_year_set_by, upload.collection_year_basis) == (analyst, "")
    # SEX 1 and 2 are not codes in 2024-25 (rule 101): a warning on each Header row.
    assert upload.warning_count == 2
    assert [(w["row"], w["column"], w["value"], w["code"]) for w in upload.warnings] == [
        (2, "SEX", "1", "101"),
        (3, "SEX", "2", "101"),
    ]
    html = _page(client, council, upload)
    assert (
        "Collection year 2024-25, 1 April 2024 to 31 March 2025 "
        f"(declared by {analyst.username})" in html
    )
    assert "SEX is not one of DfE&#x27;s codes for sex in 2024-25" in html
    problems = selectors.upload_problems_csv(analyst, council, upload.pk)
    assert problems.count("SEX is not one of DfE's codes for sex in 2024-25") == 2
    entry = AuditEntry.objects.get(action="return.year")
    assert entry.user == analyst
    assert (entry.detail["before"], entry.detail["collection_year"]) == ("2022-23", "2024-25")
    assert entry.detail["warnings"] == 2

    # Back to 2022-23: the warnings go again.
    _change(client, council, upload, "2022-23")
    upload.refresh_from_db()
    assert (upload.year.label, upload.warning_count, upload.warnings) == ("2022-23", 0, [])

    version = upload_accept(upload=upload, user=analyst)
    assert (version.collection_year, version.collection_year_source) == (2023, "declared")
    assert version.collection_year_set_by == analyst
    accepted = AuditEntry.objects.get(action="return.accept")
    assert accepted.detail["collection_year"] == "2022-23"
    assert accepted.detail["collection_year_set_by"] == analyst.username


@pytest.mark.django_db
def test_a_year_that_would_refuse_the_return_changes_nothing(client, council, analyst, previewed):
    """Declared 2021-22, episodes starting from 1 April 2022 start after its end (rule 354):
    the upload is not turned into a refused one; it keeps its year and says why."""
    client.force_login(analyst)
    response = _change(client, council, previewed, "2021-22")
    assert response.status_code == 400
    html = response.content.decode()
    assert "There is a problem" in html
    assert (
        "For 2021-22 the return would be refused with 3 error(s), so the year was not changed"
        in html
    )
    assert "after the end of the collection year 2021-22, 31 March 2022" in html
    upload = Upload.objects.get(pk=previewed.pk)
    assert (upload.status, upload.year.label, upload.collection_year_source) == (
        Upload.Status.PREVIEW,
        "2022-23",
        "inferred",
    )
    assert not AuditEntry.objects.filter(action="return.year").exists()


@pytest.mark.django_db
@pytest.mark.parametrize("typed", ["24-25", "2024-26", ""])
def test_a_year_not_written_as_one_is_shown_on_the_form(client, council, analyst, previewed, typed):
    client.force_login(analyst)
    response = _change(client, council, previewed, typed)
    assert response.status_code == 400
    html = response.content.decode()
    assert "govuk-error-summary" in html and "govuk-input--error" in html
    assert html.count("<title>Error: ") == 1
    assert Upload.objects.get(pk=previewed.pk).year.label == "2022-23"


@pytest.mark.django_db
def test_only_roles_that_upload_may_change_the_year(client, council, make_user, previewed):
    client.force_login(make_user("board_member", council))
    assert _change(client, council, previewed, "2024-25").status_code == 403
    assert "year-form" not in _page(client, council, previewed)
    assert Upload.objects.get(pk=previewed.pk).year.label == "2022-23"


@pytest.mark.django_db
def test_a_decided_upload_keeps_its_year(client, council, analyst, previewed):
    upload_accept(upload=previewed, user=analyst)
    client.force_login(analyst)
    _change(client, council, previewed, "2024-25")
    assert Upload.objects.get(pk=previewed.pk).year.label == "2022-23"
    assert ReturnVersion.objects.get().collection_year == 2023


# --- the command line ------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_command_line_prints_the_inferred_year(council, write_files, capsys):
    files = write_files(header__csv=HEADER, episodes__csv=EPISODES)
    call_command("import", "903", *(str(p) for _, p in files), "--council", "990")
    out = capsys.readouterr().out
    assert f"Collection year 2022-23 (inferred from {INFERRED})" in out
    version = ReturnVersion.objects.get()
    assert (version.collection_year, version.collection_year_source) == (2023, "inferred")
    assert version.collection_year_basis == INFERRED


@pytest.mark.django_db
def test_the_command_line_takes_the_year(council, write_files, capsys):
    files = write_files(header__csv=HEADER, episodes__csv=EPISODES)
    call_command(
        "import", "903", *(str(p) for _, p in files), "--council", "990", "--year", "2023-24"
    )
    out = capsys.readouterr().out
    assert "Collection year 2023-24 (as given)" in out
    assert "Accepted as version 1" in out
    version = ReturnVersion.objects.get()
    assert (version.year.label, version.collection_year_source) == ("2023-24", "declared")
    assert version.collection_year_set_by is None  # the command line's system actor
    entry = AuditEntry.objects.get(action="return.accept")
    assert entry.detail["collection_year"] == "2023-24"


@pytest.mark.django_db
def test_the_command_line_refuses_a_year_not_written_as_one(council, write_files):
    files = write_files(header__csv=HEADER, episodes__csv=EPISODES)
    with pytest.raises(CommandError, match="--year: “24-25” is not a collection year"):
        call_command(
            "import", "903", *(str(p) for _, p in files), "--council", "990", "--year", "24-25"
        )
    assert not Upload.objects.exists()


# --- several years held at once --------------------------------------------------------------


@pytest.mark.django_db
def test_an_earlier_year_imported_later_does_not_become_the_latest(council, write_files):
    later = EPISODES.replace("05/01/2023", "05/01/2024")  # latest date in 2023-24
    first = return_import(
        council=council,
        user=None,
        paths=[p for _, p in write_files(header__csv=HEADER, episodes__csv=later)],
    )
    second = return_import(
        council=council,
        user=None,
        paths=[p for _, p in write_files(header__csv=HEADER, episodes__csv=EPISODES)],
    )
    assert (first.version.number, first.version.year.label) == (1, "2023-24")
    assert (second.version.number, second.version.year.label) == (2, "2022-23")
    assert selectors.latest_version(council) == first.version
    assert selectors.latest_of_each_year(council) == {
        2023: second.version,
        2024: first.version,
    }


@pytest.mark.django_db
def test_a_version_saved_without_a_year_takes_the_year_of_its_latest_date(council):
    version = ReturnVersion.objects.create(
        council=council,
        kind="ssda903",
        number=1,
        content_sha256="0" * 64,
        storage_key="x",
        data_to=date(2025, 3, 31),
    )
    assert version.year.label == "2024-25"


def test_a_list_kept_by_year_reads_as_every_year_s_codes_where_no_year_is_given():
    from trajectory.returns.ssda903.schema import PLACEMENT_TYPE, SEX

    assert sorted(SEX) == ["1", "2", "F", "M", "U"]
    assert {"K3", "H5", "Z1", "Z11", "Z14"} <= set(PLACEMENT_TYPE)


# --- the migration fills the years of what is already held -----------------------------------


@pytest.mark.django_db(transaction=True)
def test_the_migration_gives_existing_versions_and_uploads_their_inferred_year(tmp_path):
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    before, after = [("returns", "0004_upload_purged")], [("returns", "0005_collection_year")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    council = old.get_model("councils", "Council").objects.create(
        code="991", name="Eastshire", child_population=1000
    )
    versions = old.get_model("returns", "ReturnVersion")
    dated = versions.objects.create(
        council=council,
        kind="ssda903",
        number=1,
        content_sha256="1" * 64,
        storage_key="a",
        data_to=date(2025, 3, 31),
    )
    undated = versions.objects.create(
        council=council, kind="ssda903", number=2, content_sha256="2" * 64, storage_key="b"
    )
    accepted = old.get_model("returns", "Upload").objects.create(
        council=council, kind="ssda903", status="accepted", version=dated
    )

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(after)
    assert ReturnVersion.objects.get(pk=dated.pk).year.label == "2024-25"
    # No data_to: the year it was accepted in.
    assert ReturnVersion.objects.get(pk=undated.pk).year == collection_year.of_date(
        undated.accepted_at.date()
    )
    uploads = executor.loader.project_state(after).apps.get_model("returns", "Upload")
    assert uploads.objects.get(pk=accepted.pk).collection_year == 2025
    MigrationExecutor(connection).migrate(executor.loader.graph.leaf_nodes())
