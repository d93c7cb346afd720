extensions = ["myst_parser", "sphinx_clinic"]
project = "Paginated practice"
language = "en"
html_theme = "furo"
html_baseurl = "https://kb.example.org/"
exclude_patterns = ["_build"]
# Small pages, so that seven articles make several (the default is 20).
clinic_per_page = 3
