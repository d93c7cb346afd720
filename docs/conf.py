"""The knowledge base of Harbor Light Counseling, a fictional example practice."""

import contextlib
import io
import os

project = "Harbor Light Counseling"
author = "Harbor Light Counseling"
copyright = "2026, Harbor Light Counseling (a fictional example practice)"
language = "en"

extensions = ["myst_parser", "sphinx_design", "sphinx_clinic"]

html_theme = "furo"
html_title = "Harbor Light Counseling"
# Read the Docs gives each version's address; elsewhere, the practice's own.
html_baseurl = os.environ.get("READTHEDOCS_CANONICAL_URL", "https://kb.harborlight.example/")
html_static_path = ["_static"]
# Site-level fixes to the theme (keyboard focus in its drawers). Written with its priority:
# Sphinx adds it to a plain "site.css" after saving the configuration, and every rebuild
# then reports that "the configuration has changed (html_css_files)".
html_css_files = [("site.css", {"priority": 800})]
# furo's templates with names for its drawers, an <h1> on the search page and a submit
# button in the sidebar search (docs/_templates; only attributes and elements are added).
templates_path = ["_templates"]
html_favicon = "_static/favicon.svg"  # and _static/apple-touch-icon.png, linked in page.html
# No "View this page" (Markdown source) button: readers have no use for it, and furo puts
# it outside every landmark. The colour-scheme toggle stays.
# No one-key shortcut ("/" jumps to the search box): WCAG 2.1.4 asks that a single
# character does nothing unexpected for speech-input users; the search box is the first
# field of the page anyway.
html_theme_options = {"top_of_page_buttons": [], "enable_search_shortcuts": False}

exclude_patterns = ["_build", "README.md"]
myst_enable_extensions = ["colon_fence", "deflist"]

# sphinx-clinic: where articles and profiles live, and the specialty vocabulary.
clinic_article_dirs = ["articles"]
clinic_clinician_dirs = ["clinicians"]
clinic_specialties_file = "specialties.yaml"

# Link previews (sphinxext-opengraph): article and profile summaries become og:description.
# No generated social-card images and no remote image: pages make no third-party requests.
extensions.append("sphinxext.opengraph")
# sphinxext-opengraph prints "matplotlib is not installed, social cards will not be
# generated" when it is imported without matplotlib, even with social cards off (below).
# Import it once here with that print silenced; Sphinx then reuses the loaded module.
with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(ImportError):
    import sphinxext.opengraph  # noqa: F401  (missing: Sphinx says so when it loads it)
ogp_site_url = html_baseurl
ogp_social_cards = {"enable": False}

# The picture of link previews for pages that have none of their own (an article's
# `image`, a clinician's photo), and what it shows.
clinic_default_image = "_static/preview.png"
clinic_default_image_alt = "The Harbor Light Counseling lighthouse logo beside the practice's name"

# The practice, for search engines (JSON-LD on the home page; the publisher of articles).
# Fictional: the 555-01xx numbers are reserved for fiction.
clinic_practice = {
    "name": "Harbor Light Counseling",
    "url": html_baseurl,
    "logo": "_static/apple-touch-icon.png",
    "phone": "+1-555-0142",
    "address": {
        "street": "12 Example Wharf, Suite 3",
        "locality": "Harborview",
        "region": "NY",
        "postal_code": "00000",
        "country": "US",
    },
}
