"""The WordPress / Squarespace importer: real exports in, a site that builds with -W out."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import html, warnings
from sphinx_clinic.cli import main, read_front_matter
from sphinx_clinic.importer.convert import Resolvers, convert_html
from sphinx_clinic.importer.people import Profile, match_author, repeats_profile
from sphinx_clinic.importer.redirects import old_paths
from sphinx_clinic.importer.run import page_name
from sphinx_clinic.importer.wxr import Author, Channel, ExportError, read_export
from wxrgen import AUTHORS, permalink, post_slug, write_export

EXPORTS = Path(__file__).parent / "exports"
WORDPRESS = EXPORTS / "wordpress-6.xml"
SQUARESPACE = EXPORTS / "squarespace.xml"
HOSTILE = EXPORTS / "hostile.xml"
MEDIA = EXPORTS / "media"


@pytest.fixture
def site(rootdir: Path, tmp_path: Path) -> Path:
    """A private copy of the ``test-import`` site."""
    path = tmp_path / "site"
    shutil.copytree(rootdir / "test-import", path)
    return path


def run_import(site: Path, export: Path, *options: str) -> list[str]:
    return ["import", "wordpress", str(export), "--docs", str(site), "-q", *options]


def build(make_app: Any, srcdir: Path) -> Any:
    app = make_app("html", srcdir=srcdir, freshenv=True)
    app.build()
    return app


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` with a digest of its content."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and "_build" not in p.parts
    }


def main_text(app: Any, docname: str) -> BeautifulSoup:
    page = html(app, docname)
    found = page.select_one("article") or page.select_one('[role="main"]')
    assert found is not None
    return found


WORDPRESS_OPTIONS = ("--media", str(MEDIA), "--author-map", "harborlight-admin=ben-okafor")


@pytest.fixture
def imported(site: Path, capsys: pytest.CaptureFixture[str]) -> tuple[Path, str]:
    code = main(run_import(site, WORDPRESS, *WORDPRESS_OPTIONS))
    out, err = capsys.readouterr()
    assert code == 0, err
    return site, out


# -- a WordPress 6 export -------------------------------------------------------------


def test_the_report_says_what_was_imported_and_what_was_not(imported: tuple[Path, str]) -> None:
    _site, out = imported
    lines = out.splitlines()
    assert lines[:6] == [
        "Imported from WordPress: 5 articles (2 drafts), 1 pages.",
        "Authors: 3 matched, 1 new profiles to review.",
        "Specialties: 4 categories and tags mapped, 3 unmapped.",
        "Images: 1 copied, 1 missing (each left as a TODO comment on its page).",
        "Links between posts rewritten: 4; redirects: 19 old addresses.",
        "Author bios removed (the site shows the author's card): 2; 'Next' links removed: 1.",
    ]
    assert "  - Rosa James -> rosa-james" in lines
    assert "  - Front desk -> ben-okafor (--author-map)" in lines
    assert "  - Relationship; did you mean 'relationships'? (1 post)" in lines
    assert "  - worry -> anxiety (2 posts)" in lines
    assert any(line.startswith("  - articles/worry.md exists and is not post 24") for line in lines)
    assert "  - post 22 'Old announcement' (line 352): in the trash" in lines
    night = next(line for line in lines if "sleep-when-you-work-nights.md (export line" in line)
    for dropped in (
        "iframe (calendly.example)",
        "script (www.googletagmanager.com)",
        "tracking pixel (www.facebook.com)",
        "unsafe link (javascript:)",
        "2 × inline style",
        "embed (kept as a link) (www.youtube.com)",
    ):
        assert dropped in night
    missing = [line for line in lines if "hands-300x200.jpg" in line]
    assert missing == [
        "  - https://harborlight.example/wp-content/uploads/2024/05/hands-300x200.jpg (in "
        "articles/grief-does-not-follow-a-schedule.md (export line 244))"
    ]


def test_posts_become_articles_with_front_matter_and_a_title(imported: tuple[Path, str]) -> None:
    site, _out = imported
    page = site / "articles" / "what-to-expect-in-your-first-session.md"
    meta = read_front_matter(page)
    assert meta == {
        # 21:30 in the site's time zone, the next day in UTC: the reader saw March 5.
        "date": __import__("datetime").date(2024, 3, 5),
        "updated": __import__("datetime").date(2024, 4, 1),
        "author": "ana-lima",
        "specialties": ["anxiety"],
        "summary": "What happens in a first therapy session, and what to bring.",
        "image": "images/tea.jpg",
        "image_alt": "A cup of tea on a windowsill",
    }
    text = page.read_text(encoding="utf-8")
    assert "\n# What to expect in your first session\n" in text
    assert "\n## Before you arrive\n" in text
    # h2 then h4 on the old site: MyST would warn about the skipped level.
    assert "\n### What to bring\n" in text
    assert "<!--" not in text and "wp:" not in text
    draft = read_front_matter(site / "articles" / "sleep-when-you-work-nights.md")
    assert draft["draft"] is True and draft["author"] == "ben-okafor"
    private = read_front_matter(site / "articles" / "notes-for-the-team.md")
    assert private["draft"] is True
    # The page written on the new site is left as it is.
    assert "written on the new site" in (site / "articles" / "worry.md").read_text()


def test_the_imported_site_builds_without_warnings(
    imported: tuple[Path, str], make_app: Any
) -> None:
    site, _out = imported
    app = build(make_app, site)
    assert warnings(app) == []
    article = main_text(app, "articles/what-to-expect-in-your-first-session")
    assert article.h1.get_text().rstrip("¶") == "What to expect in your first session"
    byline = article.select_one("p.clinic-byline").get_text(" ", strip=True)
    assert "Ana Lima" in byline and "March 5, 2024" in byline and "April 1, 2024" in byline
    card = article.select_one("section#about-the-author .clinic-card-name")
    assert card.get_text(" ", strip=True).startswith("Ana Lima")
    assert article.select_one("table") is not None
    assert article.select_one("blockquote").get_text(" ", strip=True).startswith("You do not")
    assert [img["src"] for img in article.select("section img")] == ["../_images/tea.jpg"]
    links = {a.get_text(): a["href"] for a in article.find_all("a")}
    assert links["our post on grief"] == "grief-does-not-follow-a-schedule.html"
    # The pasted bio and the "Next" link are gone: the extension adds the card and prev/next.
    paragraphs = [p.get_text() for p in article.select("section > p:not([class])")]
    assert not any("licensed clinical social worker" in p for p in paragraphs)
    assert not any(p.startswith("Next:") for p in paragraphs)
    grief = main_text(app, "articles/grief-does-not-follow-a-schedule")
    assert "Rosa James" in grief.select_one("section#about-the-author .clinic-card").get_text()
    assert grief.find("a", string="our first-session post")["href"] == (
        "what-to-expect-in-your-first-session.html"
    )
    profile = read_front_matter(site / "clinicians" / "rosa-james.md")
    assert profile["summary"] == (
        "Rosa James is a grief counselor. I help people carry loss at their own pace."
    )
    night = main_text(app, "articles/sleep-when-you-work-nights")
    assert night.find("iframe") is None and night.find("script") is None
    assert night.find("a", href="https://www.youtube.com/watch?v=abc123") is not None
    assert "our live chat" in night.get_text()
    assert not any(a["href"].startswith("javascript") for a in night.find_all("a", href=True))


def test_old_addresses_redirect_to_the_new_pages(imported: tuple[Path, str], make_app: Any) -> None:
    site, _out = imported
    app = build(make_app, site)
    out = Path(app.outdir)
    static = (out / "_redirects").read_text(encoding="utf-8").splitlines()
    new = "/articles/what-to-expect-in-your-first-session.html"
    for old in (
        "/2024/03/05/what-to-expect-in-your-first-session/",
        "/2024/03/what-to-expect-in-your-first-session/",
        "/blog/what-to-expect-in-your-first-session/",
    ):
        assert f"{old} {new} 301" in static
        page = out / old.strip("/") / "index.html"
        refresh = BeautifulSoup(page.read_text(), "html.parser").find("meta")
        assert refresh["content"] == "0; url=" + "../" * old.strip("/").count("/") + ".." + new
    assert f"/ p=12 {new} 301" in static
    assert "/ page_id=30 /pages/our-team.html 301" in static
    # Nothing redirects from the page that was already there.
    assert not any(line.startswith("/2024/07/01/worry") for line in static)


def test_a_second_run_changes_nothing(
    imported: tuple[Path, str], capsys: pytest.CaptureFixture[str]
) -> None:
    site, _out = imported
    before = snapshot(site)
    assert main(run_import(site, WORDPRESS, *WORDPRESS_OPTIONS)) == 0
    out = capsys.readouterr().out
    assert "Nothing to do: every page of the export is already here." in out
    assert "Imported from WordPress: 5 articles (2 drafts), 1 pages." in out
    assert snapshot(site) == before


def test_dry_run_prints_the_plan_and_writes_nothing(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = snapshot(site)
    assert main(run_import(site, WORDPRESS, "--dry-run", *WORDPRESS_OPTIONS)) == 0
    out = capsys.readouterr().out
    assert out.startswith("Would import from WordPress: 5 articles (2 drafts), 1 pages.")
    assert f"would write {site}/articles/grief-does-not-follow-a-schedule.md" in out
    assert f"would write {site}/clinicians/rosa-james.md" in out
    assert f"would write {site}/_redirects" in out
    assert snapshot(site) == before


def test_drafts_can_be_left_out_and_unmapped_terms_added(
    site: Path, capsys: pytest.CaptureFixture[str], make_app: Any
) -> None:
    options = ("--skip-drafts", "--add-specialties", "--no-pages", *WORDPRESS_OPTIONS)
    assert main(run_import(site, WORDPRESS, *options)) == 0
    out = capsys.readouterr().out
    assert "Imported from WordPress: 3 articles (0 drafts), 0 pages." in out
    assert not (site / "articles" / "sleep-when-you-work-nights.md").exists()
    assert not (site / "pages").exists()
    vocabulary = yaml.safe_load((site / "specialties.yaml").read_text(encoding="utf-8"))
    added = {entry["id"]: entry["label"] for entry in vocabulary[4:]}
    assert added == {
        "first-session": "First session",
        "relationship": "Relationship",
        "couples-counselling": "Couples counselling",
    }
    couples = read_front_matter(site / "articles" / "couples-therapy-how-it-works.md")
    assert couples["specialties"] == ["relationship", "couples-counselling"]
    assert warnings(build(make_app, site)) == []


def test_specialty_map_and_author_map_from_a_file(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    authors = tmp_path / "authors.yaml"
    authors.write_text("Front desk: ana-lima\nrjames: ben-okafor\n", encoding="utf-8")
    options = ("--author-map", str(authors), "--specialty-map", "Relationship=relationships")
    assert main(run_import(site, WORDPRESS, *options)) == 0
    out = capsys.readouterr().out
    assert "Authors: 4 matched, 0 new profiles to review." in out
    couples = read_front_matter(site / "articles" / "couples-therapy-how-it-works.md")
    assert couples["author"] == "ana-lima" and couples["specialties"] == ["relationships"]
    grief = site / "articles" / "grief-does-not-follow-a-schedule.md"
    # Ben's profile does not say what the pasted bio says: it stays in the body.
    assert "Rosa James is a grief counselor" in grief.read_text(encoding="utf-8")
    assert "Bios kept (they differ from the profile) (1):" in out


# -- a Squarespace export --------------------------------------------------------------


def test_a_squarespace_export_imports_and_builds(
    site: Path, capsys: pytest.CaptureFixture[str], make_app: Any
) -> None:
    media = ("--media", str(MEDIA / "squarespace"))
    assert main(["import", "squarespace", str(SQUARESPACE), "--docs", str(site), "-q", *media]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Imported from Squarespace: 2 articles (0 drafts), 1 pages.")
    assert "  - Ana Lima -> ana-lima (name)" in out
    assert "  - New parents -> early-parenthood (2 posts)" in out
    page = site / "articles" / "slow-mornings.md"
    meta = read_front_matter(page)
    assert meta["date"].isoformat() == "2019-01-10"
    assert meta["specialties"] == ["early-parenthood"]
    app = build(make_app, site)
    assert warnings(app) == []
    article = main_text(app, "articles/slow-mornings")
    assert article.select_one("h2").get_text().rstrip("¶") == "Small things that help"
    assert [img["alt"] for img in article.select("section img")] == ["A stroller on a quiet street"]
    assert article.find("script") is None
    assert article.find("a", string="read about the baby blues")["href"] == (
        "baby-blues-or-more.html"
    )
    static = (Path(app.outdir) / "_redirects").read_text(encoding="utf-8")
    assert "/blog/2019/1/10/slow-mornings /articles/slow-mornings.html 301" in static
    contact = main_text(app, "pages/contact")
    assert contact.find("form") is None and contact.find("input") is None


# -- hostile and broken exports ---------------------------------------------------------


def test_a_hostile_export_reaches_neither_the_pages_nor_the_file_system(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], make_app: Any
) -> None:
    outside = snapshot(tmp_path)
    conf = (site / "conf.py").read_bytes()
    (tmp_path / "secret.txt").write_text("do not copy", encoding="utf-8")
    assert main(run_import(site, HOSTILE, "--media", str(MEDIA))) == 0
    capsys.readouterr()
    written = {
        p.relative_to(tmp_path).as_posix()
        for p in tmp_path.rglob("*")
        if p.is_file() and p.relative_to(tmp_path).as_posix() not in outside
    }
    written -= {f"site/{name}" for name in snapshot(site)}
    assert written == {"secret.txt"}
    assert (site / "conf.py").read_bytes() == conf
    assert sorted(p.name for p in (site / "articles").iterdir()) == [
        "conf.md",
        "evil.md",
        "worry.md",
    ]
    profile = read_front_matter(site / "clinicians" / "etc-mallory.md")
    assert profile["name"] == "../../etc/Mallory"
    app = build(make_app, site)
    assert warnings(app) == []
    for docname in ("articles/evil", "articles/conf", "clinicians/etc-mallory"):
        page = html(app, docname)
        for script in page.find_all("script"):
            if script.get("type") == "application/ld+json":
                continue  # data, not code: the title's text may say anything
            assert "alert" not in (script.string or "") and "alert" not in script.get("src", "")
        for element in page.find_all(True):
            assert not any(name.startswith("on") for name in element.attrs), element
            for name in ("href", "src"):
                value = str(element.get(name, "")).replace("\t", "").lower()
                assert not value.startswith(("javascript:", "data:")), element
        assert page.find(["iframe", "object", "svg", "embed"]) is None
    body = main_text(app, "articles/evil").get_text()
    # Text that looked like markup is shown as the text it was.
    assert "<script>alert(" in body and "escaped" in body  # quotes are smartened
    assert "{raw} html" in body and "% a MyST comment" in body


def test_a_truncated_export_is_located_and_nothing_is_written(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = WORDPRESS.read_text(encoding="utf-8")
    cut = text.index("<wp:post_id>26</wp:post_id>")
    broken = tmp_path / "export.xml"
    broken.write_text(text[:cut], encoding="utf-8")
    before = snapshot(site)
    assert main(run_import(site, broken, *WORDPRESS_OPTIONS)) == 1
    err = capsys.readouterr().err
    line = text[:cut].count("\n") + 1
    assert f"{broken}:{line}:" in err
    assert "not well-formed XML" in err and "nothing was written" in err
    assert snapshot(site) == before


def test_a_failure_half_way_undoes_the_import(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # _redirects, written last, is a folder: the pages, the picture and the new profile
    # were written by then.
    (site / "_redirects").mkdir()
    (site / "_redirects" / "keep.txt").write_text("in the way", encoding="utf-8")
    before = snapshot(site)
    assert main(run_import(site, WORDPRESS, *WORDPRESS_OPTIONS)) == 1
    err = capsys.readouterr().err
    assert "cannot write it" in err and "the import was undone, nothing was written" in err
    assert snapshot(site) == before
    assert not (site / "pages").exists() and not (site / "articles" / "images").exists()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("<html><body>not an export</body></html>", "this is not a WordPress export"),
        (
            '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa">'
            '<!ENTITY b "&a;&a;&a;&a;&a;&a;">]><rss><channel><title>&b;</title></channel></rss>',
            "declares entities",
        ),
        ('<?xml version="1.0"?><rss version="2.0"></rss>', "has no <channel>"),
    ],
)
def test_files_that_are_not_exports_are_refused(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "export.xml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ExportError, match=message):
        list(read_export(path, Channel()))


# -- a few dozen posts by several authors -----------------------------------------------


def test_a_generated_export_of_dozens_of_posts_builds(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], make_app: Any
) -> None:
    export = write_export(tmp_path / "generated.xml", posts=36)
    media = ("--media", str(MEDIA), "--add-specialties")
    assert main(run_import(site, export, *media)) == 0
    out = capsys.readouterr().out
    assert out.startswith("Imported from WordPress: 36 articles (3 drafts), 0 pages.")
    assert "Authors: 2 matched, 2 new profiles to review." in out
    app = build(make_app, site)
    assert warnings(app) == []
    static = (Path(app.outdir) / "_redirects").read_text(encoding="utf-8")
    for index in range(36):
        new = f"/articles/{post_slug(index)}.html"
        assert f"{permalink(index).removeprefix('https://practice.example')} {new} 301" in static
        assert f"/ p={1000 + index} {new} 301" in static
        article = main_text(app, f"articles/{post_slug(index)}")
        card = article.select_one("section#about-the-author .clinic-card-name")
        assert card is not None and AUTHORS[index % 4][1] in card.get_text()
        assert article.select_one("p.clinic-byline") is not None


# -- the parts, without Sphinx ------------------------------------------------------------


def test_block_markup_becomes_clean_myst() -> None:
    result = convert_html(
        '<!-- wp:heading {"level":1} --><h1>Top</h1><!-- /wp:heading -->'
        "<h4>Deep</h4><h2>Back</h2><p>A | b and 50% and $5 and {x}</p>"
        "<pre>```code```</pre><ul><li>one</li><li>two</li></ul>"
    )
    assert result.markdown == (
        "## Top\n\n### Deep\n\n### Back\n\nA \\| b and 50% and \\$5 and \\{x\\}\n\n"
        "````text\n```code```\n````\n\n- one\n- two\n"
    )


def test_classic_editor_text_gets_its_paragraphs() -> None:
    result = convert_html("First line\nsame paragraph.\n\nSecond.\n<h2>Head</h2>\nAfter.")
    assert result.markdown == "First line\nsame paragraph.\n\nSecond.\n\n## Head\n\nAfter.\n"


def test_a_bio_is_removed_only_when_it_repeats_the_profile() -> None:
    body = "<p>Text.</p><h3>About the author</h3><p>Ana is a social worker in Portland.</p>"
    profile = "Ana Lima is a licensed clinical social worker in Portland."
    kept = convert_html(body, Resolvers(remove_bio=lambda bio: repeats_profile(bio, "Ben")))
    assert "About the author" in kept.markdown and not kept.bio_removed
    gone = convert_html(body, Resolvers(remove_bio=lambda bio: repeats_profile(bio, profile)))
    assert gone.markdown == "Text.\n" and gone.bio == "Ana is a social worker in Portland."


def test_authors_are_matched_by_map_login_and_name() -> None:
    profiles = {"ana-lima": Profile("ana-lima", "Ana Lima"), "bo": Profile("bo", "Bo Ek")}
    ana = Author("alima", "Ana  LIMA")
    assert match_author(ana, profiles, {}).how == "name"
    assert match_author(Author("bo"), profiles, {}).how == "login"
    assert match_author(ana, profiles, {"alima": "bo"}).clinician_id == "bo"
    new = match_author(Author("x", "Bo Ek Jr"), profiles, {}, taken={"bo-ek-jr"})
    assert (new.clinician_id, new.created) == ("bo-ek-jr-2", True)


@pytest.mark.parametrize(
    ("slug", "title", "name"),
    [
        ("../../../../tmp/evil", "T", "evil"),
        ("%2e%2e%2f%2e%2e%2fconf", "T", "conf"),
        ("2019/1/10/slow-mornings", "T", "slow-mornings"),
        ("", "Café & tea", "cafe-tea"),
        ("", "", "post-7"),
    ],
)
def test_page_names_are_never_paths(slug: str, title: str, name: str) -> None:
    assert page_name(slug, title, 7) == name


def test_old_addresses_of_a_post() -> None:
    assert old_paths(
        "https://a.example/2024/03/05/hi/", 12, "hi", "2024-03-05 21:30:00", "post"
    ) == [
        "/2024/03/05/hi/",
        "/?p=12",
        "/blog/hi/",
        "/2024/03/hi/",
    ]
