"""sphinx-clinic: clinician profiles, specialties and articles for therapy practices."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the domain, the directives, the event handlers and the config values."""
    from pathlib import Path

    from . import config, domain
    from .ablog_compat import setup_ablog
    from .cards import setup_cards
    from .collector import read_page
    from .feeds import setup_feeds
    from .listings import setup_listings
    from .navigation import setup_navigation
    from .page_assets import setup_page_assets
    from .previews import setup_previews
    from .sitemap import setup_sitemap
    from .specialties import setup_specialties
    from .structured_data import setup_structured_data
    from .views import setup_views

    config.setup_config(app)
    setup_ablog(app)
    app.add_domain(domain.ClinicDomain)
    app.connect("warn-missing-reference", domain.warn_dangling_reference)
    # After Sphinx's own collectors (priority 500), so titles and metadata are known.
    app.connect("doctree-read", read_page, priority=600)
    setup_specialties(app)
    setup_views(app)
    setup_cards(app)
    setup_listings(app)
    setup_navigation(app)
    setup_feeds(app)
    setup_previews(app)
    setup_structured_data(app)
    setup_sitemap(app)
    setup_page_assets(app)
    here = Path(__file__).parent
    app.add_message_catalog("sphinx_clinic", str(here / "locale"))
    app.connect("builder-inited", add_static_files)
    # Short role names: {clinician}`id` and {specialty}`name`.
    app.add_role("clinician", domain.ClinicDomain.roles["clinician"])
    app.add_role("specialty", domain.ClinicDomain.roles["specialty"])
    return {
        "version": __version__,
        "env_version": domain.ClinicDomain.data_version,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }


def add_static_files(app: Sphinx) -> None:
    """The stylesheet, for HTML builders only."""
    if app.builder.format != "html":
        return
    from pathlib import Path

    static = Path(__file__).parent / "static"
    app.config.html_static_path.append(str(static))
    app.add_css_file("clinic.css")
