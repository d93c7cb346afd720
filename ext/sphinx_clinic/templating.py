"""HTML from Jinja templates (``templates/clinic/``): the repeated parts of pages as one node.

For HTML builders, a byline, a set of cards or a list of articles is rendered from a
template into a single :class:`clinic_html` node, instead of the dozens of docutils
nodes the format-neutral renderers build (which text, LaTeX, epub and man builders
still get): fewer nodes for the HTML writer to walk and for the search indexer to visit.

A site overrides a template by putting its own ``clinic/<name>.html`` in one of its
``templates_path`` folders. Sphinx's template environment does not escape what it
prints, so ours is a separate one with autoescape on: everything a template prints is
escaped unless the Python side marked it as markup.
"""

from __future__ import annotations

import functools
import weakref
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2
from docutils import nodes
from markupsafe import Markup

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.writers.html5 import HTML5Translator

PACKAGE_TEMPLATES = Path(__file__).parent / "templates"


class clinic_html(nodes.General, nodes.Element):  # noqa: N801 (docutils node naming)
    """HTML rendered from a template (attribute ``html``), written as it is.

    Its children, if any, are only the plain text for the site search (which skips the
    node altogether when it has the ``no-search`` class); the HTML writer skips them.
    """


def visit_html(self: HTML5Translator, node: clinic_html) -> None:
    self.body.append(node["html"])
    raise nodes.SkipNode


def skip_node(self: Any, node: nodes.Node) -> None:
    """A visitor that leaves the node and its content out of the output."""
    raise nodes.SkipNode


def pass_node(self: Any, node: nodes.Node) -> None:
    """A visitor that writes nothing of its own, only the node's content."""


Visitors = tuple[Callable[..., None], Callable[..., None] | None]


def add_html_node(
    app: Sphinx,
    node: type[nodes.Element],
    html: Visitors,
    elsewhere: Visitors = (skip_node, None),
) -> None:
    """Register ``node`` with its ``html`` visitors (epub and singlehtml use them too), and
    ``elsewhere`` for LaTeX, text, man and texinfo (by default the node and its content
    are left out there)."""
    app.add_node(node, html=html, latex=elsewhere, text=elsewhere, man=elsewhere, texinfo=elsewhere)


def uses_templates(builder: Builder) -> bool:
    """Whether the builder writes HTML pages from our templates: every HTML builder but
    epub's, whose XHTML keeps the docutils trees (as text, LaTeX and man do)."""
    return builder.format == "html" and not builder.name.startswith("epub")


@functools.lru_cache(maxsize=8)
def template_environment(search_path: tuple[str, ...], cache: str = "") -> jinja2.Environment:
    """The environment for ``search_path`` (the site's template folders, then ours).

    Cached per search path: loading and compiling a template once per build, not once
    per page. Jinja notices a template file that changed and reloads it. ``cache``: a
    folder for the compiled templates, so that the next build (a new process) need not
    compile them again; Jinja checks each against its template's source.
    """
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader([*search_path, str(PACKAGE_TEMPLATES)]),
        bytecode_cache=_CompiledTemplates(cache) if cache else None,
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def site_template_folders(app: Sphinx) -> tuple[str, ...]:
    """The site's ``templates_path`` folders, absolute."""
    return tuple(str(Path(app.confdir, folder)) for folder in app.config.templates_path)


def render_html(app: Sphinx, name: str, values: dict[str, Any]) -> str:
    """``clinic/<name>.html`` rendered with ``values``; the result is markup."""
    environment = template_environment(site_template_folders(app), _cache_folder(app))
    return environment.get_template(f"clinic/{name}.html").render(values)


#: HTML already rendered in this build, by the application and the caller's key.
_RENDERED: weakref.WeakKeyDictionary[Sphinx, dict[Hashable, str]] = weakref.WeakKeyDictionary()
#: Past this many parts, the reused HTML is dropped and made again as needed: a bound on
#: the memory it holds, as sites vary in how many distinct parts they repeat.
_MOST_RENDERED = 2048


def render_html_once(app: Sphinx, name: str, values: dict[str, Any], key: Hashable) -> str:
    """:func:`render_html`, rendered once per build for each ``key`` (which must cover
    everything the output depends on: the template, the values, the labels' language).

    Kept for one build (:func:`forget_rendered`) and one application; a ``-j`` writer
    inherits what its parent had rendered, which is the same.
    """
    rendered = _RENDERED.setdefault(app, {})
    html = rendered.get(key)
    if html is None:
        if len(rendered) >= _MOST_RENDERED:
            rendered.clear()
        html = rendered[key] = render_html(app, name, values)
    return html


def forget_rendered(app: Sphinx, builder: Builder) -> None:
    """``write-started``: each build renders afresh (a site's template may have changed
    since the last build of the same application)."""
    _RENDERED.pop(app, None)


def _cache_folder(app: Sphinx) -> str:
    """Beside the doctrees: kept between builds, never published."""
    return str(Path(app.doctreedir, "clinic-templates"))


class _CompiledTemplates(jinja2.FileSystemBytecodeCache):
    """Compiled templates in a folder, as a cache only: a folder that is gone is made
    again, and one that cannot be written to leaves the templates compiled in memory.
    (Jinja writes each file whole, then renames it: ``-j`` writers share the folder.)"""

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            Path(self.directory).mkdir(parents=True, exist_ok=True)
            super().dump_bytecode(bucket)
        except OSError:
            pass


def html_node(html: str, searchable: bool = True) -> clinic_html:
    """One node for rendered HTML. ``searchable``: the site search indexes its text (the
    page's own content, e.g. a directory of cards), else it skips it (the parts every
    article repeats)."""
    node = clinic_html("", html=html)
    if searchable:
        node += nodes.Text(Markup(html).striptags())
    else:
        node["classes"].append("no-search")
    return node


def setup_templating(app: Sphinx) -> None:
    add_html_node(app, clinic_html, (visit_html, None))
    app.connect("write-started", forget_rendered)
