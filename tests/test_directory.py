"""The directory readers narrow themselves: filters, facet pages, links into them."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from conftest import BuiltSite, html, warnings
from sitebuild import SITEMAP, edit

pytestmark = pytest.mark.sphinx("html", testroot="facets")


@pytest.fixture
def built(app: Any) -> Any:
    app.build()
    return app


def _page(app: Any, relative: str) -> BeautifulSoup:
    return BeautifulSoup(Path(app.outdir, relative).read_text(encoding="utf-8"), "html.parser")


def _groups(form: Any) -> dict[str, list[tuple[str, str | None]]]:
    """Each filter group's legend, and its values as (text, href)."""
    found = {}
    for fieldset in form.select("fieldset"):
        legend = fieldset.find("legend").get_text(strip=True)
        found[legend] = [
            (" ".join(a.get_text(" ", strip=True).split()), a.get("href"))
            for a in fieldset.select(".clinic-facet-link")
        ]
    return found


def _card_values(form: Any, item: Any) -> list[str]:
    """A card's ``data-clinic-facets``, read as the script reads them: "facet:value"."""
    values = [
        f"{link.find_parent('details')['data-facet']}:{link['data-value']}"
        for link in form.select(".clinic-facet-link")
    ]
    return [values[int(n)] for n in item["data-clinic-facets"].split()]


def test_builds_without_warnings(built: Any) -> None:
    assert warnings(built) == []


def test_directory_offers_filter_links_in_fieldsets(built: Any) -> None:
    page = html(built, "clinicians/index")
    form = page.select_one(".clinic-filters")
    assert form["aria-label"] == "Filter clinicians"
    # One disclosure per facet some clinician has, each a fieldset with its legend.
    assert [d.summary.get_text() for d in form.select("details.clinic-facet")] == [
        "Specialty",
        "Language",
        "Sessions",
        "Availability",
    ]
    groups = _groups(form)
    assert groups["Language"] == [
        ("English (3)", "filter/language-english.html"),
        ("Portuguese (1)", "filter/language-portuguese.html"),
        ("Spanish (2)", "filter/language-spanish.html"),
    ]
    assert groups["Availability"] == [
        ("Accepting new clients (1)", "filter/availability-accepting.html"),
        ("Waitlist (2)", "filter/availability-waitlist.html"),
        ("Not accepting new clients (1)", "filter/availability-not-accepting.html"),
    ]
    status = page.select_one(".clinic-filter-status")
    assert status.get_text() == "4 clinicians"
    assert status["role"] == "status" and status["aria-live"] == "polite"
    # Every card carries the values the script filters by: their positions among the
    # filters' values (each under its disclosure's facet), in page order.
    items = page.select(".clinic-directory-item")
    assert [i.select_one(".clinic-card-name a").get_text() for i in items] == [
        "Ana Lima",
        "Ben Okafor",
        "Cleo Diaz",
        "Dev Rao",
    ]
    assert _card_values(form, items[2]) == [
        "specialty:anxiety",
        "specialty:couples",
        "language:portuguese",
        "language:spanish",
        "format:telehealth",
        "availability:waitlist",
    ]
    assert items[2]["data-clinic-facets"] == "0 1 4 5 7 9"
    # The script, deferred, on this page only.
    scripts = [s["src"] for s in page.select("script[src]")]
    assert any("clinic-directory.js" in s for s in scripts)
    assert not any(
        "clinic-directory.js" in s["src"] for s in html(built, "cards").select("script[src]")
    )
    assert (Path(built.outdir) / "_static" / "clinic-directory.js").is_file()


def test_a_facet_page_is_a_real_page(built: Any) -> None:
    page = _page(built, "clinicians/filter/language-spanish.html")
    assert page.title.get_text().startswith("Clinicians who speak Spanish")
    assert page.h1.get_text(strip=True).rstrip("¶") == "Clinicians who speak Spanish"
    canonical = page.select_one('link[rel="canonical"]')
    assert canonical["href"] == "https://kb.example.org/clinicians/filter/language-spanish.html"
    names = [a.get_text() for a in page.select(".clinic-card-name a")]
    assert names == ["Ana Lima", "Cleo Diaz"]
    assert page.select_one(".clinic-filter-status").get_text() == "2 clinicians"
    # Back to everyone, and each chosen filter removable.
    assert page.select_one(".clinic-facet-back a")["href"] == "../index.html"
    remove = page.select_one("a.clinic-filter-remove")
    assert remove["aria-label"] == "Remove filter: Spanish"
    assert remove["href"] == "../index.html"
    # Narrowing by one more filter: only non-empty combinations, named in canonical order.
    # Both Spanish speakers offer telehealth and work with anxiety: those narrow nothing,
    # so they are said ("all"), not linked to a page that would repeat this one.
    groups = _groups(page.select_one(".clinic-filters"))
    assert "Language" not in groups
    assert groups["Sessions"] == [
        ("In person (1)", "language-spanish_format-in-person.html"),
        ("Telehealth (all)", None),
    ]
    assert groups["Specialty"][:2] == [
        ("Anxiety (all)", None),
        ("Couples therapy (1)", "specialty-couples_language-spanish.html"),
    ]
    assert not Path(
        built.outdir, "clinicians/filter/language-spanish_format-telehealth.html"
    ).exists()
    # No script: facet pages are the path without JavaScript, and their links carry none
    # of the script's attributes.
    assert not any("clinic-directory.js" in s["src"] for s in page.select("script[src]"))
    assert not page.select(".clinic-filters [data-facet], .clinic-filters [data-value]")
    assert not page.select("[data-clinic-facets]")


def test_only_the_directory_and_its_facet_pages_load_the_filters_styles(built: Any) -> None:
    def styles(relative: str) -> list[str]:
        return [
            link["href"].split("?")[0].rsplit("/", 1)[1]
            for link in _page(built, relative).select('link[rel="stylesheet"]')
        ]

    assert "clinic-directory.css" in styles("clinicians/index.html")
    assert "clinic-directory.css" in styles("clinicians/filter/language-spanish.html")
    assert "clinic-directory.css" not in styles("cards.html")
    assert "clinic-directory.css" not in styles("clinicians/ana-lima.html")
    assert "clinic.css" in styles("cards.html")
    assert Path(built.outdir, "_static/clinic-directory.css").is_file()


def _follow(app: Any, steps: tuple[tuple[str, str], ...]) -> tuple[str, list[str]]:
    """From the directory, choose each (legend, value) by its link; a value shown as
    "(all)" narrows nothing, so the reader stays. The page reached, and its clinicians."""
    here = "clinicians/index.html"
    for legend, text in steps:
        groups = _groups(_page(app, here).select_one(".clinic-filters"))
        label, href = next((t, h) for t, h in groups[legend] if t.startswith(text))
        if href is None:
            assert label.endswith("(all)"), label
            continue
        here = (Path(here).parent / href).as_posix()
    return here, [a.get_text() for a in _page(app, here).select(".clinic-card-name a")]


def test_three_filters_in_three_taps(built: Any) -> None:
    """Directory -> English -> + telehealth -> + couples therapy, following links only; and
    in any order of the same taps, the page reached lists the same clinicians."""
    steps = (
        ("Language", "English"),
        ("Sessions", "Telehealth"),
        ("Specialty", "Couples"),
    )
    here, names = _follow(built, steps)
    assert names == ["Dev Rao"]
    for order in ((2, 0, 1), (1, 2, 0), (0, 2, 1)):
        assert _follow(built, tuple(steps[i] for i in order))[1] == ["Dev Rao"]
    # English + telehealth: a real pair (Ana and Dev), each filter narrowing.
    pair, names = _follow(built, steps[:2])
    assert pair == "clinicians/filter/language-english_format-telehealth.html"
    assert names == ["Ana Lima", "Dev Rao"]
    page = _page(built, pair)
    assert page.h1.get_text(strip=True).rstrip("¶") == (
        "Clinicians who speak English and who offer telehealth"
    )
    removals = {a["aria-label"]: a["href"] for a in page.select("a.clinic-filter-remove")}
    assert removals == {
        "Remove filter: English": "format-telehealth.html",
        "Remove filter: Telehealth": "language-english.html",
    }
    # English, then grief: Ana and Ben, and every clinician who works with grief speaks
    # English, so the link goes to the grief page (English would narrow nothing there).
    here, names = _follow(built, (("Language", "English"), ("Specialty", "Grief")))
    assert (here, names) == ("clinicians/filter/specialty-grief.html", ["Ana Lima", "Ben Okafor"])
    every = _groups(_page(built, here).select_one(".clinic-filters"))["Language"]
    assert every[0] == ("English (all)", None)


def test_filters_that_do_not_combine_get_one_page_per_value(built: Any) -> None:
    """Availability is not in the test site's :filter-combine:, so its pages narrow no
    further and no page combines it; the script combines it on the directory."""
    page = _page(built, "clinicians/filter/availability-waitlist.html")
    assert [a.get_text() for a in page.select(".clinic-card-name a")] == [
        "Ben Okafor",
        "Cleo Diaz",
    ]
    assert page.select_one(".clinic-filters") is None
    assert page.select_one(".clinic-narrow-intro") is None
    english = _groups(
        _page(built, "clinicians/filter/language-english.html").select_one(".clinic-filters")
    )
    assert "Availability" not in english and "Sessions" in english
    names = [p.name for p in Path(built.outdir, "clinicians/filter").glob("*.html")]
    assert not [n for n in names if "availability" in n and "_" in n]
    directory = _groups(_page(built, "clinicians/index.html").select_one(".clinic-filters"))
    assert [t for t, _ in directory["Availability"]] == [
        "Accepting new clients (1)",
        "Waitlist (2)",
        "Not accepting new clients (1)",
    ]


def test_cards_profiles_and_the_index_link_into_facet_pages(built: Any) -> None:
    card = html(built, "cards").select_one(".clinic-card")
    badges = [(a.get_text(), a["href"]) for a in card.select(".clinic-specialties a")]
    assert badges == [
        ("Anxiety", "clinicians/filter/specialty-anxiety.html"),
        ("Grief and loss", "clinicians/filter/specialty-grief.html"),
    ]
    languages = card.select_one(".clinic-card-languages")
    assert " ".join(languages.get_text().split()) == "Speaks English, Spanish"
    assert [a["href"] for a in languages.select("a")] == [
        "clinicians/filter/language-english.html",
        "clinicians/filter/language-spanish.html",
    ]
    profile = html(built, "clinicians/cleo-diaz")
    field = next(
        f
        for f in profile.select(".clinic-profile-details dt")
        if f.get_text(strip=True).startswith("Languages")
    )
    links = [(a.get_text(), a["href"]) for a in field.find_next_sibling("dd").select("a")]
    assert links == [
        ("Spanish", "filter/language-spanish.html"),
        ("Portuguese", "filter/language-portuguese.html"),
    ]
    index = html(built, "specialties")
    more = index.select_one("#specialty-anxiety .clinic-specialty-directory a")
    assert more["href"] == "clinicians/filter/specialty-anxiety.html"
    assert more.get_text() == "Narrow the clinicians for Anxiety by insurance, language and more"


def test_sitemap_lists_one_filter_pages_only(built: Any) -> None:
    tree = ET.parse(Path(built.outdir, "sitemap.xml"))
    locs = [e.text for e in tree.iter(f"{SITEMAP}loc")]
    facet = [loc for loc in locs if "/filter/" in (loc or "")]
    assert "https://kb.example.org/clinicians/filter/language-spanish.html" in facet
    assert all("_" not in loc.rsplit("/", 1)[1] for loc in facet)
    pages = list(Path(built.outdir, "clinicians/filter").glob("*.html"))
    assert len(facet) == len([p for p in pages if "_" not in p.name]) == 11


def test_author_text_in_filters_is_escaped(
    app: Any, make_app: Any, rootdir: Path, tmp_path: Path
) -> None:
    src = tmp_path / "facets"
    shutil.copytree(rootdir / "test-facets", src)
    profile = src / "clinicians" / "dev-rao.md"
    edit(
        profile,
        profile.read_text().replace("languages: [English]", 'languages: ["<b>Klingon</b>"]'),
    )
    other = make_app("html", srcdir=src, freshenv=True)
    other.build()
    raw = Path(other.outdir, "clinicians/index.html").read_text()
    assert "&lt;b&gt;Klingon&lt;/b&gt;" in raw and "<b>Klingon" not in raw
    page = _page(other, "clinicians/filter/language-b-klingon-b.html")
    assert page.h1.get_text(strip=True).rstrip("¶") == "Clinicians who speak <b>Klingon</b>"


def test_unknown_filter_and_a_second_filtered_directory_warn(
    make_app: Any, rootdir: Path, tmp_path: Path
) -> None:
    src = tmp_path / "facets"
    shutil.copytree(rootdir / "test-facets", src)
    edit(
        src / "second.md",
        "---\norphan: true\n---\n\n# Second\n\n"
        "```{clinician-directory}\n:filters: language, langauge\n```\n",
    )
    edit(
        src / "clinicians/index.md",
        "# Our clinicians\n\n```{clinician-directory}\n:filters:\n:filter-pages: 5\n"
        ":filter-combine: language, sessions\n```\n",
    )
    app = make_app("html", srcdir=src, freshenv=True)
    app.build()
    found = warnings(app)
    assert any(
        "second.md:7: WARNING: clinician-directory :filters: does not know 'langauge'" in w
        and "[clinic.directive]" in w
        for w in found
    ), found
    assert any(
        "second.md:7: WARNING: clinician-directory: only one directory can have :filters:, "
        "and 'clinicians/index' has them" in w
        for w in found
    ), found
    assert any(
        "clinicians/index.md:3: WARNING: clinician-directory :filter-combine: does not know "
        "'sessions'" in w
        for w in found
    ), found
    assert any(
        "clinicians/index.md:3: WARNING: clinician-directory: its filters would have 11 pages "
        "and :filter-pages: keeps 5, so some combinations need JavaScript"
        in w
        and "[clinic.directive]" in w
        for w in found
    ), found
    assert len(list(Path(app.outdir, "clinicians/filter").glob("*.html"))) == 5
    # The first one (by page name) keeps its filters.
    assert html(app, "clinicians/index").select_one(".clinic-filters") is not None
    assert html(app, "second").select_one(".clinic-filters") is None


@pytest.mark.sphinx("text", testroot="facets")
def test_text_builder_shows_cards_without_filters(app: Any) -> None:
    app.build()
    assert warnings(app) == []
    text = Path(app.outdir, "clinicians/index.txt").read_text()
    assert "Ana Lima" in text and "Filter clinicians" not in text and "(3)" not in text
    assert not Path(app.outdir, "clinicians/filter").exists()


def test_a_new_language_reaches_every_facet_page_incrementally(
    make_app: Any, rootdir: Path, tmp_path: Path
) -> None:
    src = tmp_path / "facets"
    shutil.copytree(rootdir / "test-facets", src)
    first = make_app("html", srcdir=src, freshenv=True)
    first.build()
    outdir = Path(first.outdir)
    assert "Ben Okafor" not in (outdir / "clinicians/filter/language-spanish.html").read_text()
    profile = src / "clinicians" / "ben-okafor.md"
    edit(profile, profile.read_text().replace("languages: [English]", "languages: [Spanish]"))
    again = make_app("html", srcdir=src)
    again.build()
    incremental = {p.relative_to(outdir).as_posix(): p.read_bytes() for p in outdir.rglob("*.html")}
    fresh_src = tmp_path / "fresh"
    shutil.copytree(src, fresh_src, ignore=shutil.ignore_patterns("_build"))
    fresh = make_app("html", srcdir=fresh_src, freshenv=True)
    fresh.build()
    fresh_out = Path(fresh.outdir)
    expected = {
        p.relative_to(fresh_out).as_posix(): p.read_bytes() for p in fresh_out.rglob("*.html")
    }
    # Ben left English's pages; the (now empty) English + waitlist page is gone from
    # both builds (a facet page that no longer has clinicians is deleted).
    assert "clinicians/filter/language-english_availability-waitlist.html" not in expected
    assert set(incremental) == set(expected)
    for name, content in expected.items():
        if name in ("search.html", "genindex.html"):
            continue
        assert incremental[name] == content, name
    spanish = _page(again, "clinicians/filter/language-spanish.html")
    assert "Ben Okafor" in [a.get_text() for a in spanish.select(".clinic-card-name a")]
    directory = (outdir / "clinicians/index.html").read_text()
    assert "language-english_availability-waitlist" not in directory


def test_by_default_only_what_readers_can_afford_and_reach_combines(
    make_app: Any, rootdir: Path, tmp_path: Path
) -> None:
    """Plain ``:filters:``: insurance, language, format and state combine; a specialty gets
    its one page, which the specialty index does not offer as a way to narrow."""
    src = tmp_path / "facets"
    shutil.copytree(rootdir / "test-facets", src)
    edit(
        src / "clinicians/index.md",
        "# Our clinicians\n\n```{clinician-directory}\n:filters:\n```\n",
    )
    app = make_app("html", srcdir=src, freshenv=True)
    app.build()
    names = sorted(p.name for p in Path(app.outdir, "clinicians/filter").glob("*.html"))
    combined = [n for n in names if "_" in n]
    assert combined and not [n for n in combined if "specialty" in n]
    assert "specialty-anxiety.html" in names
    assert "language-english_format-telehealth.html" in combined
    spanish = _groups(
        _page(app, "clinicians/filter/language-spanish.html").select_one(".clinic-filters")
    )
    assert "Specialty" not in spanish and "Sessions" in spanish
    index = html(app, "specialties")
    assert index.select_one("#specialty-anxiety .clinic-specialty-directory") is None


def test_a_profile_links_only_to_language_pages_the_site_has(
    make_app: Any, rootdir: Path, tmp_path: Path
) -> None:
    """A cap that leaves a language without its facet page: the profile names that
    language unlinked (the "clinicians who speak" pages give way to the facet's)."""
    src = tmp_path / "facets"
    shutil.copytree(rootdir / "test-facets", src)
    edit(
        src / "clinicians/index.md",
        "# Our clinicians\n\n```{clinician-directory}\n:filters: language\n:filter-pages: 1\n```\n",
    )
    app = make_app("html", srcdir=src, freshenv=True)
    app.build()
    out = Path(app.outdir)
    for profile in ("ana-lima", "cleo-diaz", "ben-okafor"):
        page = html(app, f"clinicians/{profile}")
        row = next(
            f
            for f in page.select(".clinic-profile-details dt")
            if f.get_text(strip=True).startswith("Languages")
        ).find_next_sibling("dd")
        for link in row.select("a"):
            assert (out / "clinicians" / link["href"]).is_file(), (profile, link["href"])
    assert not (out / "clinicians/language").exists()
    cleo = html(app, "clinicians/cleo-diaz")
    assert "Portuguese" in cleo.select_one(".clinic-profile-details").get_text()


def test_a_second_filtered_directory_on_the_same_page_warns(
    make_app: Any, rootdir: Path, tmp_path: Path
) -> None:
    src = tmp_path / "facets"
    shutil.copytree(rootdir / "test-facets", src)
    edit(
        src / "clinicians/index.md",
        "# Our clinicians\n\n```{clinician-directory}\n:filters:\n```\n\n"
        "## Taking new clients\n\n```{clinician-directory}\n:accepting:\n:filters:\n```\n",
    )
    app = make_app("html", srcdir=src, freshenv=True)
    app.build()
    found = [w for w in warnings(app) if "only one directory on a page" in w]
    assert len(found) == 1 and "clinicians/index.md:9: WARNING:" in found[0], found
    assert "[clinic.directive]" in found[0]
    page = html(app, "clinicians/index")
    assert len(page.select(".clinic-filters")) == 1
    # The second lists its own clinicians (accepting only), as cards without filters.
    second = page.select(".clinic-directory")[-1]
    assert [a.get_text() for a in second.select(".clinic-card-name a")] == ["Ana Lima"]


def test_the_site_links_into_a_directory_that_keeps_only_some_clinicians_nowhere(
    make_app: Any, rootdir: Path, tmp_path: Path
) -> None:
    """A filtered directory of the accepting clinicians only: "Clinicians who speak
    Spanish" there is not every Spanish speaker, so badges, cards and profiles do not link
    to it; languages link to the pages of every clinician who speaks them instead."""
    src = tmp_path / "facets"
    shutil.copytree(rootdir / "test-facets", src)
    edit(
        src / "clinicians/index.md",
        "# Our clinicians\n\n```{clinician-directory}\n:filters:\n:accepting:\n```\n",
    )
    app = make_app("html", srcdir=src, freshenv=True)
    app.build()
    out = Path(app.outdir)
    card = html(app, "cards").select_one(".clinic-card")
    assert not [a for a in card.select("a") if "/filter/" in a["href"]]
    cleo = html(app, "clinicians/cleo-diaz")
    links = [a["href"] for a in cleo.select(".clinic-profile-details a")]
    assert "language/spanish.html" in links and not [h for h in links if "filter/" in h]
    assert (out / "clinicians/language/spanish.html").is_file()
    assert (out / "clinicians/filter/language-spanish.html").is_file()  # the directory's own


#: Issue 15: no hub page over 100 KB at 1,000 articles; the directory keeps a margin.
DIRECTORY_LIMIT_KB = 90


def test_the_directory_of_fifty_clinicians_stays_under_its_size(benchmark_hubs: BuiltSite) -> None:
    """The benchmark's directory (``benchmarks/hub_sizes.py``: 50 clinicians, every
    filter; its size does not depend on the articles) was 128 KB: a second directory of
    the accepting clinicians repeated 18 cards, and each card repeated docutils' classes
    and every facet and value name in full. Readers still get every card whole."""
    site, out = benchmark_hubs
    path = out / "clinicians" / "index.html"
    size = path.stat().st_size
    assert size <= DIRECTORY_LIMIT_KB * 1024, f"{size / 1024:.1f} KB"
    page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    cards = page.select(".clinic-directory-item .clinic-card")
    assert len(cards) == 50
    for card in cards:
        for part in ("name", "meta", "summary", "status", "more"):
            assert card.select_one(f".clinic-card-{part}") is not None, (part, card)
        assert card.select("ul.clinic-specialties > li > a")
    # Who is taking new clients: a filter, with a page of its own for readers without
    # JavaScript (the page lists every one of them).
    accepting = page.select_one('.clinic-facet[data-facet="availability"] [data-value="accepting"]')
    assert accepting["href"] == "filter/availability-accepting.html"
    facet_page = path.parent / "filter" / "availability-accepting.html"
    wanted = sum(c.accepting == "accepting" for c in site.clinicians)
    listed = BeautifulSoup(facet_page.read_text(encoding="utf-8"), "html.parser")
    assert len(listed.select(".clinic-directory .clinic-card")) == wanted
