import sys
from pathlib import Path

# demo_pages.py: a page source as a site (or a feature) writes one.
sys.path.insert(0, str(Path(__file__).parent))

extensions = ["myst_parser", "sphinx_clinic", "demo_pages"]
project = "Generated pages"
copyright = "2026, an example practice"
author = "An example practice"
version = "1"
language = "en"
html_theme = "furo"
html_baseurl = "https://kb.example.org/"
exclude_patterns = ["_build"]
