extensions = ["myst_parser", "sphinx_design", "sphinx_clinic", "sphinxext.opengraph"]
project = "Test practice"
author = "Test practice staff"
language = "en"
exclude_patterns = ["_build"]
html_baseurl = "https://kb.example.org/practice/"
ogp_site_url = html_baseurl
ogp_social_cards = {"enable": False}
