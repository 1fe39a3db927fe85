"""Chart specs are built once per distinct content (web/chart_cache.py): the same figures give
the same spec without building it again; any change in what is drawn builds a new one; and no
caller can change another's copy."""

from __future__ import annotations

from trajectory.web.chart_cache import cached_spec


def test_a_spec_is_built_once_per_content_and_handed_out_as_a_fresh_copy():
    built = []

    @cached_spec(lambda rows, *, title: (rows, title))
    def chart(rows, *, title):
        built.append(title)
        return {"title": title, "data": {"values": [{"v": v} for v in rows]}}

    first = chart([1, 2], title="A")
    second = chart([1, 2], title="A")
    assert first == second == {"title": "A", "data": {"values": [{"v": 1}, {"v": 2}]}}
    assert built == ["A"]

    second["data"]["values"].clear()  # a page changing its copy changes nobody else's
    assert chart([1, 2], title="A")["data"]["values"] == [{"v": 1}, {"v": 2}]

    assert chart([1, 3], title="A")["data"]["values"] == [{"v": 1}, {"v": 3}]
    assert chart([1, 3], title="B")["title"] == "B"
    assert built == ["A", "A", "B"]


def test_a_spec_built_by_another_process_is_read_not_built_again(settings):
    """The shared level (settings.CACHES["charts"]): a worker that has never drawn the chart
    reads the spec another worker stored, so each chart is built once per deployment."""
    from django.core.cache import caches

    built = []

    def build(rows):
        built.append(rows)
        return {"rows": rows}

    first_worker = cached_spec(lambda rows: rows)(build)
    second_worker = cached_spec(lambda rows: rows)(build)  # its own empty per-process level
    assert first_worker([7]) == {"rows": [7]}
    assert second_worker([7]) == {"rows": [7]}
    assert built == [[7]]
    caches["charts"].clear()  # the shared files emptied: built again, never wrong
    third_worker = cached_spec(lambda rows: rows)(build)
    assert third_worker([7]) == {"rows": [7]}
    assert built == [[7], [7]]
