extensions = ["myst_parser", "sphinx_clinic"]
project = "Dangling"
