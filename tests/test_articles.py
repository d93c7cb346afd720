"""Article listings, chronological navigation, drafts and notices."""

from __future__ import annotations

import json
from typing import Any

import pytest

from conftest import html

pytestmark = pytest.mark.sphinx("html", testroot="clinic")


@pytest.fixture
def built(app: Any) -> Any:
    app.build()
    return app


def _titles(listing: Any) -> list[str]:
    return [a.get_text() for a in listing.select(".clinic-article-title a")]


def test_newest_list_with_limit(built: Any) -> None:
    listing = html(built, "index").select_one("ul.clinic-article-list")
    assert _titles(listing) == ["Working nights", "Loss, part B"]
    item = listing.select_one("li.clinic-article-item")
    assert item.select_one(".clinic-article-meta").get_text() == (
        "February 3, 2026 · by Ben Okafor · 1 min read"
    )
    assert item.select_one(".clinic-article-title a")["href"] == "articles/nights.html"
    # The first paragraph stands in for a missing summary.
    assert item.select_one(".clinic-article-summary").get_text() == "Kitchens at midnight."


def test_archive_grouped_by_year(built: Any) -> None:
    page = html(built, "archive")
    years = page.select("section.clinic-archive-year")
    assert [y["id"] for y in years] == ["year-2026", "year-2025"]
    assert _titles(years[1]) == [
        "Loss, part B",
        "Loss, part A",
        "When worry takes over",
        "The first weeks at home",
    ]


def test_filters_by_author_and_by_specialty_and_year(built: Any) -> None:
    by_ana, grief_2025 = html(built, "archive").select("ul.clinic-article-list")[-2:]
    assert _titles(by_ana) == ["When worry takes over", "The first weeks at home"]
    assert _titles(grief_2025) == ["Loss, part B", "Loss, part A", "When worry takes over"]


def test_prev_next_follow_the_dates(built: Any) -> None:
    order = ["first-weeks", "worry", "loss-a", "loss-b", "nights"]
    for position, name in enumerate(order):
        page = html(built, f"articles/{name}")
        links = {tuple(link["rel"]): link for link in page.select("head link[rel]")}
        newer = order[position + 1] if position + 1 < len(order) else None
        older = order[position - 1] if position else None
        assert (links[("next",)]["href"] if ("next",) in links else None) == (
            f"{newer}.html" if newer else None
        )
        assert (links[("prev",)]["href"] if ("prev",) in links else None) == (
            f"{older}.html" if older else None
        )
    # The neighbour's title is shown (escaped by us, printed raw by the theme).
    page = html(built, "articles/worry")
    assert page.select_one('head link[rel="next"]')["title"] == "Loss, part A"


def test_drafts_are_left_out_but_marked(built: Any) -> None:
    assert "A draft about grief" not in html(built, "archive").get_text()
    page = html(built, "articles/secret-draft")
    assert page.select_one("div.clinic-draft") is not None
    assert page.select_one('head link[rel="next"]') is None
    # The newest published article has no "next", though the draft is newer.
    assert html(built, "articles/nights").select_one('head link[rel="next"]') is None
    text = (built.outdir / "searchindex.js").read_text()
    searchindex = json.loads(text[text.index("(") + 1 : text.rindex(")")])
    assert "Working nights" in searchindex["titles"]
    assert "A draft about grief" not in searchindex["titles"]
    assert "zebra" not in searchindex["terms"]  # words only the draft has
    assert "kitchen" in searchindex["terms"]


def test_crisis_notice_on_articles(built: Any) -> None:
    notice = html(built, "articles/worry").select_one("div.clinic-crisis")
    assert "988 Suicide & Crisis Lifeline" in notice.get_text()
    assert [a["href"] for a in notice.select("a")] == ["tel:988", "tel:911"]
    # Before the author cards, after the text.
    assert notice.find_next_sibling("section")["id"] == "about-the-author"
    assert html(built, "cards").select_one("div.clinic-crisis") is None


def test_repeated_parts_stay_out_of_search(built: Any) -> None:
    text = (built.outdir / "searchindex.js").read_text()
    terms = json.loads(text[text.index("(") + 1 : text.rindex(")")])["terms"]
    # Words only the crisis notice, bylines and author cards contain.
    for word in ("lifelin", "988"):
        assert word not in terms, word
    # The articles' own words are indexed.
    assert "worri" in terms and "kitchen" in terms


@pytest.mark.sphinx(
    "html",
    testroot="clinic",
    confoverrides={
        "clinic_show_drafts": True,
        "clinic_crisis_specialties": ["anxiety"],
        "clinic_next_direction": "older",
        "clinic_about_author": False,
        "clinic_byline": False,
    },
    srcdir="clinic-options",
)
def test_options(app: Any) -> None:
    app.build()
    assert "A draft about grief" in html(app, "archive").get_text()
    draft_item = html(app, "archive").select_one(".clinic-draft-label")
    assert draft_item.get_text() == "Draft"
    # Only articles about anxiety carry the notice.
    assert html(app, "articles/worry").select_one("div.clinic-crisis") is not None
    assert html(app, "articles/nights").select_one("div.clinic-crisis") is None
    # "Next" goes to the older article.
    worry = html(app, "articles/worry")
    assert worry.select_one('head link[rel="next"]')["href"] == "first-weeks.html"
    assert worry.select_one("section#about-the-author") is None
    assert worry.select_one("p.clinic-byline") is None
