# An English site with pages in Spanish (fictional example content).
extensions = ["myst_parser", "sphinx_design", "sphinx_clinic"]
project = "Example practice"
language = "en"
exclude_patterns = ["_build"]
html_baseurl = "https://kb.example.org/"
