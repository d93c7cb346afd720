"""What a reader's browser downloads and how a screen reader walks the page.

Each page loads sphinx-design's stylesheet only where it shows a sphinx-design component
(its tab script only with a tab set) and ``pygments.css`` only where it shows code;
listings title their articles with headings; badges and the A-Z bar are lists; Sphinx's
toctree captions get the ``aria-level`` their heading role needs.
"""

from __future__ import annotations

from typing import Any

import pytest

from conftest import html, warnings

pytestmark = pytest.mark.sphinx("html", testroot="readers")


@pytest.fixture
def built(app: Any) -> Any:
    app.build()
    assert warnings(app) == []
    return app


def _assets(page: Any) -> set[str]:
    """The stylesheets and scripts a page loads, by file name."""
    urls = [link["href"] for link in page.select('link[rel="stylesheet"]')]
    urls += [script["src"] for script in page.select("script[src]")]
    return {url.split("?")[0].rsplit("/", 1)[-1] for url in urls}


def test_pages_load_only_the_css_and_js_they_use(built: Any) -> None:
    plain = _assets(html(built, "articles/worry"))
    assert "furo.css" in plain and "clinic.css" in plain
    assert not plain & {"sphinx-design.min.css", "design-tabs.js", "pygments.css"}
    # A page of cards and badges is styled by clinic.css alone.
    profile = _assets(html(built, "clinicians/ana-lima"))
    assert not profile & {"sphinx-design.min.css", "design-tabs.js", "pygments.css"}
    code = _assets(html(built, "articles/breathing"))
    assert "pygments.css" in code
    assert not code & {"sphinx-design.min.css", "design-tabs.js"}
    design = _assets(html(built, "design"))
    assert {"sphinx-design.min.css", "design-tabs.js"} <= design
    assert "pygments.css" not in design


def test_pages_that_use_sphinx_design_still_work(built: Any) -> None:
    page = html(built, "design")
    assert len(page.select(".sd-card")) == 2
    assert [label.get_text(strip=True) for label in page.select(".sd-tab-set label")] == [
        "In person",
        "Online",
    ]


def test_search_page_keeps_every_stylesheet(built: Any) -> None:
    # Its results are other pages' text, shown inside it.
    assert {"pygments.css", "sphinx-design.min.css"} <= _assets(html(built, "search"))


@pytest.mark.sphinx("singlehtml", testroot="readers")
def test_single_page_builds_keep_every_asset(app: Any) -> None:
    app.build()
    assert {"pygments.css", "sphinx-design.min.css"} <= _assets(html(app, "index"))


def test_toctree_captions_have_a_heading_level(built: Any) -> None:
    for docname in ("index", "articles/worry", "search"):
        captions = html(built, docname).select('p.caption[role="heading"]')
        assert captions, docname
        assert all(c.get("aria-level") == "2" for c in captions), docname


@pytest.mark.sphinx("html", testroot="readers", confoverrides={"html_theme": "alabaster"})
def test_toctree_captions_have_a_heading_level_in_other_themes(app: Any) -> None:
    app.build()
    captions = html(app, "articles/worry").select('p.caption[role="heading"]')
    assert captions
    assert all(c.get("aria-level") == "2" for c in captions)


def test_listings_title_articles_with_headings(built: Any) -> None:
    # Under "## Newest articles" (an <h2>): each article is an <h3>, and not in the TOC.
    home = html(built, "index")
    titles = home.select("ul.clinic-article-list > li > h3.clinic-article-title")
    assert [t.get_text() for t in titles] == ["A breathing exercise", "When worry takes over"]
    assert titles[0].a["href"] == "articles/breathing.html"
    toc = [a.get_text() for a in home.select(".toc-tree a")]
    assert "A breathing exercise" not in toc
    # The archive: the years are <h2>, their articles <h3>.
    archive = html(built, "archive")
    years = archive.select("section.clinic-archive-year")
    assert [y.h2.find(string=True) for y in years] == ["2026", "2025", "2024"]
    assert [h.get_text() for h in years[1].select("h3.clinic-article-title")] == [
        "When worry takes over"
    ]
    # A profile's "Articles by" is an <h2>, its articles <h3>.
    profile = html(built, "clinicians/ana-lima")
    section = profile.select_one("section.clinic-articles-by")
    assert section.h2 is not None
    assert len(section.select("h3.clinic-article-title")) == 3


def test_badges_and_the_letter_bar_are_lists(built: Any) -> None:
    profile = html(built, "clinicians/ana-lima")
    badges = profile.select("ul.clinic-specialties > li")
    assert [b.get_text(strip=True) for b in badges] == ["Anxiety", "Grief and loss"]
    assert not profile.select('[class*="sd-"]')


def _loaded_on_demand(page: Any) -> list[str]:
    """The scripts the inline loader fetches when there are search words to highlight."""
    import json
    import re

    for script in page.select("script:not([src])"):
        found = re.search(r"load\((\[.*?\])\)\}\);", script.string or "")
        if found:
            return [uri.rsplit("/", 1)[-1] for uri in json.loads(found.group(1))]
    return []


def test_search_highlighting_is_loaded_only_after_a_search(built: Any) -> None:
    page = html(built, "articles/worry")
    assert "sphinx_highlight.js" not in _assets(page)
    # The theme's "/" shortcut is on by default, so doctools.js stays.
    assert "doctools.js" in _assets(page)
    assert _loaded_on_demand(page) == ["sphinx_highlight.js"]
    # The search page itself keeps Sphinx's scripts as they are.
    search = html(built, "search")
    assert {"sphinx_highlight.js", "doctools.js", "searchtools.js"} <= _assets(search)
    assert _loaded_on_demand(search) == []


@pytest.mark.sphinx(
    "html",
    testroot="readers",
    confoverrides={"html_theme_options": {"enable_search_shortcuts": False}},
)
def test_without_keyboard_shortcuts_doctools_waits_for_a_search_too(app: Any) -> None:
    app.build()
    page = html(app, "articles/worry")
    assert not {"sphinx_highlight.js", "doctools.js"} & _assets(page)
    assert _loaded_on_demand(page) == ["doctools.js", "sphinx_highlight.js"]
