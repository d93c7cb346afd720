"""Link previews and search snippets: descriptions and Open Graph tags for every page.

* Every page gets ``<meta name="description">``: an article's or profile's summary, or a
  page's own ``description`` front matter, else the first paragraph of its text; always
  shortened at a word boundary (never "...newest first. 2026: Underst").
* Open Graph: ``og:type`` is ``article`` (with ``article:published_time``,
  ``article:modified_time``, ``article:author`` and ``article:tag``) or ``profile``;
  ``og:image`` is the article's ``image`` (or the clinician's photo), else the site's
  ``clinic_default_image``, always with its alt text; ``og:locale`` comes from
  ``language``. When the site uses sphinxext-opengraph, these go to it as per-page
  overrides (it writes ``og:title``, ``og:url``...); otherwise they are written here.
* Article images are copied to ``_clinic/images/<docname>.<suffix>`` so that they have a
  stable address on the published site.
"""

from __future__ import annotations

import html
import posixpath
import re
import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Any

from babel import Locale, UnknownLocaleError
from babel.core import get_global
from docutils import nodes

from .collector import first_prose
from .domain import get_domain
from .i18n import page_language
from .renderers import PHOTO_DIR
from .urls import base_url, conf_location, file_url, is_website, page_url
from .warnings_ import ClinicWarning, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from .records import Article, Clinician
    from .siteindex import SiteIndex


IMAGE_DIR = "_clinic/images"
#: Search engines show about 155-160 characters and cut the rest themselves; link previews
#: show more. A practice's bio or summary (two or three sentences) fits whole.
DESCRIPTION_LENGTH = 320


# -- pure functions ----------------------------------------------------------------------


def shorten(text: str, limit: int = DESCRIPTION_LENGTH) -> str:
    """``text`` on one line, at most ``limit`` characters, cut only between words."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    # After the last sentence end that keeps at least half, else at the last space.
    sentence = max(cut.rfind(". "), cut.rfind("! "), cut.rfind("? "))
    if sentence > limit // 2:
        return cut[: sentence + 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:-–—") + "…"


def og_locale(language: str) -> str:
    """``en`` -> ``en_US``, ``pt-BR`` -> ``pt_BR``: Open Graph's language_TERRITORY."""
    if not language:
        return ""
    try:
        locale = Locale.parse(language.replace("-", "_"))
    except (ValueError, LookupError, UnknownLocaleError):
        return ""
    if locale.territory:
        return f"{locale.language}_{locale.territory}"
    likely = str(get_global("likely_subtags").get(locale.language, ""))
    territory = likely.split("_")[-1] if likely.count("_") >= 1 else ""
    return f"{locale.language}_{territory}" if territory.isalpha() else locale.language


_SKIPPED = (nodes.Admonition, nodes.topic, nodes.sidebar, nodes.table, nodes.system_message)


def first_paragraph(doctree: nodes.document) -> str:
    """The text of the page's first paragraph of prose: not a notice, not a component
    of the extension (cards, listings), not a table of contents."""
    return first_prose(doctree, _not_prose)


def _not_prose(element: nodes.Element) -> bool:
    classes: list[str] = element.get("classes", [])
    return isinstance(element, _SKIPPED) or any(
        c.startswith("clinic-") or c == "toctree-wrapper" for c in classes
    )


def image_path(article: Article) -> str:
    """Where an article's image is published, relative to the site's root ("" for none)."""
    if not article.image:
        return ""
    suffix = article.image.rsplit(".", 1)[-1].lower()
    return f"{IMAGE_DIR}/{article.docname}.{suffix}"


def photo_path(clinician: Clinician) -> str:
    if not clinician.photo:
        return ""
    return f"{PHOTO_DIR}/{clinician.id}.{clinician.photo.rsplit('.', 1)[-1]}"


def site_file_url(app: Sphinx, path: str) -> str:
    """The absolute URL of a file of the built site, or of an https URL as given."""
    if re.match(r"https?://", path):
        return path
    return file_url(app.builder, path.lstrip("/"))


def page_image(app: Sphinx, index: SiteIndex, docname: str) -> tuple[str, str]:
    """(absolute URL, alt text) of the picture that stands for a page, or ("", "")."""
    article = index.article(docname)
    if article is not None and article.image:
        return site_file_url(app, image_path(article)), article.image_alt
    clinician = index.profile_at(docname)
    if clinician is not None and clinician.photo:
        return site_file_url(app, photo_path(clinician)), clinician.photo_alt or clinician.name
    default = str(app.config.clinic_default_image or "")
    if default:
        return site_file_url(app, default), str(app.config.clinic_default_image_alt or "")
    return "", ""


# -- Sphinx events -----------------------------------------------------------------------


def _meta_tag(prop: str, content: str) -> str:
    return f'\n<meta property="{prop}" content="{html.escape(content)}" />'


def add_previews(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """``html-page-context``: description, Open Graph type, image, locale, article dates."""
    if doctree is None or not is_website(app.builder):
        return
    index = get_domain(app.env).site_index()
    article = index.article(pagename)
    profile = index.profile_at(pagename)
    meta = dict(context.get("meta") or {})  # *is* env.metadata[pagename]: never mutate it
    summary = article.summary if article else profile.summary if profile else ""
    description = shorten(summary or str(meta.get("description") or "") or first_paragraph(doctree))
    og: dict[str, str] = {}
    extra = ""
    if description:
        og["og:description"] = description
    if article is not None:
        og["og:type"] = "article"
        if article.date is not None:
            extra += _meta_tag("article:published_time", article.date.isoformat())
        modified = article.updated or article.reviewed_on
        if modified is not None:
            extra += _meta_tag("article:modified_time", modified.isoformat())
        for author_id in article.authors:
            author = index.clinicians.get(author_id)
            if author is not None and base_url(app.builder):
                extra += _meta_tag("article:author", page_url(app.builder, author.docname))
        for specialty_id in article.specialties:
            specialty = index.specialty(specialty_id)
            if specialty is not None:
                label = specialty.label_in(index.page_language(pagename))
                extra += _meta_tag("article:tag", label)
    elif profile is not None:
        og["og:type"] = "profile"
    image, alt = page_image(app, index, pagename) if base_url(app.builder) else ("", "")
    if image:
        og["og:image"] = image
        og["og:image:alt"] = alt
    own = article.language if article else profile.language if profile else ""
    locale = og_locale(page_language(own, app.config.language))
    if locale:
        og["og:locale"] = locale
    metatags = str(context.get("metatags", ""))
    if description and 'name="description"' not in metatags:
        extra = f'\n<meta name="description" content="{html.escape(description)}" />' + extra
    if "sphinxext.opengraph" in app.extensions and "ogp_disable" not in meta:
        # It takes ``og:*`` keys of the page metadata as overrides of what it writes.
        meta.update({k: v for k, v in og.items() if k not in meta})
        context["meta"] = meta
    else:
        extra += "".join(_meta_tag(k, v) for k, v in og.items())
    context["metatags"] = metatags + extra


def warn_image_without_alt(app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read`` (after the collector): a preview picture needs its alt text.

    The page's own record, as read: not ``site_index()``, which every page read drops
    and which would be rebuilt from every article once per page (quadratic in the
    site's size); the image fields need no other page.
    """
    article = get_domain(app.env).articles.get(app.env.docname)
    if article is not None and article.image and not article.image_alt.strip():
        warn(
            f"image '{article.image}' has no 'image_alt'; describe the picture for readers "
            "who cannot see it (it is shown in link previews)",
            ClinicWarning.IMAGE,
            (app.env.docname, article.line("image")),
        )


def check_default_image(app: Sphinx, config: Any) -> None:
    """``config-inited``: the site's default preview picture needs its alt text too."""
    if config.clinic_default_image and not str(config.clinic_default_image_alt).strip():
        warn(
            "clinic_default_image is set but clinic_default_image_alt is not; describe the "
            "picture for readers who cannot see it",
            ClinicWarning.CONFIG,
            conf_location(app),
        )


def copy_images(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: publish article images; check that the default image exists."""
    if exception is not None or not is_website(app.builder):
        return
    for article in get_domain(app.env).articles.values():
        if not article.image:
            continue
        source = Path(app.srcdir, article.image)
        target = Path(app.outdir, image_path(article))
        if source.is_file() and (
            not target.exists() or target.stat().st_mtime_ns < source.stat().st_mtime_ns
        ):
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
    default = str(app.config.clinic_default_image or "")
    published = Path(app.outdir, posixpath.normpath(default.lstrip("/")))
    if default and not re.match(r"https?://", default) and not published.is_file():
        warn(
            f"clinic_default_image '{default}' is not a file of the built site; put it "
            "in a folder of html_static_path and give its path, e.g. '_static/preview.png'",
            ClinicWarning.CONFIG,
            conf_location(app),
        )


def setup_previews(app: Sphinx) -> None:
    app.connect("config-inited", check_default_image)
    app.connect("doctree-read", warn_image_without_alt, priority=650)
    # Before sphinxext-opengraph (500), which reads the og:* overrides handed to it and
    # leaves out its own description when the page already has one.
    app.connect("html-page-context", add_previews, priority=450)
    app.connect("build-finished", copy_images)
