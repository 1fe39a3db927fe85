"""Workforce indicators from DfE's children's social work workforce census (CSWW).

The census is annual: the workers a council employed or used through an agency in the year
1 October to 30 September, their FTE and cases on 30 September, the leavers of the year and
the days lost to sickness, and the vacancies on 30 September (returns/workforce/schema.py).
So each figure is one a census (cadence "annual", like the care leavers' OC3 cohorts), held at
the census date, 30 September; each census year held gives its own figure from its newest
version. The rates are worked as DfE's "Children's social work workforce" statistics work
them, which the national row of csww_indicators_2017_to_2025.csv reproduces: in post means a
worker who is not an agency worker with an FTE on 30 September (FTE30 above 0).

The census names no team, so these figures are not cut by team or worker.
"""
