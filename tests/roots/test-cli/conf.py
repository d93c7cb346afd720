extensions = ["myst_parser", "sphinx_design", "sphinx_clinic"]
project = "Command-line practice"
exclude_patterns = ["_build"]
html_baseurl = "https://kb.example.org/"
