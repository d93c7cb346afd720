"""What each HTML page loads and how its navigation reads: only the CSS/JS it uses.

* sphinx-design adds its stylesheet (55 KB) and its tab script to every page, and Sphinx
  adds ``pygments.css`` (20 KB) to every page; most pages of a knowledge base use neither.
  At ``html-page-context`` a page keeps sphinx-design's assets only when its doctree has a
  sphinx-design component (a node with an ``sd-`` class; the script only for tab sets) and
  ``pygments.css`` only when it shows highlighted code. The search page keeps everything:
  its results are other pages' text.
* Sphinx writes a toctree's ``:caption:`` as ``<p class="caption" role="heading">`` without
  the ``aria-level`` that ``role="heading"`` requires (axe ``aria-required-attr``); the
  navigation a theme renders gets ``aria-level="2"`` (the captions sit under the site's
  name, and screen readers read them as second-level headings anyway).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from docutils import nodes

from .urls import is_website

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: Files sphinx-design adds to every page, and the part of a page that needs each.
DESIGN_CSS = "sphinx-design.min.css"
DESIGN_TABS_JS = "design-tabs.js"
PYGMENTS_CSS = "pygments.css"

_CAPTION = re.compile(r'<p class="caption" role="heading"(?![^>]*aria-level)')


def uses_design(doctree: nodes.document) -> tuple[bool, bool]:
    """(any sphinx-design component, a tab set) on the page."""
    components = tabs = False
    for node in doctree.findall(nodes.Element):
        classes: list[str] = node.get("classes", [])
        if any(c.startswith("sd-") for c in classes):
            components = True
            if "sd-tab-set" in classes:
                return True, True
    return components, tabs


def shows_code(doctree: nodes.document) -> bool:
    """Whether the page has a block Pygments highlights (code, doctest, console...)."""
    return any(True for _ in doctree.findall(nodes.literal_block))


def _filename(asset: Any) -> str:
    """An asset's file name as the extension that added it spelled it (Sphinx prefixes
    stylesheets with ``_static/``)."""
    return str(getattr(asset, "filename", asset)).removeprefix("_static/")


def unused_assets(doctree: nodes.document | None) -> set[str]:
    """The files among :data:`DESIGN_CSS`, :data:`DESIGN_TABS_JS` and :data:`PYGMENTS_CSS`
    the page does not need (none for a page without a doctree, e.g. search)."""
    if doctree is None:
        return set()
    unused = set()
    design, tabs = uses_design(doctree)
    if not design:
        unused.add(DESIGN_CSS)
    if not tabs:
        unused.add(DESIGN_TABS_JS)
    if not shows_code(doctree):
        unused.add(PYGMENTS_CSS)
    return unused


def label_captions(html: str) -> str:
    """Toctree captions with the ``aria-level`` their heading role requires."""
    return _CAPTION.sub('<p class="caption" role="heading" aria-level="2"', html)


def _labelled_toctree(toctree: Callable[..., str]) -> Callable[..., str]:
    def toctree_with_levels(*args: Any, **kwargs: Any) -> str:
        return label_captions(toctree(*args, **kwargs))

    return toctree_with_levels


def trim_page(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """``html-page-context`` (after the theme's): drop unused assets, level the captions."""
    if app.builder.format != "html":
        return
    if is_website(app.builder):
        # singlehtml and epub put every page in one document: keep what any page needs.
        unused = unused_assets(doctree)
        for key in ("css_files", "script_files"):
            if unused and isinstance(context.get(key), list):
                context[key] = [a for a in context[key] if _filename(a) not in unused]
    # A toctree in the page's text, the navigation a theme asks Sphinx for, and furo's
    # (rendered before this handler runs).
    if isinstance(context.get("body"), str):
        context["body"] = label_captions(context["body"])
    if callable(context.get("toctree")):
        context["toctree"] = _labelled_toctree(context["toctree"])
    if isinstance(context.get("furo_navigation_tree"), str):
        context["furo_navigation_tree"] = label_captions(context["furo_navigation_tree"])


def setup_page_assets(app: Sphinx) -> None:
    # After themes' handlers (furo's runs at the default 500 and renders the navigation).
    app.connect("html-page-context", trim_page, priority=800)
