"""Raw HTML and LaTeX in a page's body (rawhtml.py, ``clinic_raw_html``): by default shown
as text with one located ``clinic.html`` warning per page; ``"allow"`` passes it through."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from conftest import html, warnings

PAGE = """---
title: Sleep and worry
date: 2025-03-01
author: ana-lima
---

Some text of the page.

<script>alert(1)</script>

Text with <img src=x onerror=alert(1)> inline.

```{raw} html
<b onclick="steal()">raw block</b>
```

```{raw} latex
\\immediate\\write18{id}
```
"""
CLEAN = "---\ntitle: Plain\ndate: 2025-03-02\nauthor: ana-lima\n---\n\nJust **Markdown**.\n"


def _build(make_app: Any, rootdir: Path, tmp_path: Path, builder: str = "html", **conf: Any) -> Any:
    src = tmp_path / "src"
    shutil.copytree(rootdir / "test-clinic", src)
    (src / "articles" / "raw.md").write_text(PAGE, encoding="utf-8")
    (src / "articles" / "plain.md").write_text(CLEAN, encoding="utf-8")
    app = make_app(builder, srcdir=src, freshenv=True, confoverrides=conf)
    app.build()
    app.cleanup()
    return app


def test_raw_html_is_shown_as_text_with_one_located_warning(
    make_app: Any, rootdir: Path, tmp_path: Path
) -> None:
    app = _build(make_app, rootdir, tmp_path)
    page = html(app, "articles/raw")
    article = page.find("article") or page
    assert article.find("img", src="x") is None
    assert not [s for s in article.find_all("script") if "alert" in s.get_text()]
    assert article.find(onclick=True) is None
    text = article.get_text()
    for shown in ("<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "steal()"):
        assert shown in text, shown
    # the inline piece stays in its sentence; blocks become literal blocks
    assert "Text with <img src=x onerror=alert(1)> inline." in " ".join(
        p.get_text() for p in article.find_all("p")
    )
    found = [line for line in warnings(app) if "[clinic.html]" in line]
    assert len(found) == 1, found
    assert "articles/raw.md:9: WARNING: raw HTML or LaTeX (here and in 3 more places)" in found[0]
    assert 'clinic_raw_html = "allow"' in found[0] and "Markdown" in found[0]
    assert not any("plain.md" in line for line in warnings(app))


def test_raw_latex_becomes_a_literal_block(make_app: Any, rootdir: Path, tmp_path: Path) -> None:
    from docutils import nodes

    app = _build(make_app, rootdir, tmp_path)
    doctree = app.env.get_doctree("articles/raw")
    assert not list(doctree.findall(nodes.raw))
    blocks = [b for b in doctree.findall(nodes.literal_block) if "write18" in b.astext()]
    assert [b["language"] for b in blocks] == ["latex"]


def test_allow_keeps_raw_html_for_trusted_authors(
    make_app: Any, rootdir: Path, tmp_path: Path
) -> None:
    app = _build(make_app, rootdir, tmp_path, clinic_raw_html="allow")
    article = html(app, "articles/raw")
    assert article.find("img", src="x") is not None
    assert article.find("b", onclick=True) is not None
    assert not any("[clinic.html]" in line for line in warnings(app))


@pytest.mark.parametrize("value", ["yes", "ALLOW"])
def test_an_unknown_setting_escapes(
    make_app: Any, rootdir: Path, tmp_path: Path, value: str
) -> None:
    app = _build(make_app, rootdir, tmp_path, clinic_raw_html=value)
    assert html(app, "articles/raw").find("img", src="x") is None
    assert any("clinic_raw_html must be 'escape' or 'allow'" in line for line in warnings(app))
