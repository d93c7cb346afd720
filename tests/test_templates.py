"""The HTML templates (``templates/clinic/``): author text escaped in every one, a site's
own template used instead of ours, and the other builders keeping their docutils trees."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st
from markupsafe import Markup

from conftest import ROOTS, html, warnings
from sphinx_clinic.templating import PACKAGE_TEMPLATES, template_environment

# -- author text in every template ---------------------------------------------------------

#: Text an author (or a stranger's pull request) could put in a name, a title, a summary,
#: a credential or a vocabulary label: markup, entities, quotes that would end an attribute.
HOSTILE_PIECES = (
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "' onmouseover='alert(1)",
    "&amp;",
    "&lt;b&gt;",
    "</p></div>",
    "{{ 7 * 7 }}",
    "<!--",
)
# (No control characters: they are not text an HTML parser gives back as written.)
_characters = st.characters(blacklist_categories=("Cs", "Cc"))
author_text = st.lists(
    st.one_of(st.sampled_from(HOSTILE_PIECES), st.text(_characters, min_size=1, max_size=12)),
    min_size=1,
    max_size=4,
).map("".join)


def _person(text: str) -> dict[str, Any]:
    return {"name": text, "uri": "p.html", "credentials": [(text, text), (text, "")]}


def _card(text: str) -> dict[str, Any]:
    return {
        **_person(text),
        "initials": text,
        "photo": "",
        "pronouns": text,
        "role": text,
        "summary": text,
        "specialties": [{"label": text, "uri": "s.html#x"}, {"label": text, "uri": None}],
        "languages": [{"label": text, "uri": "f.html"}, {"label": text, "uri": None}],
        "accepting": "accepting",
        "accepting_as_of": text,
        "lang": "es",
    }


def _item(text: str) -> dict[str, Any]:
    return {
        "uri": "a.html",
        "title": text,
        "draft": True,
        "date": text,
        "authors": [{"name": text, "uri": "p.html"}, {"name": text, "uri": None}],
        "minutes": 3,
        "summary": text,
        "lang": "es",
        "also_in": [{"uri": "a.es.html", "language": "es", "name": text}],
    }


#: Every template a view renders, with values that put ``text`` in each field it prints.
CASES: dict[str, Callable[[str], dict[str, Any]]] = {
    "byline": lambda t: {
        "byline": True,
        "authors": [{"name": t, "uri": "p.html"}, {"name": t, "uri": None}],
        "date": t,
        "updated": t,
        "minutes": 4,
        "reviewer": _person(t),
        "reviewed_on": t,
    },
    "cards": lambda t: {
        "cards": (cards := [_card(t), t, {**_card(t), "photo": "x.png"}]),
        "rendered": [_one_card(card) for card in cards],
        "tokens": [t, t, t],
        "wrapper": "clinic-cards",
        "compact": False,
        "hide": (),
        "empty": t,
    },
    # As render_cards passes them: each card rendered on its own, then set in.
    "one-card": lambda t: {"card": _card(t), "compact": False, "hide": (), "wrapper": t},
    "article-list": lambda t: {"items": [_item(t), _item(t)], "level": 3},
    "crisis-notice": lambda t: {"title": t, "parts": [(t, ""), (t, "tel:988"), (t, "")]},
}
#: Included by the others, never rendered alone.
PARTS = {"macros", "card", "article-item"}


def _one_card(card: dict[str, Any] | str) -> Any:
    """A card as render_cards sets it in: made by one-card.html (an unknown id stays a str)."""
    if isinstance(card, str):
        return card
    values = {"card": card, "compact": False, "hide": (), "wrapper": "clinic-cards"}
    return Markup(_render("one-card", values))


def _render(name: str, values: dict[str, Any], label: str = "") -> str:
    """A template as a page gets it; ``label`` stands in for every translated label."""

    def translate(message: str) -> str:
        if not label:
            return message
        # a translation keeps the message's placeholder
        return label + next((f" {p}" for p in ("%s", "%d") if p in message), "")

    template = template_environment(()).get_template(f"clinic/{name}.html")
    return template.render(
        values,
        _=translate,
        ngettext=lambda one, many, n: translate(one if n == 1 else many),
    )


def _shape(html_text: str) -> list[tuple[str, tuple[str, ...]]]:
    """The elements and their attribute names: what author text must never change."""
    soup = BeautifulSoup(html_text, "html.parser")
    return [(tag.name, tuple(sorted(tag.attrs))) for tag in soup.find_all(True)]


def test_every_template_has_a_case() -> None:
    names = {p.stem for p in (PACKAGE_TEMPLATES / "clinic").glob("*.html")}
    assert names == set(CASES) | PARTS


@pytest.mark.parametrize("name", sorted(CASES))
@settings(max_examples=60, deadline=None)
@given(text=author_text)
def test_author_text_is_escaped_in_every_template(name: str, text: str) -> None:
    values = CASES[name]
    rendered = _render(name, values(text))
    # Author text adds no element and no attribute: the same shape as harmless text...
    assert _shape(rendered) == _shape(_render(name, values("plain")))
    # ... and comes back as the reader's text, unchanged, in the body and in attributes.
    soup = BeautifulSoup(rendered, "html.parser")
    assert text in soup.get_text()
    if name in ("byline", "cards"):
        assert any(abbr["title"] == text for abbr in soup.find_all("abbr"))
    # Labels (translations are text from a catalog, not markup) are escaped too.
    labelled = _render(name, values("plain"), label=text.replace("%", "%%"))
    assert _shape(labelled) == _shape(_render(name, values("plain"), label="label"))


# -- a site's own template, and the builders that keep docutils trees ---------------------

OWN_BYLINE = (
    '<p class="clinic-byline my-byline">Written by {{ authors | map(attribute="name") '
    '| join(" & ") }} ({{ _("%d min read") % minutes }})</p>\n'
)


def _site_with_own_template(tmp_path: Path, name: str, text: str) -> Any:
    """A copy of the test-clinic site with ``_templates/clinic/<name>.html``, as an app."""
    from sphinx.testing.util import SphinxTestApp

    src = tmp_path / "src"
    shutil.copytree(ROOTS / "test-clinic", src)
    (src / "_templates" / "clinic").mkdir(parents=True)
    (src / "_templates" / "clinic" / f"{name}.html").write_text(text, encoding="utf-8")
    conf = src / "conf.py"
    conf.write_text(
        conf.read_text(encoding="utf-8") + '\ntemplates_path = ["_templates"]\n', encoding="utf-8"
    )
    return SphinxTestApp("html", srcdir=src, builddir=tmp_path / "out")


def test_a_site_template_replaces_ours(tmp_path: Path) -> None:
    app = _site_with_own_template(tmp_path, "byline", OWN_BYLINE)
    try:
        app.build()
        assert warnings(app) == []
        byline = html(app, "articles/loss-a").select_one("p.clinic-byline")
        assert "my-byline" in byline["class"]
        # Still escaped: the author's name has markup in it.
        assert byline.get_text() == "Written by Cleo <b>X</b> (1 min read)"
        assert byline.find("b") is None
        # The other parts still come from ours.
        assert html(app, "articles/loss-a").select_one("#about-the-author .clinic-card")
    finally:
        app.cleanup()


OWN_CARD = (
    '<div class="my-card {{ wrapper }}">{{ m.link(card.uri, card.name) }} {{ _("Speaks") }}</div>\n'
)


def test_a_site_card_template_is_used_for_every_card(tmp_path: Path) -> None:
    """Cards are rendered one by one and reused (renderers.cards_html): a site's own
    ``card.html`` still makes every one of them, with the macros and labels it had."""
    app = _site_with_own_template(tmp_path, "card", OWN_CARD)
    try:
        app.build()
        assert warnings(app) == []
        for page, wrapper in (
            ("articles/loss-a", "clinic-cards"),
            ("directory", "clinic-directory"),
        ):
            cards = html(app, page).select(".my-card")
            assert cards and all(wrapper in card["class"] for card in cards), page
            assert html(app, page).select(".clinic-card") == []
            for card in cards:
                href = card.a["href"]
                assert Path(app.outdir, Path(page).parent, href).resolve().is_file(), href
                assert card.get_text().endswith("Speaks")
    finally:
        app.cleanup()


@pytest.mark.sphinx("html", testroot="translations")
def test_reused_cards_link_from_the_page_they_are_on(app: Any) -> None:
    """The same clinician's card on articles in different folders (and languages): each
    page's links lead from that page to the profile, never another page's copy."""
    app.build()
    pages = sorted(Path(app.outdir, "articles").rglob("*.html"))
    checked = 0
    for path in pages:
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for card in soup.select("#about-the-author .clinic-card"):
            name = card.select_one(".clinic-card-name a")
            for link in card.select("a[href]"):
                target = (path.parent / link["href"].split("#")[0]).resolve()
                assert target.is_file(), (path.name, link["href"])
                checked += 1
            # The name leads to that clinician's own profile (not another card's).
            profile = (path.parent / name["href"]).resolve()
            heading = BeautifulSoup(profile.read_text(encoding="utf-8"), "html.parser").h1
            assert name.get_text() in heading.get_text(), (path.name, name["href"])
    assert checked >= 4


@pytest.mark.sphinx("text", testroot="clinic")
def test_text_builder_keeps_the_docutils_trees(app: Any) -> None:
    app.build()
    text = Path(app.outdir, "articles", "loss-a.txt").read_text(encoding="utf-8")
    # No HTML reaches a text build; the same parts are there as text.
    assert "<p" not in text and "<div" not in text and "class=" not in text
    assert "By Cleo <b>X</b> · June 1, 2025 · 1 min read" in text
    assert "If you need help now" in text
    assert "Read Cleo <b>X</b>'s full profile" in text
