"""One navigation and one breadcrumb pattern (issue 7.11): the council's sections by role with
the account's links apart, "Your councils" only for people with several, breadcrumbs from the
council that never link to the page itself, and the council kept on the password and error
pages."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _menu(page: str) -> list[str]:
    menu = page[page.index('<ul class="govuk-service-navigation__list"') :]
    menu = menu[: menu.index("</ul>")]
    return [
        re.sub(r"<[^>]+>", "", item).strip() for item in re.findall(r"<a [^>]*>(.*?)</a>", menu)
    ]


def _crumbs(page: str) -> list[tuple[str, str]]:
    if 'class="govuk-breadcrumbs"' not in page:
        return []
    trail = page[page.index('class="govuk-breadcrumbs"') :]
    trail = trail[: trail.index("</nav>")]
    return re.findall(r'<a class="govuk-breadcrumbs__link" href="([^"]+)">([^<]+)</a>', trail)


def test_each_role_gets_the_sections_it_may_open_and_the_account_links_apart(
    client, council, make_user
):
    sections = [
        "Overview",
        "Performance",
        "Quality",
        "Returns",
        "Ofsted",
        "Plan",
        "Assessment",
        "Board",
    ]
    expected = {
        "leader": [*sections, "Admin"],  # the audit log alone
        "board_member": sections,
        "admin": [*sections, "Admin"],  # people and the audit log
    }
    for role, menu in expected.items():
        client.force_login(make_user(role, council))
        page = client.get(reverse("inspection_list", args=[council.code])).content.decode()
        assert _menu(page) == menu, role
        account = page[page.index('aria-label="Your account"') :]
        account = account[: account.index("</nav>")]
        assert "Change your password" in account and "Sign out" in account
        assert "Your councils" not in page  # one council: nothing to choose between
        assert "Change your password" not in page[page.index("govuk-service-navigation") :]


def test_the_current_section_is_marked(client, council, make_user):
    client.force_login(make_user("leader", council))
    page = client.get(reverse("plan_overview", args=[council.code])).content.decode()
    active = re.findall(
        r'govuk-service-navigation__item--active"><a [^>]*aria-current="page">'
        r'<strong class="govuk-service-navigation__active-fallback">([^<]+)</strong>',
        page,
    )
    assert active == ["Plan"]


def _pages(page: str) -> list[tuple[str, bool]]:
    if 'aria-label="Pages in this section"' not in page:
        return []
    pages = page[page.index('aria-label="Pages in this section"') :]
    pages = pages[: pages.index("</nav>")]
    return [
        (label, "aria-current" in attributes)
        for attributes, label in re.findall(r"<a ([^>]*)>([^<]+)</a>", pages)
    ]


def test_performance_lists_its_pages_under_the_bar(client, council, make_user):
    """Performance is one section of the bar with six pages (issue 7.11: one line for every
    role; 8.7 adds Teams, 10.4 Workforce), listed under it on each of them, the open one marked;
    a section of one page lists none."""
    client.force_login(make_user("leader", council))
    code = council.code
    expected = ["Scorecard", "Signals", "Targets", "Benchmarks", "Teams", "Workforce"]
    for url, current in (
        (reverse("council_home", args=[code]), "Scorecard"),
        (reverse("indicator_detail", args=[code, "cla_count"]), "Scorecard"),
        (reverse("council_signals", args=[code]), "Signals"),
        (reverse("targets_list", args=[code]), "Targets"),
        (reverse("lait_explorer", args=[code]), "Benchmarks"),
        (reverse("council_teams", args=[code]), "Teams"),
        (reverse("workforce_snapshots", args=[code]), "Workforce"),
    ):
        page = client.get(url).content.decode()
        assert _pages(page) == [(label, label == current) for label in expected], url
        assert _menu(page)[1] == "Performance"
    plan = client.get(reverse("plan_overview", args=[code])).content.decode()
    assert _pages(plan) == []


def test_admin_opens_the_page_each_role_may_open(client, council, make_user):
    """The Admin section holds People and the audit log: an administrator gets both, opening
    People; a leader only the audit log, which the section opens; a board member neither."""
    code = council.code
    client.force_login(make_user("admin", council))
    people = client.get(reverse("people_list", args=[code])).content.decode()
    assert _pages(people) == [("People", True), ("Audit log", False)]
    menu = people[people.index('<ul class="govuk-service-navigation__list"') :]
    assert re.search(r'href="([^"]+)"[^>]*>(?:<strong[^>]*>)?Admin', menu)[1] == reverse(
        "people_list", args=[code]
    )
    client.force_login(make_user("leader", council))
    log = client.get(reverse("audit_log", args=[code])).content.decode()
    assert _pages(log) == [("Audit log", True)]
    menu = log[log.index('<ul class="govuk-service-navigation__list"') :]
    assert re.search(r'href="([^"]+)"[^>]*>(?:<strong[^>]*>)?Admin', menu)[1] == reverse(
        "audit_log", args=[code]
    )
    client.force_login(make_user("board_member", council))
    page = client.get(reverse("plan_overview", args=[code])).content.decode()
    assert "Admin" not in _menu(page)


def test_people_with_several_councils_get_your_councils(client, council, make_council, make_user):
    from trajectory.councils.services import membership_grant

    other = make_council(code="991", name="Eastshire")
    official = make_user("region", council)
    membership_grant(user=official, council=other, role="region")
    client.force_login(official)
    page = client.get(reverse("council_home", args=["991"])).content.decode()
    assert f'<a class="app-account-nav__link" href="{reverse("home")}">Your councils</a>' in page


def test_breadcrumbs_start_at_the_council_and_never_link_to_the_page_itself(
    client, council, make_user
):
    client.force_login(make_user("admin", council))
    code = council.code
    council_url = reverse("council_overview", args=[code])

    people = client.get(reverse("people_list", args=[code])).content.decode()
    assert _crumbs(people) == [(council_url, "Westshire")]

    adding = client.get(reverse("person_add", args=[code])).content.decode()
    assert _crumbs(adding) == [
        (council_url, "Westshire"),
        (reverse("people_list", args=[code]), "People"),
    ]

    plan = client.get(reverse("plan_overview", args=[code])).content.decode()
    assert _crumbs(plan) == [(council_url, "Westshire")]

    ofsted = client.get(reverse("inspection_list", args=[code])).content.decode()
    assert _crumbs(ofsted) == [(council_url, "Westshire")]


def test_the_password_and_error_pages_keep_the_council(client, council, make_user):
    client.force_login(make_user("leader", council))
    for url in (reverse("password_change"), "/councils/990/no-such-page/"):
        page = client.get(url).content.decode()
        assert "Westshire" in page, url
        assert _menu(page)[:2] == ["Overview", "Performance"], url


def test_another_councils_error_page_names_no_council(client, council, make_council, make_user):
    make_council(code="991", name="Eastshire")
    client.force_login(make_user("leader", council))
    page = client.get("/councils/991/").content.decode()
    assert "Eastshire" not in page
    assert 'class="govuk-service-navigation__list"' not in page
