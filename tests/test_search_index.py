"""What the site search indexes: each page's own text, not what every article repeats.

Bylines, about-the-author cards, listings and the crisis notice repeat other pages' text
(or the same text) on many pages; indexed, they would make a search for a clinician's
name list every article with their card, and they cost most of the extension's build
time (see ``nox -s bench -- --breakdown``).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from test_equivalence import build

PAGES = {
    "conf.py": (
        'extensions = ["myst_parser", "sphinx_clinic"]\n'
        'html_baseurl = "https://kb.example.org/"\nexclude_patterns = ["_build"]\n'
    ),
    "specialties.yaml": (
        "- {id: grief, label: Grief, group: Life, description: Carrying a marmalade loss.}\n"
    ),
    "index.md": (
        "# Home\n\n```{article-list}\n```\n\n```{clinician-directory}\n```\n\n"
        "```{toctree}\n:hidden:\n\nspecialties\n```\n"
    ),
    "specialties.md": "# Specialties\n\n```{specialty-index}\n```\n",
    "clinicians/ana-lima.md": (
        "---\nname: Ana Lima\ncredentials: [LCSW]\nsummary: I help with zephyrine worries.\n"
        "specialties: [grief]\n---\n\n# Ana Lima\n\nAna's own page about xylograph.\n"
    ),
    "articles/first.md": (
        "---\ndate: 2025-01-02\nauthor: ana-lima\nspecialties: [grief]\n"
        "summary: A quokka summary.\n---\n\n# First\n\nThe first article's own harpsichord.\n"
    ),
    "articles/second.md": (
        "---\ndate: 2025-02-03\nauthor: ana-lima\n---\n\n# Second\n\nA tuba, and more.\n"
    ),
}


def _search_index(tmp_path: Path) -> tuple[dict[str, Any], dict[str, list[str]]]:
    for relative, text in PAGES.items():
        path = tmp_path / "src" / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert build(tmp_path, fresh=True).warnings == []
    text = (tmp_path / "out" / "html" / "searchindex.js").read_text(encoding="utf-8")
    index = json.loads(text[text.index("(") + 1 : text.rindex(")")])
    docnames = index["docnames"]

    def pages(prefix: str) -> list[str]:
        found: set[str] = set()
        for word, where in index["terms"].items():
            if word.startswith(prefix):
                found |= {docnames[i] for i in (where if isinstance(where, list) else [where])}
        return sorted(found)

    words = {
        w: pages(w)
        for w in ("zephyr", "xylograph", "harpsichord", "tuba", "quokka", "marmalad", "lifelin")
    }
    return index, words


def test_each_page_is_found_by_its_own_text_only(tmp_path: Path) -> None:
    _, found = _search_index(tmp_path)
    # A profile is found by its own text; its summary, shown on cards, finds the
    # clinician directory (the home page here), not every article Ana wrote.
    assert found["xylograph"] == ["clinicians/ana-lima"]
    assert found["zephyr"] == ["index"]
    # Articles by their text; listings and neighbours' previous/next links do not match.
    assert found["harpsichord"] == ["articles/first"]
    assert found["tuba"] == ["articles/second"]
    assert found["quokka"] == []  # a summary is only shown in listings
    # The specialty index stays searchable; the crisis notice (on every article) is not.
    assert found["marmalad"] == ["specialties"]
    assert found["lifelin"] == []
