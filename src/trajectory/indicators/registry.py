"""The indicator catalogue: one declaration per indicator, in one place.

Pages, the CLI, runs, the docs (docs/indicators.md is generated from here by `render_docs`) and
the tests iterate `INDICATORS` rather than naming indicators one by one. Each declaration names
the function that computes it (in `ssda903/figures.py`, whose docstring gives the exact counting
rule) and the function giving the child-level rows behind a figure (`ssda903/child_rows.py`).
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

import polars as pl

from trajectory.indicators import annex_a, cin, ssda903, workforce
from trajectory.indicators.annex_a import figures as annex_a_figures
from trajectory.indicators.cin import child_rows as cin_rows
from trajectory.indicators.cin import figures as cin_figures
from trajectory.indicators.records import figures as records
from trajectory.indicators.ssda903 import child_rows
from trajectory.indicators.ssda903 import figures as ssda903_figures
from trajectory.indicators.ssda903.facts import Facts
from trajectory.indicators.workforce import figures as workforce_figures

Unit = Literal["count", "percent", "rate", "per child", "per FTE"]
# "monthly": a figure at every month-end; "annual": one cohort per collection year (OC3),
# shown as one point a year and compared with the year before (issue 7.2).
Cadence = Literal["monthly", "annual"]
Polarity = Literal["higher_is_better", "lower_is_better", "neutral"]

CHILDREN_IN_CARE = "children in care"
CARE_LEAVERS = "care leavers"
PLACEMENTS = "placements"
MISSING_AND_AWAY = "missing and away from placement"
PERMANENCE = "leaving care through adoption and special guardianship"

AT_DATE = "At the as-at date"
TWELVE_MONTHS = (
    "The 12 months ending on the as-at date, both ends inclusive "
    "(for 31 March 2024: 1 April 2023 to 31 March 2024)"
)
CLA_PUBLICATION = (
    "DfE, Children looked after in England including adoptions (explore-education-statistics)"
)
CARE_LEAVERS_SOURCE = (
    f"{CLA_PUBLICATION}: la_care_leavers_activity.csv and "
    "la_care_leavers_accommodation_suitability.csv (care_leaver_age {band}); LAIT {measures}"
)
COHORT_19_21 = (
    "Care leavers in the OC3 cohort whose 19th, 20th or 21st birthday fell in the year, "
    "except those who died or returned home for 6 months or more"
)
COHORT_17_18 = (
    "Care leavers in the OC3 cohort whose 17th or 18th birthday fell in the year, "
    "except those who died or returned home for 6 months or more"
)
NOT_JUDGED = ", or who have gone abroad, been deported or whose residence is not known"
AT_31_MARCH_PLACEMENTS = (
    f"{CLA_PUBLICATION}: la_cla_on_31_march_by_characteristics.csv (placement of children "
    "looked after on 31 March); LAIT measure {measure}"
)
CEASED_SOURCE = (
    f"{CLA_PUBLICATION}: la_children_who_ceased_during_the_year (reason episode ceased); "
    "LAIT {measure}"
)
LOOKED_AFTER = "Children looked after at the date"
OC3_YEAR = (
    "The OC3 collection year (to 31 March) of the latest data; the same cohort figure for every "
    "as-at date in that year, none outside it"
)


@dataclass(frozen=True)
class Indicator:
    id: str
    title: str
    domain: str
    description: str
    numerator: str
    denominator: str | None
    unit: Unit
    polarity: Polarity
    period_rule: str
    compute: Callable[[Facts], pl.LazyFrame]
    children: Callable[[Facts], pl.LazyFrame]
    source_return: str = "ssda903"
    decimals: int = 1  # shown everywhere through indicators.figures, stated in the docs
    cadence: Cadence = "monthly"
    # The DfE publication (file, measure) whose counting the rule follows, shown on the page and
    # in the docs; a local measure has none and says so (issue 8.1).
    dfe_source: str = ""
    local_measure: bool = False
    # Cut by team and social worker (breakdowns.py): only where the return names who held the
    # case: SSDA903 (SWEpisodes) and Annex A's lists 3-9 (their own Allocated Team and Worker).
    # The CIN census, the workforce census and Annex A's list 1 name no team.
    by_team: bool = True

    @property
    def counterpart_text(self) -> str:
        """The published measure the counting follows, or that it is a local measure."""
        if self.local_measure:
            return f"none, a local measure. {self.dfe_source}".strip()
        return self.dfe_source

    @property
    def counts_children(self) -> bool:
        """Whether a figure's rows are children (the workforce's are workers, or none)."""
        return self.source_return in ("ssda903", "cin", "annex_a")

    @property
    def rule(self) -> str:
        """The exact counting rule, as written in the compute function's docstring."""
        return inspect.cleandoc(self.compute.__doc__ or "")


SSDA903_INDICATORS: tuple[Indicator, ...] = (
    Indicator(
        id="cla_count",
        title="Children looked after",
        domain=CHILDREN_IN_CARE,
        description="How many children the council looks after on the day, short breaks aside.",
        numerator="Children looked after at the date",
        denominator=None,
        unit="count",
        polarity="neutral",
        period_rule=AT_DATE,
        compute=ssda903_figures.cla_count,
        children=child_rows.looked_after_rows,
        decimals=0,
        dfe_source=(
            f"{CLA_PUBLICATION}: cla_number_and_rate_per_10k_children.csv (children looked after "
            "on 31 March); LAIT measure 124"
        ),
    ),
    Indicator(
        id="cla_rate_per_10k",
        title="Children looked after per 10,000 children",
        domain=CHILDREN_IN_CARE,
        description="Children looked after for every 10,000 children living in the area, "
        "so councils of different sizes can be compared.",
        numerator="Children looked after at the date",
        denominator="Children aged 0-17 in the area (ONS mid-year estimate of the year before "
        "the collection year ends: mid-2023 for 31 March 2024) / 10,000",
        unit="rate",
        polarity="neutral",
        period_rule=AT_DATE,
        compute=ssda903_figures.cla_rate_per_10k,
        children=child_rows.looked_after_rows,
        decimals=0,
        dfe_source=(
            f"{CLA_PUBLICATION}: cla_number_and_rate_per_10k_children.csv (rate_per_10000, over "
            "DfE's ONS mid-year estimate of children aged 0-17 for the year before); LAIT measure"
            " 124"
        ),
    ),
    Indicator(
        id="cla_starts_12m",
        title="Children starting to be looked after",
        domain=CHILDREN_IN_CARE,
        description="Children who came into care in the last 12 months.",
        numerator="Children with a period of care starting in the 12 months",
        denominator=None,
        unit="count",
        polarity="neutral",
        period_rule=TWELVE_MONTHS,
        compute=ssda903_figures.cla_starts_12m,
        children=child_rows.starts_rows,
        decimals=0,
        dfe_source=(
            f"{CLA_PUBLICATION}: cla_number_and_rate_per_10k_children.csv (children starting to be"
            " looked after during the year); LAIT measure 376"
        ),
    ),
    Indicator(
        id="cla_ceased_12m",
        title="Children ceasing to be looked after",
        domain=CHILDREN_IN_CARE,
        description="Children who left care in the last 12 months.",
        numerator="Children with a period of care ending in the 12 months",
        denominator=None,
        unit="count",
        polarity="neutral",
        period_rule=TWELVE_MONTHS,
        compute=ssda903_figures.cla_ceased_12m,
        children=child_rows.ceased_rows,
        decimals=0,
        dfe_source=(
            f"{CLA_PUBLICATION}: cla_number_and_rate_per_10k_children.csv (children ceasing to be "
            "looked after during the year); LAIT measure 392"
        ),
    ),
    Indicator(
        id="cla_3plus_placements_pct",
        title="Children with 3 or more placements in the year",
        domain=CHILDREN_IN_CARE,
        description="Short-term placement stability: children in care who have moved "
        "placement twice or more in 12 months.",
        numerator="Children looked after at the date with 3 or more placements in the 12 months",
        denominator="Children looked after at the date",
        unit="percent",
        polarity="lower_is_better",
        period_rule=TWELVE_MONTHS,
        compute=ssda903_figures.cla_3plus_placements_pct,
        children=child_rows.placements_rows,
        dfe_source=(
            f"{CLA_PUBLICATION}: la_cla_placement_stability.csv (CLA on 31 March, with 3 or more "
            "placements during the year); LAIT measure 372"
        ),
    ),
    Indicator(
        id="cla_long_term_stability_pct",
        title="Long-term placement stability",
        domain=CHILDREN_IN_CARE,
        description="Children under 16 in care for 2½ years or more who have lived in the "
        "same placement for at least 2 years.",
        numerator="Of the denominator, those in the same placement for 2 years or more "
        "(or placed for adoption, with that and the placement before lasting 2 years)",
        denominator="Children under 16 looked after at the date, continuously for 2.5 years "
        "or more",
        unit="percent",
        polarity="higher_is_better",
        period_rule=AT_DATE,
        compute=ssda903_figures.cla_long_term_stability_pct,
        children=child_rows.stability_rows,
        dfe_source=(
            f"{CLA_PUBLICATION}: la_cla_placement_stability.csv (looked after continuously for at "
            "least 2.5 years, aged under 16, living with the same carer for at least 2 years); "
            "LAIT measure 393"
        ),
    ),
    Indicator(
        id="cla_reviews_on_time_pct",
        title="Reviews held on time",
        domain=CHILDREN_IN_CARE,
        description="Statutory reviews of children in care held within the timescales "
        "(20 working days, then 3 months, then every 6 months).",
        numerator="Reviews due in the 12 months held on or before the due date",
        denominator="Reviews due in the 12 months",
        unit="percent",
        polarity="higher_is_better",
        period_rule=TWELVE_MONTHS,
        compute=ssda903_figures.cla_reviews_on_time_pct,
        children=child_rows.reviews_rows,
        dfe_source=(
            "DfE publishes no timeliness of reviews; the due dates follow reg 33 of the Care "
            "Planning, Placement and Case Review (England) Regulations 2010"
        ),
        local_measure=True,
    ),
    Indicator(
        id="care_leavers_in_touch_pct",
        title="Care leavers aged 19-21 in touch",
        domain=CARE_LEAVERS,
        description="Care leavers aged 19 to 21 the council is in touch with.",
        numerator="Care leavers with IN_TOUCH = YES",
        denominator=COHORT_19_21,
        unit="percent",
        polarity="higher_is_better",
        period_rule=OC3_YEAR,
        cadence="annual",
        compute=ssda903_figures.care_leavers_in_touch_pct,
        children=child_rows.in_touch_rows,
        dfe_source=CARE_LEAVERS_SOURCE.format(
            band="19 to 21 years", measures="measures 317 and 333"
        ),
    ),
    Indicator(
        id="care_leavers_suitable_accom_pct",
        title="Care leavers aged 19-21 in suitable accommodation",
        domain=CARE_LEAVERS,
        description="Care leavers aged 19 to 21 living in accommodation judged suitable.",
        numerator="Care leavers with an ACCOM code ending in 1",
        denominator=COHORT_19_21 + NOT_JUDGED,
        unit="percent",
        polarity="higher_is_better",
        period_rule=OC3_YEAR,
        cadence="annual",
        compute=ssda903_figures.care_leavers_suitable_accom_pct,
        children=child_rows.suitable_accommodation_rows,
        dfe_source=CARE_LEAVERS_SOURCE.format(band="19 to 21 years", measures="measure 112"),
    ),
    Indicator(
        id="care_leavers_eet_pct",
        title="Care leavers aged 19-21 in education, employment or training",
        domain=CARE_LEAVERS,
        description="Care leavers aged 19 to 21 in education, employment or training.",
        numerator="Care leavers with ACTIV F1, P1, F2, P2, F4, P4, F5 or P5",
        denominator=COHORT_19_21,
        unit="percent",
        polarity="higher_is_better",
        period_rule=OC3_YEAR,
        cadence="annual",
        compute=ssda903_figures.care_leavers_eet_pct,
        children=child_rows.education_employment_training_rows,
        dfe_source=CARE_LEAVERS_SOURCE.format(band="19 to 21 years", measures="measure 113"),
    ),
    Indicator(
        id="care_leavers_in_touch_17_18_pct",
        title="Care leavers aged 17-18 in touch",
        domain=CARE_LEAVERS,
        description="Care leavers aged 17 or 18 the council is in touch with.",
        numerator="Care leavers with IN_TOUCH = YES",
        denominator=COHORT_17_18,
        unit="percent",
        polarity="higher_is_better",
        period_rule=OC3_YEAR,
        cadence="annual",
        compute=ssda903_figures.care_leavers_in_touch_17_18_pct,
        children=child_rows.in_touch_17_18_rows,
        dfe_source=CARE_LEAVERS_SOURCE.format(
            band="17 to 18 years", measures="measures 317 and 333"
        ),
    ),
    Indicator(
        id="care_leavers_suitable_accom_17_18_pct",
        title="Care leavers aged 17-18 in suitable accommodation",
        domain=CARE_LEAVERS,
        description="Care leavers aged 17 or 18 living in accommodation judged suitable.",
        numerator="Care leavers with an ACCOM code ending in 1",
        denominator=COHORT_17_18 + NOT_JUDGED,
        unit="percent",
        polarity="higher_is_better",
        period_rule=OC3_YEAR,
        cadence="annual",
        compute=ssda903_figures.care_leavers_suitable_accom_17_18_pct,
        children=child_rows.suitable_accommodation_17_18_rows,
        dfe_source=CARE_LEAVERS_SOURCE.format(band="17 to 18 years", measures="measure 112"),
    ),
    Indicator(
        id="care_leavers_eet_17_18_pct",
        title="Care leavers aged 17-18 in education, employment or training",
        domain=CARE_LEAVERS,
        description="Care leavers aged 17 or 18 in education, employment or training.",
        numerator="Care leavers with ACTIV F1, P1, F2, P2, F4, P4, F5 or P5",
        denominator=COHORT_17_18,
        unit="percent",
        polarity="higher_is_better",
        period_rule=OC3_YEAR,
        cadence="annual",
        compute=ssda903_figures.care_leavers_eet_17_18_pct,
        children=child_rows.education_employment_training_17_18_rows,
        dfe_source=CARE_LEAVERS_SOURCE.format(band="17 to 18 years", measures="measure 113"),
    ),
    Indicator(
        id="cla_missing_pct",
        title="Children who went missing",
        domain=CHILDREN_IN_CARE,
        description="Children in care during the year who went missing at least once. "
        "Watch for under-recording: a very low figure can mean incidents are not recorded.",
        numerator="Children with a missing (MISSING = M) episode starting in the 12 months",
        denominator="Children looked after at any time in the 12 months",
        unit="percent",
        polarity="lower_is_better",
        period_rule=TWELVE_MONTHS,
        compute=ssda903_figures.cla_missing_pct,
        children=child_rows.missing_rows,
        dfe_source=(
            f"{CLA_PUBLICATION}: children looked after who went missing during the year; LAIT "
            "measure 161"
        ),
    ),
    Indicator(
        id="cla_placed_foster_pct",
        title="Children in foster care",
        domain=PLACEMENTS,
        description="Children in care living with foster carers, relatives and friends included.",
        numerator="Children looked after at the date in foster care (PLACE U1-U6)",
        denominator=LOOKED_AFTER,
        unit="percent",
        polarity="neutral",
        period_rule=AT_DATE,
        compute=ssda903_figures.cla_placed_foster_pct,
        children=child_rows.placed_foster_rows,
        dfe_source=AT_31_MARCH_PLACEMENTS.format(measure="396"),
    ),
    Indicator(
        id="cla_placed_foster_relative_pct",
        title="Children in foster care with relatives or friends",
        domain=PLACEMENTS,
        description="Children in care fostered by a relative or friend (kinship foster care).",
        numerator=(
            "Children looked after at the date fostered by a relative or friend (PLACE U1-U3)"
        ),
        denominator=LOOKED_AFTER,
        unit="percent",
        polarity="neutral",
        period_rule=AT_DATE,
        compute=ssda903_figures.cla_placed_foster_relative_pct,
        children=child_rows.placed_foster_relative_rows,
        dfe_source=(
            f"{CLA_PUBLICATION}: national tables (foster placements with a relative or friend); "
            f"LAIT has foster care as a whole only"
        ),
    ),
    Indicator(
        id="cla_placed_foster_other_pct",
        title="Children in foster care with other carers",
        domain=PLACEMENTS,
        description="Children in care fostered by carers who are not relatives or friends.",
        numerator="Children looked after at the date fostered by other carers (PLACE U4-U6)",
        denominator=LOOKED_AFTER,
        unit="percent",
        polarity="neutral",
        period_rule=AT_DATE,
        compute=ssda903_figures.cla_placed_foster_other_pct,
        children=child_rows.placed_foster_other_rows,
        dfe_source=(
            f"{CLA_PUBLICATION}: national tables (foster placements with other foster carers); LAIT"
            f" has foster care as a whole only"
        ),
    ),
    Indicator(
        id="cla_placed_childrens_homes_pct",
        title="Children in children’s homes",
        domain=PLACEMENTS,
        description="Children in care living in a children's home or a secure children's home.",
        numerator=(
            "Children looked after at the date in a secure children's home or children's home "
            "(PLACE K1, K2)"
        ),
        denominator=LOOKED_AFTER,
        unit="percent",
        polarity="neutral",
        period_rule=AT_DATE,
        compute=ssda903_figures.cla_placed_childrens_homes_pct,
        children=child_rows.placed_childrens_homes_rows,
        dfe_source=AT_31_MARCH_PLACEMENTS.format(measure="397"),
    ),
    Indicator(
        id="cla_placed_other_residential_pct",
        title="Children in other residential settings",
        domain=PLACEMENTS,
        description=(
            "Children in care living in another residential setting: a care home, health care, a "
            "family centre, custody, a residential school or residential employment."
        ),
        numerator="Children looked after at the date in PLACE R1, R2, R3, R5, S1 or P3",
        denominator=LOOKED_AFTER,
        unit="percent",
        polarity="neutral",
        period_rule=AT_DATE,
        compute=ssda903_figures.cla_placed_other_residential_pct,
        children=child_rows.placed_other_residential_rows,
        dfe_source=AT_31_MARCH_PLACEMENTS.format(measure="399"),
    ),
    Indicator(
        id="cla_placed_independent_living_pct",
        title="Children in independent or semi-independent living",
        domain=PLACEMENTS,
        description=(
            "Children in care living independently, semi-independently or in supported "
            "accommodation."
        ),
        numerator="Children looked after at the date in PLACE H5, P2 or K3",
        denominator=LOOKED_AFTER,
        unit="percent",
        polarity="neutral",
        period_rule=AT_DATE,
        compute=ssda903_figures.cla_placed_independent_living_pct,
        children=child_rows.placed_independent_living_rows,
        dfe_source=AT_31_MARCH_PLACEMENTS.format(measure="398"),
    ),
    Indicator(
        id="cla_placed_for_adoption_pct",
        title="Children placed for adoption",
        domain=PLACEMENTS,
        description="Children in care placed with their prospective adopters.",
        numerator="Children looked after at the date placed for adoption (PLACE A3-A6)",
        denominator=LOOKED_AFTER,
        unit="percent",
        polarity="neutral",
        period_rule=AT_DATE,
        compute=ssda903_figures.cla_placed_for_adoption_pct,
        children=child_rows.placed_for_adoption_rows,
        dfe_source=f"{CLA_PUBLICATION}: national tables (placed for adoption); no LAIT measure",
    ),
    Indicator(
        id="cla_placed_with_parents_pct",
        title="Children placed with parents",
        domain=PLACEMENTS,
        description=(
            "Children in care living with a parent or another person with parental responsibility."
        ),
        numerator="Children looked after at the date placed with parents (PLACE P1)",
        denominator=LOOKED_AFTER,
        unit="percent",
        polarity="neutral",
        period_rule=AT_DATE,
        compute=ssda903_figures.cla_placed_with_parents_pct,
        children=child_rows.placed_with_parents_rows,
        dfe_source=AT_31_MARCH_PLACEMENTS.format(measure="401"),
    ),
    Indicator(
        id="cla_placed_other_pct",
        title="Children in other placements",
        domain=PLACEMENTS,
        description=(
            "Children in care in a placement in none of the groups above (including unregistered "
            "provision recorded as Z1)."
        ),
        numerator="Children looked after at the date in any other PLACE (Z1, Z11-Z14, blank)",
        denominator=LOOKED_AFTER,
        unit="percent",
        polarity="neutral",
        period_rule=AT_DATE,
        compute=ssda903_figures.cla_placed_other_pct,
        children=child_rows.placed_other_rows,
        dfe_source=AT_31_MARCH_PLACEMENTS.format(measure="400"),
    ),
    Indicator(
        id="cla_placed_distant_pct",
        title="Children placed outside the council more than 20 miles from home",
        domain=PLACEMENTS,
        description="Children in care living outside the council's area and more than 20 "
        "miles from home, where the return holds the placement distance.",
        numerator="Children looked after at the date placed outside the council (PL_LOCATION "
        "OUT) more than 20 miles from home (PL_DISTANCE)",
        denominator=LOOKED_AFTER,
        unit="percent",
        polarity="lower_is_better",
        period_rule=AT_DATE,
        compute=ssda903_figures.cla_placed_distant_pct,
        children=child_rows.placed_distant_rows,
        dfe_source=AT_31_MARCH_PLACEMENTS.format(measure="87"),
    ),
    Indicator(
        id="cla_uasc_count",
        title="Unaccompanied asylum-seeking children looked after",
        domain=CHILDREN_IN_CARE,
        description="Unaccompanied asylum-seeking children the council looks after on the day.",
        numerator="Children looked after at the date in the UASC table, status not ceased (DUC)",
        denominator=None,
        unit="count",
        polarity="neutral",
        period_rule=AT_DATE,
        compute=ssda903_figures.cla_uasc_count,
        children=child_rows.uasc_rows,
        decimals=0,
        dfe_source=AT_31_MARCH_PLACEMENTS.replace(
            "placement of", "unaccompanied asylum-seeking"
        ).format(measure="334"),
    ),
    Indicator(
        id="cla_uasc_pct",
        title="Children looked after who are unaccompanied asylum-seeking children",
        domain=CHILDREN_IN_CARE,
        description="The share of children in care who are unaccompanied asylum-seeking children.",
        numerator="Unaccompanied asylum-seeking children looked after at the date",
        denominator=LOOKED_AFTER,
        unit="percent",
        polarity="neutral",
        period_rule=AT_DATE,
        compute=ssda903_figures.cla_uasc_pct,
        children=child_rows.uasc_share_rows,
        dfe_source=AT_31_MARCH_PLACEMENTS.replace(
            "placement of", "unaccompanied asylum-seeking"
        ).format(measure="'Unacc_Asylmn_Seek_Childn%'"),
    ),
    Indicator(
        id="cla_3plus_social_workers_pct",
        title="Children with 3 or more social workers in the year",
        domain=CHILDREN_IN_CARE,
        description="Social worker stability: children in care who have had three or more "
        "social workers in 12 months.",
        numerator="Children looked after at the date with 3 or more distinct social workers "
        "(SWEpisodes SW_ID) in the 12 months",
        denominator=LOOKED_AFTER,
        unit="percent",
        polarity="lower_is_better",
        period_rule=TWELVE_MONTHS,
        compute=ssda903_figures.cla_3plus_social_workers_pct,
        children=child_rows.social_workers_rows,
        dfe_source=(
            f"{CLA_PUBLICATION}: la_cla_swcount.csv (CLA on 31 March, 3 or more social workers "
            "during the year); LAIT measure 'Stability_SocialWorker'"
        ),
    ),
    Indicator(
        id="cla_review_participation_pct",
        title="Children’s participation in their reviews",
        domain=CHILDREN_IN_CARE,
        description="Reviews of children aged 4 or over at which the child's views were "
        "heard, in person, through an advocate or another way.",
        numerator="Reviews held in the 12 months with REVIEW_CODE PN1, PN2, PN3, PN5 or PN6",
        denominator="Reviews held in the 12 months with REVIEW_CODE PN1-PN7 (child aged 4 or over)",
        unit="percent",
        polarity="higher_is_better",
        period_rule=TWELVE_MONTHS,
        compute=ssda903_figures.cla_review_participation_pct,
        children=child_rows.review_participation_rows,
        dfe_source="DfE collects the participation code (SSDA903 Reviews, REVIEW_CODE, rule "
        "167) but publishes no figure for it",
        local_measure=True,
    ),
    Indicator(
        id="cla_away_pct",
        title="Children who were away from placement without authorisation",
        domain=MISSING_AND_AWAY,
        description="Children in care during the year who were away from their placement "
        "without authorisation at least once. Many councils record every incident as missing, "
        "so compare with care.",
        numerator="Children with an away (MISSING = A) incident starting in the 12 months",
        denominator="Children looked after at any time in the 12 months",
        unit="percent",
        polarity="lower_is_better",
        period_rule=TWELVE_MONTHS,
        compute=ssda903_figures.cla_away_pct,
        children=child_rows.away_rows,
        dfe_source=(
            f"{CLA_PUBLICATION}: children looked after who were away from placement without "
            "authorisation during the year; LAIT measure 161"
        ),
    ),
    Indicator(
        id="cla_missing_incidents_per_child",
        title="Missing incidents per child who went missing",
        domain=MISSING_AND_AWAY,
        description="How often, on average, a child in care who went missing in the year did so.",
        numerator="Missing (MISSING = M) incidents starting in the 12 months during care",
        denominator="Children with one or more of them",
        unit="per child",
        polarity="lower_is_better",
        period_rule=TWELVE_MONTHS,
        compute=ssda903_figures.cla_missing_incidents_per_child,
        children=child_rows.missing_incidents_rows,
        dfe_source=(
            f"{CLA_PUBLICATION}: national tables (average number of missing incidents per "
            "child who went missing); no local authority figure in the reference files"
        ),
    ),
    Indicator(
        id="cla_away_incidents_per_child",
        title="Away incidents per child who was away",
        domain=MISSING_AND_AWAY,
        description="How often, on average, a child in care who was away from placement "
        "without authorisation in the year was away.",
        numerator="Away (MISSING = A) incidents starting in the 12 months during care",
        denominator="Children with one or more of them",
        unit="per child",
        polarity="lower_is_better",
        period_rule=TWELVE_MONTHS,
        compute=ssda903_figures.cla_away_incidents_per_child,
        children=child_rows.away_incidents_rows,
        dfe_source=(
            f"{CLA_PUBLICATION}: national tables (average number of away incidents per child "
            "who was away); no local authority figure in the reference files"
        ),
    ),
    Indicator(
        id="cla_adopted_12m",
        title="Children adopted",
        domain=PERMANENCE,
        description="Children who left care in the last 12 months because they were adopted.",
        numerator="Children whose last cease in the 12 months had REC E11 or E12",
        denominator=None,
        unit="count",
        polarity="neutral",
        period_rule=TWELVE_MONTHS,
        compute=ssda903_figures.cla_adopted_12m,
        children=child_rows.adopted_rows,
        decimals=0,
        dfe_source=CEASED_SOURCE.format(measure="measure 208 (number adopted)"),
    ),
    Indicator(
        id="cla_adopted_pct",
        title="Children leaving care who were adopted",
        domain=PERMANENCE,
        description="Of the children who left care in the last 12 months, those adopted.",
        numerator="Children whose last cease in the 12 months had REC E11 or E12",
        denominator="Children who ceased to be looked after in the 12 months",
        unit="percent",
        polarity="higher_is_better",
        period_rule=TWELVE_MONTHS,
        compute=ssda903_figures.cla_adopted_pct,
        children=child_rows.adopted_rows,
        dfe_source=CEASED_SOURCE.format(measure="measure 208 (percentage adopted)"),
    ),
    Indicator(
        id="cla_sgo_12m",
        title="Children leaving care on a special guardianship order",
        domain=PERMANENCE,
        description="Children who left care in the last 12 months because a special "
        "guardianship order was made.",
        numerator="Children whose last cease in the 12 months had REC E43-E48 (SGO)",
        denominator=None,
        unit="count",
        polarity="neutral",
        period_rule=TWELVE_MONTHS,
        compute=ssda903_figures.cla_sgo_12m,
        children=child_rows.special_guardianship_rows,
        decimals=0,
        dfe_source=CEASED_SOURCE.format(measure="measure 390 (ceased because of an SGO)"),
    ),
    Indicator(
        id="cla_sgo_pct",
        title="Children leaving care who left on a special guardianship order",
        domain=PERMANENCE,
        description="Of the children who left care in the last 12 months, those who left on a "
        "special guardianship order.",
        numerator="Children whose last cease in the 12 months had REC E43-E48 (SGO)",
        denominator="Children who ceased to be looked after in the 12 months",
        unit="percent",
        polarity="neutral",
        period_rule=TWELVE_MONTHS,
        compute=ssda903_figures.cla_sgo_pct,
        children=child_rows.special_guardianship_rows,
        dfe_source=CEASED_SOURCE.format(measure="measure 'LAC_ceased_SGO%'"),
    ),
    Indicator(
        id="care_leavers_in_touch_22_25_pct",
        title="Care leavers aged 22-25 in touch",
        domain=CARE_LEAVERS,
        description="Care leavers aged 22 to 25 the council is in touch with, where its "
        "return records them.",
        numerator="Care leavers with IN_TOUCH = YES",
        denominator="Care leavers in the OC3 table whose 22nd to 25th birthday fell in the "
        "year, except those who died or returned home for 6 months or more",
        unit="percent",
        polarity="higher_is_better",
        period_rule=OC3_YEAR,
        cadence="annual",
        compute=ssda903_figures.care_leavers_in_touch_22_25_pct,
        children=child_rows.in_touch_22_25_rows,
        dfe_source="DfE's OC3 covers the 17th to 21st birthdays and publishes nothing for 22-25",
        local_measure=True,
    ),
)

FRONT_DOOR = "front door"
CHILD_PROTECTION = "child protection"
CHILDREN_IN_NEED = "children in need"
WORKFORCE = "social work workforce"
CENSUS_DATE = (
    "The workforce census of 30 September (its year 1 October to 30 September); the figure is "
    "held at the census date, one a census year"
)
CIN_PUBLICATION = "DfE, Characteristics of children in need (explore-education-statistics)"
CSWW_PUBLICATION = (
    "DfE, Children's social work workforce (explore-education-statistics): "
    "csww_indicators_2017_to_2025.csv"
)


def _cin(**fields) -> Indicator:
    return Indicator(source_return="cin", by_team=False, **fields)


def _workforce(**fields) -> Indicator:
    fields.setdefault("cadence", "annual")
    fields.setdefault("period_rule", CENSUS_DATE)
    return Indicator(source_return="workforce", by_team=False, **fields)


CIN_INDICATORS: tuple[Indicator, ...] = (
    _cin(
        id="cin_referrals_12m",
        title="Referrals to children’s social care",
        domain=FRONT_DOOR,
        description="Requests for children's social care services in the last 12 months, "
        "each referral counted.",
        numerator="Referrals (CINreferralDate) in the 12 months, no further action included",
        denominator=None,
        unit="count",
        polarity="neutral",
        period_rule=TWELVE_MONTHS,
        compute=cin_figures.cin_referrals_12m,
        children=cin_rows.referral_rows,
        decimals=0,
        dfe_source=f"{CIN_PUBLICATION}: c1_children_in_need_referrals_and_rereferrals "
        "(referral_count); LAIT measure 305 (CPP_Total_NumRef)",
    ),
    _cin(
        id="cin_referrals_rate_per_10k",
        title="Referrals per 10,000 children",
        domain=FRONT_DOOR,
        description="Referrals in the last 12 months for every 10,000 children in the area.",
        numerator="Referrals in the 12 months",
        denominator="Children aged 0-17 in the area (ONS mid-year estimate) / 10,000",
        unit="rate",
        polarity="neutral",
        period_rule=TWELVE_MONTHS,
        compute=cin_figures.cin_referrals_rate_per_10k,
        children=cin_rows.referral_rows,
        dfe_source=f"{CIN_PUBLICATION}: c1 referrals per 10,000; LAIT measure 305 "
        "(CPP_Total_Rateper10,000)",
    ),
    _cin(
        id="cin_rereferrals_pct",
        title="Re-referrals within 12 months",
        domain=FRONT_DOOR,
        description="Referrals in the last 12 months of a child referred in the 12 months before.",
        numerator="Referrals in the 12 months within 12 months of the child's previous referral",
        denominator="Referrals in the 12 months",
        unit="percent",
        polarity="lower_is_better",
        period_rule=TWELVE_MONTHS,
        compute=cin_figures.cin_rereferrals_pct,
        children=cin_rows.rereferral_rows,
        dfe_source=f"{CIN_PUBLICATION}: c1 rereferral_percent; LAIT measure 271 (ReReferral)",
    ),
    _cin(
        id="cin_assessments_45wd_pct",
        title="Assessments completed within 45 working days",
        domain=FRONT_DOOR,
        description="Assessments completed in the last 12 months within 45 working days of "
        "their start.",
        numerator="Assessments authorised in the 12 months on or before the 45th working day "
        "after their start (AssessmentActualStartDate)",
        denominator="Assessments authorised (AssessmentAuthorisationDate) in the 12 months",
        unit="percent",
        polarity="higher_is_better",
        period_rule=TWELVE_MONTHS,
        compute=cin_figures.cin_assessments_45wd_pct,
        children=cin_rows.assessment_rows,
        dfe_source=f"{CIN_PUBLICATION}: assessments completed within 45 working days; LAIT "
        "measure 304 (Continue_Assess_Comp)",
    ),
    _cin(
        id="cin_s47_12m",
        title="Section 47 enquiries",
        domain=CHILD_PROTECTION,
        description="Child protection enquiries (section 47, Children Act 1989) started in "
        "the last 12 months.",
        numerator="Section 47 enquiries started (S47ActualStartDate) in the 12 months",
        denominator=None,
        unit="count",
        polarity="neutral",
        period_rule=TWELVE_MONTHS,
        compute=cin_figures.cin_s47_12m,
        children=cin_rows.enquiry_rows,
        decimals=0,
        dfe_source=f"{CIN_PUBLICATION}: c4_children_in_need_section_47s_and_icpcs (section 47 "
        "enquiries started); LAIT measure 217 publishes the rate only",
    ),
    _cin(
        id="cin_s47_rate_per_10k",
        title="Section 47 enquiries per 10,000 children",
        domain=CHILD_PROTECTION,
        description="Section 47 enquiries started in the last 12 months for every 10,000 "
        "children in the area.",
        numerator="Section 47 enquiries started in the 12 months",
        denominator="Children aged 0-17 in the area (ONS mid-year estimate) / 10,000",
        unit="rate",
        polarity="neutral",
        period_rule=TWELVE_MONTHS,
        compute=cin_figures.cin_s47_rate_per_10k,
        children=cin_rows.enquiry_rows,
        dfe_source=f"{CIN_PUBLICATION}: c4 section 47 enquiries per 10,000; LAIT measure 217 "
        "(Section_47)",
    ),
    _cin(
        id="cin_icpc_15wd_pct",
        title="Initial child protection conferences within 15 working days",
        domain=CHILD_PROTECTION,
        description="Initial conferences in the last 12 months held within 15 working days "
        "of the strategy discussion that began the section 47 enquiry.",
        numerator="Initial conferences in the 12 months held on or before the 15th working day "
        "after S47ActualStartDate",
        denominator="Initial conferences (Section47 DateOfInitialCPC) in the 12 months",
        unit="percent",
        polarity="higher_is_better",
        period_rule=TWELVE_MONTHS,
        compute=cin_figures.cin_icpc_15wd_pct,
        children=cin_rows.conference_rows,
        dfe_source=f"{CIN_PUBLICATION}: c4 ICPCs within 15 working days; LAIT measure 218 "
        "(CP_conf_15days)",
    ),
    _cin(
        id="cpp_count",
        title="Children on a child protection plan",
        domain=CHILD_PROTECTION,
        description="How many children are the subject of a child protection plan on the day.",
        numerator="Children with a plan open at the date",
        denominator=None,
        unit="count",
        polarity="neutral",
        period_rule=AT_DATE,
        compute=cin_figures.cpp_count,
        children=cin_rows.on_plan_rows,
        decimals=0,
        dfe_source=f"{CIN_PUBLICATION}: children subject to a plan at 31 March; LAIT measure "
        "377 (CPP_Num)",
    ),
    _cin(
        id="cpp_rate_per_10k",
        title="Children on a child protection plan per 10,000 children",
        domain=CHILD_PROTECTION,
        description="Children on a plan for every 10,000 children in the area.",
        numerator="Children with a plan open at the date",
        denominator="Children aged 0-17 in the area (ONS mid-year estimate) / 10,000",
        unit="rate",
        polarity="neutral",
        period_rule=AT_DATE,
        compute=cin_figures.cpp_rate_per_10k,
        children=cin_rows.on_plan_rows,
        dfe_source=f"{CIN_PUBLICATION}: rate of children subject to a plan at 31 March; LAIT "
        "measure 215 (CPP_rate)",
    ),
    _cin(
        id="cpp_subsequent_pct",
        title="Second or subsequent child protection plans",
        domain=CHILD_PROTECTION,
        description="Plans started in the last 12 months for a child who had had a plan before.",
        numerator="Plans starting in the 12 months with NumberOfPreviousCPP 1 or more, or an "
        "earlier plan of the child",
        denominator="Plans starting (CPPstartDate) in the 12 months",
        unit="percent",
        polarity="lower_is_better",
        period_rule=TWELVE_MONTHS,
        compute=cin_figures.cpp_subsequent_pct,
        children=cin_rows.plan_start_rows,
        dfe_source=f"{CIN_PUBLICATION}: d3_cpps_subsequent_plan (CPP_subsequent_percent); "
        "LAIT measure 15 (PrevRegCPR)",
    ),
    _cin(
        id="cpp_2years_pct",
        title="Child protection plans ending after 2 years or more",
        domain=CHILD_PROTECTION,
        description="Plans that ended in the last 12 months having lasted 2 years or more.",
        numerator="Plans ending in the 12 months on or after their second anniversary",
        denominator="Plans ending (CPPendDate) in the 12 months",
        unit="percent",
        polarity="lower_is_better",
        period_rule=TWELVE_MONTHS,
        compute=cin_figures.cpp_2years_pct,
        children=cin_rows.plan_end_rows,
        dfe_source=f"{CIN_PUBLICATION}: d7_cpps_ending_by_duration (2 years or more); LAIT "
        "measure 98 (CPPlans2yrs)",
    ),
    _cin(
        id="cpp_reviews_on_time_pct",
        title="Child protection plans reviewed on time",
        domain=CHILD_PROTECTION,
        description="Children on a plan for 3 months or more whose reviews were all held "
        "within the timescales (3 months, then every 6 months).",
        numerator="Of the denominator, plans none of whose reviews was late by the date",
        denominator="Plans open at the date that began 3 months or more before it",
        unit="percent",
        polarity="higher_is_better",
        period_rule=AT_DATE,
        compute=cin_figures.cpp_reviews_on_time_pct,
        children=cin_rows.plan_review_rows,
        dfe_source=f"{CIN_PUBLICATION}: d6_cpps_reviewed_within_timescales; LAIT measure 19 "
        "(CPP_Reviewed_InReqTimeScl)",
    ),
    _cin(
        id="cin_count",
        title="Children in need",
        domain=CHILDREN_IN_NEED,
        description="Children with an open episode of need on the day, referrals that ended "
        "in no further action aside.",
        numerator="Children with an episode of need open at the date (not ReferralNFA)",
        denominator=None,
        unit="count",
        polarity="neutral",
        period_rule=AT_DATE,
        compute=cin_figures.cin_count,
        children=cin_rows.in_need_rows,
        decimals=0,
        dfe_source=f"{CIN_PUBLICATION}: b1_children_in_need (At31_episodes); LAIT measure 171",
    ),
    _cin(
        id="cin_rate_per_10k",
        title="Children in need per 10,000 children",
        domain=CHILDREN_IN_NEED,
        description="Children in need for every 10,000 children in the area.",
        numerator="Children with an episode of need open at the date",
        denominator="Children aged 0-17 in the area (ONS mid-year estimate) / 10,000",
        unit="rate",
        polarity="neutral",
        period_rule=AT_DATE,
        compute=cin_figures.cin_rate_per_10k,
        children=cin_rows.in_need_rows,
        dfe_source=f"{CIN_PUBLICATION}: b1 children in need rate per 10,000; LAIT measure 171 "
        "(CIN)",
    ),
)

SIX_MONTHS = (
    "The six months ending on the as-at date, both ends inclusive (for 30 September 2025: "
    "1 April to 30 September 2025)"
)
ANNEX_A = "Ofsted, Annex A: children's services inspection data"
AT_LISTS_END = (
    "The day the Annex A lists end (the day the council ran them); no figure at earlier "
    "month-ends, as the list holds each young person's current status"
)


def _annex_a(**fields) -> Indicator:
    """An indicator read from the council's latest Annex A (indicators/annex_a), cut by each
    list's own Allocated Team and Allocated Worker (breakdowns.ROW_HOLDERS) unless its list
    names none (by_team=False)."""
    return Indicator(source_return="annex_a", **fields)


ANNEX_A_INDICATORS: tuple[Indicator, ...] = (
    _annex_a(
        id="annex_a_contacts_to_referral_pct",
        title="Contacts leading to a referral",
        domain=FRONT_DOOR,
        description="Of the contacts in the last six months, those that became a referral to "
        "children's social care within 5 working days, from the council's latest Annex A.",
        numerator="Contacts (list 1) whose child has a referral (list 3) from the contact's "
        "day to 5 working days after it",
        denominator="Contacts (list 1, Date of Contact) in the six months",
        unit="percent",
        polarity="neutral",
        period_rule=SIX_MONTHS,
        compute=annex_a_figures.annex_a_contacts_to_referral_pct,
        children=annex_a_figures.contact_rows,
        dfe_source=f"DfE collects no contacts; from {ANNEX_A}, lists 1 and 3, with "
        "Trajectory's window of 5 working days",
        local_measure=True,
        by_team=False,  # list 1 names no team or worker
    ),
    _annex_a(
        id="annex_a_rereferrals_pct",
        title="Re-referrals within 12 months (Annex A)",
        domain=FRONT_DOOR,
        description="Referrals in the last six months of a child referred in the 12 months "
        "before, as the council's latest Annex A records them.",
        numerator="Referrals whose Number of Referrals in Last 12 Months is 2 or more",
        denominator="Referrals (list 3, Date of referral) in the six months with that count "
        "filled in",
        unit="percent",
        polarity="lower_is_better",
        period_rule=SIX_MONTHS,
        compute=annex_a_figures.annex_a_rereferrals_pct,
        children=annex_a_figures.rereferral_rows,
        dfe_source=f"{ANNEX_A}, list 3, counted as {CIN_PUBLICATION}: c1 rereferral_percent; "
        "LAIT measure 271 (ReReferral), which is the year to 31 March (cin_rereferrals_pct)",
    ),
    _annex_a(
        id="annex_a_assessments_45wd_pct",
        title="Assessments completed within 45 working days (Annex A)",
        domain=FRONT_DOOR,
        description="Assessments authorised in the last six months within 45 working days of "
        "their start, from the council's latest Annex A.",
        numerator="Assessments authorised on or before the 45th working day after the start",
        denominator="Assessments (list 4) authorised in the six months",
        unit="percent",
        polarity="higher_is_better",
        period_rule=SIX_MONTHS,
        compute=annex_a_figures.annex_a_assessments_45wd_pct,
        children=annex_a_figures.assessment_rows,
        dfe_source=f"{ANNEX_A}, list 4, counted as {CIN_PUBLICATION}: assessments completed "
        "within 45 working days; LAIT measure 304 (Continue_Assess_Comp), which is the year to "
        "31 March",
    ),
    _annex_a(
        id="annex_a_icpc_15wd_pct",
        title="Initial child protection conferences within 15 working days (Annex A)",
        domain=CHILD_PROTECTION,
        description="Initial conferences in the last six months held within 15 working days of "
        "the strategy discussion, from the council's latest Annex A.",
        numerator="Conferences held on or before the 15th working day after the strategy "
        "discussion",
        denominator="Initial conferences (list 5, Date of Initial Child Protection Conference) "
        "in the six months",
        unit="percent",
        polarity="higher_is_better",
        period_rule=SIX_MONTHS,
        compute=annex_a_figures.annex_a_icpc_15wd_pct,
        children=annex_a_figures.conference_rows,
        dfe_source=f"{ANNEX_A}, list 5, counted as {CIN_PUBLICATION}: c4 ICPCs within 15 "
        "working days; LAIT measure 218 (CP_conf_15days), which is the year to 31 March",
    ),
    _annex_a(
        id="annex_a_cpp_open_2years_pct",
        title="Children on a child protection plan for 2 years or more",
        domain=CHILD_PROTECTION,
        description="Of the children on a child protection plan on the day, those whose plan "
        "began 2 years or more before, from the council's latest Annex A.",
        numerator="Plans open at the date that began on or before the same day 2 years earlier",
        denominator="Plans (list 7) open at the date",
        unit="percent",
        polarity="lower_is_better",
        period_rule=AT_DATE,
        compute=annex_a_figures.annex_a_cpp_open_2years_pct,
        children=annex_a_figures.plan_rows,
        dfe_source=f"{ANNEX_A}, list 7. DfE's LAIT measure 98 counts the plans that ended "
        "after 2 years or more (cpp_2years_pct), not those open on a day",
        local_measure=True,
    ),
    _annex_a(
        id="annex_a_care_leavers_in_touch_pct",
        title="Care leavers aged 19-21 in touch (Annex A)",
        domain=CARE_LEAVERS,
        description="Care leavers aged 19 to 21 the council is in touch with, on the day its "
        "latest Annex A was run.",
        numerator="Care leavers with LA in Touch YES",
        denominator="Care leavers (list 9) aged 19 to 21 on the day, except those who died or "
        "returned home (DIED, RHOM)",
        unit="percent",
        polarity="higher_is_better",
        period_rule=AT_LISTS_END,
        compute=annex_a_figures.annex_a_care_leavers_in_touch_pct,
        children=annex_a_figures.in_touch_rows,
        dfe_source=f"{ANNEX_A}, list 9. DfE's in touch figure (LAIT measures 317 and 333) is "
        "of the OC3 cohort round the 19th to 21st birthdays in the year (care_leavers_in_touch"
        "_pct), not of every care leaver on one day",
        local_measure=True,
    ),
    _annex_a(
        id="annex_a_care_leavers_in_touch_17_18_pct",
        title="Care leavers aged 17-18 in touch (Annex A)",
        domain=CARE_LEAVERS,
        description="Care leavers aged 17 or 18 the council is in touch with, on the day its "
        "latest Annex A was run.",
        numerator="Care leavers with LA in Touch YES",
        denominator="Care leavers (list 9) aged 17 or 18 on the day, except those who died or "
        "returned home (DIED, RHOM)",
        unit="percent",
        polarity="higher_is_better",
        period_rule=AT_LISTS_END,
        compute=annex_a_figures.annex_a_care_leavers_in_touch_17_18_pct,
        children=annex_a_figures.in_touch_17_18_rows,
        dfe_source=f"{ANNEX_A}, list 9. DfE's in touch figure (LAIT measures 317 and 333) is "
        "of the OC3 cohort round the 17th and 18th birthdays in the year (care_leavers_in_"
        "touch_17_18_pct), not of every care leaver on one day",
        local_measure=True,
    ),
)

WORKFORCE_INDICATORS: tuple[Indicator, ...] = (
    _workforce(
        id="workforce_caseload_per_fte",
        title="Caseload per social worker (FTE)",
        domain=WORKFORCE,
        description="Average cases held on 30 September by each case-holding social worker, "
        "full-time equivalent.",
        numerator="Cases held on 30 September (Cases30) by case holders",
        denominator="Case holders' FTE on 30 September (FTE30), agency workers included",
        unit="per FTE",
        polarity="lower_is_better",
        compute=workforce_figures.workforce_caseload_per_fte,
        children=workforce_figures.worker_rows,
        dfe_source=f"{CSWW_PUBLICATION} (caseload_fte); LAIT measure 287 "
        "(Work_Force_AvgNumCase_SW)",
    ),
    _workforce(
        id="workforce_vacancy_pct",
        title="Social worker vacancy rate",
        domain=WORKFORCE,
        description="Vacant social worker posts on 30 September (FTE), of vacancies and "
        "social workers in post.",
        numerator="FTE vacancies on 30 September",
        denominator="FTE vacancies plus the FTE of social workers in post (not agency)",
        unit="percent",
        polarity="lower_is_better",
        compute=workforce_figures.workforce_vacancy_pct,
        children=workforce_figures.worker_rows,
        dfe_source=f"{CSWW_PUBLICATION} (vacancy_rate_fte); LAIT measure 287 (Work_Force_Vac_Rate)",
    ),
    _workforce(
        id="workforce_agency_pct",
        title="Agency social worker rate",
        domain=WORKFORCE,
        description="Agency social workers on 30 September (FTE), of all social workers.",
        numerator="FTE of agency workers on 30 September",
        denominator="FTE of agency workers plus social workers in post",
        unit="percent",
        polarity="lower_is_better",
        compute=workforce_figures.workforce_agency_pct,
        children=workforce_figures.worker_rows,
        dfe_source=f"{CSWW_PUBLICATION} (agency_rate_fte); LAIT measure 287 "
        "(Work_Force_Agecy_Rate)",
    ),
    _workforce(
        id="workforce_turnover_pct",
        title="Social worker turnover",
        domain=WORKFORCE,
        description="Social workers (FTE) who left in the year to 30 September, of those in "
        "post on 30 September.",
        numerator="FTE of social workers (not agency) leaving in the census year",
        denominator="FTE of social workers in post on 30 September",
        unit="percent",
        polarity="lower_is_better",
        compute=workforce_figures.workforce_turnover_pct,
        children=workforce_figures.worker_rows,
        dfe_source=f"{CSWW_PUBLICATION} (turnover_rate_fte); LAIT measure 287 (Work_Force_TO_Rate)",
    ),
    _workforce(
        id="workforce_absence_pct",
        title="Social worker sickness absence",
        domain=WORKFORCE,
        description="Working days lost to sickness in the year to 30 September, of the "
        "working days of the social workers in post.",
        numerator="Working days lost to sickness absence (not agency)",
        denominator="FTE of social workers in post on 30 September x 253 working days",
        unit="percent",
        polarity="lower_is_better",
        compute=workforce_figures.workforce_absence_pct,
        children=workforce_figures.worker_rows,
        dfe_source=f"{CSWW_PUBLICATION} (absence_rate_fte); LAIT measure 287 "
        "(Work_Force_SWAbsence)",
    ),
    Indicator(
        id="workforce_supervision_pct",
        title="Supervisions held",
        domain=WORKFORCE,
        description="Social workers' supervisions due in the month that were held, where the "
        "council records its workforce monthly.",
        numerator="Supervisions held in the month",
        denominator="Supervisions due in the month",
        unit="percent",
        polarity="higher_is_better",
        period_rule="The calendar month ending on the as-at date",
        compute=workforce_figures.workforce_supervision_pct,
        children=workforce_figures.supervision_rows,
        source_return="workforce_snapshots",
        by_team=False,
        dfe_source="DfE collects no supervision figure; from the council's monthly workforce "
        "figures",
        local_measure=True,
    ),
)

# Figures of records the council keeps in Trajectory rather than of a return, by source, as an
# indicator's page names its source.
KEPT_SOURCES = {
    "workforce_snapshots": "The council's monthly workforce figures, recorded in Trajectory",
    "assurance": "The council's case audits, recorded in Trajectory",
    "supervision": "The council's supervision records, recorded in Trajectory",
}

QUALITY = "quality of practice"
IN_THE_MONTH = "The calendar month ending on the as-at date"
NO_DFE_QUALITY = "DfE collects no figure of this; from the council's own records in Trajectory"


def _records(source: str, **fields) -> Indicator:
    """An indicator counted from records kept in Trajectory (indicators/records)."""
    return Indicator(
        source_return=source,
        by_team=False,
        domain=QUALITY,
        unit="percent",
        polarity="higher_is_better",
        period_rule=IN_THE_MONTH,
        children=records.no_children,
        dfe_source=NO_DFE_QUALITY,
        local_measure=True,
        **fields,
    )


RECORD_INDICATORS: tuple[Indicator, ...] = (
    _records(
        "assurance",
        id="audits_good_or_better_pct",
        title="Case audits graded good or better",
        description="Of the month's completed case audits, those whose final grade is "
        "outstanding or good: how good practice is, as the council's own auditors find it.",
        numerator="Completed audits whose final grade is outstanding or good",
        denominator="Audits completed in the month (submitted or moderated)",
        compute=records.from_records(
            "audits_good_or_better_pct",
            "Of the audits of the month's programme that were completed (submitted, or "
            "moderated), those whose final grade is outstanding or good on Ofsted's scale; the "
            "final grade is the moderator's where the audit was moderated, else the auditor's.",
        ),
    ),
    _records(
        "assurance",
        id="audit_moderation_agreement_pct",
        title="Case audits where moderation agreed the grade",
        description="Of the month's moderated audits, those where the moderator gave the same "
        "overall grade as the auditor: how consistently the council judges its own practice.",
        numerator="Moderated audits whose moderator gave the auditor's overall grade",
        denominator="Audits moderated in the month",
        compute=records.from_records(
            "audit_moderation_agreement_pct",
            "Of the audits of the month's programme that a second auditor moderated, those "
            "whose moderator's overall grade is the auditor's.",
        ),
    ),
    _records(
        "assurance",
        id="audits_completed_pct",
        title="Case audits completed against the programme",
        description="Of the children the month's audit programme sampled, those whose audit "
        "was completed.",
        numerator="Audits submitted or moderated",
        denominator="Audits the month's programme sampled",
        compute=records.from_records(
            "audits_completed_pct",
            "Of the audits the month's programme sampled (children drawn by its rules and "
            "seed), those submitted by an auditor or moderated by a second one.",
        ),
    ),
    _records(
        "supervision",
        id="supervision_compliance_pct",
        title="Supervisions held on time",
        description="Of the supervisions social workers were due in the month under the "
        "council's standard, those held on time.",
        numerator="Supervisions due in the month that were held within their period",
        denominator="Supervisions due in the month (periods whose last day falls in it)",
        compute=records.from_records(
            "supervision_compliance_pct",
            "Of the supervision periods whose due date (their last day) falls in the calendar "
            "month, under the council's standard (by default weekly in a newly qualified "
            "worker's first six weeks, fortnightly to six months, then monthly), those with a "
            "supervision of a counted type dated within the period. A month with none due has "
            "no figure.",
        ),
    ),
    _records(
        "supervision",
        id="case_oversight_pct",
        title="Children’s cases with management oversight",
        description="Of the children whose cases were open through the required period, those "
        "with management oversight recorded on their case within it.",
        numerator="Children with management oversight recorded within the period",
        denominator="Children open on the day whose case opened before the period began",
        compute=records.from_records(
            "case_oversight_pct",
            "On the month's last day, of the children open whose case opened on or before the "
            "start of the council's required period ending that day, those with management "
            "oversight recorded against them within that period.",
        ),
    ),
)

INDICATORS: tuple[Indicator, ...] = (
    SSDA903_INDICATORS
    + CIN_INDICATORS
    + ANNEX_A_INDICATORS
    + WORKFORCE_INDICATORS
    + RECORD_INDICATORS
)

CADENCE_TEXT = {
    "monthly": "monthly (a figure at every month-end, compared with 3 and 12 months before)",
    "annual": "annual (one cohort a collection year, shown as one point a year and compared "
    "with the year before)",
}

_BY_ID = {indicator.id: indicator for indicator in INDICATORS}


def get(indicator_id: str) -> Indicator:
    """The indicator with this id (KeyError if there is none)."""
    return _BY_ID[indicator_id]


def render_docs() -> str:
    """docs/indicators.md, written from the catalogue so the two cannot drift apart."""
    lines = [
        "# Indicators",
        "",
        "<!-- Generated from src/trajectory/indicators/registry.py by",
        "     `trajectory indicators --write-docs docs/indicators.md`; do not edit by hand. -->",
        "",
        "Every children-in-care indicator is computed from the latest accepted SSDA903 return",
        "with Polars, for",
        "any as-at date and as a monthly series (every month-end from 12 months after the data",
        "begins to the month-end it ends). Percentages are 0-100; a count has no denominator.",
        "An annual indicator (the care leavers' OC3 cohort) is one figure a collection year: it",
        "is shown as one point a year and compared with the year before's cohort, which comes",
        "from the newest earlier return holding that year. A figure is shown to the decimal",
        "places stated below on every page, export and the command line, and two figures are",
        "compared as shown: a change too small to show is no change.",
        "",
        "The front door, help and protection indicators are computed from the CIN census",
        "(every census year held, stacked, so the series runs across them; a figure whose",
        "period runs outside the years held has none), the workforce indicators from the",
        "social work workforce census (one figure a census, at 30 September) and, where the",
        "council records them, its monthly workforce figures. Neither census names a team, so",
        "their indicators are not cut by team or worker.",
        "",
        "The Annex A indicators are read from the council's latest Annex A (Ofsted's lists",
        "for an inspection, run on any day): a figure at every month-end the lists cover and",
        "at the day they end, so they are current where the census's stand at 31 March.",
        "",
        "## Rules every indicator shares",
        "",
        inspect.cleandoc(ssda903.__doc__ or "").split("\n\n", 2)[2],
        "",
        "## Rules every CIN census indicator shares",
        "",
        inspect.cleandoc(cin.__doc__ or "").split("\n\n", 2)[2],
        "",
        "## Rules every Annex A indicator shares",
        "",
        inspect.cleandoc(annex_a.__doc__ or "").split("\n\n", 2)[2],
        "",
        "## The workforce census",
        "",
        inspect.cleandoc(workforce.__doc__ or "").split("\n\n", 1)[1],
        "",
        "## Catalogue",
        "",
        "| id | title | unit | polarity | period |",
        "|---|---|---|---|---|",
    ]
    for indicator in INDICATORS:
        polarity = indicator.polarity.replace("_", " ")
        lines.append(
            f"| `{indicator.id}` | {indicator.title} | {indicator.unit} | {polarity} | "
            f"{indicator.period_rule.split(' (')[0].split(';')[0]} |"
        )
    for indicator in INDICATORS:
        lines += [
            "",
            f"## `{indicator.id}` — {indicator.title}",
            "",
            indicator.description,
            "",
            f"- **Domain:** {indicator.domain}",
            f"- **Unit:** {indicator.unit} ({indicator.decimals} decimal places shown)",
            f"- **Polarity:** {indicator.polarity.replace('_', ' ')}",
            f"- **Cadence:** {CADENCE_TEXT[indicator.cadence]}",
            f"- **Numerator:** {indicator.numerator}",
            f"- **Denominator:** {indicator.denominator or 'none (a count)'}",
            f"- **Period:** {indicator.period_rule}",
            f"- **Source:** {indicator.source_return.upper()}",
            f"- **DfE counterpart:** {indicator.counterpart_text}",
            f"- **Computed by:** `{indicator.compute.__module__}.{indicator.compute.__name__}`",
            "",
            "**Counting rule.** " + indicator.rule,
        ]
    return "\n".join(lines) + "\n"
