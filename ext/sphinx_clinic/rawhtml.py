"""Raw HTML and LaTeX in a page's body: shown as text unless the site trusts its authors.

MyST passes HTML written in Markdown (``<script>``, ``<img onerror=...>``) and the
``{raw}`` directive straight through to readers, and raw LaTeX straight into the PDF.
Every page may come from a stranger's pull request, so by default
(``clinic_raw_html = "escape"``) each such block or inline piece becomes visible
literal text, and one ``clinic.html`` warning per page names its first line and the
fix. A site whose authors are all trusted sets ``clinic_raw_html = "allow"``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms import SphinxTransform

from .warnings_ import ClinicWarning, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx


#: Formats whose raw content reaches readers as markup (html for HTML and epub).
RAW_FORMATS = frozenset({"html", "latex"})


def is_live_raw(node: nodes.raw) -> bool:
    """A raw node some builder would write out as markup."""
    return bool(RAW_FORMATS & set(node.get("format", "").split()))


def as_text(node: nodes.raw) -> nodes.Node:
    """The raw node's source as literal text: inline inside a paragraph, else a block."""
    text = node.astext()
    if isinstance(node.parent, nodes.TextElement):
        return nodes.Text(text)
    block = nodes.literal_block(text, text)
    block["language"] = "html" if "html" in node.get("format", "").split() else "latex"
    block.source, block.line = node.source, node.line
    return block


class EscapeRawMarkup(SphinxTransform):
    """Replace raw HTML and LaTeX by its text, with one located warning per page."""

    # After the front matter title is made text (titles.py, 200): a title is no body HTML.
    default_priority = 210

    def apply(self, **kwargs: Any) -> None:
        if self.config.clinic_raw_html == "allow":
            return
        found = [node for node in self.document.findall(nodes.raw) if is_live_raw(node)]
        if not found:
            return
        lines = [node.line for node in found if node.line]
        for node in found:
            node.replace_self(as_text(node))
        more = f" (here and in {len(found) - 1} more places)" if len(found) > 1 else ""
        warn(
            f"raw HTML or LaTeX{more} is shown as text, not passed to readers: "
            "write it in Markdown instead, or, if every author of the site is trusted, set "
            'clinic_raw_html = "allow" in conf.py',
            ClinicWarning.HTML,
            (self.env.docname, min(lines) if lines else 1),
        )


def setup_rawhtml(app: Sphinx) -> None:
    app.add_transform(EscapeRawMarkup)
