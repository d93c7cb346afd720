"""Labels and dates in a page's language: catalogs by BCP 47 tag, English where none."""

from __future__ import annotations

import datetime
import gettext

import pytest

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
