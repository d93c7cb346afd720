"""Incremental builds equal fresh ones, ``-j 2`` equals ``-j 1``, and edits rewrite little.

Every case builds a generated site (:mod:`sitegen`: 64 articles, 8 clinicians, 12
specialties, drafts, reviews, co-authors, same-date ties), edits it, rebuilds it
incrementally and compares the output with a fresh build of the edited sources: every
file of the HTML output, ``objects.inv`` decompressed and sorted. Only what Sphinx
itself does not promise is left out of the comparison:

* Sphinx never deletes the output of a deleted source (``x.html``, ``_sources/x.md.txt``):
  such leftovers are allowed, and only for deleted pages;
* Sphinx does not re-resolve other pages' links to a deleted page: an edit that deletes an
  article also removes the links to it from other pages (as an author must);
* Sphinx leaves furo's global sidebar stale on other pages after a retitle: articles are
  never in the global toctree, so no edit changes it;
* Sphinx's incremental ``searchindex.js`` keeps a deleted page's title words, with no
  pages (``"takeda": []``), and loses the ``indexentries`` of every page it does not
  rewrite (Sphinx 9.0: an orphan page with ``.. index:: apple`` and an edit elsewhere is
  enough): empty words and ``indexentries`` are dropped before comparing.

The sites use the directives and roles that the installed sphinx-clinic registers
(:func:`sitegen.registered_features`), so the tests grow with the extension.
"""

from __future__ import annotations

import datetime as dt
import difflib
import io
import json
import re
import shutil
import zlib
from collections.abc import Callable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, given, note, settings
from hypothesis import strategies as st
from sphinx.application import Sphinx
from sphinx.util.docutils import docutils_namespace, patch_docutils

import sitegen
from sitegen import Site

FEATURES = sitegen.registered_features()
SITE = sitegen.generate(articles=64, clinicians=8, specialties=12, seed=7)

#: HTML pages Sphinx writes on every build, whatever changed.
WHOLE_SITE_PAGES = frozenset({"genindex.html", "search.html"})
#: The directory's facet pages (generated, no source): compared by content like every
#: output, but not counted as written; until the generated-pages mechanism (branch
#: paginate) skips unchanged ones, every build writes them all.
GENERATED_FOLDER = "clinicians/filter/"

_ANSI = re.compile(r"\x1b\[[0-9;]*m")


# -- building ---------------------------------------------------------------------------


@dataclass
class Build:
    """What one build did: the pages it read and wrote, and its warnings."""

    read: set[str] = field(default_factory=set)
    written: set[str] = field(default_factory=set)  # HTML files, relative to the outdir
    warnings: list[str] = field(default_factory=list)
    # Sphinx rewrites the pages whose toctree lists a page it writes (furo's sidebar).
    toctree_parents: dict[str, set[str]] = field(default_factory=dict)

    def with_parents(self, pages: set[str]) -> set[str]:
        """``pages`` (HTML files) and the pages Sphinx writes with them."""
        docnames = {page.removesuffix(".html") for page in pages}
        parents = {p for d in docnames for p in self.toctree_parents.get(d, ())}
        return pages | {f"{p}.html" for p in parents}


def build(root: Path, *, fresh: bool = False, parallel: int = 1) -> Build:
    """Build ``root/src`` into ``root/out`` in this process (incrementally unless fresh)."""
    result = Build()
    warning = io.StringIO()
    src = root / "src"

    def read(app: Sphinx, env: Any, docnames: list[str]) -> None:
        result.read.update(docnames)

    def written(app: Sphinx, pagename: str, *args: Any) -> None:
        if not pagename.startswith(GENERATED_FOLDER):
            result.written.add(f"{pagename}.html")

    with patch_docutils(src), docutils_namespace():
        app = Sphinx(
            src,
            src,
            root / "out" / "html",
            root / "out" / "doctrees",
            "html",
            status=None,
            warning=warning,
            freshenv=fresh,
            parallel=parallel,
        )
        app.connect("env-before-read-docs", read)
        # Counted in this process: exact for serial builds (-j 2 writes in children).
        app.connect("html-page-context", written)
        app.build()
        result.toctree_parents = {k: set(v) for k, v in app.env.files_to_rebuild.items()}
    result.warnings = [
        line for line in _ANSI.sub("", warning.getvalue()).splitlines() if line.strip()
    ]
    return result


def outputs(root: Path) -> dict[str, Path]:
    """Every file of the HTML output, by relative path."""
    out = root / "out" / "html"
    return {p.relative_to(out).as_posix(): p for p in sorted(out.rglob("*")) if p.is_file()}


def comparable(relative: str, path: Path) -> str | bytes:
    """A file's content, with only what Sphinx varies normalised."""
    data = path.read_bytes()
    if relative == "objects.inv":
        header, _, body = data.partition(b"zlib.\n")
        lines = zlib.decompress(body).decode().splitlines()
        return header.decode() + "\n".join(sorted(lines))
    if relative == "searchindex.js":
        text = data.decode("utf-8")
        index = json.loads(text[text.index("(") + 1 : text.rindex(")")])
        for key in ("terms", "titleterms"):
            index[key] = {word: pages for word, pages in index[key].items() if pages != []}
        index.pop("indexentries", None)
        return json.dumps(index, sort_keys=True, indent=0)
    if relative.endswith((".html", ".xml", ".js", ".json", ".txt", ".css")):
        return data.decode("utf-8")
    return data


def assert_same_output(
    incremental: Path,
    fresh: Path,
    deleted: AbstractSet[str] = frozenset(),
) -> None:
    """The incremental output equals the fresh one, but for deleted pages' leftovers."""
    got, want = outputs(incremental), outputs(fresh)
    allowed = {f"{d}.html" for d in deleted} | {f"_sources/{d}.md.txt" for d in deleted}
    assert set(got) - set(want) <= allowed, "output of a page that still exists is missing"
    assert not set(want) - set(got), f"not written incrementally: {sorted(set(want) - set(got))}"
    differing = [
        name for name in sorted(want) if comparable(name, got[name]) != comparable(name, want[name])
    ]
    if differing:
        first = differing[0]
        a, b = comparable(first, got[first]), comparable(first, want[first])
        diff = (
            "\n".join(
                list(
                    difflib.unified_diff(
                        str(b).splitlines(), str(a).splitlines(), "fresh", "incremental", n=1
                    )
                )[:40]
            )
            if isinstance(a, str)
            else "(binary)"
        )
        pytest.fail(f"{len(differing)} files differ: {differing[:10]}\n{first}:\n{diff}")


def html_pages(root: Path) -> dict[str, str]:
    return {
        name: path.read_text(encoding="utf-8")
        for name, path in outputs(root).items()
        if name.endswith(".html")
    }


# -- the built site, reused by every case ------------------------------------------------


class Workspace:
    """A built copy of :data:`SITE` restored at one path before each case.

    Sphinx discards an environment whose source folder moved, so the built site is
    always restored to the same ``work`` folder; fresh builds go to ``fresh``.
    """

    def __init__(self, base: Path) -> None:
        self.base = base
        self.work = base / "work"
        self.pristine = base / "pristine"
        self.fresh = base / "fresh"
        sitegen.write_site(SITE, self.work / "src", FEATURES)
        self.first_build = build(self.work, fresh=True)
        sitegen.copy_site(self.work, self.pristine)

    def restore(self) -> Path:
        shutil.rmtree(self.work)
        sitegen.copy_site(self.pristine, self.work)
        return self.work

    def fresh_build(self, site: Site) -> Build:
        shutil.rmtree(self.fresh, ignore_errors=True)
        sitegen.write_site(site, self.fresh / "src", FEATURES)
        return build(self.fresh, fresh=True)


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    return Workspace(tmp_path_factory.mktemp("equivalence"))


# -- the edits ----------------------------------------------------------------------------


def _middle(site: Site) -> str:
    """A published article in the middle of the chronology (it has two neighbours)."""
    published = site.published
    return published[len(published) // 2].slug


def _prolific(site: Site) -> str:
    """The clinician with the most articles."""
    counts = {c.id: 0 for c in site.clinicians}
    for article in site.articles:
        for author in article.authors:
            counts[author] = counts.get(author, 0) + 1
    return max(sorted(counts), key=lambda cid: counts[cid])


def _mentioned(site: Site) -> str:
    """A clinician who writes and is named in another article's text."""
    writers = {a for article in site.articles for a in article.authors}
    named = [a.mentions[0] for a in site.articles if a.mentions and a.mentions[0] in writers]
    return named[0] if named else _prolific(site)


def _other_authors(site: Site, slug: str) -> list[str]:
    current = site.article(slug).authors
    others = [c.id for c in site.clinicians if c.id not in current]
    return others[:2]


def _other_specialties(site: Site, slug: str) -> list[str]:
    current = set(site.article(slug).specialties)
    return [s.id for s in site.specialties if s.id not in current][-2:]


def _unsummarised(site: Site) -> str:
    """A published article whose summary is its first paragraph."""
    return next(a.slug for a in site.published if not a.summary and a.style == "h1")


def _first_draft(site: Site) -> str:
    return next(a.slug for a in site.articles if a.draft)


def _styled(site: Site, style: str) -> str:
    """A published article whose page gives its title in ``style`` (see sitegen)."""
    return next(a.slug for a in site.published if a.style == style)


def _post_author(site: Site) -> str:
    """The author of an article marked only by an ABlog ``post`` directive."""
    return site.article(_styled(site, "post")).authors[0]


EDITS: dict[str, Callable[[Site], Site]] = {
    "body": lambda s: sitegen.edit_body(s, _middle(s)),
    # A body edit that changes what listings show of the article: its reading time, or
    # its first paragraph (its summary, having none in its front matter).
    "body-reading-time": lambda s: sitegen.lengthen_body(s, _middle(s)),
    "first-paragraph": lambda s: sitegen.edit_first_paragraph(s, _unsummarised(s)),
    "title": lambda s: sitegen.retitle(s, _middle(s)),
    "date": lambda s: sitegen.redate(s, _middle(s)),
    "new-article": lambda s: sitegen.add_article(s),
    "deleted-article": lambda s: sitegen.delete_article(s, _middle(s)),
    "authors": lambda s: sitegen.set_authors(s, _middle(s), _other_authors(s, _middle(s))),
    "specialties": lambda s: sitegen.set_specialties(
        s, _middle(s), _other_specialties(s, _middle(s))
    ),
    "draft-published": lambda s: sitegen.publish(s, _first_draft(s)),
    "clinician-summary-and-credentials": lambda s: sitegen.edit_clinician(s, _prolific(s)),
    "clinician-facts": lambda s: sitegen.edit_clinician_facts(s, _prolific(s)),
    "clinician-deleted": lambda s: sitegen.delete_clinician(s, _mentioned(s)),
    "vocabulary": sitegen.edit_vocabulary,
    # Pages that give their title in front matter, have no heading, or are articles only
    # by their ABlog post directive (their JSON-LD once kept the old credentials).
    "title-in-front-matter": lambda s: sitegen.retitle(s, _styled(s, "front-matter")),
    "body-without-heading": lambda s: sitegen.edit_body(s, _styled(s, "no-heading")),
    "title-without-heading": lambda s: sitegen.retitle(s, _styled(s, "no-heading")),
    "post-directive-date": lambda s: sitegen.redate(s, _styled(s, "post")),
    "post-directive-author-credentials": lambda s: sitegen.edit_clinician(s, _post_author(s)),
    # A new language: new facet pages, the directory's filters, the clinician's cards.
    "clinician-languages": lambda s: sitegen.set_languages(
        s, _prolific(s), ["English", "Portuguese"]
    ),
    "bio-of-a-profile-without-summary": lambda s: sitegen.edit_clinician_bio(
        s, next(c.id for c in s.clinicians if not c.summary)
    ),
}


def _apply(workspace: Workspace, edited: Site, *, parallel: int = 1) -> Build:
    """Write ``edited`` over the restored work site and rebuild it incrementally."""
    sitegen.write_site(edited, workspace.work / "src", FEATURES)
    return build(workspace.work, parallel=parallel)


# -- tests ----------------------------------------------------------------------------------


def test_generated_site_has_every_feature() -> None:
    articles = SITE.articles
    assert len(articles) >= 60
    dates = [a.date for a in SITE.published]
    assert len(dates) > len(set(dates)), "no two published articles share a date"
    assert any(a.draft for a in articles)
    assert any(len(a.authors) > 1 for a in articles)
    assert any(a.reviewed_by for a in articles)
    assert any(a.see_also for a in articles)
    assert any(a.mentions for a in articles)
    assert any(not a.summary for a in articles) and any(a.summary for a in articles)
    without_summary = [c.id for c in SITE.clinicians if not c.summary]
    assert without_summary and any(without_summary[0] in a.authors for a in SITE.published)
    writers = {author for a in articles for author in a.authors}
    assert any(c.id not in writers for c in SITE.clinicians), "no clinician without articles"
    assert _mentioned(SITE) in {a.mentions[0] for a in articles if a.mentions}
    published_styles = {a.style for a in SITE.published}
    assert published_styles == {"h1", "front-matter", "no-heading", "post"}


def test_generated_site_builds_without_warnings(workspace: Workspace) -> None:
    assert workspace.first_build.warnings == []
    assert {f"{d}.html" for d in SITE.docnames} <= set(outputs(workspace.work))


@pytest.mark.parametrize("edit", list(EDITS))
def test_incremental_build_equals_fresh_build(workspace: Workspace, edit: str) -> None:
    work = workspace.restore()
    before = html_pages(work)
    edited = EDITS[edit](SITE)
    incremental = _apply(workspace, edited)
    workspace.fresh_build(edited)
    assert_same_output(work, workspace.fresh, deleted=SITE.docnames - edited.docnames)
    # Pages rewritten: those Sphinx reread, those whose output changed, the pages Sphinx
    # writes every time and the toctree parents it writes with them; nothing else.
    after = html_pages(work)
    changed = {
        name
        for name, text in after.items()
        if before.get(name) != text and not name.startswith(GENERATED_FOLDER)
    }
    reread = {f"{d}.html" for d in incremental.read}
    expected = incremental.with_parents(changed | reread) | WHOLE_SITE_PAGES
    assert sorted(incremental.written) == sorted(expected)


def test_body_edit_rewrites_one_page(workspace: Workspace) -> None:
    workspace.restore()
    slug = _middle(SITE)
    incremental = _apply(workspace, sitegen.edit_body(SITE, slug))
    docname = SITE.article(slug).docname
    assert incremental.read == {docname}
    assert incremental.written - WHOLE_SITE_PAGES == {f"{docname}.html"}
    assert len(incremental.written) == 1 + len(WHOLE_SITE_PAGES)


def test_retitle_rewrites_the_pages_that_show_the_title(workspace: Workspace) -> None:
    work = workspace.restore()
    slug = _middle(SITE)
    before = html_pages(work)
    incremental = _apply(workspace, sitegen.retitle(SITE, slug))
    after = html_pages(work)
    showing = {name for name, text in after.items() if before[name] != text}
    docname = SITE.article(slug).docname
    assert f"{docname}.html" in showing
    assert incremental.read == {docname}
    assert incremental.written == incremental.with_parents(showing) | WHOLE_SITE_PAGES
    # The old title is on no page any more; the pages that showed it are the ones rewritten.
    old = SITE.article(slug).title
    assert [name for name, text in after.items() if _escape(old) + "<" in text] == []
    shown_before = {name for name, text in before.items() if _escape(old) in text}
    assert shown_before - {"search.html", "genindex.html"} <= incremental.written
    assert len(incremental.written) < len(after) // 4


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# -- paginated listings ------------------------------------------------------------------

#: The archive (``articles/index``) shows ``clinic_per_page`` (20 by default) articles a
#: page; its pages 2.. are generated pages, ``articles/page/<n>``.
PER_PAGE = 20
_TITLE_LINK = re.compile(r'class="clinic-article-title[^>]*>\s*<a [^>]*href="([^"]+)"')


def archive_pages(root: Path) -> list[list[str]]:
    """The articles each page of the archive links to, page by page (as hrefs)."""
    out = root / "out" / "html"
    later = sorted((out / "articles" / "page").glob("*.html"), key=lambda p: int(p.stem))
    pages = [out / "articles" / "index.html", *later]
    return [_TITLE_LINK.findall(p.read_text(encoding="utf-8")) for p in pages]


def _newest(site: Site, position: int) -> str:
    """The slug of the published article at ``position`` of the archive (0: newest)."""
    return site.published[-1 - position].slug


def _over_the_boundary(site: Site) -> Site:
    """The last article of the archive's page 1 re-dated to just before the first of
    page 2: it moves to page 2."""
    slug, next_older = _newest(site, PER_PAGE - 1), site.published[-1 - PER_PAGE]
    return sitegen.redate(site, slug, next_older.date - dt.timedelta(days=1))


PAGINATION_EDITS: dict[str, Callable[[Site], Site]] = {
    "added-newest": lambda s: sitegen.add_article(s, date=s.published[-1].date + _DAY),
    "deleted-from-page-one": lambda s: sitegen.delete_article(s, _newest(s, 0)),
    "re-dated-across-a-page-boundary": _over_the_boundary,
    # A setting every page is read again for, with no record changing; at 6 a page the
    # specialties' own lists (generated pages whose page source reads it) split too.
    "per-page-setting": lambda s: sitegen.set_per_page(s, 6),
}
_DAY = dt.timedelta(days=1)


@pytest.mark.parametrize("edit", list(PAGINATION_EDITS))
def test_paginated_archive_after_an_edit_equals_fresh_build(
    workspace: Workspace, edit: str
) -> None:
    work = workspace.restore()
    before = archive_pages(work)
    assert len(before) >= 3 and all(len(p) == PER_PAGE for p in before[:-1])
    edited = PAGINATION_EDITS[edit](SITE)
    _apply(workspace, edited)
    workspace.fresh_build(edited)
    # Every generated page too: the same files, the same bytes, none left over.
    assert_same_output(work, workspace.fresh, deleted=SITE.docnames - edited.docnames)
    after = archive_pages(work)
    assert after == archive_pages(workspace.fresh) and after != before
    if edit == "re-dated-across-a-page-boundary":
        moved = f"{_newest(SITE, PER_PAGE - 1)}.html"
        assert [moved in " ".join(p) for p in before[:2]] == [True, False]
        assert [moved in " ".join(p) for p in after[:2]] == [False, True]


#: A profile's "Articles by" shows ``clinic_per_page`` of the clinician's articles; at 3
#: a page the first clinician's (every new article's author) runs over several pages.
PROFILE_PER_PAGE = 3


def profile_pages(root: Path, clinician_id: str) -> list[list[str]]:
    """The article slugs each page of a profile's "Articles by" links to, page by page."""
    out = root / "out" / "html" / "clinicians"
    later = sorted((out / clinician_id / "page").glob("*.html"), key=lambda p: int(p.stem))
    pages = [out / f"{clinician_id}.html", *later]
    return [[_slug(href) for href in _TITLE_LINK.findall(p.read_text("utf-8"))] for p in pages]


def _slug(href: str) -> str:
    """``ak-tran-12`` of ``../articles/ak-tran-12.html``."""
    return href.rsplit("/", 1)[-1].removesuffix(".html")


def _off_the_first_profile_page(site: Site, pages: list[list[str]]) -> Site:
    """The last article of the profile's page 1 re-dated to the day before page 2's
    first: it moves to a later page."""
    second = next(a for a in site.articles if a.slug == pages[1][0])
    return sitegen.redate(site, pages[0][-1], second.date - _DAY)


PROFILE_EDITS: dict[str, Callable[[Site, list[list[str]]], Site]] = {
    "added-newest": lambda s, _: sitegen.add_article(s, date=s.published[-1].date + _DAY),
    "deleted-from-page-one": lambda s, pages: sitegen.delete_article(s, pages[0][0]),
    "re-dated-across-a-page-boundary": _off_the_first_profile_page,
    "written-by-another": lambda s, pages: sitegen.set_authors(
        s, pages[0][1], [s.clinicians[1].id]
    ),
}


@pytest.mark.parametrize("edit", list(PROFILE_EDITS))
def test_paginated_profile_after_an_edit_equals_fresh_build(
    workspace: Workspace, edit: str
) -> None:
    """Pages 2..N of a profile's "Articles by" (generated pages) follow every edit that
    moves an article on, off or between them, as a fresh build makes them."""
    work = workspace.restore()
    site = sitegen.set_per_page(SITE, PROFILE_PER_PAGE)
    _apply(workspace, site)
    writer = SITE.clinicians[0].id
    before = profile_pages(work, writer)
    assert len(before) >= 3 and all(len(p) == PROFILE_PER_PAGE for p in before[:-1])
    edited = PROFILE_EDITS[edit](site, before)
    _apply(workspace, edited)
    workspace.fresh_build(edited)
    assert_same_output(work, workspace.fresh, deleted=SITE.docnames - edited.docnames)
    after = profile_pages(work, writer)
    assert after == profile_pages(workspace.fresh, writer) and after != before
    if edit == "re-dated-across-a-page-boundary":
        assert before[0][-1] not in after[0] and before[1][0] in after[0]


def test_parallel_build_equals_serial_build(tmp_path: Path) -> None:
    for parallel in (1, 2):
        sitegen.write_site(SITE, tmp_path / f"j{parallel}" / "src", FEATURES)
        build(tmp_path / f"j{parallel}", fresh=True, parallel=parallel)
    assert_same_output(tmp_path / "j2", tmp_path / "j1")


def test_parallel_incremental_build_equals_fresh_build(workspace: Workspace) -> None:
    work = workspace.restore()
    edited = sitegen.redate(sitegen.retitle(SITE, _middle(SITE)), _middle(SITE))
    _apply(workspace, edited, parallel=2)
    workspace.fresh_build(edited)
    assert_same_output(work, workspace.fresh)


# -- random sequences of edits ---------------------------------------------------------------

_RANDOM_EDITS: dict[str, Callable[[Site, int], Site]] = {
    "body": lambda s, i: sitegen.edit_body(s, _pick(s, i)),
    "body-reading-time": lambda s, i: sitegen.lengthen_body(s, _pick(s, i)),
    "title": lambda s, i: sitegen.retitle(s, _pick(s, i)),
    "date": lambda s, i: sitegen.redate(s, _pick(s, i), s.articles[i % len(s.articles)].date),
    "new-article": lambda s, i: sitegen.add_article(s, date=s.articles[i % len(s.articles)].date),
    "deleted-article": lambda s, i: sitegen.delete_article(s, _pick(s, i)),
    "authors": lambda s, i: sitegen.set_authors(
        s, _pick(s, i), [s.clinicians[i % len(s.clinicians)].id]
    ),
    "specialties": lambda s, i: sitegen.set_specialties(
        s, _pick(s, i), [s.specialties[i % len(s.specialties)].id]
    ),
    "draft-published": lambda s, i: sitegen.publish(s, _pick(s, i, drafts=True)),
    "clinician-summary-and-credentials": lambda s, i: sitegen.edit_clinician(
        s, s.clinicians[i % len(s.clinicians)].id
    ),
    "clinician-deleted": lambda s, i: sitegen.delete_clinician(
        s, s.clinicians[i % len(s.clinicians)].id
    ),
    "vocabulary": lambda s, i: sitegen.edit_vocabulary(s),
    "clinician-languages": lambda s, i: sitegen.set_languages(
        s, s.clinicians[i % len(s.clinicians)].id, [("Spanish", "Portuguese", "English")[i % 3]]
    ),
}


def _pick(site: Site, i: int, drafts: bool = False) -> str:
    pool = [a.slug for a in site.articles if a.draft] if drafts else []
    pool = pool or [a.slug for a in site.articles]
    return pool[i % len(pool)]


@settings(
    max_examples=5,
    deadline=None,
    # Each example builds the site a few times: report a failing sequence as found
    # (at most three edits) rather than spend minutes shrinking it.
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    edits=st.lists(
        st.tuples(st.sampled_from(sorted(_RANDOM_EDITS)), st.integers(0, 1000)),
        min_size=1,
        max_size=3,
    )
)
def test_random_edit_sequences(workspace: Workspace, edits: list[tuple[str, int]]) -> None:
    work = workspace.restore()
    site = SITE
    seen = set(SITE.docnames)
    for kind, i in edits:
        if kind == "clinician-deleted" and len(site.clinicians) < 2:
            continue
        site = _RANDOM_EDITS[kind](site, i)
        note(f"{kind} {i}")
        seen |= site.docnames
        _apply(workspace, site)
    workspace.fresh_build(site)
    assert_same_output(work, workspace.fresh, deleted=seen - site.docnames)
