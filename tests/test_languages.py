"""Sites and pages in other languages: labels, dates, ``lang``, JSON-LD, og:locale and
the crisis notice (tests/roots/test-i18n-es, a Spanish site; test-i18n-bilingual, an
English site with Spanish pages)."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

import catalogs
from conftest import html, warnings
from sitebuild import atom, edit
from sphinx_clinic.config import DEFAULT_CRISIS_NOTICE, DEFAULT_CRISIS_NOTICES, crisis_notice_for
from test_equivalence import assert_same_output, build

ROOTS = Path(__file__).parent / "roots"
SPANISH_NOTICE = (
    "Si está en una crisis o piensa en el suicidio, llame al 988 y oprima el 2 para hablar "
    "en español, o envíe un mensaje de texto con la palabra AYUDA al 988 (Estados Unidos). "
    "Si usted u otra persona está en peligro inmediato, llame al 911."
)


def english_labels() -> list[str]:
    """The distinctive words of every English label (placeholders cut out), to look for
    on pages that must have none."""
    words = []
    for message in catalogs.read(catalogs.TEMPLATE):
        for msgid in message.id if isinstance(message.id, tuple) else (message.id,):
            for part in re.split(r"%(?:\(\w+\))?[sd]", msgid):
                part = part.strip(" :()")
                if len(part) >= 5:
                    words.append(part)
    return sorted(set(words))


def text(node: Any) -> str:
    """What a reader reads, blanks collapsed (blocks are not separated)."""
    return " ".join(node.get_text().split())


def jsonld(page: Any) -> list[dict[str, Any]]:
    return [json.loads(s.string) for s in page.select('script[type="application/ld+json"]')]


def og_locale(page: Any) -> str:
    return page.select_one('meta[property="og:locale"]')["content"]


@pytest.fixture
def built(app: Any) -> Any:
    app.build()
    return app


# -- a whole site in Spanish ---------------------------------------------------------------


@pytest.mark.sphinx("html", testroot="i18n-es")
def test_a_spanish_site_writes_every_label_and_date_in_spanish(built: Any) -> None:
    page = html(built, "articles/empezar-terapia")
    assert page.html["lang"] == "es"
    assert text(page.select_one(".clinic-byline")) == (
        "Por Lucía Reyes · 4 de marzo de 2026 · actualizado el 20 de mayo de 2026 · "
        "1 min de lectura"
    )
    assert text(page.select_one(".clinic-review")) == (
        "Revisado clínicamente por Tomás Vidal, LMHC el 21 de mayo de 2026"
    )
    about = page.select_one("#about-the-author")
    assert text(about.select_one("h2")).rstrip(" ¶") == "Quién escribió este artículo"
    assert text(about.select_one(".clinic-card-status")) == (
        "Acepta clientes nuevos (actualizado el 4 de marzo de 2026)"
    )
    assert text(about.select_one(".clinic-card-more")) == "Ver el perfil completo de Lucía Reyes"
    # Two authors: the plural heading, and "y" between their names.
    two = html(built, "articles/duelo-en-familia")
    assert text(two.select_one("#about-the-author h2")).rstrip(" ¶") == (
        "Quiénes escribieron este artículo"
    )
    assert text(two.select_one(".clinic-byline")).startswith("Por Lucía Reyes y Tomás Vidal · ")
    # The whole site is Spanish: no wrapper repeats the language of <html>.
    assert page.select(".clinic-lang") == []
    assert warnings(built) == []


@pytest.mark.sphinx("html", testroot="i18n-es")
def test_a_spanish_site_gets_the_lifeline_s_spanish_crisis_notice(built: Any) -> None:
    notice = html(built, "articles/empezar-terapia").select_one(".clinic-crisis")
    assert text(notice.select_one(".admonition-title")) == "Si necesita ayuda ahora"
    assert text(notice.select_one("p:not(.admonition-title)")) == SPANISH_NOTICE
    assert [a["href"] for a in notice.select("a")] == ["tel:988", "tel:911"]


@pytest.mark.sphinx("html", testroot="i18n-es")
def test_a_spanish_site_s_profile_listings_index_and_directory(built: Any) -> None:
    profile = html(built, "clinicians/lucia-reyes")
    fields = [text(f) for f in profile.select(".clinic-profile-details dt")]
    assert fields == ["Enfoques:", "Trabaja con:", "Idiomas:", "Sesiones:", "Licencias:"]
    assert "En persona, Telesalud" in text(profile.select_one(".clinic-profile-details"))
    assert text(profile.select_one(".clinic-booking")) == "Reserve una consulta con Lucía Reyes"
    # The built-in meaning of the letters is the licence's English name, marked as such.
    spelled = profile.select_one(".clinic-credentials span[lang]")
    assert (spelled["lang"], text(spelled)) == ("en", "Licensed Clinical Social Worker (LCSW)")
    assert text(profile.select_one("#clinic-articles-by h2")).rstrip(" ¶") == (
        "Artículos de Lucía Reyes"
    )
    item = html(built, "index").select_one(".clinic-article-item")
    assert text(item.select_one(".clinic-article-meta")) == (
        "4 de marzo de 2026 · por Lucía Reyes · 1 min de lectura"
    )
    entry = html(built, "especialidades").select_one("#specialty-ansiedad")
    assert text(entry.select_one(".clinic-specialty-counts")) == (
        "2 profesionales · 1 artículo · Canal Atom"
    )
    assert (
        text(entry.select_one(".clinic-specialty-aliases")) == "Otros nombres: preocupación, pánico"
    )
    labels = [text(p) for p in entry.select(".clinic-part-label")]
    assert labels == ["Profesionales", "Artículos"]
    statuses = [text(s) for s in html(built, "directorio").select(".clinic-card-status")]
    assert "Lista de espera para clientes nuevos" in statuses
    draft = html(built, "articles/borrador").select_one(".clinic-draft")
    assert text(draft.select_one(".admonition-title")) == "Borrador"
    assert text(draft).startswith("Borrador Este artículo es un borrador: no aparece en listas")


@pytest.mark.sphinx("html", testroot="i18n-es")
def test_a_spanish_site_s_pages_show_no_english_label(built: Any) -> None:
    english = english_labels()
    assert "About the author" in english and "min read" in english
    for docname in (
        "index",
        "directorio",
        "especialidades",
        "articles/empezar-terapia",
        "articles/duelo-en-familia",
        "articles/borrador",
        "clinicians/lucia-reyes",
        "clinicians/tomas-vidal",
    ):
        page = html(built, docname)
        for marked in page.select('[lang="en"]'):
            marked.decompose()  # the licences' English names, marked as English
        shown = text(page.select_one("div.body") or page.body)
        assert [label for label in english if label in shown] == [], docname


@pytest.mark.sphinx("html", testroot="i18n-es")
def test_a_spanish_site_s_metadata_and_feeds(built: Any) -> None:
    page = html(built, "articles/empezar-terapia")
    posting = jsonld(page)[0]["mainEntity"]
    assert posting["inLanguage"] == "es"
    assert og_locale(page) == "es_ES"
    assert jsonld(html(built, "clinicians/lucia-reyes"))[0]["inLanguage"] == "es"
    feed = atom(Path(built.outdir, "feeds", "authors", "lucia-reyes.xml"))
    assert feed.findtext("{http://www.w3.org/2005/Atom}title") == (
        "Consultorio de ejemplo: artículos de Lucía Reyes"
    )
    specialty = atom(Path(built.outdir, "feeds", "specialties", "ansiedad.xml"))
    assert specialty.findtext("{http://www.w3.org/2005/Atom}title") == (
        "Consultorio de ejemplo: artículos sobre Ansiedad"
    )


# -- an English site with pages in Spanish ---------------------------------------------------


@pytest.mark.sphinx("html", testroot="i18n-bilingual")
def test_a_spanish_article_in_an_english_site(built: Any) -> None:
    page = html(built, "articles/empezar-terapia")
    # The theme's words stay English; the page's content says it is Spanish.
    assert page.html["lang"] == "en"
    content = page.select_one("div.clinic-lang")
    assert content["lang"] == "es"
    assert content.select_one("h1") is not None
    assert text(content.select_one(".clinic-byline")) == (
        "Por Lucía Reyes · 4 de marzo de 2026 · 1 min de lectura"
    )
    assert text(content.select_one(".clinic-review")) == (
        "Revisado clínicamente por Ana Lima, LCSW el 10 de marzo de 2026"
    )
    notice = content.select_one(".clinic-crisis")
    assert text(notice.select_one(".admonition-title")) == "Si necesita ayuda ahora"
    assert text(notice.select_one("p:not(.admonition-title)")) == SPANISH_NOTICE
    assert posting_language(page) == "es"
    assert og_locale(page) == "es_ES"
    assert warnings(built) == []


def posting_language(page: Any) -> str:
    return jsonld(page)[0]["mainEntity"]["inLanguage"]


@pytest.mark.sphinx("html", testroot="i18n-bilingual")
def test_english_pages_of_a_bilingual_site_stay_english(built: Any) -> None:
    page = html(built, "articles/starting-therapy")
    assert page.select("[lang]") == page.select("html")
    assert text(page.select_one(".clinic-byline")) == "By Ana Lima · February 10, 2026 · 1 min read"
    assert text(page.select_one(".clinic-crisis .admonition-title")) == "If you need help now"
    assert "988 Suicide & Crisis Lifeline" in text(page.select_one(".clinic-crisis"))
    assert posting_language(page) == "en"
    assert og_locale(page) == "en_US"


@pytest.mark.sphinx("html", testroot="i18n-bilingual")
def test_a_spanish_profile_in_an_english_site(built: Any) -> None:
    page = html(built, "clinicians/lucia-reyes")
    content = page.select_one("div.clinic-lang")
    assert content["lang"] == "es"
    assert text(content.select_one(".clinic-card-status")) == (
        "Lista de espera para clientes nuevos (actualizado el 4 de marzo de 2026)"
    )
    fields = [text(f).rstrip(":") for f in content.select(".clinic-profile-details dt")]
    assert fields == ["Idiomas", "Sesiones"]
    assert content.select_one(".clinic-credentials span")["lang"] == "en"
    assert jsonld(page)[0]["inLanguage"] == "es"
    assert og_locale(page) == "es_ES"
    # Her card on an English page: English labels, her own words marked Spanish.
    card = next(c for c in html(built, "directory").select(".clinic-card") if "Lucía" in text(c))
    assert text(card.select_one(".clinic-card-status")) == (
        "Waitlist for new clients (as of March 4, 2026)"
    )
    assert card.select_one(".clinic-card-summary").parent["lang"] == "es"
    assert card.select_one(".clinic-card-meta").parent["lang"] == "es"
    assert text(card.select_one(".clinic-card-more")) == "Read Lucía Reyes's full profile"


@pytest.mark.sphinx("html", testroot="i18n-bilingual")
def test_an_english_listing_marks_the_spanish_article_s_title_and_summary(built: Any) -> None:
    first, second = html(built, "index").select(".clinic-article-item")
    title = first.select_one(".clinic-article-title span[lang]")
    assert (title["lang"], text(title)) == ("es", "Cómo empezar la terapia")
    assert first.select_one(".clinic-article-summary").parent["lang"] == "es"
    assert text(first.select_one(".clinic-article-meta")) == (
        "March 4, 2026 · by Lucía Reyes · 1 min read"
    )
    assert second.select("[lang]") == []
    index = html(built, "specialties").select_one("#specialty-anxiety .clinic-specialty-articles")
    assert [s["lang"] for s in index.select("span[lang]")] == ["es"]


# -- languages the notice has not been checked in --------------------------------------------


def test_the_notice_is_given_only_where_it_was_checked() -> None:
    assert crisis_notice_for(DEFAULT_CRISIS_NOTICE, "es-MX").text == DEFAULT_CRISIS_NOTICES["es"]
    assert crisis_notice_for(DEFAULT_CRISIS_NOTICE, "en-US") == (DEFAULT_CRISIS_NOTICE, True)
    # Never a guessed translation: English, and the site is told.
    assert crisis_notice_for(DEFAULT_CRISIS_NOTICE, "zh-CN") == (DEFAULT_CRISIS_NOTICE, False)
    assert crisis_notice_for(DEFAULT_CRISIS_NOTICE, "pt_BR") == (DEFAULT_CRISIS_NOTICE, False)
    own = {"en": "Call us.", "pt-BR": "Ligue para nós."}
    assert crisis_notice_for(own, "pt_BR") == ("Ligue para nós.", True)
    assert crisis_notice_for(own, "pt") == ("Ligue para nós.", True)
    assert crisis_notice_for(own, "es") == (DEFAULT_CRISIS_NOTICES["es"], True)
    assert crisis_notice_for(own, "zh") == (DEFAULT_CRISIS_NOTICE, False)
    # A site's own single text is its choice, in every language; "" turns it off.
    assert crisis_notice_for("Call 111.", "zh") == ("Call 111.", True)
    assert crisis_notice_for("", "zh") == ("", True)


CHINESE_ARTICLE = """---
date: 2026-04-01
author: ana-lima
language: zh-CN
---

# 开始心理咨询

第一次咨询时，我们会聊聊您的近况。
"""


def _copy(tmp_path: Path) -> Path:
    src = tmp_path / "src"
    shutil.copytree(ROOTS / "test-i18n-bilingual", src)
    edit(src / "articles" / "zh.md", CHINESE_ARTICLE)
    return src


def test_a_page_in_a_language_the_notice_was_not_checked_in(tmp_path: Path) -> None:
    src = _copy(tmp_path)
    result = build(tmp_path, fresh=True)
    assert result.warnings == [
        f"{src / 'articles' / 'zh.md'}:1: WARNING: the crisis notice has not been checked in "
        "'zh-CN': pages in that language show it in English; set clinic_crisis_notice to a "
        "mapping with a 'zh-CN' entry, in the words of a crisis line that answers in that "
        "language [clinic.crisis]"
    ]
    page = html_file(tmp_path, "articles/zh")
    assert page.select_one("div.clinic-lang")["lang"] == "zh-CN"
    assert (
        text(page.select_one(".clinic-byline")) == "作者： Ana Lima · 2026年4月1日 · 阅读约 1 分钟"
    )
    notice = page.select_one(".clinic-crisis")
    assert text(notice.select_one(".admonition-title")) == "如果您现在需要帮助"
    assert "988 Suicide & Crisis Lifeline" in text(notice)
    assert og_locale(page) == "zh_CN"


def test_a_site_gives_the_notice_in_a_language_with_a_mapping(tmp_path: Path) -> None:
    src = _copy(tmp_path)
    conf = (src / "conf.py").read_text(encoding="utf-8")
    edit(
        src / "conf.py",
        conf + 'clinic_crisis_notice = {"en": "Call [988](tel:988).", "zh-CN": "请拨打 988。"}\n'
        'clinic_crisis_title = {"zh": "需要帮助？"}\n',
    )
    result = build(tmp_path, fresh=True)
    assert result.warnings == []
    notice = html_file(tmp_path, "articles/zh").select_one(".clinic-crisis")
    assert text(notice) == "需要帮助？ 请拨打 988。"
    english = html_file(tmp_path, "articles/starting-therapy").select_one(".clinic-crisis")
    assert text(english) == "If you need help now Call 988."
    # Spanish was not given: the checked Spanish default.
    spanish = html_file(tmp_path, "articles/empezar-terapia").select_one(".clinic-crisis")
    assert text(spanish) == f"Si necesita ayuda ahora {SPANISH_NOTICE}"


def test_a_site_in_a_language_the_notice_was_not_checked_in(tmp_path: Path) -> None:
    src = _copy(tmp_path)
    (src / "articles" / "zh.md").unlink()
    conf = (src / "conf.py").read_text(encoding="utf-8")
    edit(src / "conf.py", conf.replace('language = "en"', 'language = "pt_BR"'))
    result = build(tmp_path, fresh=True)
    assert result.warnings == [
        f"{src / 'conf.py'}:1: WARNING: the crisis notice has not been checked in 'pt_BR': "
        "pages in that language show it in English; set clinic_crisis_notice to a mapping "
        "with a 'pt_BR' entry, in the words of a crisis line that answers in that language "
        "[clinic.crisis]"
    ]
    page = html_file(tmp_path, "articles/starting-therapy")
    assert page.html["lang"] == "pt-BR"
    assert text(page.select_one(".clinic-byline")) == (
        "Por Ana Lima · 10 de fevereiro de 2026 · 1 min de leitura"
    )


def html_file(root: Path, docname: str) -> Any:
    from bs4 import BeautifulSoup

    path = root / "out" / "html" / f"{docname}.html"
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


# -- parallel and incremental builds -----------------------------------------------------------


def test_a_bilingual_site_builds_the_same_in_parallel(tmp_path: Path) -> None:
    for parallel in (1, 2):
        shutil.copytree(ROOTS / "test-i18n-bilingual", tmp_path / f"j{parallel}" / "src")
        build(tmp_path / f"j{parallel}", fresh=True, parallel=parallel)
    assert_same_output(tmp_path / "j2", tmp_path / "j1")


def test_a_page_that_changes_language_rewrites_the_pages_that_show_it(tmp_path: Path) -> None:
    work, fresh = tmp_path / "work", tmp_path / "fresh"
    shutil.copytree(ROOTS / "test-i18n-bilingual", work / "src")
    build(work, fresh=True)
    article = work / "src" / "articles" / "empezar-terapia.md"
    edit(article, article.read_text(encoding="utf-8").replace("language: es", "language: pt-BR"))
    profile = work / "src" / "clinicians" / "lucia-reyes.md"
    edit(profile, profile.read_text(encoding="utf-8").replace("language: es\n", ""))
    build(work)
    shutil.copytree(work / "src", fresh / "src")
    build(fresh, fresh=True)
    assert_same_output(work, fresh)
    page = html_file(work, "index")
    assert [s["lang"] for s in page.select(".clinic-article-title span[lang]")] == ["pt-BR"]
