"""`{% capable user "manage_users" council as name %}` for templates such as the navigation.

It asks `permissions.has_capability`, not `user.has_perm`: Django answers has_perm with True
for every superuser, which would offer links the council pages then refuse with a 404.
"""

from __future__ import annotations

from django import template

from trajectory.councils.permissions import has_capability

register = template.Library()


@register.simple_tag
def capable(user, capability: str, council) -> bool:
    if council is None or not hasattr(council, "pk"):
        return False
    return has_capability(user, capability, council)
