extensions = ["myst_parser", "sphinx_design", "sphinx_clinic"]
project = "Choosing a clinician"
language = "en"
exclude_patterns = ["_build"]
html_baseurl = "https://kb.example.org/"
