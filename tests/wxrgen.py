"""Generate WordPress 6 exports of any size (for the importer's tests and benchmark).

Each post has block markup (paragraphs, headings, a list, a quote, an image block), a
link to an earlier post by its dated permalink, categories and tags, and the author's
bio at the end; authors rotate. The text is written a post at a time, so an export of
50 MB needs no more memory than one of 50 kB.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import IO

BASE = "https://practice.example"
AUTHORS = (
    ("alima", "Ana Lima", "I work with new parents and people facing loss."),
    ("bokafor", "Ben Okafor", "Ben works with couples and with people whose worry has grown loud."),
    ("rjames", "Rosa James", "Rosa James is a grief counselor who helps people carry loss."),
    ("tnguyen", "Tam Nguyen", "Tam Nguyen helps adults with anxiety and panic."),
)
CATEGORIES = (
    ("anxiety", "Anxiety"),
    ("grief-and-loss", "Grief and Loss"),
    ("new-parents", "New parents"),
)
TAGS = (("worry", "worry"), ("bereavement", "bereavement"), ("sleep", "sleep"))
_HEADER = """<?xml version="1.0" encoding="UTF-8" ?>
<!-- generator="WordPress/6.4.3" created="2025-03-03 17:12" -->
<rss version="2.0"
\txmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
\txmlns:content="http://purl.org/rss/1.0/modules/content/"
\txmlns:wfw="http://wellformedweb.org/CommentAPI/"
\txmlns:dc="http://purl.org/dc/elements/1.1/"
\txmlns:wp="http://wordpress.org/export/1.2/"
>
<channel>
\t<title>A generated practice</title>
\t<link>{base}</link>
\t<description>Generated for tests</description>
\t<language>en-US</language>
\t<wp:wxr_version>1.2</wp:wxr_version>
\t<wp:base_site_url>{base}</wp:base_site_url>
\t<wp:base_blog_url>{base}</wp:base_blog_url>
"""
_PARAGRAPH = (
    "<!-- wp:paragraph -->\n<p>Paragraph {n} of post {i}: many people notice that "
    "<strong>small routines</strong> help on <em>hard days</em>, and that talking about them "
    "with someone they trust makes the next step easier.</p>\n<!-- /wp:paragraph -->\n\n"
)


def post_slug(index: int) -> str:
    return f"generated-post-{index}"


def post_date(index: int) -> dt.datetime:
    return dt.datetime(2020, 1, 1, 9, 0) + dt.timedelta(days=index, minutes=index % 60)


def permalink(index: int) -> str:
    return f"{BASE}/{post_date(index):%Y/%m/%d}/{post_slug(index)}/"


def _body(index: int, paragraphs: int) -> str:
    bio = AUTHORS[index % len(AUTHORS)][2]
    parts = [_PARAGRAPH.format(n=0, i=index)]
    if index:
        parts.append(
            f'<!-- wp:paragraph -->\n<p>This follows <a href="{permalink(index - 1)}">the '
            "previous post</a>.</p>\n<!-- /wp:paragraph -->\n\n"
        )
    for n in range(1, paragraphs):
        if n % 4 == 0:
            parts.append(
                f'<!-- wp:heading -->\n<h2 class="wp-block-heading">Part {n // 4}</h2>\n'
                "<!-- /wp:heading -->\n\n"
            )
        parts.append(_PARAGRAPH.format(n=n, i=index))
    parts.append(
        '<!-- wp:list -->\n<ul class="wp-block-list"><!-- wp:list-item -->\n<li>One thing'
        "</li>\n<!-- /wp:list-item --><!-- wp:list-item -->\n<li>Another thing</li>\n"
        "<!-- /wp:list-item --></ul>\n<!-- /wp:list -->\n\n"
        '<!-- wp:quote -->\n<blockquote class="wp-block-quote"><p>Starting is enough.</p>'
        "</blockquote>\n<!-- /wp:quote -->\n\n"
        '<!-- wp:image {"sizeSlug":"large"} -->\n<figure class="wp-block-image size-large">'
        f'<img src="{BASE}/wp-content/uploads/2024/03/tea-1024x683.jpg" alt="A cup of tea" />'
        "</figure>\n<!-- /wp:image -->\n\n"
        '<!-- wp:heading {"level":3} -->\n<h3 class="wp-block-heading">About the author</h3>\n'
        f"<!-- /wp:heading -->\n\n<!-- wp:paragraph -->\n<p>{bio}</p>\n<!-- /wp:paragraph -->"
    )
    return "".join(parts)


def _item(index: int, paragraphs: int) -> str:
    login = AUTHORS[index % len(AUTHORS)][0]
    date = post_date(index)
    gmt = date + dt.timedelta(hours=5)
    category = CATEGORIES[index % len(CATEGORIES)]
    tag = TAGS[index % len(TAGS)]
    status = "draft" if index % 10 == 9 else "publish"
    return f"""\t<item>
\t\t<title><![CDATA[Generated post number {index}]]></title>
\t\t<link>{permalink(index)}</link>
\t\t<dc:creator><![CDATA[{login}]]></dc:creator>
\t\t<guid isPermaLink="false">{BASE}/?p={1000 + index}</guid>
\t\t<description></description>
\t\t<content:encoded><![CDATA[{_body(index, paragraphs)}]]></content:encoded>
\t\t<excerpt:encoded><![CDATA[A generated summary of post {index}.]]></excerpt:encoded>
\t\t<wp:post_id>{1000 + index}</wp:post_id>
\t\t<wp:post_date><![CDATA[{date:%Y-%m-%d %H:%M:%S}]]></wp:post_date>
\t\t<wp:post_date_gmt><![CDATA[{gmt:%Y-%m-%d %H:%M:%S}]]></wp:post_date_gmt>
\t\t<wp:post_modified><![CDATA[{date + dt.timedelta(days=3):%Y-%m-%d %H:%M:%S}]]></wp:post_modified>
\t\t<wp:post_name><![CDATA[{post_slug(index)}]]></wp:post_name>
\t\t<wp:status><![CDATA[{status}]]></wp:status>
\t\t<wp:post_parent>0</wp:post_parent>
\t\t<wp:post_type><![CDATA[post]]></wp:post_type>
\t\t<wp:post_password><![CDATA[]]></wp:post_password>
\t\t<category domain="category" nicename="{category[0]}"><![CDATA[{category[1]}]]></category>
\t\t<category domain="post_tag" nicename="{tag[0]}"><![CDATA[{tag[1]}]]></category>
\t</item>
"""


def chunks(posts: int, paragraphs: int = 6) -> Iterator[str]:
    """The export's text, a post at a time."""
    yield _HEADER.format(base=BASE)
    for number, (login, name, _bio) in enumerate(AUTHORS, start=2):
        first, last = name.split()
        yield (
            f"\t<wp:author><wp:author_id>{number}</wp:author_id><wp:author_login><![CDATA[{login}]]>"
            f"</wp:author_login><wp:author_display_name><![CDATA[{name}]]></wp:author_display_name>"
            f"<wp:author_first_name><![CDATA[{first}]]></wp:author_first_name>"
            f"<wp:author_last_name><![CDATA[{last}]]></wp:author_last_name></wp:author>\n"
        )
    for index in range(posts):
        yield _item(index, paragraphs)
    yield "</channel>\n</rss>\n"


def write_export(path: Path, posts: int, paragraphs: int = 6) -> Path:
    """Write an export of ``posts`` posts to ``path``."""
    with path.open("w", encoding="utf-8") as f:
        _write(f, posts, paragraphs)
    return path


def _write(f: IO[str], posts: int, paragraphs: int) -> None:
    for chunk in chunks(posts, paragraphs):
        f.write(chunk)
