extensions = ["myst_parser", "sphinx_design", "sphinx_clinic"]
project = "Test practice"
exclude_patterns = ["_build"]
html_baseurl = "https://kb.example.org/"
