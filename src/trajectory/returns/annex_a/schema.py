"""Ofsted's Annex A lists 1-11 as data: each list's columns, their types, and the header spellings
councils use for them.

Annex A is the child-level data Ofsted asks a council for at the start of an inspection of local
authority children's services (ILACS): eleven lists, one a sheet of an xlsx workbook, from
contacts to prospective adopters. Ofsted publishes the template (Annex A of "Inspecting local
authority children's services: guidance", gov.uk); the columns here are the template's, named
as it names them, so the stored tables read the way inspectors and analysts already read them.

Councils do not send the template untouched. Their case management systems export the lists with
their own spellings: "Child Unique ID", "Child ID", "CHILD ID", "ChildID"; "Date of birth
(DD/MM/YYYY)", "DOB"; a format hint or a (Y/N) on the end; extra spaces and punctuation. The
regional pipelines that pool Annex A across councils match headers by pattern rather than by
exact text (Social Finance's liia-tools, `liiatools/annex_a_pipeline/spec/Annex_A_schema.yml`,
a `header_regex` per column, and its `pipeline.yml` for the lists' key columns); we follow the
same idea, written afresh:

1. a header is first *normalised* (`normalise`): lower case, "&" read as "and", anything that is
   not a letter or digit becomes one space, and a format hint ("dd mm yyyy", "y n") is dropped;
2. a header whose normalised text is the normalised template name matches that column exactly;
3. the rest are tried against each column's `patterns` (regular expressions searched in the
   normalised header), in the list's column order, each column taken once.

Values are typed by kind: identifiers and free text as text; dates as `pl.Date`; counts as
`pl.Int64`; coded values (the template's drop-downs, "a) Yes", "N1 - Abuse or neglect",
"E11: Adopted - application unopposed") as the code they carry (`Code.stored`), recognised by a
leading code token or by the label written in full, again as the pipelines do with a
`cell_regex` per code. A coded value that matches none is kept as written and warned about.

Sheets are recognised by name ("List 1", "L3 Referrals", "Contacts", `sheet_patterns`) and by
their headers (reader.py says how the two are combined).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import polars as pl

from trajectory.returns.problems import ERROR, WARNING
from trajectory.returns.ssda903 import schema as ssda903

ID = "identifier"
TEXT = "text"
DATE = "date"
INTEGER = "integer"
CODE = "code"

POLARS_TYPES = {ID: pl.String, TEXT: pl.String, DATE: pl.Date, INTEGER: pl.Int64, CODE: pl.String}

_NOT_WORD = re.compile(r"[^a-z0-9]+")
# Format hints councils add to a header: "(DD/MM/YYYY)", "(Y/N)", "(yes/no)", "dd-mm-yy".
_HINTS = re.compile(r"\b(dd mm yyyy|dd mm yy|yyyy mm dd|mm dd yyyy|y n|yes no|y n u)\b")


def normalise(text: object) -> str:
    """A header or value as compared: lower case, '&' as 'and', runs of anything but letters and
    digits as one space, format hints dropped. `"Date of Birth (DD/MM/YYYY) "` ->
    `"date of birth"`; `"CHILD_ID"` -> `"child id"`."""
    lowered = str(text).lower().replace("&", " and ")
    return " ".join(_HINTS.sub(" ", _NOT_WORD.sub(" ", lowered)).split())


@dataclass(frozen=True)
class Code:
    """One value of a coded column: what is stored, and the labels it may be written as."""

    stored: str
    labels: tuple[str, ...] = ()


@dataclass(frozen=True)
class Field:
    name: str  # the template's header, also the stored column's name
    kind: str  # ID, TEXT, DATE, INTEGER or CODE
    patterns: tuple[str, ...] = ()  # regexes searched in the normalised header
    key: bool = False  # the list cannot be read without it: a blank value is an error
    codes: tuple[Code, ...] = ()

    @property
    def dtype(self) -> pl.DataType:
        return POLARS_TYPES[self.kind]

    @property
    def compiled(self) -> tuple[re.Pattern, ...]:
        return _compiled(self.patterns)


@dataclass(frozen=True)
class AnnexList:
    number: int
    title: str  # "Contacts"
    description: str
    sheet_patterns: tuple[str, ...]  # regexes searched in the normalised sheet name
    fields: tuple[Field, ...]
    # A row is one event (a contact, a referral, a plan): the same values in these columns twice
    # is the same event listed twice, reported with this severity.
    unique_by: tuple[str, ...] = ()
    duplicate_severity: str = WARNING

    @property
    def name(self) -> str:
        """The stored table's name: "List1" ... "List11"."""
        return f"List{self.number}"

    @property
    def label(self) -> str:
        return f"List {self.number} ({self.title.lower()})"

    @property
    def columns(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)

    @property
    def key_fields(self) -> tuple[Field, ...]:
        return tuple(f for f in self.fields if f.key)

    def field(self, name: str) -> Field:
        return next(f for f in self.fields if f.name == name)

    @property
    def schema(self) -> dict[str, pl.DataType]:
        return {f.name: f.dtype for f in self.fields}


_cache: dict[tuple[str, ...], tuple[re.Pattern, ...]] = {}


def _compiled(patterns: tuple[str, ...]) -> tuple[re.Pattern, ...]:
    if patterns not in _cache:
        _cache[patterns] = tuple(re.compile(p) for p in patterns)
    return _cache[patterns]


def _tokens(codes: str | object) -> tuple[Code, ...]:
    """Codes written as their own token ("N1", "E11", "PR2"), longest first so that 'E11' is
    tried before 'E1'."""
    listed = codes.split() if isinstance(codes, str) else codes
    return tuple(Code(c) for c in sorted(listed, key=lambda c: (-len(c), c)))


def _labelled(codes, labels: dict[str, tuple[str, ...]]) -> tuple[Code, ...]:
    """Codes as tokens, each with the labels it may be written as instead (the template's
    wording, and the shorter forms councils' systems export)."""
    return tuple(Code(c.stored, labels.get(c.stored, ())) for c in _tokens(codes))


# --- the template's drop-downs ------------------------------------------------------------------

YES_NO = (Code("Y", ("yes", "y", "true")), Code("N", ("no", "n", "false")))
YES_NO_UNKNOWN = (*YES_NO, Code("U", ("unknown", "not known", "u")))
GENDER = (
    Code("M", ("male", "m", "man", "boy")),
    Code("F", ("female", "f", "woman", "girl")),
    Code(
        "U",
        (
            "not stated recorded",
            "not stated",
            "not recorded",
            "unknown",
            "not known",
            "indeterminate",
        ),
    ),
    Code("N", ("neither",)),
)
ETHNICITY = _tokens(ssda903.ETHNIC) + (
    Code("WBRI", ("white british",)),
    Code("WIRI", ("white irish",)),
    Code("WIRT", ("traveller of irish heritage",)),
    Code("WOTH", ("any other white background",)),
    Code("WROM", ("gypsy roma",)),
    Code("MWBC", ("white and black caribbean",)),
    Code("MWBA", ("white and black african",)),
    Code("MWAS", ("white and asian",)),
    Code("MOTH", ("any other mixed background",)),
    Code("AIND", ("indian",)),
    Code("APKN", ("pakistani",)),
    Code("ABAN", ("bangladeshi",)),
    Code("AOTH", ("any other asian background",)),
    Code("BCRB", ("caribbean",)),
    Code("BAFR", ("african",)),
    Code("BOTH", ("any other black background",)),
    Code("CHNE", ("chinese",)),
    Code("OOTH", ("any other ethnic group",)),
    Code("REFU", ("refused",)),
    Code("NOBT", ("information not yet obtained", "not obtained")),
)
# CIN census referral source codes (also the contact source), e.g. "a) 1A: Individual".
SOURCE = _labelled(
    "1A 1B 1C 1D 2A 2B 3A 3B 3C 3D 3E 3F 4 5A 5B 5C 5D 6 7 8 9 10",
    {
        "1A": ("individual family member relative or carer", "family member", "relative"),
        "1B": ("individual acquaintance", "acquaintance", "neighbour"),
        "1C": ("individual self", "self"),
        "1D": ("individual other", "stranger"),
        "2A": ("schools", "school"),
        "2B": ("education services", "education"),
        "3A": ("health services general practitioner", "general practitioner", "gp"),
        "3B": ("health services health visitor", "health visitor"),
        "3C": ("health services school nurse", "school nurse"),
        "3D": ("health services other primary health services", "other primary health"),
        "3E": ("health services a and e", "a and e", "accident and emergency"),
        "3F": ("health services other", "health other", "hospital", "hospice"),
        "4": ("housing",),
        "5A": ("la services social care", "adult social care", "adults social care"),
        "5B": ("la services other internal", "youth offending", "youth justice"),
        "5C": ("la services external", "another local authority"),
        "5D": ("la services early help", "early help"),
        "6": ("police",),
        "7": ("other legal agency", "court", "courts", "probation", "cafcass", "prison"),
        "8": ("other",),
        "9": ("anonymous",),
        "10": ("unknown", "not known"),
    },
)
NEED = _labelled(
    [f"N{i}" for i in range(10)],
    {
        "N1": ("abuse or neglect",),
        "N2": ("child s disability", "child s disability or illness", "disability"),
        "N3": ("parental disability or illness", "parent s disability or illness"),
        "N4": ("family in acute stress",),
        "N5": ("family dysfunction",),
        "N6": ("socially unacceptable behaviour",),
        "N7": ("low income",),
        "N8": ("absent parenting",),
        "N9": ("cases other than children in need",),
        "N0": ("not stated",),
    },
)
CLOSURE_REASON = _labelled(
    [f"RC{i}" for i in range(1, 10)],
    {
        "RC1": ("adopted",),
        "RC2": ("died",),
        "RC3": ("child arrangements order",),
        "RC4": ("special guardianship order",),
        "RC5": ("transferred to services of another local authority",),
        "RC6": ("transferred to adult social care services",),
        "RC7": ("services ceased for any other reason", "no longer in need"),
        "RC8": ("case closed after assessment no further action",),
        "RC9": ("case closed after assessment referred to early help",),
    },
)
CASE_STATUS = (
    Code("Looked after child", ("looked after", "lac", "cla")),
    Code("Child protection plan", ("child protection", "cp plan", "cpp")),
    Code("Child in need plan", ("child in need", "cin plan", "cin")),
    Code("Open assessment", ("assessment",)),
    Code("Closed episode", ("closed",)),
)
ABUSE = (
    Code("NEG", ("neglect",)),
    Code("PHY", ("physical abuse", "physical")),
    Code("SAB", ("sexual abuse", "sexual")),
    Code("EMO", ("emotional abuse", "emotional")),
    Code("MUL", ("multiple not recommended", "multiple")),
)
LEGAL_STATUS = _labelled(
    ssda903.LEGAL_STATUS,
    {
        "C1": ("interim care order",),
        "C2": ("full care order", "care order"),
        "D1": ("freeing order",),
        "E1": ("placement order",),
        "J1": ("remanded to la", "remand"),
        "J2": ("la accommodation under pace", "pace"),
        "J3": ("youth rehabilitation order",),
        "L1": ("police protection",),
        "L2": ("emergency protection order",),
        "L3": ("child assessment order",),
        "V2": ("single period under s20", "section 20", "s20"),
        "V3": ("short term breaks episodes recorded",),
        "V4": ("short term breaks agreements recorded",),
    },
)
PLACEMENT = _labelled(
    ssda903.PLACEMENT_TYPE.any_year,
    {
        "U1": ("foster placement relatives long term", "foster placement relative long term"),
        "U2": ("foster placement relative ffa", "foster placement relatives ffa"),
        "U3": ("foster placement relative not ffa", "foster placement relatives not ffa"),
        "U4": ("foster placement long term",),
        "U5": ("foster placement ffa",),
        "U6": ("foster placement not ffa",),
        "A3": ("placed for adoption consent current foster",),
        "A4": ("placed for adoption consent not foster",),
        "A5": ("placed for adoption order foster", "placed for adoption order current foster"),
        "A6": ("placed for adoption order not foster",),
        "P1": ("placed with parents",),
        "P2": ("independent living",),
        "P3": ("residential employment",),
        "H5": ("residential accommodation", "semi independent living"),
        "K1": ("secure children s homes", "secure children s home"),
        "K2": ("children s homes", "children s home"),
        "R1": ("residential care home",),
        "R2": ("nhs health trust",),
        "R3": ("family centre or mother and baby unit", "mother and baby unit"),
        "R5": ("young offender institution",),
        "S1": ("residential school",),
        "Z1": ("other placements", "other placement"),
        "T0": ("temporary placement",),
        "T1": ("temporary placement hospital",),
        "T2": ("temporary placement holiday",),
        "T3": ("temporary placement carer holiday",),
        "T4": ("temporary placement seven days or less",),
    },
)
PROVIDER = _tokens(ssda903.PLACEMENT_PROVIDER)
REASON_CEASED = _labelled(
    ssda903.REASON_EPISODE_CEASED,
    {
        "E11": ("adopted application unopposed",),
        "E12": ("adopted consent dispensed",),
        "E2": ("died",),
        "E3": ("care taken by another la", "care taken by another local authority"),
        "E4A": ("returned home to live with parents or relatives part of planning",),
        "E4B": ("returned home to live with parents or relatives not part of planning",),
        "E8": ("care ceased for any other reason",),
        "E9": ("sentenced to custody",),
        "E15": ("age assessment determined child was 18 or over",),
        "E16": ("child moved abroad",),
        "E17": ("aged 18 and remained with current carers",),
    },
)
PERMANENCE = (
    Code("Return to family", ("return to family", "return home")),
    Code("Adoption", ("adoption",)),
    Code("SGO/CAO", ("sgo cao", "sgo", "cao", "special guardianship")),
    Code("Supported living in the community", ("supported living",)),
    Code("Long-term residential placement", ("long term residential placement", "residential")),
    Code("Long-term fostering", ("long term fostering", "fostering")),
    Code("Other", ("other",)),
)
IN_OUT = (Code("In", ("in", "inside")), Code("Out", ("out", "outside")))
ELIGIBILITY = (
    Code("Relevant", ("relevant child", "relevant")),
    Code("Former relevant", ("former relevant child", "former relevant")),
    Code("Qualifying", ("qualifying care leaver", "qualifying")),
    Code("Eligible", ("eligible child", "eligible")),
)
IN_TOUCH = (
    Code("YES", ("yes", "y")),
    Code("NO", ("no", "n")),
    Code("DIED", ("died",)),
    Code("REFU", ("refused",)),
    Code("NREQ", ("not required",)),
    Code("RHOM", ("returned home",)),
)
# DfE's care leaver accommodation letters (SSDA903 OC3 ACCOM without the suitability digit).
ACCOMMODATION = _labelled(
    "B C D E G H K R S T U V W X Y Z",
    {
        "B": ("parents relatives", "parents or relatives", "with parents or relatives"),
        "C": ("community home residential care", "community home", "residential care"),
        "D": (
            "semi independent transitional accommodation and self contained accommodation",
            "semi independent",
            "self contained accommodation",
        ),
        "E": ("supported lodgings",),
        "G": ("abroad",),
        "H": ("deported",),
        "K": ("ordinary lodgings without formal support", "ordinary lodgings"),
        "R": ("residence not known",),
        "S": ("no fixed abode homeless", "no fixed abode", "homeless"),
        "T": ("foyers and similar supported accommodation", "foyer", "foyers"),
        "U": ("independent living",),
        "V": ("emergency accommodation",),
        "W": ("bed and breakfast",),
        "X": ("in custody", "custody"),
        "Y": ("other accommodation",),
        "Z": ("with former foster carers", "former foster carers", "staying put"),
    },
)
SUITABILITY = (Code("Suitable", ("suitable",)), Code("Unsuitable", ("unsuitable", "not suitable")))
_NEET = "not in education employment or training"
ACTIVITY = _labelled(
    "F1 P1 F2 P2 F3 P3 F4 P4 F5 P5 G4 G5 G6",
    {
        "F1": ("full time in higher education",),
        "P1": ("part time in higher education",),
        "F2": ("full time in education other than higher",),
        "P2": ("part time in education other than higher",),
        "F3": ("full time in training or employment",),
        "P3": ("part time in training or employment",),
        "F4": ("young person engaged full time in an apprenticeship", "full time apprenticeship"),
        "P4": ("young person engaged part time in an apprenticeship", "part time apprenticeship"),
        "F5": ("young person engaged full time in training or employment not apprenticeship",),
        "P5": ("young person engaged part time in training or employment not apprenticeship",),
        "G4": (f"{_NEET} illness or disability",),
        "G5": (f"{_NEET} other", "neet"),
        "G6": (f"{_NEET} pregnancy or parenting",),
    },
)
NO_LONGER_ADOPTION = _tokens("RD1 RD2 RD3 RD4")
LEFT_ADOPTION = (
    Code("1", ("adopter withdrew from process", "adopter withdrew", "withdrew")),
    Code("2", ("process put on hold", "on hold")),
    Code("3", ("application refused", "refused")),
)

# --- columns shared by lists 1-10 ---------------------------------------------------------------

CHILD = Field(
    "Child Unique ID",
    ID,
    (
        r"^(child|young person|person|client|case)? ?(unique )?(id|identifier|ref|reference)\b",
        r"^child ?(unique ?)?id\b",
        r"\b(child|person|young person)\b.*\b(id|identifier|ref|reference)\b",
        r"^(child|person|young person) (number|no)\b",
        r"^(lcs|mosaic|eclipse|liquidlogic|swift|paris|care ?first) (child |person )?id\b",
    ),
    key=True,
)
GENDER_FIELD = Field("Gender", CODE, (r"^(gender|sex)\b",), codes=GENDER)
ETHNICITY_FIELD = Field("Ethnicity", CODE, (r"^ethnic",), codes=ETHNICITY)
BIRTH = Field("Date of Birth", DATE, (r"\b(date of birth|birth ?date|dob|d o b)\b",))
AGE = Field("Age of Child (Years)", INTEGER, (r"^(child s )?age\b", r"\bage (in years|of child)"))
DISABILITY = Field("Does the Child have a Disability", CODE, (r"\bdisab",), codes=YES_NO_UNKNOWN)
TEAM = Field("Allocated Team", TEXT, (r"\bteam\b",))
WORKER = Field(
    "Allocated Worker",
    TEXT,
    (r"^(allocated )?(social )?worker\b", r"\b(allocated|social) worker\b"),
)
_PERSON = (CHILD, GENDER_FIELD, ETHNICITY_FIELD, BIRTH, AGE)


def _date(name: str, *patterns: str, key: bool = False) -> Field:
    return Field(name, DATE, patterns, key=key)


def _count(name: str, *patterns: str) -> Field:
    return Field(name, INTEGER, patterns)


def _coded(name: str, codes: tuple[Code, ...], *patterns: str) -> Field:
    return Field(name, CODE, patterns, codes=codes)


def _text(name: str, *patterns: str) -> Field:
    return Field(name, TEXT, patterns)


_LAST_12 = r"(in )?(the )?(last|past|previous) (12|twelve) months"

LISTS: tuple[AnnexList, ...] = (
    AnnexList(
        1,
        "Contacts",
        "Every contact received in the period",
        (r"\bcontacts?\b",),
        (
            *_PERSON,
            _date("Date of Contact", r"\b(date of contact|contact date)\b", key=True),
            _coded("Contact Source", SOURCE, r"\bsource\b"),
        ),
        unique_by=("Child Unique ID", "Date of Contact", "Contact Source"),
    ),
    AnnexList(
        2,
        "Early help",
        "Children who received an early help assessment in the period",
        (r"\bearly help\b", r"\beh\b"),
        (
            *_PERSON,
            _date(
                "Assessment start date",
                r"\b(early help|eh)\b.*\bstart",
                r"^(assessment )?start( date)?\b",
                key=True,
            ),
            _date(
                "Assessment completion date",
                r"\b(completion|completed|end|ended)\b.*\bdate\b",
                r"\bdate\b.*\b(completion|completed|ended)\b",
            ),
            _text("Organisation completing assessment", r"\b(organisation|agency|provider|lead)"),
        ),
        unique_by=("Child Unique ID", "Assessment start date"),
    ),
    AnnexList(
        3,
        "Referrals",
        "Referrals to children's social care in the period",
        (r"\breferrals?\b",),
        (
            *_PERSON,
            _date("Date of referral", r"\b(date of referral|referral date)\b", key=True),
            _coded("Referral Source", SOURCE, r"\bsource\b"),
            _coded("Referral NFA?", YES_NO_UNKNOWN, r"\bnfa\b", r"no further action"),
            _count(
                "Number of Referrals in Last 12 Months",
                r"\b(number|no|count) of (previous )?referrals\b",
                r"\breferrals " + _LAST_12,
                r"\breferrals\b.*\b(12|twelve) months\b",
            ),
            TEAM,
            WORKER,
        ),
        unique_by=("Child Unique ID", "Date of referral"),
    ),
    AnnexList(
        4,
        "Assessments",
        "Social work (continuous) assessments in the period",
        (r"\bassessments?\b",),
        (
            *_PERSON,
            DISABILITY,
            _date(
                "Continuous Assessment Start Date",
                r"^(?!.*\b(early help|eh)\b).*\bassessment\b.*\bstart",
                r"^start( date)?\b",
                key=True,
            ),
            _coded(
                "Child Seen During Continuous Assessment",
                YES_NO_UNKNOWN,
                r"^(?!.*\b(last|date)\b).*\bseen\b",
            ),
            _date(
                "Continuous Assessment Date of Authorisation",
                r"\b(authori[sz]|complet|end date)",
            ),
            _coded(
                "Was the child assessed as requiring LA children's social care support?",
                YES_NO_UNKNOWN,
                r"\b(requiring|social care support|outcome)\b",
            ),
            TEAM,
            WORKER,
        ),
        unique_by=("Child Unique ID", "Continuous Assessment Start Date"),
    ),
    AnnexList(
        5,
        "Section 47 enquiries and ICPCs",
        "Section 47 enquiries started in the period and the initial child protection "
        "conferences that followed",
        (r"\bs ?47\b", r"\bsection 47\b", r"\bicpcs?\b"),
        (
            *_PERSON,
            DISABILITY,
            _date(
                "Strategy discussion initiating Section 47 Enquiry Start Date",
                r"\b(s ?47|section 47|strategy)\b.*\b(start|date)\b",
                r"^start date$",
                key=True,
            ),
            _coded(
                "Was an Initial Child Protection Conference deemed unnecessary?",
                YES_NO_UNKNOWN,
                r"\b(unnecessary|not required|not needed)\b",
            ),
            _date(
                "Date of Initial Child Protection Conference",
                r"^(date of )?(the )?(initial child protection conference|icpc)s?\b"
                r"(?!.*\b((last|past|previous) (12|twelve)|result|outcome|plan|required"
                r"|unnecessary)\b)",
                r"\b(icpc|conference) date\b",
            ),
            _coded(
                "Did the Initial Child Protection Conference Result in a Child Protection Plan",
                YES_NO_UNKNOWN,
                r"\bresult",
                r"\b(icpc|conference)\b.*\bplan\b",
            ),
            _count(
                "Number of Section 47 Enquiries in the last 12 months",
                r"\b(number|no|count) of (s ?47s?|section 47)",
                r"\b(s ?47s?|section 47 enquiries) " + _LAST_12,
            ),
            _count(
                "Number of ICPCs in the last 12 months",
                r"\b(number|no|count) of (icpcs?|initial child protection conferences)",
                r"\bicpcs? " + _LAST_12,
            ),
            TEAM,
            WORKER,
        ),
        unique_by=(
            "Child Unique ID",
            "Strategy discussion initiating Section 47 Enquiry Start Date",
        ),
    ),
    AnnexList(
        6,
        "Children in need",
        "Children in need open at any time in the period",
        (r"\bchild(ren)? in need\b", r"\bcin\b"),
        (
            *_PERSON,
            DISABILITY,
            _date(
                "CIN Start Date",
                r"\b(cin|child in need|episode|case)\b.*\bstart",
                r"^start date$",
                key=True,
            ),
            _coded("Primary Need Code", NEED, r"\bneed\b"),
            _date("Date Child Was Last Seen", r"\bseen\b"),
            _date(
                "CIN Closure Date",
                r"\bclos(ure|ed)?\b.*\bdate\b",
                r"\bdate\b.*\bclos",
                r"\bend date\b",
            ),
            _coded("Reason for Closure", CLOSURE_REASON, r"\breason\b"),
            _coded("Case Status", CASE_STATUS, r"\bstatus\b"),
            TEAM,
            WORKER,
        ),
        unique_by=("Child Unique ID", "CIN Start Date"),
        duplicate_severity=ERROR,
    ),
    AnnexList(
        7,
        "Child protection",
        "Children subject to a child protection plan at any time in the period",
        (r"\bchild protection\b", r"\bcpp?\b"),
        (
            *_PERSON,
            DISABILITY,
            _date(
                "Child Protection Plan Start Date",
                r"\b(cp|cpp|child protection|plan)\b.*\bstart",
                r"^start date$",
                key=True,
            ),
            _coded(
                "Initial Category of Abuse",
                ABUSE,
                r"\b(initial|first)\b.*\bcategor",
                r"\bcategor.*\b(initial|first)\b",
                r"^categor(y|ies) of (abuse|harm)$",
            ),
            _coded("Latest Category of Abuse", ABUSE, r"\b(latest|current|last)\b.*\bcategor"),
            _date("Date of the Last Statutory Visit", r"\bstatutory visit\b", r"\blast visit\b"),
            _coded("Was the Child Seen Alone?", YES_NO_UNKNOWN, r"\bseen alone\b"),
            _date("Date of latest review conference", r"\breview\b"),
            _date("Child Protection Plan End Date", r"\bend(ed)?\b.*\bdate\b", r"\bdate\b.*\bend"),
            _coded(
                "Subject to Emergency Protection Order or Protected Under Police Powers in Last "
                "Six Months (Y/N)",
                YES_NO_UNKNOWN,
                r"\b(emergency protection|police (powers|protection)|epo)\b",
            ),
            _count(
                "Number of Previous Child Protection Plans",
                r"\b(previous|prior)\b.*\bplans?\b",
                r"\b(number|no) of (cp|child protection) plans\b",
            ),
            TEAM,
            WORKER,
        ),
        unique_by=("Child Unique ID", "Child Protection Plan Start Date"),
        duplicate_severity=ERROR,
    ),
    AnnexList(
        8,
        "Children in care",
        "Children looked after at any time in the period",
        (r"\bchildren in care\b", r"\blooked after\b", r"\b(cla|lac|cic)\b"),
        (
            *_PERSON,
            _coded(
                "Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months (Y/N)",
                YES_NO_UNKNOWN,
                r"\b(unaccompanied|uasc)\b",
            ),
            DISABILITY,
            _date(
                "Date Started to be Looked After",
                r"\b(start|started|became|entered)\b.*\b(looked after|care)\b",
                r"\b(lac|cla|care) start",
                r"^decom$",
                key=True,
            ),
            _coded(
                "Child's Category of Need",
                NEED,
                r"\b(category of need|need code)\b",
                r"\bneed\b",
                r"^cin( code)?$",
            ),
            _coded(
                "Is this a second or subsequent period of being a Looked After Child within the "
                "last 12 months (Y/N)",
                YES_NO_UNKNOWN,
                r"\b(second|subsequent)\b",
            ),
            _date(
                "Start date of current legal status",
                r"\blegal status\b.*\b(start|date)\b",
                r"\b(start|date)\b.*\blegal status\b",
            ),
            _coded("Child's Legal Status", LEGAL_STATUS, r"\blegal status\b"),
            _date(
                "Date of Latest Statutory Review",
                r"\b(statutory|lac|cla|latest) review\b",
                r"\breview date\b",
            ),
            _date("Date of Last Social Work Visit", r"\b(social work(er)?|statutory|sw) visit\b"),
            _coded("What is the permanence plan for this child?", PERMANENCE, r"\bpermanen"),
            _date("Date of Last IRO Visit / Contact to the Child", r"\biro\b"),
            _date("Date of Last Health Assessment", r"\bhealth (assessment|check)\b"),
            _date("Date of Last Dental Check", r"\bdent"),
            _count(
                "Number of Placements in the Last 12 months",
                r"\b(number|no) of placements\b",
                r"\bplacements " + _LAST_12,
            ),
            _date(
                "Date Ceased to be Looked After",
                r"^(?!.*\breason\b).*\b(ceased|left care|ended)\b.*\b(date|looked after)\b",
                r"^(?!.*\breason\b).*\bdate\b.*\bceased\b",
                r"^dec$",
            ),
            _coded(
                "Reason Ceased to be Looked After",
                REASON_CEASED,
                r"\breason\b.*\bceas",
                r"^rec$",
            ),
            _date(
                "Start Date of Most Recent Placement",
                r"\bplacement\b.*\bstart",
                r"\bstart\b.*\bplacement\b",
            ),
            _coded(
                "Placement Type",
                PLACEMENT,
                r"\bplacement type\b",
                r"\btype of placement\b",
                r"^placement$",
            ),
            _coded("Placement Provider", PROVIDER, r"\bprovider\b"),
            _text("Placement postcode", r"\bpost ?code\b"),
            _text("URN of Placement", r"\burn\b"),
            _coded("Placement Location", IN_OUT, r"\blocation\b", r"\b(in out|inside outside)\b"),
            _text(
                "LA of Placement",
                r"\b(la|local authority) of placement\b",
                r"\bplacing (la|authority)\b",
                r"\bplacement (la|local authority)\b",
            ),
            _count(
                "Number of Episodes the Child has been 'Missing' from their Placement in the last "
                "12 months",
                r"^(?!.*\b(return interview|offered|accept)).*\bmissing\b",
            ),
            _count(
                "Number of Episodes the Child has been 'Absent' from their Placement in the last "
                "12 months",
                r"\b(absent|absen[cs]e|away)",
            ),
            _coded(
                "Was the child offered a Return Interview after their last missing episode (Y/N)?",
                YES_NO_UNKNOWN,
                r"\boffered\b",
            ),
            _coded(
                "Did the child accept a Return Interview after their last missing episode (Y/N)?",
                YES_NO_UNKNOWN,
                r"\baccept",
            ),
            TEAM,
            WORKER,
        ),
        unique_by=("Child Unique ID", "Date Started to be Looked After"),
        duplicate_severity=ERROR,
    ),
    AnnexList(
        9,
        "Care leavers",
        "Young people eligible for care leaving services in the period",
        (r"\bcare leavers?\b", r"\bleaving care\b", r"\bleavers\b"),
        (
            *_PERSON,
            _coded(
                "Unaccompanied Asylum Seeking Child (UASC), or formerly UASC if 18 or over (Y/N)",
                YES_NO_UNKNOWN,
                r"\b(unaccompanied|uasc)\b",
            ),
            DISABILITY,
            TEAM,
            WORKER,
            _text("Allocated Personal Advisor", r"\bpersonal advis[eo]r\b", r"^(allocated )?pa$"),
            _coded("Eligibility Category", ELIGIBILITY, r"\beligib"),
            _date("Latest Pathway Plan Review Date", r"\bpathway\b"),
            _coded("LA in Touch", IN_TOUCH, r"\bin touch\b"),
            _date("Latest Date of Contact", r"\bcontact\b"),
            _coded(
                "Type of Accommodation",
                ACCOMMODATION,
                r"\b(type of accommodation|accommodation type)\b",
                r"^accommodation$",
            ),
            _coded("Suitability of Accommodation", SUITABILITY, r"\bsuitab"),
            _coded(
                "Activity Status", ACTIVITY, r"\bactivity\b", r"\beet\b", r"\beducation employment"
            ),
        ),
        unique_by=("Child Unique ID",),
        duplicate_severity=ERROR,
    ),
    AnnexList(
        10,
        "Adoption",
        "Children with a decision that they should be placed for adoption",
        (r"\badoption\b", r"\badopted children\b", r"\bchildren adopted\b"),
        (
            CHILD,
            _text("Family identifier", r"\bfamily\b"),
            GENDER_FIELD,
            ETHNICITY_FIELD,
            BIRTH,
            AGE,
            DISABILITY,
            _date(
                "Date the Child Entered Care",
                r"\b(entered|became|started|start)\b.*\b(care|looked after)\b",
                r"\b(care|lac|cla) start",
            ),
            _date(
                "Date of Decision that Child Should be Placed for Adoption",
                r"^(?!.*\bno longer\b).*\b(decision|shobpa|adm)\b",
                key=True,
            ),
            _date("Date of Placement Order", r"\bplacement order\b"),
            _date("Date of Matching Child and Prospective Adopters", r"\bmatch"),
            _date(
                "Date Placed for Adoption",
                r"^(?!.*\b(no longer|decision|should)\b)"
                r".*\bplaced\b(?!.*\b(ffa|fostering|concurrent)\b)",
            ),
            _date("Date of Adoption Order", r"\badoption order\b"),
            _date(
                "Date of Decision that Child Should No Longer be Placed for Adoption",
                r"\bno longer\b.*\b(decision|date)\b",
                r"\b(decision|date)\b.*\bno longer\b",
            ),
            _coded(
                "Reason Why Child No Longer Placed for Adoption", NO_LONGER_ADOPTION, r"\breason\b"
            ),
            _date(
                "Date the child was placed for fostering in FFA or concurrent planning placement",
                r"\b(ffa|fostering for adoption|concurrent)\b",
            ),
        ),
        unique_by=("Child Unique ID", "Date of Decision that Child Should be Placed for Adoption"),
        duplicate_severity=ERROR,
    ),
    AnnexList(
        11,
        "Adopters",
        "Prospective adopters who enquired or were in the adoption process in the period",
        (
            r"\badopters?\b",
            r"\bprospective adopt",
        ),
        (
            Field(
                "Individual adopter identifier",
                ID,
                (r"\badopter\b.*\b(id|identifier|ref|reference|number)\b", r"^(id|identifier)$"),
                key=True,
            ),
            _text("Family identifier", r"\b(family|household)\b"),
            GENDER_FIELD,
            ETHNICITY_FIELD,
            _coded("Disability", YES_NO_UNKNOWN, r"\bdisab"),
            _coded(
                "Is the (prospective) adopter fostering for adoption?",
                YES_NO_UNKNOWN,
                r"\b(fostering for adoption|ffa)\b",
            ),
            _date("Date enquiry received", r"\benquiry\b", key=True),
            _date("Date Stage 1 started", r"\bstage (1|one)\b.*\bstart"),
            _date("Date Stage 1 ended", r"\bstage (1|one)\b.*\b(end|complet)"),
            _date("Date Stage 2 started", r"\bstage (2|two)\b.*\bstart"),
            _date("Date Stage 2 ended", r"\bstage (2|two)\b.*\b(end|complet)"),
            _date("Date application submitted", r"\bsubmit", r"\bapplication (date|received)\b"),
            _date("Date application approved", r"\bapprov"),
            _date("Date adopter matched with child(ren)", r"\bmatch"),
            _date(
                "Date child/children placed with adopter(s)",
                r"\bdate\b.*\bplaced\b",
                r"\b(placement date|date of placement)\b",
            ),
            _count("No. of children placed", r"\b(number|no) of children\b", r"\bchildren placed$"),
            _date("Date of Adoption Order", r"\badoption order\b"),
            _date("Date of leaving adoption process", r"\bdate\b.*\b(left|leaving)\b"),
            _coded("Reason for leaving adoption process", LEFT_ADOPTION, r"\breason\b"),
        ),
        unique_by=("Individual adopter identifier", "Date enquiry received"),
        duplicate_severity=ERROR,
    ),
)

LISTS_BY_NAME = {annex_list.name: annex_list for annex_list in LISTS}
LISTS_BY_NUMBER = {annex_list.number: annex_list for annex_list in LISTS}

# "List 1", "list 01", "L1", "Annex A List 3 - Referrals": a list's number in its sheet's name.
SHEET_NUMBER = re.compile(r"^(?:annex a )?(?:list|l) ?0?(\d{1,2})\b")
# Tried in this order, so that "early help assessments" is list 2, not list 4, and "adopters"
# list 11, not list 10.
SHEET_KEYWORD_ORDER = (11, 9, 2, 5, 1, 3, 4, 6, 7, 8, 10)


def list_named(sheet_name: str) -> tuple[AnnexList | None, str]:
    """The list a sheet's name says it holds, and the pattern that said so."""
    name = normalise(sheet_name)
    numbered = SHEET_NUMBER.match(name)
    if numbered and int(numbered[1]) in LISTS_BY_NUMBER:
        return LISTS_BY_NUMBER[int(numbered[1])], SHEET_NUMBER.pattern
    for number in SHEET_KEYWORD_ORDER:
        annex_list = LISTS_BY_NUMBER[number]
        for pattern in annex_list.sheet_patterns:
            if re.search(pattern, name):
                return annex_list, pattern
    return None, ""
