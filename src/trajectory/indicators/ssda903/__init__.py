"""Children-in-care and care-leaver indicators from SSDA903 tables, vectorised with Polars.

Every function works on many as-at dates and many councils at once: the tables may carry a
`council` column (the national benchmark stacks all 153 councils). Each row behind an indicator
(a placement, a period of care, a review) holds the range of as-at dates it counts for, found by
sorted search; a running sum over those ranges gives a whole monthly series for every council
in one pass, and the same rows filtered to one date are the child-level list behind a figure.

Rules shared by every indicator (DfE "Children looked after in England" methodology):

- **Short breaks are left out first.** Episodes with legal status V3 or V4 are dropped before
  anything else, so a child whose only care is short breaks never appears, and a period of
  care is rebuilt from the remaining episodes.
- **Period of care**: a run of episodes for one child, each starting on the day the previous
  one ended (`DECOM` = previous `DEC`, the usual X1 "continuing in care" transition). A gap of
  a day or more, or an episode with `RNE` = S, begins a new period. Overlapping episodes are
  merged into one period.
- **Looked after at a date** *d*: a period with start <= *d* and (no end, or end > *d*). The
  ending day does not count: a child whose care ends on 31 March is not looked after at
  31 March (they are one of the year's ceases), as in DfE's tables.
- **The period** for an as-at date *d* is the 12 months ending on *d*, both ends inclusive:
  for 31 March 2024, 1 April 2023 to 31 March 2024 (for 29 February 2024, 1 March 2023 on).
- **Looked after during the period**: a period of care with start <= *d* and (no end, or end
  >= the period's first day).
- **Placement**: the first episode of a period of care, and every later episode with `RNE`
  P or T (a change of placement and carer, with or without a change of legal status) whose
  `PLACE` is not a temporary placement T0-T4. Not a new placement: `RNE` L (legal status
  change only); `RNE` B or U (a change of placement with the same carer, e.g. foster carers
  approved as the child's adopters); a temporary placement T0-T4 (holiday, hospital, respite),
  which is part of the placement the child left; and the return from it, an episode with
  `RNE` P after a temporary placement whose `PLACE` (and `PL_POST`, `URN`, `PLACE_PROVIDER`
  where the return holds them) is that of the placement before the stay, so a hospital stay
  neither adds a move nor restarts a placement's clock. DfE: LAIT measure 372 ("Where a child
  is subsequently placed for adoption with their existing foster carers, then this is not
  counted as a placement change"), its long-term stability measure counts children "living
  with the same carer for at least 2 years" (la_cla_placement_stability.csv), and its
  validation rules 380, 383 and 434-436 give what T0-T4, P, B, U and L record. Several
  placements starting on the same day count once (the last of that day is kept): DfE's
  validation refuses two episodes starting on one day, so same-day moves are a recording
  artefact, not two placements.
"""
