from django import template

register = template.Library()


@register.filter
def get_item(mapping, key):
    """A dictionary's value in a template: the paper's chart drawings and edit links by key."""
    return mapping.get(key, "") if mapping else ""
