"""The LAIT explorer's pages (issue 8.4): search by a word of a measure's name and by theme, a
measure for West Sussex beside England, the South East and its ten named DfE neighbours with
their mean (worked here from the parquet by pyarrow, not by the code under test), suppressed
figures shown as such, CSV through safe_cells, another council's pages 404, and the notice
naming the missing files."""

from __future__ import annotations

import csv
import io
import math
import statistics

import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest
from django.urls import reverse

from tests.benchmarking import lait_fixtures
from tests.benchmarking.lait_fixtures import BDS, WEST_SUSSEX_NEIGHBOURS

councils_loaded = lait_fixtures.councils_loaded
west_sussex = lait_fixtures.west_sussex

pytestmark = pytest.mark.django_db


def _published(code: str) -> dict[tuple[int, str], str]:
    """{(LA number, year): Values} of one measure, straight from the parquet with pyarrow."""
    table = pq.read_table(BDS, columns=["Short Desc", "Years", "LA Number", "Values"])
    rows = table.filter(pc.equal(table["Short Desc"], code)).to_pylist()
    return {(int(row["LA Number"]), row["Years"]): row["Values"] for row in rows}


@pytest.fixture
def analyst(west_sussex, make_user, client):
    user = make_user("analyst", west_sussex)
    client.force_login(user)
    return user


def _explorer(council, **query) -> str:
    url = reverse("lait_explorer", args=[council.code])
    if query:
        url += "?" + "&".join(f"{key}={value}" for key, value in query.items())
    return url


def _measure(council, slug: str) -> str:
    return reverse("lait_measure", args=[council.code, slug])


def _csv(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8"))))


def test_the_explorer_lists_every_measure_25_a_page(client, analyst, west_sussex):
    response = client.get(_explorer(west_sussex))
    assert response.status_code == 200
    page = response.content.decode()
    assert "434 measures." in page
    assert page.count('data-measure="') == 25
    assert 'aria-label="Page 18"' in page  # 434 / 25, rounded up
    assert "Benchmarks" in page  # in the council's navigation


def test_search_finds_a_measure_by_a_word_of_its_name(client, analyst, west_sussex):
    page = client.get(_explorer(west_sussex, q="vacancies")).content.decode()
    assert 'data-measure="Work_Force_Vac_Rate"' in page
    assert "Percentage of social worker vacancies" in page
    # Every word must match: "vacancies" and "adopted" together match no measure.
    page = client.get(_explorer(west_sussex, q="vacancies+adopted")).content.decode()
    assert "0 measures found" in page


def test_theme_filter(client, analyst, west_sussex):
    page = client.get(_explorer(west_sussex, theme="Adoption")).content.decode()
    # The dictionary lists 6 rows under "Adoption", one a measure.
    assert "6 measures found in Adoption." in page
    assert page.count('data-measure="') == 6
    assert 'data-measure="Work_Force_Vac_Rate"' not in page


def test_the_whole_list_downloads_as_csv(client, analyst, west_sussex):
    response = client.get(_explorer(west_sussex, theme="Adoption", format="csv"))
    assert response["Content-Type"].startswith("text/csv")
    rows = _csv(response)
    assert rows[0] == ["Measure", "Code", "Themes", "Polarity", "First year", "Latest year"]
    assert len(rows) == 7


def test_a_measure_for_west_sussex_against_england_region_and_neighbours(
    client, analyst, west_sussex
):
    response = client.get(_measure(west_sussex, "lac"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Children looked after rate per 10,000" in page
    assert "Neither higher nor lower is better" in page  # dictionary polarity "-"
    assert 'id="measure-chart-spec"' in page

    rows = _csv(client.get(_measure(west_sussex, "lac") + "?download=csv&table=1"))
    header = rows[0]
    years = header[2:]
    assert years == [str(year) for year in range(2016, 2026)]
    by_area = {row[0]: row for row in rows[1:]}
    column = years.index("2024") + 2
    # Issue 8's bar: at 31 March 2024, England 69, South East 56, West Sussex 50.
    assert by_area["West Sussex"][column] == "50"
    assert by_area["England"][column] == "69"
    assert by_area["South East"][column] == "56"

    published = _published("LAC")
    names = [row[0] for row in rows[1:] if row[1].startswith("Statistical neighbour")]
    assert [row[1] for row in rows[1:] if row[1].startswith("Statistical neighbour")] == [
        f"Statistical neighbour {rank}" for rank in range(1, 11)
    ]
    assert names[:3] == ["Gloucestershire", "Essex", "Hampshire"]  # 916, 881, 850
    for index, year in enumerate(years, start=2):
        assert by_area["West Sussex"][index] == f"{float(published[(938, year)]):,.0f}"
        values = [
            float(published[(int(code), year)])
            for code in WEST_SUSSEX_NEIGHBOURS
            if published.get((int(code), year), "-") != "-"
        ]
        mean = by_area["Statistical neighbours' mean"][index]
        assert mean == f"{statistics.fmean(values):,.0f}", year
        assert by_area["Neighbours with a figure"][index] == str(len(values))


def test_the_neighbour_mean_to_the_published_decimals(client, analyst, west_sussex):
    rows = _csv(client.get(_measure(west_sussex, "work-force-vac-rate") + "?download=csv&table=1"))
    years = rows[0][2:]
    by_area = {row[0]: row for row in rows[1:]}
    # README: West Sussex's vacancy rate went from 14.2% (2017) to 2.1% (2025); the file holds
    # 14.2 and 2.1 (and 12.700000000000001 for 2016, shown to its one decimal).
    assert by_area["West Sussex"][2 + years.index("2017")] == "14.2"
    assert by_area["West Sussex"][2 + years.index("2025")] == "2.1"
    assert by_area["West Sussex"][2 + years.index("2016")] == "12.7"
    published = _published("Work_Force_Vac_Rate")
    for index, year in enumerate(years, start=2):
        values = [
            float(published[(int(code), year)])
            for code in WEST_SUSSEX_NEIGHBOURS
            if published.get((int(code), year), "-") != "-"
        ]
        assert by_area["Statistical neighbours' mean"][index] == f"{statistics.fmean(values):.1f}"


def test_suppressed_figures_are_shown_as_suppressed(client, analyst, west_sussex):
    published = _published("LAC_SGO_FFC_Rel%")
    suppressed = [
        year for (number, year), text in published.items() if number == 938 and text == "-"
    ]
    assert suppressed, "West Sussex has suppressed years for this measure"
    rows = _csv(client.get(_measure(west_sussex, "lac-sgo-ffc-rel-pct") + "?download=csv&table=1"))
    years = rows[0][2:]
    council = next(row for row in rows if row[0] == "West Sussex")
    for year in suppressed:
        assert council[2 + years.index(year)] == "Suppressed"


def test_negative_figures_in_the_csv_are_not_formulas(client, analyst, west_sussex):
    published = _published("DAP_KS4_Prog8")
    negative = {
        year
        for (number, year), text in published.items()
        if number == 938 and text.startswith("-") and text != "-"
    }
    assert negative, "West Sussex has negative Progress 8 scores"
    response = client.get(_measure(west_sussex, "dap-ks4-prog8") + "?download=csv&table=1")
    rows = _csv(response)
    years = rows[0][2:]
    council = next(row for row in rows if row[0] == "West Sussex")
    for year in negative:
        cell = council[2 + years.index(year)]
        assert cell.startswith("'-"), cell  # safe_cells: a leading "-" is quoted
        assert float(cell[1:]) == pytest.approx(float(published[(938, year)]), abs=0.01)


def test_another_councils_explorer_is_404(client, analyst, west_sussex):
    from trajectory.councils.models import Council

    kent = Council.objects.get(code="886")
    assert client.get(_explorer(kent)).status_code == 404
    assert client.get(_measure(kent, "lac")).status_code == 404
    assert client.get(_measure(west_sussex, "no-such-measure")).status_code == 404


def test_signed_out_is_sent_to_sign_in(client, west_sussex):
    response = client.get(_explorer(west_sussex))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_missing_files_are_named_with_the_fetch_command(
    client, analyst, west_sussex, settings, tmp_path
):
    settings.TRAJECTORY_REFERENCE_DIR = tmp_path
    for url in (_explorer(west_sussex), _measure(west_sussex, "lac")):
        page = client.get(url).content.decode()
        assert 'id="lait-missing"' in page
        assert "dfe_lait/bds_long_0.parquet" in page
        assert "dfe_lait/lait_data_dictionary.csv" in page
        assert "trajectory reference fetch" in page
        assert "<table" not in page


def test_a_made_up_council_has_no_figures_of_its_own(client, council, make_user):
    """Westshire's code 990 is LAIT's South West: its figures must not be shown as Westshire's."""
    if not BDS.exists():
        pytest.skip("LAIT reference data not found")
    council.region = "South East"
    council.save()
    client.force_login(make_user("analyst", council))
    page = client.get(_measure(council, "lac")).content.decode()
    assert 'id="no-council-figures"' in page
    assert 'data-row="council"' not in page
    assert 'data-row="region"' in page and "South East" in page
    assert "South West" not in page
    assert 'id="neighbours-missing"' in page  # no neighbours loaded for it


def test_a_measure_leads_to_the_councils_own_monthly_figure(client, analyst, west_sussex):
    """LAIT's foster placements measure is the published counterpart of cla_placed_foster_pct
    (benchmarking/measures.py): its page links to that indicator's page."""
    page = client.get(_measure(west_sussex, "lac-foster-placements")).content.decode()
    own = page[page.index('id="own-indicators"') :].split("</dd>")[0]
    assert f'href="/councils/{west_sussex.code}/indicators/cla_placed_foster_pct/"' in own
    assert "computed every month from the council's own returns" in own
    page = client.get(_measure(west_sussex, "lac")).content.decode()
    assert 'id="own-indicators"' not in page  # the rate is compared with DfE's own file


def test_the_chart_spec_is_valid_vega_lite_with_the_tables_figures(client, analyst, west_sussex):
    """The page builds its spec without validating it (for speed), so it is validated here."""
    import jsonschema
    from altair.vegalite.v6.schema import load_schema

    from trajectory.web.downloads import chart_spec

    page = client.get(_measure(west_sussex, "lac")).content.decode()
    spec = chart_spec(page, "measure-chart-spec")
    jsonschema.validate(spec, load_schema())
    points = {(row["series"], row["year"]): row["value"] for row in spec["data"]["values"]}
    assert points[("West Sussex", "2024")] == 50
    assert points[("England", "2024")] == 69
    assert points[("South East", "2024")] == 56
    assert {series for series, _ in points} == {
        "West Sussex",
        "England",
        "South East",
        "Statistical neighbours' mean",
    }


def test_a_london_borough_is_set_beside_its_inner_or_outer_london_row(analyst, west_sussex):
    """la_code_list.xlsx gives Camden (202) "Inner London", published as "London (Inner)"
    (987), and Barnet (302) "Outer London", published as "London (Outer)" (988)."""
    from trajectory.benchmarking import explorer
    from trajectory.councils.models import Council

    camden = Council.objects.get(code="202")
    barnet = Council.objects.get(code="302")
    assert (explorer.council_region(camden).number, explorer.council_region(camden).name) == (
        987,
        "London (Inner)",
    )
    assert explorer.council_region(barnet).number == 988


def test_the_list_download_is_audited(client, analyst, west_sussex):
    from trajectory.audit.models import AuditEntry

    client.get(_explorer(west_sussex, q="vacancies", format="csv"))
    entry = AuditEntry.objects.filter(action="table.download").latest("pk")
    assert entry.council == west_sussex
    assert entry.detail["table"] == "LAIT measures" and entry.detail["q"] == "vacancies"


def _councils_with_a_figure(code: str, year: str) -> dict[int, float]:
    return {
        number: float(text)
        for (number, label), text in _published(code).items()
        if label == year and number < 970 and text != "-"
    }


def test_the_councils_rank_and_quartile_among_every_council(client, analyst, west_sussex):
    """Worked from the parquet: rank 1 + the councils with a better figure, of those with one;
    quartile ceil(4 × rank ÷ councils)."""
    rows = _csv(client.get(_measure(west_sussex, "lac") + "?download=csv&table=1"))
    years = rows[0][2:]
    by_area = {row[0]: row for row in rows[1:]}
    # Neutral polarity: rank 1 is the highest rate.
    councils = _councils_with_a_figure("LAC", "2024")
    rank = 1 + sum(value > councils[938] for value in councils.values())
    column = 2 + years.index("2024")
    assert by_area["West Sussex's rank"][column] == f"{rank} of {len(councils)}"
    assert by_area["West Sussex's quartile"][column] == str(math.ceil(4 * rank / len(councils)))

    # Lower is better: rank 1 is the lowest vacancy rate; 2.1% in 2025.
    rows = _csv(client.get(_measure(west_sussex, "work-force-vac-rate") + "?download=csv&table=1"))
    years = rows[0][2:]
    by_area = {row[0]: row for row in rows[1:]}
    councils = _councils_with_a_figure("Work_Force_Vac_Rate", "2025")
    rank = 1 + sum(value < councils[938] for value in councils.values())
    column = 2 + years.index("2025")
    assert by_area["West Sussex's rank"][column] == f"{rank} of {len(councils)}"
    assert by_area["West Sussex's quartile"][column] == str(math.ceil(4 * rank / len(councils)))


def test_no_rank_where_dfe_ranks_no_council(client, analyst, west_sussex):
    from trajectory.benchmarking import lait

    unranked = next(m for m in lait.measures().values() if not m.quartiles)
    page = client.get(_measure(west_sussex, unranked.slug)).content.decode()
    assert 'data-row="rank"' not in page
    assert "DfE ranks no council on this measure" in page


def test_the_whole_list_downloads_as_xlsx(client, analyst, west_sussex):
    from openpyxl import load_workbook

    response = client.get(_explorer(west_sussex, theme="Adoption", format="xlsx"))
    assert response["Content-Disposition"].endswith('lait-measures.xlsx"')
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("Measure", "Code", "Themes", "Polarity", "First year", "Latest year")
    assert len(rows) == 7
    assert all(row[2] == "Adoption" or "Adoption" in row[2] for row in rows[1:])
