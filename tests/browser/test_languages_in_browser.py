"""Pages in Spanish as a reader's browser gets them: axe (``valid-lang`` and every other
rule), the Nu HTML Checker, and no English label of the extension on a Spanish page.

The two language roots of the test suite (tests/roots/test-i18n-es, a Spanish site, and
test-i18n-bilingual, an English site with Spanish pages) are built with furo, as the
knowledge base is, and served on 127.0.0.1.
"""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
from harness import ROOT, serve
from playwright.sync_api import Page
from sphinx.application import Sphinx
from sphinx.util.docutils import docutils_namespace, patch_docutils
from test_site_in_browser import VNU_JAR, axe_problems

sys.path.insert(0, str(ROOT / "tests"))
import catalogs  # the catalogs' helpers live with the other tests

ROOTS = ROOT / "tests" / "roots"
#: (root, page, the language of its content)
SPANISH_PAGES = [
    ("i18n-es", "articles/empezar-terapia", "es"),
    ("i18n-es", "articles/duelo-en-familia", "es"),
    ("i18n-es", "clinicians/lucia-reyes", "es"),
    ("i18n-es", "directorio", "es"),
    ("i18n-es", "especialidades", "es"),
    ("i18n-es", "index", "es"),
    ("i18n-bilingual", "articles/empezar-terapia", "es"),
    ("i18n-bilingual", "clinicians/lucia-reyes", "es"),
]
#: English pages of the bilingual site that show Spanish titles, summaries and bios.
MIXED_PAGES = [("i18n-bilingual", "index"), ("i18n-bilingual", "directory")]


#: furo as the knowledge base sets it up, with its templates that name furo's landmarks
#: (furo's own markup has axe violations the knowledge base's templates fix).
THEME = {
    "html_theme": "furo",
    "templates_path": [str(ROOT / "docs" / "_templates")],
    "html_theme_options": {"top_of_page_buttons": [], "enable_search_shortcuts": False},
}


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each language root built with furo, by name (without warnings)."""
    outputs = {}
    for name in ("i18n-es", "i18n-bilingual"):
        base, src = tmp_path_factory.mktemp(name), ROOTS / f"test-{name}"
        warning = io.StringIO()
        # Each build with its own docutils registry, as sphinx-build has.
        with patch_docutils(src), docutils_namespace():
            app = Sphinx(
                src,
                src,
                base / "html",
                base / "doctrees",
                "html",
                confoverrides=THEME,
                status=None,
                warning=warning,
                freshenv=True,
            )
            app.build()
        assert warning.getvalue() == "", warning.getvalue()
        outputs[name] = base / "html"
    return outputs


@pytest.fixture(scope="session")
def served(built: dict[str, Path]) -> Iterator[dict[str, str]]:
    with serve(built["i18n-es"]) as spanish, serve(built["i18n-bilingual"]) as bilingual:
        yield {"i18n-es": spanish, "i18n-bilingual": bilingual}


def label_words(texts: Iterable[str]) -> list[str]:
    """The distinctive words of labels: what is left of them around the placeholders."""
    words = set()
    for label in texts:
        for part in re.split(r"%(?:\(\w+\))?[sd]", label):
            if len(part.strip(" :()")) >= 5:
                words.add(part.strip(" :()"))
    return sorted(words)


def english_labels() -> list[str]:
    ids = (m.id for m in catalogs.read(catalogs.TEMPLATE) if m.id)
    return label_words(i for msgid in ids for i in (msgid if isinstance(msgid, tuple) else [msgid]))


def spanish_labels() -> list[str]:
    strings = (m.string for m in catalogs.read(catalogs.po_path("es"), "es") if m.id)
    return label_words(
        s for string in strings for s in (string if isinstance(string, tuple) else [string])
    )


@pytest.mark.parametrize(("root", "docname", "language"), SPANISH_PAGES)
def test_a_spanish_page_passes_axe_and_shows_no_english_label(
    page: Page, served: dict[str, str], root: str, docname: str, language: str
) -> None:
    page.goto(f"{served[root]}{docname}.html")
    problems = axe_problems(page)
    assert problems == [], "\n".join(problems)
    # The content's language, as the browser resolves it (<html lang> or the wrapper).
    main = page.locator("article[role=main]")
    assert main.evaluate("el => el.querySelector('h1').closest('[lang]').lang") == language
    # What a reader sees of the article, without the passages marked as English (the US
    # licences' names) and without the theme's own words around it.
    shown = main.evaluate(
        """el => { const copy = el.cloneNode(true);
                   copy.querySelectorAll('[lang="en"]').forEach(e => e.remove());
                   return copy.innerText; }"""
    )
    english = [label for label in english_labels() if label in shown]
    assert english == [], f"English labels on {root}/{docname}: {english}"
    assert [label for label in spanish_labels() if label in shown], "no label was read"


@pytest.mark.parametrize(("root", "docname"), MIXED_PAGES)
def test_spanish_passages_on_english_pages_pass_axe(
    page: Page, served: dict[str, str], root: str, docname: str
) -> None:
    page.goto(f"{served[root]}{docname}.html")
    problems = axe_problems(page)
    assert problems == [], "\n".join(problems)
    marked = page.locator("article[role=main] [lang=es]")
    assert marked.count() >= 1


def test_the_language_pages_are_valid_html(built: dict[str, Path]) -> None:
    if not VNU_JAR.is_file():
        pytest.fail(f"no Nu HTML Checker at {VNU_JAR}: `nox -s browser` installs it")
    run = subprocess.run(
        [
            *("java", "-jar", str(VNU_JAR), "--skip-non-html", "--errors-only"),
            *("--format", "json", "--stdout", *map(str, built.values())),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    messages = json.loads(run.stdout)["messages"]
    problems = [f"{m['url']}:{m.get('lastLine')}: {m['message']}" for m in messages]
    assert problems == [], "\n".join(problems)
