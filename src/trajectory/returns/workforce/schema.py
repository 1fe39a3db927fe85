"""The children's social work workforce census (CSWW) as data: its two tables, their fields
and code lists, versioned by collection year where they change.

The census counts every child and family social worker a council employed or used through an
agency in the year 1 October to 30 September, and its vacancies on 30 September. DfE collects
it in COLLECT as XML, ``<Message>`` holding a ``<Header>`` (``CollectionDetails`` with
``Collection`` CSWW, ``Year`` and ``ReferenceDate``; ``Source`` with ``LEA``), one
``<LALevelVacancies>`` (the "aggregated data items") and a ``<CSWWWorker>`` per worker record
(the "social worker data items"). The tables here are named as that schema names them,
``CSWWWorker`` and ``LALevelVacancies``, with its element names as columns. A council's CSV
export uses the same names as headers (matched ignoring case).

Sources:
- DfE, "Children's social work workforce census: guide" (gov.uk, guides for the years ending
  30 September 2021 to 2025): section 2 "Aggregated data items", section 3 "Social worker data
  items", section 4 "Voluntary data items", and the general notes (1.9: the identifier, leavers
  who return within the year, staff holding two roles, staff leaving on 30 September).
- DfE, "Children's social work workforce census: guide to submitting data" (gov.uk): the census
  year is 1 October to 30 September; "2023 to 2024 census ... opens on Tuesday 1 October 2024",
  so DfE names the census of 30 September 2024 "2023 to 2024" (see `census_year`).
- The CSWW XML schema as published with the regional pipelines (SocialFinanceDigitalLabs
  liia-tools, ``spec/social_work_workforce/social_work_workforce_2022.xsd``): element names,
  types (FTE a decimal 0-1 with six places; vacancies and working days lost two places; cases an
  integer) and every code list below, with DfE's labels.
- DfE, "Children's social work workforce" statistics methodology (explore-education-statistics):
  headcount, FTE, agency worker, vacancy and turnover definitions the indicators follow.

Versioning: each code list is a `ByYear`, entries applying from the collection year ending
30 September of their first element. The lists read here are those of the 2022 schema; no
later change to them has been found in the guides for 2023 to 2025, so that entry applies to
every year until one is cited and added. Each field carries `first_year`, the first census
that collects it (a value given for an earlier census is warned about, ``not_collected``);
all are 2017, the first worker-level census, until a guide's "changes to the census" section
says otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType

TEXT, CODE, DATE, DECIMAL, INTEGER = "text", "code", "date", "decimal", "integer"


@dataclass(frozen=True)
class ByYear:
    """A code list (code -> DfE's label) by collection year: each entry applies from the year
    ending 30 September of its first element until the next; earlier years use the first."""

    by_year: tuple[tuple[int, MappingProxyType], ...]

    def of(self, end_year: int) -> MappingProxyType:
        found = self.by_year[0][1]
        for first, codes in self.by_year:
            if end_year >= first:
                found = codes
        return found


def _codes(*pairs: tuple[str, str], since: int = 2017) -> ByYear:
    return ByYear(((since, MappingProxyType(dict(pairs))),))


@dataclass(frozen=True)
class Field:
    dfe: str  # the XML element name, also the CSV header
    readable: str
    kind: str = TEXT  # TEXT, CODE, DATE, DECIMAL or INTEGER
    codes: ByYear | None = None
    required: bool = False  # the table cannot be read without the column
    first_year: int = 2017  # the first collection year (ending 30 September) that has it
    description: str = ""

    @property
    def label(self) -> str:
        """What the field is, in words for messages: "FTE on 30 September"."""
        return LABELS.get(self.dfe, self.readable.replace("_", " "))

    def codes_in(self, end_year: int):
        return self.codes.of(end_year) if self.codes is not None else None


@dataclass(frozen=True)
class Table:
    name: str  # DfE's element name: CSWWWorker, LALevelVacancies
    description: str
    fields: tuple[Field, ...]
    # Columns of our own a council's file may add (not in DfE's schema), kept when present.
    extensions: tuple[Field, ...] = field(default_factory=tuple)

    @property
    def all_fields(self) -> tuple[Field, ...]:
        return self.fields + self.extensions

    @property
    def columns(self) -> tuple[Field, ...]:
        """Every field, DfE's and ours, as SSDA903's `Table.columns` gives its columns."""
        return self.all_fields

    @property
    def dfe_columns(self) -> tuple[str, ...]:
        """The column names, in DfE's order (the extensions last)."""
        return tuple(f.dfe for f in self.all_fields)

    @property
    def required_columns(self) -> frozenset[str]:
        return frozenset(f.dfe for f in self.all_fields if f.required)

    def field(self, dfe: str) -> Field:
        return next(f for f in self.all_fields if f.dfe == dfe)

    @property
    def readable_names(self) -> dict[str, str]:
        return {f.dfe: f.readable for f in self.all_fields}


LABELS = {
    "AgencyWorker": "whether an agency worker",
    "SWENo": "Social Work England number",
    "FTE": "full-time equivalent",
    "PersonBirthDate": "date of birth",
    "GenderCurrent": "gender",
    "QualInst": "qualifying institution",
    "QualLevel": "qualification level",
    "StepUpGrad": "Step Up to Social Work graduate",
    "OrgRole": "role",
    "RoleStartDate": "start in the role",
    "StartOrigin": "where the worker came from",
    "RoleEndDate": "leaving the role",
    "LeaverDestination": "where the leaver went",
    "ReasonLeave": "reason for leaving",
    "FTE30": "FTE on 30 September",
    "Cases30": "cases held on 30 September",
    "WorkingDaysLost": "working days lost to sickness absence",
    "ContractWeeks": "weeks worked on contract",
    "FrontlineGrad": "Frontline graduate",
    "Absat30Sept": "absent on 30 September",
    "ReasonAbsence": "reason for absence",
    "CFKSSstatus": "accreditation status (CFKSS)",
    "NumberOfVacancies": "FTE vacancies",
    "NoAgencyFTE": "FTE agency workers covering vacancies",
    "NoAgencyHeadcount": "agency workers covering vacancies",
}

YES_NO = _codes(("0", "No"), ("1", "Yes"))
AGENCY_WORKER = _codes(("0", "Not an agency worker"), ("1", "Agency worker"))
GENDER = _codes(("0", "Not known"), ("1", "Male"), ("2", "Female"), ("9", "Not specified"))
ETHNICITY = _codes(
    ("WBRI", "White British"),
    ("WIRI", "White Irish"),
    ("WOTH", "Any other White background"),
    ("MWBC", "White and Black Caribbean"),
    ("MWBA", "White and Black African"),
    ("MWAS", "White and Asian"),
    ("MOTH", "Any other Mixed background"),
    ("AIND", "Indian"),
    ("APKN", "Pakistani"),
    ("ABAN", "Bangladeshi"),
    ("AOTH", "Any other Asian background"),
    ("BCRB", "Black Caribbean"),
    ("BAFR", "Black African"),
    ("BOTH", "Any other Black background"),
    ("CHNE", "Chinese"),
    ("OOTH", "Any other ethnic group"),
    ("REFU", "Declared not stated or refused"),
    ("NOBT", "Information not yet obtained"),
)
QUALIFICATION_LEVEL = _codes(("1", "Undergraduate"), ("2", "Postgraduate"), ("3", "Other"))
ORG_ROLE = _codes(
    ("1", "Senior manager"),
    ("2", "Middle manager"),
    ("3", "First line manager"),
    ("4", "Senior practitioner"),
    ("5", "Case holder"),
    ("6", "Qualified without cases"),
)
START_ORIGIN = _codes(
    ("1", "Newly qualified social worker"),
    ("2", "Social worker role in a different local authority in England"),
    ("3", "Social worker role outside England"),
    ("4", "Agency or consultancy in social work (in England)"),
    ("5", "Other social work role, not a local authority (in England)"),
    ("6", "Other social care role in a local authority or not (in England)"),
    ("7", "Non-social care role, any role outside England, no employment or career break"),
    ("8", "Other"),
    ("9", "Not known"),
    ("10", "Not yet collected"),
)
LEAVER_DESTINATION = _codes(
    ("1", "Social worker role in a different local authority in England"),
    ("2", "Social worker role outside England"),
    ("3", "Agency or consultancy in social work (in England)"),
    ("4", "Other social work role, not a local authority (in England)"),
    ("5", "Other social care role in a local authority or not (in England)"),
    ("6", "Non-social care role, any role outside England, no employment or career break"),
    ("7", "Other"),
    ("8", "Not known"),
    ("9", "Not yet collected"),
)
REASON_LEAVE = _codes(
    ("1", "Resignation"),
    ("2", "Voluntary redundancy"),
    ("3", "Compulsory redundancy"),
    ("4", "Dismissed"),
    ("5", "Retired"),
    ("6", "Deceased"),
    ("7", "Moved to a non-child and family social work role within the local authority"),
    ("8", "Other"),
    ("9", "Not known"),
    ("10", "Not yet collected"),
)
REASON_ABSENCE = _codes(
    ("MAT", "Maternity or paternity leave"),
    (
        "OTH",
        "Other paid authorised absence (compassionate leave, annual leave needing cases "
        "reallocated)",
    ),
    ("PUB", "Paid absence for public duties (jury duty)"),
    ("SIC", "Sick leave"),
    ("TRN", "Training"),
    ("UNA", "Unauthorised absence"),
    ("UNP", "Unpaid authorised absence"),
)
CFKSS_STATUS = _codes(
    ("1", "Assessed and supported year in employment (ASYE)"),
    ("2", "Frontline practitioner"),
    ("3", "Practice supervisor"),
    ("4", "Practice leader"),
)

WORKER = Table(
    name="CSWWWorker",
    description="One row per worker record: each child and family social worker employed or "
    "used through an agency at any time in the year to 30 September (a leaver who came back "
    "in the year has a row for each spell)",
    fields=(
        Field("AgencyWorker", "agency_worker", CODE, AGENCY_WORKER, required=True),
        Field(
            "SWENo",
            "worker",
            required=True,
            description="Social Work England registration number: the worker's identifier, "
            "the same as SW_ID in the SSDA903 SWEpisodes table",
        ),
        Field("FTE", "fte", DECIMAL, description="Full-time equivalent of the post"),
        Field("PersonBirthDate", "birth_date", DATE),
        Field("GenderCurrent", "gender", CODE, GENDER),
        Field("Ethnicity", "ethnicity", CODE, ETHNICITY),
        Field("QualInst", "qualifying_institution"),
        Field("QualLevel", "qualification_level", CODE, QUALIFICATION_LEVEL),
        Field("StepUpGrad", "step_up_graduate", CODE, YES_NO),
        Field("OrgRole", "role", CODE, ORG_ROLE),
        Field("RoleStartDate", "start_date", DATE, description="Start in the role"),
        Field("StartOrigin", "start_origin", CODE, START_ORIGIN),
        Field("RoleEndDate", "leave_date", DATE, description="Left the role (leavers only)"),
        Field("LeaverDestination", "leaver_destination", CODE, LEAVER_DESTINATION),
        Field("ReasonLeave", "reason_leave", CODE, REASON_LEAVE),
        Field("FTE30", "fte_30_september", DECIMAL, description="FTE on 30 September"),
        Field("Cases30", "cases_30_september", INTEGER, description="Cases held on 30 September"),
        Field(
            "WorkingDaysLost",
            "absence_days",
            DECIMAL,
            description="Working days lost to sickness absence in the year",
        ),
        Field("ContractWeeks", "contract_weeks", DECIMAL, description="Agency workers only"),
        Field("FrontlineGrad", "frontline_graduate", CODE, YES_NO),
        Field("Absat30Sept", "absent_30_september", CODE, YES_NO),
        Field("ReasonAbsence", "reason_absence", CODE, REASON_ABSENCE),
        Field("CFKSSstatus", "cfkss_status", CODE, CFKSS_STATUS),
    ),
)

VACANCIES = Table(
    name="LALevelVacancies",
    description="The council's vacancies on 30 September: FTE vacancies, and agency workers "
    "covering them (FTE and headcount). DfE collects one row; a council's own file may give a "
    "row per role (OrgRole, our extension), whose sums are DfE's figures",
    fields=(
        Field("NumberOfVacancies", "vacancies_fte", DECIMAL, required=True),
        Field("NoAgencyFTE", "agency_covering_fte", DECIMAL),
        Field("NoAgencyHeadcount", "agency_covering_headcount", INTEGER),
    ),
    extensions=(Field("OrgRole", "role", CODE, ORG_ROLE),),
)

Column = Field  # the name SSDA903's schema uses
TABLES = (WORKER, VACANCIES)
TABLES_BY_NAME = {t.name: t for t in TABLES}
POLARS_TYPES = {TEXT: "String", CODE: "String", DATE: "Date", DECIMAL: "Float64", INTEGER: "Int64"}


def recognise(columns: list[str]) -> Table | None:
    """The table whose required columns a CSV header holds (names compared ignoring case)."""
    upper = {c.strip().upper() for c in columns}
    for table in TABLES:
        if {c.upper() for c in table.required_columns} <= upper:
            return table
    return None


def spelling(table: Table) -> dict[str, str]:
    """Upper-cased header -> DfE's spelling."""
    return {c.upper(): c for c in table.dfe_columns}
