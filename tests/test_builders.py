"""Cards, listings and the index degrade to text in non-HTML builds, without errors."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from conftest import html, warnings


@pytest.mark.parametrize("builder", ["text", "latex", "singlehtml", "dirhtml", "epub", "man"])
def test_builds_without_warnings(
    make_app: Any, rootdir: Path, tmp_path: Path, builder: str
) -> None:
    import shutil

    shutil.copytree(rootdir / "test-clinic", tmp_path / "src")
    app = make_app(builder, srcdir=tmp_path / "src", freshenv=True)
    app.build()
    problems = [w for w in warnings(app) if "epub" not in w.lower()]
    assert problems == []
    assert app.statuscode == 0


@pytest.mark.sphinx("text", testroot="clinic", freshenv=True)
def test_text_cards_and_listings(app: Any) -> None:
    app.build()
    cards = Path(app.outdir, "cards.txt").read_text()
    assert "Ana Lima, LCSW (Licensed Clinical Social Worker), CASAC" in " ".join(cards.split())
    assert "I work with new parents and people facing loss." in cards
    assert "Read Ana Lima's full profile" in cards
    article = Path(app.outdir, "articles/worry.txt").read_text()
    assert "By Ben Okafor and Ana Lima · March 2, 2025 · 1 min read" in article
    assert "About the authors" in article
    specialties = Path(app.outdir, "specialties.txt").read_text()
    assert "Grief and loss" in specialties and "2 clinicians · 3 articles" in specialties


@pytest.mark.sphinx("latex", testroot="clinic", freshenv=True)
def test_latex_has_cards_as_text(app: Any) -> None:
    app.build()
    tex = next(Path(app.outdir).glob("*.tex")).read_text()
    # The card on the (toctree-included) cards page; orphan profiles are not in the PDF,
    # so their links become plain text rather than dangling references.
    assert "Ana Lima" in tex and "CASAC" in tex
    assert "Persistent worry and fear." in tex


@pytest.mark.sphinx("dirhtml", testroot="clinic", freshenv=True)
def test_dirhtml_links(app: Any) -> None:
    app.build()
    page = html(app, "cards/index")
    more = page.select_one(".clinic-card .clinic-card-more a")
    assert more["href"] == "../clinicians/ana-lima/"
    img = page.select_one("img.clinic-avatar")
    assert img["src"] == "../_clinic/photos/ana-lima.png"
