"""Internals do not show through (issue 7.9): labels, GOV.UK dates, titles and whole text in
the plan's history, the audit log, the counting rules and the plan's spreadsheet."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.urls import reverse

from trajectory.audit.labels import action_label, detail_shown
from trajectory.web.dates import govuk_date, govuk_date_time, govuk_month

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")


def test_govuk_dates_in_one_module_and_as_template_filters():
    assert govuk_date(date(2026, 12, 2)) == "2 December 2026"
    assert govuk_month(date(2025, 3, 31)) == "March 2025"
    # 15:04 in London in summer is 14:04 UTC.
    at = datetime(2025, 7, 1, 14, 4, tzinfo=ZoneInfo("UTC"))
    assert govuk_date_time(at) == "1 July 2025 at 3:04pm"
    rendered = Template(
        "{% load dates %}{{ day|govuk_date }}|{{ at|govuk_date_time }}|{{ none|govuk_date }}"
    ).render(Context({"day": date(2025, 6, 30), "at": at, "none": None}))
    assert rendered == "30 June 2025|1 July 2025 at 3:04pm|"


def test_audit_log_shows_action_labels_and_detail_in_words(client, council, make_user):
    from trajectory.councils.models import Membership
    from trajectory.councils.services import membership_update

    admin = make_user("admin", council)
    analyst = make_user("analyst", council)
    membership = Membership.objects.get(user=analyst, council=council)
    membership_update(membership=membership, role="board_member", team=None, actor=admin)
    client.force_login(admin)

    page = client.get(reverse("audit_log", args=[council.code])).content.decode()

    assert "Changed a role" in page and "membership.update" not in page.split("<select")[0]
    assert "<dt>Before</dt><dd>Role: Performance analyst; Team: none</dd>" in page
    assert "<dt>After</dt><dd>Role: Improvement Board member; Team: none</dd>" in page
    assert "{&#x27;" not in page and "{'" not in page
    assert 'class="govuk-table app-table-wrap"' in page
    # The filter's choices are the labels too, sorted by label.
    assert '<option value="membership.update">Changed a role</option>' in page


def test_audit_catalogue_words():
    assert action_label("auth.sign_in") == "Signed in"
    assert action_label("something.new_thing") == "Something new thing"
    assert detail_shown({"as_at": "2025-03-31", "rows": 1234, "files": ["a.csv", "b.csv"]}) == [
        ("As at", "31 March 2025"),
        ("Rows", "1,234"),
        ("Files", "a.csv, b.csv"),
    ]


def test_counting_rule_has_no_backticks_and_names_indicators_by_title(client, council, make_user):
    client.force_login(make_user("leader", council))

    page = client.get(
        reverse("indicator_detail", args=[council.code, "cla_rate_per_10k"])
    ).content.decode()

    rule = page[page.index("Counting rule") :]
    rule = rule[: rule.index("</dd>")]
    assert "`" not in rule
    assert "Numerator: “Children looked after”." in rule
