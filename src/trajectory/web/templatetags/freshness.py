"""`{% data_age council %}`: the one line, on every page built on a return, saying how old its
latest data is, with a warning past TRAJECTORY_STALE_DATA_DAYS (issue 7.8;
`returns.freshness`)."""

from __future__ import annotations

from django import template

from trajectory.returns.freshness import data_age as read_data_age

register = template.Library()


@register.inclusion_tag("web/_data_age.html")
def data_age(council, age=None):
    """Pass `age` when the page has already read it (the overview), else it is read here."""
    return {"age": age if age is not None else read_data_age(council)}
