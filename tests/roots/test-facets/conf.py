extensions = ["myst_parser", "sphinx_clinic"]
project = "Facets"
language = "en"
exclude_patterns = ["_build"]
html_baseurl = "https://kb.example.org/"
