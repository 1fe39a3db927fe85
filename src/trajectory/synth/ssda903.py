"""A seeded synthetic SSDA903 extract for one council: realistic volumes, codes and journeys.

Each child's care is simulated as a journey: an entry at some age, a path (return home quickly
or later, special guardianship, adoption, long-term care, care to 18, remand, transfer of an
unaccompanied child), placement moves and legal status changes as new episodes, and sometimes a
re-entry after going home. Entries arrive evenly from 22 years before the window opens to its
end, so children already in care when the window opens appear with their earlier episodes (a
warm-up), and care leavers in the last collection year are in OC3. Journeys are drawn until exactly
`children` of them touch the window; those that do not are never written. Each period of care
is planned first (its legal route and the dated changes of status and placement), then written
as `CareEpisode`s, which take DfE column names only as rows of the Episodes table.

The extract holds, for every child in it, the episodes of each period of care that was open at
some point in the window (including that period's episodes before the window), the reviews and
missing episodes during those periods, the UASC row of unaccompanied children, and the OC3 row
of care leavers whose 17th to 21st birthday falls in the last collection year. Code mixes are in
`trajectory.synth.mixes`. The same seed gives the same tables, byte for byte once written.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, replace
from datetime import date
from itertools import groupby
from operator import attrgetter
from pathlib import Path
from typing import NamedTuple

import polars as pl

from trajectory.returns.ssda903.schema import TABLES_BY_NAME
from trajectory.synth import mixes

TABLE_NAMES = ("Header", "Episodes", "Reviews", "UASC", "OC3", "Missing")
_EPOCH = date(1970, 1, 1).toordinal()
_WARM_UP_YEARS = 22  # a 21-year-old care leaver may have entered care at birth
_SUPPORTED_ACCOMMODATION_REGULATED = date(2023, 10, 28).toordinal()
_YEAR_2025_26 = date(2025, 4, 1).toordinal()  # H5, P2 and Z1 leave the code list

_SHORT_BREAKS_SHARE = 0.07  # of entries; about 7% of children in a three-year extract
_UASC_SHARE = 0.05
_REENTRY_AFTER_HOME = 0.25
_HOME_ENDINGS = frozenset({"E4A", "E4B", "E13", "E41"})
_NOT_CARE_LEAVERS = frozenset({"E2", "E3", "E11", "E12"})  # died, transferred, adopted
_POSTCODE_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"


@dataclass(slots=True)
class _Period:
    """A period of care: from starting to be looked after to ceasing."""

    start: int  # ordinal day
    stop: int  # planned last day; after the extract's end means still looked after
    path: str
    reason_ceased: str  # "AT18" until the placement on the 18th birthday is known


@dataclass(slots=True)
class _Journey:
    """One child's care history: birth, 18th birthday, and each period of care in order."""

    born: int
    turns_18: int
    unaccompanied: bool
    short_breaks: bool
    periods: list[_Period]


@dataclass(frozen=True, slots=True)
class _Window:
    """The extract's span and the council's own habits, drawn once from the seed."""

    council_code: str
    first_day: int
    last_day: int
    last_year_first_day: int
    late_review_rate: float
    move_rate: float
    missing_propensity: float


def generate(
    *, council_code: str, children: int, years: int, seed: int, end: date = date(2025, 3, 31)
) -> dict[str, pl.DataFrame]:
    """A synthetic SSDA903 extract of `children` children over the `years` years ending `end`.

    Keys are DfE table names, columns DfE names; dates are pl.Date, everything else pl.Utf8.
    """
    if children < 1 or years < 1:
        raise ValueError("children and years must be at least 1")
    rng = random.Random(seed)
    uniform = rng.random
    window = _Window(
        council_code=council_code,
        first_day=_years_before(end, years) + 1,
        last_day=end.toordinal(),
        last_year_first_day=_years_before(end, 1) + 1,
        late_review_rate=0.04 + 0.12 * uniform(),
        move_rate=0.75 + 0.5 * uniform(),
        missing_propensity=0.15 + 0.15 * uniform(),
    )
    span_start = _years_before(end, years + _WARM_UP_YEARS)
    span_days = window.last_day - span_start + 1
    numbers = rng.sample(range(1, 10 * children + 1), children)
    width = max(6, len(str(10 * children)))
    rows = _Rows()
    kept = 0
    while kept < children:
        journey = _draw_journey(rng, span_start + int(uniform() * span_days), window)
        if journey is None:
            continue
        care_leaver_age = _care_leaver_age(journey, window)
        in_window = any(
            p.start <= window.last_day and p.stop >= window.first_day for p in journey.periods
        )
        if not in_window and care_leaver_age is None:
            continue
        child_id = f"{council_code}{numbers[kept]:0{width}d}"
        _write_child(rows, rng, child_id, journey, care_leaver_age, window)
        kept += 1
    return rows.frames()


def write_csv(tables: dict[str, pl.DataFrame], out_dir: Path) -> list[Path]:
    """Write each table as DfE-format CSV (dates dd/mm/yyyy, empty for null), one file each."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, frame in tables.items():
        path = out_dir / f"{name.lower()}.csv"
        frame.write_csv(path, date_format="%d/%m/%Y", null_value="", line_terminator="\n")
        paths.append(path)
    return paths


def looked_after_on(tables: dict[str, pl.DataFrame], day: date) -> int:
    """Children looked after on a day, leaving out care that is only short breaks (V3/V4)."""
    episodes = tables["Episodes"]
    return (
        episodes.filter(
            (pl.col("DECOM") <= day)
            & (pl.col("DEC").is_null() | (pl.col("DEC") > day))
            & ~pl.col("LS").is_in(["V3", "V4"])
        )
        .get_column("CHILD")
        .n_unique()
    )


# --- journeys -----------------------------------------------------------------------------


def _draw_journey(rng: random.Random, entry: int, window: _Window) -> _Journey | None:
    """One child's care history from its first entry, or None when it cannot reach the window."""
    uniform = rng.random
    if uniform() < _SHORT_BREAKS_SHARE:
        born = entry - int((4 + uniform() * 12) * 365.25)
        if born + 6575 < window.first_day:
            return None
        turns_18 = _birthday(born, 18)
        stop = min(entry + int(rng.lognormvariate(math.log(3 * 365), 0.6)), turns_18 - 1)
        return _Journey(born, turns_18, False, True, [_Period(entry, stop, "short_breaks", "")])
    unaccompanied = uniform() < _UASC_SHARE
    if unaccompanied:
        age = int((14 + uniform() * 3.8) * 365.25)
    else:
        low, high = mixes.ENTRY_AGE_DAYS[mixes.ENTRY_AGE.pick(uniform)]
        age = low + int(uniform() * (high - low))
    born = entry - age
    if born + 21 * 366 < window.last_year_first_day:  # too old to be in the extract at all
        return None
    turns_18 = _birthday(born, 18)
    periods: list[_Period] = []
    start = entry
    while True:
        if unaccompanied and not periods:
            path = mixes.PATH_UASC.pick(uniform)
        else:
            path = mixes.PATH[_age_group(start - born)].pick(uniform)
        stop = start + _length(rng, path, start - born)
        if path == "to_18" or stop >= turns_18:
            periods.append(_Period(start, turns_18, path, "AT18"))
            break
        reason = mixes.REASON_CEASED[path].pick(uniform)
        periods.append(_Period(start, stop, path, reason))
        if reason in _HOME_ENDINGS and uniform() < _REENTRY_AFTER_HOME:
            start = stop + 30 + int(rng.lognormvariate(math.log(365), 0.8))
            if start < turns_18 - 60:
                continue
        break
    return _Journey(born, turns_18, unaccompanied, False, periods)


def _age_group(age_days: int) -> str:
    if age_days < 365:
        return "0"
    if age_days < 5 * 365.25:
        return "1"
    if age_days < 10 * 365.25:
        return "5"
    if age_days < 16 * 365.25:
        return "10"
    return "16"


def _length(rng: random.Random, path: str, age_days: int) -> int:
    """Days in care on each path: many short stays, a long tail of years (DfE durations)."""
    if path == "home_quick":
        return max(1, int(rng.lognormvariate(math.log(21), 0.9)))
    if path == "home":
        return int(rng.lognormvariate(math.log(450), 0.6)) + 1
    if path == "sgo":
        return int(rng.lognormvariate(math.log(650), 0.35)) + 1
    if path == "adoption":
        return max(300, int(rng.lognormvariate(math.log(680), 0.3)))
    if path == "long_term":
        median = 1700 if age_days < 5 * 365 else 3000
        return int(rng.lognormvariate(math.log(median), 0.7)) + 1
    if path == "remand":
        return int(rng.lognormvariate(math.log(45), 0.8)) + 1
    if path == "pace":
        return 1 + int(rng.random() * 3)
    if path == "transfer":
        return int(rng.lognormvariate(math.log(25), 0.6)) + 1
    return 40 * 365  # to_18: until the 18th birthday


def _care_leaver_age(journey: _Journey, window: _Window) -> int | None:
    """The age (17-21) at this year's birthday of a care leaver due an OC3 row, else None.

    DfE: looked after for at least 13 weeks after the 14th birthday including some time after
    the 16th, no longer looked after on the birthday; not adopted, died or transferred.
    """
    if journey.short_breaks:
        return None
    last = journey.periods[-1]
    if last.stop > window.last_day or last.reason_ceased in _NOT_CARE_LEAVERS:
        return None
    if last.stop < _birthday(journey.born, 16):
        return None
    turns_14 = _birthday(journey.born, 14)
    if sum(max(0, p.stop - max(p.start, turns_14)) for p in journey.periods) < 91:
        return None
    for age in range(17, 22):
        birthday = _birthday(journey.born, age)
        if window.last_year_first_day <= birthday <= window.last_day:
            return age if last.stop <= birthday else None
    return None


# --- one child's rows ---------------------------------------------------------------------


def _write_child(
    rows: _Rows,
    rng: random.Random,
    child_id: str,
    journey: _Journey,
    care_leaver_age: int | None,
    window: _Window,
) -> None:
    """Add a child's rows to every table: Header, Episodes, Reviews, Missing, UASC, OC3."""
    uniform = rng.random
    if journey.unaccompanied:
        sex = mixes.SEX_UASC.pick(uniform)
        ethnicity = mixes.ETHNICITY_UASC.pick(uniform)
    else:
        sex = mixes.SEX.pick(uniform)
        ethnicity = mixes.ETHNICITY.pick(uniform)
    periods = [
        p for p in journey.periods if p.start <= window.last_day and p.stop >= window.first_day
    ]
    mother_on = None
    for period in periods:
        if journey.short_breaks:
            episodes = _short_break_episodes(rng, journey, period, window)
        else:
            episodes = _care_episodes(rng, journey, period, window)
        rows.episodes.extend((child_id, *episode.row()) for episode in episodes)
        _add_reviews(rows, rng, child_id, journey, period, window)
        if sex == "F" and mother_on is None and uniform() < 0.03:
            mother_on = _young_mother_day(journey, period, window, uniform)
    if not journey.short_breaks:
        _add_missing(rows, rng, child_id, journey, periods, window)
    last_care_day = min(journey.periods[-1].stop, window.last_day)
    if last_care_day - journey.born < 5 * 365:
        upn = "UN1"  # not yet at school
    elif journey.unaccompanied and uniform() < 0.5:
        upn = "UN2"  # never attended school in England
    else:
        upn = f"SYN{child_id[-10:]:0>10}"  # clearly not a real UPN
    rows.header.append(
        (
            child_id,
            sex,
            journey.born,
            ethnicity,
            upn,
            "1" if mother_on is not None else None,
            mother_on,
        )
    )
    if journey.unaccompanied and periods:
        rows.uasc.append((child_id, sex, journey.born, journey.turns_18))
    if care_leaver_age is not None:
        rows.oc3.append((child_id, journey.born, *_care_leaver_outcome(uniform, care_leaver_age)))


# --- episodes -----------------------------------------------------------------------------

_STATUS, _PLACEMENT = 0, 1  # on one day, a new legal status sorts before a new placement
_MOVE = "MOVE"  # to a new placement with new carers
_ADOPT = "ADOPT"  # placed for adoption
_PARENTS = "PARENTS"  # placed with parents under the care order
_CONFIRM = "CONFIRM"  # the same foster carers, confirmed as long-term
_LONG_TERM_FOSTERING = {"U6": "U4", "U3": "U1"}  # short-term foster placement: long-term code
_NO_URN = "XXXXXXX"  # no Ofsted registration for this kind of placement


class Placement(NamedTuple):
    """Where a child lives during an episode: PLACE, PLACE_PROVIDER, PL_POST and URN."""

    kind: str
    provider: str
    postcode: str | None
    urn: str | None


@dataclass(frozen=True, slots=True)
class CareEpisode:
    """One episode of care: a stretch with one legal status and one placement (days ordinal)."""

    started_on: int
    reason_new: str
    legal_status: str
    category_of_need: str
    placement: Placement
    home_postcode: str
    ended_on: int | None = None
    reason_ceased: str | None = None
    reason_placement_changed: str | None = None

    def row(self) -> tuple:
        """The Episodes table's columns after CHILD, in DfE order."""
        kind, provider, postcode, urn = self.placement
        return (
            self.started_on,  # DECOM
            self.reason_new,  # RNE
            self.legal_status,  # LS
            self.category_of_need,  # CIN
            kind,  # PLACE
            provider,  # PLACE_PROVIDER
            self.ended_on,  # DEC
            self.reason_ceased,  # REC
            self.reason_placement_changed,  # REASON_PLACE_CHANGE
            self.home_postcode,  # HOME_POST
            postcode,  # PL_POST
            urn,  # URN
        )


class _Change(NamedTuple):
    """Something planned for a day of a period of care; sorts by day, then kind, then what."""

    day: int
    kind: int  # _STATUS or _PLACEMENT
    what: str  # the new legal status, or _MOVE, _ADOPT, _PARENTS or _CONFIRM


@dataclass(slots=True)
class _CarePlan:
    """How one period of care will go, drawn before its episodes are written."""

    entry_status: str
    changes: list[_Change]
    adoption_place: str = ""


def _care_episodes(
    rng: random.Random, journey: _Journey, period: _Period, window: _Window
) -> list[CareEpisode]:
    """The episodes of one period of care: a new one at each legal status or placement change.

    SSDA903 rules 388 and 433: each episode but the last ends with X1 on the day the next starts.
    """
    uniform = rng.random
    plan = _care_plan(rng, journey, period, window)
    need = mixes.CATEGORY_OF_NEED.pick(uniform) if not journey.unaccompanied else "N8"
    home_postcode = _postcode(uniform)
    first_placement = _placement(uniform, period.start - journey.born, period.start, window)
    episodes = [
        CareEpisode(
            started_on=period.start,
            reason_new="S",
            legal_status=plan.entry_status,
            category_of_need=need,
            placement=first_placement,
            home_postcode=home_postcode,
        )
    ]
    for day, changes in groupby(sorted(plan.changes), key=attrgetter("day")):
        if not period.start < day < period.stop or day > window.last_day:
            continue
        current = episodes[-1]
        status, placement, same_carer = _changes_on(
            uniform, day, changes, current, plan, journey, window
        )
        if status is None and placement is None:
            continue
        reason_placement_changed = None
        if placement is not None:
            reason_placement_changed = (
                "PLACE" if same_carer else mixes.REASON_PLACE_CHANGE.pick(uniform)
            )
        episodes[-1] = replace(
            current,
            ended_on=day,
            reason_ceased="X1",
            reason_placement_changed=reason_placement_changed,
        )
        episodes.append(
            CareEpisode(
                started_on=day,
                reason_new=_reason_new_episode(
                    placement is not None, status is not None, same_carer
                ),
                legal_status=status or current.legal_status,
                category_of_need=need,
                placement=placement or _recoded_for_year(current.placement, day),
                home_postcode=home_postcode,
            )
        )
    if period.stop <= window.last_day:
        episodes[-1] = _ceased(uniform, episodes[-1], period)
    return episodes


def _care_plan(
    rng: random.Random, journey: _Journey, period: _Period, window: _Window
) -> _CarePlan:
    """The legal route and the placement changes of a period of care, in the order drawn."""
    uniform = rng.random
    changes: list[_Change] = []
    status = _entry_legal_status(uniform, journey, period.path)
    adoption_place, placed_for_adoption = "", None
    if period.path == "adoption":
        adoption_place, placed_for_adoption = _adoption(uniform, period, status, changes)
    elif period.path in ("sgo", "long_term", "home"):
        _care_proceedings(uniform, period, status, changes)
    entry_status = _police_protection(uniform, journey, period, status, changes)
    _placement_moves(rng, journey, period, window, status, placed_for_adoption, changes)
    return _CarePlan(entry_status, changes, adoption_place)


def _entry_legal_status(uniform, journey: _Journey, path: str) -> str:
    """LS at the start of care: youth justice (J1-J3), s20 accommodation (V2) or a care order.

    Remand is J1 (or J3), PACE detention J2; unaccompanied children are accommodated (V2).
    """
    if path == "remand":
        return "J1" if uniform() < 0.9 else "J3"
    if path == "pace":
        return "J2"
    if path in ("to_18", "transfer") or journey.unaccompanied:
        return "V2" if journey.unaccompanied or uniform() < 0.88 else "C1"
    if path == "home_quick":
        return "V2" if uniform() < 0.78 else "C1"
    if path == "home":
        return "V2" if uniform() < 0.55 else "C1"
    return "C1" if uniform() < 0.65 else "V2"


def _adoption(uniform, period: _Period, status: str, changes: list[_Change]) -> tuple[str, int]:
    """The adoption placement (PLACE) and the day of it, adding the court orders on the way.

    Relinquished babies stay on V2 and are placed with consent (A3/A4); otherwise an interim
    care order then a placement order (E1) come first, as A5/A6 need LS E1 (SSDA903 rule 408).
    A3 and A5 are with the current foster carers.
    """
    length = period.stop - period.start
    if status == "V2" and uniform() < 0.35:
        place = "A4" if uniform() < 0.75 else "A3"
        placed_on = _day_after(uniform, period.start, 60, min(300, length - 70))
    else:
        if status == "V2":
            changes.append(_Change(_day_after(uniform, period.start, 15, 120), _STATUS, "C1"))
        order_day = _day_after(uniform, period.start, length * 0.35, length * 0.5)
        changes.append(_Change(order_day, _STATUS, "E1"))
        place = "A6" if uniform() < 0.8 else "A5"
        placed_on = order_day + 60 + int(uniform() * 140)
        placed_on = max(order_day + 30, min(placed_on, period.stop - 70))
    changes.append(_Change(placed_on, _PLACEMENT, _ADOPT))
    return place, placed_on


def _care_proceedings(uniform, period: _Period, status: str, changes: list[_Change]) -> None:
    """An interim care order (C1) and, at the final hearing, a full care order (C2).

    About half the children accommodated under s20 come before the court; the rest stay on
    V2. The final hearing sometimes approves a move to the long-term carers.
    """
    if status == "V2" and uniform() < 0.55:
        interim_on = _day_after(uniform, period.start, 20, 200)
        changes.append(_Change(interim_on, _STATUS, "C1"))
        final_on = interim_on + 120 + int(uniform() * 180)
    elif status == "C1":
        final_on = _day_after(uniform, period.start, 150, 330)
    else:
        return
    changes.append(_Change(final_on, _STATUS, "C2"))
    if uniform() < 0.15:
        changes.append(_Change(final_on, _PLACEMENT, _MOVE))


def _police_protection(
    uniform, journey: _Journey, period: _Period, status: str, changes: list[_Change]
) -> str:
    """The LS care starts under: sometimes police protection first, then `status`.

    Police protection (L1) lasts at most 72 hours (SSDA903 rule 361), an emergency protection
    order (L2) at most 8 days (rule 362 allows 21); the child often moves on that day.
    """
    if period.path in ("remand", "pace", "transfer") or journey.unaccompanied:
        return status
    if uniform() >= (0.15 if period.path == "home_quick" else 0.06):
        return status
    first = "L1" if uniform() < 0.6 else "L2"
    days = 1 + int(uniform() * 3) if first == "L1" else 2 + int(uniform() * 7)
    changes.append(_Change(period.start + days, _STATUS, status))
    if uniform() < 0.4:  # from the emergency placement to a planned one
        changes.append(_Change(period.start + days, _PLACEMENT, _MOVE))
    return first


def _placement_moves(
    rng: random.Random,
    journey: _Journey,
    period: _Period,
    window: _Window,
    status: str,
    placed_for_adoption: int | None,
    changes: list[_Change],
) -> None:
    """Placement changes until the child is placed for adoption, at home or care ends.

    An early move from an emergency placement, then moves at a rate that rises in the teenage
    years and falls as a child settles; some foster placements are confirmed as long-term with
    the same carers (RNE T). A child on a care order may be placed with parents (P1, never
    under V2: SSDA903 rule 378) before the order is discharged.
    """
    uniform = rng.random
    start, stop = period.start, period.stop
    settled_from = placed_for_adoption if placed_for_adoption is not None else stop
    if period.path == "home" and status == "C1" and stop - start > 250 and uniform() < 0.35:
        settled_from = stop - 60 - int(uniform() * 140)
        changes.append(_Change(settled_from, _PLACEMENT, _PARENTS))
    early_move = _day_after(uniform, start, 3, 60)
    if uniform() < 0.3 and early_move < settled_from:
        changes.append(_Change(early_move, _PLACEMENT, _MOVE))
    day = start
    while True:
        yearly = _moves_a_year(day - journey.born, day - start)
        day += 1 + int(rng.expovariate(yearly * window.move_rate / 365.25))
        if day >= settled_from:
            break
        changes.append(_Change(day, _PLACEMENT, _MOVE))
    if period.path in ("long_term", "sgo", "to_18") and uniform() < 0.4:
        changes.append(_Change(_day_after(uniform, start, 180, 540), _PLACEMENT, _CONFIRM))


def _moves_a_year(age_days: int, days_in_care: int) -> float:
    """Placement moves a year: more for teenagers, many in the first year, few once settled."""
    age_years = age_days / 365.25
    yearly = 0.3 if age_years < 5 else 0.45 if age_years < 12 else 0.85
    return yearly * (1.4 if days_in_care < 365 else 0.5 if days_in_care < 730 else 0.12)


def _changes_on(
    uniform,
    day: int,
    changes,
    current: CareEpisode,
    plan: _CarePlan,
    journey: _Journey,
    window: _Window,
) -> tuple[str | None, Placement | None, bool]:
    """One day's changes: the new LS and placement (None when unchanged), and if carers stay.

    The last change of each kind that day wins. A confirmation or adoption leaves `same_carer`
    set even if a move the same day then replaces the placement (it never does in practice:
    moves stop before adoption, and a confirmation and a move on one day is rare).
    """
    status, placement, same_carer = None, None, False
    for change in changes:
        if change.what == _MOVE:
            placement = _placement(uniform, day - journey.born, day, window)
        elif change.what == _ADOPT:
            provider = mixes.PROVIDER["A"].pick(uniform)
            placement = Placement(plan.adoption_place, provider, _postcode(uniform), _NO_URN)
            same_carer = plan.adoption_place in ("A3", "A5")
        elif change.what == _PARENTS:
            placement = Placement("P1", "PR0", current.home_postcode, _NO_URN)
        elif change.what == _CONFIRM:
            long_term = _LONG_TERM_FOSTERING.get(current.placement.kind)
            if long_term and placement is None:
                placement = current.placement._replace(kind=long_term)
                same_carer = True
        else:
            status = change.what
    if status == current.legal_status:
        status = None
    return status, placement, same_carer


def _reason_new_episode(placement_changed: bool, status_changed: bool, same_carer: bool) -> str:
    """RNE: L legal status only; P placement (T with the same carers); B both (U same carers).

    SSDA903 rules 434-436: what changed between two episodes must match the RNE.
    """
    if not placement_changed:
        return "L"
    if not status_changed:
        return "T" if same_carer else "P"
    return "U" if same_carer else "B"


def _ceased(uniform, episode: CareEpisode, period: _Period) -> CareEpisode:
    """The last episode of a period, ended the day care ends with the period's REC.

    On the 18th birthday the REC depends on the placement: staying put (E17) is only for
    young people in foster care.
    """
    reason = period.reason_ceased
    if reason == "AT18":
        at_18 = (
            mixes.REASON_CEASED_AT_18_FOSTERED
            if episode.placement.kind.startswith("U")
            else mixes.REASON_CEASED_AT_18_OTHER
        )
        reason = at_18.pick(uniform)
    return replace(episode, ended_on=period.stop, reason_ceased=reason)


def _recoded_for_year(placement: Placement, day: int) -> Placement:
    """The same placement in a new episode, in the code list of the episode's year (rule 146):
    from 2025-26 semi-independent (H5) and independent living (P2) are supported accommodation
    (K3), so an episode continuing one of them from 1 April 2025 (a legal status change) is
    written as K3. No random number is drawn, so every other episode stays as it was."""
    if day >= _YEAR_2025_26 and placement.kind in ("H5", "P2"):
        return placement._replace(kind="K3")
    return placement


def _day_after(uniform, start: int, low: float, high: float) -> int:
    """A day between `low` and `high` days after `start`."""
    return start + int(low + uniform() * (high - low))


def _placement(uniform, age_days: int, day: int, window: _Window) -> Placement:
    """A new placement for a child of this age, with the code list of the day it starts."""
    age_years = age_days / 365.25
    mix = next(m for upto, m in mixes.PLACEMENT_BY_AGE if age_years < upto)
    place = mix.pick(uniform)
    if place == "SUPPORTED":  # supported accommodation became regulated (K3) in October 2023
        if day >= _YEAR_2025_26 or (day >= _SUPPORTED_ACCOMMODATION_REGULATED and uniform() < 0.7):
            place = "K3"
        else:
            place = "H5"
    elif place == "P2" and day >= _YEAR_2025_26:
        place = "K3"
    provider = mixes.PROVIDER["H" if place == "P2" else place[0]].pick(uniform)
    if place.startswith("U"):
        if provider == "PR1":
            urn = f"SC9{window.council_code[-3:]:0>3}0"  # the council's own fostering service
        else:
            urn = f"SC8{int(uniform() * 150):05d}"  # an independent fostering agency
    elif place in ("K1", "K2", "K3", "S1"):
        urn = f"SC7{int(uniform() * 600):05d}"
    else:
        urn = _NO_URN
    return Placement(place, provider, _postcode(uniform), urn)


def _short_break_episodes(
    rng: random.Random, journey: _Journey, period: _Period, window: _Window
) -> list[CareEpisode]:
    """Short breaks: V3 children have an episode per break, V4 one per agreement (no PL_POST).

    SSDA903 rules 365 and 366: a V3 break lasts at most 17 days and always starts with RNE S.
    """
    uniform = rng.random
    home_postcode = _postcode(uniform)
    place = mixes.SHORT_BREAK_PLACEMENT.pick(uniform)
    provider = mixes.SHORT_BREAK_PROVIDER.pick(uniform)
    placement = Placement(place, provider, None, None)
    need = mixes.SHORT_BREAK_NEED.pick(uniform)
    episodes = []
    day = period.start
    if uniform() < 0.7:
        every = 14 + int(uniform() * 50)
        while day <= period.stop and day <= window.last_day:
            nights = 1 + int(uniform() * 4)
            ends = min(day + nights, journey.turns_18 - 1)
            if day >= window.first_day - 400:  # earlier breaks are long closed
                episode = _short_break(day, "V3", need, placement, ends, home_postcode, window)
                episodes.append(episode)
            day = ends + max(1, every + int(uniform() * 15) - 7)
    else:
        while day <= period.stop and day <= window.last_day:
            ends = min(day + 180 + int(uniform() * 185), period.stop)
            episodes.append(_short_break(day, "V4", need, placement, ends, home_postcode, window))
            day = ends + 1 + int(uniform() * 40)
    return episodes


def _short_break(
    day: int,
    status: str,
    need: str,
    placement: Placement,
    ends: int,
    home_postcode: str,
    window: _Window,
) -> CareEpisode:
    """One short break episode, ended E4A (returned home) unless still open at the extract's end."""
    closed = ends <= window.last_day
    return CareEpisode(
        started_on=day,
        reason_new="S",
        legal_status=status,
        category_of_need=need,
        placement=placement,
        home_postcode=home_postcode,
        ended_on=ends if closed else None,
        reason_ceased="E4A" if closed else None,
    )


# --- reviews, missing episodes, care leavers and mothers ------------------------------------


def _add_reviews(
    rows: _Rows,
    rng: random.Random,
    child_id: str,
    journey: _Journey,
    period: _Period,
    window: _Window,
) -> None:
    """Statutory reviews (reg 33): within 20 working days, then 3 months, then 6-monthly.

    On-time reviews fall at most 26 calendar days after entry (never more than 20 working days)
    and then at most 89 and 181 days apart; a late one slips by up to six weeks.
    """
    uniform = rng.random
    late_rate = window.late_review_rate
    last_day = min(period.stop - 1, window.last_day)
    if journey.short_breaks:
        day = period.start + 30 + int(uniform() * 60)
        first_gap = (150, 31)
    else:
        day = period.start + 8 + int(uniform() * 19)
        first_gap = (60, 30)
    gap = first_gap
    while True:
        if uniform() < late_rate:
            day += 1 + int(uniform() * 42)
        if day > last_day:
            return
        if day - journey.born < 4 * 365.25:
            participation = "PN0"
        else:
            participation = mixes.REVIEW_PARTICIPATION.pick(uniform)
        rows.reviews.append((child_id, journey.born, day, participation))
        day += gap[0] + int(uniform() * gap[1])
        gap = (150, 32)


def _add_missing(
    rows: _Rows,
    rng: random.Random,
    child_id: str,
    journey: _Journey,
    periods: list[_Period],
    window: _Window,
) -> None:
    """Missing (M) or away without authorisation (A) episodes, mostly of teenagers in care."""
    uniform = rng.random
    if uniform() >= window.missing_propensity:
        return
    turns_11 = journey.born + int(11 * 365.25)
    per_year = rng.lognormvariate(math.log(2.5), 0.9)
    for period in periods:
        first = max(period.start, turns_11)
        last = min(period.stop, window.last_day)
        if last <= first:
            continue
        day = first
        while True:
            day += 1 + int(rng.expovariate(per_year / 365.25))
            if day > last:
                break
            kind = "M" if uniform() < 0.85 else "A"
            draw = uniform()
            nights = (
                0
                if draw < 0.4
                else 1
                if draw < 0.75
                else 2 + int(uniform() * 6)
                if draw < 0.95
                else 8 + int(uniform() * 23)
            )
            rows.missing.append((child_id, journey.born, kind, day, min(day + nights, last)))


def _care_leaver_outcome(uniform, age: int) -> tuple[str, str, str]:
    """IN_TOUCH, ACTIV and ACCOM of a care leaver around a birthday ('0' when not in touch)."""
    younger = age <= 18
    in_touch = (mixes.IN_TOUCH_17_18 if younger else mixes.IN_TOUCH_19_21).pick(uniform)
    if in_touch != "YES":
        return in_touch, "0", "0"
    activity = (mixes.ACTIVITY_17_18 if younger else mixes.ACTIVITY_19_21).pick(uniform)
    kind = (mixes.ACCOMMODATION_17_18 if younger else mixes.ACCOMMODATION_19_21).pick(uniform)
    unsuitable = uniform() < mixes.UNSUITABLE.get(kind, mixes.UNSUITABLE_OTHERWISE)
    return in_touch, activity, f"{kind}{2 if unsuitable else 1}"


def _young_mother_day(journey: _Journey, period: _Period, window: _Window, uniform):
    """A day a looked-after girl of 15 or over had a baby, if she was in care at that age."""
    first = max(period.start, journey.born + int(15 * 365.25))
    last = min(period.stop, window.last_day)
    if last <= first:
        return None
    return first + int(uniform() * (last - first))


# --- small helpers ------------------------------------------------------------------------


def _birthday(born: int, years: int) -> int:
    """The ordinal day of a birthday; 29 February birthdays fall on 1 March in other years."""
    day = date.fromordinal(born)
    try:
        return day.replace(year=day.year + years).toordinal()
    except ValueError:
        return date(day.year + years, 3, 1).toordinal()


def _years_before(day: date, years: int) -> int:
    try:
        return day.replace(year=day.year - years).toordinal()
    except ValueError:
        return date(day.year - years, 2, 28).toordinal()


def _postcode(uniform) -> str:
    """A postcode-shaped string in the ZZ area, which does not exist."""
    letters = _POSTCODE_LETTERS
    return (
        f"ZZ{1 + int(uniform() * 99)} {int(uniform() * 10)}"
        f"{letters[int(uniform() * 20)]}{letters[int(uniform() * 20)]}"
    )


class _Rows:
    """Rows of each table as tuples in DfE column order, dates as ordinal days."""

    def __init__(self) -> None:
        self.header: list[tuple] = []
        self.episodes: list[tuple] = []
        self.reviews: list[tuple] = []
        self.uasc: list[tuple] = []
        self.oc3: list[tuple] = []
        self.missing: list[tuple] = []

    def frames(self) -> dict[str, pl.DataFrame]:
        by_name = {
            "Header": self.header,
            "Episodes": self.episodes,
            "Reviews": self.reviews,
            "UASC": self.uasc,
            "OC3": self.oc3,
            "Missing": self.missing,
        }
        sort_by = {
            "Header": ["CHILD"],
            "Episodes": ["CHILD", "DECOM"],
            "Reviews": ["CHILD", "REVIEW"],
            "UASC": ["CHILD"],
            "OC3": ["CHILD"],
            "Missing": ["CHILD", "MIS_START"],
        }
        return {
            name: _frame(name, by_name[name]).sort(sort_by[name], maintain_order=True)
            for name in TABLE_NAMES
        }


# Columns a council's extract may carry that the generator does not make (derived by DfE from
# postcodes with ONS's postcode directory).
NOT_GENERATED = frozenset({"PL_DISTANCE", "PL_LOCATION"})


def _frame(name: str, rows: list[tuple]) -> pl.DataFrame:
    table = TABLES_BY_NAME[name]
    generated = [column for column in table.columns if column.dfe not in NOT_GENERATED]
    values = list(zip(*rows, strict=True)) if rows else [() for _ in generated]
    columns = {}
    for column, column_values in zip(generated, values, strict=True):
        if column.is_date:
            ordinal_days = pl.Series(column.dfe, column_values, dtype=pl.Int64)
            columns[column.dfe] = (ordinal_days - _EPOCH).cast(pl.Int32).cast(pl.Date)
        else:
            columns[column.dfe] = pl.Series(column.dfe, column_values, dtype=pl.Utf8)
    return pl.DataFrame(columns)
