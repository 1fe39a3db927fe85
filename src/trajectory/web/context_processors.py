"""Navigation shared by every page: the councils the signed-in user may open."""

from trajectory.councils.selectors import councils_for_user


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"nav_councils": list(councils_for_user(user))}
