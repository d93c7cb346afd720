"""Read a WordPress eXtended RSS (WXR) export as a stream of records.

WordPress and Squarespace both export their sites in this format: an RSS channel with
the site's authors, categories and tags, then one ``<item>`` per post, page and
attachment. The file is parsed incrementally (each item is dropped once it has been
handed on), so a large export is read in bounded memory, and with ``defusedxml``, so a
hostile export cannot expand entities or reach outside files.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any
from xml.etree.ElementTree import Element, ParseError

import defusedxml.ElementTree as DefusedET
from defusedxml import DefusedXmlException

#: Namespace prefixes by the start of their URI (WXR 1.0-1.2 differ in the version).
_NAMESPACES = {
    "http://wordpress.org/export/": "wp",
    "http://purl.org/rss/1.0/modules/content/": "content",
    "http://purl.org/dc/elements/1.1/": "dc",
    "http://wellformedweb.org/CommentAPI/": "wfw",
}
_EXCERPT = "/excerpt/"  # http://wordpress.org/export/1.2/excerpt/ is not the wp namespace


class ExportError(Exception):
    """The export cannot be read; ``line`` and ``column`` (1-based) say where."""

    def __init__(self, path: str, message: str, line: int = 0, column: int = 0) -> None:
        where = f"{path}:{line}:{column}" if line else path
        super().__init__(f"{where}: {message}")
        self.path = path
        self.line = line
        self.column = column
        self.message = message


@dataclass(frozen=True)
class Author:
    """A ``<wp:author>`` of the export."""

    login: str
    display_name: str = ""
    email: str = ""
    first_name: str = ""
    last_name: str = ""


@dataclass(frozen=True)
class Term:
    """A category or tag that an item is filed under."""

    domain: str  # "category" or "post_tag"
    slug: str
    label: str


@dataclass(frozen=True)
class Item:
    """One ``<item>``: a post, page, attachment or anything else WordPress exports."""

    id: int
    type: str
    status: str
    title: str
    link: str
    slug: str
    creator: str
    content: str
    excerpt: str
    date: str  # the site's local time, "YYYY-MM-DD HH:MM:SS"
    date_gmt: str
    modified: str
    parent: int = 0
    password: str = ""
    terms: tuple[Term, ...] = ()
    meta: dict[str, str] = field(default_factory=dict)
    attachment_url: str = ""
    line: int = 0  # of its <item> tag in the export

    @property
    def local_date(self) -> dt.date | None:
        """The publication date as the site's readers saw it (WordPress's local time)."""
        return wxr_date(self.date) or wxr_date(self.date_gmt)

    @property
    def modified_date(self) -> dt.date | None:
        return wxr_date(self.modified)


@dataclass
class Channel:
    """What the export says about the site before its items."""

    title: str = ""
    link: str = ""
    base_site_url: str = ""
    base_blog_url: str = ""
    generator: str = ""
    authors: dict[str, Author] = field(default_factory=dict)


def wxr_date(text: str) -> dt.date | None:
    """``2024-03-05 09:00:00`` -> a date; WordPress writes ``0000-00-00 00:00:00`` for none."""
    try:
        return dt.date.fromisoformat(text.strip()[:10])
    except ValueError:
        return None


class _CountingReader:
    """A binary file that counts what has been read (for the progress bar)."""

    def __init__(self, raw: IO[bytes], progress: Callable[[int], None] | None) -> None:
        self._raw = raw
        self._progress = progress

    def read(self, size: int = -1) -> bytes:
        data = self._raw.read(size)
        if self._progress is not None and data:
            self._progress(len(data))
        return data


def _local(tag: str) -> str:
    """``{http://wordpress.org/export/1.2/}post_id`` -> ``wp:post_id``."""
    if not tag.startswith("{"):
        return tag
    uri, _, name = tag[1:].partition("}")
    if _EXCERPT in uri:
        return f"excerpt:{name}"
    for start, prefix in _NAMESPACES.items():
        if uri.startswith(start):
            return f"{prefix}:{name}"
    return name


def _text(element: Element, name: str) -> str:
    for child in element:
        if _local(child.tag) == name:
            return child.text or ""
    return ""


def _int(text: str) -> int:
    try:
        return int(text.strip() or 0)
    except ValueError:
        return 0


def _author(element: Element) -> Author:
    return Author(
        login=_text(element, "wp:author_login").strip(),
        display_name=_text(element, "wp:author_display_name").strip(),
        email=_text(element, "wp:author_email").strip(),
        first_name=_text(element, "wp:author_first_name").strip(),
        last_name=_text(element, "wp:author_last_name").strip(),
    )


def _item(element: Element, line: int) -> Item:
    terms = []
    meta: dict[str, str] = {}
    for child in element:
        name = _local(child.tag)
        if name == "category":
            domain = child.get("domain", "category")
            label = (child.text or "").strip()
            terms.append(Term(domain, child.get("nicename", "").strip(), label))
        elif name == "wp:postmeta":
            key = _text(child, "wp:meta_key")
            if key in ("_thumbnail_id", "_wp_attached_file", "_wp_attachment_image_alt"):
                meta[key] = _text(child, "wp:meta_value")
    return Item(
        id=_int(_text(element, "wp:post_id")),
        type=_text(element, "wp:post_type").strip() or "post",
        status=_text(element, "wp:status").strip() or "publish",
        title=_text(element, "title"),
        link=_text(element, "link").strip(),
        slug=_text(element, "wp:post_name").strip(),
        creator=_text(element, "dc:creator").strip(),
        content=_text(element, "content:encoded"),
        excerpt=_text(element, "excerpt:encoded"),
        date=_text(element, "wp:post_date").strip(),
        date_gmt=_text(element, "wp:post_date_gmt").strip(),
        modified=_text(element, "wp:post_modified").strip(),
        parent=_int(_text(element, "wp:post_parent")),
        password=_text(element, "wp:post_password"),
        terms=tuple(terms),
        meta=meta,
        attachment_url=_text(element, "wp:attachment_url").strip(),
        line=line,
    )


class _LineTarget(DefusedET._TreeBuilder):  # type: ignore[name-defined,misc]
    """Builds the tree as usual and notes the line each ``<item>`` starts on (expat
    calls ``start`` while its position is still that tag's)."""

    def __init__(self) -> None:
        super().__init__()
        self.expat: Any = None
        self.item_lines: list[int] = []

    def start(self, tag: str, attrs: dict[str, str]) -> Element:
        if tag == "item" and self.expat is not None:
            self.item_lines.append(int(self.expat.CurrentLineNumber))
        return super().start(tag, attrs)


def read_export(
    path: Path,
    channel: Channel,
    progress: Callable[[int], None] | None = None,
) -> Iterator[Item]:
    """Yield the export's items in order, filling ``channel`` as its parts are read.

    Raises :class:`ExportError` with the line and column of the first fault when the
    file is not well-formed XML (truncated, say) or is not a WXR export; items before
    the fault have been yielded by then, so callers that must not act on half a file
    read it through once before acting on it (the importer's first reading).
    """
    display = str(path)
    target = _LineTarget()
    parser = DefusedET.DefusedXMLParser(target=target)
    target.expat = parser.parser
    seen_channel = False
    try:
        with path.open("rb") as raw:
            stack: list[Element] = []
            events = DefusedET.iterparse(
                _CountingReader(raw, progress), events=("start", "end"), parser=parser
            )
            for event, element in events:
                if event == "start":
                    stack.append(element)
                    if len(stack) == 1 and _local(element.tag) != "rss":
                        raise ExportError(
                            display,
                            f"this is not a WordPress export (its root is <{element.tag}>, "
                            "not <rss>); export the site again from Tools > Export",
                            1,
                            1,
                        )
                    continue
                stack.pop()
                name = _local(element.tag)
                if len(stack) != 2 or _local(stack[1].tag) != "channel":
                    continue
                seen_channel = True
                parent = stack[1]
                if name == "item":
                    line = target.item_lines.pop(0) if target.item_lines else 0
                    yield _item(element, line)
                elif name == "wp:author":
                    author = _author(element)
                    if author.login:
                        channel.authors.setdefault(author.login, author)
                elif name in ("title", "link", "generator"):
                    setattr(channel, name, (element.text or "").strip())
                elif name in ("wp:base_site_url", "wp:base_blog_url"):
                    setattr(channel, name[3:], (element.text or "").strip())
                parent.remove(element)  # bounded memory: nothing read stays in the tree
    except ParseError as error:
        line, column = getattr(error, "position", (0, 0))
        message = str(error).split(":")[0]
        raise ExportError(
            display,
            f"the export is not well-formed XML ({message}); it may be truncated: "
            "download it again",
            line,
            column + 1,
        ) from None
    except DefusedXmlException as error:
        raise ExportError(
            display, f"the export declares entities or a DTD, which exports never do ({error})"
        ) from None
    except OSError as error:
        raise ExportError(display, f"cannot read the export: {error.strerror or error}") from None
    if not seen_channel:
        raise ExportError(display, "this RSS file has no <channel>; it is not a WordPress export")
