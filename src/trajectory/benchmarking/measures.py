"""Which published DfE figure each indicator is compared with: a catalogue, one entry each.

Every entry names the Explore Education Statistics file (inside the reference folder), the
filter columns and the values that pick one figure a place a year, the column holding it and
its unit, with DfE's own words for it. The year is ``time_period``: the year ending 31 March,
set beside our figure at 31 March of that year (for an annual OC3 cohort, the cohort of the
collection year ending then).

Sources: DfE "Children looked after in England including adoptions" (tables behind
``cla_number_and_rate_per_10k_children.csv``, ``la_cla_placement_stability.csv``,
``la_care_leavers_activity.csv``, ``la_care_leavers_accommodation_suitability.csv``), as DfE's
CSC outcomes and enablers dashboard reads them; and, for children who went missing, DfE's
Local Authority Interactive Tool (LAIT) dataset, the one reference file that carries it, which
also gives the CIN census's measures (DfE "Characteristics of children in need") and the
workforce census's (DfE "Children's social work workforce").

An indicator with no entry says why in `NO_COUNTERPART`; the tests check every indicator of
the registry is in exactly one of the two.
"""

from __future__ import annotations

from dataclasses import dataclass

from trajectory.benchmarking.published import LAIT_DATASET
from trajectory.indicators.registry import Unit

FOLDER = "dfe_csc_outcomes_enablers"
CLA_NUMBERS = f"{FOLDER}/cla_number_and_rate_per_10k_children.csv"
PLACEMENT_STABILITY = f"{FOLDER}/la_cla_placement_stability.csv"
CARE_LEAVERS_ACTIVITY = f"{FOLDER}/la_care_leavers_activity.csv"
CARE_LEAVERS_ACCOMMODATION = f"{FOLDER}/la_care_leavers_accommodation_suitability.csv"

ON_31_MARCH = "Children looked after on 31 March each year"
OLDER_CARE_LEAVERS = "19 to 21 years"
YOUNGER_CARE_LEAVERS = "17 to 18 years"


@dataclass(frozen=True)
class PublishedMeasure:
    indicator_id: str
    file: str
    filters: tuple[tuple[str, str], ...]
    column: str
    unit: Unit
    published_as: str  # DfE's words for the figure
    note: str = ""  # where DfE's counting differs from ours, said plainly
    # The years ending 31 March the reference files hold it for, at least (the tests check).
    first_year: int = 2021
    last_year: int = 2025

    @property
    def filter_map(self) -> dict[str, str]:
        return dict(self.filters)


def _care_leavers(indicator_id, file, age, breakdown, published_as, note="") -> PublishedMeasure:
    return PublishedMeasure(
        indicator_id=indicator_id,
        file=file,
        filters=(("care_leaver_age", age), ("breakdown", breakdown)),
        column="care_leaver_percent",
        unit="percent",
        published_as=published_as,
        note=note,
    )


def _lait(
    indicator_id, short, unit, published_as, note="", first_year=2021, last_year=2025
) -> PublishedMeasure:
    """A figure from DfE's LAIT dataset, picked by its short description."""
    return PublishedMeasure(
        indicator_id=indicator_id,
        file=LAIT_DATASET,
        filters=(("Short Desc", short),),
        column="Values",
        unit=unit,
        published_as=published_as,
        note=note,
        first_year=first_year,
        last_year=last_year,
    )


_ON_31_MARCH_LAIT = (
    "From DfE's LAIT dataset, which takes it from la_cla_on_31_march_by_characteristics: "
    "children looked after on 31 March, short breaks left out."
)
_CIN_LAIT = (
    "From DfE's LAIT dataset, which takes it from the CIN census statistics (Characteristics "
    "of children in need), the year ending 31 March."
)
_CSWW_LAIT = (
    "From DfE's LAIT dataset, which takes it from the children's social work workforce "
    "census; its year is the census of 30 September of that year, compared with our census of "
    "the same date."
)
_EET = "Total in education, employment or training"
_SUITABLE = "Accommodation considered suitable"
_SUITABLE_NOTE = (
    "DfE's percentage is of all care leavers in the age band, those with no information included."
)

MEASURES: tuple[PublishedMeasure, ...] = (
    PublishedMeasure(
        indicator_id="cla_count",
        file=CLA_NUMBERS,
        filters=(("population_type", ON_31_MARCH),),
        column="children_count",
        unit="count",
        published_as="Children looked after on 31 March",
    ),
    PublishedMeasure(
        indicator_id="cla_rate_per_10k",
        file=CLA_NUMBERS,
        filters=(("population_type", ON_31_MARCH),),
        column="rate_per_10000",
        unit="rate",
        published_as="Children looked after on 31 March per 10,000 children aged under 18",
    ),
    PublishedMeasure(
        indicator_id="cla_starts_12m",
        file=CLA_NUMBERS,
        filters=(("population_type", "Children starting to be looked after each year"),),
        column="children_count",
        unit="count",
        published_as="Children starting to be looked after in the year ending 31 March",
        note="DfE counts children; a child starting twice in the year is counted once.",
    ),
    PublishedMeasure(
        indicator_id="cla_ceased_12m",
        file=CLA_NUMBERS,
        filters=(("population_type", "Children ceasing to be looked after each year"),),
        column="children_count",
        unit="count",
        published_as="Children ceasing to be looked after in the year ending 31 March",
        note="DfE counts children; a child ceasing twice in the year is counted once.",
    ),
    PublishedMeasure(
        indicator_id="cla_3plus_placements_pct",
        file=PLACEMENT_STABILITY,
        filters=(
            ("cla_group", "CLA on 31 March"),
            ("placement_stability", "With 3 or more placements during the year"),
        ),
        column="children_percent",
        unit="percent",
        published_as="Children looked after on 31 March with 3 or more placements during the year",
    ),
    PublishedMeasure(
        indicator_id="cla_long_term_stability_pct",
        file=PLACEMENT_STABILITY,
        filters=(
            (
                "cla_group",
                "Children looked after continuously for at least 2.5 years on 31 March "
                "aged under 16 years",
            ),
            ("placement_stability", "Living with the same carer for at least 2 years"),
        ),
        column="children_percent",
        unit="percent",
        published_as="Children under 16 looked after for 2½ years or more on 31 March, living "
        "with the same carer for at least 2 years",
        note="DfE counts living with the same carer (or placed for adoption with them).",
    ),
    _care_leavers(
        "care_leavers_eet_pct",
        CARE_LEAVERS_ACTIVITY,
        OLDER_CARE_LEAVERS,
        _EET,
        "Care leavers aged 19 to 21 in education, employment or training",
    ),
    _care_leavers(
        "care_leavers_eet_17_18_pct",
        CARE_LEAVERS_ACTIVITY,
        YOUNGER_CARE_LEAVERS,
        _EET,
        "Care leavers aged 17 to 18 in education, employment or training",
    ),
    _care_leavers(
        "care_leavers_suitable_accom_pct",
        CARE_LEAVERS_ACCOMMODATION,
        OLDER_CARE_LEAVERS,
        _SUITABLE,
        "Care leavers aged 19 to 21 in accommodation considered suitable",
        _SUITABLE_NOTE,
    ),
    _care_leavers(
        "care_leavers_suitable_accom_17_18_pct",
        CARE_LEAVERS_ACCOMMODATION,
        YOUNGER_CARE_LEAVERS,
        _SUITABLE,
        "Care leavers aged 17 to 18 in accommodation considered suitable",
        _SUITABLE_NOTE,
    ),
    PublishedMeasure(
        indicator_id="cla_missing_pct",
        file=LAIT_DATASET,
        filters=(("Short Desc", "Children_missing"),),
        column="Values",
        unit="percent",
        published_as="Children looked after during the year who were missing (LAIT measure "
        "'% Children looked after who were missing')",
        note="From DfE's LAIT dataset, which takes it from the children looked after "
        "statistics: children with at least one missing incident in the year ending 31 March, "
        "of all children looked after during the year.",
    ),
    _lait(
        "cla_placed_foster_pct",
        "LAC_Foster_Placements",
        "percent",
        "Children looked after on 31 March placed in foster care (LAIT measure 396)",
        _ON_31_MARCH_LAIT,
    ),
    _lait(
        "cla_placed_childrens_homes_pct",
        "LAC_SecHome_And_ChildHome",
        "percent",
        "Children looked after on 31 March in secure homes and children's homes (LAIT 397)",
        _ON_31_MARCH_LAIT,
    ),
    _lait(
        "cla_placed_independent_living_pct",
        "LAC_Ind_SInd_Liv_Arr",
        "percent",
        "Children looked after on 31 March in independent and semi-independent living "
        "arrangements or supported accommodation (LAIT 398)",
        _ON_31_MARCH_LAIT + " DfE warns of difficulties reporting the move to supported "
        "accommodation in 2024.",
    ),
    _lait(
        "cla_placed_other_residential_pct",
        "LAC_Other_Res_Settings",
        "percent",
        "Children looked after on 31 March in other residential settings (LAIT 399)",
        _ON_31_MARCH_LAIT + " We count residential schools (S1) and residential employment "
        "(P3) here; the reference files do not say whether DfE puts S1 here or apart.",
    ),
    _lait(
        "cla_placed_other_pct",
        "LAC_Other_Place_Inc_Unreg",
        "percent",
        "Children looked after on 31 March in other placements, unregistered provision "
        "included (LAIT 400)",
        _ON_31_MARCH_LAIT,
    ),
    _lait(
        "cla_placed_with_parents_pct",
        "LAC_Parents_OR_Others",
        "percent",
        "Children looked after on 31 March placed with parents or another person with "
        "parental responsibility (LAIT 401)",
        _ON_31_MARCH_LAIT,
    ),
    _lait(
        "cla_placed_distant_pct",
        "LACDistance",
        "percent",
        "Children looked after at 31 March placed more than 20 miles from their home and "
        "outside the LA boundary (LAIT 87)",
        "DfE derives the distance from the home and placement postcodes; our figure exists "
        "only where the return holds PL_DISTANCE and PL_LOCATION.",
    ),
    _lait(
        "cla_uasc_count",
        "Unacc_Asylmn_Seek_Childn",
        "count",
        "Unaccompanied asylum-seeking children looked after at 31 March (LAIT 334)",
        _ON_31_MARCH_LAIT,
    ),
    _lait(
        "cla_uasc_pct",
        "Unacc_Asylmn_Seek_Childn%",
        "percent",
        "Children looked after at 31 March who are unaccompanied asylum-seeking children",
        _ON_31_MARCH_LAIT,
    ),
    _lait(
        "cla_3plus_social_workers_pct",
        "Stability_SocialWorker",
        "percent",
        "Children looked after at 31 March with 3 or more social workers during the year",
        "Published for 2024 only in the reference files: SWEpisodes was first collected for "
        "2023-24.",
        first_year=2024,
        last_year=2024,
    ),
    _lait(
        "cla_away_pct",
        "Children_Away",
        "percent",
        "Children looked after during the year who were away from placement without "
        "authorisation (LAIT measure 161)",
        "DfE notes that a growing number of councils record every incident as missing, not "
        "away, so a council's 0 may be how it records.",
    ),
    _lait(
        "cla_adopted_12m",
        "No_of LAC Adopted",
        "count",
        "Children looked after adopted during the year ending 31 March (LAIT 208)",
        "DfE counts a child's last cease in the year (REC E11 or E12).",
    ),
    _lait(
        "cla_adopted_pct",
        "%_of LAC Adopted",
        "percent",
        "Percentage of children ceasing to be looked after who were adopted (LAIT 208)",
        "DfE counts a child's last cease in the year (REC E11 or E12).",
    ),
    _lait(
        "cla_sgo_12m",
        "LAC_ceased_SGO",
        "count",
        "Children ceasing to be looked after because of a special guardianship order (LAIT 390)",
        "DfE's definition names REC E43 and E44, the codes before E45-E48; we count all six.",
    ),
    _lait(
        "cla_sgo_pct",
        "LAC_ceased_SGO%",
        "percent",
        "Percentage of children ceasing to be looked after because of a special guardianship order",
        "DfE's definition names REC E43 and E44, the codes before E45-E48; we count all six.",
    ),
    # The CIN census (issue 10.6): DfE's "Characteristics of children in need", from LAIT.
    _lait(
        "cin_referrals_12m",
        "CPP_Total_NumRef",
        "count",
        "Referrals to children's social care in the year ending 31 March (LAIT 305)",
        _CIN_LAIT + " Each referral is counted, a child referred twice twice.",
    ),
    _lait(
        "cin_referrals_rate_per_10k",
        "CPP_Total_Rateper10,000",
        "rate",
        "Referrals to children's social care per 10,000 children (LAIT 305)",
        _CIN_LAIT,
    ),
    _lait(
        "cin_rereferrals_pct",
        "ReReferral",
        "percent",
        "Re-referrals within 12 months of a previous referral (LAIT 271)",
        _CIN_LAIT + " DfE links earlier censuses to find a previous referral; we see only "
        "the census years held, so may count a few fewer.",
    ),
    _lait(
        "cin_assessments_45wd_pct",
        "Continue_Assess_Comp",
        "percent",
        "Assessments completed within 45 working days (LAIT 304)",
        _CIN_LAIT,
    ),
    _lait(
        "cin_s47_rate_per_10k",
        "Section_47",
        "rate",
        "Section 47 enquiries per 10,000 children (LAIT 217)",
        _CIN_LAIT,
    ),
    _lait(
        "cin_icpc_15wd_pct",
        "CP_conf_15days",
        "percent",
        "Initial child protection conferences held within 15 working days of the start of the "
        "section 47 enquiry (LAIT 218)",
        _CIN_LAIT,
    ),
    _lait(
        "cpp_count",
        "CPP_Num",
        "count",
        "Children subject to a child protection plan at 31 March (LAIT 377)",
        _CIN_LAIT,
    ),
    _lait(
        "cpp_rate_per_10k",
        "CPP_rate",
        "rate",
        "Children subject to a child protection plan at 31 March per 10,000 children (LAIT 215)",
        _CIN_LAIT,
    ),
    _lait(
        "cpp_subsequent_pct",
        "PrevRegCPR",
        "percent",
        "Children who became the subject of a plan for a second or subsequent time (LAIT 15)",
        _CIN_LAIT + " DfE counts children starting a plan; we count plans (a child starting two "
        "in a year is rare).",
    ),
    _lait(
        "cpp_2years_pct",
        "CPPlans2yrs",
        "percent",
        "Child protection plans lasting 2 years or more which ceased during the year (LAIT 98)",
        _CIN_LAIT,
    ),
    _lait(
        "cpp_reviews_on_time_pct",
        "CPP_Reviewed_InReqTimeScl",
        "percent",
        "Child protection plans reviewed within the required timescales (LAIT 19)",
        _CIN_LAIT + " Children subject to a plan for at least 3 months at 31 March.",
    ),
    _lait(
        "cin_rate_per_10k",
        "CIN",
        "rate",
        "Children in need at 31 March per 10,000 children (LAIT 171)",
        _CIN_LAIT,
    ),
    # The workforce census (issue 10.6), DfE's "Children's social work workforce", from LAIT:
    # its year is the census of 30 September of that year.
    _lait(
        "workforce_caseload_per_fte",
        "Work_Force_AvgNumCase_SW",
        "per FTE",
        "Average caseload per case-holding children and family social worker (FTE) on 30 "
        "September (LAIT 287)",
        _CSWW_LAIT,
    ),
    _lait(
        "workforce_vacancy_pct",
        "Work_Force_Vac_Rate",
        "percent",
        "Social worker vacancy rate (FTE) on 30 September (LAIT 287)",
        _CSWW_LAIT,
    ),
    _lait(
        "workforce_agency_pct",
        "Work_Force_Agecy_Rate",
        "percent",
        "Agency social worker rate (FTE) on 30 September (LAIT 287)",
        _CSWW_LAIT,
    ),
    _lait(
        "workforce_turnover_pct",
        "Work_Force_TO_Rate",
        "percent",
        "Social worker turnover rate (FTE) in the year to 30 September (LAIT 287)",
        _CSWW_LAIT,
    ),
    _lait(
        "workforce_absence_pct",
        "Work_Force_SWAbsence",
        "percent",
        "Social worker sickness absence rate in the year to 30 September (LAIT 287)",
        _CSWW_LAIT,
    ),
)

# Indicators with no published counterpart in the reference files, and why.
NO_COUNTERPART: dict[str, str] = {
    "cla_reviews_on_time_pct": "A local measure: DfE publishes no figure for reviews held on time.",
    "care_leavers_in_touch_pct": "DfE's care leavers' activity file publishes 'information not "
    "known', not 'in touch'; its 'local authority not in touch' figure is in the LAIT dataset "
    "only, so it is not compared here.",
    "care_leavers_in_touch_17_18_pct": "As for care leavers aged 19 to 21: no 'in touch' figure "
    "in the EES files held.",
    "cla_placed_foster_relative_pct": "DfE publishes foster care with relatives or friends in "
    "its national tables only; LAIT holds foster care as a whole (cla_placed_foster_pct).",
    "cla_placed_foster_other_pct": "As for foster care with relatives or friends: LAIT holds "
    "foster care as a whole only (cla_placed_foster_pct).",
    "cla_placed_for_adoption_pct": "No LAIT measure holds children placed for adoption on 31 "
    "March, and the EES file behind it (la_cla_on_31_march_by_characteristics) is not among "
    "the reference files.",
    "cla_review_participation_pct": "A local measure: DfE collects REVIEW_CODE but publishes no "
    "participation figure.",
    "cla_missing_incidents_per_child": "DfE gives the average number of missing incidents per "
    "child in its national tables only; no council figure is in the reference files.",
    "cla_away_incidents_per_child": "As for missing incidents: national tables only.",
    "care_leavers_in_touch_22_25_pct": "A local measure: DfE's OC3 covers the 17th to 21st "
    "birthdays, so it publishes nothing for care leavers aged 22 to 25.",
    "cin_s47_12m": "DfE's count of section 47 enquiries is in c4_children_in_need_section_47s_"
    "and_icpcs, not among the reference files; LAIT holds the rate (cin_s47_rate_per_10k).",
    "cin_count": "LAIT holds children in need as a rate only (cin_rate_per_10k); the count is "
    "in b1_children_in_need (At31_episodes), by episode, not child.",
    "workforce_supervision_pct": "A local measure: DfE collects no supervision figure.",
    # Issue 10.6: Annex A's figures stand at the day the lists were run, over six months, not
    # at DfE's 31 March over the year; the same counting's published figure is compared with
    # the CIN census's indicator named.
    "annex_a_contacts_to_referral_pct": "A local measure: DfE collects no contacts.",
    "annex_a_rereferrals_pct": "Annex A's six months to the day it was run are not DfE's year "
    "to 31 March; DfE's re-referral rate is compared with the CIN census's cin_rereferrals_pct.",
    "annex_a_assessments_45wd_pct": "Annex A's six months are not DfE's year to 31 March; "
    "LAIT 304 is compared with the CIN census's cin_assessments_45wd_pct.",
    "annex_a_icpc_15wd_pct": "Annex A's six months are not DfE's year to 31 March; LAIT 218 is "
    "compared with the CIN census's cin_icpc_15wd_pct.",
    "annex_a_cpp_open_2years_pct": "DfE publishes the plans that ended after 2 years or more "
    "(compared with cpp_2years_pct), not the plans open on a day.",
    "annex_a_care_leavers_in_touch_pct": "DfE's in touch figure is of the OC3 cohort round the "
    "19th to 21st birthdays, not of every care leaver on the day Annex A was run.",
    "annex_a_care_leavers_in_touch_17_18_pct": "As for those aged 19 to 21: DfE's is of the OC3 "
    "cohort round the 17th and 18th birthdays.",
    # Issue 11: figures of the council's own records in Trajectory, which DfE does not collect.
    **{
        indicator_id: "A local measure: DfE collects no figure of the council's own case "
        "audits or supervision records."
        for indicator_id in (
            "audits_good_or_better_pct",
            "audit_moderation_agreement_pct",
            "audits_completed_pct",
            "supervision_compliance_pct",
            "case_oversight_pct",
        )
    },
}

_BY_INDICATOR = {measure.indicator_id: measure for measure in MEASURES}


def measure_for(indicator_id: str) -> PublishedMeasure | None:
    """The published figure the indicator is compared with, or None (`no_counterpart_reason`)."""
    return _BY_INDICATOR.get(indicator_id)


def indicators_for_lait(code: str) -> list[str]:
    """The catalogue's indicators compared with one LAIT measure (by its short description),
    so the explorer can lead from DfE's figure to the council's own monthly one."""
    return [
        measure.indicator_id
        for measure in MEASURES
        if measure.file == LAIT_DATASET and measure.filter_map.get("Short Desc") == code
    ]


def no_counterpart_reason(indicator_id: str) -> str:
    return NO_COUNTERPART.get(
        indicator_id, "No published counterpart is declared for this indicator."
    )


def files() -> list[str]:
    """Every published file a measure reads, once each, in catalogue order."""
    return list(dict.fromkeys(measure.file for measure in MEASURES))
