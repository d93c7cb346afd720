"""Front matter decoding and validation, without Sphinx."""

from __future__ import annotations

import datetime as dt

import pytest

from sphinx_clinic.frontmatter import Accepting, ArticleFrontMatter, ClinicianFrontMatter, validate
from sphinx_clinic.pages import PageKind, classify_page, decode_metadata, decode_value, field_lines
from sphinx_clinic.text import is_safe_url, slug


def test_json_lists_and_mappings_are_decoded() -> None:
    assert decode_value("specialties", '["anxiety", "grief"]') == ["anxiety", "grief"]
    assert decode_value("licenses", '[{"type": "LCSW", "number": 12}]') == [
        {"type": "LCSW", "number": 12}
    ]


def test_plain_text_that_looks_like_json_stays_text() -> None:
    assert decode_value("summary", "[Draft] notes on grief") == "[Draft] notes on grief"


def test_bibliographic_authors_are_glued_back_and_unsmartened() -> None:
    # What Sphinx stores for `authors: [natalie-johnson, "O'Brien, Jo"]`.
    raw = ["[“natalie-johnson”", "“O’Brien", "Jo”]"]
    assert decode_value("authors", raw) == ["natalie-johnson", "O'Brien, Jo"]
    assert decode_value("author", "[“a”, “b”]") == ["a", "b"]


def test_smart_quotes_are_kept_in_ordinary_fields() -> None:
    assert decode_value("summary", "“quoted”") == "“quoted”"


def test_yaml11_boolean_key_is_reported() -> None:
    data = decode_metadata({"True": "True", "date": "2025-01-02"})
    front, problems = validate(ArticleFrontMatter, data)
    assert front.date == dt.date(2025, 1, 2)
    assert [p.field for p in problems] == ["True"]
    assert "quote it" in problems[0].message


def test_field_lines_finds_top_level_keys_and_boolean_keys() -> None:
    source = (
        "---\ndate: 2025-01-02\nauthor: x\nlicenses:\n  - type: LCSW\non: 1\n---\n# T\nname: no\n"
    )
    lines = field_lines(source)
    assert lines["date"] == 2
    assert lines["author"] == 3
    assert lines["licenses"] == 4
    assert "type" not in lines
    assert lines["True"] == 6
    assert "name" not in lines  # after the closing fence
    assert field_lines("# no front matter\n") == {}


def test_article_values_are_typed() -> None:
    data = decode_metadata(
        {
            "date": "2025-03-14T09:30:00",
            "authors": ["[“a-b”", "“c”]"],
            "specialties": '["anxiety"]',
            "draft": "True",
            "reviewed_on": "2025-04-01",
        }
    )
    front, problems = validate(ArticleFrontMatter, data)
    assert problems == []
    assert front.date == dt.date(2025, 3, 14)
    assert front.author_ids == ("a-b", "c")
    assert front.specialties == ("anxiety",)
    assert front.draft is True
    assert front.reviewed_on == dt.date(2025, 4, 1)


def test_comma_separated_author_string() -> None:
    front, _ = validate(ArticleFrontMatter, {"author": "a, b", "authors": "b, c"})
    assert front.author_ids == ("a", "b", "c")


def test_bad_field_is_dropped_and_named() -> None:
    front, problems = validate(
        ArticleFrontMatter, {"date": "next tuesday", "summary": ["not", "text"], "title": "T"}
    )
    assert front.date is None and front.summary is None and front.title == "T"
    messages = {p.field: p.message for p in problems}
    assert "YYYY-MM-DD" in messages["date"]
    assert "expected text" in messages["summary"]


def test_misspelt_key_gets_a_suggestion() -> None:
    _, problems = validate(ArticleFrontMatter, {"specialities": "[]"})
    assert problems and "did you mean 'specialties'" in problems[0].message


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("accepting", Accepting.ACCEPTING),
        ("True", Accepting.ACCEPTING),  # YAML 1.1 `yes`
        ("yes", Accepting.ACCEPTING),
        ("Waitlist", Accepting.WAITLIST),
        ("False", Accepting.NOT_ACCEPTING),
        ("not accepting", Accepting.NOT_ACCEPTING),
    ],
)
def test_accepting_words(written: str, expected: Accepting) -> None:
    front, problems = validate(ClinicianFrontMatter, {"accepting_clients": written})
    assert problems == []
    assert front.accepting_clients is expected


def test_accepting_unknown_word_is_reported() -> None:
    front, problems = validate(ClinicianFrontMatter, {"accepting_clients": "sometimes"})
    assert front.accepting_clients is None
    assert "accepting, waitlist, not-accepting" in problems[0].message


def test_clinician_licenses_and_lists() -> None:
    data = decode_metadata(
        {
            "credentials": '["PhD", "LMFT"]',
            "languages": "English, Spanish",
            "licenses": '[{"type": "LMFT", "number": 1234, "state": "NY"}]',
        }
    )
    front, problems = validate(ClinicianFrontMatter, data)
    assert problems == []
    assert front.credentials == ("PhD", "LMFT")
    assert front.languages == ("English", "Spanish")
    assert front.licenses[0].number == "1234"


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "java\tscript:alert(1)",
        "data:text/html,x",
        "vbscript:x",
        "//evil.example/x",
    ],
)
def test_unsafe_urls_are_refused(url: str) -> None:
    assert not is_safe_url(url)
    front, problems = validate(ClinicianFrontMatter, {"booking_url": url})
    assert front.booking_url is None
    assert problems[0].field == "booking_url"


@pytest.mark.parametrize(
    "url",
    ["https://example.com/book", "http://x.test", "mailto:a@b.c", "tel:+15551234", "../x.html"],
)
def test_safe_urls_are_kept(url: str) -> None:
    assert is_safe_url(url)


@pytest.mark.parametrize(
    ("docname", "metadata", "kind"),
    [
        ("articles/grief", {}, PageKind.ARTICLE),
        ("articles/index", {}, PageKind.PAGE),
        ("articles/2024/grief", {}, PageKind.ARTICLE),
        ("clinicians/ana", {}, PageKind.CLINICIAN),
        ("about", {}, PageKind.PAGE),
        ("news/hello", {"clinic": "article"}, PageKind.ARTICLE),
        ("articles/guide", {"clinic": "page"}, PageKind.PAGE),
        ("articlesx/grief", {}, PageKind.PAGE),
    ],
)
def test_classify_page(docname: str, metadata: dict[str, str], kind: PageKind) -> None:
    assert classify_page(docname, metadata, ["articles"], ["clinicians"]) is kind


def test_slug() -> None:
    assert slug("Zoë O'Brien-Smith, LCSW") == "zoe-o-brien-smith-lcsw"
