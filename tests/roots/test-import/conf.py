import json
from pathlib import Path

extensions = ["myst_parser", "sphinx_design", "sphinx_clinic", "sphinx_reredirects"]
project = "Imported practice"
exclude_patterns = ["_build"]
html_baseurl = "https://kb.example.org/"

# What the importer writes: redirect pages for the old addresses (sphinx-reredirects)
# and the static host's _redirects file, copied to the site's root.
_here = Path(__file__).parent
if (_here / "redirects.json").is_file():
    redirects = json.loads((_here / "redirects.json").read_text(encoding="utf-8"))
if (_here / "_redirects").is_file():
    html_extra_path = ["_redirects"]
