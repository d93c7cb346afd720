"""JSON-LD for articles and profiles, descriptions, and rewriting pages whose JSON-LD
shows data that changed on another page."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from conftest import domain_data, html, warnings
from sitebuild import copy_root, edit, jsonld, page
from sphinx_clinic.structured_data import script_json

BASE = "https://kb.example.org/practice/"


def _only_jsonld(soup: Any) -> Any:
    (document,) = jsonld(soup)
    return document


@pytest.mark.sphinx("html", testroot="feeds", freshenv=True)
def test_an_article_is_a_medical_web_page_with_a_blog_posting(app: Any) -> None:
    app.build()
    assert warnings(app) == []
    first = _only_jsonld(html(app, "articles/first-weeks"))
    assert first["@context"] == "https://schema.org"
    assert first["@type"] == "MedicalWebPage"
    assert first["url"] == f"{BASE}articles/first-weeks.html"
    assert first["reviewedBy"] == {
        "@type": "Person",
        "name": "Ben Okafor",
        "url": f"{BASE}clinicians/ben-okafor.html",
        "honorificSuffix": "PhD, LMFT",
    }
    assert first["lastReviewed"] == "2025-02-01"
    posting = first["mainEntity"]
    assert posting["@type"] == "BlogPosting"
    assert posting["headline"] == "The first weeks at home"
    assert posting["datePublished"] == "2025-01-10"
    # Not updated since, but reviewed: the review is the last change.
    assert posting["dateModified"] == "2025-02-01"
    assert posting["author"] == [
        {
            "@type": "Person",
            "name": "Ana Lima",
            "url": f"{BASE}clinicians/ana-lima.html",
            "honorificSuffix": "LCSW",
        }
    ]
    assert posting["about"] == [{"@type": "Thing", "name": "Early parenthood"}]
    assert posting["keywords"] == ["Early parenthood"]
    assert posting["description"] == "The first weeks with a baby are a time of change."
    assert posting["wordCount"] == domain_data(app)["articles"]["articles/first-weeks"].words
    assert posting["wordCount"] > 0
    assert posting["inLanguage"] == "en"

    worry = _only_jsonld(html(app, "articles/worry"))
    # Not reviewed: no review keys.
    assert "reviewedBy" not in worry and "lastReviewed" not in worry
    assert [a["name"] for a in worry["mainEntity"]["author"]] == ["Ben Okafor", "Ana Lima"]
    assert worry["mainEntity"]["keywords"] == ["Anxiety", "Grief and loss"]
    grief = _only_jsonld(html(app, "articles/grief-at-work"))["mainEntity"]
    assert (grief["datePublished"], grief["dateModified"]) == ("2025-02-14", "2025-04-01")


@pytest.mark.sphinx("html", testroot="feeds", freshenv=True)
def test_a_profile_is_a_profile_page_about_a_person(app: Any) -> None:
    app.build()
    ana = _only_jsonld(html(app, "clinicians/ana-lima"))
    assert ana["@type"] == "ProfilePage"
    assert ana["url"] == f"{BASE}clinicians/ana-lima.html"
    assert ana["mainEntity"] == {
        "@type": "Person",
        "name": "Ana Lima",
        "url": f"{BASE}clinicians/ana-lima.html",
        "identifier": "ana-lima",
        "honorificSuffix": "LCSW",
        "alternateName": "Ana Lima, LCSW",
        "jobTitle": "Clinical Social Worker",
        "description": "I work with new parents and people facing loss.",
        "hasCredential": [
            {
                "@type": "EducationalOccupationalCredential",
                "credentialCategory": "license",
                "name": "LCSW",
                "identifier": "NY-12345",
                "validIn": {"@type": "AdministrativeArea", "name": "NY"},
            }
        ],
        "knowsAbout": ["Early parenthood", "Grief and loss"],
        "knowsLanguage": ["English", "Portuguese"],
    }
    ben = _only_jsonld(html(app, "clinicians/ben-okafor"))["mainEntity"]
    assert ben["hasCredential"] == [
        {"@type": "EducationalOccupationalCredential", "name": "PhD"},
        {"@type": "EducationalOccupationalCredential", "name": "LMFT"},
    ]
    assert ben["knowsAbout"] == ["Anxiety"]  # written as the alias 'worry'
    assert "knowsLanguage" not in ben
    # Other pages have none.
    assert jsonld(html(app, "index")) == []


@pytest.mark.sphinx("html", testroot="feeds", freshenv=True)
def test_summaries_become_descriptions(app: Any) -> None:
    app.build()
    head = html(app, "articles/worry").head
    summary = "A short look at worry & what helps <sometimes>."
    assert [m["content"] for m in head.find_all("meta", attrs={"name": "description"})] == [summary]
    # sphinxext-opengraph publishes it as og:description.
    assert [m["content"] for m in head.find_all("meta", property="og:description")] == [summary]
    profile = html(app, "clinicians/ana-lima").head
    assert profile.find("meta", property="og:description")["content"] == (
        "I work with new parents and people facing loss."
    )
    # The metadata Sphinx keeps for the page is untouched.
    assert "og:description" not in domain_data_metadata(app, "articles/worry")


def domain_data_metadata(app: Any, docname: str) -> dict[str, Any]:
    import pickle

    with open(Path(app.doctreedir, "environment.pickle"), "rb") as f:
        return pickle.load(f).metadata[docname]


def test_json_is_safe_inside_a_script_tag(make_app: Any, rootdir: Path, tmp_path: Path) -> None:
    hostile = 'Ana </script><script>alert("x")</script> <!-- & Lima'
    srcdir = copy_root(rootdir, "feeds", tmp_path)
    profile = srcdir / "clinicians" / "ana-lima.md"
    profile.write_text(profile.read_text().replace("name: Ana Lima", f"name: '{hostile}'"))
    app = make_app("html", srcdir=srcdir, freshenv=True)
    app.build()
    raw = Path(app.outdir, "articles/first-weeks.html").read_text(encoding="utf-8")
    assert "<script>alert" not in raw
    # The script element ends where the JSON ends, and the JSON reads back the name.
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', raw, re.DOTALL)
    assert match is not None
    document = json.loads(match.group(1))
    assert document["mainEntity"]["author"][0]["name"] == hostile
    assert "\\u003c/script\\u003e" in match.group(1) and "\\u0026" in match.group(1)
    # Every other place the name goes is escaped too.
    soup = page(Path(app.outdir), "clinicians/ana-lima.html")
    assert _only_jsonld(soup)["mainEntity"]["name"] == hostile
    titles = [link["title"] for link in soup.head.find_all("link", type="application/atom+xml")]
    assert f"Test practice: articles by {hostile}" in titles
    scripts = soup.find_all("script", string=re.compile("alert"))
    assert [s["type"] for s in scripts] == ["application/ld+json"]


def test_script_json_round_trips() -> None:
    text = "</script><!-- & \u2028 é"
    encoded = script_json({"name": text})
    assert "<" not in encoded and ">" not in encoded and "&" not in encoded
    assert json.loads(encoded) == {"name": text}


@pytest.mark.sphinx("html", testroot="feeds", freshenv=True, confoverrides={"html_baseurl": ""})
def test_without_a_base_url_links_are_relative(app: Any) -> None:
    app.build()
    worry = _only_jsonld(html(app, "articles/worry"))
    assert worry["url"] == "worry.html"
    assert worry["mainEntity"]["author"][0]["url"] == "../clinicians/ben-okafor.html"
    ana = _only_jsonld(html(app, "clinicians/ana-lima"))
    assert ana["mainEntity"]["url"] == "ana-lima.html"


def _rewritten(out: Path, before: dict[Path, int]) -> set[str]:
    return {p.relative_to(out).as_posix() for p, t in before.items() if p.stat().st_mtime_ns != t}


def _same_jsonld_as_fresh(make_app: Any, srcdir: Path, tmp_path: Path, pages: set[str]) -> None:
    fresh_src = tmp_path / "fresh"
    shutil.copytree(srcdir, fresh_src, ignore=shutil.ignore_patterns("_build"))
    fresh = make_app("html", srcdir=fresh_src, freshenv=True)
    fresh.build()
    for name in pages:
        incremental = jsonld(page(srcdir / "_build" / "html", name))
        assert incremental == jsonld(page(Path(fresh.outdir), name))


def test_a_renamed_clinician_rewrites_exactly_their_articles(
    make_app: Any, rootdir: Path, tmp_path: Path
) -> None:
    srcdir = copy_root(rootdir, "feeds", tmp_path / "incremental")
    make_app("html", srcdir=srcdir, freshenv=True).build()
    out = srcdir / "_build" / "html"
    before = {p: p.stat().st_mtime_ns for p in out.rglob("*.html")}

    ben = srcdir / "clinicians" / "ben-okafor.md"
    edit(ben, ben.read_text().replace("name: Ben Okafor", "name: Benedict Okafor"))
    make_app("html", srcdir=srcdir).build()
    # Ben wrote 'worry' and the draft and reviewed 'first-weeks'; Ana's own article
    # shows nothing of his and is not rewritten.
    articles = {"articles/worry.html", "articles/first-weeks.html", "articles/unfinished.html"}
    assert {p for p in _rewritten(out, before) if p.startswith("articles/")} == articles
    first = _only_jsonld(page(out, "articles/first-weeks.html"))
    assert first["reviewedBy"]["name"] == "Benedict Okafor"
    _same_jsonld_as_fresh(make_app, srcdir, tmp_path, articles)


def test_a_new_specialty_entry_rewrites_the_articles_about_it(
    make_app: Any, rootdir: Path, tmp_path: Path
) -> None:
    # Only the JSON-LD of an article shows where its specialties' index entries are
    # (``about[].url``): nothing visible on the page does, so only the 'jsonld' view can
    # get it rewritten.
    srcdir = copy_root(rootdir, "feeds", tmp_path / "incremental")
    edit(
        srcdir / "articles" / "sleep-basics.md",
        "---\ndate: 2025-01-20\nauthor: ben-okafor\nspecialties: [sleep]\n---\n\n"
        "# Sleep basics\n\nA few words on rest.\n",
    )
    rest = srcdir / "rest.md"
    index = "---\norphan: true\n---\n\n# Rest\n\n```{specialty-index}\n:specialties: anxiety\n```\n"
    edit(rest, index)
    make_app("html", srcdir=srcdir, freshenv=True).build()
    out = srcdir / "_build" / "html"
    assert _only_jsonld(page(out, "articles/sleep-basics.html"))["mainEntity"]["about"] == [
        {"@type": "Thing", "name": "Sleep"}
    ]
    before = {p: p.stat().st_mtime_ns for p in out.rglob("*.html")}

    edit(rest, index.replace("anxiety", "anxiety, sleep"))
    make_app("html", srcdir=srcdir).build()
    assert {p for p in _rewritten(out, before) if p.startswith("articles/")} == {
        "articles/sleep-basics.html"
    }
    about = _only_jsonld(page(out, "articles/sleep-basics.html"))["mainEntity"]["about"]
    assert about == [{"@type": "Thing", "name": "Sleep", "url": f"{BASE}rest.html#specialty-sleep"}]
    _same_jsonld_as_fresh(make_app, srcdir, tmp_path, {"articles/sleep-basics.html"})


@pytest.mark.sphinx("html", testroot="feeds", freshenv=True)
def test_drafts_ask_not_to_be_indexed(app: Any) -> None:
    app.build()

    def robots(docname: str) -> list[str]:
        return [m["content"] for m in html(app, docname).find_all("meta", attrs={"name": "robots"})]

    assert robots("articles/unfinished") == ["noindex"]
    assert robots("articles/worry") == []


# -- the practice, images, true dates, hub pages (testroot "readers") ---------------------

READERS = "https://kb.example.org/"
PRACTICE_REF = {
    "@type": "MedicalBusiness",
    "@id": f"{READERS}#practice",
    "name": "Readers & Co <Counseling>",
    "url": READERS,
}


@pytest.mark.sphinx("html", testroot="readers", freshenv=True)
def test_the_home_page_describes_the_practice(app: Any) -> None:
    app.build()
    assert warnings(app) == []
    practice, hub = jsonld(html(app, "index"))
    assert practice == {
        "@context": "https://schema.org",
        **PRACTICE_REF,
        "logo": {"@type": "ImageObject", "url": f"{READERS}_static/preview.png"},
        "telephone": "+1-555-0100",
        "address": {
            "@type": "PostalAddress",
            "streetAddress": "1 Main St",
            "addressLocality": "Springfield",
            "addressCountry": "US",
        },
    }
    # Escaped inside the script: the name's "<" cannot open a tag.
    script = str(html(app, "index").head.find("script", type="application/ld+json"))
    assert "<Counseling>" not in script and "\\u003cCounseling\\u003e" in script
    # The newest articles listed on it.
    assert hub["@type"] == "CollectionPage"
    assert hub["url"] == f"{READERS}index.html"
    assert hub["mainEntity"] == {
        "@type": "ItemList",
        "numberOfItems": 2,
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": 1,
                "name": "A breathing exercise",
                "url": f"{READERS}articles/breathing.html",
            },
            {
                "@type": "ListItem",
                "position": 2,
                "name": "When worry takes over",
                "url": f"{READERS}articles/worry.html",
            },
        ],
    }
    # Pages without listings have none.
    assert jsonld(html(app, "design")) == []


@pytest.mark.sphinx("html", testroot="readers", freshenv=True)
def test_articles_have_an_image_a_publisher_and_a_true_date_modified(app: Any) -> None:
    app.build()
    worry = _only_jsonld(html(app, "articles/worry"))
    assert worry["publisher"] == PRACTICE_REF
    posting = worry["mainEntity"]
    assert posting["image"] == f"{READERS}_clinic/images/articles/worry.png"
    assert posting["publisher"] == PRACTICE_REF
    # updated, else the last review, else the publication date.
    assert (posting["datePublished"], posting["dateModified"]) == ("2025-03-02", "2025-06-01")
    grief = _only_jsonld(html(app, "articles/grief"))["mainEntity"]
    assert (grief["datePublished"], grief["dateModified"]) == ("2024-11-20", "2025-05-05")
    assert grief["image"] == f"{READERS}_static/preview.png"  # the site's default picture
    breathing = _only_jsonld(html(app, "articles/breathing"))["mainEntity"]
    assert breathing["dateModified"] == breathing["datePublished"] == "2026-01-10"


@pytest.mark.sphinx("html", testroot="readers", freshenv=True)
def test_profiles_have_what_google_recommends(app: Any) -> None:
    app.build()
    profile = _only_jsonld(html(app, "clinicians/ana-lima"))
    assert profile["dateModified"] == "2026-10-01"
    person = profile["mainEntity"]
    assert person["identifier"] == "ana-lima"
    assert person["alternateName"] == "Ana Lima, LCSW"
    assert person["image"] == f"{READERS}_clinic/photos/ana-lima.png"
    assert person["sameAs"] == "https://directory.example.org/ana-lima"
    assert person["worksFor"] == PRACTICE_REF


@pytest.mark.sphinx("html", testroot="readers", freshenv=True)
def test_hub_pages_are_collection_pages(app: Any) -> None:
    app.build()
    archive = _only_jsonld(html(app, "archive"))
    assert archive["@type"] == "CollectionPage"
    assert archive["name"] == "Archive"
    items = archive["mainEntity"]["itemListElement"]
    assert [i["name"] for i in items] == [
        "A breathing exercise",
        "When worry takes over",
        "Grief in waves",
    ]
    assert [i["position"] for i in items] == [1, 2, 3]


@pytest.mark.sphinx(
    "html",
    testroot="readers",
    freshenv=True,
    confoverrides={"clinic_practice": {"name": "X", "adress": "1 Main St", "type": "Shop"}},
)
def test_practice_settings_are_checked(app: Any) -> None:
    app.build()
    lines = [w for w in warnings(app) if "clinic_practice" in w]
    assert any("unknown key 'adress'; did you mean 'address'?" in w for w in lines), lines
    assert any("'type' must be MedicalBusiness" in w for w in lines), lines
    assert all(w.endswith("[clinic.config]") and "conf.py:1" in w for w in lines)
