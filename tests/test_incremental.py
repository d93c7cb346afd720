"""After an edit, an incremental build gives the pages a fresh build gives, and rewrites
only the pages whose shown data changed."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from conftest import warnings

Edit = Callable[[Path], None]


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, (path, old)
    path.write_text(text.replace(old, new))


def _html_files(outdir: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(outdir)): p.read_bytes()
        for p in sorted(outdir.rglob("*.html"))
        if p.name not in ("genindex.html", "search.html")
    }


def _mtimes(outdir: Path) -> dict[str, int]:
    return {str(p.relative_to(outdir)): p.stat().st_mtime_ns for p in outdir.rglob("*.html")}


class Site:
    """A copy of test-clinic (or ``root``), built incrementally, and fresh builds."""

    def __init__(
        self,
        make_app: Any,
        rootdir: Path,
        tmp_path: Path,
        parallel: int = 1,
        root: str = "test-clinic",
    ) -> None:
        self.make_app = make_app
        self.tmp = tmp_path
        self.src = tmp_path / "src"
        self.parallel = parallel
        shutil.copytree(rootdir / root, self.src)
        self.app = self.build(self.src, fresh=True)

    def build(self, src: Path, fresh: bool = False) -> Any:
        app = self.make_app("html", srcdir=src, freshenv=fresh, parallel=self.parallel)
        try:
            app.build()
        finally:
            app.cleanup()  # docutils registrations are global: one app at a time
        assert warnings(app) == []
        return app

    def edit_and_compare(self, edit: Edit, gone: tuple[str, ...] = ()) -> set[str]:
        """Apply ``edit``, rebuild incrementally, compare with a fresh build of the
        edited sources; return the HTML pages the incremental build rewrote."""
        before = _mtimes(self.app.outdir)
        edit(self.src)
        incremental = self.build(self.src)
        after = _mtimes(incremental.outdir)
        rewritten = {page for page, mtime in after.items() if before.get(page) != mtime}
        fresh_src = self.tmp / f"fresh-{len(list(self.tmp.iterdir()))}"
        shutil.copytree(self.src, fresh_src, ignore=shutil.ignore_patterns("_build"))
        fresh = self.build(fresh_src, fresh=True)
        got = _html_files(Path(incremental.outdir))
        for page in gone:  # Sphinx never deletes the output of a deleted source
            got.pop(page, None)
        want = _html_files(Path(fresh.outdir))
        assert sorted(got) == sorted(want)
        for page in want:
            assert got[page] == want[page], f"{page} differs from a fresh build"
        return rewritten - {"genindex.html", "search.html"}


@pytest.fixture
def site(make_app: Any, rootdir: Path, tmp_path: Path) -> Site:
    return Site(make_app, rootdir, tmp_path)


def test_bio_body_edit_rewrites_only_the_profile(site: Site) -> None:
    def edit(src: Path) -> None:
        _replace(src / "clinicians/ana-lima.md", "Ana's full bio.", "Ana's longer bio.")

    assert site.edit_and_compare(edit) == {"clinicians/ana-lima.html"}


def test_article_body_edit_rewrites_only_the_article(site: Site) -> None:
    def edit(src: Path) -> None:
        _replace(
            src / "articles/nights.md", "Kitchens at midnight.", "Kitchens at midnight.\n\nMore."
        )

    assert site.edit_and_compare(edit) == {"articles/nights.html"}


def test_clinician_summary_and_credentials(site: Site) -> None:
    def edit(src: Path) -> None:
        path = src / "clinicians/ben-okafor.md"
        _replace(path, "I help people with worry.", "I help people who worry a lot.")
        _replace(path, "credentials: [PhD, LMFT]", "credentials: [PsyD]")

    rewritten = site.edit_and_compare(edit)
    # Every page with Ben's card, byline or review stamp, and nothing else (Sphinx adds
    # index.html itself: its toctree lists pages that changed).
    assert rewritten == {
        "clinicians/ben-okafor.html",
        "cards.html",
        "directory.html",
        "specialties.html",
        "articles/worry.html",
        "articles/first-weeks.html",
        "articles/nights.html",
        "index.html",
    }


def test_retitle_updates_neighbours_listings_and_indexes(site: Site) -> None:
    def edit(src: Path) -> None:
        _replace(src / "articles/loss-a.md", "# Loss, part A", "# Loss, the first part")

    rewritten = site.edit_and_compare(edit)
    assert {
        "articles/loss-a.html",
        "articles/worry.html",
        "articles/loss-b.html",
        "archive.html",
        "specialties.html",
        "clinicians/cleo-x.html",
    } <= rewritten
    assert "articles/nights.html" not in rewritten
    assert "directory.html" not in rewritten


def test_redate_moves_the_article(site: Site) -> None:
    def edit(src: Path) -> None:
        _replace(src / "articles/first-weeks.md", "date: 2025-01-10", "date: 2026-05-05")

    site.edit_and_compare(edit)


def test_new_and_deleted_article(site: Site) -> None:
    def add(src: Path) -> None:
        (src / "articles/new.md").write_text(
            "---\ndate: 2025-04-01\nauthor: ana-lima\nspecialties: [grief]\n---\n\n"
            "# New one\n\nHi.\n"
        )

    site.edit_and_compare(add)

    def delete(src: Path) -> None:
        (src / "articles/worry.md").unlink()

    site.edit_and_compare(delete, gone=("articles/worry.html",))


def test_article_authors_and_specialties(site: Site) -> None:
    def edit(src: Path) -> None:
        path = src / "articles/nights.md"
        _replace(path, "author: ben-okafor", "authors: [ben-okafor, cleo-x]")
        _replace(path, "specialties: [hospitality-work]", "specialties: [hospitality-work, worry]")

    site.edit_and_compare(edit)


def test_draft_published(site: Site) -> None:
    def edit(src: Path) -> None:
        _replace(src / "articles/secret-draft.md", "draft: true\n", "")

    site.edit_and_compare(edit)


def test_clinician_deleted(site: Site) -> None:
    def edit(src: Path) -> None:
        (src / "clinicians/cleo-x.md").unlink()
        # Her articles would now warn about an unknown author; hand them to Ana.
        for name in ("loss-a", "loss-b"):
            _replace(src / f"articles/{name}.md", "author: cleo-x", "author: ana-lima")
        _replace(src / "cards.md", "{author-card} cleo-x", "{author-card} ana-lima")

    site.edit_and_compare(edit, gone=("clinicians/cleo-x.html",))


def test_vocabulary_edit(site: Site) -> None:
    def edit(src: Path) -> None:
        _replace(src / "specialties.yaml", "label: Early parenthood", "label: Becoming a parent")
        _replace(
            src / "specialties.yaml", "aliases: [worry, panic]", "aliases: [worry, panic, fear]"
        )

    site.edit_and_compare(edit)


def test_vocabulary_alias_moves_an_article(site: Site) -> None:
    """An article names its specialty by an alias; the alias moves to another specialty.
    Articles resolve aliases while read, so the article must be read again."""

    def edit(src: Path) -> None:
        path = src / "specialties.yaml"
        _replace(path, "aliases: [postpartum, new parents]", "aliases: [new parents]")
        _replace(path, "aliases: [worry, panic]", "aliases: [worry, panic, postpartum]")

    rewritten = site.edit_and_compare(edit)
    assert {"articles/first-weeks.html", "specialties.html"} <= rewritten


def test_parallel_build_equals_serial(make_app: Any, rootdir: Path, tmp_path: Path) -> None:
    serial = Site(make_app, rootdir, tmp_path / "j1")
    parallel = Site(make_app, rootdir, tmp_path / "j2", parallel=2)
    assert _html_files(Path(parallel.app.outdir)) == _html_files(Path(serial.app.outdir))


def test_body_edit_reuses_the_validated_front_matter(
    make_app: Any, rootdir: Path, tmp_path: Path
) -> None:
    """An article read again with the same front matter keeps what it was validated into,
    problems included: they are reported again, at the same lines. A front matter edit
    is validated again."""
    src = tmp_path / "src"
    shutil.copytree(rootdir / "test-clinic", src)
    page = src / "articles/nights.md"
    _replace(
        page, "specialties: [hospitality-work]", "specialties: [hospitality-work]\ndraft: maybe"
    )

    def build(fresh: bool = False) -> list[str]:
        app = make_app("html", srcdir=src, freshenv=fresh)
        try:
            app.build()
        finally:
            app.cleanup()
        return [line for line in warnings(app) if "nights.md" in line]

    first = build(fresh=True)
    assert len(first) == 1 and "nights.md:5:" in first[0] and "'draft'" in first[0], first
    _replace(page, "Kitchens at midnight.", "Kitchens at midnight.\n\nMore.")
    assert build() == first
    _replace(page, "draft: maybe", "draft: false")
    assert build() == []


_BUILD_AND_SAY_IF_PYDANTIC = (
    "import sys; from sphinx.cmd.build import build_main; "
    "status = build_main(sys.argv[1:]); print(status, 'pydantic' in sys.modules)"
)


def test_body_edit_builds_without_pydantic(rootdir: Path, tmp_path: Path) -> None:
    """Validating front matter is what needs pydantic (a slow import), so a build that
    reads only a body edit does not import it; one that reads new front matter does."""
    src = tmp_path / "src"
    shutil.copytree(rootdir / "test-clinic", src)

    def build() -> list[str]:
        command = [sys.executable, "-c", _BUILD_AND_SAY_IF_PYDANTIC, "-q", "-b", "html"]
        done = subprocess.run(
            [*command, str(src), str(tmp_path / "out")], capture_output=True, text=True
        )
        assert done.returncode == 0, done.stderr
        return done.stdout.split()[-2:]

    assert build() == ["0", "True"]
    _replace(src / "articles/nights.md", "Kitchens at midnight.", "Busy kitchens, late at night.")
    assert build() == ["0", "False"]
    _replace(src / "articles/nights.md", "date: 2026-02-03", "date: 2026-02-04")
    assert build() == ["0", "True"]
