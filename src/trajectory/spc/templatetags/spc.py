"""`{% spc_icon name %}`: a Making Data Count style icon drawn as inline SVG, with its text.

Our own simple drawings (a coloured disc with an arrow, a level line or a letter), not NHS
England's artwork. Each is an image with a text alternative; the text is also what a page
prints beside it, so the icon is never the only cue."""

from __future__ import annotations

from django import template
from django.utils.html import format_html

from trajectory.spc.charts import COLOURS, VARIATIONS
from trajectory.spc.text import ASSURANCE_ICON_TEXT, VARIATION_ICON_TEXT, VARIATION_TEXT

register = template.Library()

_COLOUR = dict(zip(VARIATIONS, COLOURS, strict=True))
_UP = "M20 29 L20 12 M13 18 L20 11 L27 18"
_DOWN = "M20 11 L20 28 M13 22 L20 29 L27 22"
_LEVEL = "M10 20 Q15 14 20 20 T30 20"
_TICK = "M12 21 L18 27 L29 14"
_CROSS = "M13 13 L27 27 M27 13 L13 27"
_WAVE = "M10 24 L15 16 L20 24 L25 16 L30 24"

_DRAWINGS = {
    "common_cause": (_COLOUR["common_cause"], _LEVEL),
    "improvement_high": (_COLOUR["improvement"], _UP),
    "improvement_low": (_COLOUR["improvement"], _DOWN),
    "concern_high": (_COLOUR["concern"], _UP),
    "concern_low": (_COLOUR["concern"], _DOWN),
    "neutral_high": (_COLOUR["neutral"], _UP),
    "neutral_low": (_COLOUR["neutral"], _DOWN),
    "capable": (_COLOUR["improvement"], _TICK),
    "not_capable": (_COLOUR["concern"], _CROSS),
    "hit_or_miss": (_COLOUR["common_cause"], _WAVE),
}


def icon_text(name: str) -> str:
    return VARIATION_ICON_TEXT.get(name) or ASSURANCE_ICON_TEXT.get(name, "")


@register.simple_tag
def spc_icon(name: str | None, size: int = 40, beside_text: bool = False):
    """The icon as an image named by its text; `beside_text` when the page prints that text
    next to it, so the icon is decoration and a screen reader hears the words once."""
    if not name or name not in _DRAWINGS:
        return ""
    colour, path = _DRAWINGS[name]
    if beside_text:
        opening = format_html(
            '<svg class="app-spc-icon" width="{size}" height="{size}" viewBox="0 0 40 40" '
            'aria-hidden="true" focusable="false">',
            size=size,
        )
    else:
        opening = format_html(
            '<svg class="app-spc-icon" width="{size}" height="{size}" viewBox="0 0 40 40" '
            'role="img" aria-label="{text}" focusable="false"><title>{text}</title>',
            size=size,
            text=icon_text(name),
        )
    return opening + format_html(
        '<circle cx="20" cy="20" r="18" fill="{colour}"/>'
        '<path d="{path}" fill="none" stroke="#ffffff" stroke-width="3.5" '
        'stroke-linecap="round" stroke-linejoin="round"/></svg>',
        colour=colour,
        path=path,
    )


@register.filter
def spc_icon_text(name: str | None) -> str:
    return icon_text(name or "")


@register.filter
def variation_text(variation: str | None) -> str:
    return VARIATION_TEXT.get(variation or "", "")


@register.filter
def rule_text(rule: str | None) -> str:
    from trajectory.spc.text import RULE_TEXT

    return RULE_TEXT.get(rule or "", "")
