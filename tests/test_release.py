"""Each written page's tree is freed at once (:mod:`sphinx_clinic.release`), and the
pages are the same for it.

With the garbage collector off while pages are written, only reference counting frees
anything: a page's tree that is gone once the page is written shows its cycles were cut.
Without the release, the trees of every page written stay until the collector's next pass.
"""

from __future__ import annotations

import gc
import shutil
import weakref
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from docutils import nodes

from conftest import ROOTS, html, warnings
from sphinx_clinic.release import release_tree


@pytest.fixture
def collector_on_after() -> Iterator[None]:
    try:
        yield
    finally:
        gc.enable()


def _collector_off_while_writing(app: Any) -> None:
    """What reading left for the collector is collected, then the collector stops."""

    def off(app: Any, builder: Any) -> None:
        gc.collect()
        gc.disable()

    app.connect("write-started", off)


def _watch_trees(app: Any) -> tuple[dict[str, weakref.ref[Any]], list[weakref.ref[Any]]]:
    """Weak references to each page's tree and to every element in it, taken before our
    release runs."""
    trees: dict[str, weakref.ref[Any]] = {}
    elements: list[weakref.ref[Any]] = []

    def remember(app: Any, pagename: str, template: str, context: Any, doctree: Any) -> None:
        tree = doctree if doctree is not None else context.get("clinic_doctree")
        if tree is not None:
            trees[pagename] = weakref.ref(tree)
            elements.extend(weakref.ref(node) for node in tree.findall(nodes.Element))

    app.connect("html-page-context", remember, priority=100)
    return trees, elements


def test_written_pages_trees_are_freed_without_the_collector(
    tmp_path: Path, collector_on_after: None
) -> None:
    from sphinx.testing.util import SphinxTestApp

    # A folder of its own: every page is written (none kept from another test's build).
    src = tmp_path / "src"
    shutil.copytree(ROOTS / "test-paginate", src)
    app = SphinxTestApp("html", srcdir=src, builddir=tmp_path / "out")
    try:
        trees, elements = _watch_trees(app)
        _collector_off_while_writing(app)
        app.build()
        gc.enable()
        assert warnings(app) == []
    finally:
        app.cleanup()
    articles = [name for name in trees if name.startswith("articles/")]
    generated = [name for name in trees if "/page/" in name]
    assert articles and generated, sorted(trees)
    # The pages' nodes are gone, even where Sphinx still holds some (Sphinx 8's writer
    # keeps the last page's document and a node or two): at most those empty shells.
    alive = [ref() for ref in trees.values() if ref() is not None]
    assert len(alive) <= 1 and all(len(tree.children) == 0 for tree in alive)
    kept = [node for node in (ref() for ref in elements) if node is not None]
    assert len(elements) > 100 and len(kept) < 5
    assert all(node.parent is None and node.children == [] for node in kept)


@pytest.mark.sphinx("html", testroot="paginate", freshenv=True)
def test_handlers_before_the_release_see_the_whole_page(app: Any) -> None:
    """The release comes last: a handler at the default priority sees the whole tree,
    and the page is written in full."""
    seen: dict[str, int] = {}

    def count(app: Any, pagename: str, template: str, context: Any, doctree: Any) -> None:
        if isinstance(doctree, nodes.document):
            seen[pagename] = sum(1 for node in doctree.findall() if node.parent is not None)

    app.connect("html-page-context", count)
    app.build()
    assert seen and all(seen.values())
    page = html(app, "index")
    assert page.select_one("article") is not None and page.select_one("h1") is not None


def test_release_cuts_every_link_up_the_tree() -> None:
    from docutils.frontend import get_default_settings
    from docutils.parsers.rst import Parser
    from docutils.utils import new_document

    document = new_document("page", get_default_settings(Parser))
    section = nodes.section()
    paragraph = nodes.paragraph("", "", nodes.Text("words"), nodes.emphasis("", "stress"))
    section += paragraph
    document += section
    watched = [weakref.ref(node) for node in document.findall()]
    release_tree(document)
    for node in (document, section, paragraph):
        assert node.parent is None and node.children == []
    gc.disable()
    try:
        del document, section, paragraph, node
        assert [ref for ref in watched if ref() is not None] == []
    finally:
        gc.enable()
