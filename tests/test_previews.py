"""Link previews and search snippets: descriptions and Open Graph tags on every page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from conftest import html, warnings
from sitebuild import copy_root, edit
from sphinx_clinic.previews import og_locale, shorten

pytestmark = pytest.mark.sphinx("html", testroot="readers")
BASE = "https://kb.example.org/"


@pytest.fixture
def built(app: Any) -> Any:
    app.build()
    assert warnings(app) == []
    return app


def _og(page: Any) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for meta in page.head.find_all("meta", property=True):
        found.setdefault(meta["property"], []).append(meta["content"])
    return found


def _description(page: Any) -> list[str]:
    return [m["content"] for m in page.head.find_all("meta", attrs={"name": "description"})]


def test_shorten_cuts_between_words() -> None:
    text = "Grief does not keep a schedule. It arrives in waves that are sometimes gentle."
    # At a sentence end when that keeps at least half, else between two words.
    assert shorten(text, 40) == "Grief does not keep a schedule."
    assert shorten(text, 70) == "Grief does not keep a schedule. It arrives in waves that are…"
    assert shorten("  short\n text ", 40) == "short text"
    # One long word: cut inside it rather than return nothing.
    assert shorten("a" * 50, 10) == "a" * 9 + "…"


def test_og_locale_names_language_and_territory() -> None:
    assert og_locale("en") == "en_US"
    assert og_locale("pt-BR") == "pt_BR"
    assert og_locale("de") == "de_DE"
    assert og_locale("") == ""
    assert og_locale("not a language") == ""


def test_an_article_previews_as_an_article(built: Any) -> None:
    page = html(built, "articles/worry")
    og = _og(page)
    assert og["og:type"] == ["article"]
    assert og["article:published_time"] == ["2025-03-02"]
    assert og["article:modified_time"] == ["2025-06-01"]
    assert og["article:author"] == [f"{BASE}clinicians/ana-lima.html"]
    assert og["article:tag"] == ["Anxiety"]
    # Its own picture, published at a stable address, with its alt text.
    assert og["og:image"] == [f"{BASE}_clinic/images/articles/worry.png"]
    assert og["og:image:alt"] == ["A window at night"]
    assert Path(built.outdir, "_clinic/images/articles/worry.png").is_file()
    assert og["og:locale"] == ["en_US"]
    summary = "A short look at worry, and what helps when it will not stop."
    assert og["og:description"] == [summary]
    assert _description(page) == [summary]


def test_a_long_first_paragraph_is_cut_between_words(built: Any) -> None:
    page = html(built, "articles/grief")
    (description,) = _description(page)
    assert description.endswith(("…", ".")) and len(description) <= 320
    assert description.startswith("Grief does not keep a schedule. It arrives in waves ")
    words = description.rstrip("…").split()
    text = page.select_one("article[role=main]").get_text(" ")
    assert " ".join(words) in " ".join(text.split())
    assert _og(page)["og:description"] == [description]
    # No image of its own: the site's default picture and its alt text.
    assert _og(page)["og:image"] == [f"{BASE}_static/preview.png"]
    assert _og(page)["og:image:alt"] == ["The practice's logo"]


def test_a_profile_previews_as_a_profile(built: Any) -> None:
    og = _og(html(built, "clinicians/ana-lima"))
    assert og["og:type"] == ["profile"]
    assert og["og:image"] == [f"{BASE}_clinic/photos/ana-lima.png"]
    assert og["og:image:alt"] == ["Ana smiling"]
    assert "article:published_time" not in og


def test_hub_pages_describe_themselves_with_their_own_words(built: Any) -> None:
    archive = html(built, "archive")
    # Its introduction, not the text of the listing under it.
    assert _description(archive) == ["Everything we have written, newest first."]
    assert _og(archive)["og:type"] == ["website"]
    # A page with no prose of its own but cards: no description made of card text.
    assert _description(html(built, "design")) == ["What a session costs."]


def test_without_sphinxext_opengraph_the_extension_writes_the_tags(
    make_app: Any, rootdir: Path, tmp_path: Path
) -> None:
    srcdir = copy_root(rootdir, "readers", tmp_path)
    conf = srcdir / "conf.py"
    edit(conf, conf.read_text().replace(', "sphinxext.opengraph"', ""))
    app = make_app("html", srcdir=srcdir, freshenv=True)
    app.build()
    og = _og(html(app, "articles/worry"))
    assert og["og:type"] == ["article"]
    assert og["og:image"] == [f"{BASE}_clinic/images/articles/worry.png"]
    assert "og:title" not in og  # sphinxext-opengraph's part


def test_a_picture_without_alt_text_warns(make_app: Any, rootdir: Path, tmp_path: Path) -> None:
    srcdir = copy_root(rootdir, "readers", tmp_path)
    page = srcdir / "articles" / "worry.md"
    edit(page, page.read_text().replace("image_alt: A window at night\n", ""))
    conf = srcdir / "conf.py"
    edit(conf, conf.read_text().replace('"_static/preview.png"\n', '"_static/missing.png"\n', 1))
    app = make_app("html", srcdir=srcdir, freshenv=True)
    app.build()
    lines = warnings(app)
    image = [w for w in lines if "has no 'image_alt'" in w]
    assert len(image) == 1
    assert f"{page}:5:" in image[0] and image[0].endswith("[clinic.image]")
    missing = [w for w in lines if "clinic_default_image '_static/missing.png'" in w]
    assert len(missing) == 1 and missing[0].endswith("[clinic.config]")


def test_a_page_may_write_its_own_description(built: Any) -> None:
    page = html(built, "fees")
    assert _description(page) == ["What sessions cost, and the sliding scale."]
    assert _og(page)["og:description"] == ["What sessions cost, and the sliding scale."]
