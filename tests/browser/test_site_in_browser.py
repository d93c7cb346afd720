"""The built knowledge base in Chromium: accessible, valid, private, usable without JS or mouse.

Every page type is checked at 390 px (a phone) and 1280 px (a desktop), in light and dark.
``PAGE_TYPES`` says which page stands for each type and which of the extension's components
(CSS classes ``clinic-*``) it must show; the checks assert on what the table lists.
"""

from __future__ import annotations

import functools
import json
import subprocess
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from bs4 import BeautifulSoup, Tag
from harness import ROOT, SCREENSHOT_DIR, SITE_DIR, Mode
from playwright.sync_api import Browser, Page


@dataclass(frozen=True)
class PageType:
    """A kind of page, the page that stands for it, and the extension's components on it.

    Each component selector must match at least one element that is visible without
    JavaScript, whose links lead to pages that exist, whose links and controls are all
    reachable with Tab (with a visible focus indicator) and which fits a phone's width.
    ``structured_data`` are the schema.org ``@type`` of the page's JSON-LD blocks.
    """

    name: str
    path: str
    components: tuple[str, ...] = ()
    structured_data: tuple[str, ...] = ()


PAGE_TYPES = (
    PageType(
        "home",
        "index.html",
        (".clinic-article-list", ".clinic-az", ".clinic-specialty-index"),
        ("MedicalBusiness", "CollectionPage"),
    ),
    PageType(
        "article",
        "articles/the-power-of-human-connection-in-the-therapy-room.html",
        # The previous/next links are furo's footer, filled with the chronological neighbours.
        (
            ".clinic-byline",
            ".clinic-review",
            ".clinic-crisis",
            ".clinic-about-author",
            ".related-pages",
        ),
        ("MedicalWebPage",),
    ),
    PageType(
        "translation",
        "articles/es/que-esperar-en-su-primera-sesion.html",
        (".clinic-languages", ".clinic-byline", ".clinic-review", ".clinic-about-author"),
        ("MedicalWebPage",),
    ),
    PageType(
        "profile",
        "clinicians/amara-okafor.html",
        (".clinic-profile", ".clinic-booking", ".clinic-articles-by"),
        ("ProfilePage",),
    ),
    PageType("directory", "clinicians/index.html", (".clinic-directory",), ("CollectionPage",)),
    PageType(
        "specialty-index",
        "specialties.html",
        (".clinic-az", ".clinic-specialty-index"),
        ("CollectionPage",),
    ),
    PageType(
        "archive",
        "articles/index.html",
        (".clinic-archive-year", ".clinic-article-list", ".clinic-also-in"),
        ("CollectionPage",),
    ),
    PageType("search", "search.html?q=grief"),
)
SEARCH = next(p for p in PAGE_TYPES if p.name == "search")


FOCUSABLE = (
    "a[href], button, input:not([type=hidden]), select, textarea, summary, "
    '[tabindex]:not([tabindex="-1"])'
)
EXTENSION_MARKUP = '[class*="clinic-"], script[type="application/ld+json"]'
VNU_JAR = Path(ROOT, ".nox", "vnu", "node_modules", "vnu-jar", "build", "dist", "vnu.jar")


def page_types() -> list[Any]:
    return [pytest.param(p, id=p.name) for p in PAGE_TYPES]


@pytest.fixture
def visit(browser: Browser, site_url: str, mode: Mode) -> Any:
    """Open a page type in a fresh browser context in the test's mode; closed at teardown.

    The page records every request it makes in ``page.requests_made`` (a list of URLs).
    """
    contexts = []

    def open_page(page_type: PageType, *, javascript: bool = True) -> Page:
        context = browser.new_context(**mode.context_args(), java_script_enabled=javascript)
        contexts.append(context)
        requests: list[str] = []
        context.on("request", lambda request: requests.append(request.url))
        page = context.new_page()
        page.requests_made = requests  # type: ignore[attr-defined]
        response = page.goto(site_url + page_type.path)
        assert response is not None and response.ok, f"{page_type.path}: {response}"
        return page

    yield open_page
    for context in contexts:
        context.close()


def target_file(href: str, site_url: str) -> Path:
    """The file in the built site that a same-site URL points to."""
    path = unquote(urlsplit(href).path)[len(urlsplit(site_url).path) :]
    target = SITE_DIR / path
    return target / "index.html" if target.is_dir() else target


def assert_links_lead_somewhere(hrefs: list[str], site_url: str, where: str) -> None:
    """Every same-site link names an existing page and, if it has a #fragment, an anchor in it."""
    for href in hrefs:
        if not href.startswith(site_url):
            assert urlsplit(href).scheme in {"https", "http", "mailto", "tel"}, (where, href)
            continue
        target = target_file(href, site_url)
        assert target.is_file(), f"{where}: link {href} leads to no page"
        fragment = unquote(urlsplit(href).fragment)
        if fragment:
            assert fragment in anchors(target), f"{where}: link {href}: no #{fragment} in {target}"


@functools.cache
def anchors(path: Path) -> frozenset[str]:
    """The ids in a built page."""
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    return frozenset(str(el["id"]) for el in soup.find_all(id=True))


# 1. Accessibility ------------------------------------------------------------------------


def axe_problems(page: Page) -> list[str]:
    """axe-core's violations on the page, one line per element (no rule is excused)."""
    problems = []
    for violation in Axe().run(page).response["violations"]:
        for node in violation["nodes"]:
            summary = " ".join(node.get("failureSummary", node["html"]).split())
            problems.append(
                f"{violation['id']} ({violation['impact']}) at {node['target']}: {summary}"
            )
    return problems


@pytest.mark.parametrize("page_type", page_types())
def test_axe_finds_no_violations(visit: Any, page_type: PageType, mode: Mode) -> None:
    page = visit(page_type)
    if page_type is SEARCH:
        page.wait_for_selector("#search-results ul li")
    problems = axe_problems(page)
    assert problems == [], "\n".join(problems)


# 2. Valid HTML ---------------------------------------------------------------------------


@pytest.fixture(scope="session")
def vnu_errors() -> dict[Path, list[dict[str, Any]]]:
    """The Nu HTML Checker's errors for every HTML file of the built site, by file."""
    if not VNU_JAR.is_file():
        pytest.fail(
            f"no Nu HTML Checker at {VNU_JAR}: `nox -s browser` installs it with npm",
            pytrace=False,
        )
    run = subprocess.run(
        [
            *("java", "-jar", str(VNU_JAR), "--skip-non-html", "--errors-only"),
            *("--format", "json", "--stdout", str(SITE_DIR)),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    messages = json.loads(run.stdout)["messages"]
    by_file: dict[Path, list[dict[str, Any]]] = defaultdict(list)
    for message in messages:
        by_file[Path(unquote(urlsplit(message["url"]).path)).resolve()].append(message)
    assert by_file or run.returncode == 0, run.stderr
    return by_file


def extension_spans(html: str) -> list[tuple[tuple[int, int], tuple[int, int], str]]:
    """Source spans of the extension's markup: its outermost ``clinic-*`` elements and JSON-LD.

    A span runs from the element's start tag to the start of the next element that is not
    inside it; (line, column) pairs, 1-based like the checker's.
    """
    soup = BeautifulSoup(html, "html.parser")
    elements = [el for el in soup.find_all(True) if isinstance(el, Tag)]
    order = {id(el): i for i, el in enumerate(elements)}
    spans = []
    for el in soup.select(EXTENSION_MARKUP):
        if el.find_parent(class_=lambda c: bool(c) and c.startswith("clinic-")):
            continue
        inside = {id(d) for d in el.find_all(True)}
        after = (e for e in elements[order[id(el)] + 1 :] if id(e) not in inside)
        following = next(after, None)
        end = (
            (following.sourceline, following.sourcepos + 1)
            if following is not None
            else (len(html.splitlines()) + 1, 0)
        )
        spans.append(((el.sourceline, el.sourcepos + 1), end, el.name))
    return spans


def attribute_errors(path: Path, errors: list[dict[str, Any]]) -> list[str]:
    """Every error, as a readable line that says whether it is in the extension's markup."""
    spans = extension_spans(path.read_text(encoding="utf-8"))
    problems = []
    for error in errors:
        where = (error.get("lastLine", 0), error.get("lastColumn", 0))
        text = f"{path.relative_to(SITE_DIR)}:{where[0]}:{where[1]}: {error['message']}"
        ours = [name for start, end, name in spans if start <= where < end]
        place = f"in the extension's <{ours[0]}>" if ours else "in the theme's or the site's markup"
        problems.append(f"{text} ({place}): {error.get('extract', '')!r}")
    return problems


@pytest.mark.parametrize("page_type", page_types())
def test_html_is_valid(vnu_errors: dict[Path, list[dict[str, Any]]], page_type: PageType) -> None:
    path = (SITE_DIR / urlsplit(page_type.path).path).resolve()
    html = path.read_text(encoding="utf-8")
    for selector in page_type.components:
        assert BeautifulSoup(html, "html.parser").select(selector), f"{selector} not in {path}"
    problems = attribute_errors(path, vnu_errors.get(path, []))
    assert problems == [], "\n".join(problems)


def test_every_page_of_the_site_is_valid_html(vnu_errors: dict[Path, list[dict[str, Any]]]) -> None:
    pages = sorted(SITE_DIR.resolve().rglob("*.html"))
    assert len(pages) > len(PAGE_TYPES)
    problems = [line for path in pages for line in attribute_errors(path, vnu_errors.get(path, []))]
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("page_type", page_types())
def test_structured_data_is_json(page_type: PageType) -> None:
    html = (SITE_DIR / urlsplit(page_type.path).path).read_text(encoding="utf-8")
    types = []
    for script in BeautifulSoup(html, "html.parser").select('script[type="application/ld+json"]'):
        data = json.loads(script.string or "")
        for item in data if isinstance(data, list) else [data]:
            assert item.get("@context") in {"https://schema.org", "https://schema.org/"}, item
            types.append(item.get("@type"))
    assert types == list(page_type.structured_data)


# 3. Privacy ------------------------------------------------------------------------------

LOADING_RELS = {
    "stylesheet",
    "icon",
    "preload",
    "prefetch",
    "preconnect",
    "dns-prefetch",
    "modulepreload",
    "manifest",
    "apple-touch-icon",
}


@pytest.mark.parametrize("page_type", page_types())
def test_every_request_stays_on_the_site(
    visit: Any, site_url: str, page_type: PageType, mode: Mode
) -> None:
    page = visit(page_type)
    page.wait_for_load_state("networkidle")
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    page.wait_for_load_state("networkidle")
    requests = page.requests_made
    assert site_url + page_type.path in requests
    assert any(url.endswith(".css") or ".css?" in url for url in requests)
    offsite = [url for url in requests if not url.startswith(site_url)]
    assert offsite == [], f"{page_type.path} asked other servers for {offsite}"
    # And nothing in the markup would load from elsewhere on a network where it could.
    loaders = page.evaluate(
        """() => [...document.querySelectorAll(
                'script[src], img, iframe, source, video, audio, embed, object, link[href]')]
             .map(el => ({tag: el.tagName, rel: (el.rel || ''),
                          urls: [el.src, el.currentSrc, el.data,
                                 el.tagName === 'LINK' ? el.href : '',
                                 ...(el.srcset || '').split(',').map(s => s.trim().split(' ')[0])]
                                .filter(Boolean)}))"""
    )
    elsewhere = [
        (loader["tag"], url)
        for loader in loaders
        if loader["tag"] != "LINK" or set(loader["rel"].lower().split()) & LOADING_RELS
        for url in loader["urls"]
        if not urljoin(site_url + page_type.path, url).startswith(site_url)
        and not url.startswith("data:")
    ]
    assert elsewhere == []


# 4. No JavaScript needed -----------------------------------------------------------------


@pytest.mark.parametrize("page_type", page_types())
def test_works_without_javascript(
    visit: Any, site_url: str, page_type: PageType, mode: Mode
) -> None:
    page = visit(page_type, javascript=False)
    # furo's first inline script sets <body data-theme>: it did not run.
    assert page.locator("body[data-theme]").count() == 0
    for selector in page_type.components:
        found = page.locator(selector)
        assert found.count() >= 1, f"{selector} is missing without JavaScript"
        for i in range(found.count()):
            assert found.nth(i).is_visible(), f"{selector} #{i} is hidden without JavaScript"
        hrefs = found.evaluate_all(
            "els => els.flatMap(el => [...el.querySelectorAll('a[href]')].map(a => a.href))"
        )
        assert_links_lead_somewhere(hrefs, site_url, f"{page_type.path} {selector}")
    # The site's navigation works too: on a phone furo's drawer opens with a CSS checkbox.
    navigation = page.locator(".sidebar-drawer .sidebar-tree a.reference")
    assert navigation.count() >= 3
    on_screen = "a => { const r = a.getBoundingClientRect(); return r.left >= 0 && r.right > 0; }"
    if mode.phone:
        assert not navigation.first.evaluate(on_screen), "the drawer is open before a tap"
        page.locator(".mobile-header label[for='__navigation']").click()
    for _ in range(40):  # the drawer slides in (wait_for_function needs the page's JS)
        if navigation.first.evaluate(on_screen):
            break
        page.wait_for_timeout(50)
    assert navigation.first.evaluate(on_screen), "the navigation drawer did not open"
    assert_links_lead_somewhere(
        navigation.evaluate_all("els => els.map(a => a.href)"), site_url, "navigation"
    )
    if page_type is SEARCH:
        # Chromium with scripts switched off still parses <noscript> as if they ran, so
        # read the fallback from the markup rather than from the screen.
        assert "Please activate JavaScript" in page.locator("noscript").first.inner_html()
    else:
        assert page.locator("article[role=main] h1").count() == 1


def test_search_lists_matching_articles(visit: Any, mode: Mode) -> None:
    page = visit(SEARCH)
    results = page.locator("#search-results ul li a")
    results.first.wait_for()
    titles = results.all_inner_texts()
    assert any("grief" in title.lower() for title in titles), titles


# 5. Looks right: screenshots, phone width, colour scheme ------------------------------------


def luminance(css_colour: str) -> float:
    """Relative luminance (WCAG) of a computed ``rgb()``/``rgba()`` colour."""
    numbers = css_colour[css_colour.index("(") + 1 : -1].replace("/", " ").replace(",", " ")
    r, g, b = (float(v) / 255 for v in numbers.split()[:3])

    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


@pytest.mark.parametrize("page_type", page_types())
def test_screenshot_in_the_right_colour_scheme(visit: Any, page_type: PageType, mode: Mode) -> None:
    page = visit(page_type)
    if page_type is SEARCH:
        page.wait_for_selector("#search-results ul li")
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOT_DIR / f"{page_type.name}-{mode.id}.png", full_page=True)
    background = luminance(page.evaluate("getComputedStyle(document.body).backgroundColor"))
    text = luminance(
        page.evaluate("getComputedStyle(document.querySelector('article[role=main]')).color")
    )
    if mode.scheme == "dark":
        assert background < 0.05 < 0.5 < text, (background, text)
    else:
        assert text < 0.05 < 0.5 < background, (background, text)


LAYOUT_JS = """
(selectors) => {
  const problems = [];
  const width = document.documentElement.clientWidth;
  const pageWidth = document.documentElement.scrollWidth;
  if (pageWidth > width) problems.push(`the page scrolls sideways: ${pageWidth}px > ${width}px`);
  const transparent = c => c === 'transparent' || /rgba\\(.*, 0\\)$/.test(c);
  for (const selector of selectors) {
    for (const el of document.querySelectorAll(selector)) {
      for (const node of [el, ...el.querySelectorAll('*')]) {
        const r = node.getBoundingClientRect();
        if (r.width === 0 && r.height === 0) continue;
        const classes = typeof node.className === 'string' && node.className
          ? '.' + node.className.trim().split(/\\s+/).join('.') : '';
        const name = node === el ? selector
          : `${selector} ${node.tagName.toLowerCase()}${classes}`;
        if (r.left < -0.5 || r.right > width + 0.5)
          problems.push(`${name} spans ${r.left.toFixed(0)}..${r.right.toFixed(0)} of ${width}px`);
        const style = getComputedStyle(node);
        if (node.scrollWidth > node.clientWidth + 1 && style.overflowX !== 'visible'
            && style.overflowX !== 'auto' && style.overflowX !== 'scroll')
          problems.push(`${name} clips its content: ${node.scrollWidth} in ${node.clientWidth}px`);
        // A boxed component (its own border or background) keeps its content off its edges;
        // furo's admonitions (the crisis notice) draw their title flush on purpose.
        const bordered = parseFloat(style.borderLeftWidth) > 0
          && parseFloat(style.borderRightWidth) > 0;
        const boxed = bordered || !transparent(style.backgroundColor);
        if (!boxed || !/clinic-/.test(classes) || /admonition/.test(classes)
            || style.display.startsWith('inline')) continue;
        for (const child of node.children) {
          const c = child.getBoundingClientRect();
          if (!c.width || getComputedStyle(child).position === 'absolute') continue;
          const gap = Math.min(c.left - r.left, r.right - c.right);
          if (gap < 4) problems.push(`${name}: its <${child.tagName.toLowerCase()}> is `
            + `${gap.toFixed(0)}px from the box's edge`);
        }
      }
    }
  }
  return problems;
}
"""


@pytest.mark.parametrize("page_type", page_types())
def test_components_fit_the_screen(visit: Any, page_type: PageType, mode: Mode) -> None:
    """Nothing sticks out of the screen or is clipped; boxes keep their content off the edges."""
    page = visit(page_type)
    problems = page.evaluate(LAYOUT_JS, list(page_type.components))
    assert problems == [], "\n".join(problems)


# 6. Keyboard -----------------------------------------------------------------------------

MARK_TARGETS_JS = """
([selectors, focusable]) => {
  const targets = [], counts = {};
  for (const selector of selectors)
    for (const component of document.querySelectorAll(selector))
      for (const el of [component, ...component.querySelectorAll(focusable)]) {
        if (!el.matches(focusable) || el.disabled) continue;
        if (!el.getClientRects().length || getComputedStyle(el).visibility === 'hidden') continue;
        counts[selector] = (counts[selector] || 0) + 1;
        if (el.dataset.kbTarget) continue;
        el.dataset.kbTarget = String(targets.length);
        const text = el.textContent.trim().slice(0, 50);
        targets.push(`${selector}: <${el.tagName.toLowerCase()}> ${text}`);
      }
  const look = el => { const s = getComputedStyle(el);
    return {outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 1
                     && !/rgba\\(.*, 0\\)$/.test(s.outlineColor),
            shadow: s.boxShadow, background: s.backgroundColor, border: s.borderColor}; };
  window.__kbBefore = {};
  for (const el of document.querySelectorAll('[data-kb-target]'))
    window.__kbBefore[el.dataset.kbTarget] = look(el);
  window.__kbSeen = {};
  window.__kbWrapped = false;
  window.__kbOffscreen = [];
  const visited = new Set();
  document.addEventListener('focusin', event => {
    const el = event.target, id = el.dataset && el.dataset.kbTarget;
    // Every Tab stop on the page is on the screen when it has focus (the browser scrolls
    // vertically; a drawer parked beside the screen is what this catches).
    if (visited.has(el)) window.__kbWrapped = true;
    visited.add(el);
    const r = el.getBoundingClientRect();
    if (r.right <= 0 || r.left >= innerWidth || getComputedStyle(el).visibility === 'hidden')
      window.__kbOffscreen.push(`<${el.tagName.toLowerCase()} class="${el.className}"> `
        + `${el.textContent.trim().slice(0, 40)} at x=${r.left.toFixed(0)}..${r.right.toFixed(0)}`);
    if (id === undefined || id in window.__kbSeen) return;
    const before = window.__kbBefore[id], now = look(el);
    window.__kbSeen[id] = now.outline || (now.shadow !== 'none' && now.shadow !== before.shadow)
      || now.background !== before.background || now.border !== before.border;
  }, true);
  const all = [...document.querySelectorAll(focusable)].filter(el => el.getClientRects().length);
  return {targets, counts, tabbable: all.length};
}
"""


@pytest.mark.parametrize("page_type", page_types())
def test_keyboard_reaches_every_link_and_control(
    visit: Any, page_type: PageType, mode: Mode
) -> None:
    page = visit(page_type)
    selectors = ["a.skip-to-content", *page_type.components]
    marked = page.evaluate(MARK_TARGETS_JS, [selectors, FOCUSABLE])
    targets = marked["targets"]
    assert targets[0].startswith("a.skip-to-content")
    for selector in page_type.components:
        assert marked["counts"].get(selector), f"nothing to focus in {selector}"
    # The whole tab order, once round (contexts ask for reduced motion, which the site's CSS
    # honours: a drawer is in place as soon as focus enters it).
    for presses in range(marked["tabbable"] + 10):
        page.keyboard.press("Tab")
        if presses % 10 == 9 and page.evaluate("window.__kbWrapped"):
            break
    seen = page.evaluate("window.__kbSeen")
    unreached = [t for i, t in enumerate(targets) if str(i) not in seen]
    assert unreached == [], "not reachable with Tab:\n" + "\n".join(unreached)
    invisible = [t for i, t in enumerate(targets) if not seen[str(i)]]
    assert invisible == [], "no visible focus indicator:\n" + "\n".join(invisible)
    offscreen = page.evaluate("window.__kbOffscreen")
    assert offscreen == [], "focused while off the screen:\n" + "\n".join(offscreen)
