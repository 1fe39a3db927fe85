"""The code mixes the synthetic SSDA903 generator draws from, with where each shape comes from.

Weights are rough shares taken from DfE's "Children looked after in England including adoptions"
statistics (2021 to 2024 releases: starts by age, legal status, placement type, reasons ceased,
ethnicity) and the SSDA903 guidance's code lists. They only need to look like a plausible English
council, not match any one: nothing here is real child data.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from itertools import accumulate


@dataclass(frozen=True, slots=True)
class Mix:
    """A weighted choice among codes, drawn with one uniform number."""

    codes: tuple[str, ...]
    cumulative: tuple[float, ...]

    @classmethod
    def of(cls, weights: dict[str, float]) -> Mix:
        total = sum(weights.values())
        cumulative = [c / total for c in accumulate(weights.values())]
        cumulative[-1] = 1.0  # uniform() < 1, so the index never runs past the last code
        return cls(tuple(weights), tuple(cumulative))

    def pick(self, uniform: Callable[[], float]) -> str:
        return self.codes[bisect_right(self.cumulative, uniform())]


SEX = Mix.of({"M": 55.6, "F": 44.3, "U": 0.1})
SEX_UASC = Mix.of({"M": 93, "F": 7})

# Children looked after by ethnicity, England (WBRI about two in three).
ETHNICITY = Mix.of(
    {
        "WBRI": 66,
        "WIRI": 0.3,
        "WOTH": 4.5,
        "WIRT": 0.5,
        "WROM": 0.6,
        "MWBC": 3.6,
        "MWBA": 0.9,
        "MWAS": 1.0,
        "MOTH": 3.4,
        "AIND": 0.6,
        "APKN": 1.2,
        "ABAN": 0.5,
        "AOTH": 1.2,
        "BCRB": 1.3,
        "BAFR": 2.6,
        "BOTH": 1.0,
        "CHNE": 0.1,
        "OOTH": 2.0,
        "REFU": 0.4,
        "NOBT": 0.8,
    }
)
# Unaccompanied children: mostly from Afghanistan, Sudan, Eritrea, Iran, Iraq, Vietnam, Albania.
ETHNICITY_UASC = Mix.of({"AOTH": 30, "BAFR": 25, "OOTH": 25, "BOTH": 8, "WOTH": 10, "CHNE": 2})

# Age at starting to be looked after, in days (DfE starts by age: under 1 about 18%).
ENTRY_AGE = Mix.of({"0": 18, "1": 13, "5": 14, "10": 35, "16": 20})
ENTRY_AGE_DAYS = {
    "0": (1, 365),
    "1": (365, 5 * 365),
    "5": (5 * 365, 10 * 365),
    "10": (10 * 365, 16 * 365),
    "16": (16 * 365, 18 * 365 - 20),
}

# How a period of care unfolds, by age at entry. The path decides the legal route, length and
# the reason it ends: see ssda903._length, ssda903._care_plan and REASON_CEASED below.
PATH = {
    "0": Mix.of({"adoption": 24, "sgo": 18, "home_quick": 10, "home": 20, "long_term": 28}),
    "1": Mix.of({"adoption": 12, "sgo": 20, "home_quick": 14, "home": 30, "long_term": 24}),
    "5": Mix.of({"sgo": 12, "home_quick": 19, "home": 33, "long_term": 36}),
    "10": Mix.of({"sgo": 3, "home_quick": 28, "home": 28, "long_term": 36, "remand": 3, "pace": 2}),
    "16": Mix.of({"home_quick": 24, "home": 10, "to_18": 60, "remand": 4, "pace": 2}),
}
PATH_UASC = Mix.of({"to_18": 76, "transfer": 20, "home_quick": 4})

REASON_CEASED = {
    "home_quick": Mix.of({"E4A": 68, "E4B": 16, "E13": 9, "E8": 6, "E16": 1}),
    "home": Mix.of({"E4A": 78, "E4B": 8, "E41": 8, "E8": 5, "E13": 1}),
    "sgo": Mix.of({"E43": 18, "E44": 10, "E45": 47, "E46": 25}),
    "adoption": Mix.of({"E11": 86, "E12": 14}),
    "long_term": Mix.of(
        {"E4A": 42, "E41": 9, "E45": 18, "E43": 6, "E8": 11, "E3": 6, "E13": 6, "E16": 1, "E2": 1}
    ),
    "remand": Mix.of({"E14": 62, "E9": 24, "E4A": 14}),
    "pace": Mix.of({"E14": 80, "E4A": 20}),
    "transfer": Mix.of({"E3": 100}),
}
# Ending on the 18th birthday, by whether the young person is in a foster placement.
REASON_CEASED_AT_18_FOSTERED = Mix.of({"E17": 46, "E5": 28, "E6": 5, "E8": 16, "E7": 5})
REASON_CEASED_AT_18_OTHER = Mix.of({"E5": 56, "E6": 10, "E8": 28, "E7": 6})

CATEGORY_OF_NEED = Mix.of(
    {"N1": 66, "N2": 3, "N3": 3, "N4": 7, "N5": 13, "N6": 2, "N7": 0.3, "N8": 5.7}
)

# Placement types by age at the start of the placement (no under-16s in H5/K3 since 2021).
PLACEMENT_BY_AGE = (
    (1, Mix.of({"U6": 55, "U3": 24, "U4": 10, "U5": 4, "U1": 5, "U2": 2})),
    (5, Mix.of({"U6": 50, "U4": 16, "U3": 20, "U1": 10, "K2": 1, "U5": 2, "R2": 1})),
    (12, Mix.of({"U6": 45, "U4": 22, "U3": 14, "U1": 10, "K2": 6, "S1": 1.5, "K1": 0.5, "R2": 1})),
    (
        16,
        Mix.of(
            {
                "U6": 40,
                "U4": 17,
                "U3": 10,
                "U1": 7,
                "K2": 21,
                "K1": 1.5,
                "S1": 1.5,
                "R2": 1,
                "R1": 1,
            }
        ),
    ),
    (
        18,
        Mix.of({"U6": 26, "U4": 14, "U3": 5, "U1": 3, "K2": 14, "SUPPORTED": 36, "R1": 1, "P2": 1}),
    ),
)
PROVIDER = {
    "U": Mix.of({"PR1": 60, "PR4": 35, "PR5": 5}),
    "K": Mix.of({"PR4": 76, "PR1": 19, "PR5": 5}),
    "H": Mix.of({"PR4": 70, "PR1": 18, "PR5": 12}),
    "A": Mix.of({"PR1": 60, "PR2": 15, "PR5": 25}),
    "R": Mix.of({"PR3": 100}),
    "S": Mix.of({"PR4": 80, "PR5": 20}),
}  # P2 draws from "H"; P1 (placed with parents) is always PR0
# Why a placement ended: care plan, carer's request (child's behaviour or other), child's request,
# council's request, closure, allegation, standards of care, approval removed, custody, other.
REASON_PLACE_CHANGE = Mix.of(
    {
        "CARPL": 44,
        "CREQB": 12,
        "CREQO": 6,
        "CHILD": 8,
        "LAREQ": 8,
        "CLOSE": 5,
        "ALLEG": 2,
        "STAND": 3,
        "APPRR": 1,
        "CUSTOD": 1,
        "OTHER": 4,
        "PLACE": 6,
    }
)

SHORT_BREAK_PLACEMENT = Mix.of({"K2": 45, "U6": 35, "U4": 20})
SHORT_BREAK_PROVIDER = Mix.of({"PR1": 62, "PR4": 28, "PR5": 10})
SHORT_BREAK_NEED = Mix.of({"N2": 90, "N1": 3, "N3": 3, "N4": 4})

# Participation in reviews for children aged 4 or over (PN0 is under 4).
REVIEW_PARTICIPATION = Mix.of(
    {"PN1": 58, "PN2": 5, "PN3": 5, "PN4": 7, "PN5": 15, "PN6": 6, "PN7": 4}
)

# Care leavers: in touch, activity and accommodation, by age at the birthday.
IN_TOUCH_17_18 = Mix.of({"YES": 91, "NO": 4, "REFU": 2, "RHOM": 2.8, "DIED": 0.2})
IN_TOUCH_19_21 = Mix.of({"YES": 87, "NO": 5, "REFU": 3, "NREQ": 4.8, "DIED": 0.2})
ACTIVITY_17_18 = Mix.of(
    {"F2": 42, "P2": 5, "F4": 8, "P4": 4, "F5": 4, "P5": 1, "F1": 2, "G4": 6, "G5": 26, "G6": 2}
)
ACTIVITY_19_21 = Mix.of(
    {
        "F1": 8,
        "P1": 2,
        "F2": 10,
        "P2": 3,
        "F4": 20,
        "P4": 8,
        "F5": 4,
        "P5": 1,
        "G4": 10,
        "G5": 28,
        "G6": 6,
    }
)
ACCOMMODATION_17_18 = Mix.of(
    {
        "Z": 24,
        "D": 21,
        "B": 10,
        "E": 8,
        "C": 7,
        "U": 10,
        "K": 3,
        "T": 3,
        "S": 1,
        "V": 1,
        "W": 0.5,
        "X": 2,
        "Y": 3,
        "R": 1.5,
    }
)
ACCOMMODATION_19_21 = Mix.of(
    {
        "U": 40,
        "B": 12,
        "Z": 8,
        "D": 10,
        "E": 5,
        "K": 5,
        "T": 3,
        "S": 2,
        "V": 1,
        "W": 0.5,
        "X": 3,
        "Y": 4,
        "R": 1.5,
        "G": 1,
    }
)
# Share judged unsuitable, by kind of accommodation: no fixed abode (S) and custody (X) always
# are (DfE does not use S1 or X1), emergency accommodation and B&B mostly.
UNSUITABLE = {"S": 1.0, "X": 1.0, "V": 0.7, "W": 0.9, "R": 0.5}
UNSUITABLE_OTHERWISE = 0.06
