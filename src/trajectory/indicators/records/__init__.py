"""Indicators counted from records people keep in Trajectory rather than from a statutory
return: case audits (trajectory.assurance) and supervision (trajectory.supervision), issue 11.2
and 11.3. Each app counts its own figures month by month (`monthly_figures(council)`, tested by
hand there); a run stores them beside the returns' figures, so they have series, SPC, targets
and benchmarks like the rest, and a board paper rebuilt from a run shows the figures as they
stood when it was computed.
"""
