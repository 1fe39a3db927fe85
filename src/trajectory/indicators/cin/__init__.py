"""Front door, help and protection indicators from the CIN census, vectorised with Polars.

The census holds, for each child referred or in need in the year, the episodes of need
(CINdetails), their assessments, section 47 enquiries with the initial conferences, and child
protection plans with their reviews. As for SSDA903, each row behind an indicator holds the
range of as-at dates it counts for, and a running sum over those ranges gives a whole monthly
series in one pass.

Rules shared by every CIN indicator:

- **The period** for an as-at date *d* is the 12 months ending on *d*, both ends inclusive, as
  for the SSDA903 indicators.
- **Open at a date** *d*: begun on or before *d* and not ended by it (an end date after *d*, or
  none). An episode of need or a plan ending on *d* is not open on *d*, as DfE's "at 31 March".
- **Working days** are weekdays other than England and Wales bank holidays (the shipped copy
  of GOV.UK's list); a start on a weekend or holiday counts from the working day before.
- **Timescales** are those of Working Together to Safeguard Children: an assessment completed
  within 45 working days, counted from its start (AssessmentActualStartDate) to its
  authorisation as DfE counts an assessment's duration, an initial child protection
  conference within 15 working days of the strategy discussion that began the section 47
  enquiry, a plan's first review within 3 months of its start and later ones within 6 months
  of the one before.
- **No team**: the census records no worker or team, so the CIN indicators are not cut by team
  or worker.
"""
