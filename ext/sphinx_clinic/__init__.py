"""sphinx-clinic: clinician profiles, specialties and articles for therapy practices."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from .version import __version__

__all__ = ["__version__", "setup"]

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the domain, the directives, the event handlers and the config values.

    Layers bottom to top (see docs/guide/architecture.md): the domain, reading, the view
    mechanism and its shared renderers, the features, the writers.
    """
    from . import (  # late: `python -m sphinx_clinic` runs this file, and needs no Sphinx
        ablog_compat,
        articles,
        cards,
        collector,
        config,
        directive_files,
        directory,
        domain,
        encoding,
        feeds,
        generated_pages,
        language_switcher,
        listings,
        meta,
        navigation,
        page_assets,
        photos,
        previews,
        profile_facts,
        profiles,
        rawhtml,
        release,
        renderers,
        sitemap,
        specialties,
        structured_data,
        templating,
        titles,
        views,
    )

    config.setup_config(app)
    ablog_compat.setup_ablog(app)
    titles.setup_titles(app)
    encoding.setup_encoding(app)
    meta.setup_meta(app)
    rawhtml.setup_rawhtml(app)
    directive_files.setup_directive_files(app)
    app.add_domain(domain.ClinicDomain)
    app.connect("warn-missing-reference", domain.warn_dangling_reference)
    collector.setup_reading(app)
    specialties.setup_specialties(app)
    views.setup_views(app)
    templating.setup_templating(app)
    renderers.setup_renderers(app)
    generated_pages.setup_generated_pages(app)
    articles.setup_articles(app)
    cards.setup_cards(app)
    directory.setup_directory(app)
    profiles.setup_profiles(app)
    profile_facts.setup_profile_facts(app)
    listings.setup_listings(app)
    navigation.setup_navigation(app)
    language_switcher.setup_language_switcher(app)
    feeds.setup_feeds(app)
    previews.setup_previews(app)
    structured_data.setup_structured_data(app)
    sitemap.setup_sitemap(app)
    photos.setup_photos(app)
    page_assets.setup_page_assets(app)
    release.setup_release(app)
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
    folders = [str(Path(__file__).parent / "static")]
    if "sphinx_design" in app.extensions:
        from sphinx_design.extension import STATIC_DIR  # late: only for sites that load it

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
