"""What each HTML page loads and how its navigation reads: only the CSS/JS it uses.

* sphinx-design adds its stylesheet (55 KB) and its tab script to every page, and Sphinx
  adds ``pygments.css`` (20 KB) to every page; most pages of a knowledge base use neither.
  At ``html-page-context`` a page keeps sphinx-design's assets only when its doctree has a
  sphinx-design component (a node with an ``sd-`` class; the script only for tab sets) and
  ``pygments.css`` only when it shows highlighted code. The search page keeps everything:
  its results are other pages' text.
* furo's ``furo-extensions.css`` only styles other extensions' markup (sphinx-design,
  copy buttons on code, Read the Docs' injected menus): it stays where a page has code or
  sphinx-design components, or when the site is built on Read the Docs.
* ``sphinx_highlight.js`` highlights the words of a site search on the page a reader
  opens from the results; a first visit from elsewhere has none. It is loaded on demand:
  a few lines of inline script fetch it when there are search words to highlight. So is
  ``doctools.js`` when the theme's keyboard shortcuts are off (``enable_search_shortcuts``
  and ``navigation_with_keys``): it then only serves the highlighting.
* Sphinx writes a toctree's ``:caption:`` as ``<p class="caption" role="heading">`` without
  the ``aria-level`` that ``role="heading"`` requires (axe ``aria-required-attr``); the
  navigation a theme renders gets ``aria-level="2"`` (the captions sit under the site's
  name, and screen readers read them as second-level headings anyway).
"""

from __future__ import annotations

import json
import os
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
FURO_EXTENSIONS_CSS = "styles/furo-extensions.css"
HIGHLIGHT_JS = "sphinx_highlight.js"
DOCTOOLS_JS = "doctools.js"

#: Loads the given scripts, one after the other, once the page's own scripts have run,
#: only when the site search left words to highlight (see sphinx_highlight.js).
_HIGHLIGHT_LOADER = (
    'document.addEventListener("DOMContentLoaded",()=>{let t="";'
    'try{t=localStorage.getItem("sphinx_highlight_terms")}catch(e){}'
    'if(!t&&!new URLSearchParams(location.search).has("highlight"))return;'
    'const load=l=>{if(!l.length)return;const s=document.createElement("script");'
    "s.src=l[0];s.onload=()=>load(l.slice(1));document.body.append(s)};load(%s)});"
)


def _is_on(value: Any) -> bool:
    return str(value).strip().lower() in {"true", "1", "yes", "on"}


_CAPTION = re.compile(r'<p class="caption" role="heading"(?![^>]*aria-level)')


def page_components(doctree: nodes.document) -> tuple[bool, bool, bool]:
    """(any sphinx-design component, a tab set, a block Pygments highlights: code,
    doctest, console...) on the page. One walk over the page's nodes, not one per
    question: it runs for every page written."""
    components = tabs = code = False
    for node in doctree.findall(nodes.Element):
        if isinstance(node, nodes.literal_block):
            code = True
        classes: list[str] = node.get("classes", [])
        if not tabs and any(c.startswith("sd-") for c in classes):
            components = True
            tabs = "sd-tab-set" in classes
        if tabs and code:
            break
    return components, tabs, code


def _filename(asset: Any) -> str:
    """An asset's file name as the extension that added it spelled it (Sphinx prefixes
    stylesheets with ``_static/``)."""
    return str(getattr(asset, "filename", asset)).removeprefix("_static/")


def unused_assets(doctree: nodes.document | None, on_read_the_docs: bool = False) -> set[str]:
    """The files among :data:`DESIGN_CSS`, :data:`DESIGN_TABS_JS`, :data:`PYGMENTS_CSS` and
    :data:`FURO_EXTENSIONS_CSS` the page does not need (none for a page without a doctree,
    e.g. search)."""
    if doctree is None:
        return set()
    unused = set()
    design, tabs, code = page_components(doctree)
    if not design:
        unused.add(DESIGN_CSS)
    if not tabs:
        unused.add(DESIGN_TABS_JS)
    if not code:
        unused.add(PYGMENTS_CSS)
    if not (design or code or on_read_the_docs):
        unused.add(FURO_EXTENSIONS_CSS)
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
    # A generated page (an archive's page 2) has no doctree of Sphinx's; its own is here.
    doctree = doctree if doctree is not None else context.get("clinic_doctree")
    if is_website(app.builder) and doctree is not None:
        # singlehtml and epub put every page in one document: keep what any page needs.
        unused = unused_assets(doctree, bool(os.environ.get("READTHEDOCS")))
        scripts = context.get("script_files")
        if isinstance(scripts, list) and any(_filename(a) == HIGHLIGHT_JS for a in scripts):
            on_demand = [HIGHLIGHT_JS]
            shortcuts = context.get("theme_enable_search_shortcuts", True)
            keys = context.get("theme_navigation_with_keys", False)
            if not _is_on(shortcuts) and not _is_on(keys):
                on_demand.insert(0, DOCTOOLS_JS)
            unused.update(on_demand)
            uris = [context["pathto"](f"_static/{name}", resource=True) for name in on_demand]
            app.builder.add_js_file(  # type: ignore[attr-defined]
                None, body=_HIGHLIGHT_LOADER % json.dumps(uris), priority=900
            )
        for key in ("css_files", "script_files"):
            if isinstance(context.get(key), list):
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
