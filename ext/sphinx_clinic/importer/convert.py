"""Turn a post's HTML (WordPress blocks, classic-editor text, Squarespace blocks) into MyST.

The HTML is cleaned first with BeautifulSoup: block comments, scripts, frames, forms,
styles, event handlers, tracking pixels and links that are not web, mail or phone
addresses are removed, and each removal is recorded so the report can say what was
dropped. Then markdownify writes CommonMark, with its escaping widened to what MyST
reads as markup (``$``, ``{``, a ``%`` or ``:::`` that starts a line), so no text of the
export becomes a directive, a role, a comment or raw HTML on the page.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from bs4 import BeautifulSoup, Comment, Tag
from markdownify import MarkdownConverter

from ..text import is_safe_url

#: Elements removed with everything inside them (named in the report).
DROPPED_ELEMENTS = frozenset(
    {"script", "style", "noscript", "iframe", "frame", "frameset", "object", "embed"}
    | {"applet", "form", "input", "button", "select", "textarea", "svg", "math", "canvas"}
    | {"video", "audio", "source", "track", "link", "meta", "base", "template", "head"}
    | {"title", "dialog", "portal"}
)
#: Attributes kept, by element; every other attribute goes (styles, classes, handlers).
KEPT_ATTRIBUTES = {"a": ("href",), "img": ("src", "alt"), "th": (), "td": ()}
#: Hosts that serve tracking pixels and page counters.
TRACKER_HOSTS = (
    "pixel.wp.com",
    "stats.wp.com",
    "www.facebook.com",
    "facebook.com",
    "www.google-analytics.com",
    "google-analytics.com",
    "bat.bing.com",
    "px.ads.linkedin.com",
    "static.squarespace.com/universal/scripts",
)
#: Shortcodes of WordPress core and common plugins; ``caption`` and ``embed`` are kept.
SHORTCODES = (
    "gallery|audio|video|playlist|wp_caption|contact-form-7|contact-form|wpforms|gravityform"
    "|ninja_form|mc4wp_form|et_pb_[a-z_]+|vc_[a-z_]+|fusion_[a-z_]+|su_[a-z_]+|instagram-feed"
)
_SHORTCODE = re.compile(rf"\[/?(?P<name>{SHORTCODES})\b[^\]]*\]", re.IGNORECASE)
_CAPTION = re.compile(
    r"\[(?:wp_)?caption\b[^\]]*\](?P<body>.*?)\[/(?:wp_)?caption\]", re.IGNORECASE | re.DOTALL
)
_EMBED = re.compile(r"\[embed\b[^\]]*\](?P<url>.*?)\[/embed\]", re.IGNORECASE | re.DOTALL)
_BLOCKS = "p|h[1-6]|ul|ol|blockquote|table|figure|pre|div|hr|section|dl|address"
_BLOCK_START = re.compile(rf"^\s*<(?:{_BLOCKS}|li)\b", re.IGNORECASE)
_ABOUT = re.compile(r"^\s*(about the authors?|about (?:me|us)\b|about [A-Z][\w'’.-]+)", re.I)
_NEXT = re.compile(r"^\s*(next( post| article| up| read)?|read next|up next)\s*[:»>→-]", re.I)
_BIO_CLASSES = re.compile(r"author[-_]?(bio|box|info|card)|about[-_]author|saboxplugin|post-author")
_TODO = "QXIMPORTTODO{}QX"
_TODO_TOKEN = re.compile(r"QXIMPORTTODO(\d+)QX")


@dataclass
class Conversion:
    """A converted body, and what happened on the way."""

    markdown: str
    #: what was removed: ("iframe", "www.youtube.com"), ("inline style", "3")...
    dropped: list[tuple[str, str]] = field(default_factory=list)
    #: image URLs with no local file (each left as a TODO comment on the page)
    missing_images: list[str] = field(default_factory=list)
    #: image URLs replaced by a local file
    images: list[str] = field(default_factory=list)
    #: links to other imported posts, now document links
    internal_links: int = 0
    #: the author bio found at the end, and whether it was removed
    bio: str = ""
    bio_removed: bool = False
    next_link_removed: bool = False


@dataclass(frozen=True)
class Resolvers:
    """How the converter reaches outside the post: all three are pure look-ups."""

    #: an old address -> the page's new relative link (``other.md``), or None
    link: Callable[[str], str | None] = lambda href: None
    #: an image address -> a path relative to the page, or None when not available
    image: Callable[[str], str | None] = lambda src: None
    #: the bio's text -> True to remove it (it repeats the author's profile)
    remove_bio: Callable[[str], bool] = lambda text: False
    #: the URL schemes MyST makes links of (``myst_url_schemes``); others become text
    url_schemes: tuple[str, ...] = ("http", "https", "mailto", "ftp")


def prepare_html(html: str, dropped: list[tuple[str, str]]) -> str:
    """Shortcodes and classic-editor paragraphs, before the HTML is parsed."""
    html = _CAPTION.sub(_caption_figure, html)
    html = _EMBED.sub(lambda m: f'<p><a href="{m["url"].strip()}">{m["url"].strip()}</a></p>', html)

    def drop(match: re.Match[str]) -> str:
        if not match.group(0).startswith("[/"):
            dropped.append(("shortcode", f"[{match['name'].lower()}]"))
        return ""

    html = _SHORTCODE.sub(drop, html)
    if "<!-- wp:" not in html and "<p" not in html.lower():
        html = autop(html)
    return html


def _caption_figure(match: re.Match[str]) -> str:
    body = match["body"]
    end = body.rfind(">")
    image, caption = (body[: end + 1], body[end + 1 :]) if end >= 0 else ("", body)
    return f"<figure>{image}<figcaption>{caption.strip()}</figcaption></figure>"


def autop(text: str) -> str:
    """WordPress's ``wpautop`` in brief: the classic editor stores paragraphs as text
    separated by blank lines, and line breaks as single newlines."""
    text = text.replace("\r\n", "\n")
    # Block elements stand apart from the text around them, as wpautop makes them.
    text = re.sub(rf"(</(?:{_BLOCKS})>)", r"\1\n\n", text, flags=re.IGNORECASE)
    text = re.sub(rf"(<(?:{_BLOCKS})\b)", r"\n\n\1", text, flags=re.IGNORECASE)
    parts = []
    for chunk in re.split(r"\n\s*\n", text):
        if not chunk.strip():
            continue
        if _BLOCK_START.match(chunk):
            parts.append(chunk)
        else:
            parts.append("<p>" + chunk.strip().replace("\n", "<br />\n") + "</p>")
    return "\n".join(parts)


def clean(soup: BeautifulSoup, dropped: list[tuple[str, str]]) -> None:
    """Remove what must never reach a page, recording each removal."""
    for comment in soup.find_all(string=lambda s: isinstance(s, Comment)):
        comment.extract()  # block markup: <!-- wp:paragraph -->
    for element in soup.find_all(DROPPED_ELEMENTS):
        if element.parent is None:
            continue  # inside an element already removed
        source = element.get("src") or element.get("data") or ""
        host = urlsplit(str(source)).hostname or "" if source else ""
        dropped.append((element.name, host))
        element.decompose()
    styles = 0
    for element in soup.find_all(True):
        for name in list(element.attrs):
            if name == "style":
                styles += 1
            elif name.lower().startswith("on"):
                dropped.append(("event handler", f"{element.name} {name}"))
        if element.name == "img" and not element.get("src"):
            # Squarespace loads its pictures lazily from these.
            lazy = element.get("data-src") or element.get("data-image")
            if lazy:
                element["src"] = lazy
        kept = KEPT_ATTRIBUTES.get(element.name, ())
        size = (element.get("width"), element.get("height"))
        element.attrs = {k: v for k, v in element.attrs.items() if k in kept}
        if element.name == "img":
            _check_image(element, size, dropped)
        elif element.name == "a":
            _check_link(element, dropped)
    if styles:
        dropped.append(("inline style", str(styles)))


def _check_image(image: Tag, size: tuple[Any, Any], dropped: list[tuple[str, str]]) -> None:
    src = str(image.get("src") or "").strip()
    parts = urlsplit(src)
    tiny = all(str(s).strip().rstrip("px") in ("0", "1", "2") for s in size if s is not None)
    if not src or not is_safe_url(src) or parts.scheme == "data":
        dropped.append(("image with an unsafe address", src.split(":")[0][:20]))
        image.decompose()
    elif (tiny and any(s is not None for s in size)) or any(
        f"{parts.hostname}{parts.path}".startswith(host) for host in TRACKER_HOSTS
    ):
        dropped.append(("tracking pixel", parts.hostname or ""))
        image.decompose()


def _check_link(link: Tag, dropped: list[tuple[str, str]]) -> None:
    href = str(link.get("href") or "").strip()
    if href and not is_safe_url(href):
        scheme = "".join(ch for ch in href if not ch.isspace()).split(":")[0].lower()
        dropped.append(("unsafe link", f"{scheme}:"))
        link.unwrap()
    elif not href:
        link.unwrap()


def split_bio(soup: BeautifulSoup) -> tuple[str, list[Tag]]:
    """The "About the author" part at the end of a post: its text and its elements.

    Recognised as a box with an author-bio class, or a heading or paragraph starting
    with "About the author" / "About <Name>" followed only by a few paragraphs.
    """
    top = [child for child in soup.children if isinstance(child, Tag)]
    for element in reversed(top[-3:]):
        classes = " ".join(element.get_attribute_list("class") or [])
        if _BIO_CLASSES.search(classes) or (
            element.name in ("div", "section", "aside") and _ABOUT.match(element.get_text())
        ):
            return _bio_text(element.get_text(" ")), [element, *_after(top, element)]
    for index in range(len(top) - 1, max(len(top) - 6, -1), -1):
        element = top[index]
        if element.name in ("h2", "h3", "h4", "h5", "h6", "p") and _ABOUT.match(element.get_text()):
            heading_only = element.name != "p" or len(element.get_text()) < 60
            rest = top[index + 1 :] if heading_only else top[index:]
            if element.name == "p" and not heading_only:
                text = " ".join(e.get_text(" ") for e in rest)
            else:
                text = " ".join(e.get_text(" ") for e in rest)
            return _bio_text(text), top[index:]
    return "", []


def _after(top: list[Tag], element: Tag) -> list[Tag]:
    return top[top.index(element) + 1 :]


def _bio_text(text: str) -> str:
    text = " ".join(text.split())
    return _ABOUT.sub("", text, count=1).lstrip(" :.-–—") if _ABOUT.match(text) else text


def remove_next_link(soup: BeautifulSoup) -> bool:
    """Drop a trailing "Next: <a>..." paragraph: the site adds its own next link."""
    top = [child for child in soup.children if isinstance(child, Tag)]
    for element in reversed(top[-2:]):
        if element.name in ("p", "div") and element.find("a") and _NEXT.match(element.get_text()):
            element.decompose()
            return True
    return False


def normalise_headings(soup: BeautifulSoup) -> None:
    """The title is the page's only ``#``: sections start at ``##`` and never skip a
    level (MyST warns about a jump from ``##`` to ``####``)."""
    headings = soup.find_all(["h1", "h2", "h3", "h4", "h5", "h6"])
    if not headings:
        return
    shift = min(int(h.name[1]) for h in headings) - 2
    previous = 1
    for heading in headings:
        level = max(2, min(int(heading.name[1]) - shift, previous + 1, 6))
        heading.name = f"h{level}"
        previous = level


def _embeds_as_links(soup: BeautifulSoup, dropped: list[tuple[str, str]]) -> None:
    """WordPress embed blocks hold a bare URL; a link keeps it without loading it."""
    for figure in soup.find_all("figure"):
        classes = " ".join(figure.get_attribute_list("class") or [])
        if "wp-block-embed" not in classes:
            continue
        url = figure.get_text().strip()
        paragraph = soup.new_tag("p")
        if url and is_safe_url(url) and urlsplit(url).scheme in ("http", "https"):
            link = soup.new_tag("a", href=url)
            link.string = url
            paragraph.append(link)
            dropped.append(("embed (kept as a link)", urlsplit(url).hostname or ""))
        figure.replace_with(paragraph)


class MystConverter(MarkdownConverter):
    """markdownify with MyST's extra markup escaped, safe fences, links and images."""

    def __init__(self, **options: Any) -> None:
        super().__init__(
            heading_style="ATX",
            bullets="-",
            escape_misc=True,
            table_infer_header=True,
            autolinks=False,
            **options,
        )

    def escape(self, text: str, parent_tags: Any) -> str:
        text = super().escape(text, parent_tags)  # type: ignore[misc]  # not in its stubs
        if not text or "_noformat" in parent_tags:
            return text
        # ``$`` starts math and ``{`` roles and substitutions when a site enables them.
        return text.replace("$", r"\$").replace("{", r"\{").replace("}", r"\}")

    def convert_pre(self, el: Tag, text: str, parent_tags: Any) -> str:
        if not text:
            return ""
        text = text.strip("\n")
        longest = max((len(m) for m in re.findall(r"`+|~+", text)), default=0)
        fence = "`" * max(3, longest + 1)
        return f"\n\n{fence}text\n{text}\n{fence}\n\n"

    def convert_a(self, el: Tag, text: str, parent_tags: Any) -> str:
        if "_noformat" in parent_tags:
            return text
        href = _link_target(str(el.get("href") or ""))
        if not text.strip() or not href:
            return text
        return f"[{text.strip()}]({href})"

    def convert_img(self, el: Tag, text: str, parent_tags: Any) -> str:
        src = str(el.get("src") or "")
        if src.startswith("QXIMPORTTODO"):
            return src
        alt = _inline_text(str(el.get("alt") or ""))
        return f"![{alt}]({_link_target(src)})"

    def convert_figcaption(self, el: Tag, text: str, parent_tags: Any) -> str:
        text = text.strip()
        return f"\n\n*{text}*\n\n" if text else ""


def _inline_text(text: str) -> str:
    """Text inside ``[...]`` (alt text): one line, brackets and markup escaped."""
    text = " ".join(text.split())
    return re.sub(r"([\\\[\]`*_<>{}$])", r"\\\1", text)


def _link_target(url: str) -> str:
    """A link destination that stays one: no spaces, brackets or control characters."""
    url = "".join(ch for ch in url.strip() if ch.isprintable() and ch not in "\n\r\t")
    if not url:
        return ""
    if re.search(r"[\s()<>]", url):
        return "<" + url.replace("<", "%3C").replace(">", "%3E") + ">"
    return url


_LINE_MARKUP = re.compile(r"^(\s*)(%|:::|\+\+\+|\(.*\)=)")


def escape_line_markup(markdown: str) -> str:
    """Escape what MyST reads at the start of a line (outside code fences): a ``%``
    comment, a ``:::`` fence, a ``+++`` break, a ``(target)=`` label."""
    lines = []
    fence = ""
    for line in markdown.split("\n"):
        stripped = line.lstrip()
        if fence:
            if stripped.startswith(fence) and not stripped[len(fence) :].strip():
                fence = ""
        elif re.match(r"(`{3,}|~{3,})", stripped):
            fence = re.match(r"(`{3,}|~{3,})", stripped).group(1)  # type: ignore[union-attr]
        else:
            line = _LINE_MARKUP.sub(r"\1\\\2", line)
        lines.append(line)
    return "\n".join(lines)


def convert_html(html: str, resolvers: Resolvers | None = None) -> Conversion:
    """Convert one post body to MyST Markdown (without its title)."""
    resolvers = resolvers or Resolvers()
    dropped: list[tuple[str, str]] = []
    soup = BeautifulSoup(prepare_html(html, dropped), "html.parser")
    _embeds_as_links(soup, dropped)  # before clean(), which removes the classes it reads
    clean(soup, dropped)
    result = Conversion("", dropped)
    result.next_link_removed = remove_next_link(soup)
    bio, bio_elements = split_bio(soup)
    if bio_elements and resolvers.remove_bio(bio):
        for element in bio_elements:
            element.decompose()
        result.bio, result.bio_removed = bio, True
    elif bio_elements:
        result.bio = bio
    normalise_headings(soup)
    todos: list[str] = []
    for link in soup.find_all("a"):
        href = str(link.get("href") or "")
        scheme = urlsplit(href).scheme.lower()
        if scheme and scheme not in resolvers.url_schemes:
            # MyST would read it as a cross-reference and warn: keep what it says.
            number = href.split(":", 1)[1]
            link.append(f" ({number})" if number not in link.get_text() else "")
            link.unwrap()
            dropped.append((f"{scheme}: link kept as text", f"add '{scheme}' to myst_url_schemes"))
            continue
        target = resolvers.link(href)
        if target is not None:
            link["href"] = target
            result.internal_links += 1
    for image in soup.find_all("img"):
        src = str(image.get("src") or "")
        local = resolvers.image(src)
        if local is None:
            result.missing_images.append(src)
            todos.append(src)
            image["src"] = _TODO.format(len(todos) - 1)
        else:
            result.images.append(src)
            image["src"] = local
    markdown = MystConverter().convert_soup(soup)
    markdown = escape_line_markup(markdown)
    result.markdown = _place_todos(markdown, todos)
    return result


def _place_todos(markdown: str, todos: list[str]) -> str:
    """Each missing image leaves a MyST comment (not shown to readers) on the line
    after where it stood, saying which file to add."""
    if not todos:
        return _tidy(markdown)
    lines = []
    for line in markdown.split("\n"):
        found = [int(n) for n in _TODO_TOKEN.findall(line)]
        if not found:
            lines.append(line)
            continue
        text = _TODO_TOKEN.sub("", line)
        indent = re.match(r"\s*", line).group(0)  # type: ignore[union-attr]
        if text.strip(" !-*[]()"):
            lines += [text, ""]
        for number in found:
            src = "".join(ch for ch in todos[number] if ch.isprintable())
            lines.append(
                f"{indent}% TODO(import): the image {src} was not found; copy it next to "
                "this page and add it here as ![what it shows](file-name)"
            )
        lines.append("")
    return _tidy("\n".join(lines))


def _tidy(markdown: str) -> str:
    markdown = re.sub(r"[ \t]+\n", "\n", markdown)
    return re.sub(r"\n{3,}", "\n\n", markdown).strip() + "\n"


def plain_text(html: str) -> str:
    """The text of an HTML fragment (an excerpt, a title), one line, no markup."""
    text = BeautifulSoup(html, "html.parser").get_text(" ")
    return " ".join(text.split())
