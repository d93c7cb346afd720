extensions = ["myst_parser", "sphinx_clinic"]
project = "Bilingual practice"
language = "en"
exclude_patterns = ["_build"]
html_baseurl = "https://kb.example.org/"
clinic_crisis_notice = ""  # not about the notice: its languages are tests/test_i18n.py's
