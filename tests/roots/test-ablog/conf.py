# An ABlog site moved to sphinx-clinic: its posts and its blog_* values are unchanged.
extensions = ["myst_parser", "sphinx_clinic"]
project = "Harbor Notes"
language = "en"
html_theme = "furo"
exclude_patterns = ["_build"]

# ABlog's configuration, as the site had it.
blog_title = "Harbor Notes"
blog_baseurl = "https://notes.example.org/"
blog_authors = {
    "ev": ("Eve Example", "https://eve.example.org/"),
    "zoe": ("Zoë O'Brien", None),
}
blog_post_pattern = ["journal/*.md"]

# What sphinx-clinic adds: who is who, and which tags are specialties.
clinic_author_map = {"Dr. Jane Doe": "jane-doe"}
clinic_guest_authors = "silent"
clinic_tag_map = {"postpartum-depression": "early-parenthood", "misc": ""}
