"""The ``clinic_*`` configuration values, declared and checked in one place."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sphinx.util import logging

from .articles import DEFAULT_CRISIS_NOTICE
from .urls import conf_location

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

logger = logging.getLogger(__name__)


def setup_config(app: Sphinx) -> None:
    """Declare every config value; ``rebuild`` says what a change invalidates."""
    add = app.add_config_value
    # What is read: changing these rereads every page.
    add("clinic_article_dirs", ["articles"], "env", types=frozenset({list, tuple}))
    add("clinic_clinician_dirs", ["clinicians"], "env", types=frozenset({list, tuple}))
    add("clinic_specialties_file", "specialties.yaml", "env", types=frozenset({str}))
    add("clinic_show_drafts", False, "env", types=frozenset({bool}))
    add("clinic_review_max_age_days", 730, "env", types=frozenset({int}))
    # Authors without profiles, and blog tags (see the guide "Moving from ABlog").
    add("clinic_author_map", {}, "env", types=frozenset({dict}))
    add("clinic_guest_authors", "warn", "env", types=frozenset({str}))
    add("clinic_tag_map", {}, "env", types=frozenset({dict}))
    add("clinic_unmapped_tags", "specialty", "env", types=frozenset({str}))
    # What articles show around their text (placed while reading: "env").
    add("clinic_byline", True, "env", types=frozenset({bool}))
    add("clinic_about_author", True, "env", types=frozenset({bool}))
    add("clinic_crisis_notice", DEFAULT_CRISIS_NOTICE, "env", types=frozenset({str}))
    add("clinic_crisis_title", "", "env", types=frozenset({str}))
    add("clinic_crisis_specialties", [], "env", types=frozenset({list, tuple}))
    add("clinic_next_direction", "newer", "env", types=frozenset({str}))
    # Raw HTML/LaTeX in pages (rawhtml.py): shown as text unless the authors are trusted.
    add("clinic_raw_html", "escape", "env", types=frozenset({str}))
    # How things look (output only).
    add("clinic_credentials", {}, "html", types=frozenset({dict}))
    # Whole-site outputs and page metadata (feeds.py, sitemap.py): only output changes.
    add("clinic_feeds", True, "html", types=frozenset({bool}))
    add("clinic_feed_length", 20, "html", types=frozenset({int}))
    add("clinic_sitemap", True, "html", types=frozenset({bool}))
    # Link previews and structured data (previews.py, structured_data.py).
    add("clinic_default_image", "", "html", types=frozenset({str}))
    add("clinic_default_image_alt", "", "html", types=frozenset({str}))
    add("clinic_practice", {}, "html", types=frozenset({dict}))
    app.connect("config-inited", check_config)


def check_config(app: Sphinx, config: Config) -> None:
    """``config-inited``: warn once about values that cannot work."""
    if config.clinic_next_direction not in ("newer", "older"):
        logger.warning(
            f"clinic_next_direction must be 'newer' or 'older', not "
            f"{config.clinic_next_direction!r}; using 'newer'",
            type="clinic",
            subtype="config",
        )
        config.clinic_next_direction = "newer"
    for name, choices in (
        ("clinic_guest_authors", ("warn", "silent")),
        ("clinic_unmapped_tags", ("specialty", "ignore")),
        ("clinic_raw_html", ("escape", "allow")),
    ):
        if getattr(config, name) not in choices:
            logger.warning(
                f"{name} must be {' or '.join(repr(c) for c in choices)}, not "
                f"{getattr(config, name)!r}; using {choices[0]!r}",
                type="clinic",
                subtype="config",
            )
            setattr(config, name, choices[0])
    for name in ("clinic_article_dirs", "clinic_clinician_dirs"):
        value = getattr(config, name)
        if not all(isinstance(d, str) and d.strip("/") for d in value):
            logger.warning(
                f"{name} must be a list of folder names, e.g. ['articles']",
                type="clinic",
                subtype="config",
            )
    length = config.clinic_feed_length
    if not isinstance(length, int) or isinstance(length, bool) or length < 1:
        logger.warning(
            f"clinic_feed_length must be a whole number of at least 1 (how many of the "
            f"newest articles each feed lists), not {length!r}; using 20 until it is fixed",
            location=conf_location(app),
            type="clinic",
            subtype="config",
        )
        config.clinic_feed_length = 20
