"""sphinx-clinic: clinician profiles, specialties and articles for therapy practices."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the domain, the directives, the event handlers and the config values."""
    from . import config, domain
    from .collector import read_page
    from .feeds import setup_feeds
    from .sitemap import setup_sitemap
    from .specialties import setup_specialties
    from .structured_data import setup_structured_data
    from .views import setup_views

    config.setup_config(app)
    app.add_domain(domain.ClinicDomain)
    app.connect("warn-missing-reference", domain.warn_dangling_reference)
    # After Sphinx's own collectors (priority 500), so titles and metadata are known.
    app.connect("doctree-read", read_page, priority=600)
    setup_specialties(app)
    setup_views(app)
    setup_feeds(app)
    setup_structured_data(app)
    setup_sitemap(app)
    # Short role names: {clinician}`id` and {specialty}`name`.
    app.add_role("clinician", domain.ClinicDomain.roles["clinician"])
    app.add_role("specialty", domain.ClinicDomain.roles["specialty"])
    return {
        "version": __version__,
        "env_version": domain.ClinicDomain.data_version,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
