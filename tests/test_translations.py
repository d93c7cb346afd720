"""Articles and profiles in several languages: ``translation_of``, the language switcher,
``hreflang`` alternates, grouped listings, per-language specialty labels, and every way a
``translation_of`` can be wrong."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import html, warnings
from sitebuild import atom, edit, entries, jsonld
from sphinx_clinic.cli.schema import vocabulary_schema
from sphinx_clinic.translations import Member, link_translations, own_name, pick_language
from sphinx_clinic.vocabulary import parse_vocabulary
from test_equivalence import assert_same_output, build

# -- which pages translate which (pure) ---------------------------------------------------


def _link(pages: dict[str, tuple[str, str]], **kwargs: Any) -> Any:
    return link_translations(pages, "en", **kwargs)


def test_a_translation_joins_its_original_in_a_group_ordered_by_language() -> None:
    found = _link(
        {
            "articles/worry": ("", ""),
            "articles/pt/worry": ("articles/worry.md", "pt-BR"),  # a source suffix is fine
            "articles/es/worry": ("../worry", "es"),  # so is a path from the page's folder
        }
    )
    group = (
        Member("en", "articles/worry", True),
        Member("es", "articles/es/worry", False),
        Member("pt-BR", "articles/pt/worry", False),
    )
    assert found.problems == ()
    assert found.group("articles/worry") == group == found.group("articles/pt/worry")
    assert found.original("articles/es/worry") == "articles/worry"
    assert found.original("articles/worry") == "articles/worry"


@pytest.mark.parametrize(
    ("pages", "problem"),
    [
        (
            {"articles/worry": ("", ""), "articles/es": ("articles/wory", "es")},
            (
                "articles/es",
                "translation_of: no article is 'articles/wory'; did you mean 'articles/worry'?",
            ),
        ),
        (
            {"articles/es": ("articles/es", "es")},
            (
                "articles/es",
                "translation_of 'articles/es' is this page itself; name the "
                "original article, or remove translation_of from the original",
            ),
        ),
        (
            {"a": ("", ""), "b": ("a", "es"), "c": ("b", "fr")},
            ("c", "translation_of 'b' is itself a translation of 'a'; write translation_of: a"),
        ),
        (
            {"a": ("b", "es"), "b": ("a", "fr")},
            (
                "a",
                "translation_of goes round in a circle (a -> b -> a); the original page "
                "must not have translation_of",
            ),
        ),
        (
            {"a": ("", ""), "b": ("a", "es"), "c": ("a", "ES")},
            ("c", "'b' is already the 'ES' translation of 'a'; keep one translation per language"),
        ),
        (
            {"a": ("", "es"), "b": ("a", "es")},
            (
                "b",
                "this translation is in 'es', the language of its original 'a'; set its "
                "language, e.g. 'language: es'",
            ),
        ),
    ],
)
def test_each_wrong_link_is_one_problem_at_the_page_that_wrote_it(
    pages: dict[str, tuple[str, str]], problem: tuple[str, str]
) -> None:
    found = _link(pages)
    assert problem in found.problems


def test_a_translation_of_a_translation_still_joins_the_original() -> None:
    found = _link({"a": ("", ""), "b": ("a", "es"), "c": ("b", "fr")})
    assert [m.docname for m in found.group("a")] == ["a", "b", "c"]


def test_pages_in_a_circle_or_in_a_taken_language_stay_alone() -> None:
    found = _link({"a": ("b", "es"), "b": ("a", "fr"), "c": ("", ""), "d": ("c", "en")})
    assert found.groups == {}


def test_an_article_cannot_translate_a_profile() -> None:
    found = _link({"articles/x": ("clinicians/ana", "es")}, others={"clinicians/ana"})
    assert found.problems == (
        (
            "articles/x",
            "translation_of 'clinicians/ana' is not an article: an article can only be a "
            "translation of an article",
        ),
    )


def test_languages_are_matched_by_primary_subtag_and_named_in_themselves() -> None:
    assert pick_language("es-MX", ["en", "es"]) == "es"
    assert pick_language("pt", ["en", "pt-BR"]) == "pt-BR"
    assert pick_language("fr", ["en", "es"]) is None
    assert [own_name(t) for t in ("en", "es", "pt-BR")] == [
        "English",
        "Español",
        "Português (Brasil)",
    ]


# -- the vocabulary in several languages (pure) ----------------------------------------------

BILINGUAL = """\
- id: anxiety
  label: {en: Anxiety, es: Ansiedad}
  aliases: {en: [worry], es: [preocupación]}
- id: grief
  label: Grief
  aliases: [bereavement]
"""


def test_a_label_and_aliases_per_language() -> None:
    vocabulary, problems = parse_vocabulary(BILINGUAL)
    assert problems == []
    anxiety = vocabulary.specialties["anxiety"]
    assert (anxiety.label, anxiety.aliases) == ("Anxiety", ("worry",))
    assert anxiety.label_in("es-MX") == "Ansiedad"
    assert anxiety.aliases_in("es") == ("preocupación",)
    assert anxiety.label_in("fr") == "Anxiety" and anxiety.aliases_in("fr") == ("worry",)
    # a page in any language may write any of the names
    assert vocabulary.resolve("Ansiedad") == vocabulary.resolve("preocupación") == "anxiety"
    grief = vocabulary.specialties["grief"]
    assert grief.label_in("es") == "Grief" and grief.aliases_in("es") == ("bereavement",)


def test_a_spanish_site_takes_the_spanish_label_as_its_own() -> None:
    vocabulary, problems = parse_vocabulary(BILINGUAL, language="es")
    assert vocabulary.specialties["anxiety"].label == "Ansiedad"
    assert vocabulary.specialties["anxiety"].aliases == ("preocupación",)
    assert vocabulary.specialties["grief"].label == "Grief"  # a plain label is the site's
    assert problems == []


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        (
            "- id: a\n  label: {english: Anxiety}\n",
            "'label' of 'a': 'english' is not a language tag; write e.g. 'es' or 'pt-BR'",
        ),
        ("- id: a\n  label: {en: A, es: [x]}\n", "'label' of 'a' in 'es' must be text"),
        (
            "- id: a\n  label: {es: Ansiedad}\n",
            "specialty 'a' has no label in the site's language 'en'; add 'en: ...' to its label",
        ),
        (
            "- id: a\n  label: A\n  aliases: {es: 3}\n",
            "'aliases' of 'a' in 'es' must be a list of words",
        ),
        (
            "- id: a\n  label: {en: A, es: B}\n- id: b\n  label: {en: C, es: B}\n",
            "'B' of specialty 'b' already names specialty 'a'; remove it from one of them",
        ),
    ],
)
def test_a_wrong_per_language_entry_is_reported_at_its_line(entry: str, message: str) -> None:
    _vocabulary, problems = parse_vocabulary(entry)
    assert message in [p.message for p in problems]


def test_the_vocabulary_schema_accepts_labels_per_language() -> None:
    validator = jsonschema.Draft7Validator(vocabulary_schema())
    assert list(validator.iter_errors(yaml.safe_load(BILINGUAL))) == []
    root = Path(__file__).parent / "roots" / "test-translations" / "specialties.yaml"
    assert list(validator.iter_errors(yaml.safe_load(root.read_text(encoding="utf-8")))) == []
    bad = [{"id": "a", "label": {"english": "A"}}]
    assert list(validator.iter_errors(bad))


# -- a bilingual site -----------------------------------------------------------------------


def _switcher(page: BeautifulSoup) -> list[tuple[str, str, str, str]]:
    nav = page.find("nav", class_="clinic-languages")
    if nav is None:
        return []
    assert nav["aria-label"]
    return [(a.get_text(), a["href"], a["hreflang"], a["lang"]) for a in nav.find_all("a")]


def _alternates(page: BeautifulSoup) -> list[tuple[str, str]]:
    return [
        (link["hreflang"], link["href"])
        for link in page.head.find_all("link", rel="alternate")
        if link.get("hreflang")
    ]


@pytest.mark.sphinx("html", testroot="translations", freshenv=True)
def test_the_bilingual_site_builds_without_warnings(app: Any) -> None:
    app.build()
    assert warnings(app) == []


@pytest.mark.sphinx("html", testroot="translations", freshenv=True)
def test_each_page_of_a_group_links_to_the_others_in_their_language(app: Any) -> None:
    app.build()
    # Each label is in the language it leads to.
    assert _switcher(html(app, "articles/worry")) == [
        ("Leer en español", "es/worry.html", "es", "es"),
        ("Ler em português (Brasil)", "pt/worry.html", "pt-BR", "pt-BR"),
    ]
    assert _switcher(html(app, "articles/es/worry")) == [
        ("Read this in English", "../worry.html", "en", "en"),
        ("Ler em português (Brasil)", "../pt/worry.html", "pt-BR", "pt-BR"),
    ]
    nav = html(app, "articles/es/worry").find("nav", class_="clinic-languages")
    assert nav["aria-label"] == "Idiomas"  # the page's own language
    assert html(app, "articles/worry").find("nav", class_="clinic-languages")["aria-label"] == (
        "Languages"
    )
    assert _switcher(html(app, "clinicians/es/ana-lima")) == [
        ("Read this in English", "../ana-lima.html", "en", "en")
    ]
    # A page without translations has no switcher, and no alternates.
    assert _switcher(html(app, "articles/sleep")) == []
    assert _alternates(html(app, "articles/sleep")) == []
    assert _switcher(html(app, "articles/es/descanso")) == []


@pytest.mark.sphinx("html", testroot="translations", freshenv=True)
def test_the_switcher_sits_under_the_byline(app: Any) -> None:
    app.build()
    byline = html(app, "articles/es/worry").find(class_="clinic-byline")
    assert byline.find_next_sibling().name == "nav"


@pytest.mark.sphinx("html", testroot="translations", freshenv=True)
def test_every_page_of_a_group_lists_all_of_it_in_its_head(app: Any) -> None:
    app.build()
    expected = [
        ("en", "https://kb.example.org/articles/worry.html"),
        ("es", "https://kb.example.org/articles/es/worry.html"),
        ("pt-BR", "https://kb.example.org/articles/pt/worry.html"),
        ("x-default", "https://kb.example.org/articles/worry.html"),
    ]
    for docname in ("articles/worry", "articles/es/worry", "articles/pt/worry"):
        assert _alternates(html(app, docname)) == expected
    assert _alternates(html(app, "clinicians/ana-lima")) == [
        ("en", "https://kb.example.org/clinicians/ana-lima.html"),
        ("es", "https://kb.example.org/clinicians/es/ana-lima.html"),
        ("x-default", "https://kb.example.org/clinicians/ana-lima.html"),
    ]


@pytest.mark.sphinx(
    "html", testroot="translations", freshenv=True, confoverrides={"html_baseurl": ""}
)
def test_without_a_base_url_the_alternates_are_relative(app: Any) -> None:
    app.build()
    assert _alternates(html(app, "articles/es/worry")) == [
        ("en", "../worry.html"),
        ("es", "worry.html"),
        ("pt-BR", "../pt/worry.html"),
        ("x-default", "../worry.html"),
    ]


def _items(page: BeautifulSoup) -> list[tuple[str, str | None, list[tuple[str, str, str]]]]:
    """(title, lang, [(also-in text, href, hreflang)]) of each listed article."""
    found = []
    for item in page.select(".clinic-article-item"):
        also = [
            (a.get_text(), a["href"], a["hreflang"])
            for a in item.select(".clinic-also-in a.clinic-language-link")
        ]
        title = item.select_one(".clinic-article-title")
        marked = title.select_one("[lang]")
        found.append((title.get_text(), marked["lang"] if marked else None, also))
    return found


@pytest.mark.sphinx("html", testroot="translations", freshenv=True)
def test_listings_show_each_article_once_with_its_other_languages(app: Any) -> None:
    app.build()
    assert _items(html(app, "index")) == [
        ("El descanso también es cuidado", "es", []),
        ("Sleep after a hard day", None, []),
        (
            "When worry takes over",
            None,
            [
                ("Español", "articles/es/worry.html", "es"),
                ("Português (Brasil)", "articles/pt/worry.html", "pt-BR"),
            ],
        ),
        ("The first weeks", None, []),
    ]
    # The Spanish profile lists the Spanish translation, with the original as "also in",
    # labelled in Spanish.
    also = html(app, "clinicians/es/ana-lima").select_one(".clinic-also-in")
    assert also.get_text().startswith("También en: English")
    assert html(app, "index").select_one(".clinic-also-in").get_text().startswith("Also in: Esp")
    assert _items(html(app, "clinicians/es/ana-lima")) == [
        ("El descanso también es cuidado", None, []),
        (
            "Cuando la preocupación se apodera de usted",
            None,
            [
                ("English", "../../articles/worry.html", "en"),
                ("Português (Brasil)", "../../articles/pt/worry.html", "pt-BR"),
            ],
        ),
    ]


@pytest.mark.sphinx("html", testroot="translations", freshenv=True)
def test_the_specialty_index_and_feeds_list_each_article_once(app: Any) -> None:
    app.build()
    page = html(app, "specialties")
    anxiety = page.find(id="specialty-anxiety")
    listed = [li.find("a").get_text() for li in anxiety.select(".clinic-specialty-articles li")]
    assert listed == ["Sleep after a hard day", "When worry takes over"]
    assert [a["hreflang"] for a in anxiety.select("a.clinic-language-link")] == ["es", "pt-BR"]
    sleep = page.find(id="specialty-sleep")
    assert sleep.select_one(".clinic-specialty-articles li [lang]")["lang"] == "es"
    site = entries(atom(Path(app.outdir, "feeds/atom.xml")))
    assert [e["title"] for e in site] == [
        "El descanso también es cuidado",
        "Sleep after a hard day",
        "When worry takes over",
        "The first weeks",
    ]


@pytest.mark.sphinx(
    "html",
    testroot="translations",
    freshenv=True,
    confoverrides={"clinic_translations": "separate"},
)
def test_separate_listings_give_each_translation_its_own_entry(app: Any) -> None:
    app.build()
    assert warnings(app) == []
    titles = [(title, lang, also) for title, lang, also in _items(html(app, "index"))]
    assert [t[0] for t in titles] == [
        "El descanso también es cuidado",
        "Sleep after a hard day",
        "Quando a preocupação toma conta",
        "Cuando la preocupación se apodera de usted",
        "When worry takes over",
        "The first weeks",
    ]
    assert [t[1] for t in titles] == ["es", None, "pt-BR", "es", None, None]
    assert all(not also for _, _, also in titles)
    assert len(entries(atom(Path(app.outdir, "feeds/atom.xml")))) == 6
    # the switcher does not depend on the listings
    assert len(_switcher(html(app, "articles/worry"))) == 2


@pytest.mark.sphinx("html", testroot="translations", freshenv=True)
def test_previous_and_next_stay_in_the_page_language(app: Any) -> None:
    app.build()

    def neighbours(docname: str) -> dict[str, str]:
        head = html(app, docname).head
        return {
            rel: head.find("link", rel=rel)["href"]
            for rel in ("prev", "next")
            if head.find("link", rel=rel)
        }

    assert neighbours("articles/worry") == {"prev": "first-weeks.html", "next": "sleep.html"}
    assert neighbours("articles/es/worry") == {"next": "descanso.html"}
    assert neighbours("articles/es/descanso") == {"prev": "worry.html"}
    assert neighbours("articles/pt/worry") == {}


@pytest.mark.sphinx("html", testroot="translations", freshenv=True)
def test_a_spanish_page_shows_the_spanish_labels_of_the_vocabulary(app: Any) -> None:
    app.build()
    page = html(app, "articles/es/worry")
    badges = [b.get_text(strip=True) for b in page.select(".clinic-specialties > li")]
    assert badges == ["Ansiedad", "Sleep"]  # "sleep" has no Spanish label: the site's
    posting = next(d for d in jsonld(page) if d.get("@type") == "MedicalWebPage")
    assert "Ansiedad" in json.dumps(posting, ensure_ascii=False)
    assert "Anxiety" not in json.dumps(posting)
    assert [
        b.get_text(strip=True)
        for b in html(app, "articles/worry").select(".clinic-specialties > li")
    ] == [
        "Anxiety",
        "Sleep",
    ]
    pt = html(app, "articles/pt/worry")
    assert pt.select_one(".clinic-specialties > li").get_text(strip=True) == "Ansiedade"
    # The English specialty index keeps the English label and aliases.
    anxiety = html(app, "specialties").find(id="specialty-anxiety")
    assert anxiety.find("h2").get_text().startswith("Anxiety")
    assert anxiety.select_one(".clinic-specialty-aliases").get_text() == "Also called: worry"


@pytest.mark.sphinx("html", testroot="translations", freshenv=True)
def test_a_translated_profile_is_its_clinician_in_another_language(app: Any) -> None:
    app.build()
    spanish = html(app, "clinicians/es/ana-lima")
    header = spanish.select_one(".clinic-profile")
    assert header.select_one(".clinic-card-meta").get_text() == "ella · Trabajadora social clínica"
    # what the translation leaves out comes from the original
    assert "LCSW" in header.select_one(".clinic-credentials").get_text()
    assert header.select_one(".clinic-card-status") is not None
    assert [b.get_text(strip=True) for b in header.select(".clinic-specialties > li")] == [
        "Ansiedad",
        "Sleep",
    ]
    # An article in Spanish introduces its author with the Spanish profile.
    card = html(app, "articles/es/worry").select_one(".clinic-card")
    assert card.select_one(".clinic-card-summary").get_text().startswith("Ayudo")
    assert card.select_one(".clinic-card-more a")["href"] == "../../clinicians/es/ana-lima.html"
    # The English article keeps the English card, and no directory counts Ana twice.
    english = html(app, "articles/worry").select_one(".clinic-card")
    assert english.select_one(".clinic-card-more a")["href"] == "../clinicians/ana-lima.html"
    names = [
        c.select_one(".clinic-card-name").get_text()
        for c in html(app, "team").select(".clinic-card")
    ]
    assert names == ["Ana Lima, LCSW", "Ben Okafor, LMHC"]


@pytest.mark.sphinx("text", testroot="translations", freshenv=True)
def test_text_builds_show_the_language_links_as_text(app: Any) -> None:
    app.build()
    assert warnings(app) == []
    text = Path(app.outdir, "articles/es/worry.txt").read_text(encoding="utf-8")
    assert "Read this in English" in text


# -- wrong links -----------------------------------------------------------------------------

BAD_PAGES = {
    "articles/typo.md": "---\ndate: 2025-06-01\nauthor: ana-lima\nlanguage: es\n"
    "translation_of: articles/wory\n---\n\n# Typo\n\nText.\n",
    "articles/twice.md": "---\ndate: 2025-06-02\nauthor: ana-lima\nlanguage: es\n"
    "translation_of: articles/worry\n---\n\n# Otra vez\n\nText.\n",
    "articles/chain.md": "---\ndate: 2025-06-03\nauthor: ana-lima\nlanguage: fr\n"
    "translation_of: articles/es/worry\n---\n\n# Chaîne\n\nText.\n",
    "articles/same.md": "---\ndate: 2025-06-04\nauthor: ben-okafor\n"
    "translation_of: articles/sleep\n---\n\n# Same language\n\nText.\n",
    "clinicians/self.md": "---\nlanguage: es\ntranslation_of: clinicians/self\n---\n\n"
    "# Self\n\nBio.\n",
}


@pytest.fixture
def bad_site(rootdir: Path, tmp_path: Path) -> Path:
    srcdir = tmp_path / "bad"
    shutil.copytree(rootdir / "test-translations", srcdir)
    for name, text in BAD_PAGES.items():
        (srcdir / name).write_text(text, encoding="utf-8")
    return srcdir


def test_each_wrong_translation_of_warns_at_its_line(make_app: Any, bad_site: Path) -> None:
    app = make_app("html", srcdir=bad_site, freshenv=True)
    app.build()
    prefix = str(bad_site) + "/"
    lines = sorted(line.replace(prefix, "") for line in warnings(app))
    assert lines == [
        "articles/chain.md:5: WARNING: translation_of 'articles/es/worry' is itself a "
        "translation of 'articles/worry'; write translation_of: articles/worry "
        "[clinic.translation]",
        "articles/same.md:4: WARNING: this translation is in 'en', the language of its "
        "original 'articles/sleep'; set its language, e.g. 'language: es' [clinic.translation]",
        "articles/twice.md:5: WARNING: 'articles/es/worry' is already the 'es' translation of "
        "'articles/worry'; keep one translation per language [clinic.translation]",
        "articles/typo.md:5: WARNING: translation_of: no article is 'articles/wory'; did you "
        "mean 'articles/worry'? [clinic.translation]",
        "clinicians/self.md:3: WARNING: translation_of 'clinicians/self' is this page itself; "
        "name the original clinician profile, or remove translation_of from the original "
        "[clinic.translation]",
    ]
    # The build goes on: every page is written; the wrong ones stand alone, and the
    # page that names a translation joins the original it leads to.
    for name in BAD_PAGES:
        assert Path(app.outdir, name.replace(".md", ".html")).is_file()
    assert _switcher(html(app, "articles/typo")) == []
    assert _switcher(html(app, "articles/twice")) == []
    assert [s[2] for s in _switcher(html(app, "articles/worry"))] == ["es", "fr", "pt-BR"]


def test_translation_warnings_can_be_suppressed(make_app: Any, bad_site: Path) -> None:
    app = make_app(
        "html",
        srcdir=bad_site,
        freshenv=True,
        confoverrides={"suppress_warnings": ["clinic.translation"]},
    )
    app.build()
    assert warnings(app) == []


# -- incremental and parallel builds -----------------------------------------------------------

FRENCH = (
    "---\ndate: 2025-03-11\nauthor: ana-lima\nlanguage: fr\ntranslation_of: articles/worry\n"
    "summary: Un bref regard sur l'inquiétude.\n---\n\n# Quand l'inquiétude prend le dessus"
    "\n\nL'inquiétude est courante.\n"
)


def _add_french(src: Path) -> set[str]:
    (src / "articles/fr").mkdir()
    edit(src / "articles/fr/worry.md", FRENCH)
    return set()


def _delete_portuguese(src: Path) -> set[str]:
    (src / "articles/pt/worry.md").unlink()
    return {"articles/pt/worry"}


def _portuguese_becomes_french(src: Path) -> set[str]:
    path = src / "articles/pt/worry.md"
    edit(path, path.read_text(encoding="utf-8").replace("language: pt-BR", "language: fr"))
    return set()


def _spanish_stands_alone(src: Path) -> set[str]:
    path = src / "articles/es/worry.md"
    edit(path, path.read_text(encoding="utf-8").replace("translation_of: articles/worry\n", ""))
    return set()


def _spanish_profile_deleted(src: Path) -> set[str]:
    (src / "clinicians/es/ana-lima.md").unlink()
    return {"clinicians/es/ana-lima"}


def _spanish_label_edited(src: Path) -> set[str]:
    path = src / "specialties.yaml"
    edit(path, path.read_text(encoding="utf-8").replace("es: Ansiedad,", "es: Ansiedad y miedo,"))
    return set()


TRANSLATION_EDITS = {
    "translation-added": _add_french,
    "translation-deleted": _delete_portuguese,
    "translation-language-changed": _portuguese_becomes_french,
    "translation-link-removed": _spanish_stands_alone,
    "profile-translation-deleted": _spanish_profile_deleted,
    "spanish-label-edited": _spanish_label_edited,
}


@pytest.mark.parametrize("name", list(TRANSLATION_EDITS))
def test_an_edited_translation_rebuilds_as_a_fresh_build(
    rootdir: Path, tmp_path: Path, name: str
) -> None:
    work, fresh = tmp_path / "work", tmp_path / "fresh"
    shutil.copytree(rootdir / "test-translations", work / "src")
    first = build(work, fresh=True)
    assert first.warnings == []
    deleted = TRANSLATION_EDITS[name](work / "src")
    build(work)
    shutil.copytree(work / "src", fresh / "src")
    build(fresh, fresh=True)
    assert_same_output(work, fresh, deleted=deleted)


def test_adding_a_translation_rewrites_its_group_and_the_listings(
    rootdir: Path, tmp_path: Path
) -> None:
    work = tmp_path / "work"
    shutil.copytree(rootdir / "test-translations", work / "src")
    build(work, fresh=True)
    _add_french(work / "src")
    again = build(work)
    assert again.read == {"articles/fr/worry"}
    for page in ("articles/worry", "articles/es/worry", "articles/pt/worry", "index"):
        assert f"{page}.html" in again.written
    original = BeautifulSoup(
        (work / "out/html/articles/worry.html").read_text(encoding="utf-8"), "html.parser"
    )
    assert ("Français", "fr/worry.html", "fr", "fr") in _switcher(original)
    assert ("fr", "https://kb.example.org/articles/fr/worry.html") in _alternates(original)
    # A page that shows nothing of the group is not rewritten.
    assert "articles/first-weeks.html" not in again.written


def test_parallel_build_equals_serial_build(rootdir: Path, tmp_path: Path) -> None:
    for parallel in (1, 2):
        shutil.copytree(rootdir / "test-translations", tmp_path / f"j{parallel}" / "src")
        assert build(tmp_path / f"j{parallel}", fresh=True, parallel=parallel).warnings == []
    assert_same_output(tmp_path / "j2", tmp_path / "j1")


@pytest.mark.sphinx("html", testroot="translations", freshenv=True)
def test_structured_data_links_a_work_and_its_translations(app: Any) -> None:
    app.build()

    def posting(docname: str) -> dict[str, Any]:
        page = next(d for d in jsonld(html(app, docname)) if d["@type"] == "MedicalWebPage")
        return dict(page["mainEntity"])

    original = posting("articles/worry")
    assert original["workTranslation"] == [
        {
            "@type": "BlogPosting",
            "url": "https://kb.example.org/articles/es/worry.html",
            "inLanguage": "es",
        },
        {
            "@type": "BlogPosting",
            "url": "https://kb.example.org/articles/pt/worry.html",
            "inLanguage": "pt-BR",
        },
    ]
    assert "translationOfWork" not in original
    spanish = posting("articles/es/worry")
    assert spanish["translationOfWork"] == {
        "@type": "BlogPosting",
        "url": "https://kb.example.org/articles/worry.html",
        "inLanguage": "en",
    }
    assert "workTranslation" not in spanish
    assert "workTranslation" not in posting("articles/sleep")
