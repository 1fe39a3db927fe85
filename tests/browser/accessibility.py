"""Accessibility checks for browser tests: WCAG 2.2 AA through axe-core."""


def assert_accessible(page) -> None:
    """Runs axe on the page and fails on any WCAG 2.2 A or AA violation."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(
        page,
        options={
            "runOnly": {
                "type": "tag",
                "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"],
            }
        },
    )
    assert results.violations_count == 0, results.generate_report()
