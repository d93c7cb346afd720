"""sphinx-clinic: clinician profiles, specialties and articles for therapy practices."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the domain, the directives, the event handlers and the config values."""
    from pathlib import Path

    from . import config, domain
    from .ablog_compat import setup_ablog
    from .cards import setup_cards
    from .collector import read_page
    from .directive_files import setup_directive_files
    from .encoding import setup_encoding
    from .feeds import setup_feeds
    from .listings import setup_listings
    from .meta import setup_meta
    from .navigation import setup_navigation
    from .page_assets import setup_page_assets
    from .previews import setup_previews
    from .rawhtml import setup_rawhtml
    from .sitemap import setup_sitemap
    from .specialties import setup_specialties
    from .structured_data import setup_structured_data
    from .titles import setup_titles
    from .views import setup_views

    config.setup_config(app)
    setup_ablog(app)
    setup_titles(app)
    setup_encoding(app)
    setup_meta(app)
    setup_rawhtml(app)
    setup_directive_files(app)
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
    app.connect("config-inited", add_static_path)
    app.connect("builder-inited", add_static_files)
    app.connect("builder-inited", drop_repeated_static_paths, priority=900)
    # Short role names: {clinician}`id` and {specialty}`name`.
    app.add_role("clinician", domain.ClinicDomain.roles["clinician"])
    app.add_role("specialty", domain.ClinicDomain.roles["specialty"])
    return {
        "version": __version__,
        "env_version": domain.ClinicDomain.data_version,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }


def add_static_path(app: Sphinx, config: Config) -> None:
    """``config-inited``: our static folder, and sphinx-design's, before Sphinx compares
    this configuration with the one it saved.

    Added at builder-inited (as sphinx-design does), after that comparison, every rebuild
    reports that "the configuration has changed (html_static_path)". Only HTML builders
    read the option; :func:`drop_repeated_static_paths` removes sphinx-design's repeat.
    """
    from pathlib import Path

    folders = [str(Path(__file__).parent / "static")]
    if "sphinx_design" in app.extensions:
        from sphinx_design.extension import STATIC_DIR

        folders.append(str(STATIC_DIR))
    for folder in folders:
        if folder not in config.html_static_path:
            config.html_static_path.append(folder)


def drop_repeated_static_paths(app: Sphinx) -> None:
    """``builder-inited``, after the other extensions: each static folder once."""
    paths = app.config.html_static_path
    if len(set(map(str, paths))) != len(paths):
        app.config.html_static_path = list(dict.fromkeys(paths))


def add_static_files(app: Sphinx) -> None:
    """The stylesheet, for HTML builders only."""
    if app.builder.format != "html":
        return
    app.add_css_file("clinic.css")
