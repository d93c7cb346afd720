extensions = ["myst_parser", "sphinx_clinic"]
project = "Dangling"
html_baseurl = "https://kb.example.org/"
