"""Charts as PNG and SVG files (issue 7.18), drawn by vl-convert from the same Vega-Lite spec
the page draws in the browser, so a chart in a board paper is the chart on the page.

A spec sized to its container (`width: "container"`) is given a fixed width for the file;
nothing else in it is changed. vl-convert ships its own Vega, so nothing is fetched."""

from __future__ import annotations

import copy

import vl_convert

from trajectory.web.chart_cache import cached_spec

FILE_WIDTH = 720  # pixels at scale 1: the width of a GOV.UK two-thirds column, A4 portrait
PNG_SCALE = 2  # sharp when printed


# The pages draw charts in Arial; where Arial is not installed (Linux servers), its metric twin
# Liberation Sans, then any sans-serif. Only font names change, never encodings or data.
FONT_FALLBACK = "arial, 'Liberation Sans', sans-serif"


def _with_fallback_fonts(node):
    if isinstance(node, dict):
        return {
            key: (
                FONT_FALLBACK
                if key.lower().endswith("font")
                and isinstance(value, str)
                and value.lower() == "arial"
                else _with_fallback_fonts(value)
            )
            for key, value in node.items()
        }
    if isinstance(node, list):
        return [_with_fallback_fonts(item) for item in node]
    return node


def _sized(spec: dict, width: int) -> dict:
    sized = _with_fallback_fonts(copy.deepcopy(spec))  # config, marks and titles alike
    sized.setdefault("config", {}).setdefault("font", FONT_FALLBACK)
    if sized.get("width") == "container":
        sized["width"] = width
    if sized.get("autosize") is None:
        sized["autosize"] = {"type": "fit", "contains": "padding"}
    return sized


def titled(spec: dict, title: str, source: str) -> dict:
    """The spec with a title and a source line above it, for a file that leaves its page: a
    chart pasted into a board paper must say what it shows and where it came from. A title
    the chart already has is kept."""
    if spec.get("title") or not title:
        return spec
    return {
        **spec,
        "title": {
            "text": title,
            "subtitle": source,
            "anchor": "start",
            "font": "arial",
            "subtitleFont": "arial",
            "fontSize": 16,
            "subtitleFontSize": 12,
            "subtitleColor": "#505a5f",
        },
    }


@cached_spec(lambda spec, *, width=FILE_WIDTH: [spec, width])
def chart_svg(spec: dict, *, width: int = FILE_WIDTH) -> str:
    """Kept by spec (web/chart_cache.py): a paper's page draws the same charts each time it
    is opened, and vl-convert takes a moment each."""
    return vl_convert.vegalite_to_svg(_sized(spec, width))


def chart_png(spec: dict, *, width: int = FILE_WIDTH, scale: int = PNG_SCALE) -> bytes:
    return vl_convert.vegalite_to_png(_sized(spec, width), scale=scale)
