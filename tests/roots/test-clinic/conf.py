extensions = ["myst_parser", "sphinx_design", "sphinx_clinic"]
project = "Clinic"
language = "en"
exclude_patterns = ["_build"]
clinic_credentials = {"CASAC": "Credentialed Alcoholism and Substance Abuse Counselor"}
html_baseurl = "https://kb.example.org/"
