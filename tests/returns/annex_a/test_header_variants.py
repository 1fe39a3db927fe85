"""Headers as councils' systems export them, in any column order, each matched to its column.

The spellings are the kinds seen in councils' Annex A workbooks and matched by the regional
pipelines' header patterns (liia-tools' Annex_A_schema.yml): shortened names ("CP plan start
date"), abbreviations ("DOB", "UASC", "ICPC date"), other words for the same thing ("Sex",
"Personal adviser"), a note or format hint on the end.
"""

from __future__ import annotations

import random

import pytest

from trajectory.returns.annex_a.reader import _recognise, match_columns
from trajectory.returns.annex_a.schema import LISTS, LISTS_BY_NUMBER

PERSON = {
    "Child Unique ID": ["Child ID", "CHILD_ID", "Person ID", "Child Unique ID (LCS)", "Child no"],
    "Gender": ["Sex", "GENDER"],
    "Ethnicity": ["Ethnic origin", "Ethnicity code"],
    "Date of Birth": ["DOB", "Date of birth (dd/mm/yyyy)", "Birth date"],
    "Age of Child (Years)": ["Age", "Age (years)", "Age of child at period end"],
}
SHARED = {
    "Does the Child have a Disability": ["Disability", "Disabled (Y/N)", "Disability?"],
    "Allocated Team": ["Team", "Allocated team name"],
    "Allocated Worker": ["Worker", "Allocated social worker", "Social Worker"],
}
ALTERNATES = {
    1: {"Date of Contact": ["Contact Date", "Date of contact"], "Contact Source": ["Source"]},
    2: {
        "Assessment start date": ["EH assessment start date", "Early help start date"],
        "Assessment completion date": ["EH assessment completion date", "Completed date"],
        "Organisation completing assessment": ["Lead organisation", "Organisation"],
    },
    3: {
        "Date of referral": ["Referral Date", "Date of referral (DD/MM/YYYY)"],
        "Referral Source": ["Source of referral", "Source"],
        "Referral NFA?": ["NFA", "No further action (Y/N)", "Referral NFA"],
        "Number of Referrals in Last 12 Months": [
            "Number of referrals in the last 12 months",
            "No. of referrals",
            "Previous referrals (12 months)",
        ],
    },
    4: {
        "Continuous Assessment Start Date": ["Assessment start date", "Start date"],
        "Child Seen During Continuous Assessment": ["Child seen (Y/N)", "Child seen"],
        "Continuous Assessment Date of Authorisation": [
            "Assessment authorisation date",
            "Date assessment completed",
        ],
        "Was the child assessed as requiring LA children's social care support?": [
            "Assessment outcome",
            "Requiring social care support?",
        ],
    },
    5: {
        "Strategy discussion initiating Section 47 Enquiry Start Date": [
            "S47 start date",
            "Section 47 enquiry start date",
            "Strategy discussion date",
        ],
        "Was an Initial Child Protection Conference deemed unnecessary?": [
            "ICPC not required",
            "ICPC deemed unnecessary",
        ],
        "Date of Initial Child Protection Conference": ["ICPC date", "Date of ICPC"],
        "Did the Initial Child Protection Conference Result in a Child Protection Plan": [
            "ICPC outcome: CP plan",
            "Did the ICPC result in a plan?",
        ],
        "Number of Section 47 Enquiries in the last 12 months": [
            "Number of S47s in last 12 months",
            "No. of section 47 enquiries",
        ],
        "Number of ICPCs in the last 12 months": [
            "Number of ICPCs in last 12 months",
            "ICPCs in the last 12 months",
        ],
    },
    6: {
        "CIN Start Date": ["CIN start date", "Child in need start date"],
        "Primary Need Code": ["Primary need", "Need code"],
        "Date Child Was Last Seen": ["Date last seen", "Last seen"],
        "CIN Closure Date": ["CIN closure date", "Closure date", "CIN end date"],
        "Reason for Closure": ["Closure reason"],
        "Case Status": ["Case status", "Status"],
    },
    7: {
        "Child Protection Plan Start Date": ["CP plan start date", "CPP start date"],
        "Initial Category of Abuse": ["Initial category", "Category of abuse (initial)"],
        "Latest Category of Abuse": ["Latest category", "Current category of abuse"],
        "Date of the Last Statutory Visit": ["Last statutory visit", "Date of last visit"],
        "Was the Child Seen Alone?": ["Seen alone", "Child seen alone (Y/N)"],
        "Date of latest review conference": ["Latest review conference", "Review date"],
        "Child Protection Plan End Date": ["CP plan end date", "Plan end date"],
        "Subject to Emergency Protection Order or Protected Under Police Powers in Last Six "
        "Months (Y/N)": ["EPO or police protection in last 6 months", "EPO"],
        "Number of Previous Child Protection Plans": [
            "Previous CP plans",
            "Number of previous plans",
        ],
    },
    8: {
        "Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months (Y/N)": ["UASC"],
        "Date Started to be Looked After": ["CLA start date", "Date became looked after"],
        "Child's Category of Need": ["Category of need", "CIN code"],
        "Is this a second or subsequent period of being a Looked After Child within the last "
        "12 months (Y/N)": ["Second or subsequent period"],
        "Start date of current legal status": ["Legal status start date"],
        "Child's Legal Status": ["Legal status", "Current legal status"],
        "Date of Latest Statutory Review": ["Latest review date", "Date of last CLA review"],
        "Date of Last Social Work Visit": ["Last SW visit", "Date of last social worker visit"],
        "What is the permanence plan for this child?": ["Permanence plan"],
        "Date of Last IRO Visit / Contact to the Child": ["Last IRO contact", "IRO visit date"],
        "Date of Last Health Assessment": ["Health assessment date", "Last health check"],
        "Date of Last Dental Check": ["Dental check date", "Last dental"],
        "Number of Placements in the Last 12 months": [
            "Number of placements",
            "Placements in the last 12 months",
        ],
        "Date Ceased to be Looked After": ["Date ceased", "Date ceased looked after"],
        "Reason Ceased to be Looked After": ["Reason ceased", "Reason for ceasing"],
        "Start Date of Most Recent Placement": ["Placement start date"],
        "Placement Type": ["Type of placement", "Placement type code"],
        "Placement Provider": ["Provider", "Placement provider code"],
        "Placement postcode": ["Postcode", "Placement post code"],
        "URN of Placement": ["URN", "Placement URN"],
        "Placement Location": ["In/out of area", "Location"],
        "LA of Placement": ["Placing LA", "Local authority of placement"],
        "Number of Episodes the Child has been 'Missing' from their Placement in the last 12 "
        "months": ["Missing episodes (12 months)", "Number of missing episodes"],
        "Number of Episodes the Child has been 'Absent' from their Placement in the last 12 "
        "months": ["Absences (12 months)", "Number of away from placement episodes"],
        "Was the child offered a Return Interview after their last missing episode (Y/N)?": [
            "Return interview offered"
        ],
        "Did the child accept a Return Interview after their last missing episode (Y/N)?": [
            "Return interview accepted"
        ],
    },
    9: {
        "Unaccompanied Asylum Seeking Child (UASC), or formerly UASC if 18 or over (Y/N)": [
            "UASC or former UASC"
        ],
        "Allocated Personal Advisor": ["Personal adviser", "PA"],
        "Eligibility Category": ["Eligibility"],
        "Latest Pathway Plan Review Date": ["Pathway plan review date"],
        "LA in Touch": ["In touch", "LA in touch?"],
        "Latest Date of Contact": ["Date of last contact", "Last contact date"],
        "Type of Accommodation": ["Accommodation type", "Accommodation"],
        "Suitability of Accommodation": ["Accommodation suitable?", "Suitability"],
        "Activity Status": ["Main activity", "Activity"],
    },
    10: {
        "Family identifier": ["Family ID"],
        "Date the Child Entered Care": ["Date entered care", "Date became looked after"],
        "Date of Decision that Child Should be Placed for Adoption": [
            "ADM decision date",
            "Date of SHOBPA decision",
        ],
        "Date of Placement Order": ["Placement order date"],
        "Date of Matching Child and Prospective Adopters": ["Matching date", "Date matched"],
        "Date Placed for Adoption": ["Date placed", "Date placed for adoption"],
        "Date of Adoption Order": ["Adoption order date"],
        "Date of Decision that Child Should No Longer be Placed for Adoption": [
            "Date of decision no longer to be placed",
            "No longer placed decision date",
        ],
        "Reason Why Child No Longer Placed for Adoption": ["Reason no longer placed"],
        "Date the child was placed for fostering in FFA or concurrent planning placement": [
            "FFA placement date",
            "Date placed in FFA / concurrent placement",
        ],
    },
    11: {
        "Individual adopter identifier": ["Adopter ID", "Adopter reference"],
        "Family identifier": ["Household ID", "Family ID"],
        "Gender": ["Sex"],
        "Ethnicity": ["Ethnic origin"],
        "Disability": ["Disabled"],
        "Is the (prospective) adopter fostering for adoption?": ["FFA carer?"],
        "Date enquiry received": ["Enquiry date", "Date of enquiry"],
        "Date Stage 1 started": ["Stage 1 start date", "Stage one started"],
        "Date Stage 1 ended": ["Stage 1 end date", "Stage one completed"],
        "Date Stage 2 started": ["Stage 2 start date"],
        "Date Stage 2 ended": ["Stage 2 end date"],
        "Date application submitted": ["Application date", "Application submitted"],
        "Date application approved": ["Approval date", "Date approved"],
        "Date adopter matched with child(ren)": ["Match date", "Date matched"],
        "Date child/children placed with adopter(s)": ["Placement date", "Date placed"],
        "No. of children placed": ["Number of children placed", "Children placed"],
        "Date of Adoption Order": ["Adoption order date"],
        "Date of leaving adoption process": ["Date left process", "Date of leaving"],
        "Reason for leaving adoption process": ["Reason left", "Reason for leaving"],
    },
}


def _spellings(number: int) -> dict[str, list[str]]:
    annex_list = LISTS_BY_NUMBER[number]
    common = {**PERSON, **SHARED} if number != 11 else {}
    found = {name: [name] for name in annex_list.columns}
    for name, others in {**common, **ALTERNATES[number]}.items():
        if name in found:
            found[name].extend(others)
    return found


@pytest.mark.parametrize("annex_list", LISTS, ids=lambda a: a.name)
def test_every_alternate_spelling_in_any_order(annex_list):
    spellings = _spellings(annex_list.number)
    for seed in range(40):
        rng = random.Random(seed)
        names = list(annex_list.columns)
        rng.shuffle(names)
        headers = [rng.choice(spellings[name]) for name in names]
        found = [c.field for c in match_columns(annex_list, headers)]
        wrong = [(h, n, f) for h, n, f in zip(headers, names, found, strict=True) if f != n]
        assert not wrong, f"seed {seed}: (header, expected, matched) {wrong}"


def test_every_column_has_alternates_listed():
    """So that a column added to the schema is added here too."""
    for annex_list in LISTS:
        spellings = _spellings(annex_list.number)
        assert all(len(spellings[name]) > 1 for name in annex_list.columns), annex_list.name


@pytest.mark.parametrize("annex_list", LISTS, ids=lambda a: a.name)
def test_a_sheet_named_for_nothing_is_recognised_by_its_headers(annex_list):
    """With all its columns, in any spelling and order, a sheet is its list; with some left out
    it is its list or, where what is left fits two lists alike, none, but never another."""
    spellings = _spellings(annex_list.number)
    for seed in range(40):
        rng = random.Random(seed)
        names = list(annex_list.columns)
        rng.shuffle(names)
        headers = [rng.choice(spellings[name]) for name in names]
        found = _recognise(None, [(1, headers)])
        assert found is not None and found[0] is annex_list, (seed, headers)

        kept = names[: rng.randint(len(names) // 2, len(names))]
        kept += [f.name for f in annex_list.key_fields if f.name not in kept]
        headers = [rng.choice(spellings[name]) for name in kept]
        found = _recognise(None, [(1, headers)])
        assert found is None or found[0] is annex_list, (seed, headers, found[0].name)
