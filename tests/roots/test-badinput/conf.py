extensions = ["myst_parser", "sphinx_design", "sphinx_clinic"]
project = "Bad input"
exclude_patterns = ["_build"]
html_baseurl = "https://kb.example.org/"
