extensions = ["myst_parser", "sphinx_design", "sphinx_clinic", "sphinxext.opengraph"]
project = "Readers practice"
language = "en"
html_theme = "furo"
html_baseurl = "https://kb.example.org/"
exclude_patterns = ["_build"]
ogp_site_url = html_baseurl
ogp_social_cards = {"enable": False}
myst_enable_extensions = ["colon_fence"]
html_static_path = ["_static"]
clinic_default_image = "_static/preview.png"
clinic_default_image_alt = "The practice's logo"
clinic_practice = {
    "name": "Readers & Co <Counseling>",
    "logo": "_static/preview.png",
    "phone": "+1-555-0100",
    "address": {"street": "1 Main St", "locality": "Springfield", "country": "US"},
}
