"""Free each page's tree once it is written, so the build holds less; and spare the
garbage collector what the build holds to the end.

A docutils tree is a web of cycles (each node points to its parent and to its document),
so Python's reference counting cannot free a written page's tree: it waits, with every
tree written since, for the garbage collector's next full pass, which must also walk all
the rest the build holds. Cutting those links once the page is out frees the tree at
once. On the benchmark's site (1,000 articles) that lowers the peak memory by about 11 MB
and the collector's time by about 0.2 s.

It runs last at ``html-page-context``: by then Sphinx has written the page's body, its
search words and its table of contents into strings, and nothing walks up the tree again
(the page's template sees only those strings; what another extension kept of it is still
whole below, see :func:`release_tree`). Other builders are left alone.

The collector's full passes walk every object the build holds: the imported modules and
Sphinx's registry from the start, and, once every page is read, the whole environment,
which the writing phase only reads. Those objects live to the end of the build, so each
pass over them is wasted: they are frozen (:func:`gc.freeze`, what CPython provides for
such long-lived data) when reading starts and again when it ends, after one collection so
that no garbage is frozen, and thawed when the build ends, so that a process that runs
several builds (a test suite, a live preview) frees each build's objects. (For ``-j``
builds, forked readers and writers should also copy fewer memory pages: not measured.)

Before that, an incremental build loads the environment from its pickle: a few hundred
thousand objects made at once, none of them garbage, each pass of the collector over them
wasted (about 0.1 s of a 1.5 s incremental build on the benchmark's site). The collector is
paused from ``config-inited`` (the step before the load) to ``builder-inited``, where the
collection before the first freeze finds whatever garbage the pause let through.
"""

from __future__ import annotations

import gc
from typing import TYPE_CHECKING, Any

from docutils import nodes

from .urls import is_website

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

#: After every other handler of the event (the default priority is 500).
LAST = 999


def release_tree(doctree: nodes.document) -> None:
    """Cut the links from each node of ``doctree`` up to its parent and its document,
    and the document's to its helpers: that breaks every cycle, so the tree is freed as
    soon as nothing else holds it. The links down (each node's children) stay: another
    extension may have kept a node from reading (``sphinx.ext.todo`` keeps each todo, and
    copies it into the list of todos on a page written later), and in a fresh build that
    node is in the very tree a page was written from."""
    for node in doctree.findall():
        node.parent = None
        node.document = None  # type: ignore[assignment]
    doctree.transformer = None  # type: ignore[assignment]


def release_written_page(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """``html-page-context``, last: the tree of a page of the website builders (a
    generated page's is in its context, see :mod:`.generated_pages`)."""
    tree = doctree if doctree is not None else context.get("clinic_doctree")
    if isinstance(tree, nodes.document) and is_website(app.builder):
        release_tree(tree)


#: Whether :func:`pause_while_environment_loads` turned the collector off and nothing has
#: turned it back on yet (a build that stops before ``builder-inited`` leaves it off until
#: the next build's; a collector the site itself turned off stays off).
_paused = False


def pause_while_environment_loads(app: Sphinx, config: Config) -> None:
    """``config-inited``, last: the collector rests while Sphinx loads the environment."""
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True


def _resume() -> None:
    global _paused
    if _paused:
        gc.enable()
        _paused = False


def freeze_at_start(app: Sphinx) -> None:
    """``builder-inited``, last: the collector resumes; what an earlier build in this
    process left frozen (one that stopped before it finished) is thawed first, so that
    it can be freed."""
    _resume()
    gc.unfreeze()
    _collect_and_freeze()


def freeze_environment(app: Sphinx, env: BuildEnvironment) -> None:
    """``env-updated``, last: every page is read; the environment lives to the end."""
    _collect_and_freeze()


def _collect_and_freeze() -> None:
    """Collect, then freeze what is left, so that no garbage is frozen."""
    gc.collect()
    gc.freeze()


def thaw(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: the build's objects are the collector's again."""
    _resume()
    gc.unfreeze()


def setup_release(app: Sphinx) -> None:
    app.connect("html-page-context", release_written_page, priority=LAST)
    app.connect("config-inited", pause_while_environment_loads, priority=LAST)
    app.connect("builder-inited", freeze_at_start, priority=LAST)
    app.connect("env-updated", freeze_environment, priority=LAST)
    app.connect("build-finished", thaw, priority=LAST)
