"""Moving from ABlog: an ABlog site's posts build unchanged with sphinx-clinic and furo."""

from __future__ import annotations

import datetime as dt
import json
import posixpath
import re
import shutil
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest
from sphinx.util.console import strip_colors

from conftest import html, warnings
from sphinx_clinic.domain import Article, Clinician, SiteIndex
from sphinx_clinic.freedates import parse_date
from sphinx_clinic.frontmatter import ArticleFrontMatter, validate
from sphinx_clinic.pages import PageKind, classify_page, matches_glob
from sphinx_clinic.text import name_key
from sphinx_clinic.vocabulary import Specialty, parse_vocabulary, tag_specialty_id

# -- dates, without Sphinx ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-01-08", dt.date(2024, 1, 8)),
        ("June 6, 2025", dt.date(2025, 6, 6)),
        ("Jan 24, 2024", dt.date(2024, 1, 24)),
        ("Jan 8th, 2024", dt.date(2024, 1, 8)),
        ("2023/05/17", dt.date(2023, 5, 17)),
        ("2023.05.17", dt.date(2023, 5, 17)),
        ("2024-1-8", dt.date(2024, 1, 8)),
        ("2024-01-08T10:00:00Z", dt.date(2024, 1, 8)),
        ("2020-03-13 12:00:00+01:00", dt.date(2020, 3, 13)),
        ("2024-01-08 10:30", dt.date(2024, 1, 8)),
        ("8 January 2024", dt.date(2024, 1, 8)),
        ("8th of January, 2024", dt.date(2024, 1, 8)),
        ("Monday, January 8, 2024", dt.date(2024, 1, 8)),
        ("Jan. 8 2024", dt.date(2024, 1, 8)),
        ("SEPT 5, 2024 at 10:30 pm", dt.date(2024, 9, 5)),
        ("06-Jun-2025", dt.date(2025, 6, 6)),
        ("2025 June 6", dt.date(2025, 6, 6)),
        ("17/05/2023", dt.date(2023, 5, 17)),  # day first: 17 is no month
        ("05/17/2023", dt.date(2023, 5, 17)),  # month first: 17 is no month
        ("04.04.2024", dt.date(2024, 4, 4)),  # both readings agree
    ],
)
def test_free_form_dates_are_read_without_doubt(text: str, expected: dt.date) -> None:
    assert parse_date(text) == (expected, "")


def test_an_ambiguous_date_is_read_month_first_with_a_note() -> None:
    reading = parse_date("03/04/2024")
    assert reading.date == dt.date(2024, 3, 4)
    assert reading.note == (
        "'03/04/2024' is ambiguous: read as 2024-03-04 (month first, as ABlog read it), "
        "not 2024-04-03; write '2024-03-04' or '2024-04-03' to say which"
    )


def test_post_date_format_is_tried_first_and_settles_the_order() -> None:
    assert parse_date("03/04/2024", ["%d/%m/%Y"]) == (dt.date(2024, 4, 3), "")
    assert parse_date("Jan 8, 2024", ["%d/%m/%Y"]) == (dt.date(2024, 1, 8), "")


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("June 2025", "is not a date; write it as YYYY-MM-DD"),
        ("next tuesday", "is not a date; write it as YYYY-MM-DD"),
        ("Jan 8, 24", "write the year in full"),
        ("1/8/24", "write the year in full"),
        ("2024-02-30", "no such day"),
        ("June 31, 2025", "no such day"),
        ("Jan Feb 8 2024", "is not a date"),
        ("", "empty date"),
    ],
)
def test_what_is_no_date_is_refused_with_a_reason(text: str, why: str) -> None:
    with pytest.raises(ValueError, match=why):
        parse_date(text)


def test_front_matter_reports_an_ambiguous_date_as_a_date_problem() -> None:
    front, problems = validate(ArticleFrontMatter, {"date": "03/04/2024", "updated": "soon"})
    assert front.date == dt.date(2024, 3, 4)
    assert front.updated is None
    assert [(p.field, p.subtype) for p in problems] == [("updated", ""), ("date", "date")]
    assert problems[1].message.startswith("front matter 'date': '03/04/2024' is ambiguous")


def test_ablog_front_matter_is_accepted() -> None:
    data = {
        "blogpost": "True",
        "author": "Zoë O'Brien, Marc-André Dupont",
        "tags": "anxiety, self-care",
        "category": ["Parenting"],
        "location": "Brooklyn",
        "language": "en",
    }
    front, problems = validate(ArticleFrontMatter, data)
    assert problems == []
    assert front.author_ids == ("Zoë O'Brien", "Marc-André Dupont")
    assert front.tags == ("anxiety", "self-care")
    assert front.category == ("Parenting",)


# -- recognising posts -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("docname", "metadata", "options", "kind"),
    [
        ("posts/a", {"blogpost": "True"}, {}, PageKind.ARTICLE),
        ("posts/2024/a/index", {"blogpost": "true"}, {}, PageKind.ARTICLE),
        ("posts/a", {"blogpost": "False"}, {}, PageKind.PAGE),
        ("posts/a", {}, {"has_post_directive": True}, PageKind.ARTICLE),
        ("posts/a", {"blogpost": "True", "clinic": "page"}, {}, PageKind.PAGE),
        (
            "journal/a",
            {},
            {"post_patterns": ["journal/*.md"], "source_name": "journal/a.md"},
            PageKind.ARTICLE,
        ),
        ("journal/x/a", {}, {"post_patterns": ["journal/*"]}, PageKind.PAGE),
        ("journal/x/a", {}, {"post_patterns": ["journal/**"]}, PageKind.ARTICLE),
    ],
)
def test_ablog_marks_make_articles(
    docname: str, metadata: dict[str, str], options: dict[str, Any], kind: PageKind
) -> None:
    assert classify_page(docname, metadata, ["articles"], ["clinicians"], **options) is kind


def test_globs_match_as_recursive_glob_does() -> None:
    assert matches_glob("posts/a.md", "posts/*.md")
    assert matches_glob("posts/a.md", "./posts/*")
    assert matches_glob("posts/a.md", "posts/**/*.md")
    assert matches_glob("posts/2024/01/a.md", "posts/**/*.md")
    assert not matches_glob("posts/2024/a.md", "posts/*.md")
    assert not matches_glob("drafts/a.md", "posts/**")


# -- authors and tags, resolved over the whole site --------------------------------------


def _index(articles: list[Article], **options: Any) -> SiteIndex:
    clinicians = {
        f"clinicians/{cid}": Clinician(cid, f"clinicians/{cid}", name)
        for cid, name in (("zoe-obrien", "Zoë O’Brien"), ("jane-doe", "Jane Doe"))
    }
    vocabulary, _problems = parse_vocabulary("- id: anxiety\n  label: Anxiety\n")
    return SiteIndex({a.docname: a for a in articles}, clinicians, vocabulary, {}, False, **options)


def test_authors_resolve_by_id_name_map_and_ablog_id() -> None:
    index = _index(
        [],
        author_map={"Dr. Jane Doe": "jane-doe"},
        guest_names={"ev": "Eve Example", "zo": "Zoë O'Brien"},
    )
    assert index.author("jane-doe") == ("jane-doe", "Jane Doe")
    assert index.author("JANE DOE") == ("jane-doe", "Jane Doe")
    assert index.author("dr. jane doe") == ("jane-doe", "Jane Doe")
    # Typographic and straight apostrophes are one; accents are not dropped.
    assert index.author("Zoë O'Brien") == ("zoe-obrien", "Zoë O’Brien")
    assert index.author("Zoe O'Brien") == (None, "Zoe O'Brien")
    assert index.author("zo") == ("zoe-obrien", "Zoë O’Brien")
    assert index.author("ev") == (None, "Eve Example")
    assert index.author("Marc-André Dupont") == (None, "Marc-André Dupont")
    assert name_key("  Zoë   O’BRIEN ") == "zoë o'brien"


def test_articles_come_out_resolved_and_tags_become_specialties() -> None:
    written = Article(
        "posts/a",
        "A",
        dt.date(2024, 1, 8),
        authors=("Jane Doe", "Marc-André Dupont", "jane-doe"),
        specialties=("anxiety",),
        tags=("Self Care", "sleep"),
    )
    other = Article("posts/b", "B", dt.date(2024, 2, 8), tags=("self-care",))
    index = _index([written, other])
    article = index.article("posts/a")
    assert article is not None
    assert article.authors == ("jane-doe", "Marc-André Dupont")
    assert article.specialties == ("anxiety", "self-care", "sleep")
    # One specialty per slug, labelled as first written (in docname order).
    assert index.specialty("self-care") == Specialty("self-care", "Self Care")
    assert [a.docname for a in index.articles_about("self-care")] == ["posts/b", "posts/a"]
    assert index.vocabulary.resolve("Self care") == "self-care"
    assert [s.id for s in index.extra_specialties()] == ["self-care", "sleep"]
    assert index.written_article("posts/a") == written
    ignoring = _index([written, other], tag_specialties=False)
    assert ignoring.article("posts/a").specialties == ("anxiety",)  # type: ignore[union-attr]
    assert ignoring.ignored_tags == ("Self Care", "self-care", "sleep")
    assert ignoring.extra_specialties() == []


def test_tags_resolve_through_the_map_and_the_vocabulary() -> None:
    vocabulary, _problems = parse_vocabulary(
        "- id: early-parenthood\n  label: Early parenthood\n  aliases: [new parents]\n"
    )
    tag_map = {"PPD": "early-parenthood", "misc": "", "broken": "nothing"}
    assert vocabulary.resolve_tag("ppd", tag_map) == "early-parenthood"
    assert vocabulary.resolve_tag("New Parents", tag_map) == "early-parenthood"
    assert vocabulary.resolve_tag("Early-Parenthood!", tag_map) == "early-parenthood"
    assert vocabulary.resolve_tag("misc", tag_map) == ""
    assert vocabulary.resolve_tag("broken", tag_map) is None
    assert tag_specialty_id("Self Care") == "self-care"
    assert re.fullmatch(r"tag-[0-9a-f]{8}", tag_specialty_id("心理"))


# -- the test site: ABlog posts, furo ----------------------------------------------------

CHRONOLOGY = [
    ("journal/notes", "Notes from the waiting room", "November 30, 2022"),
    ("posts/first-session", "Your first session", "May 17, 2023"),
    ("posts/new-parents", "Sleep and the new parent", "January 8, 2024"),
    ("posts/winter", "Grief in winter", "January 24, 2024"),
    ("posts/spring", "Starting again in spring", "March 2, 2024"),
    ("posts/ambiguous", "Which day was it", "March 4, 2024"),
    ("posts/directive", "Couples and conflict", "February 14, 2025"),
    ("posts/summer", "Worry in summer", "June 6, 2025"),
]

AMBIGUOUS = (
    "posts/ambiguous.md:3: WARNING: front matter 'date': '03/04/2024' is ambiguous: read as "
    "2024-03-04 (month first, as ABlog read it), not 2024-04-03; write '2024-03-04' or "
    "'2024-04-03' to say which [clinic.date]"
)


@pytest.fixture
def built(app: Any) -> Any:
    app.build()
    return app


def _relative(app: Any, lines: list[str]) -> list[str]:
    return [line.replace(f"{app.srcdir}/", "") for line in lines]


@pytest.mark.sphinx("html", testroot="ablog", freshenv=True)
def test_the_only_warning_is_the_ambiguous_date(built: Any) -> None:
    assert built.config.html_theme == "furo"
    assert _relative(built, warnings(built)) == [AMBIGUOUS]


@pytest.mark.sphinx("html", testroot="ablog", freshenv=True)
def test_every_post_is_listed_newest_first_with_its_bylines(built: Any) -> None:
    items = html(built, "index").select("li.clinic-article-item")
    assert [i.select_one(".clinic-article-title a").get_text() for i in items] == [
        title for _doc, title, _date in reversed(CHRONOLOGY)
    ]
    metas = {
        i.select_one(".clinic-article-title a").get_text(): i.select_one(".clinic-article-meta")
        for i in items
    }
    assert metas["Your first session"].get_text() == (
        "May 17, 2023 · by Zoë O'Brien and Marc-André Dupont · 1 min read"
    )
    # A clinician is linked to the profile; a guest is plain text.
    assert [a.get_text() for a in metas["Your first session"].select("a")] == ["Zoë O'Brien"]
    assert (
        metas["Sleep and the new parent"].get_text().startswith("January 8, 2024 · by Jane Doe ·")
    )  # "Dr. Jane Doe", through clinic_author_map
    assert "by Eve Example" in metas["Grief in winter"].get_text()  # ABlog's blog_authors
    assert metas["Grief in winter"].select("a") == []
    assert "by Zoë O'Brien ·" in metas["Starting again in spring"].get_text()  # blog_authors
    assert "by Zoë O'Brien and Jane Doe" in metas["Worry in summer"].get_text()  # ids


@pytest.mark.sphinx("html", testroot="ablog", freshenv=True)
def test_previous_and_next_follow_the_dates(built: Any) -> None:
    docnames = [doc for doc, _title, _date in CHRONOLOGY]
    for position, docname in enumerate(docnames):
        page = html(built, docname)
        links = {
            link["rel"][0]: link for link in page.select("head link[rel=prev], head link[rel=next]")
        }
        expected = {
            "prev": docnames[position - 1] if position else None,
            "next": docnames[position + 1] if position + 1 < len(docnames) else None,
        }
        for rel, target in expected.items():
            if target is None:
                assert rel not in links, (docname, rel)
            else:
                href = posixpath.join(posixpath.dirname(docname), links[rel]["href"])
                assert posixpath.normpath(href) == f"{target}.html"
        # furo draws its footer from the same neighbours.
        footer = page.select_one(".related-pages")
        assert footer is not None
        titles = [t.get_text(strip=True) for t in footer.select(".title")]
        expected_titles = [
            CHRONOLOGY[position + 1][1] if expected["next"] else None,
            CHRONOLOGY[position - 1][1] if expected["prev"] else None,
        ]
        assert titles == [t for t in expected_titles if t]


@pytest.mark.sphinx("html", testroot="ablog", freshenv=True)
def test_co_authors_in_the_byline_and_cards_only_for_clinicians(built: Any) -> None:
    page = html(built, "posts/first-session")
    byline = page.select_one("p.clinic-byline")
    assert byline.get_text() == ("By Zoë O'Brien and Marc-André Dupont · May 17, 2023 · 1 min read")
    assert [a["href"] for a in byline.select("a")] == ["../clinicians/zoe-obrien.html"]
    cards = page.select("#about-the-author .clinic-card-name")
    assert [c.get_text() for c in cards] == ["Zoë O'Brien, LCSW"]
    assert page.select_one("#about-the-author h2").get_text().rstrip("¶") == "About the author"
    # Structured data names the clinician (a guest is not published as a Person).
    data = json.loads(page.select_one('script[type="application/ld+json"]').string)
    assert [a["name"] for a in data["mainEntity"]["author"]] == ["Zoë O'Brien"]
    # The clinician's profile lists what she co-wrote, under any spelling of her name.
    profile = html(built, "clinicians/zoe-obrien").select(".clinic-article-title a")
    assert [a.get_text() for a in profile] == [
        "Worry in summer",
        "Starting again in spring",
        "Your first session",
    ]


@pytest.mark.sphinx("html", testroot="ablog", freshenv=True)
def test_post_directive_is_read_and_its_content_stays(built: Any) -> None:
    page = html(built, "posts/directive")
    article = page.select_one("article")
    assert article.select_one("p.clinic-byline").get_text() == (
        "By Jane Doe and Marc-André Dupont · February 14, 2025 · 1 min read"
    )
    paragraphs = [p.get_text() for p in article.select("section > p:not([class])")]
    assert paragraphs[:2] == ["Arguments are a way of talking.", "The rest of the post."]
    summary = [
        i.select_one(".clinic-article-summary").get_text()
        for i in html(built, "index").select("li.clinic-article-item")
        if i.select_one(".clinic-article-title a").get_text() == "Couples and conflict"
    ]
    assert summary == ["Arguments are a way of talking."]


@pytest.mark.sphinx("html", testroot="ablog", freshenv=True)
def test_tags_and_categories_are_specialties(built: Any) -> None:
    page = html(built, "specialties")
    entries = {
        s["id"].removeprefix("specialty-"): (
            s.h2.get_text().rstrip("¶"),
            [a.get_text() for a in s.select(".clinic-specialty-articles a")],
        )
        for s in page.select("section.clinic-specialty")
    }
    assert entries == {
        # "worry" is an alias of anxiety; "anxiety" names it.
        "anxiety": ("Anxiety", ["Worry in summer", "Couples and conflict", "Your first session"]),
        "couples": ("Couples", ["Couples and conflict"]),
        # clinic_tag_map: postpartum-depression -> early-parenthood ("misc" -> nothing).
        "early-parenthood": ("Early parenthood", ["Sleep and the new parent"]),
        "getting-started": (
            "Getting started",
            ["Starting again in spring", "Your first session"],
        ),
        "grief": ("Grief and loss", ["Grief in winter"]),
        "parenting": ("Parenting", ["Sleep and the new parent"]),
        "relationships": ("Relationships", ["Couples and conflict"]),
        # "self-care" and "Self Care" are one specialty, labelled as first written.
        "self-care": ("self-care", ["Sleep and the new parent", "Your first session"]),
        "sleep": ("sleep", ["Which day was it", "Sleep and the new parent"]),
    }
    # Alphabetical, free tags among the vocabulary's specialties, with a working A-Z bar.
    assert list(entries) == sorted(entries)
    letters = [a["href"] for a in page.select(".clinic-az a")]
    assert letters == [
        "#specialty-anxiety",
        "#specialty-couples",
        "#specialty-early-parenthood",
        "#specialty-getting-started",
        "#specialty-parenting",
        "#specialty-relationships",
        "#specialty-self-care",
    ]
    # The specialty role finds a free tag as it finds the vocabulary's specialties.
    roles = page.select("article > section > p a.reference.internal")
    assert [(a.get_text(), a["href"]) for a in roles] == [
        ("self-care", "#specialty-self-care"),
        ("Anxiety", "#specialty-anxiety"),
    ]


ATOM = "{http://www.w3.org/2005/Atom}"


def _entries(path: Path) -> list[tuple[str, list[str], list[str]]]:
    """(title, author names, category terms) of each entry of an Atom feed."""
    root = ElementTree.parse(path).getroot()
    return [
        (
            entry.findtext(f"{ATOM}title", ""),
            [a.findtext(f"{ATOM}name", "") for a in entry.findall(f"{ATOM}author")],
            [c.get("term", "") for c in entry.findall(f"{ATOM}category")],
        )
        for entry in root.findall(f"{ATOM}entry")
    ]


@pytest.mark.sphinx("html", testroot="ablog", freshenv=True)
def test_every_post_is_in_the_feeds_newest_first(built: Any) -> None:
    site = _entries(Path(built.outdir, "feeds", "atom.xml"))
    assert [title for title, _authors, _terms in site] == [
        title for _doc, title, _date in reversed(CHRONOLOGY)
    ]
    by_title = {title: (authors, terms) for title, authors, terms in site}
    assert by_title["Your first session"] == (
        ["Zoë O'Brien", "Marc-André Dupont"],
        ["anxiety", "self-care", "getting-started"],
    )
    assert by_title["Grief in winter"] == (["Eve Example"], ["grief"])
    # A free tag has its feed, as the vocabulary's specialties do.
    self_care = _entries(Path(built.outdir, "feeds", "specialties", "self-care.xml"))
    assert [title for title, _authors, _terms in self_care] == [
        "Sleep and the new parent",
        "Your first session",
    ]
    link = html(built, "specialties").select_one("#specialty-self-care a.clinic-feed-link")
    assert link["href"] == "feeds/specialties/self-care.xml"
    zoe = _entries(Path(built.outdir, "feeds", "authors", "zoe-obrien.xml"))
    assert [title for title, _authors, _terms in zoe] == [
        "Worry in summer",
        "Starting again in spring",
        "Your first session",
    ]


@pytest.mark.sphinx("html", testroot="ablog", freshenv=True)
def test_blog_baseurl_stands_in_for_html_baseurl(built: Any) -> None:
    assert built.config.html_baseurl == "https://notes.example.org/"
    canonical = html(built, "posts/winter").select_one('link[rel="canonical"]')
    assert canonical["href"] == "https://notes.example.org/posts/winter.html"


# -- the switches ------------------------------------------------------------------------


@pytest.mark.sphinx(
    "html",
    testroot="ablog",
    freshenv=True,
    srcdir="ablog-warn",
    confoverrides={
        "clinic_guest_authors": "warn",
        "clinic_tag_map": {"postpartum-depression": "early-parenthod"},
    },
)
def test_guest_authors_and_a_bad_tag_map_warn_when_asked(app: Any) -> None:
    Path(app.srcdir, "posts", "two.md").write_text(
        "# Two posts\n\n```{post} 2024-05-01\n:author: jane-doe\n```\n\n"
        "## Second\n\n```{post} 2024-05-02\n```\n",
        encoding="utf-8",
    )
    app.build()
    guest = (
        "no clinician profile is named '{}'; the byline shows the name without a card. Map "
        "it to a clinician id in clinic_author_map, or set clinic_guest_authors = 'silent' "
        "to accept authors without profiles [clinic.author]"
    )
    assert sorted(_relative(app, warnings(app))) == [
        "WARNING: clinic_tag_map in conf.py maps the tag 'postpartum-depression' to "
        "'early-parenthod', which is not a specialty; did you mean 'early-parenthood'?; "
        "posts keep the tag as it is until you add it to specialties.yaml or fix the map "
        "[clinic.config]",
        AMBIGUOUS,
        "posts/directive.md:3: WARNING: " + guest.format("Marc-André Dupont"),
        "posts/first-session.md:4: WARNING: " + guest.format("Marc-André Dupont"),
        "posts/two.md:9: WARNING: only the first 'post' directive of a page is read (one "
        "page is one article); move this post to a page of its own [clinic.frontmatter]",
        "posts/winter.md:4: WARNING: " + guest.format("Eve Example"),
    ]
    # The unmapped tag is kept, as a specialty of its own.
    ids = [s["id"] for s in html(app, "specialties").select("section.clinic-specialty")]
    assert "specialty-postpartum-depression" in ids


@pytest.mark.sphinx(
    "html",
    testroot="ablog",
    freshenv=True,
    srcdir="ablog-ignore",
    confoverrides={"clinic_unmapped_tags": "ignore"},
)
def test_unmapped_tags_can_be_ignored_and_are_named(app: Any) -> None:
    app.build()
    # An ignored tag is no specialty: a reference to it is reported like any unknown one.
    assert _relative(app, warnings(app)) == [
        AMBIGUOUS,
        "specialties.md:6: WARNING: unknown specialty 'Self Care' [clinic.ref]",
    ]
    ids = [s["id"] for s in html(app, "specialties").select("section.clinic-specialty")]
    assert ids == ["specialty-anxiety", "specialty-early-parenthood", "specialty-grief"]
    status = strip_colors(app.status.getvalue())
    assert (
        "sphinx-clinic: tags and categories left out (no specialty stands for them and "
        "clinic_unmapped_tags is 'ignore'; map them in clinic_tag_map): Couples, "
        "Getting started, Parenting, Relationships, Self Care, self-care, Sleep, sleep"
    ) in status


# -- -j 2 and incremental builds ---------------------------------------------------------


def _pages(outdir: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(outdir)): p.read_bytes()
        for p in sorted(outdir.rglob("*.html"))
        if p.name not in ("genindex.html", "search.html")
    }


def _build(make_app: Any, src: Path, parallel: int = 1, fresh: bool = False) -> Any:
    app = make_app("html", srcdir=src, parallel=parallel, freshenv=fresh)
    try:
        app.build()
    finally:
        app.cleanup()
    return app


def test_parallel_build_equals_serial(make_app: Any, rootdir: Path, tmp_path: Path) -> None:
    outputs = []
    for parallel in (1, 2):
        src = tmp_path / f"j{parallel}"
        shutil.copytree(rootdir / "test-ablog", src)
        app = _build(make_app, src, parallel, fresh=True)
        assert _relative(app, warnings(app)) == [AMBIGUOUS]
        # Sphinx forks readers only when it may; a forked read reports chunks "a .. b".
        chunked = re.search(
            r"reading sources\.\.\. \[\s*\d+%\] \S+ \.\. ", strip_colors(app.status.getvalue())
        )
        assert bool(chunked) == (parallel == 2)
        outputs.append(_pages(Path(app.outdir)))
    assert sorted(outputs[0]) == sorted(outputs[1])
    for page, serial in outputs[0].items():
        assert outputs[1][page] == serial, f"{page} differs under -j 2"


def test_incremental_build_equals_fresh(make_app: Any, rootdir: Path, tmp_path: Path) -> None:
    src = tmp_path / "src"
    shutil.copytree(rootdir / "test-ablog", src)
    _build(make_app, src, fresh=True)
    # A guest author gets a profile, and a new post brings a new tag.
    (src / "clinicians" / "marc.md").write_text(
        "---\nname: Marc-André Dupont\n---\n\n# Marc-André Dupont\n", encoding="utf-8"
    )
    (src / "posts" / "autumn.md").write_text(
        "---\nblogpost: true\ndate: Oct 3rd, 2025\nauthor: Marc-André Dupont\n"
        "tags: [Loneliness]\n---\n\n# Autumn\n\nLeaves.\n",
        encoding="utf-8",
    )
    incremental = _build(make_app, src)
    fresh_src = tmp_path / "fresh"
    shutil.copytree(src, fresh_src, ignore=shutil.ignore_patterns("_build"))
    fresh = _build(make_app, fresh_src, fresh=True)
    got, want = _pages(Path(incremental.outdir)), _pages(Path(fresh.outdir))
    assert sorted(got) == sorted(want)
    for page in want:
        assert got[page] == want[page], f"{page} differs from a fresh build"
    byline = html(incremental, "posts/first-session").select_one("p.clinic-byline")
    assert [a.get_text() for a in byline.select("a")] == ["Zoë O'Brien", "Marc-André Dupont"]
    assert html(incremental, "specialties").select_one("section#specialty-loneliness") is not None
    older = html(incremental, "posts/summer").select_one('head link[rel="next"]')
    assert older["href"] == "autumn.html"


def test_tags_with_accents_are_labels_with_a_stable_id(
    make_app: Any, rootdir: Path, tmp_path: Path
) -> None:
    """A tag is a label: letters of any language are fine (no clinic.id warning); the
    specialty keeps it as written and its id is the accent-free slug."""
    src = tmp_path / "src"
    shutil.copytree(rootdir / "test-clinic", src)
    (src / "articles" / "accents.md").write_text(
        "---\ntitle: Accents\ndate: 2025-03-01\nauthor: ana-lima\n"
        'tags: ["é-accent", "Thérapie de couple", "Тревога"]\n---\n\nText.\n',
        encoding="utf-8",
    )
    app = make_app("html", srcdir=src, freshenv=True)
    app.build()
    assert not [w for w in warnings(app) if "accents.md" in w], warnings(app)
    page = html(app, "specialties")
    for anchor, label in (
        ("specialty-e-accent", "é-accent"),
        ("specialty-therapie-de-couple", "Thérapie de couple"),
        (f"specialty-{tag_specialty_id('Тревога')}", "Тревога"),
    ):
        entry = page.find(id=anchor)
        assert entry is not None, anchor
        assert label in entry.get_text(), (anchor, entry.get_text())
    assert tag_specialty_id("Тревога").startswith("tag-")
