"""The knowledge base of Harbor Light Counseling, a fictional example practice."""

project = "Harbor Light Counseling"
author = "Harbor Light Counseling"
copyright = "2026, Harbor Light Counseling (a fictional example practice)"
language = "en"

extensions = ["myst_parser", "sphinx_design", "sphinx_clinic"]

html_theme = "furo"
html_title = "Harbor Light Counseling"
html_baseurl = "https://kb.harborlight.example/"
html_static_path = ["_static"]
html_css_files = ["site.css"]  # site-level fixes to the theme (keyboard focus in its drawers)

exclude_patterns = ["_build", "README.md"]
myst_enable_extensions = ["colon_fence", "deflist"]

# sphinx-clinic: where articles and profiles live, and the specialty vocabulary.
clinic_article_dirs = ["articles"]
clinic_clinician_dirs = ["clinicians"]
clinic_specialties_file = "specialties.yaml"

# Link previews (sphinxext-opengraph): article and profile summaries become og:description.
# No generated social-card images and no remote image: pages make no third-party requests.
extensions.append("sphinxext.opengraph")
ogp_site_url = html_baseurl
ogp_social_cards = {"enable": False}
