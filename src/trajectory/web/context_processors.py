"""Navigation shared by every page (`web.navigation`): the councils the signed-in user may
open, the council the page belongs to, and that council's sections."""

from trajectory.councils.selectors import councils_for_user
from trajectory.web import navigation as nav


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    councils = list(councils_for_user(user))
    council = nav.page_council(request, councils)
    return {
        "nav_councils": councils,
        "nav_council": council,
        "nav_council_url": nav.council_home_url(council) if council else "",
        "nav_links": (
            nav.council_links(user, council, getattr(request, "resolver_match", None))
            if council
            else []
        ),
    }
