"""Building an ABlog site's posts unchanged: its ``post`` directive and ``blog_*`` config.

ABlog's front matter (``blogpost: true``, free-form dates, ``author`` names, ``tags``,
``category``) is read by :mod:`.frontmatter` and :mod:`.collector`; this module adds
what ABlog registers itself, and only when ABlog is not loaded in the same build:

* the ``post`` directive, read like front matter (:func:`take_post_directive`);
* the config values ``blog_baseurl`` (the fallback for ``html_baseurl``),
  ``blog_authors`` (author ids to guests' names), ``blog_default_author``,
  ``blog_post_pattern`` (globs of article files) and ``post_date_format`` (tried
  first when reading dates). ``blog_title`` is not read: feeds take ``project``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from .warnings_ import ClinicWarning, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config


#: ABlog's config values that sphinx-clinic reads: name, default, types.
BLOG_CONFIG: tuple[tuple[str, Any, frozenset[type]], ...] = (
    ("blog_baseurl", "", frozenset({str})),
    ("blog_authors", {}, frozenset({dict})),
    ("blog_default_author", None, frozenset({str, list, tuple, type(None)})),
    ("blog_post_pattern", [], frozenset({str, list, tuple})),
    ("post_date_format", "%d %B %Y", frozenset({str})),
)

#: ``post`` options that carry front matter; the others are accepted and ignored.
POST_FIELDS = ("author", "tags", "category", "location", "language", "title")


class clinic_post(nodes.General, nodes.Element):  # noqa: N801 (docutils node naming)
    """ABlog's ``post`` directive as written: ``fields`` (front matter it stands for),
    ``exclude``; children: its content. Replaced while its page is read."""


class PostDirective(SphinxDirective):
    """```{post} Jan 24, 2024``` — ABlog's mark of a blog post.

    The argument is the date; ``:author:``, ``:tags:`` and ``:category:`` (comma
    separated) and ``:title:`` stand for front matter fields, and win over them. ABlog's
    other options are accepted and ignored. Emits a ``clinic_post`` node holding the
    content, which the collector replaces with that content (nothing with
    ``:exclude:``) before the page is stored.
    """

    optional_arguments = 1
    final_argument_whitespace = True
    has_content = True
    option_spec = {  # noqa: RUF012
        **{name: directives.unchanged for name in POST_FIELDS},
        "redirect": directives.unchanged,
        "image": directives.unchanged,
        "excerpt": directives.unchanged,
        "exclude": directives.flag,
        "nocomments": directives.flag,
        "canonical_link": directives.unchanged,
        "external_link": directives.unchanged,
    }

    def run(self) -> list[nodes.Node]:
        fields = {name: self.options[name] for name in POST_FIELDS if name in self.options}
        if self.arguments:
            fields["date"] = self.arguments[0]
        node = clinic_post("", fields=fields, exclude="exclude" in self.options)
        self.set_source_info(node)
        if self.content:
            node += self.parse_content_to_nodes()
        return [node]


class PostFields(NamedTuple):
    """What a page's ``post`` directive says, for the collector."""

    fields: dict[str, str]
    line: int
    summary_nodes: tuple[nodes.Node, ...]


def take_post_directive(docname: str, doctree: nodes.document) -> PostFields | None:
    """Replace every ``post`` node with its content; return what the first one says.

    ABlog can make several posts of one page's sections; sphinx-clinic makes one
    article per page, so later ``post`` directives are reported and read no further.
    """
    found: PostFields | None = None
    for node in list(doctree.findall(clinic_post)):
        line = node.line or 1
        if found is None:
            found = PostFields(dict(node["fields"]), line, tuple(node.children))
        else:
            warn(
                "only the first 'post' directive of a page is read (one page is one "
                "article); move this post to a page of its own",
                ClinicWarning.FRONTMATTER,
                (docname, line),
            )
        node.replace_self([] if node["exclude"] else list(node.children))
    return found


def post_patterns(config: Config) -> tuple[str, ...]:
    """``blog_post_pattern`` as a tuple of globs."""
    value = getattr(config, "blog_post_pattern", None) or ()
    return (value,) if isinstance(value, str) else tuple(str(v) for v in value)


def date_formats(config: Config) -> tuple[str, ...]:
    """The ``strftime`` formats to try first on free-form dates."""
    value = getattr(config, "post_date_format", "")
    return (value,) if isinstance(value, str) and value else ()


def default_authors(config: Config) -> tuple[str, ...]:
    """``blog_default_author``: the author of posts that name none."""
    value = getattr(config, "blog_default_author", None)
    if not value:
        return ()
    return (value,) if isinstance(value, str) else tuple(str(v) for v in value)


def use_blog_baseurl(app: Sphinx, config: Config) -> None:
    """``config-inited``: ``blog_baseurl`` stands in for an unset ``html_baseurl``."""
    baseurl = getattr(config, "blog_baseurl", "")
    if baseurl and not config.html_baseurl:
        config.html_baseurl = baseurl


def ablog_loaded(app: Sphinx) -> bool:
    """Whether ABlog itself is (or will be) loaded: it then owns ``post`` and ``blog_*``."""
    return "ablog" in app.extensions or "ablog" in (app.config.extensions or ())


def setup_ablog(app: Sphinx) -> None:
    app.add_node(clinic_post)
    app.connect("config-inited", use_blog_baseurl)
    if ablog_loaded(app):
        return  # ABlog registers the same names; registering them twice is an error
    for name, default, types in BLOG_CONFIG:
        if name not in app.config:
            app.add_config_value(name, default, "env", types=types)
    app.add_directive("post", PostDirective)
