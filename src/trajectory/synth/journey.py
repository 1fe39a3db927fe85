"""Westshire's intervention on West Sussex's intervals (issue 9.8), as data.

The source documents (`domain/sources/`) date West Sussex's journey from the inadequate
judgement (February 2019) to the Commissioner's final report (January 2022): 35 months. The demo
keeps each interval and starts from Westshire's own inadequate judgement, published 3 November
2023, so the recommendation falls in the recent past. Months after the judgement are West
Sussex's; the demo's dates are those months after Westshire's.
"""

from __future__ import annotations

import datetime as dt

# The inadequate judgement's publication (synth/demo_record.py sets the inspection).
JUDGEMENT_PUBLISHED = dt.date(2023, 11, 3)

# Each step of the journey: the West Sussex source for it and Westshire's date.
DIRECTION_ISSUED = dt.date(2024, 1, 8)  # direction and Commissioner, spring 2019 (+2 months)
IMPROVEMENT_BOARD_FIRST = dt.date(2024, 1, 16)  # the board meets monthly from then
# The plan's approval journey, June 2019 in West Sussex (+4), brought inside Ofsted's 70 working
# days from publication (14 February 2024), as the statute requires.
PLAN_SCRUTINISED = dt.date(2024, 1, 23)  # the scrutiny committee
PLAN_APPROVED_CABINET = dt.date(2024, 1, 30)
PLAN_APPROVED_BOARD = dt.date(2024, 2, 6)  # the Improvement Board's second meeting
PLAN_SUBMITTED = dt.date(2024, 2, 9)  # to the DfE and Ofsted
PLAN_OFSTED_ADVICE = dt.date(2024, 3, 1)
DIAGNOSTIC_REPORT = dt.date(2024, 7, 15)  # the Commissioner's first report, autumn 2019 (+8):
# a children's trust is recommended
PLAN_EFFECTIVENESS_DECIDED = dt.date(2024, 5, 13)  # about six months after the report
MONITORING_VISITS = (  # quarterly, as Ofsted's letters to West Sussex in 2019-20
    dt.date(2024, 3, 12),
    dt.date(2024, 6, 11),
    dt.date(2024, 9, 10),
)
NATIONAL_INTERRUPTION = (dt.date(2024, 12, 2), dt.date(2025, 6, 30))  # March 2020 (+13): visits
# paused nationally, as the pandemic paused them
FOCUSED_VISIT = dt.date(2025, 7, 8)  # the focused visit of autumn 2020 (+20)
TRUST_PAUSED = dt.date(2025, 9, 15)  # the minister's letter of December 2020 (+22): a new
# direction for a year, the trust paused, a firm recommendation due at its end
MONITORING_VISIT_RESUMED = dt.date(2026, 3, 10)  # the June 2021 monitoring visit (+28)
MID_YEAR_REVIEW = dt.date(2026, 4, 20)  # the framework's mid-year review, summer 2021 (+29)
FINAL_REVIEW = dt.date(2026, 9, 14)  # the final review meeting, December 2021 (+34)
RECOMMENDATION = dt.date(2026, 10, 5)  # the Commissioner's report, January 2022 (+35)
