"""The LAIT loader (issue 8.4): the files read in place with their own column names, each
figure checked against the parquet by an independent pyarrow query, "-" kept as suppressed."""

from __future__ import annotations

import shutil

import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest

from tests.benchmarking.lait_fixtures import BDS, LAIT

pytestmark = pytest.mark.skipif(not BDS.exists(), reason="LAIT reference data not found")


def _published(code: str, la_number: int) -> dict[str, str]:
    """{year: Values} for one measure and area, straight from the parquet with pyarrow."""
    table = pq.read_table(BDS, columns=["Short Desc", "Years", "LA Number", "Values"])
    rows = table.filter(
        pc.and_(pc.equal(table["Short Desc"], code), pc.equal(table["LA Number"], la_number))
    ).to_pylist()
    return {row["Years"]: row["Values"] for row in rows}


def test_every_measure_of_the_dictionary_with_its_themes_and_polarity():
    from trajectory.benchmarking import lait

    measures = lait.measures()
    assert len(measures) == 434  # README: 434 measures
    assert len(lait.themes()) == 20
    vacancies = measures["Work_Force_Vac_Rate"]
    assert vacancies.name == "Percentage of social worker vacancies"
    assert vacancies.polarity == "lower_is_better"  # dictionary: Polarity "Low"
    assert vacancies.themes == ("Children's Services Workforce",)
    assert measures["CPP_rate"].polarity == "neutral"  # dictionary: "-"
    # A measure listed under two topics is one measure with both themes.
    assert set(measures["LAC_Pers_Abs"].themes) == {
        "Children Looked After",
        "All Pupil Absence & Exclusions",
    }
    assert measures["LACnum"].polarity == "neutral"  # dictionary: "-"
    assert measures["LACnum"].decimals == 0
    assert measures["RTA"].discontinued and not measures["LACnum"].discontinued
    assert len({measure.slug for measure in measures.values()}) == 434


def test_west_sussex_children_looked_after_equal_the_parquet():
    from trajectory.benchmarking import lait

    data = lait.measure_data("LACnum")
    expected = _published("LACnum", 938)
    assert len(expected) == 10
    assert data.years == sorted(expected)  # 2016 ... 2025
    for year, text in expected.items():
        assert data.get(938, year).value == float(text)
    assert data.get(938, "2024").value == 906  # hand-checked in the file
    assert data.get(970, "2025").suppressed is False


def test_suppressed_figures_stay_suppressed_never_zero():
    from trajectory.benchmarking import lait

    table = pq.read_table(BDS, columns=["Short Desc", "Years", "LA Number", "Values"])
    marks = set(pc.unique(table["Values"]).to_pylist()) - {None}
    not_numbers = {text for text in marks if not _is_number(text)}
    assert not_numbers == {"-"}  # the file's only mark for a figure it does not give
    first = table.filter(pc.equal(table["Values"], "-")).slice(0, 1).to_pylist()[0]
    data = lait.measure_data(first["Short Desc"])
    figure = data.get(int(first["LA Number"]), first["Years"])
    assert figure.suppressed and figure.value is None and figure.published == "-"
    for mark in ("c", "x", "z", "low", ""):
        assert lait.figure(mark).suppressed
    assert lait.figure("0").value == 0.0 and not lait.figure("0").suppressed


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def test_years_keep_their_published_labels_in_order():
    from trajectory.benchmarking import lait

    years = lait.measure_data("A3A").years
    assert years[:3] == ["2016", "2017", "2018 (Rev)"]
    assert years[-1] == "2025 (Rev)"
    # One measure has a year "0" whose every figure is "-": it is no year and is left out.
    assert "0" not in lait.measure_data("CINPermExclusion").years


def test_regions_as_lait_publishes_them():
    from trajectory.benchmarking import lait

    assert lait.areas()[938].region == "South East"
    assert lait.region_row("South East").number == 989
    assert lait.region_row("Outer London").name == "London (Outer)"
    assert lait.region_row("Yorkshire and The Humber").number == 982


def test_the_dictionary_is_read_again_when_its_file_changes(tmp_path):
    from trajectory.benchmarking import lait

    folder = tmp_path / "dfe_lait"
    folder.mkdir()
    shutil.copy(LAIT / "lait_data_dictionary.csv", folder)
    first = lait.measures(tmp_path)
    assert lait.measures(tmp_path) is first  # cached for the process
    path = folder / "lait_data_dictionary.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("Number of Children looked after", "Children in care"), "utf-8")
    again = lait.measures(tmp_path)
    assert again is not first
    assert again["LACnum"].name == "Children in care"


def test_missing_names_only_the_lait_files(settings, tmp_path):
    from trajectory.benchmarking import lait

    assert lait.missing() == []
    settings.TRAJECTORY_REFERENCE_DIR = tmp_path
    assert [item.local_file for item in lait.missing()] == [
        "dfe_lait/bds_long_0.parquet",
        "dfe_lait/lait_data_dictionary.csv",
        "dfe_lait/la_code_list.xlsx",
    ]
