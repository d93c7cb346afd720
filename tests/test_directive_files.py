"""Files read by body directives, pictures and downloads (directive_files.py): only
from the source folder.

Each hostile page points a directive, a picture or a download link at a canary file beside
the source folder; the canary must be in no file the build writes, and each page gets one
located ``clinic.path`` warning. A file inside the source folder is still included.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from conftest import html, warnings

CANARY = "CANARY-4f1d-outside-the-source"
FENCE = "```"
# The smallest PNG: one transparent pixel.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


def _md(title: str, body: str) -> str:
    return f"# {title}\n\n{body}\n"


def _pages(tmp: Path) -> dict[str, tuple[str, int]]:
    """Page file -> (its text, the line of its directive)."""
    secret = tmp / "secret.txt"
    return {
        "include.md": (_md("Include", f"{FENCE}{{include}} ../../secret.txt\n{FENCE}"), 3),
        "literal.md": (_md("Literal", f"{FENCE}{{literalinclude}} /../secret.txt\n{FENCE}"), 3),
        "raw.md": (_md("Raw", f"{FENCE}{{raw}} html\n:file: ../../secret.txt\n{FENCE}"), 3),
        "csv.md": (_md("Csv", f"{FENCE}{{csv-table}}\n:file: ../../secret.txt\n{FENCE}"), 3),
        "absolute.md": (_md("Absolute", f"{FENCE}{{raw}} html\n:file: {secret}\n{FENCE}"), 3),
        "link.md": (_md("Link", f"{FENCE}{{include}} linked.txt\n{FENCE}"), 3),
        "diff.md": (
            _md("Diff", f"{FENCE}{{literalinclude}} inside.txt\n:diff: ../../secret.txt\n{FENCE}"),
            3,
        ),
        "url.md": (
            _md("Url", f"{FENCE}{{csv-table}}\n:url: https://example.invalid/t.csv\n{FENCE}"),
            3,
        ),
        "rawurl.md": (
            _md("Rawurl", f"{FENCE}{{raw}} html\n:url: https://example.invalid/x\n{FENCE}"),
            3,
        ),
        "picture.md": (_md("Picture", "Before.\n\n![a picture](../../secret.txt)"), 5),
        "figure.md": (_md("Figure", f"{FENCE}{{figure}} /../secret.txt\n:alt: x\n{FENCE}"), 3),
        "download.md": (_md("Download", "Get {download}`the file <../../secret.txt>`."), 3),
        "rst.rst": ("Rst\n===\n\n.. include:: ../../secret.txt\n", 4),
        "rstraw.rst": (f"Rstraw\n======\n\n.. raw:: html\n   :file: {secret}\n", 4),
    }


def _build(make_app: Any, rootdir: Path, tmp_path: Path) -> tuple[Any, dict[str, tuple[str, int]]]:
    (tmp_path / "secret.txt").write_text(CANARY + "\n", encoding="utf-8")
    src = tmp_path / "src"
    shutil.copytree(rootdir / "test-clinic", src)
    notes = src / "notes"
    notes.mkdir()
    (notes / "linked.txt").symlink_to(tmp_path / "secret.txt")
    (notes / "inside.txt").write_text("inside\n", encoding="utf-8")
    pages = _pages(tmp_path)
    for name, (text, _line) in pages.items():
        (notes / name).write_text(text, encoding="utf-8")
    shared = src / "shared"
    shared.mkdir()
    (shared / "snippet.md").write_text("Snippet SNIPPET-TEXT here.\n", encoding="utf-8")
    (shared / "code.py").write_text("print('CODE-TEXT')\n", encoding="utf-8")
    (notes / "inside.png").write_bytes(PNG)
    (notes / "data.csv").write_text("CSV-CELL,2\n", encoding="utf-8")
    (notes / "good.md").write_text(
        _md(
            "Good",
            f"{FENCE}{{include}} ../shared/snippet.md\n{FENCE}\n\n"
            f"{FENCE}{{literalinclude}} /shared/code.py\n{FENCE}\n\n"
            f"{FENCE}{{csv-table}}\n:file: data.csv\n{FENCE}\n\n![inside](inside.png)",
        ),
        encoding="utf-8",
    )
    app = make_app("html", srcdir=src, freshenv=True)
    app.build()
    app.cleanup()
    return app, pages


def test_no_directive_reads_outside_the_source_folder(
    make_app: Any, rootdir: Path, tmp_path: Path
) -> None:
    app, pages = _build(make_app, rootdir, tmp_path)
    for folder in (Path(app.outdir), Path(app.doctreedir)):
        leaked = [
            p.relative_to(folder).as_posix()
            for p in folder.rglob("*")
            if p.is_file() and CANARY.encode() in p.read_bytes()
        ]
        assert leaked == [], leaked
    found = [line for line in warnings(app) if "[clinic.path]" in line]
    for name, (_text, line) in pages.items():
        mine = [w for w in found if re.search(rf"notes/{re.escape(name)}:{line}: WARNING", w)]
        assert len(mine) == 1, (name, found)
        if name.startswith(("url", "rawurl")):
            assert "is not fetched" in mine[0]
        else:
            assert "outside the source folder" in mine[0]
    assert len(found) == len(pages)
    # the pages are built all the same
    assert html(app, "notes/include").find("h1") is not None


def test_files_inside_the_source_folder_are_still_included(
    make_app: Any, rootdir: Path, tmp_path: Path
) -> None:
    app, _pages_written = _build(make_app, rootdir, tmp_path)
    text = html(app, "notes/good").get_text()
    for shown in ("SNIPPET-TEXT", "CODE-TEXT", "CSV-CELL"):
        assert shown in text, shown
    assert html(app, "notes/good").find("img", src=re.compile(r"inside\.png$")) is not None
    assert not [w for w in warnings(app) if "notes/good.md" in w and "toc.not_included" not in w]


@pytest.mark.parametrize("path", ["../secret.txt", "/../secret.txt", "a/../../secret.txt"])
def test_checked_path_refuses_leading_out(tmp_path: Path, path: str) -> None:
    from sphinx_clinic.collector import inside_source

    (tmp_path / "src").mkdir()
    assert inside_source(tmp_path / "src", "page", path) is None
