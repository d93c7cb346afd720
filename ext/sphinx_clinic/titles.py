"""A page's title from its front matter, as Hugo, Jekyll, MkDocs and Squarespace write it.

Those tools put the title in front matter (``title: ...``) and start the body's sections
at ``##``. MyST's ``myst_title_to_header`` renders that ``title`` as the page's h1, so
``##`` sections stay sections under it and MyST does not warn that headings start at H2.
sphinx-clinic turns the option on unless the site's ``conf.py`` sets it.

The rule when a page has both a front matter ``title`` and a ``#`` heading: the front
matter title is the page title (as in listings, feeds and every other generator); the
body's h1 is merged into it, its sections kept, and ``clinic.title`` warns when the two
texts differ, at the heading's line.

MyST renders that ``title`` as Markdown (``nested_render_text("# " + title)``), so a
title of ``"><img src=x onerror=alert(1)>`` became a live element in the h1, the
browser's title bar and the search index. A title is author *text*: the h1 MyST made
is given the front matter text itself (:func:`literal_title`), shown escaped like every
other field.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms import SphinxTransform

from .warnings_ import ClinicWarning, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config


def front_matter_title(document: nodes.document) -> str:
    """The ``title`` field of the front matter MyST put at the top of ``document``."""
    for node in document.children[:3]:
        if isinstance(node, (nodes.docinfo, nodes.field_list)):
            for field in node.findall(nodes.field):
                if field[0].astext().strip() == "title":
                    return " ".join(field[1].astext().split())
    return ""


def literal_title(document: nodes.document, title: str) -> None:
    """Make the h1 MyST rendered from the front matter ``title`` show it as plain text.

    With ``myst_title_to_header`` on, that h1 is the document's first section; its
    heading is replaced by the front matter text, so no markup of the title survives.
    """
    first = next((c for c in document.children if isinstance(c, nodes.section)), None)
    if first is None or not first.children or not isinstance(first[0], nodes.title):
        return
    heading = first[0]
    heading.children = []
    heading.append(nodes.Text(title))


def merge_body_heading(document: nodes.document, title: str) -> nodes.section | None:
    """Merge the body's h1 into the section MyST made of the front matter ``title``.

    Returns the merged h1 section (for its line and text), or None when the page has no
    second top-level section after the front matter title's.
    """
    top = [child for child in document.children if isinstance(child, nodes.section)]
    if len(top) < 2 or _heading_text(top[0]) != title:
        return None
    first, body = top[0], top[1]
    # Links to the heading's anchor keep working: its ids move to the page title.
    for key in ("ids", "names"):
        first[key].extend(value for value in body[key] if value not in first[key])
    first.extend(body.children[1:])
    body.parent.remove(body)
    return body


def _heading_text(section: nodes.section) -> str:
    title = section.next_node(nodes.title)
    return " ".join(title.astext().split()) if title is not None else ""


class FrontMatterTitle(SphinxTransform):
    """One h1 per page: the front matter title's, with the body's h1 merged into it."""

    # Before Sphinx's collectors (doctree-read) and the section-id transforms' readers.
    default_priority = 200

    def apply(self, **kwargs: Any) -> None:
        title = front_matter_title(self.document)
        if not title or not getattr(self.config, "myst_title_to_header", False):
            return
        literal_title(self.document, title)
        merged = merge_body_heading(self.document, title)
        if merged is None:
            return
        heading = _heading_text(merged)
        if heading != title:
            line = merged[0].line if merged.children and merged[0].line else merged.line
            warn(
                f"the front matter title '{title}' and the heading '# {heading}' differ; "
                "the front matter title is used: remove the heading or make the two the same",
                ClinicWarning.TITLE,
                (self.env.docname, line or 1),
            )


def enable_title_to_header(app: Sphinx, config: Config) -> None:
    """``config-inited``: render a front matter ``title`` as the h1, unless conf.py says."""
    name = "myst_title_to_header"
    if name in config and name not in config._raw_config and name not in config._overrides:
        config.myst_title_to_header = True


def setup_titles(app: Sphinx) -> None:
    # Before myst-parser's builder-inited, which reads its options from the config.
    app.connect("config-inited", enable_title_to_header)
    app.add_transform(FrontMatterTitle)
