"""Bugs the generated-site tests (test_equivalence.py) found, each on the smallest site."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

import sitegen
from sphinx_clinic.siteindex import SiteIndex
from test_equivalence import build

CONF = (
    'extensions = ["myst_parser", "sphinx_clinic"]\n'
    'html_baseurl = "https://kb.example.org/"\nexclude_patterns = ["_build"]\n'
)


def _page(root: Path, docname: str) -> BeautifulSoup:
    path = root / "out" / "html" / f"{docname}.html"
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_references_follow_a_renamed_or_deleted_clinician(tmp_path: Path, rootdir: Path) -> None:
    """{clinician} references on pages that are not reread show the current profile."""
    shutil.copytree(rootdir / "test-basic", tmp_path / "src")
    build(tmp_path, fresh=True)
    profile = tmp_path / "src" / "clinicians" / "ben-okafor.md"
    profile.write_text(profile.read_text().replace("Ben Okafor", "Benedict Okafor"))
    (tmp_path / "src" / "clinicians" / "ana-lima.md").unlink()
    rebuilt = build(tmp_path)
    assert "index" not in rebuilt.read
    page = _page(tmp_path, "index")
    assert page.find("a", href="clinicians/ana-lima.html") is None
    assert "ana-lima" in page.get_text()
    assert page.find("a", href="clinicians/ben-okafor.html")["title"] == "Benedict Okafor"
    assert any("index.md:3: WARNING: unknown clinician 'ana-lima'" in w for w in rebuilt.warnings)


def test_a_page_with_one_specialty_index_per_group_holds_every_entry(tmp_path: Path) -> None:
    """Every primary specialty-index on a page is a target, not only the last one."""
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text(CONF)
    (src / "specialties.yaml").write_text(
        "- {id: grief, label: Grief, group: Life stages}\n"
        "- {id: anxiety, label: Anxiety, group: Emotional health}\n"
    )
    (src / "index.md").write_text(
        "# Specialties\n\nSee {specialty}`grief` and {specialty}`anxiety`.\n\n"
        "## Life stages\n\n```{specialty-index}\n:group: Life stages\n```\n\n"
        "## Emotional health\n\n```{specialty-index}\n:group: Emotional health\n```\n"
    )
    result = build(tmp_path, fresh=True)
    assert result.warnings == []
    see = next(p for p in _page(tmp_path, "index").select("p") if p.text.startswith("See"))
    links = [a["href"] for a in see.select("a.reference")]
    assert links == ["#specialty-grief", "#specialty-anxiety"]


def test_reading_pages_does_not_rebuild_the_site_index_per_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The site index is built from every article: a handler that asks for it while
    pages are read (each read drops it) made a full build quadratic in the articles."""
    site = sitegen.generate(articles=40, clinicians=4, specialties=6, seed=3, words=60)
    sitegen.write_site(site, tmp_path / "src", sitegen.registered_features())
    built = []
    original = SiteIndex.__init__

    def counted(self: SiteIndex, *args: Any, **kwargs: Any) -> None:
        built.append(1)
        original(self, *args, **kwargs)

    monkeypatch.setattr(SiteIndex, "__init__", counted)
    build(tmp_path, fresh=True)
    # Once after the read (and a few times for what the writers change), never per page.
    assert 0 < len(built) < 10 < len(site.docnames)
