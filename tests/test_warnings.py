"""Every kind of bad input: one located warning with a fix, and the build goes on."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from conftest import html, warnings
from sphinx_clinic.warnings_ import MEANINGS, ClinicWarning

EXPECTED = [
    "specialties.yaml:4: WARNING: duplicate specialty id 'anxiety' (first defined on line 1)"
    " [clinic.vocabulary]",
    "specialties.yaml:6: WARNING: 'worry' of specialty 'stress' already names specialty "
    "'anxiety'; remove it from one of them [clinic.vocabulary]",
    "specialties.yaml:9: WARNING: specialty 'grief' has no 'label'; add the name readers see"
    " [clinic.vocabulary]",
    "articles/bad-date.md:3: WARNING: front matter 'date': 'next tuesday' is not a date; "
    "write it as YYYY-MM-DD, e.g. 2025-03-14 [clinic.date]",
    "articles/bad-date.md:5: WARNING: front matter 'summary': expected text, got a list "
    "[clinic.frontmatter]",
    "articles/bad-date.md:6: WARNING: image 'nowhere.png' does not exist; put the file next "
    "to the page or fix the path [clinic.image]",
    "articles/no-date.md:1: WARNING: article has no 'date'; add one to its front matter, e.g. "
    "'date: 2025-03-14' (until then it is left out of listings, navigation and feeds)"
    " [clinic.date]",
    "articles/typo.md:4: WARNING: unknown specialty 'anxeity'; did you mean 'anxiety'? "
    "(the vocabulary is specialties.yaml) [clinic.specialty]",
    "clinicians/ana-lima.md:4: WARNING: front matter 'accepting_clients': 'sometimes' is not "
    "one of: accepting, waitlist, not-accepting [clinic.frontmatter]",
    "clinicians/ana-lima.md:6: WARNING: front matter 'booking_url': 'javascript:alert(1)' is "
    "not a web, mailto or tel address; use a link that starts with https://, mailto: or tel:"
    " [clinic.frontmatter]",
    "clinicians/ana-lima.md:5: WARNING: photo 'missing.jpg' does not exist; put the file next "
    "to the page or fix the path [clinic.image]",
    "clinicians/ana-lima.md:7: WARNING: unknown specialty 'anxeity'; did you mean 'anxiety'? "
    "(the vocabulary is specialties.yaml) [clinic.specialty]",
    "clinicians/no-name.md:1: WARNING: clinician profile has no 'name'; add e.g. "
    "'name: Someone Without A Name' to its front matter [clinic.clinician]",
    "clinicians/copy.md:2: WARNING: clinician id 'ana-lima' is used by clinicians/ana-lima.md "
    "and clinicians/copy.md; give each profile its own id (the file name, or 'id:' in the "
    "front matter) [clinic.duplicate]",
    "clinicians/ana-lima.md:3: WARNING: unknown credential 'XYZQ'; add its meaning to "
    "clinic_credentials in conf.py, e.g. {'XYZQ': 'Licensed ...'} [clinic.credential]",
    "articles/dup-2.md:5: WARNING: clinical review of 2020-01-01 is older than 730 days; ask a "
    "clinician to review the article again [clinic.review]",
    "articles/dup-2.md:2: WARNING: another article, 'articles/dup-1', has the same title and "
    "date; retitle one of them [clinic.duplicate]",
    "articles/typo.md:3: WARNING: unknown author 'ana-lma'; did you mean 'ana-lima'? (authors "
    "are clinician ids: the file names of the profiles) [clinic.author]",
    "articles/typo.md:5: WARNING: unknown reviewer 'ben' [clinic.review]",
    "articles/typo.md:6: WARNING: 'reviewed_on' 2999-01-01 is in the future; use the date the "
    "review happened [clinic.review]",
    "index.md:3: WARNING: author-card: unknown clinician 'nobody-here' [clinic.author]",
    "index.md:9: WARNING: unknown specialty 'anxeity'; did you mean 'anxiety'? [clinic.specialty]",
    "index.md:13: WARNING: unknown specialty 'griefs'; did you mean 'grief'? [clinic.specialty]",
]


def _relative(app: Any) -> list[str]:
    prefix = str(app.srcdir) + "/"
    return [line.replace(prefix, "") for line in warnings(app)]


@pytest.mark.sphinx("html", testroot="badinput", freshenv=True)
def test_each_problem_warns_once_with_location_and_fix(app: Any) -> None:
    app.build()
    assert sorted(_relative(app)) == sorted(EXPECTED)


@pytest.mark.sphinx("html", testroot="badinput", freshenv=True)
def test_the_build_goes_on_and_nothing_unsafe_reaches_the_page(app: Any) -> None:
    app.build()
    # Articles with bad fields are still built and listed where they can be.
    assert (app.outdir / "articles/no-date.html").is_file()
    assert html(app, "articles/bad-date").select_one("p.clinic-byline") is not None
    # The unsafe booking URL was dropped: no link at all, let alone javascript:.
    page = html(app, "clinicians/ana-lima")
    assert not [a for a in page.select("a[href]") if "javascript" in a["href"].lower()]
    # The unknown card id still shows, as plain text, next to the real card.
    cards = html(app, "index").select(".clinic-cards > *")
    assert [c.get_text(" ", strip=True)[:12] for c in cards][1] == "nobody-here"


@pytest.mark.sphinx(
    "html",
    testroot="badinput",
    freshenv=True,
    confoverrides={"suppress_warnings": ["clinic.review", "clinic.vocabulary"]},
    srcdir="badinput-suppressed",
)
def test_subtypes_can_be_suppressed(app: Any) -> None:
    app.build()
    lines = _relative(app)
    assert not [line for line in lines if "[clinic.review]" in line]
    assert not [line for line in lines if "[clinic.vocabulary]" in line]
    assert [line for line in lines if "[clinic.author]" in line]


def test_warnings_are_errors_with_dash_w(make_app: Any, rootdir: Any, tmp_path: Any) -> None:
    import shutil

    shutil.copytree(rootdir / "test-badinput", tmp_path / "src")
    app = make_app("html", srcdir=tmp_path / "src", warningiserror=True, freshenv=True)
    app.build()
    # Sphinx >= 8.1 keeps going under -W and fails the build at the end.
    assert app.statuscode == 1
    # ...having built every page (nothing is dropped).
    assert (app.outdir / "articles/typo.html").is_file()


def test_the_guide_lists_every_warning_subtype_and_no_other() -> None:
    """Declared once (``ClinicWarning``), each with its meaning and a row in the guide."""
    guide = (Path(__file__).parent.parent / "docs" / "guide" / "warnings.md").read_text(
        encoding="utf-8"
    )
    listed = set(re.findall(r"^\| `clinic\.([a-z]+)` \|", guide, re.MULTILINE))
    assert listed == {str(w) for w in ClinicWarning}
    assert set(MEANINGS) == set(ClinicWarning)
    assert all(MEANINGS[w].strip() for w in ClinicWarning)


def test_every_warning_goes_through_warn_with_a_declared_subtype() -> None:
    """No subtype is a string literal, and no module calls Sphinx's logger for a warning
    but warnings_.py (so no subtype escapes the enum, none is guessed from the message)."""
    source = Path(__file__).parent.parent / "ext" / "sphinx_clinic"
    offending = []
    for path in sorted(source.rglob("*.py")):
        if path.name == "warnings_.py":
            continue
        text = path.read_text(encoding="utf-8")
        for number, line in enumerate(text.splitlines(), 1):
            if ("subtype=" in line and "subtype=subtype" not in line) or "logger.warning(" in line:
                offending.append(f"{path.name}:{number}: {line.strip()}")
    assert offending == []
