"""Navigation shared by every page (`web.navigation`): the councils the signed-in user may
open, the council the page belongs to, that council's sections and the current section's pages."""

from trajectory.councils.selectors import councils_for_user
from trajectory.web import navigation as nav


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    councils = list(councils_for_user(user))
    council = nav.page_council(request, councils)
    match = getattr(request, "resolver_match", None)
    return {
        "nav_councils": councils,
        "nav_council": council,
        "nav_council_url": nav.council_home_url(council) if council else "",
        "nav_links": nav.council_links(user, council, match) if council else [],
        "nav_pages": nav.section_pages(user, council, match) if council else [],
    }
