"""Labels and dates in a page's language: catalogs by BCP 47 tag, English where none."""

from __future__ import annotations

import datetime
import gettext

import pytest
from babel.messages.catalog import Catalog

import catalogs
from sphinx_clinic.dates import format_day
from sphinx_clinic.i18n import catalog_names, translator


@pytest.mark.parametrize(
    ("language", "names"),
    [
        ("es", ("es",)),
        ("es-MX", ("es_MX", "es")),
        ("es_419", ("es",)),
        ("pt_BR", ("pt_BR", "pt")),
        ("pt-BR", ("pt_BR", "pt")),
        ("pt", ("pt", "pt_BR")),
        ("pt-PT", ("pt_PT", "pt", "pt_BR")),
        ("zh", ("zh", "zh_CN")),
        ("zh_CN", ("zh_CN", "zh")),
        ("zh-Hans", ("zh_CN", "zh")),
        ("zh-Hans-SG", ("zh_SG", "zh", "zh_CN")),
        # Traditional Chinese readers never get the Simplified catalog.
        ("zh-TW", ("zh_TW", "zh")),
        ("zh-Hant", ("zh",)),
        ("zh-Hant-HK", ("zh_HK", "zh")),
        ("EN", ("en",)),
        ("", ()),
        ("../../etc", ()),
    ],
)
def test_a_language_tag_reads_its_regional_catalog_then_the_language(
    language: str, names: tuple[str, ...]
) -> None:
    assert catalog_names(language) == names


def test_a_language_without_a_catalog_gets_the_english_labels() -> None:
    for language in ("en", "xx", "", "../../etc/passwd"):
        labels = translator(language)
        assert type(labels) is gettext.NullTranslations
        assert labels.gettext("About the author") == "About the author"
        assert labels.ngettext("%d min read", "%d min read", 3) % 3 == "3 min read"


def test_dates_are_written_the_way_the_language_writes_them() -> None:
    day = datetime.date(2025, 3, 4)
    assert format_day(day) == "March 4, 2025"
    assert format_day(day, language="es") == "4 de marzo de 2025"
    assert format_day(day, language="pt-BR") == "4 de março de 2025"
    assert format_day(day, language="zh-CN") == "2025年3月4日"
    # The page's language wins over the site's.
    site = type("Config", (), {"language": "es"})()
    assert format_day(day, site) == "4 de marzo de 2025"
    assert format_day(day, site, language="en") == "March 4, 2025"
    # A tag babel does not know: the ISO date, never a crash.
    assert format_day(day, language="xx-invalid") == "2025-03-04"


# -- the catalogs ------------------------------------------------------------------------

FIX = "run `nox -s i18n`, then translate what it added"


def _ids(catalog: Catalog) -> set[str | tuple[str, ...]]:
    return {m.id for m in catalog if m.id}


def test_the_catalog_template_holds_every_label_of_the_code_and_no_other() -> None:
    in_code = _ids(catalogs.extract())
    in_template = _ids(catalogs.read(catalogs.TEMPLATE))
    assert in_code - in_template == set(), f"labels missing from the .pot: {FIX}"
    assert in_template - in_code == set(), f"labels the code no longer uses: {FIX}"
    # Labels with a count are plural messages, never two separate ones.
    assert ("%d min read", "%d min read") in in_template


@pytest.mark.parametrize("language", catalogs.LANGUAGES)
def test_a_shipped_catalog_translates_every_label(language: str) -> None:
    template = _ids(catalogs.read(catalogs.TEMPLATE))
    catalog = catalogs.read(catalogs.po_path(language), language)
    assert _ids(catalog) == template, FIX
    assert not catalog.fuzzy
    for message in catalog:
        if not message.id:
            continue
        assert not message.fuzzy, f"{language}: {message.id!r} is fuzzy"
        forms = message.string if message.pluralizable else (message.string,)
        assert len(forms) == catalog.num_plurals or not message.pluralizable
        assert all(form.strip() for form in forms), f"{language}: {message.id!r} untranslated"
    # Placeholders (%s, %d, %(name)s) kept as the code fills them in.
    problems = [(m.id, [str(e) for e in errors]) for m, errors in catalog.check()]
    assert problems == []


@pytest.mark.parametrize("language", catalogs.LANGUAGES)
def test_the_compiled_catalog_is_the_one_the_package_ships(language: str) -> None:
    """The ``.mo`` files are committed (an installed wheel and ``pip install -e .`` read
    them as they are): they must be compiled from the ``.po`` as it is now."""
    po = catalogs.po_path(language)
    assert po.with_suffix(".mo").read_bytes() == catalogs.mo_bytes(catalogs.read(po, language)), FIX


@pytest.mark.parametrize(
    ("language", "label", "count", "expected"),
    [
        ("es", "%d min read", 1, "1 min de lectura"),
        ("es", "%d article", 1, "1 artículo"),
        ("es", "%d article", 3, "3 artículos"),
        ("pt-BR", "%d article", 0, "0 artigo"),
        ("pt-BR", "%d clinician", 2, "2 profissionais"),
        ("zh-CN", "%d article", 5, "5 篇文章"),
        ("zh", "%d min read", 7, "阅读约 7 分钟"),
    ],
)
def test_labels_with_a_count_follow_the_language_s_plural_rules(
    language: str, label: str, count: int, expected: str
) -> None:
    plurals = {"%d min read": "%d min read", "%d article": "%d articles"}
    plural = plurals.get(label, label.replace("clinician", "clinicians"))
    assert translator(language).ngettext(label, plural, count) % count == expected
