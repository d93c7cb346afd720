"""What readers' own tools say about the built knowledge base, and what a first visit costs.

* Lighthouse 12 (mobile and desktop): accessibility, best practices and SEO exactly 100 on
  every page type; performance at least :data:`PERFORMANCE_FLOOR` in the median of three
  runs (it times the page on this machine's 2 shared cores while the other worker drives
  Chromium, so one run is noisy; the closing note of issue 16 has quiet figures).
* pa11y (HTML_CodeSniffer, WCAG 2 AA): no errors; no heading-like text in listings (H42)
  and no bars of links outside lists (H48) in the extension's components.
* A first visit of an article: at most 100 KB and 14 requests, none failing.
* Structured data: every JSON-LD block of every page uses schema.org's vocabulary, read
  from npm ``schema-dts`` (see vocabulary.py).
* An article prints as the article; search words are highlighted on the page a result
  opens.

Lighthouse and pa11y run in one xdist group (``nox -s browser`` passes ``--dist
loadgroup``), one page at a time.
"""

from __future__ import annotations

import functools
import json
import os
import re
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import vocabulary
from bs4 import BeautifulSoup
from harness import CHROMIUM, ROOT, SITE_DIR
from playwright.sync_api import Browser
from test_site_in_browser import PAGE_TYPES, SEARCH, PageType

NODE_BIN = ROOT / ".nox" / "node" / "node_modules" / ".bin"
SCHEMA_DTS = ROOT / ".nox" / "node" / "node_modules" / "schema-dts" / "dist" / "schema.d.ts"
#: Lighthouse's performance score, 0-100, below which a page type fails.
PERFORMANCE_FLOOR = 95
ARTICLE = next(p for p in PAGE_TYPES if p.name == "article")
#: A first visit of an article: everything the browser fetches, uncompressed.
ARTICLE_BYTES = 100_000
MAX_REQUESTS = 14
CONTENT_TYPES = [p for p in PAGE_TYPES if p is not SEARCH]


def _tool(name: str) -> str:
    path = NODE_BIN / name
    if not path.is_file():
        pytest.fail(f"no {name} in {NODE_BIN}: `nox -s browser` installs it", pytrace=False)
    return str(path)


def _content_types() -> list[Any]:
    return [pytest.param(p, id=p.name) for p in CONTENT_TYPES]


# 1. Lighthouse ---------------------------------------------------------------------------


CATEGORIES = "performance,accessibility,best-practices,seo"


def lighthouse(url: str, preset: str, out: Path, categories: str = CATEGORIES) -> dict[str, Any]:
    command = [
        _tool("lighthouse"),
        url,
        "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
        f"--only-categories={categories}",
        "--output=json",
        f"--output-path={out}",
        "--quiet",
    ]
    if preset == "desktop":
        command.append("--preset=desktop")
    run = subprocess.run(
        command, env={**os.environ, "CHROME_PATH": CHROMIUM}, capture_output=True, text=True
    )
    assert run.returncode == 0 and out.is_file(), run.stderr[-2000:]
    return json.loads(out.read_text(encoding="utf-8"))


def failing_audits(report: dict[str, Any], category: str) -> list[str]:
    """The scored audits of a category that do not pass, with Lighthouse's title."""
    audits = report["audits"]
    return [
        f"{ref['id']}: {audits[ref['id']]['title']}"
        for ref in report["categories"][category]["auditRefs"]
        if ref["weight"] > 0
        and audits[ref["id"]]["score"] is not None
        and audits[ref["id"]]["score"] < 1
    ]


def performance_runs(first: int, run_again: Callable[[], int]) -> list[int]:
    """Performance scores, run by run, until the median of three is known to be at least
    :data:`PERFORMANCE_FLOOR` or not: two runs on the same side of it decide the median
    alone, so a third is made only when they differ (Lighthouse's own advice for noisy
    machines is the median of several runs)."""
    scores = [first, run_again()]
    if (scores[0] >= PERFORMANCE_FLOOR) != (scores[1] >= PERFORMANCE_FLOOR):
        scores.append(run_again())
    return scores


def test_performance_is_judged_by_the_median_of_three_runs() -> None:
    def runs(*scores: int) -> list[int]:
        more = iter(scores[1:])
        return performance_runs(scores[0], lambda: next(more))

    floor = PERFORMANCE_FLOOR
    assert runs(floor, 100) == [floor, 100]
    assert runs(floor - 1, floor - 5) == [floor - 1, floor - 5]  # the median is below
    assert runs(floor - 1, 100, floor) == [floor - 1, 100, floor]
    assert runs(100, floor - 1, floor - 2) == [100, floor - 1, floor - 2]


@pytest.mark.xdist_group("readers-tools")
@pytest.mark.parametrize("preset", ["mobile", "desktop"])
@pytest.mark.parametrize("page_type", _content_types())
def test_lighthouse_scores(site_url: str, page_type: PageType, preset: str, tmp_path: Path) -> None:
    url = site_url + page_type.path
    report = lighthouse(url, preset, tmp_path / "report.json")
    scores = {name: round(c["score"] * 100) for name, c in report["categories"].items()}
    print(f"{page_type.name} {preset}: {scores}")  # the figures, with -s
    for category in ("accessibility", "best-practices", "seo"):
        assert scores[category] == 100, (category, failing_audits(report, category))

    def run_again() -> int:
        again = lighthouse(url, preset, tmp_path / "again.json", categories="performance")
        return round(again["categories"]["performance"]["score"] * 100)

    runs = performance_runs(scores["performance"], run_again)
    print(f"{page_type.name} {preset} performance, run by run: {runs}")
    passing = [score for score in runs if score >= PERFORMANCE_FLOOR]
    assert len(passing) >= 2, (runs, failing_audits(report, "performance"))


# 2. pa11y --------------------------------------------------------------------------------

#: HTML_CodeSniffer's "looks like a heading" and "looks like a list" warnings.
STRUCTURE_CODES = ("H42", "H48")
COMPONENT = re.compile("clinic-(az|specialties|article-list)")


@pytest.mark.xdist_group("readers-tools")
@pytest.mark.parametrize("page_type", [pytest.param(p, id=p.name) for p in PAGE_TYPES])
def test_pa11y_finds_no_errors(site_url: str, page_type: PageType, tmp_path: Path) -> None:
    config = tmp_path / "pa11y.json"
    config.write_text(
        json.dumps({"chromeLaunchConfig": {"executablePath": CHROMIUM, "args": ["--no-sandbox"]}})
    )
    run = subprocess.run(
        [
            *(_tool("pa11y"), "--config", str(config), "--standard", "WCAG2AA"),
            *("--include-warnings", "--reporter", "json", site_url + page_type.path),
        ],
        capture_output=True,
        text=True,
    )
    issues = json.loads(run.stdout)
    errors = [
        f"{i['code']} at {i['selector']}: {i['message']}" for i in issues if i["type"] == "error"
    ]
    assert errors == [], "\n".join(errors)
    # Listings, badges and the A-Z bar: headings and lists, as pa11y wants them.
    page = BeautifulSoup((SITE_DIR / page_type.path.split("?")[0]).read_text(), "html.parser")
    ours = []
    for issue in issues:
        if not any(code in issue["code"] for code in STRUCTURE_CODES):
            continue
        found = page.select_one(issue["selector"]) if issue["selector"] else None
        if found is None:
            continue
        classes = " ".join(found.get("class", []))
        if COMPONENT.search(classes) or found.find_parent(class_=COMPONENT):
            ours.append(f"{issue['code']} at {issue['selector']}")
    assert ours == [], "\n".join(ours)


# 3. The weight of a first visit ----------------------------------------------------------


@pytest.mark.parametrize("page_type", _content_types())
def test_first_visit_is_light(browser: Browser, site_url: str, page_type: PageType) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    responses: list[Any] = []
    context.on("response", lambda response: responses.append(response))
    page = context.new_page()
    page.goto(site_url + page_type.path)
    page.wait_for_load_state("networkidle")
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    page.wait_for_load_state("networkidle")
    failed = [f"{r.status} {r.url}" for r in responses if r.status >= 400]
    sizes = {r.url: len(r.body()) for r in responses if r.status < 300}
    context.close()
    total = sum(sizes.values())
    print(f"{page_type.name}: {len(responses)} requests, {total} bytes")
    assert failed == []  # no favicon.ico or other missing file
    assert len(responses) <= MAX_REQUESTS, sorted(sizes)
    if page_type is ARTICLE:
        assert total <= ARTICLE_BYTES, sorted(sizes.items(), key=lambda kv: -kv[1])


def test_the_site_has_a_favicon_and_an_app_icon() -> None:
    page = BeautifulSoup((SITE_DIR / ARTICLE.path).read_text(), "html.parser")
    icon = page.select_one('link[rel~="icon"]')
    touch = page.select_one('link[rel="apple-touch-icon"]')
    assert icon is not None and touch is not None
    svg = (SITE_DIR / "articles" / icon["href"]).resolve()
    png = (SITE_DIR / "articles" / touch["href"]).resolve()
    assert svg.read_text().lstrip().startswith("<svg")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


# 4. Structured data against schema.org -------------------------------------------------


@functools.cache
def schema_org() -> vocabulary.Vocabulary:
    if not SCHEMA_DTS.is_file():
        pytest.fail(f"no {SCHEMA_DTS}: `nox -s browser` installs schema-dts", pytrace=False)
    return vocabulary.load(SCHEMA_DTS)


def test_the_vocabulary_reader_knows_schema_org() -> None:
    known = schema_org()
    assert len(known.leaf_base) > 800
    assert "MedicalBusiness" in known.subtypes("Organization")
    assert {"headline", "datePublished", "author", "publisher"} <= set(
        known.properties("BlogPosting")
    )
    # It can fail: a misspelt property, a value of the wrong type.
    wrong = {"@type": "BlogPosting", "headlin": "x", "author": {"@type": "Place"}}
    assert len(vocabulary.problems(known, wrong)) == 2


def test_structured_data_uses_the_schema_org_vocabulary() -> None:
    problems = []
    blocks = 0
    for path in sorted(SITE_DIR.rglob("*.html")):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for script in soup.select('script[type="application/ld+json"]'):
            blocks += 1
            for problem in vocabulary.problems(schema_org(), json.loads(script.string or "")):
                problems.append(f"{path.relative_to(SITE_DIR)}: {problem}")
    assert blocks > len(PAGE_TYPES)
    assert problems == [], "\n".join(problems)


# 5. Print and search highlights ----------------------------------------------------------


def test_an_article_prints_as_the_article(browser: Browser, site_url: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.goto(site_url + ARTICLE.path)
    page.emulate_media(media="print")
    for selector in (
        "article[role=main] h1",
        ".clinic-byline",
        ".clinic-review",
        ".clinic-crisis",
        ".clinic-about-author",
    ):
        assert page.locator(selector).first.is_visible(), f"{selector} does not print"
    for selector in (
        ".sidebar-drawer",
        ".toc-drawer",
        ".mobile-header",
        ".skip-to-content",
        ".related-pages",
        ".theme-toggle-container",
    ):
        assert not page.locator(selector).first.is_visible(), f"{selector} prints"
    pdf = page.pdf(format="A4")
    context.close()
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert 1 <= pages <= 4, pages


def test_search_words_are_highlighted_on_the_result_page(browser: Browser, site_url: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.goto(site_url + SEARCH.path)
    page.locator("#search-results ul li a").first.click()
    page.wait_for_load_state("load")
    page.wait_for_selector("span.highlighted", timeout=5000)
    assert "grief" in page.locator("span.highlighted").first.inner_text().lower()
    context.close()
