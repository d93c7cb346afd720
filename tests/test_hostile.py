"""Hostile and broken input: no crash, nothing leaves the source folder, nothing unescaped,
every bad value named (see tests/hostile.py for the harness, docs/guide/security.md).

``nox -s fuzz`` runs the property test with the longer ``fuzz`` hypothesis profile.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

sys.path.insert(0, str(Path(__file__).parent))

from hostile import KNOWN_CASES, Case, Report, run_batch
from hostile_strategies import batches
from sphinx_clinic.collector import inside_source
from sphinx_clinic.encoding import first_bad_byte
from sphinx_clinic.frontmatter import TEXT_FIELDS, ClinicianFrontMatter, unquoted_scalars, validate
from sphinx_clinic.meta import refresh_target
from sphinx_clinic.text import MAX_ID_LENGTH, clean_id, is_safe_url

# Its own settings, not a global hypothesis profile (other tests keep theirs):
# HOSTILE_PROFILE=fuzz (nox -s fuzz) builds 40 batches instead of 3.
EXAMPLES = 40 if os.environ.get("HOSTILE_PROFILE") == "fuzz" else 3

BATCH = int(os.environ.get("HOSTILE_BATCH", "30"))


def assert_clean(report: Report) -> None:
    assert not report.crashes, report.crashes
    assert not report.unsafe, report.unsafe[:20]
    assert not report.silent, report.silent


# -- the cases the issue names, with every builder ---------------------------------------


@pytest.mark.parametrize(("builder", "jobs"), [("html", 1), ("html", 2), ("text", 1), ("latex", 1)])
def test_known_hostile_cases(builder: str, jobs: int) -> None:
    # a vocabulary nested too deeply cannot be read at all: it is built on its own
    deep = [c for c in KNOWN_CASES if c.setup == "alone"]
    rest = [c for c in KNOWN_CASES if c.setup != "alone"]
    report = Report()
    with tempfile.TemporaryDirectory() as tmp:
        report.add(run_batch(rest, Path(tmp), builder, jobs))
        if builder == "html" and jobs == 1:
            report.add(run_batch(deep, Path(tmp), builder, jobs))
            assert report.cases == len(KNOWN_CASES)
    assert_clean(report)
    # the sizes the issue found hanging (10,000 tags, a 200 KB summary) build quickly
    assert report.seconds < 60


def test_harness_sees_unsafe_output() -> None:
    """The checks can fail: a live element, a script URL and a leaked file are found."""
    from hostile import CANARY, check_html, safe_url

    assert check_html('<p><img src=x onerror="alert(1)"></p>')
    assert check_html('<a href="javascript:alert(1)">x</a>')
    assert check_html('<a href="\\\\evil.example/x">x</a>')
    assert not check_html('<a href="https://example.com/?a=1&amp;b=2">x</a>')
    assert not safe_url("//evil.example")
    with tempfile.TemporaryDirectory() as tmp:
        report = run_batch([Case("clinician", "name", "name: Fine", False)], Path(tmp))
        assert_clean(report)
        from hostile import check_outputs

        leaked = Path(tmp, "src", "_build", "html", "leak.txt")
        leaked.write_text(CANARY)
        assert check_outputs(leaked.parent)


# -- property: any batch of hostile values ---------------------------------------------


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
@given(batches(BATCH))
def test_any_hostile_batch(cases: list[Case]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        report = run_batch(cases, Path(tmp))
    assert_clean(report)


# -- the rules, one at a time ----------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "used", "named"),
    [
        ("ana-lima", "ana-lima", ""),
        ("jane doe", "jane-doe", "a space"),
        ("../../../outside", "outside", "'/'"),
        ('"><img src=x onerror=alert(1)>', "img-src-x-onerror-alert-1", "'<'"),
        ("Zoë", "zoe", "'ë'"),
    ],
)
def test_one_id_rule(written: str, used: str, named: str) -> None:
    reading = clean_id(written, "clinician id")
    assert reading.id == used
    assert (named in reading.problem) if named else reading.problem == ""
    if named:
        assert f"using '{used}' instead" in reading.problem


def test_long_ids_are_bounded_and_kept_apart() -> None:
    first, second = clean_id("x" * 300 + "a"), clean_id("x" * 300 + "b")
    assert len(first.id) <= MAX_ID_LENGTH and len(second.id) <= MAX_ID_LENGTH
    assert first.id != second.id
    assert "300" not in first.problem and "301 characters" in first.problem


@pytest.mark.parametrize(
    "url",
    ["\\\\evil.example/x", "/\\evil.example", "\\/evil", "//evil.example", "java\nscript:x"],
)
def test_backslashed_and_protocol_relative_urls_are_refused(url: str) -> None:
    assert not is_safe_url(url)


@pytest.mark.parametrize("value", [["https://a.example"], {"a": "b"}, [["x"]], 5, True])
def test_urls_of_the_wrong_type_are_named_not_crashed(value: object) -> None:
    front, problems = validate(ClinicianFrontMatter, {"booking_url": value, "name": "A"})
    assert front.booking_url is None
    assert [p.field for p in problems] == ["booking_url"]
    assert "expected a web address as text" in problems[0].message


def test_yaml_numbers_in_text_fields_are_refused() -> None:
    source = '---\nbooking_url: 5\nname: "5"\nid: 012\nrole: true\n---\n'
    values = {"booking_url": "5", "name": "5", "id": "10", "role": "True"}
    assert unquoted_scalars(source, values, TEXT_FIELDS) == {
        "booking_url": "a number",
        "id": "a number",
        "role": "true/false",
    }
    _front, problems = validate(ClinicianFrontMatter, values, source=source)
    assert {p.field for p in problems} == {"booking_url", "id", "role"}
    assert any("YAML reads '10' as a number" in p.message for p in problems)


@pytest.mark.parametrize(
    ("licence", "words"),
    [
        ({"type": "LCSW", "number": 5349}, "'number' must be text"),
        ({"type": "LCSW", "numbr": "1"}, "unknown key 'numbr'"),
    ],
)
def test_licences_take_text_numbers_and_known_keys(licence: dict, words: str) -> None:
    source = "---\nlicenses:\n  - {type: LCSW, number: 012345}\n---\n"
    front, problems = validate(ClinicianFrontMatter, {"licenses": [licence]}, source=source)
    assert front.licenses == ()
    assert words in problems[0].message


def test_licence_numbers_yaml_kept_are_accepted() -> None:
    source = "---\nlicenses:\n  - {type: LCSW, number: 1234}\n---\n"
    licence = {"type": "LCSW", "number": 1234}
    front, problems = validate(ClinicianFrontMatter, {"licenses": [licence]}, source=source)
    assert front.licenses[0].number == "1234" and not problems


def test_formats_are_checked() -> None:
    front, problems = validate(ClinicianFrontMatter, {"formats": ["Telehealth", "hovercraft"]})
    assert front.formats == ()
    assert "'hovercraft' is not a format" in problems[0].message
    front, problems = validate(ClinicianFrontMatter, {"formats": ["Telehealth", "in-person"]})
    assert front.formats == ("telehealth", "in-person") and not problems


def test_sizes_are_bounded() -> None:
    front, problems = validate(
        ClinicianFrontMatter,
        {"summary": "word " * 40_000, "languages": [str(n) for n in range(999)]},
    )
    assert front.summary is not None and len(front.summary) <= 1001
    assert len(front.languages) == 50
    assert {p.field for p in problems} == {"summary", "languages"}


def test_paths_stay_inside_the_source_folder(tmp_path: Path) -> None:
    srcdir = tmp_path / "src"
    (srcdir / "clinicians").mkdir(parents=True)
    (srcdir / "clinicians" / "ana.png").write_bytes(b"png")
    (tmp_path / "secret.jpg").write_text("secret")
    (srcdir / "clinicians" / "link.jpg").symlink_to(tmp_path / "secret.jpg")
    page = "clinicians/ana"
    assert inside_source(srcdir, page, "ana.png") == "clinicians/ana.png"
    assert inside_source(srcdir, page, "/clinicians/ana.png") == "clinicians/ana.png"
    for path in ("../../secret.jpg", "/../secret.jpg", "link.jpg", "..\\..\\secret.jpg"):
        assert inside_source(srcdir, page, path) is None, path
    # "/" means the source folder: /etc/passwd is the source folder's etc/passwd (absent)
    assert inside_source(srcdir, page, "/etc/passwd") == "etc/passwd"


def test_first_bad_byte_is_located() -> None:
    assert first_bad_byte("---\nname: Zoë\n---\n".encode("cp1252")) == (2, 9, 0xEB)
    assert first_bad_byte("Zoë".encode()) is None


def test_refresh_targets() -> None:
    assert refresh_target("0;url=javascript:alert(1)") == "javascript:alert(1)"
    assert refresh_target("0; URL='https://example.com/'") == "https://example.com/"
    assert refresh_target("30") is None


# -- regressions the property test found -----------------------------------------------

IMG = '"><img src=x onerror=alert(1)>'


def test_front_matter_title_is_text_and_yaml_escapes_are_valid_text() -> None:
    """A title is shown as written, not parsed as Markdown; JSON-style ``\\ud83d\\ude00``
    escapes (PyYAML made them two lone surrogates) no longer stop the build at objects.inv."""
    from bs4 import BeautifulSoup

    emoji = json.dumps("Calm \U0001f600 mornings")  # "Calm \ud83d\ude00 mornings"
    assert "\\ud83d\\ude00" in emoji
    cases = [
        Case("article", "title", f"title: {json.dumps(IMG)}", False),
        Case("article", "title", f"title: {emoji}", False),
        Case("clinician", "name", f"name: {emoji}", False),
        Case("article", "summary", "summary: " + json.dumps("lone \udc80 half"), False),
        Case("encoding-article", "title", "title: Café for Zoë", True),
    ]
    with tempfile.TemporaryDirectory() as tmp:
        report = run_batch(cases, Path(tmp))
        assert_clean(report)
        html = Path(tmp, "src", "_build", "html")
        first = BeautifulSoup((html / "articles/case-0.html").read_text("utf-8"), "html.parser")
        heading = first.find("h1")
        assert heading is not None and heading.find("img") is None
        assert "<img src=x onerror=alert(1)>" in heading.get_text()
        second = BeautifulSoup((html / "articles/case-1.html").read_text("utf-8"), "html.parser")
        assert "Calm \U0001f600 mornings" in second.find("h1").get_text()
        # the build got past objects.inv, where the surrogates stopped it
        assert (html / "objects.inv").is_file()


def test_valid_text_joins_pairs_and_replaces_lone_surrogates() -> None:
    import yaml

    from sphinx_clinic.encoding import install_yaml_text, valid_text

    assert valid_text("a\ud83d\ude00b") == "a\U0001f600b"
    assert valid_text("\ud83d x \ude00") == "\ufffd x \ufffd"
    assert valid_text("Zoë") == "Zoë"
    install_yaml_text()
    assert yaml.safe_load('t: "\\ud83d\\ude00 \\udc80"') == {"t": "\U0001f600 \ufffd"}
