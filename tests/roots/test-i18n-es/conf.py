# A practice whose whole site is in Spanish (fictional example content).
extensions = ["myst_parser", "sphinx_design", "sphinx_clinic"]
project = "Consultorio de ejemplo"
language = "es"
exclude_patterns = ["_build"]
html_baseurl = "https://kb.example.org/"
