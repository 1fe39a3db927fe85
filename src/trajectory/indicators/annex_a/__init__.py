"""Indicators from Ofsted's Annex A, the child-level lists a council gives inspectors.

Annex A is not a DfE collection: a council runs it on any day (many monthly, to see what an
inspector would see), so unlike the CIN census, whose figures stand at 31 March, its figures
are current to the day the lists were run. Trajectory reads the council's latest Annex A
version (returns/annex_a) and gives a figure at every month-end the lists cover and at the
day they end (`returns/annex_a/coverage.py`): the measures an inspector reads from the lists.

Rules shared by every Annex A indicator:

- **The lists** are Ofsted's, with the template's column names (Ofsted, Annex A: children's
  services inspection data, lists 1-11; `returns/annex_a/schema.py`). A list the workbook does
  not hold gives no figure.
- **The period** for an as-at date *d* is the six months ending on *d*, both ends inclusive
  (for 30 September 2025: 1 April to 30 September 2025). Annex A's front door lists hold only
  the events of the months before the inspection, so a six-month figure is given only where the
  lists begin on or before its first day; earlier month-ends have none.
- **At a date** *d*: begun on or before *d* and not ended by it (a plan ending on *d* is not
  open on *d*), as for the CIN census.
- **Working days** are weekdays other than England and Wales bank holidays, by the project's
  one helper (`indicators/working_days.py`); a start on a weekend or holiday counts from the
  working day before. The timescales are Working Together to Safeguard Children's: an
  assessment authorised within 45 working days, an initial child protection conference within
  15 working days of the strategy discussion that began the section 47 enquiry.
- **By team and worker**: lists 3-9 name each row's Allocated Team and Allocated Worker, so a
  figure from them is cut by those columns of its own rows (breakdowns.ROW_HOLDERS), not by
  SSDA903's SWEpisodes; a row with them blank is "no team (worker) recorded", so the teams add
  up to the council. List 1 (contacts) names neither: the contacts figure is not cut.
"""
