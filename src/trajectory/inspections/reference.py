"""Every council's Ofsted history, read from the official files in the reference directory.

Sources, in the order they are trusted (an earlier source's value wins, a later one only fills
what is missing):

``ofsted_2025``  Ofsted, "LA inspection outcomes as at 31 March 2025" (ODS). Sheets
                 ``ILACS_inspection_history`` (every ILACS standard and short inspection since 2018,
                 inspection start and publication dates, judgements) and ``In-year_inspections``
                 (every inspection, monitoring visit and focused visit in 2024-25, with visit
                 themes). Councils are named by ONS E-code.
``ilacs_csv``    ILACS report history scraped from ofsted.gov.uk by the ILACS scrape tool: fieldwork
                 start *and end*, publication date, the report's address, and inspections after
                 March 2025. Councils are named by Ofsted URN (mapped through
                 ``ilacs/Provider_data_lookup.csv``).
``ofsted_2024``  Ofsted, "LA inspection outcomes as at 31 March 2024": in-year 2023-24 sheet and
                 the ILACS history 2018-2024. Councils are named by name only.
``ofsted_2023``  Ofsted, "Children's social care in England 2023" underlying data: the LA
                 in-year sheet for 2022-23 (the monitoring visits of 2022) and the LA inspection
                 history 2009-2023, from which the SIF inspections (2013-2017) are taken.
                 Pre-SIF frameworks (SLAC, CPI, TLAC 2009-2013) are not loaded.

Two rows describe the same event when they are for the same council and kind (ILACS standard and
short count as one kind, since sources occasionally disagree) and the same inspection start date,
or, when a source gives no start date, the same publication date. Councils that no longer exist
(Northamptonshire, Cumbria, Poole ...) are skipped and counted.

Ofsted's "Inspection date" and "Inspection/Visit date" columns are the first day of fieldwork.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from python_calamine import CalamineWorkbook

from trajectory.inspections.models import Framework, Grade, Inspection, Judgement

ODS_2025 = "dfe_csc_outcomes_enablers/LA_Inspection_Outcomes_as_at_31_March_2025.ods"
ODS_2024 = "dfe_csc_outcomes_enablers/LA_Inspection_Outcomes_as_at_March_2024.ods"
ODS_2023 = "dfe_csc_outcomes_enablers/Childrens_social_care_in_England_2023_underlying_data.ods"
ILACS_CSV = "ilacs/JT-39_ofsted_csc_ilacs_history.csv"
URN_LOOKUP = "ilacs/Provider_data_lookup.csv"

SOURCE_FILES = {
    "ofsted_2025": ODS_2025,
    "ilacs_csv": ILACS_CSV,
    "ofsted_2024": ODS_2024,
    "ofsted_2023": ODS_2023,
}

ILACS_START = dt.date(2018, 1, 1)
CARE_LEAVERS_JUDGEMENT_START = dt.date(2023, 1, 1)
OVERALL_REMOVED_FROM = dt.date(2026, 4, 1)

Kind = Inspection.Kind
Area = Judgement.Area

KINDS = {
    "ilacs standard inspection": Kind.STANDARD,
    "ilacs short inspection": Kind.SHORT,
    "ilacs focused visit": Kind.FOCUSED_VISIT,
    "la monitoring visit": Kind.MONITORING_VISIT,
    "standard": Kind.STANDARD,
    "short": Kind.SHORT,
    # One Wiltshire report (2019) is flagged by the scraper as a longer-than-standard inspection.
    "inspection duration longer than standard framework": Kind.STANDARD,
}

GRADES = {
    "outstanding": Grade.OUTSTANDING,
    "good": Grade.GOOD,
    "requires improvement to be good": Grade.REQUIRES_IMPROVEMENT,
    "requires improvement": Grade.REQUIRES_IMPROVEMENT,
    "inadequate": Grade.INADEQUATE,
}


def framework_for(kind: str, when: dt.date | None) -> str:
    """The framework version in force on the first day of fieldwork (or publication if unknown).

    SIF before 2018; ILACS from January 2018; ILACS with the separate care leavers judgement from
    1 January 2023; ILACS without overall effectiveness from April 2026.
    """
    if kind == Kind.JTAI:
        return Framework.JTAI
    if kind == Kind.SIF or when is None or when < ILACS_START:
        return Framework.SIF
    if when < CARE_LEAVERS_JUDGEMENT_START:
        return Framework.ILACS
    if when < OVERALL_REMOVED_FROM:
        return Framework.ILACS_2023
    return Framework.ILACS_2026


@dataclass
class OfstedRecord:
    """One inspection or visit as the reference files describe it (before it is stored)."""

    council_code: str
    kind: str
    fieldwork_start: dt.date | None = None
    fieldwork_end: dt.date | None = None
    published_on: dt.date | None = None
    theme: str = ""
    report_url: str = ""
    judgements: dict[str, str] = field(default_factory=dict)
    sources: list[str] = field(default_factory=list)

    @property
    def match_kind(self) -> str:
        return "ilacs_graded" if self.kind in (Kind.STANDARD, Kind.SHORT) else self.kind

    @property
    def framework(self) -> str:
        return framework_for(self.kind, self.fieldwork_start or self.published_on)

    @property
    def source(self) -> str:
        return "+".join(self.sources)

    def same_event(self, other: OfstedRecord) -> bool:
        if self.council_code != other.council_code or self.match_kind != other.match_kind:
            return False
        if self.fieldwork_start and other.fieldwork_start:
            apart = abs((self.fieldwork_start - other.fieldwork_start).days)
            same_report = bool(self.published_on) and self.published_on == other.published_on
            # Sources sometimes differ by a day or two on when fieldwork began.
            return apart <= 3 or (apart <= 14 and same_report)
        if not (self.published_on and other.published_on):
            return False
        if self.match_kind in ("ilacs_graded", Kind.SIF):
            # A council's graded inspections are years apart, while Ofsted's history tables
            # occasionally swap day and month of a publication date (Nottingham, 2022).
            return abs((self.published_on - other.published_on).days) <= 92
        return self.published_on == other.published_on

    def absorb(self, other: OfstedRecord) -> None:
        """Fill what this record lacks from a less trusted record of the same event."""
        for name in ("fieldwork_start", "fieldwork_end", "published_on", "theme", "report_url"):
            if not getattr(self, name) and getattr(other, name):
                setattr(self, name, getattr(other, name))
        for area, grade in other.judgements.items():
            self.judgements.setdefault(area, grade)
        for source in other.sources:
            if source not in self.sources:
                self.sources.append(source)

    def normalised_judgements(self) -> dict[str, str]:
        """Judgements named as the framework version names them.

        Ofsted's files label the pre-2023 combined judgement "children in care" (their wording
        follows the 2023 framework); under ILACS before 2023 it is stored as the combined area.
        From April 2026 overall effectiveness is not given, whatever a source says.
        """
        judgements = dict(self.judgements)
        framework = self.framework
        if framework == Framework.ILACS:
            combined = judgements.pop(Area.CHILDREN_IN_CARE, None)
            judgements.pop(Area.CARE_LEAVERS, None)
            if combined and Area.CHILDREN_IN_CARE_AND_CARE_LEAVERS not in judgements:
                judgements[Area.CHILDREN_IN_CARE_AND_CARE_LEAVERS] = combined
        if framework in (Framework.ILACS_2023, Framework.ILACS_2026):
            judgements.pop(Area.CHILDREN_IN_CARE_AND_CARE_LEAVERS, None)
        if framework == Framework.ILACS_2026:
            judgements.pop(Area.OVERALL, None)
        if self.kind not in Inspection.GRADED_KINDS:
            return {}
        return judgements


@dataclass
class ReadResult:
    records: list[OfstedRecord]
    rows_read: dict[str, int]
    skipped_councils: dict[str, int]


def merge_records(records: Iterable[OfstedRecord]) -> list[OfstedRecord]:
    """Deduplicate across sources; records must arrive in order of trust (most trusted first)."""
    merged: list[OfstedRecord] = []
    by_key: dict[tuple[str, str], list[OfstedRecord]] = {}
    for record in records:
        candidates = by_key.setdefault((record.council_code, record.match_kind), [])
        for existing in candidates:
            if existing.same_event(record):
                existing.absorb(record)
                break
        else:
            candidates.append(record)
            merged.append(record)
    merged.sort(key=lambda r: (r.council_code, r.fieldwork_start or r.published_on or dt.date.min))
    return merged


# --- reading the files -------------------------------------------------------------------------


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _date(value) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = _text(value)
    for pattern in ("%d/%m/%Y", "%d/%m/%y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


def _grade(value) -> str | None:
    return GRADES.get(_text(value).lower())


def _kind(value) -> str | None:
    return KINDS.get(_text(value).lower())


def name_key(name: str) -> str:
    """A council name reduced so Ofsted's, ONS's and DfE's spellings of it compare equal."""
    text = name.lower().replace("&", " and ")
    text = re.sub(r",\s*(city|county) of$", "", text)
    text = re.sub(r"^(city|county) of ", "", text)
    text = re.sub(r"[^a-z0-9]+", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def _table(rows: list[list], header_first_cell: str = "Web link") -> Iterator[dict[str, object]]:
    """Rows of the first table in a sheet (from its header row to the first blank row)."""
    header: list[str] | None = None
    for row in rows:
        if header is None:
            if row and _text(row[0]) == header_first_cell:
                header = [_text(cell) for cell in row]
            continue
        if not any(_text(cell) for cell in row) or _text(row[0]) == header_first_cell:
            return  # a blank row, or the header of a second table (councils that no longer exist)
        yield dict(zip(header, row, strict=False))


def _sheet(path: Path, name: str) -> list[list]:
    return CalamineWorkbook.from_path(str(path)).get_sheet_by_name(name).to_python()


def _area_for(header: str) -> str | None:
    """Which judgement a column holds, from Ofsted's column wording in any of its files."""
    text = header.lower()
    if "lscb" in text:
        return Area.LSCB
    if "overall" in text:
        return Area.OVERALL
    if "leaders" in text or "leadership" in text:
        return Area.LEADERS
    if "help and protection" in text:
        return Area.HELP_AND_PROTECTION
    if "children in care and care leavers" in text:
        return Area.CHILDREN_IN_CARE_AND_CARE_LEAVERS
    if "adoption" in text:
        return Area.ADOPTION
    if "care leavers" in text:
        return Area.CARE_LEAVERS
    if "children in care" in text or "looked after and achieving permanence" in text:
        return Area.CHILDREN_IN_CARE
    return None


def _judgements(row: dict[str, object], headers: Iterable[str]) -> dict[str, str]:
    found = {}
    for header in headers:
        area, grade = _area_for(header), _grade(row.get(header))
        if area and grade:
            found[area] = grade
    return found


class CouncilNames:
    """Resolves the ways the files name a council to its 3-digit code; unknown names are counted."""

    def __init__(self, councils: dict[str, tuple[str, str]], base: Path):
        # councils: {code: (name, e_code)}
        self.by_e_code = {e_code: code for code, (_, e_code) in councils.items() if e_code}
        self.by_name = {name_key(name): code for code, (name, _) in councils.items()}
        self.by_urn: dict[str, str] = {}
        lookup = base / URN_LOOKUP
        with lookup.open(encoding="utf-8-sig", newline="") as handle:
            for row in csv.DictReader(handle):
                code = row["la_code"].strip()
                if code not in councils:
                    continue
                self.by_urn[row["urn"].strip()] = code
                for column in (
                    "local_authority_ons_name",
                    "also_known_as",
                    "ofsted_ilacs_scrape_la_name",
                ):
                    if alias := row.get(column, "").strip():
                        self.by_name.setdefault(name_key(alias), code)
        self.skipped: dict[str, int] = {}

    def learn(self, e_code: str, name: str) -> None:
        """Ofsted's own spelling, seen beside an E-code, so later name-only files resolve."""
        if code := self.by_e_code.get(e_code):
            self.by_name.setdefault(name_key(name), code)

    def _miss(self, label: str) -> None:
        if label:
            self.skipped[label] = self.skipped.get(label, 0) + 1

    def from_e_code(self, e_code: str, name: str) -> str | None:
        code = self.by_e_code.get(e_code) or self.by_name.get(name_key(name))
        if code is None:
            self._miss(name or e_code)
        return code

    def from_name(self, name: str) -> str | None:
        code = self.by_name.get(name_key(name))
        if code is None:
            self._miss(name)
        return code

    def from_urn(self, urn: str, name: str) -> str | None:
        code = self.by_urn.get(urn) or self.by_name.get(name_key(name))
        if code is None:
            self._miss(name or urn)
        return code


def _read_2025(path: Path, names: CouncilNames) -> Iterator[OfstedRecord]:
    for sheet in ("ILACS_inspection_history", "In-year_inspections"):
        for row in _table(_sheet(path, sheet)):
            e_code = _text(row["Local authority area code"])
            name = _text(row["Local authority name"])
            names.learn(e_code, name)
            if _text(row.get("Local authority status")) == "No longer exists":
                names._miss(name)
                continue
            kind = _kind(row.get("Inspection type") or row.get("Inspection/Visit type"))
            code = names.from_e_code(e_code, name)
            if code is None or kind is None:
                continue
            yield OfstedRecord(
                council_code=code,
                kind=kind,
                fieldwork_start=_date(
                    row.get("Inspection date") or row.get("Inspection/Visit date")
                ),
                published_on=_date(row.get("Publication date")),
                theme=_text(row.get("Visit Theme")),
                judgements=_judgements(row, row.keys()),
                sources=["ofsted_2025"],
            )


def _read_in_year(
    path: Path, sheet: str, source: str, names: CouncilNames
) -> Iterator[OfstedRecord]:
    for row in _table(_sheet(path, sheet)):
        kind = _kind(row.get("Inspection/Visit type"))
        code = names.from_name(_text(row["Local authority name"]))
        if code is None or kind is None:
            continue
        yield OfstedRecord(
            council_code=code,
            kind=kind,
            fieldwork_start=_date(row.get("Inspection/Visit date")),
            published_on=_date(row.get("Publication date")),
            theme=_text(row.get("Visit Theme")),
            judgements=_judgements(row, row.keys()),
            sources=[source],
        )


def _groups(header: Iterable[str], prefixes: Iterable[str]) -> dict[str, list[str]]:
    """Columns of a wide history table, grouped by the inspection they describe."""
    groups: dict[str, list[str]] = {prefix: [] for prefix in prefixes}
    for column in header:
        lowered = " ".join(column.lower().split())
        for prefix in groups:
            if prefix.lower() in lowered:
                groups[prefix].append(column)
                break
    return groups


def _read_wide_history(
    path: Path, sheet: str, source: str, names: CouncilNames, prefixes: dict[str, str | None]
) -> Iterator[OfstedRecord]:
    """Ofsted's one-row-per-council history tables (First/Second ILACS, SIF and re-inspection).

    ``prefixes`` maps each column-group prefix to a fixed kind, or None to read the kind from the
    group's "inspection type" column.
    """
    rows = list(_table(_sheet(path, sheet)))
    if not rows:
        return
    groups = _groups(rows[0].keys(), prefixes)
    for row in rows:
        code = names.from_name(_text(row["Local authority name"]))
        if code is None:
            continue
        for prefix, columns in groups.items():
            published = next(
                (_date(row[c]) for c in columns if "publication date" in c.lower()), None
            )
            if published is None:
                continue
            kind = prefixes[prefix] or next(
                (_kind(row[c]) for c in columns if "inspection type" in c.lower()), None
            )
            if kind is None:
                continue
            grade_columns = [
                c
                for c in columns
                if "publication date" not in c.lower() and "inspection type" not in c.lower()
            ]
            judgements = _judgements(row, grade_columns)
            if prefix == "First SIF" and (lscb := _grade(row.get("LSCB Overall Effectiveness"))):
                judgements[Area.LSCB] = lscb
            yield OfstedRecord(
                council_code=code,
                kind=kind,
                published_on=published,
                judgements=judgements,
                sources=[source],
            )


def _read_ilacs_csv(path: Path, names: CouncilNames) -> Iterator[OfstedRecord]:
    """The scraped report list. Rows without a framework are earlier (pre-ILACS) reports: they only
    lend their report address to an event already known from Ofsted's files (kind SIF)."""
    columns = {
        "overall_effectiveness_grade": Area.OVERALL,
        "impact_of_leaders_grade": Area.LEADERS,
        "help_and_protection_grade": Area.HELP_AND_PROTECTION,
        "in_care_grade": Area.CHILDREN_IN_CARE,
        "care_leavers_grade": Area.CARE_LEAVERS,
    }
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            code = names.from_urn(row["urn"].strip(), row["local_authority"])
            if code is None:
                continue
            framework = row["inspection_framework"].strip()
            start = _date(row["inspection_start_date"])
            kind = _kind(framework) if framework else Kind.SIF
            if start and start < ILACS_START:
                kind = Kind.SIF  # fieldwork before January 2018 was under the SIF
            if kind is None:
                continue
            judgements = {
                area: grade
                for column, area in columns.items()
                if (grade := _grade(row[column])) is not None
            }
            yield OfstedRecord(
                council_code=code,
                kind=kind,
                fieldwork_start=start,
                fieldwork_end=_date(row["inspection_end_date"]),
                published_on=_date(row["publication_date"]),
                report_url=row["inspection_link"].strip(),
                judgements=judgements if kind != Kind.SIF else {},
                sources=["ilacs_csv"],
            )


def read_history(
    base: Path, councils: dict[str, tuple[str, str]], only: set[str] | None = None
) -> ReadResult:
    """Read and merge every source. ``councils`` is {code: (name, e_code)} of known councils;
    ``only`` restricts the result to some council codes (tests load a subset)."""
    names = CouncilNames(councils, base)
    rows_read: dict[str, int] = {}
    ordered: list[OfstedRecord] = []

    def take(source: str, records: Iterable[OfstedRecord]) -> None:
        items = [r for r in records if only is None or r.council_code in only]
        rows_read[source] = rows_read.get(source, 0) + len(items)
        ordered.extend(items)

    take("ofsted_2025", _read_2025(base / ODS_2025, names))
    scraped = [r for r in _read_ilacs_csv(base / ILACS_CSV, names)]
    take("ilacs_csv", [r for r in scraped if r.kind != Kind.SIF])
    take(
        "ofsted_2024",
        _read_in_year(base / ODS_2024, "Inspections_in_year_2023-24", "ofsted_2024", names),
    )
    take(
        "ofsted_2024",
        _read_wide_history(
            base / ODS_2024,
            "ILACS_inspections_2018-2024",
            "ofsted_2024",
            names,
            {"First ILACS": None, "Second ILACS": None},
        ),
    )
    take(
        "ofsted_2023",
        _read_in_year(base / ODS_2023, "LA_level_in_year_2022-23", "ofsted_2023", names),
    )
    take(
        "ofsted_2023",
        _read_wide_history(
            base / ODS_2023,
            "LA_inspections_2009-2023",
            "ofsted_2023",
            names,
            {
                "First ILACS": None,
                "Second ILACS": None,
                "First SIF": Kind.SIF,
                "SIF Re-inspection": Kind.SIF,
            },
        ),
    )
    merged = merge_records(ordered)
    # Earlier reports in the scraped list only add their address to a SIF already known.
    known_sif = {(r.council_code, r.published_on): r for r in merged if r.kind == Kind.SIF}
    for record in scraped:
        if record.kind == Kind.SIF and (
            target := known_sif.get((record.council_code, record.published_on))
        ):
            target.absorb(record)
    return ReadResult(records=merged, rows_read=rows_read, skipped_councils=names.skipped)
