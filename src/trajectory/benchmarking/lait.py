"""DfE's Local Authority Interactive Tool (LAIT) dataset, read in place from the reference folder.

DfE withdrew the LAIT Excel workbook in November 2024 because it failed accessibility checks;
its data lives on in the files of DfE's replacement app (dfe-analytical-services/
local-authority-interactive-tool, `01_data/02_prod/`), read here with their own column names:

- ``bds_long_0.parquet``: one row a measure (``Short Desc``), year (``Years``, as published:
  "2024", "2023-24 (OT)", "2018 (Rev)"...) and area (``LA Number``; councils, the regions
  980-990 and England 970), the figure as text in ``Values``. The file marks a figure that is
  suppressed or not published with ``-`` (DfE's app also treats ``c`` so); such a figure is kept
  as suppressed, never read as 0.
- ``lait_data_dictionary.csv``: each measure's name, topic (theme), polarity (``High``: higher
  is better, ``Low``: lower is better, ``-`` or ``NA``: neither), description, methodology,
  decimals (``dps``) and source. A measure listed under two topics has two rows, one a topic.
  ``Table_status`` "Discontinued" marks a measure DfE no longer updates; ``No_Quartile`` "N"
  one for which DfE ranks no council.
- ``la_code_list.xlsx``: each council's LA number, name and LAIT region ("Inner London",
  "Outer London" for London's boroughs, as DfE's statistical neighbour file groups them).

The dictionary and code list are read once a process and read again when their file changes;
the parquet is scanned lazily, one measure at a time.
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import polars as pl
from django.conf import settings
from django.utils.text import slugify
from python_calamine import CalamineWorkbook

from trajectory.reference.status import missing_files

FOLDER = "dfe_lait"
BDS_FILE = f"{FOLDER}/bds_long_0.parquet"
DICTIONARY_FILE = f"{FOLDER}/lait_data_dictionary.csv"
CODES_FILE = f"{FOLDER}/la_code_list.xlsx"
FILES = (BDS_FILE, DICTIONARY_FILE, CODES_FILE)
NEEDED_FOR = "benchmarks"

ENGLAND = 970  # LA numbers below it are councils (those since reorganised included)
REGIONS = range(980, 991)  # 980 North East ... 990 South West; 986-988 London, Inner, Outer
# How the files mark a figure that is not published. The parquet uses "-" only (counted over
# all 641,070 rows); the others are DfE's usual symbols, kept suppressed should they appear.
SUPPRESSED = frozenset({"-", "c", "x", "z", "low", "u", "k", ":", ".", "..", "NA", ""})
POLARITY = {"High": "higher_is_better", "Low": "lower_is_better"}
POLARITY_TEXT = {
    "higher_is_better": "Higher is better",
    "lower_is_better": "Lower is better",
    "neutral": "Neither higher nor lower is better",
}
DISCONTINUED = "discontinued"
# la_code_list names London's boroughs' region as the LAIT region rows do not.
_REGION_ROW_NAME = {"inner london": "london (inner)", "outer london": "london (outer)"}
_YEAR = re.compile(r"(\d{4})")
_BLANK_LINES = re.compile(r"(?:\r*\n){2,}")
_EXCEL_EPOCH = date(1899, 12, 30)


def reference_dir() -> Path:
    return Path(settings.TRAJECTORY_REFERENCE_DIR)


def missing() -> list:
    """The LAIT files that are absent or differ from the manifest (only those this module
    reads, whatever else the benchmarks need)."""
    return [item for item in missing_files(NEEDED_FOR) if item.local_file in FILES]


def _stamp(path: Path) -> tuple[str, int, int]:
    info = path.stat()
    return str(path), info.st_mtime_ns, info.st_size


def _text(value) -> str:
    """A dictionary cell as text: its "NA" and "-" placeholders are no text."""
    text = (value or "").strip()
    return "" if text in ("NA", "-") else text


def _paragraphs(value) -> tuple[str, ...]:
    return tuple(
        " ".join(part.split()) for part in _BLANK_LINES.split(_text(value)) if part.strip()
    )


def _excel_date(value) -> date | None:
    """The dictionary's update dates are Excel day numbers (45962 is 1 November 2025)."""
    text = _text(value)
    return _EXCEL_EPOCH + timedelta(days=int(text)) if text.isdigit() else None


def _decimals(value) -> int | None:
    text = _text(value)
    return int(text) if text.isdigit() else None


@dataclass(frozen=True)
class Measure:
    """One LAIT measure as its data dictionary describes it."""

    code: str  # Measure_short, the parquet's "Short Desc"
    slug: str  # for addresses: the code has "%", "&", "/" and spaces
    name: str  # Measure
    chart_title: str
    themes: tuple[str, ...]  # Topic, one or two
    polarity: str  # higher_is_better, lower_is_better or neutral
    y_axis_name: str
    description: tuple[str, ...]
    methodology: tuple[str, ...]
    decimals: int | None  # dps; None where the dictionary gives none
    year_type: str
    publication: str  # Table_status: the DfE table it comes from
    data_owner: str
    links: tuple[str, ...]
    last_update: date | None
    next_update: date | None
    discontinued: bool
    quartiles: bool  # No_Quartile "N": DfE shows no rank or quartile for the measure

    @property
    def polarity_text(self) -> str:
        return POLARITY_TEXT[self.polarity]

    @property
    def search_text(self) -> str:
        return " ".join((self.name, self.chart_title, self.code)).casefold()


def _slugs(codes: list[str]) -> dict[str, str]:
    """A readable, unique address part for each code ("LAC_ceased_SGO%" is
    "lac_ceased_sgo-pct", beside "lac_ceased_sgo")."""
    slugs: dict[str, str] = {}
    used: set[str] = set()
    for code in sorted(codes):
        words = code.replace("%", " pct ").replace("&", " and ").replace("/", " ")
        base = slugify(words.replace("_", " ").replace("+", " plus ")) or "measure"
        slug, number = base, 2
        while slug in used:
            slug, number = f"{base}-{number}", number + 1
        used.add(slug)
        slugs[code] = slug
    return slugs


@functools.lru_cache(maxsize=4)
def _dictionary(path: str, modified_ns: int, size: int) -> dict[str, Measure]:
    frame = pl.read_csv(path, infer_schema_length=0)
    rows: dict[str, list[dict]] = {}
    for row in frame.iter_rows(named=True):
        code = (row["Measure_short"] or "").strip()
        if code:
            rows.setdefault(code, []).append(row)
    slugs = _slugs(list(rows))
    measures = {}
    for code, group in rows.items():
        first = group[0]
        status = _text(first["Table_status"])
        measures[code] = Measure(
            code=code,
            slug=slugs[code],
            name=_text(first["Measure"]) or code,
            chart_title=_text(first["Chart_title"]) or _text(first["Measure"]) or code,
            themes=tuple(dict.fromkeys(filter(None, (_text(row["Topic"]) for row in group)))),
            polarity=POLARITY.get(_text(first["Polarity"]), "neutral"),
            y_axis_name=_text(first["y_axis_name"]),
            description=_paragraphs(first["Description"]),
            methodology=_paragraphs(first["Methodology"]),
            decimals=_decimals(first["dps"]),
            year_type=_text(first["Year_Type"]),
            publication="" if status.casefold() == DISCONTINUED else status,
            data_owner=_text(first["Data Owner (DO) /Supplier and Contact Details"]),
            links=tuple(link for link in _text(first["Hyperlink(s)"]).split() if "://" in link),
            last_update=_excel_date(first["Last Update"]),
            next_update=_excel_date(first["Next Update"]),
            discontinued=status.casefold() == DISCONTINUED,
            quartiles=_text(first["No_Quartile"]).upper() != "N",
        )
    return dict(sorted(measures.items(), key=lambda item: item[1].name.casefold()))


def measures(base: Path | None = None) -> dict[str, Measure]:
    """Every measure of the data dictionary, by code, in order of name."""
    return _dictionary(*_stamp((base or reference_dir()) / DICTIONARY_FILE))


def measure_by_slug(slug: str, base: Path | None = None) -> Measure | None:
    return next((m for m in measures(base).values() if m.slug == slug), None)


def themes(base: Path | None = None) -> list[str]:
    return sorted({theme for m in measures(base).values() for theme in m.themes})


@dataclass(frozen=True)
class Area:
    number: int  # LA Number
    name: str
    region: str  # la_code_list's Region; "" for England and the regions


@functools.lru_cache(maxsize=4)
def _codes(path: str, modified_ns: int, size: int) -> dict[int, Area]:
    sheet = CalamineWorkbook.from_path(path).get_sheet_by_index(0).to_python()
    header = [str(cell).strip() for cell in sheet[0]]
    number_at, name_at, region_at = (header.index(n) for n in ("LA Number", "LA Name", "Region"))
    areas = {}
    for row in sheet[1:]:
        number = row[number_at]
        if isinstance(number, float) and number.is_integer():
            number = int(number)
        if not isinstance(number, int) or isinstance(number, bool):
            continue
        region = str(row[region_at]).strip()
        areas[number] = Area(
            number=number,
            name=str(row[name_at]).strip(),
            region="" if region == "NA" else region,
        )
    return areas


def areas(base: Path | None = None) -> dict[int, Area]:
    """Every council, region and England in LAIT's code list, by LA number."""
    return _codes(*_stamp((base or reference_dir()) / CODES_FILE))


def region_row(region_name: str, base: Path | None = None) -> Area | None:
    """The region row (980-990) a region is published under: "Outer London" is
    "London (Outer)", "Yorkshire and The Humber" is "Yorkshire and the Humber"."""
    wanted = region_name.strip().casefold()
    wanted = _REGION_ROW_NAME.get(wanted, wanted)
    return next(
        (
            area
            for number, area in areas(base).items()
            if number in REGIONS and area.name.casefold() == wanted
        ),
        None,
    )


def year_order(label: str) -> tuple[int, str]:
    """Years sort by the first year they name ("2013/14-15/16" is 2013), then as written."""
    found = _YEAR.search(label)
    return (int(found[1]) if found else 0, label)


@dataclass(frozen=True)
class Figure:
    """One published figure: its number, or the mark the file gives instead of one."""

    value: float | None
    published: str  # the Values text as the file has it

    @property
    def suppressed(self) -> bool:
        return self.value is None


def figure(text: str | None) -> Figure:
    published = "" if text is None else str(text).strip()
    if published in SUPPRESSED:
        return Figure(None, published)
    try:
        value = float(published)
    except ValueError:
        return Figure(None, published)
    return Figure(value if math.isfinite(value) else None, published)


@dataclass(frozen=True)
class MeasureData:
    """Every published figure of one measure: {LA number: {year: Figure}}, and its years."""

    years: list[str]
    by_area: dict[int, dict[str, Figure]]

    def get(self, number: int | None, year: str) -> Figure | None:
        if number is None:
            return None
        return self.by_area.get(number, {}).get(year)


def measure_data(code: str, base: Path | None = None) -> MeasureData:
    """One measure's rows of the parquet (a lazy scan filtered on ``Short Desc``), the last
    128 measures asked for kept for the process until the file changes.

    A year label without a year in it (the file has "0" for one measure, every figure "-") is
    left out; every other year the measure has for any area is kept, in order.
    """
    return _measure_data(*_stamp((base or reference_dir()) / BDS_FILE), code)


@functools.lru_cache(maxsize=128)
def _measure_data(path: str, modified_ns: int, size: int, code: str) -> MeasureData:
    rows = (
        pl.scan_parquet(path)
        .filter(pl.col("Short Desc") == code)
        .select("Years", "LA Number", "Values")
        .collect()
    )
    by_area: dict[int, dict[str, Figure]] = {}
    years: set[str] = set()
    for year, number, text in rows.iter_rows():
        if year is None or number is None or not _YEAR.search(year):
            continue
        years.add(year)
        by_area.setdefault(int(number), {})[year] = figure(text)
    return MeasureData(years=sorted(years, key=year_order), by_area=by_area)


@functools.lru_cache(maxsize=4)
def _spans(path: str, modified_ns: int, size: int) -> dict[str, tuple[str, str]]:
    frame = (
        pl.scan_parquet(path)
        .filter(pl.col("Years").str.contains(r"\d{4}"))
        .group_by("Short Desc")
        .agg(pl.col("Years").unique())
        .collect()
    )
    spans = {}
    for code, years in frame.iter_rows():
        ordered = sorted(years, key=year_order)
        spans[code] = (ordered[0], ordered[-1])
    return spans


def year_spans(base: Path | None = None) -> dict[str, tuple[str, str]]:
    """Each measure's first and latest year, for the list of measures."""
    return _spans(*_stamp((base or reference_dir()) / BDS_FILE))
