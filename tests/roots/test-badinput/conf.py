extensions = ["myst_parser", "sphinx_design", "sphinx_clinic"]
project = "Bad input"
exclude_patterns = ["_build"]
