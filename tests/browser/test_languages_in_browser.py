"""Pages in Spanish as a reader's browser gets them: axe (``valid-lang`` and every other
rule), the Nu HTML Checker, and no English label of the extension on a Spanish page.

The two language roots of the test suite (tests/roots/test-i18n-es, a Spanish site, and
test-i18n-bilingual, an English site with Spanish pages) are built with furo, as the
knowledge base is, and served on 127.0.0.1.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from harness import ROOT, serve
from playwright.sync_api import Page
from sphinx.application import Sphinx
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


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each language root built with furo, by name."""
    outputs = {}
    for name in ("i18n-es", "i18n-bilingual"):
        base = tmp_path_factory.mktemp(name)
        app = Sphinx(
            ROOTS / f"test-{name}",
            ROOTS / f"test-{name}",
            base / "html",
            base / "doctrees",
            "html",
            confoverrides={"html_theme": "furo"},
            status=None,
            freshenv=True,
        )
        app.build()
        outputs[name] = base / "html"
    return outputs


@pytest.fixture(scope="session")
def served(built: dict[str, Path]) -> Iterator[dict[str, str]]:
    with serve(built["i18n-es"]) as spanish, serve(built["i18n-bilingual"]) as bilingual:
        yield {"i18n-es": spanish, "i18n-bilingual": bilingual}


def english_labels() -> list[str]:
    """The distinctive words of every English label of the extension."""
    words = set()
    for message in catalogs.read(catalogs.TEMPLATE):
        for msgid in message.id if isinstance(message.id, tuple) else (message.id,):
            for part in re.split(r"%(?:\(\w+\))?[sd]", msgid):
                if len(part.strip(" :()")) >= 5:
                    words.add(part.strip(" :()"))
    return sorted(words)


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
