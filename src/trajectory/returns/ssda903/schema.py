"""The SSDA903 tables as DfE publishes them: columns, which are keys or dates, and code lists.

One declaration per table. Readers recognise a table by its columns (whatever the file is
called), parse dates written dd/mm/yyyy, and store each accepted table as Parquet with the DfE
column names and typed values (dates as Date, everything else as String). Inside the indicator
code the DfE names become readable names through `readable_names`.

Source: DfE "SSDA903 children looked after return" guidance and the field lists used by the
open validators councils run (see ../shared/domain/brief.md, section 5).

Every collection from 2017-18 (the year ending 31 March 2018) to the current one is held, as CSV
and as DfE's XML: the tables are the same throughout except SWEpisodes, collected from 2023-24,
and DoLo (deprivation of liberty orders), from 2026-27 (rules 700-709), each
`Table.first_year`. Code lists that changed are `YearCodes`, each change dated by the
collection year it first applies in, from two sources:

- 2017-18 to 2021-22: the SSDA903 field lists of the regional pipelines councils run
  (liia-tools `ssda903_pipeline/spec/SSDA903_schema_2017.yml`, with its `SSDA903_schema_2022
  .diff.yml` and `SSDA903_schema_2024.diff.yml`, each named by the year a collection ends);
- 2022-23 onwards: DfE's validation rules as written down in ../shared/domain/rules/
  ssda903_rules.csv (one row per version of a rule, with the years it applies), whose rule
  code each Column names.

What changed, by the year a change first applies:
- 2021-22: OC3 ACTIV drops F3/P3 and gains F4/P4 and F5/P5 (liia-tools 2022 diff; rule 132);
- 2022-23: OC3 ACCOM no longer takes S1 or X1 (rule 133; the 2017 list has them), and
  REASON_PLACE_CHANGE gains CUSTOD (rule 1009; not in the 2017 list);
- 2023-24: SWEpisodes begins (rule SW13STG1; liia-tools 2024 diff). P2 (independent living)
  and H5 need a dated row check (rules 217t and 230: P2 withdrawn from 28 October 2023), not
  a change of list, so both stay on the list for the year;
- 2024-25: SEX becomes M, F or U (rule 101) and PLACE gains K3, supported accommodation
  (rule 146);
- 2025-26: PLACE drops H5, P2 and Z1, and Z1 is split into Z11-Z14 (rule 146).
Years before the first entry of a list take its first entry. REC keeps one list for every year:
the 2017 list has E43 and E44 (special guardianship) where rule 149 from 2022-23 has E45-E48,
and councils' returns still carry both, so both are accepted (the indicators count all six,
indicators/ssda903/child_rows.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Column:
    dfe: str
    readable: str
    is_date: bool = False
    is_key: bool = False  # a value the table cannot be read without (CHILD, its main date)
    is_identifier: bool = False  # matched across tables and returns: ASCII only (values.py)
    # Values outside a list are kept and warned about; a list that changed between collection
    # years is a YearCodes.
    codes: frozenset[str] | YearCodes | None = None
    description: str = ""
    rule: str = ""  # the DfE validation rule that checks this column's code list

    def codes_in(self, year_end: int) -> frozenset[str] | None:
        """The column's code list in the collection year ending 31 March `year_end`."""
        if isinstance(self.codes, YearCodes):
            return self.codes.of(year_end)
        return self.codes


@dataclass(frozen=True)
class YearCodes:
    """A code list by collection year: each entry applies from the year ending 31 March of its
    first element until the next entry; years before the first entry use the first."""

    by_year: tuple[tuple[int, frozenset[str]], ...]

    def of(self, year_end: int) -> frozenset[str]:
        found = self.by_year[0][1]
        for first, codes in self.by_year:
            if year_end >= first:
                found = codes
        return found

    @property
    def any_year(self) -> frozenset[str]:
        """Every code valid in some year (what the list was before it was kept by year)."""
        return frozenset().union(*(codes for _, codes in self.by_year))

    def __iter__(self):
        return iter(sorted(self.any_year))


@dataclass(frozen=True)
class Table:
    name: str  # DfE's table name, also the stored Parquet file's stem
    description: str
    columns: tuple[Column, ...]
    optional_columns: frozenset[str] = field(default_factory=frozenset)
    first_year: int | None = None  # the first collection (by the year it ends) to hold it

    def collected_in(self, year_end: int) -> bool:
        return self.first_year is None or year_end >= self.first_year

    @property
    def dfe_columns(self) -> tuple[str, ...]:
        return tuple(c.dfe for c in self.columns)

    @property
    def required_columns(self) -> frozenset[str]:
        return frozenset(self.dfe_columns) - self.optional_columns

    def column(self, dfe: str) -> Column:
        return next(c for c in self.columns if c.dfe == dfe)

    @property
    def readable_names(self) -> dict[str, str]:
        return {c.dfe: c.readable for c in self.columns}


def _codes(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Rule 101: 1/2 to 2023-24; M, F or U from 2024-25.
SEX = YearCodes(((2023, frozenset({"1", "2"})), (2025, frozenset({"M", "F", "U"}))))
ETHNIC = _codes(
    "WBRI WIRI WOTH WIRT WROM MWBC MWBA MWAS MOTH AIND APKN ABAN AOTH BCRB BAFR BOTH "
    "CHNE OOTH REFU NOBT"
)
REASON_NEW_EPISODE = frozenset({"S", "L", "P", "T", "U", "B"})
LEGAL_STATUS = _codes("C1 C2 D1 E1 V2 V3 V4 L1 L2 L3 J1 J2 J3")
SHORT_BREAK_LEGAL_STATUS = frozenset({"V3", "V4"})
CATEGORY_OF_NEED = frozenset(f"N{i}" for i in range(1, 9))
# Rule 146: K3 from 2024-25; from 2025-26 H5, P2 and Z1 go and Z1 is split into Z11-Z14.
_PLACEMENT_TYPE_2023 = _codes(
    "A3 A4 A5 A6 H5 K1 K2 P1 P2 P3 R1 R2 R3 R5 S1 T0 T1 T2 T3 T4 U1 U2 U3 U4 U5 U6 Z1"
)
PLACEMENT_TYPE = YearCodes(
    (
        (2023, _PLACEMENT_TYPE_2023),
        (2025, _PLACEMENT_TYPE_2023 | {"K3"}),
        (2026, (_PLACEMENT_TYPE_2023 | {"K3", "Z11", "Z12", "Z13", "Z14"}) - {"H5", "P2", "Z1"}),
    )
)
PLACEMENT_PROVIDER = _codes("PR0 PR1 PR2 PR3 PR4 PR5")
REASON_EPISODE_CEASED = _codes(
    "X1 E11 E12 E2 E3 E4A E4B E41 E43 E44 E45 E46 E47 E48 E5 E6 E7 E8 E9 E13 E14 E15 E16 E17"
)
# Rule 1009; CUSTOD from 2022-23.
_REASON_PLACE_CHANGE_2018 = _codes(
    "CARPL CLOSE ALLEG STAND APPRR CREQB CREQO CHILD LAREQ PLACE OTHER"
)
REASON_PLACE_CHANGE = YearCodes(
    ((2018, _REASON_PLACE_CHANGE_2018), (2023, _REASON_PLACE_CHANGE_2018 | {"CUSTOD"}))
)
REVIEW_CODE = frozenset(f"PN{i}" for i in range(0, 8))
MISSING_KIND = frozenset({"M", "A"})
IN_TOUCH = frozenset({"YES", "NO", "DIED", "REFU", "NREQ", "RHOM"})
# Rule SW13: why a child's social worker changed (from 2023-24): management decision, first
# contact, worker left the role, organisational restructure, transfer process, absence, change
# in the child's or the parent's/carer's circumstances, worker died, other.
SOCIAL_WORKER_CHANGE_REASON = _codes(
    "MANAGE FCONTA LEFTRL ORGRST TSPROC ABSENC CHCHAN PCCHAN SWDIED OTHERS"
)
# Rule 132: F3/P3 to 2020-21, F4/P4 and F5/P5 from 2021-22 (see the module docstring).
CARE_LEAVER_ACTIVITY = YearCodes(
    (
        (2018, _codes("F1 P1 F2 P2 F3 P3 G4 G5 G6 0")),
        (2022, _codes("F1 P1 F2 P2 F4 P4 F5 P5 G4 G5 G6 0")),
    )
)
# Accommodation type (letter) and suitability (1 suitable, 2 not); S1 and X1 to 2021-22 only
# (rule 133).
_ACCOMMODATION_2022 = _codes(
    "B1 B2 C1 C2 D1 D2 E1 E2 G1 G2 H1 H2 K1 K2 R1 R2 S2 T1 T2 U1 U2 V1 V2 W1 W2 X2 Y1 Y2 Z1 Z2 0"
)
CARE_LEAVER_ACCOMMODATION = YearCodes(
    ((2018, _ACCOMMODATION_2022 | {"S1", "X1"}), (2023, _ACCOMMODATION_2022))
)
YES_NO = frozenset({"0", "1"})
NUMBER_OF_ADOPTERS = frozenset({"1", "2"})  # rule 175
ADOPTERS_SEX = _codes("M1 F1 MM FF MF")  # rule 176
ADOPTERS_LEGAL_STATUS = _codes("L0 L11 L12 L2 L3 L4")  # rule 177
REASON_DECISION_CEASED = _codes("RD1 RD2 RD3 RD4")  # rule 120
PREVIOUS_PERMANENCE_CODES = _codes("P1 P2 P3 P4 Z1")  # rule 631
SDQ_REASON = _codes("SDQ1 SDQ2 SDQ3 SDQ4 SDQ5")  # rule 196

_child = Column(
    "CHILD",
    "child_id",
    is_key=True,
    is_identifier=True,
    description="The council's child identifier",
)
_dob = Column("DOB", "date_of_birth", is_date=True, description="Date of birth")

HEADER = Table(
    "Header",
    "One row per child: sex, date of birth, ethnicity",
    (
        _child,
        Column("SEX", "sex", codes=SEX, rule="101"),
        Column("DOB", "date_of_birth", is_date=True, is_key=True),
        Column("ETHNIC", "ethnicity", codes=ETHNIC, rule="103"),
        Column("UPN", "unique_pupil_number"),
        Column("MOTHER", "is_mother", codes=YES_NO),
        Column("MC_DOB", "mothers_child_date_of_birth", is_date=True),
    ),
    optional_columns=frozenset({"UPN", "MOTHER", "MC_DOB"}),
)
EPISODES = Table(
    "Episodes",
    "One row per episode of care: a period with one legal status and one placement",
    (
        _child,
        Column("DECOM", "started_on", is_date=True, is_key=True),
        Column("RNE", "reason_new_episode", codes=REASON_NEW_EPISODE, rule="143"),
        Column("LS", "legal_status", codes=LEGAL_STATUS, rule="144"),
        Column("CIN", "category_of_need", codes=CATEGORY_OF_NEED, rule="145"),
        Column("PLACE", "placement_type", codes=PLACEMENT_TYPE, rule="146"),
        Column("PLACE_PROVIDER", "placement_provider", codes=PLACEMENT_PROVIDER, rule="178"),
        Column("DEC", "ended_on", is_date=True),
        Column("REC", "reason_ceased", codes=REASON_EPISODE_CEASED, rule="149"),
        Column(
            "REASON_PLACE_CHANGE",
            "reason_placement_changed",
            codes=REASON_PLACE_CHANGE,
            rule="1009",
        ),
        Column("HOME_POST", "home_postcode"),
        Column("PL_POST", "placement_postcode"),
        Column("URN", "placement_urn"),
        # Derived from HOME_POST and PL_POST with ONS's postcode directory (DfE's and many
        # councils' extracts carry them): straight-line miles, and IN or OUT of the council.
        Column("PL_DISTANCE", "placement_distance_miles"),
        Column("PL_LOCATION", "placement_location", codes=frozenset({"IN", "OUT"})),
    ),
    optional_columns=frozenset(
        {"REASON_PLACE_CHANGE", "HOME_POST", "PL_POST", "URN", "PL_DISTANCE", "PL_LOCATION"}
    ),
)
REVIEWS = Table(
    "Reviews",
    "One row per statutory review of a looked-after child (reg 33)",
    (
        _child,
        _dob,
        Column("REVIEW", "reviewed_on", is_date=True, is_key=True),
        Column("REVIEW_CODE", "participation", codes=REVIEW_CODE, rule="167"),
    ),
    optional_columns=frozenset({"DOB"}),
)
UASC = Table(
    "UASC",
    "Unaccompanied asylum-seeking children: date the status ceased",
    (
        _child,
        Column("SEX", "sex", codes=SEX, rule="101"),
        _dob,
        Column("DUC", "uasc_ceased_on", is_date=True),
    ),
    optional_columns=frozenset({"SEX", "DOB"}),
)
OC2 = Table(
    "OC2",
    "Outcomes for children looked after for 12 months: health, SDQ, convictions",
    (
        _child,
        _dob,
        Column("SDQ_SCORE", "sdq_score"),
        Column("SDQ_REASON", "sdq_reason", codes=SDQ_REASON, rule="196"),
        Column("CONVICTED", "convicted", codes=YES_NO, rule="181"),
        Column("HEALTH_CHECK", "health_check", codes=YES_NO, rule="181"),
        Column("IMMUNISATIONS", "immunisations", codes=YES_NO, rule="181"),
        Column("TEETH_CHECK", "teeth_check", codes=YES_NO, rule="181"),
        Column("HEALTH_ASSESSMENT", "health_assessment", codes=YES_NO, rule="181"),
        Column("SUBSTANCE_MISUSE", "substance_misuse", codes=YES_NO, rule="181"),
        Column("INTERVENTION_RECEIVED", "intervention_received", codes=YES_NO, rule="181"),
        Column("INTERVENTION_OFFERED", "intervention_offered", codes=YES_NO, rule="181"),
    ),
    optional_columns=frozenset(
        {"DOB", "SDQ_SCORE", "SDQ_REASON", "INTERVENTION_RECEIVED", "INTERVENTION_OFFERED"}
    ),
)
OC3 = Table(
    "OC3",
    "Care leavers around their 17th to 21st birthdays: in touch, activity, accommodation",
    (
        _child,
        _dob,
        Column("IN_TOUCH", "in_touch", codes=IN_TOUCH, rule="131"),
        Column("ACTIV", "activity", codes=CARE_LEAVER_ACTIVITY, rule="132"),
        Column("ACCOM", "accommodation", codes=CARE_LEAVER_ACCOMMODATION, rule="133"),
    ),
)
AD1 = Table(
    "AD1",
    "Children adopted: dates of the adoption process",
    (
        _child,
        _dob,
        Column("DATE_INT", "decision_on", is_date=True),
        Column("DATE_MATCH", "matched_on", is_date=True),
        Column("FOSTER_CARE", "adopted_by_foster_carer", codes=YES_NO, rule="114"),
        Column("NB_ADOPTR", "number_of_adopters", codes=NUMBER_OF_ADOPTERS, rule="175"),
        Column("SEX_ADOPTR", "adopters_sex", codes=ADOPTERS_SEX, rule="176"),
        Column("LS_ADOPTR", "adopters_legal_status", codes=ADOPTERS_LEGAL_STATUS, rule="177"),
    ),
    optional_columns=frozenset({"DOB"}),
)
PLACED_ADOPTION = Table(
    "PlacedAdoption",
    "Children with a decision that they should be placed for adoption",
    (
        _child,
        _dob,
        Column("DATE_PLACED", "decision_on", is_date=True),
        Column("DATE_PLACED_CEASED", "decision_ceased_on", is_date=True),
        Column(
            "REASON_PLACED_CEASED",
            "reason_decision_ceased",
            codes=REASON_DECISION_CEASED,
            rule="120",
        ),
    ),
    optional_columns=frozenset({"DOB"}),
)
PREVIOUS_PERMANENCE = Table(
    "PrevPerm",
    "Previous permanence before this period of care",
    (
        _child,
        _dob,
        Column("PREV_PERM", "previous_permanence", codes=PREVIOUS_PERMANENCE_CODES, rule="631"),
        Column("LA_PERM", "previous_permanence_council"),
        Column("DATE_PERM", "previous_permanence_on"),
    ),
    optional_columns=frozenset({"DOB", "LA_PERM", "DATE_PERM"}),
)
MISSING = Table(
    "Missing",
    "Episodes of a looked-after child missing (M) or away without authorisation (A)",
    (
        _child,
        _dob,
        Column("MISSING", "missing_kind", codes=MISSING_KIND, rule="1006"),
        Column("MIS_START", "missing_from", is_date=True, is_key=True),
        Column("MIS_END", "missing_until", is_date=True),
    ),
    optional_columns=frozenset({"DOB"}),
)
SOCIAL_WORKER_EPISODES = Table(
    "SWEpisodes",
    "Periods with one allocated social worker (from 2023-24)",
    (
        _child,
        Column("SW_ID", "social_worker_id"),
        Column("SW_DECOM", "social_worker_from", is_date=True, is_key=True),
        Column("SW_DEC", "social_worker_until", is_date=True),
        Column(
            "SW_REASON",
            "social_worker_change_reason",
            codes=SOCIAL_WORKER_CHANGE_REASON,
            rule="SW13STG1",
        ),
    ),
    optional_columns=frozenset({"SW_REASON"}),
    first_year=2024,
)

DEPRIVATION_OF_LIBERTY = Table(
    "DoLo",
    "Deprivation of liberty orders a looked-after child is subject to (from 2026-27)",
    (
        _child,
        _dob,
        Column("DOLO_START", "deprivation_of_liberty_from", is_date=True, is_key=True),
        Column("DOLO_END", "deprivation_of_liberty_until", is_date=True),
    ),
    optional_columns=frozenset({"DOB"}),
    first_year=2027,
)

TABLES: tuple[Table, ...] = (
    HEADER,
    EPISODES,
    REVIEWS,
    UASC,
    OC2,
    OC3,
    AD1,
    PLACED_ADOPTION,
    PREVIOUS_PERMANENCE,
    MISSING,
    SOCIAL_WORKER_EPISODES,
    DEPRIVATION_OF_LIBERTY,
)
TABLES_BY_NAME = {t.name: t for t in TABLES}


def recognise(columns: list[str]) -> Table | None:
    """The table whose required columns a file's header holds, preferring the closest fit.

    Files are recognised by their columns whatever they are called, as the DfE's own tool does.
    """
    present = {c.strip().upper() for c in columns}
    candidates = [t for t in TABLES if t.required_columns <= present]
    if not candidates:
        return None
    return min(candidates, key=lambda t: len(present - set(t.dfe_columns)))


def closest(columns: list[str]) -> tuple[Table, frozenset[str]] | None:
    """The table a file most looks like when it holds no table in full, with what it lacks.

    Used only to explain a refusal ("looks like Episodes but has no DECOM column"): a file must
    hold CHILD and at least half of the table's required columns to count as a near miss.
    """
    present = {c.strip().upper() for c in columns}
    if "CHILD" not in present:
        return None
    best: tuple[float, Table] | None = None
    for table in TABLES:
        share = len(table.required_columns & present) / len(table.required_columns)
        if share >= 0.5 and (best is None or share > best[0]):
            best = (share, table)
    if best is None:
        return None
    return best[1], best[1].required_columns - present
