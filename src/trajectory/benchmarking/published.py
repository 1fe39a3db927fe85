"""DfE's published children's social care statistics, read in place from the reference folder.

Most files are DfE's Explore Education Statistics (EES) CSVs as published (in
``dfe_csc_outcomes_enablers/``), with the official column names: ``time_period`` (the year
ending 31 March), ``geographic_level`` (``National``, ``Regional``, ``Local authority``),
``region_name``, ``old_la_code`` (the 3-digit LA number), ``new_la_code``, ``la_name`` and the
measure's own filter and value columns. They are scanned lazily with Polars, every column as
text, so nothing is guessed about a value before it is read here.

A figure only in DfE's LAIT dataset (``dfe_lait/bds_long_0.parquet``: ``Short Desc``, ``Years``,
``LA and Regions``, ``Values``, ``LA Number``, ``Region``; England is LA number 970, the regions
980 to 990) is read into the same shape by `lait_rows`.

A value is either a number or a publisher's symbol saying why there is none (the GSS / EES
symbols: ``c`` confidential, ``x`` not available, ``z`` not applicable, ``low`` or ``k`` less than
half the unit shown, ``u`` low reliability, ``:`` not available). A symbol is kept as a
`Figure` with its marker: it is never read as 0 and never dropped silently.

A file that is absent, or whose sha256 is not the manifest's, raises `MissingReferenceData`
naming the files and the fetch command (`trajectory.reference.status`): an empty frame is never
returned as if it were data.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from trajectory.indicators.figures import format_number
from trajectory.reference.manifest import manifest_files
from trajectory.reference.status import (
    PRESENT,
    missing_message,
    reference_folder,
    reference_status,
)

NATIONAL = "National"
REGIONAL = "Regional"
LOCAL_AUTHORITY = "Local authority"

# Symbols from the GSS guidance on symbols in tables, as EES files use them.
MARKERS = {
    "c": "confidential: suppressed to protect individuals",
    "x": "not available",
    "z": "not applicable",
    "low": "less than half the unit shown, but not zero",
    "k": "less than half the unit shown, but not zero",
    "u": "low reliability",
    ":": "not available",
    "w": "none recorded in the survey",
    "-": "not available (LAIT's dash)",
    "": "left blank by the publisher",
}
LAIT_DATASET = "dfe_lait/bds_long_0.parquet"
LAIT_ENGLAND = 970
LAIT_REGIONS = range(980, 991)  # North East 980 ... South West 990, London's halves 987, 988


@dataclass(frozen=True)
class Figure:
    """One published figure: a number, or the publisher's marker saying why there is none."""

    value: float | None
    marker: str | None = None

    @property
    def suppressed(self) -> bool:
        return self.value is None

    @property
    def meaning(self) -> str:
        if self.marker is None:
            return ""
        return MARKERS.get(self.marker, "not published")

    def as_json(self) -> float | int | str:
        """The number as published (a whole number stays whole), or its marker."""
        if self.value is None:
            return self.marker if self.marker is not None else ""
        return int(self.value) if float(self.value).is_integer() else self.value

    def shown(self, unit: str = "count") -> str:
        """As published, with the unit's suffix: "50", "57%", or the marker ("c")."""
        if self.value is None:
            return self.marker or "blank"
        places = 0 if float(self.value).is_integer() else 1
        return format_number(self.value, unit, places)

    def __str__(self) -> str:
        if self.value is None:
            return f"{self.marker} ({self.meaning})"
        return f"{self.as_json():,}"


def figure_of(text: str | None) -> Figure:
    """A cell as published: a number, or its marker (stripped; a missing cell is blank)."""
    cell = (text or "").strip()
    try:
        return Figure(float(cell.replace(",", "")))
    except ValueError:
        return Figure(None, cell)


class MissingReferenceData(Exception):
    """Reference files the benchmarks need are absent or differ from the manifest."""

    def __init__(self, files: list[str], missing: list | None = None):
        self.files = files
        self.missing = missing or []
        super().__init__(missing_message(self.missing) if self.missing else self._unlisted())

    def _unlisted(self) -> str:
        names = ", ".join(self.files)
        return (
            f"Reference data is missing: {names} (not in the reference manifest). "
            "Run `trajectory reference fetch`."
        )


def require_files(files: Iterable[str], folder: Path | None = None) -> Path:
    """The reference folder, once every named file is present with the manifest's sha256.

    Raises `MissingReferenceData` naming each file that is absent, changed or not in the
    manifest at all (a file no manifest row pins cannot be fetched on a fresh clone).
    """
    folder = Path(folder or reference_folder())
    wanted = list(dict.fromkeys(files))
    listed = {item.local_file: item for item in manifest_files()}
    unlisted = [name for name in wanted if name not in listed]
    if unlisted:
        raise MissingReferenceData(unlisted)
    states = reference_status(folder, [listed[name] for name in wanted])
    missing = [item for item, state in states if state != PRESENT]
    if missing:
        raise MissingReferenceData([item.local_file for item in missing], missing)
    return folder


def scan(name: str, folder: Path | None = None) -> pl.LazyFrame:
    """A lazy scan of one EES file, every column as text, after checking it is the pinned one."""
    folder = require_files([name], folder)
    return pl.scan_csv(folder / name, infer_schema_length=0, encoding="utf8")


def lait_rows(filters: dict[str, str], column: str, folder: Path | None = None) -> pl.LazyFrame:
    """One LAIT measure in the EES shape: LA number 970 is England, 980-990 the regions."""
    folder = require_files([LAIT_DATASET], folder)
    frame = pl.scan_parquet(folder / LAIT_DATASET)
    for filter_column, wanted in filters.items():
        frame = frame.filter(pl.col(filter_column) == wanted)
    number = pl.col("LA Number").cast(pl.Int32)
    level = (
        pl.when(number == LAIT_ENGLAND)
        .then(pl.lit(NATIONAL))
        .when(number.is_in(list(LAIT_REGIONS)))
        .then(pl.lit(REGIONAL))
        .otherwise(pl.lit(LOCAL_AUTHORITY))
    )
    place = pl.col("LA and Regions").fill_null("").str.strip_chars()
    return frame.filter(number.is_not_null()).select(
        pl.col("Years").str.strip_chars().alias("time_period"),
        level.alias("geographic_level"),
        pl.when(level == REGIONAL)
        .then(place)
        .when(level == LOCAL_AUTHORITY)
        .then(pl.col("Region"))
        .otherwise(pl.lit(""))
        .alias("region_name"),
        pl.when(level == LOCAL_AUTHORITY)
        .then(number.cast(pl.String).str.zfill(3))
        .otherwise(pl.lit(""))
        .alias("old_la_code"),
        pl.when(level == LOCAL_AUTHORITY).then(place).otherwise(pl.lit("")).alias("la_name"),
        pl.col(column).alias(column),
    )


def published_rows(
    name: str, filters: dict[str, str], column: str, folder: Path | None = None
) -> pl.DataFrame:
    """Every National, Regional and Local authority row of one published measure.

    Columns: ``year`` (the year ending 31 March, as a number), ``geographic_level``,
    ``region_name``, ``old_la_code``, ``la_name``, ``text`` (the cell as published), ``value``
    (the number, null where the cell holds a marker) and ``marker`` (the marker, null where the
    cell holds a number). Raises ValueError when a place has more than one row in a year: the
    filters do not pick one figure.
    """
    if name == LAIT_DATASET:
        frame = lait_rows(filters, column, folder)
    else:
        frame = scan(name, folder)
        for filter_column, wanted in filters.items():
            frame = frame.filter(pl.col(filter_column) == wanted)
    text = pl.col(column).fill_null("").str.strip_chars()
    rows = (
        frame.filter(pl.col("geographic_level").is_in([NATIONAL, REGIONAL, LOCAL_AUTHORITY]))
        .select(
            pl.col("time_period").str.strip_chars().cast(pl.Int32, strict=False).alias("year"),
            "geographic_level",
            pl.col("region_name").fill_null("").str.strip_chars(),
            pl.col("old_la_code").fill_null("").str.strip_chars(),
            pl.col("la_name").fill_null("").str.strip_chars(),
            text.alias("text"),
        )
        .with_columns(value=pl.col("text").str.replace_all(",", "").cast(pl.Float64, strict=False))
        .with_columns(marker=pl.when(pl.col("value").is_null()).then(pl.col("text")))
        .collect()
    )
    if rows["year"].null_count():
        raise ValueError(f"{name}: the filters {filters} leave rows without a single year")
    place = ["year", "geographic_level", "region_name", "old_la_code"]
    repeated = rows.group_by(place).len().filter(pl.col("len") > 1)
    if repeated.height:
        example = repeated.row(0, named=True)
        raise ValueError(
            f"{name}: the filters {filters} leave {example['len']} rows for "
            f"{example['geographic_level']} {example['region_name'] or example['old_la_code']} "
            f"in {example['year']}; a measure must pick one figure a place a year"
        )
    return rows.sort(place)


def row_figure(row: dict) -> Figure:
    """The `Figure` of a row of `published_rows`."""
    if row["value"] is None:
        return Figure(None, row["marker"] if row["marker"] is not None else "")
    return Figure(row["value"])


@dataclass(frozen=True)
class PublishedTable:
    """One measure's figures by place and year, for lookups (built once per file version)."""

    years: tuple[int, ...]
    england: dict[int, Figure] = field(default_factory=dict)
    regions: dict[tuple[int, str], Figure] = field(default_factory=dict)  # (year, lower name)
    councils: dict[int, dict[str, Figure]] = field(default_factory=dict)  # year -> code -> figure
    names: dict[str, str] = field(default_factory=dict)  # code -> latest name
    council_regions: dict[str, str] = field(default_factory=dict)  # code -> latest region

    def region(self, year: int, name: str) -> Figure | None:
        return self.regions.get((year, (name or "").lower()))


@functools.lru_cache(maxsize=64)
def _table(
    path: str, size: int, modified_ns: int, name: str, filters: tuple, column: str, folder: str
) -> PublishedTable:
    rows = published_rows(name, dict(filters), column, Path(folder))
    table = PublishedTable(years=tuple(sorted(rows["year"].unique().to_list())))
    for row in rows.sort("year").iter_rows(named=True):
        figure, year = row_figure(row), row["year"]
        if row["geographic_level"] == NATIONAL:
            table.england[year] = figure
        elif row["geographic_level"] == REGIONAL:
            table.regions[(year, row["region_name"].lower())] = figure
        else:
            table.councils.setdefault(year, {})[row["old_la_code"]] = figure
            table.names[row["old_la_code"]] = row["la_name"]
            table.council_regions[row["old_la_code"]] = row["region_name"]
    return table


def published_table(
    name: str, filters: dict[str, str], column: str, folder: Path | None = None
) -> PublishedTable:
    """`published_rows` as lookups, remembered per file version (path, size, modified time)."""
    folder = require_files([name], folder)
    info = (folder / name).stat()
    return _table(
        str((folder / name).resolve()),
        info.st_size,
        info.st_mtime_ns,
        name,
        tuple(sorted(filters.items())),
        column,
        str(folder),
    )
