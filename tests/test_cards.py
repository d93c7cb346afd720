"""Clinician cards, bylines, profiles and the directory, as a reader gets them."""

from __future__ import annotations

from typing import Any

import pytest

from conftest import html, warnings

pytestmark = pytest.mark.sphinx("html", testroot="clinic")


@pytest.fixture
def built(app: Any) -> Any:
    app.build()
    return app


def _cards(page: Any) -> list[Any]:
    return page.select("div.clinic-card")


def test_author_card_shows_the_clinician(built: Any) -> None:
    page = html(built, "cards")
    ana, ben, _cleo = _cards(page)
    name = ana.select_one(".clinic-card-name")
    assert name.a["href"] == "clinicians/ana-lima.html"
    assert name.a.get_text() == "Ana Lima"
    abbrs = {a.get_text(): a["title"] for a in name.select("abbr")}
    assert abbrs == {
        "LCSW": "Licensed Clinical Social Worker",
        # A letter from the site's own glossary (clinic_credentials).
        "CASAC": "Credentialed Alcoholism and Substance Abuse Counselor",
    }
    assert ana.select_one(".clinic-card-meta").get_text() == "she/her · Clinical Social Worker"
    assert ana.select_one(".clinic-card-summary").get_text() == (
        "I work with new parents and people facing loss."
    )
    # A list of badges (a screen reader says how many), styled without sphinx-design.
    badges = ana.select("ul.clinic-specialties > li a")
    assert [(b.get_text(), b["href"]) for b in badges] == [
        ("Early parenthood", "specialties.html#specialty-early-parenthood"),
        ("Grief and loss", "specialties.html#specialty-grief"),
    ]
    status = ana.select_one(".clinic-card-status")
    assert status.get_text() == "Accepting new clients (as of October 1, 2026)"
    assert "clinic-accepting" in status["class"]
    more = ana.select_one(".clinic-card-more a")
    assert more["href"] == "clinicians/ana-lima.html"
    assert more.get_text() == "Read Ana Lima's full profile"
    # The photo is copied under a stable name; it is decorative next to the name.
    img = ana.select_one("img.clinic-avatar")
    assert img["src"] == "_clinic/photos/ana-lima.png" and img["alt"] == ""
    assert (built.outdir / "_clinic/photos/ana-lima.png").is_file()
    # Without a photo: initials, hidden from screen readers.
    initials = ben.select_one(".clinic-avatar-initials")
    assert initials.get_text() == "BO" and initials["aria-hidden"] == "true"
    assert ben.select_one(".clinic-card-status").get_text() == "Waitlist for new clients"


def test_a_card_carries_no_class_its_styles_do_not_use(built: Any) -> None:
    """A directory repeats the card fifty times (issue 15): no docutils classes on its
    boxes and list (clinic.css styles the clinic-* classes), none on each badge."""
    for page in ("cards", "directory"):
        for card in _cards(html(built, page)):
            assert card["class"] in (["clinic-card"], ["clinic-card", "clinic-card-compact"])
            assert card.select_one(".clinic-card-body")["class"] == ["clinic-card-body"]
            for badges in card.select("ul"):
                assert badges["class"] == ["clinic-specialties"]
                assert [li.get("class") for li in badges.find_all("li")] == [None] * len(
                    badges.find_all("li")
                )


def test_compact_card_and_hidden_parts(built: Any) -> None:
    cleo = _cards(html(built, "cards"))[2]
    assert "clinic-card-compact" in cleo["class"]
    assert cleo.select_one(".clinic-card-summary") is None
    assert cleo.select_one(".clinic-specialties") is None
    assert cleo.select_one(".clinic-card-status").get_text() == "Not accepting new clients"


def test_user_text_is_escaped(built: Any) -> None:
    page = html(built, "cards")
    cleo = _cards(page)[2]
    assert cleo.select_one(".clinic-card-name a").get_text() == "Cleo <b>X</b>"
    assert page.find("script", string=lambda s: s and "alert(1)" in s) is None
    assert page.find("b", string="X") is None
    directory = html(built, "directory")
    summaries = [p.get_text() for p in directory.select(".clinic-card-summary")]
    assert "I write <script>alert(1)</script> and more." in summaries
    raw = (built.outdir / "directory.html").read_text()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in raw
    assert "<script>alert(1)" not in raw


def test_byline_and_review_stamp(built: Any) -> None:
    page = html(built, "articles/first-weeks")
    byline = page.select_one("p.clinic-byline")
    assert byline.get_text() == "By Ana Lima · January 10, 2025 · 1 min read"
    assert byline.a["href"] == "../clinicians/ana-lima.html"
    # The byline sits right under the title.
    assert byline.find_previous_sibling("h1").get_text().startswith("The first weeks at home")
    review = page.select_one("p.clinic-review")
    assert review.get_text() == "Clinically reviewed by Ben Okafor, PhD, LMFT on February 1, 2025"
    co = html(built, "articles/worry").select_one("p.clinic-byline")
    assert [a.get_text() for a in co.select("a")] == ["Ben Okafor", "Ana Lima"]
    assert co.get_text().startswith("By Ben Okafor and Ana Lima · March 2, 2025")


def test_about_the_authors_at_the_end(built: Any) -> None:
    page = html(built, "articles/worry")
    section = page.select_one("section#about-the-author")
    assert section.h2.get_text().startswith("About the authors")
    names = [c.select_one(".clinic-card-name a").get_text() for c in _cards(section)]
    assert names == ["Ben Okafor", "Ana Lima"]
    single = html(built, "articles/first-weeks").select_one("section#about-the-author")
    assert single.h2.get_text().startswith("About the author")
    assert len(_cards(single)) == 1


def test_profile_page(built: Any) -> None:
    page = html(built, "clinicians/ana-lima")
    header = page.select_one("div.clinic-profile")
    assert header.find_previous_sibling("h1").get_text().startswith("Ana Lima")
    # The title says the name; the header spells out the credentials.
    assert header.select_one(".clinic-card-name") is None
    assert header.select_one(".clinic-credentials").get_text() == (
        "Licensed Clinical Social Worker (LCSW); "
        "Credentialed Alcoholism and Substance Abuse Counselor (CASAC)"
    )
    booking = header.select_one("a.clinic-button")
    assert booking["href"] == "https://example.com/book/ana"
    assert booking.get_text() == "Book a consultation with Ana Lima"
    details = {
        dt.get_text(strip=True).rstrip(":"): " ".join(dt.find_next_sibling("dd").get_text().split())
        for dt in header.select("dl.clinic-profile-details dt")
    }
    assert details["Languages"] == "English, Portuguese"
    assert details["Sessions"] == "In person, Telehealth"
    assert details["Licenses"] == "LCSW NY #EX-1"
    # Articles by the clinician, newest first; drafts are not listed.
    section = page.select_one("section#clinic-articles-by")
    assert section.h2.get_text().startswith("Articles by Ana Lima")
    titles = [a.get_text() for a in section.select(".clinic-article-title a")]
    assert titles == ["When worry takes over", "The first weeks at home"]


def test_booking_only_when_accepting(built: Any) -> None:
    # Ben has a booking_url but is on a waitlist: no call to action.
    page = html(built, "clinicians/ben-okafor")
    assert page.select_one("a.clinic-button") is None
    assert page.select_one(".clinic-card-status").get_text() == "Waitlist for new clients"


def test_directory_sorted_and_filtered(built: Any) -> None:
    page = html(built, "directory")
    everyone, grief, accepting = page.select("div.clinic-directory")

    def names(grid: Any) -> list[str]:
        return [c.select_one(".clinic-card-name a").get_text() for c in _cards(grid)]

    assert names(everyone) == ["Ana Lima", "Ben Okafor", "Cleo <b>X</b>"]
    assert names(grief) == ["Ana Lima", "Cleo <b>X</b>"]
    assert names(accepting) == ["Ana Lima"]


def test_clinician_role_uses_the_name(built: Any) -> None:
    page = html(built, "cards")
    link = page.find("a", href="clinicians/ana-lima.html", class_="reference")
    assert link.get_text() == "Ana Lima"


def test_no_warnings(built: Any) -> None:
    assert warnings(built) == []
