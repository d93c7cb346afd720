"""Each written page's tree is freed at once (:mod:`sphinx_clinic.release`), and the
pages are the same for it.

With the garbage collector off while pages are written, only reference counting frees
anything: a page's tree that is gone once the page is written shows its cycles were cut.
Without the release, the trees of every page written stay until the collector's next pass.
"""

from __future__ import annotations

import gc
import shutil
import sys
import weakref
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from docutils import nodes

from conftest import ROOTS, warnings
from sphinx_clinic.release import release_tree, release_written_page


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


def _watch_trees(app: Any) -> dict[str, list[weakref.ref[Any]]]:
    """Weak references to every element of each page's tree, by page, taken before our
    release runs."""
    elements: dict[str, list[weakref.ref[Any]]] = {}

    def remember(app: Any, pagename: str, template: str, context: Any, doctree: Any) -> None:
        tree = doctree if doctree is not None else context.get("clinic_doctree")
        if tree is not None:
            elements[pagename] = [weakref.ref(node) for node in tree.findall(nodes.Element)]

    app.connect("html-page-context", remember, priority=100)
    return elements


def _site(tmp_path: Path, name: str = "src", todo: bool = False) -> Any:
    """A copy of the test-paginate site in a folder of its own (every page is written,
    none kept from another test's build); ``todo``: with ``sphinx.ext.todo``, a todo in
    an article and the list of todos on the home page, written after it."""
    from sphinx.testing.util import SphinxTestApp

    src = tmp_path / name
    shutil.copytree(ROOTS / "test-paginate", src)
    if todo:
        conf = src / "conf.py"
        conf.write_text(
            conf.read_text(encoding="utf-8")
            + '\nextensions.append("sphinx.ext.todo")\ntodo_include_todos = True\n',
            encoding="utf-8",
        )
        article = src / "articles" / "exam-nerves.md"
        article.write_text(
            article.read_text(encoding="utf-8")
            + "\n```{todo}\nAsk a colleague to read this *twice*.\n```\n",
            encoding="utf-8",
        )
        home = src / "index.md"
        home.write_text(home.read_text(encoding="utf-8") + "\n```{todolist}\n```\n", "utf-8")
    return SphinxTestApp("html", srcdir=src, builddir=tmp_path / f"{name}-out")


def test_written_pages_trees_are_freed_without_the_collector(
    tmp_path: Path, collector_on_after: None
) -> None:
    app = _site(tmp_path)
    try:
        elements = _watch_trees(app)
        _collector_off_while_writing(app)
        app.build()
        gc.enable()
        assert warnings(app) == []
    finally:
        app.cleanup()
    articles = [name for name in elements if name.startswith("articles/")]
    generated = [name for name in elements if "/page/" in name]
    assert articles and generated, sorted(elements)
    # Every page's nodes are gone, but those of at most one page that Sphinx itself still
    # holds (Sphinx 8's writer keeps the last document it wrote until it writes the next).
    alive = sorted(name for name, refs in elements.items() if any(ref() for ref in refs))
    assert len(alive) <= 1, alive
    assert sum(len(refs) for refs in elements.values()) > 100


def _pages(outdir: Path) -> dict[str, str]:
    return {
        path.relative_to(outdir).as_posix(): path.read_text(encoding="utf-8")
        for path in sorted(outdir.rglob("*.html"))
    }


def _build_without_release(app: Any) -> None:
    for listener in list(app.events.listeners["html-page-context"]):
        if listener.handler is release_written_page:
            app.disconnect(listener.id)


def test_pages_are_the_same_with_and_without_the_release(tmp_path: Path) -> None:
    """Byte for byte, on a site whose home page lists a todo of an article written before
    it: ``sphinx.ext.todo`` keeps the todo's node from reading and copies it when it
    writes the list (in a fresh build that node is in the tree the article was written
    from)."""
    built = {}
    for name in ("released", "kept"):
        # The same folder for both (the todo list names the article's file).
        shutil.rmtree(tmp_path, ignore_errors=True)
        app = _site(tmp_path, todo=True)
        try:
            if name == "kept":
                _build_without_release(app)
            app.build()
            assert warnings(app) == []
            built[name] = _pages(app.outdir)
        finally:
            app.cleanup()
    with_release, without = built["released"], built["kept"]
    assert len(with_release) > 20
    assert "Ask a colleague to read this" in with_release["index.html"]
    assert "<em>twice</em>" in with_release["index.html"]
    assert with_release == without


def test_release_cuts_every_link_up_the_tree() -> None:
    from docutils.frontend import get_default_settings
    from docutils.parsers.rst import Parser
    from docutils.utils import new_document

    document = new_document("page", get_default_settings(Parser))
    section = nodes.section()
    paragraph = nodes.paragraph("", "", nodes.Text("words"), nodes.emphasis("", "stress"))
    section += paragraph
    document += section
    watched = [weakref.ref(node) for node in document.findall(nodes.Element)]
    release_tree(document)
    for node in (section, paragraph):
        assert node.parent is None and node.document is None
    # The tree below is whole: what another extension kept of it can still be copied.
    assert paragraph.astext() == "wordsstress" and paragraph.deepcopy().astext() == "wordsstress"
    gc.disable()
    try:
        del document, section, paragraph, node
        assert [ref for ref in watched if ref() is not None] == []
    finally:
        gc.enable()


def test_what_lasts_is_frozen_while_pages_are_written_and_thawed_after(tmp_path: Path) -> None:
    """While pages are written the environment (read once, kept to the end) is out of
    the collector's passes; once the build ends nothing is frozen, so a process that runs
    several builds frees each one's objects."""
    app = _site(tmp_path)
    seen: dict[str, tuple[int, bool]] = {}

    def look(app: Any, pagename: str, template: str, context: Any, doctree: Any) -> None:
        if not seen:
            tracked = gc.get_objects()  # generations 0-2: frozen objects are not in them
            env_data = app.env.domaindata
            seen[pagename] = (gc.get_freeze_count(), any(o is env_data for o in tracked))

    app.connect("html-page-context", look, priority=100)
    try:
        app.build()
        assert warnings(app) == []
    finally:
        app.cleanup()
    ((frozen, env_data_tracked),) = seen.values()
    assert frozen > 10_000
    assert not env_data_tracked
    assert gc.get_freeze_count() == 0
    assert any(o is app.env.domaindata for o in gc.get_objects())


#: An extension for the test below: it records the collector's passes from just after our
#: ``config-inited`` handler (priority 999) to just before our ``builder-inited`` one, the
#: span in which Sphinx loads the environment's pickle.
_WATCH_COLLECTOR = """
import gc

passes = []


def _count(phase, info):
    if phase == "start":
        passes.append(info["generation"])


def _watch(app, config):
    gc.callbacks.append(_count)


def _unwatch(app):
    gc.callbacks.remove(_count)
    passes.append("off" if not gc.isenabled() else "on")


def setup(app):
    app.connect("config-inited", _watch, priority=1000)
    app.connect("builder-inited", _unwatch, priority=0)
"""


def test_the_collector_rests_while_the_environment_loads(tmp_path: Path) -> None:
    """An incremental build loads the environment from its pickle with no pass of the
    collector (none of the objects it makes is garbage); the collector is on again once
    the builder is set up, and after the build."""
    app = _site(tmp_path)
    try:
        app.build()
    finally:
        app.cleanup()
    src = tmp_path / "src"
    (src / "clinic_watch_collector.py").write_text(_WATCH_COLLECTOR, encoding="utf-8")
    conf = src / "conf.py"
    conf.write_text(
        conf.read_text(encoding="utf-8")
        + "\nimport pathlib, sys\nsys.path.insert(0, str(pathlib.Path(__file__).parent))"
        + '\nextensions.append("clinic_watch_collector")\n',
        encoding="utf-8",
    )
    article = src / "articles" / "exam-nerves.md"
    article.write_text(article.read_text(encoding="utf-8") + "\nOne more line.\n", "utf-8")
    sys.modules.pop("clinic_watch_collector", None)
    app = _site_again(tmp_path)
    try:
        assert app.env.all_docs  # the environment came from the pickle
        app.build()
        assert warnings(app) == []
    finally:
        app.cleanup()  # also puts sys.path back
    watched = sys.modules.pop("clinic_watch_collector")
    assert watched.passes == ["off"]
    assert gc.isenabled()


def _site_again(tmp_path: Path) -> Any:
    """The site :func:`_site` made, built again where it was (an incremental build)."""
    from sphinx.testing.util import SphinxTestApp

    return SphinxTestApp("html", srcdir=tmp_path / "src", builddir=tmp_path / "src-out")
