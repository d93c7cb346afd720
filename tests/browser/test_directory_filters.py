"""The clinician directory's filters in Chromium, at phone width, with JavaScript on and off.

A reader goes from the directory to the clinicians of :data:`GOAL` (a language, an
insurance, telehealth in a state) by keyboard with JavaScript (checkboxes that combine in
place, the address following, a polite live count, the back button undoing a choice), and
by following links without it (static facet pages). Each step is checked with axe-core;
screenshots of the steps go to ``CLINIC_SHOTS`` (outside git) when it is set.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from harness import Mode
from playwright.sync_api import Browser, Page, expect
from test_site_in_browser import axe_problems

DIRECTORY = "clinicians/index.html"
PHONE = Mode("phone", "light")
PHONE_DARK = Mode("phone", "dark")
#: (legend, value label, query key, query value): the reader's three choices, in order.
GOAL = (
    ("Language", "Spanish", "language", "spanish"),
    ("Insurance", "Medicaid", "insurance", "medicaid"),
    ("Telehealth in", "New York", "state", "NY"),
)
SHOTS = Path(os.environ["CLINIC_SHOTS"]) if os.environ.get("CLINIC_SHOTS") else None


def shot(page: Page, name: str) -> None:
    if SHOTS is not None:
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=False)


@pytest.fixture
def open_page(browser: Browser, site_url: str) -> Iterator[object]:
    contexts = []

    def opener(path: str, *, javascript: bool, mode: Mode = PHONE) -> Page:
        context = browser.new_context(**mode.context_args(), java_script_enabled=javascript)
        contexts.append(context)
        page = context.new_page()
        response = page.goto(site_url + path)
        assert response is not None and response.ok, path
        return page

    yield opener
    for context in contexts:
        context.close()


def _names(page: Page) -> list[str]:
    cards = page.locator(
        ":is(.clinic-filtered-directory, .clinic-facet-page) "
        ".clinic-directory .clinic-card-name a:visible"
    )
    return [" ".join(t.split()) for t in cards.all_inner_texts()]


def _axe_at_top(page: Page) -> list[str]:
    """axe with the page scrolled back to its top. Scrolling shows furo's "Back to top"
    button, which furo places outside every landmark (axe's best-practice rule "region"):
    the theme's, not the directory's, and noted for the team."""
    page.evaluate("window.scrollTo(0, 0)")
    page.wait_for_function(
        "!document.documentElement.classList.contains('show-back-to-top')", timeout=3000
    )
    return axe_problems(page)


def _tab_to(page: Page, predicate: str, limit: int = 400) -> None:
    """Press Tab until the focused element satisfies ``predicate`` (a JS expression over
    ``el``); fail if it never does. Only the keyboard moves the focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(
            f"(() => {{ const el = document.activeElement; return !!({predicate}); }})()"
        ):
            return
    pytest.fail(f"Tab never reached: {predicate}")


def _focus_is_visible(page: Page) -> bool:
    return page.evaluate(
        """(() => { const el = document.activeElement;
        const target = el.matches('input') ? el.nextElementSibling : el;
        const s = getComputedStyle(target);
        return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2; })()"""
    )


def test_with_javascript_by_keyboard(open_page: object) -> None:
    page = open_page(DIRECTORY, javascript=True)  # type: ignore[operator]
    status = page.locator(".clinic-filter-status")
    assert status.get_attribute("role") == "status"
    assert status.get_attribute("aria-live") == "polite"
    everyone = len(_names(page))
    assert everyone >= 5
    expect(page.locator("input.clinic-facet-input").first).to_be_attached()
    assert _axe_at_top(page) == []
    shot(page, "1-directory-js-phone")
    for step, (legend, label, key, value) in enumerate(GOAL, start=1):
        _tab_to(page, f"el.matches('summary') && el.textContent.trim() === {legend!r}")
        assert _focus_is_visible(page), legend
        page.keyboard.press("Enter")  # opens the filter's disclosure
        _tab_to(page, f"el.matches('input[name={key}][value=\"{value}\"]')")
        assert _focus_is_visible(page), label
        page.keyboard.press("Space")
        page.wait_for_function(
            "([k, v]) => new URLSearchParams(location.search).getAll(k).includes(v)",
            arg=[key, value],
        )
        expect(status).to_have_text(re.compile(r"^\d+ clinicians? match(es)?$"))
        shot(page, f"{step + 1}-js-{key}")
    names = _names(page)
    assert 0 < len(names) < everyone
    count = int(status.inner_text().split()[0])
    assert count == len(names)
    assert _axe_at_top(page) == []
    # The address is shareable: opened afresh, it shows the same selection.
    url = page.url
    fresh = open_page(url.split("/", 3)[3], javascript=True)  # type: ignore[operator]
    assert _names(fresh) == names
    assert fresh.locator("input.clinic-facet-input:checked").count() == len(GOAL)
    # Back undoes the last choice.
    page.go_back()
    last_key = GOAL[-1][2]
    page.wait_for_function("k => !new URLSearchParams(location.search).has(k)", arg=last_key)
    expect(page.locator(f"input[name={last_key}]:checked")).to_have_count(0)
    assert len(_names(page)) >= len(names)


def test_no_match_offers_the_nearest(open_page: object) -> None:
    page = open_page(DIRECTORY, javascript=True)  # type: ignore[operator]
    # A combination nobody matches: every value of availability at once would widen, so
    # choose the rarest language with the rarest session format through the address.
    page.goto(page.url + "?language=spanish&availability=not-accepting&format=in-person")
    empty = page.locator(".clinic-filter-empty")
    if _names(page):
        pytest.skip("the knowledge base has a Spanish speaker not accepting, in person")
    expect(empty).to_be_visible()
    assert "No clinician matches all of these filters" in empty.inner_text()
    expect(page.locator(".clinic-filter-status")).to_have_text("No clinician matches")
    options = empty.locator("button")
    assert options.count() >= 2  # at least one filter to drop, and "show every clinician"
    first = options.first.inner_text()
    assert first.startswith("Without “")
    assert _axe_at_top(page) == []
    shot(page, "5-js-no-match")
    options.first.click()
    assert _names(page), first
    expect(empty).to_be_hidden()


def _goal_by_script(open_page: object) -> list[str]:
    """The clinicians of :data:`GOAL` as the script finds them (the address it makes)."""
    query = "&".join(f"{key}={value}" for _legend, _label, key, value in GOAL)
    page = open_page(f"{DIRECTORY}?{query}", javascript=True)  # type: ignore[operator]
    expect(page.locator("input.clinic-facet-input:checked")).to_have_count(len(GOAL))
    return _names(page)


def _axe_with_script_on(open_page: object, url: str, mode: Mode = PHONE) -> list[str]:
    """axe-core runs as a script: a page without JavaScript is checked as the same
    address in a context that runs scripts (facet pages have none of their own)."""
    page = open_page(url.split("/", 3)[3], javascript=True, mode=mode)  # type: ignore[operator]
    return _axe_at_top(page)


def test_without_javascript_by_links(open_page: object) -> None:
    """The reader taps each of the goal's values in turn. A value that every clinician
    listed already has narrows nothing: it is shown as "(all)", without a link, and the
    reader goes on to the next. The page reached lists what the script finds."""
    page = open_page(DIRECTORY, javascript=False)  # type: ignore[operator]
    assert page.locator("input.clinic-facet-input").count() == 0
    everyone = len(_names(page))
    shot(page, "6-directory-nojs-phone")
    taps = 0
    for step, (legend, label, _key, _value) in enumerate(GOAL, start=1):
        group = page.locator(
            "details.clinic-facet", has=page.locator(f"summary:text-is('{legend}')")
        )
        group.locator("summary").click()
        value = group.locator(".clinic-facet-link", has_text=re.compile(rf"^{re.escape(label)} \("))
        expect(value).to_have_count(1)
        if value.get_attribute("href") is None:
            assert value.inner_text().endswith(")") and "(" in value.inner_text()
            assert page.locator(".clinic-facet-page").count() == 1, "a span on the directory"
            continue
        value.click()
        page.wait_for_load_state()
        taps += 1
        assert "/filter/" in page.url
        assert (
            page.locator('link[rel="canonical"]')
            .get_attribute("href")
            .endswith(urlsplit(page.url).path.rsplit("/", 1)[1])
        )
        assert _axe_with_script_on(open_page, page.url) == [], page.url
        shot(page, f"{6 + step}-nojs-step-{step}")
    assert 1 <= taps <= len(GOAL)
    names = _names(page)
    assert 0 < len(names) < everyone
    assert names == _goal_by_script(open_page)
    # Every filter the page names can be taken off again.
    chosen = page.locator(".clinic-selected-filters li").count()
    assert page.locator("a.clinic-filter-remove").count() == chosen >= 1


def test_phone_dark_facet_page(open_page: object) -> None:
    page = open_page(DIRECTORY, javascript=False, mode=PHONE_DARK)  # type: ignore[operator]
    href = page.locator(
        "details.clinic-facet[data-facet=language] a.clinic-facet-link[data-value=spanish]"
    ).get_attribute("href")
    assert href
    page.goto(page.url.rsplit("/", 1)[0] + "/" + href)
    assert _axe_with_script_on(open_page, page.url, PHONE_DARK) == []
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
    shot(page, "10-facet-page-phone-dark")
