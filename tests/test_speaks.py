"""Directory: "clinicians who speak X" pages, linked from each profile's Languages row."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup

from conftest import warnings
from sitebuild import copy_root, edit, sitemap_urls


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def card_names(page: BeautifulSoup) -> list[str]:
    body = page.select_one("section.clinic-generated-page")
    assert body is not None
    names = body.select(".clinic-directory .clinic-card-name")
    return [n.get_text(strip=True).split(",")[0] for n in names]


def languages_row(page: BeautifulSoup) -> Any:
    for field in page.select(".clinic-profile-details dt, .clinic-profile-details .field-name"):
        if field.get_text(strip=True).rstrip(":") == "Languages":
            return field.find_next_sibling()
    raise AssertionError("no Languages row")


def test_language_pages_list_their_speakers_and_profiles_link_there(
    make_app: Any, rootdir: Path, tmp_path: Path
) -> None:
    srcdir = copy_root(rootdir, "clinic", tmp_path / "site")
    app = make_app("html", srcdir=srcdir)
    app.build()
    assert [w for w in warnings(app) if "[clinic." in w] == []
    out = Path(app.outdir)

    portuguese = soup(out / "language" / "portuguese.html")
    assert portuguese.h1 is not None and portuguese.h1.get_text(strip=True).startswith(
        "Clinicians who speak Portuguese"
    )
    assert portuguese.title is not None
    assert "Clinicians who speak Portuguese" in portuguese.title.get_text()
    canonical = portuguese.find("link", rel="canonical")
    assert canonical is not None
    assert canonical["href"] == "https://kb.example.org/language/portuguese.html"
    assert card_names(portuguese) == ["Ana Lima"]
    assert "https://kb.example.org/language/english.html" in sitemap_urls(out)
    assert not (out / "language" / "spanish.html").exists()

    row = languages_row(soup(out / "clinicians" / "ana-lima.html"))
    links = {a.get_text(strip=True): a["href"] for a in row.find_all("a")}
    assert links == {
        "English": "../language/english.html",
        "Portuguese": "../language/portuguese.html",
    }

    # An incremental build after Ben learns Spanish equals a fresh one.
    ben = srcdir / "clinicians" / "ben-okafor.md"
    text = ben.read_text(encoding="utf-8")
    assert "languages:" not in text
    edit(ben, text.replace("---\n", "---\nlanguages: [English, Spanish]\n", 1))
    again = make_app("html", srcdir=srcdir)
    again.build()
    assert [w for w in warnings(again) if "[clinic." in w] == []
    assert card_names(soup(out / "language" / "spanish.html")) == ["Ben Okafor"]
    assert card_names(soup(out / "language" / "english.html")) == ["Ana Lima", "Ben Okafor"]
    row = languages_row(soup(out / "clinicians" / "ben-okafor.html"))
    assert [a["href"] for a in row.find_all("a")] == [
        "../language/english.html",
        "../language/spanish.html",
    ]

    fresh_src = tmp_path / "fresh"
    shutil.copytree(srcdir, fresh_src, ignore=shutil.ignore_patterns("_build"))
    fresh = make_app("html", srcdir=fresh_src, freshenv=True)
    fresh.build()
    for name in (
        "language/english.html",
        "language/spanish.html",
        "language/portuguese.html",
        "clinicians/ana-lima.html",
        "clinicians/ben-okafor.html",
        "sitemap.xml",
    ):
        assert (out / name).read_bytes() == Path(fresh.outdir, name).read_bytes(), name


def test_parallel_build_writes_the_same_language_pages(
    make_app: Any, rootdir: Path, tmp_path: Path
) -> None:
    serial = make_app("html", srcdir=copy_root(rootdir, "clinic", tmp_path / "serial"))
    serial.build()
    parallel = make_app(
        "html", srcdir=copy_root(rootdir, "clinic", tmp_path / "parallel"), parallel=2
    )
    parallel.build()
    for name in ("language/english.html", "language/portuguese.html", "clinicians/ana-lima.html"):
        assert Path(serial.outdir, name).read_bytes() == Path(parallel.outdir, name).read_bytes()


def test_no_directory_no_language_pages(make_app: Any, rootdir: Path, tmp_path: Path) -> None:
    srcdir = copy_root(rootdir, "clinic", tmp_path / "site")
    (srcdir / "directory.md").unlink()
    index = srcdir / "index.md"
    index.write_text(index.read_text(encoding="utf-8").replace("directory\n", ""), "utf-8")
    app = make_app("html", srcdir=srcdir)
    app.build()
    assert not (Path(app.outdir) / "language").exists()
    row = languages_row(soup(Path(app.outdir) / "clinicians" / "ana-lima.html"))
    assert row.find("a") is None


def test_a_language_in_any_script_gets_its_own_page_name() -> None:
    from sphinx_clinic.urls import language_page

    assert language_page("clinicians/index", "Spanish") == "clinicians/language/spanish"
    assert language_page("clinicians/index", "spanish ") == "clinicians/language/spanish"
    chinese, japanese = language_page("team", "中文"), language_page("team", "日本語")
    assert chinese.startswith("language/") and japanese.startswith("language/")
    assert chinese != japanese and ".." not in chinese
