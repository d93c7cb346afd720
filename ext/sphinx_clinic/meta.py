"""MyST's ``html_meta`` front matter: no ``http-equiv`` that sends readers to a script.

``html_meta: {"http-equiv=refresh": "0;url=javascript:..."}`` is MyST's feature, but the
tag reaches every reader of the page and runs (or leaves the site) before they see it,
so on every page of a site with sphinx-clinic a refresh (or any ``http-equiv``) whose URL
is not http(s), mailto, tel or relative is removed, with a warning at the page.
A refresh to a safe URL (an old page that moved) is left alone.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from docutils import nodes

from .text import is_safe_url
from .warnings_ import ClinicWarning, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx


_URL_IN_CONTENT = re.compile(r"url\s*=\s*['\"]?(?P<url>[^'\"]*)", re.IGNORECASE)


def refresh_target(content: str) -> str | None:
    """The URL a ``<meta http-equiv=refresh content=...>`` goes to (None for none)."""
    match = _URL_IN_CONTENT.search(content)
    return match.group("url").strip() if match else None


def remove_unsafe_meta(app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read``: drop ``http-equiv`` meta tags whose URL could run a script."""
    for meta in list(doctree.findall(nodes.meta)):
        if "http-equiv" not in meta.attributes:
            continue
        target = refresh_target(str(meta.get("content", "")))
        if target is None or is_safe_url(target):
            continue
        warn(
            f"html_meta '{meta['http-equiv']}' to {target[:80]!r} is removed: it would send "
            "readers to a script or another site's address; use an https:// or relative URL",
            ClinicWarning.META,
            (app.env.docname, meta.line or 1),
        )
        meta.parent.remove(meta)


def setup_meta(app: Sphinx) -> None:
    app.connect("doctree-read", remove_unsafe_meta)
