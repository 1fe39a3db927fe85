"""The CIN census as DfE defines it: the XML's elements, the tables they are read into, and the
code lists, each kept by collection year where it changed.

The census is one XML file per council per year (DfE "Children in need census: business and
technical specification", one for each year; the XML schemas DfE issued for 2015-16 to 2023-24 are
kept in the open `liia-tools` pipeline, liiatools/cin_census_pipeline/spec/CIN_schema_20xx.xsd):

    Message
      Header
        CollectionDetails: Collection (CIN), Year (the year the collection ends, 2024 for
                           2023-24), ReferenceDate (31 March of that year)
        Source: SourceLevel (L), LEA (3 digits), SoftwareCode, Release, SerialNo, DateTime
      Children
        Child (one per child)
          ChildIdentifiers: LAchildID, UPN, FormerUPN, UPNunknown, PersonBirthDate,
                            ExpectedPersonBirthDate, GenderCurrent or Sex, PersonDeathDate
          ChildCharacteristics: Ethnicity, Disabilities (Disability, repeated)
          CINdetails (one per episode of need, repeated): CINreferralDate, ReferralSource,
                     PrimaryNeedCode, CINclosureDate, ReasonForClosure, DateOfInitialCPC,
                     ReferralNFA, and the repeated groups
            Assessments: AssessmentActualStartDate, AssessmentInternalReviewDate,
                         AssessmentAuthorisationDate,
                         FactorsIdentifiedAtAssessment (AssessmentFactors, repeated)
            CINPlanDates: CINPlanStartDate, CINPlanEndDate
            Section47: S47ActualStartDate, InitialCPCtarget, DateOfInitialCPC, ICPCnotRequired
            ChildProtectionPlans: CPPstartDate, CPPendDate, InitialCategoryOfAbuse,
                                  LatestCategoryOfAbuse, NumberOfPreviousCPP,
                                  Reviews (CPPreviewDate, repeated)

Each repeating group becomes a table, keyed by the child (LAchildID) and counters given while
reading, as DfE's rules and the open validator name them (CINdetailsID: the child's episodes
1, 2 … in file order; AssessmentID and CPPID: the episode's assessments and plans 1, 2 …), so
rows of one episode can be joined (DfE rules 1103, 2990 … match on LAchildID + CINdetailsID).
The table names are those of DfE's validation rules (../shared/domain/rules/cin_rules.csv),
except AssessmentFactors (one row per factor, "AssessmentFactorsList" there) and CPPreviews (one
row per review date, "Reviews" there and in the peer-made CSV tables, which are recognised too).

What changed between years (each is data below, by the year the collection ends):

- 2021-22: CINPlanDates (the dates of CIN plans) joins CINdetails (in the 2022 schema, not the
  2021 one; DfE's statistics count CIN plans "from 2022 onwards").
- 2022-23: referral source 5D (LA services: early help) and assessment factor 24A (child criminal
  exploitation) are accepted (DfE rules 8866 and 8897Q, 2022-23 on); the 2020-21 schema has
  neither. True/false is written 1/0 in the 2022 schema and true/false/1/0 in the 2024 one;
  both are read in every year.
- 2024-25: Sex (M, F, U; DfE item N00783) replaces GenderCurrent (1, 2, 0 not recorded or
  unborn, 9 indeterminate), DfE specification 2024-25 v1.2 "changes from last cycle" and rules
  4180 and 8750. A file may hold either element whatever its year; the one not of the year is
  kept and warned about. Factors 18A and 19A (physical and sexual abuse without saying by whom)
  become queries (8945Q, 8950Q): 18B/18C and 19B/19C say child on child or adult on child.

Years before 2020-21 use the 2020-21 lists (the census has kept its shape since 2013-14, when
the referral source codes of rule 8866 began).
"""

from __future__ import annotations

from dataclasses import dataclass

from trajectory.returns.ssda903.schema import YearCodes

TEXT = "text"
DATE = "date"
CODE = "code"
FLAG = "flag"  # true/false, written 1/0, true/false or TRUE/FALSE: read as Boolean
COUNT = "count"  # a whole number of zero or more (NumberOfPreviousCPP)
SEQUENCE = "sequence"  # a counter given while reading (CINdetailsID …), Int64


@dataclass(frozen=True)
class Field:
    name: str  # DfE's element and column name
    readable: str
    kind: str = TEXT
    is_key: bool = False  # a row cannot be used without it
    is_identifier: bool = False  # ASCII letters and digits only (rule 1580)
    codes: frozenset[str] | YearCodes | None = None
    rule: str = ""  # the DfE rule that checks the code list
    first_year: int | None = None  # the first collection (by its end year) that has it
    last_year: int | None = None  # the last one

    def codes_in(self, year_end: int) -> frozenset[str] | None:
        if isinstance(self.codes, YearCodes):
            return self.codes.of(year_end)
        return self.codes

    def in_year(self, year_end: int) -> bool:
        return (self.first_year is None or year_end >= self.first_year) and (
            self.last_year is None or year_end <= self.last_year
        )


@dataclass(frozen=True)
class Table:
    name: str  # the table's name (DfE's validation rules'), also the stored Parquet's stem
    description: str
    element: str  # the XML element one row comes from
    fields: tuple[Field, ...]
    recognised_by: frozenset[str]  # the columns a CSV of this table must have
    csv_names: tuple[str, ...] = ()  # other names of the table (peer CSV files)
    first_year: int | None = None

    @property
    def columns(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)

    def field(self, name: str) -> Field:
        return next(f for f in self.fields if f.name == name)

    @property
    def readable_names(self) -> dict[str, str]:
        return {f.name: f.readable for f in self.fields}


def _codes(text: str) -> frozenset[str]:
    return frozenset(text.split())


CHILD_ID = Field("LAchildID", "child", is_key=True, is_identifier=True)
EPISODE_ID = Field("CINdetailsID", "episode_of_need", kind=SEQUENCE)
ASSESSMENT_ID = Field("AssessmentID", "assessment", kind=SEQUENCE)
PLAN_ID = Field("CPPID", "child_protection_plan", kind=SEQUENCE)

SEX_FROM = 2025  # Sex replaces GenderCurrent in 2024-25
GENDER_CURRENT = _codes("0 1 2 9")  # not recorded or unborn, male, female, indeterminate
SEX = _codes("M F U")
UPN_UNKNOWN = frozenset(f"UN{i}" for i in range(1, 8))
ETHNICITY = _codes(
    "WBRI WIRI WIRT WOTH WROM MWBC MWBA MWAS MOTH AIND APKN ABAN AOTH BCRB BAFR BOTH CHNE "
    "OOTH REFU NOBT"
)
DISABILITY = _codes("NONE MOB HAND PC INC COMM LD HEAR VIS BEH CON AUT DDA")
_REFERRAL_SOURCE_2021 = _codes("1A 1B 1C 1D 2A 2B 3A 3B 3C 3D 3E 3F 4 5A 5B 5C 6 7 8 9 10")
REFERRAL_SOURCE = YearCodes(((2014, _REFERRAL_SOURCE_2021), (2023, _REFERRAL_SOURCE_2021 | {"5D"})))
PRIMARY_NEED = frozenset(f"N{i}" for i in range(0, 10))
REASON_FOR_CLOSURE = frozenset(f"RC{i}" for i in range(1, 10))
CATEGORY_OF_ABUSE = _codes("NEG PHY SAB EMO MUL")
_FACTORS_2021 = _codes(
    "1A 1B 1C 2A 2B 2C 3A 3B 3C 4A 4B 4C 5A 5B 5C 6A 6B 6C 7A 8B 8C 8D 8E 8F 9A 10A 11A 12A "
    "13A 14A 15A 16A 17A 18A 18B 18C 19A 19B 19C 20 21 22A 23A"
)
# 18A and 19A are in DfE's valid list (rule 8897Q) though not in the XML schemas; from 2024-25
# they are queried (8945Q, 8950Q) rather than refused, so they stay in the list.
ASSESSMENT_FACTORS = YearCodes(((2014, _FACTORS_2021), (2023, _FACTORS_2021 | {"24A"})))
FLAG_TRUE = frozenset({"1", "TRUE"})
FLAG_FALSE = frozenset({"0", "FALSE"})

HEADER = Table(
    "Header",
    "The return's collection details and source: which council, which year",
    "Header",
    (
        Field("Collection", "collection", CODE, codes=frozenset({"CIN"})),
        Field("Year", "collection_year_end"),
        Field("ReferenceDate", "reference_date", DATE),
        Field("SourceLevel", "source_level"),
        Field("LEA", "council_code"),
        Field("SoftwareCode", "software"),
        Field("Release", "release"),
        Field("SerialNo", "serial_number"),
        Field("DateTime", "made_at"),
    ),
    recognised_by=frozenset({"Collection", "ReferenceDate"}),
)
CHILD_IDENTIFIERS = Table(
    "ChildIdentifiers",
    "One row per child: identifiers, birth (or expected birth), sex and death",
    "ChildIdentifiers",
    (
        CHILD_ID,
        Field("UPN", "unique_pupil_number", is_identifier=True),
        Field("FormerUPN", "former_unique_pupil_number", is_identifier=True),
        Field("UPNunknown", "why_no_unique_pupil_number", CODE, codes=UPN_UNKNOWN),
        Field("PersonBirthDate", "born_on", DATE),
        Field("ExpectedPersonBirthDate", "expected_birth_on", DATE),
        Field(
            "GenderCurrent",
            "gender",
            CODE,
            codes=GENDER_CURRENT,
            rule="4180",
            last_year=SEX_FROM - 1,
        ),
        Field("Sex", "sex", CODE, codes=SEX, rule="4180", first_year=SEX_FROM),
        Field("PersonDeathDate", "died_on", DATE),
    ),
    recognised_by=frozenset({"LAchildID", "PersonBirthDate"}),
)
CHILD_CHARACTERISTICS = Table(
    "ChildCharacteristics",
    "One row per child: ethnicity",
    "ChildCharacteristics",
    (CHILD_ID, Field("Ethnicity", "ethnicity", CODE, codes=ETHNICITY, rule="4220")),
    recognised_by=frozenset({"LAchildID", "Ethnicity"}),
)
DISABILITIES = Table(
    "Disabilities",
    "One row per disability recorded for a child (NONE when there is none)",
    "Disability",
    (CHILD_ID, Field("Disability", "disability", CODE, codes=DISABILITY, rule="8540")),
    recognised_by=frozenset({"LAchildID", "Disability"}),
)
CIN_DETAILS = Table(
    "CINdetails",
    "One row per episode of need: the referral, its source, the need, and how it closed",
    "CINdetails",
    (
        CHILD_ID,
        EPISODE_ID,
        Field("CINreferralDate", "referred_on", DATE, is_key=True),
        Field("ReferralSource", "referred_by", CODE, codes=REFERRAL_SOURCE, rule="8866"),
        Field("PrimaryNeedCode", "primary_need", CODE, codes=PRIMARY_NEED, rule="8650"),
        Field("CINclosureDate", "closed_on", DATE),
        Field("ReasonForClosure", "reason_closed", CODE, codes=REASON_FOR_CLOSURE, rule="8640"),
        Field("DateOfInitialCPC", "initial_conference_on", DATE),
        Field("ReferralNFA", "no_further_action", FLAG),
    ),
    recognised_by=frozenset({"LAchildID", "CINreferralDate"}),
)
ASSESSMENTS = Table(
    "Assessments",
    "One row per assessment of an episode: started, reviewed and authorised",
    "Assessments",
    (
        CHILD_ID,
        EPISODE_ID,
        ASSESSMENT_ID,
        Field("AssessmentActualStartDate", "started_on", DATE, is_key=True),
        Field("AssessmentInternalReviewDate", "reviewed_on", DATE),
        Field("AssessmentAuthorisationDate", "authorised_on", DATE),
    ),
    recognised_by=frozenset({"LAchildID", "AssessmentActualStartDate"}),
)
ASSESSMENT_FACTORS_TABLE = Table(
    "AssessmentFactors",
    "One row per factor identified at an assessment",
    "AssessmentFactors",
    (
        CHILD_ID,
        EPISODE_ID,
        ASSESSMENT_ID,
        Field("AssessmentFactors", "factor", CODE, codes=ASSESSMENT_FACTORS, rule="8897Q"),
    ),
    recognised_by=frozenset({"LAchildID", "AssessmentFactors"}),
    csv_names=("AssessmentFactorsList",),
)
CIN_PLAN_DATES = Table(
    "CINplanDates",
    "One row per child in need plan of an episode",
    "CINPlanDates",
    (
        CHILD_ID,
        EPISODE_ID,
        Field("CINPlanStartDate", "started_on", DATE, is_key=True),
        Field("CINPlanEndDate", "ended_on", DATE),
    ),
    recognised_by=frozenset({"LAchildID", "CINPlanStartDate"}),
    first_year=2022,
)
SECTION_47 = Table(
    "Section47",
    "One row per section 47 enquiry of an episode, with its initial child protection conference",
    "Section47",
    (
        CHILD_ID,
        EPISODE_ID,
        Field("S47ActualStartDate", "started_on", DATE, is_key=True),
        Field("InitialCPCtarget", "conference_due_on", DATE),
        Field("DateOfInitialCPC", "conference_on", DATE),
        Field("ICPCnotRequired", "conference_not_needed", FLAG),
    ),
    recognised_by=frozenset({"LAchildID", "S47ActualStartDate"}),
)
CHILD_PROTECTION_PLANS = Table(
    "ChildProtectionPlans",
    "One row per child protection plan of an episode, with its categories of abuse",
    "ChildProtectionPlans",
    (
        CHILD_ID,
        EPISODE_ID,
        PLAN_ID,
        Field("CPPstartDate", "started_on", DATE, is_key=True),
        Field("CPPendDate", "ended_on", DATE),
        Field(
            "InitialCategoryOfAbuse", "first_category", CODE, codes=CATEGORY_OF_ABUSE, rule="8905"
        ),
        Field(
            "LatestCategoryOfAbuse", "latest_category", CODE, codes=CATEGORY_OF_ABUSE, rule="8910"
        ),
        Field("NumberOfPreviousCPP", "previous_plans", COUNT),
    ),
    recognised_by=frozenset({"LAchildID", "CPPstartDate"}),
)
CPP_REVIEWS = Table(
    "CPPreviews",
    "One row per review of a child protection plan",
    "CPPreviewDate",
    (CHILD_ID, EPISODE_ID, PLAN_ID, Field("CPPreviewDate", "reviewed_on", DATE, is_key=True)),
    recognised_by=frozenset({"LAchildID", "CPPreviewDate"}),
    csv_names=("Reviews",),
)

TABLES: tuple[Table, ...] = (
    HEADER,
    CHILD_IDENTIFIERS,
    CHILD_CHARACTERISTICS,
    DISABILITIES,
    CIN_DETAILS,
    ASSESSMENTS,
    ASSESSMENT_FACTORS_TABLE,
    CIN_PLAN_DATES,
    SECTION_47,
    CHILD_PROTECTION_PLANS,
    CPP_REVIEWS,
)
TABLES_BY_NAME = {t.name: t for t in TABLES}
REQUIRED_TABLES = ("ChildIdentifiers", "CINdetails")

# Element names as files write them, matched without regard to case; GenderCurrent's older
# name Gender and the singular AssessmentFactor are read as DfE's names.
ALIASES = {"gender": "GenderCurrent", "assessmentfactor": "AssessmentFactors"}


def recognise(columns: list[str]) -> Table | None:
    """The table a CSV's header is, by its columns: every table whose recognising columns are
    all present, the one sharing the most columns with the header (then the smallest)."""
    present = set(columns)
    candidates = [t for t in TABLES if t.recognised_by <= present]
    if not candidates:
        return None
    return max(candidates, key=lambda t: (len(present & set(t.columns)), -len(t.columns)))
