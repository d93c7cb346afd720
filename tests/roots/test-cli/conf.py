extensions = ["myst_parser", "sphinx_design", "sphinx_clinic"]
project = "Command-line practice"
exclude_patterns = ["_build"]
