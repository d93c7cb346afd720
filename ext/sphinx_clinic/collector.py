"""Read each article and clinician profile into the domain, warning about bad input.

The collector alone classifies a page (once). It then emits ``clinic-article-read`` or
``clinic-profile-read``, where the features that add parts to those pages (bylines,
profile headers) place their placeholders: reading never imports a feature.
"""

from __future__ import annotations

import hashlib
import posixpath
import sys
import unicodedata
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from docutils import nodes

from .ablog_compat import (
    PostFields,
    date_formats,
    default_authors,
    post_patterns,
    take_post_directive,
)
from .domain import get_domain
from .generators import map_generator_keys
from .pages import PageKind, classify_page, decode_metadata, field_lines, front_matter_end
from .practice import Location
from .records import Article, ArticleFields, Clinician, Fees, Identity, Problem
from .text import MAX_ID_LENGTH, clean_id
from .version import __version__
from .vocabulary import tag_specialty_id
from .warnings_ import ClinicWarning, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment
    from sphinx.util.docutils import SphinxDirective

    from . import frontmatter


SUMMARY_WORDS = 60


def page_kind(env: BuildEnvironment, docname: str, has_post_directive: bool = False) -> PageKind:
    """Whether ``docname`` is an article, a clinician profile or another page."""
    config = env.config
    return classify_page(
        docname,
        env.metadata.get(docname, {}),
        config.clinic_article_dirs,
        config.clinic_clinician_dirs,
        post_patterns=post_patterns(config),
        source_name=str(env.doc2path(docname, False)).replace("\\", "/"),
        has_post_directive=has_post_directive,
    )


class PageReader:
    """Reads one page's front matter and reports problems at their lines.

    What an ABlog ``post`` directive says (``post``) counts as front matter, at the
    directive's line.
    """

    def __init__(self, env: BuildEnvironment, docname: str, post: PostFields | None = None) -> None:
        self.env = env
        self.docname = docname
        self.source_path = Path(env.doc2path(docname))
        try:
            # a page that is not UTF-8 is reported once, by encoding.check_encodings
            source = self.source_path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            source = ""
        self.source = source
        self.lines = field_lines(source)
        self.data = decode_metadata(env.metadata.get(docname, {}))
        if post is not None:
            self.data.update(post.fields)
            self.lines.update(dict.fromkeys(post.fields, post.line))

    def line_table(self) -> tuple[tuple[str, int], ...]:
        """The fields' lines, for the record: the names interned, so that the
        environment's pickle holds each name once rather than once per page."""
        return tuple(sorted((sys.intern(field), line) for field, line in self.lines.items()))

    def line(self, field: str) -> int:
        """The line of a front matter field (the first line when it is absent)."""
        return self.lines.get(field, 1)

    def warn(
        self, field: str, message: str, subtype: ClinicWarning = ClinicWarning.FRONTMATTER
    ) -> None:
        warn(message, subtype, (self.docname, self.line(field)))

    def report(self, problems: Iterable[Problem]) -> None:
        for problem in problems:
            if problem.subtype:
                subtype = ClinicWarning(problem.subtype)
            elif problem.not_a_date:
                subtype = ClinicWarning.DATE
            else:
                subtype = ClinicWarning.FRONTMATTER
            self.warn(problem.field, problem.message, subtype)

    def tags(self, written: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """Blog tags and categories: (the specialties they stand for, the free ones).

        Free tags become specialties of their own, or are ignored, for the whole site
        at once (:class:`~.domain.SiteIndex`); here only the vocabulary and
        ``clinic_tag_map`` are consulted, which every reader knows.
        """
        vocabulary = get_domain(self.env).vocabulary
        tag_map = self.env.config.clinic_tag_map
        specialties: list[str] = []
        free: list[str] = []
        for tag in written:
            strange = _strange_characters(tag)
            if strange or len(tag) > MAX_ID_LENGTH:
                reading = clean_id(tag, "tag")
                self.warn(
                    "tags", f"{reading.problem} (from {strange or 'its length'})", ClinicWarning.ID
                )
            specialty_id = vocabulary.resolve_tag(tag, tag_map)
            if specialty_id:
                specialties.append(specialty_id)
            elif specialty_id is None:
                free.append(tag)
        return tuple(dict.fromkeys(specialties)), tuple(dict.fromkeys(free))

    def specialties(self, written: tuple[str, ...]) -> tuple[str, ...]:
        """Resolve ids, labels and aliases to vocabulary ids, warning on unknown ones."""
        vocabulary = get_domain(self.env).vocabulary
        resolved: list[str] = []
        for text in written:
            specialty_id = vocabulary.resolve(text)
            if specialty_id is None:
                self.warn(
                    "specialties",
                    f"unknown specialty '{text}'{vocabulary.suggestion(text)} "
                    f"(the vocabulary is {self.env.config.clinic_specialties_file})",
                    ClinicWarning.SPECIALTY,
                )
            elif specialty_id not in resolved:
                resolved.append(specialty_id)
        return tuple(resolved)

    def insurance(self, written: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """(ids, names) of the plans a profile names: the vocabulary's, with a warning for
        one it does not have; without an ``insurance.yaml``, as written."""
        vocabulary = get_domain(self.env).insurance
        found: dict[str, str] = {}
        for text in written:
            if not vocabulary.specialties:
                found.setdefault(tag_specialty_id(text), text)
                continue
            plan_id = vocabulary.resolve(text)
            if plan_id is None:
                self.warn(
                    "insurance",
                    f"unknown insurance '{text}'{vocabulary.suggestion(text)} (the plans are "
                    f"in {self.env.config.clinic_insurance_file}; add it there, or write "
                    "'out_of_network: true' if you are not in its network)",
                    ClinicWarning.INSURANCE,
                )
            else:
                found.setdefault(plan_id, vocabulary.specialties[plan_id].label)
        return tuple(found), tuple(found.values())

    def offices(self, written: tuple[str, ...]) -> tuple[Location, ...]:
        """The offices of ``locations.yaml`` a profile names, warning on unknown ones."""
        locations = get_domain(self.env).locations
        found: dict[str, Location] = {}
        for office_id in written:
            office = locations.offices.get(office_id)
            if office is not None:
                found.setdefault(office_id, office)
            elif not locations.offices:
                self.warn(
                    "locations",
                    f"unknown office '{office_id}': the site has no offices; describe them "
                    f"in {self.env.config.clinic_locations_file} (see the guide)",
                    ClinicWarning.LOCATION,
                )
            else:
                self.warn(
                    "locations",
                    f"unknown office '{office_id}'{locations.suggestion(office_id)} (the "
                    f"offices are in {self.env.config.clinic_locations_file})",
                    ClinicWarning.LOCATION,
                )
        return tuple(found.values())

    def local_file(self, field: str, path: str | None) -> str:
        """A source-relative path for an image next to the page, or "" with a warning
        when it is missing or lies outside the source folder (symlinks followed)."""
        if not path:
            return ""
        relative = inside_source(self.env.srcdir, self.docname, path)
        if relative is None:
            self.warn(
                field,
                f"{field} '{path}' is outside the source folder, so it is not published; "
                "put the file in the source folder, next to the page",
                ClinicWarning.IMAGE,
            )
            return ""
        if not (Path(self.env.srcdir) / relative).is_file():
            self.warn(
                field,
                f"{field} '{path}' does not exist; put the file next to the page or fix the path",
                ClinicWarning.IMAGE,
            )
            return ""
        return relative


def inside_source(srcdir: str | Path, docname: str, path: str) -> str | None:
    """``path`` (relative to the page ``docname``, or to the source folder when it starts
    with "/") as a POSIX path relative to ``srcdir``; None when it leads outside it,
    through "..", a drive, a backslash or a symlink."""
    if "\\" in path or "\0" in path or ":" in path.split("/", 1)[0]:
        return None
    root = Path(srcdir).resolve()
    base = root if path.startswith("/") else (root / docname).parent
    target = (base / path.lstrip("/")).resolve()
    if not target.is_relative_to(root) or target == root:
        return None
    return target.relative_to(root).as_posix()


def _strange_characters(text: str) -> str:
    """The characters of a tag that no label needs (markup, slashes, controls), shown."""
    found = sorted(
        {
            ch
            for ch in text
            if ch in "<>\"'`{}[]\\/|=;" or (unicodedata.category(ch)[0] in "CZ" and ch != " ")
        }
    )
    return " ".join(repr(ch) for ch in found)


def specialty_option(directive: SphinxDirective) -> str | None:
    """The vocabulary id a directive's ``:specialty:`` option names ("" without one).

    An unknown name warns at the directive, with the closest names, and gives None.
    """
    written = directive.options.get("specialty", "").strip()
    if not written:
        return ""
    vocabulary = get_domain(directive.env).vocabulary
    specialty_id = vocabulary.resolve(written)
    if specialty_id is None:
        warn(
            f"unknown specialty '{written}'{vocabulary.suggestion(written)}",
            ClinicWarning.SPECIALTY,
            directive.get_location(),
        )
    return specialty_id


def read_page(app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read``: record an article or a profile in the domain."""
    env = app.env
    docname = env.docname
    post = take_post_directive(docname, doctree)
    kind = page_kind(env, docname, has_post_directive=post is not None)
    if kind is PageKind.PAGE:
        return
    # Articles and profiles are reached through listings, cards and navigation, not the
    # global toctree (which furo renders into every page: quadratic on large sites).
    env.metadata[docname].setdefault("orphan", "")
    # Reread when the vocabulary changes: specialties.reread_on_vocabulary_change.
    reader = PageReader(env, docname, post if kind is PageKind.ARTICLE else None)
    domain = get_domain(env)
    if kind is PageKind.ARTICLE:
        article = read_article(reader, doctree, post)
        domain.add_article(article)
        if article.draft and not env.config.clinic_show_drafts:
            env.metadata[docname]["nosearch"] = ""  # drafts stay out of the search index
        app.emit("clinic-article-read", doctree, article)
    else:
        domain.add_clinician(read_clinician(reader, doctree))
        app.emit("clinic-profile-read", doctree, docname)


def read_article(
    reader: PageReader, doctree: nodes.document, post: PostFields | None = None
) -> Article:
    """Build an :class:`Article` from a page's front matter (and ABlog ``post``
    directive) and text."""
    config = reader.env.config
    # Hugo's, Jekyll's and Material's keys (description, lastmod, date: {created:}...).
    reader.data, reader.lines = map_generator_keys(reader.data, reader.lines)
    front, problems = article_fields(reader)
    reader.report(problems)
    title = front.title or _page_title(reader.env, reader.docname)
    authors = front.authors or default_authors(config)
    tag_specialties, free_tags = reader.tags(front.tags)
    image = front.image
    if image and image.isdigit():
        image = None  # ABlog's "the n-th image of the post", not a file
    summary = front.summary
    if not summary and post is not None:
        summary = first_paragraph(nodes.container("", *post.summary_nodes))
    if front.date is None and "date" not in {p.field for p in problems}:
        reader.warn(
            "date",
            "article has no 'date'; add one to its front matter, e.g. 'date: 2025-03-14' "
            "(until then it is left out of listings, navigation and feeds)",
            ClinicWarning.DATE,
        )
    if not authors:
        reader.warn(
            "author",
            "article has no 'author'; add the clinician id(s), e.g. 'author: jane-doe'",
            ClinicWarning.AUTHOR,
        )
    return Article(
        docname=reader.docname,
        title=title,
        date=front.date,
        lines=reader.line_table(),
        updated=front.updated,
        authors=authors,
        specialties=tuple(dict.fromkeys(reader.specialties(front.specialties) + tag_specialties)),
        tags=free_tags,
        summary=summary or first_paragraph(doctree),
        image=reader.local_file("image", image),
        image_alt=front.image_alt or "",
        draft=front.draft,
        reviewed_by=front.reviewed_by or "",
        reviewed_on=front.reviewed_on,
        words=len(doctree.astext().split()),
        language=front.language or "",
        translation_of=front.translation_of or "",
    )


#: Metadata MyST computes from the page's body (no front matter field reads its value).
_FROM_THE_BODY = frozenset({"wordcount"})


def article_fields(reader: PageReader) -> tuple[ArticleFields, tuple[Problem, ...]]:
    """The article's front matter validated, and its problems.

    An article read again with the same front matter (a body edit, the usual change)
    gets what it was validated into last time: validating means importing pydantic,
    which costs an incremental build more than the rest of the page's reading.
    """
    fence = front_matter_end(reader.source)
    formats = tuple(date_formats(reader.env.config))
    data = [(key, None if key in _FROM_THE_BODY else value) for key, value in reader.data.items()]
    written = (__version__, data, formats, reader.source.splitlines()[:fence])
    digest = hashlib.blake2b(repr(written).encode(), digest_size=16).digest()
    domain = get_domain(reader.env)
    entry = domain.validated_front_matter(reader.docname, digest)
    if entry is None:
        from .frontmatter import ArticleFrontMatter, validate  # pydantic: only now

        front, problems = validate(ArticleFrontMatter, reader.data, formats, reader.source)
        entry = (digest, front.to_record(), tuple(problems))
    domain.keep_front_matter(reader.docname, entry)
    return entry[1], entry[2]


def read_clinician(reader: PageReader, doctree: nodes.document) -> Clinician:
    """Build a :class:`Clinician` from a profile page's front matter."""
    from .frontmatter import ClinicianFrontMatter, validate  # pydantic: only when read

    front, problems = validate(
        ClinicianFrontMatter, reader.data, date_formats(reader.env.config), source=reader.source
    )
    reader.report(problems)
    reading = clean_id(front.id or posixpath.basename(reader.docname), "clinician id")
    if reading.problem:
        reader.warn("id", reading.problem, ClinicWarning.ID)
    name = front.name
    if not name:
        name = _page_title(reader.env, reader.docname)
    if not front.name and not front.translation_of:  # a translation has its original's name
        reader.warn(
            "name",
            f"clinician profile has no 'name'; add e.g. 'name: {name}' to its front matter",
            ClinicWarning.CLINICIAN,
        )
    # "Out of network" and superbills are options of their own, also when listed as plans.
    plans = [p for p in front.insurance if _plain(p) not in _PLAN_OPTIONS]
    options = {_PLAN_OPTIONS[_plain(p)] for p in front.insurance if _plain(p) in _PLAN_OPTIONS}
    insurance, insurance_names = reader.insurance(tuple(plans))
    offices = reader.offices(front.locations)
    return Clinician(
        id=reading.id,
        docname=reader.docname,
        name=name,
        lines=reader.line_table(),
        credentials=front.credentials,
        pronouns=front.pronouns or "",
        role=front.role or "",
        photo=reader.local_file("photo", front.photo),
        photo_alt=front.photo_alt or "",
        # As on a practice's own site: without a summary, the bio's first paragraph.
        summary=front.summary or first_paragraph(doctree),
        specialties=reader.specialties(front.specialties),
        modalities=front.modalities,
        populations=front.populations,
        languages=front.languages,
        formats=front.formats,
        accepting=front.accepting_clients,
        accepting_as_of=front.accepting_as_of,
        booking_url=front.booking_url or "",
        profile_url=front.profile_url or "",
        licenses=tuple(license.to_record() for license in front.licenses),
        language=front.language or "",
        fees=_fees(front.fees),
        sliding_scale=front.sliding_scale,
        sliding_scale_note=front.sliding_scale_note or "",
        insurance=insurance,
        insurance_names=insurance_names,
        out_of_network=True if "out_of_network" in options else front.out_of_network,
        superbills=True if "superbills" in options else front.superbills,
        payment=front.payment,
        locations=tuple(office.id for office in offices),
        offices=offices,
        telehealth_states=front.telehealth_states,
        ages=front.ages,
        session_types=front.session_types,
        identity=_identity(front.identity),
        translation_of=front.translation_of or "",
    )


_PLAN_OPTIONS = {
    "out of network": "out_of_network",
    "superbill": "superbills",
    "superbills": "superbills",
}


def _fees(fees: frontmatter.Fees | None) -> Fees | None:
    record = fees.to_record() if fees is not None else None
    return record if record is not None and record.sessions() else None


def _identity(identity: frontmatter.Identity | None) -> Identity | None:
    record = identity.to_record() if identity is not None else None
    return record if record is not None and record.shares_something() else None


def _plain(text: str) -> str:
    return " ".join(text.replace("-", " ").casefold().split())


def _page_title(env: BuildEnvironment, docname: str) -> str:
    title = env.titles.get(docname)
    text = title.astext() if title is not None else ""
    return text or posixpath.basename(docname).replace("-", " ").title()


def first_prose(doctree: nodes.Element, skipped: Callable[[nodes.Element], bool]) -> str:
    """The text of the first non-empty paragraph that is not inside an element for which
    ``skipped`` is true (a notice, the front matter, a component...)."""
    for paragraph in doctree.findall(nodes.paragraph):
        if _inside(paragraph, skipped):
            continue
        text = paragraph.astext().strip()
        if text:
            return text
    return ""


def _not_body_text(element: nodes.Element) -> bool:
    return isinstance(element, (nodes.Admonition, nodes.field_list, nodes.docinfo))


def first_paragraph(doctree: nodes.Element) -> str:
    """The first paragraph of body text, trimmed by :func:`trim_words`."""
    return trim_words(first_prose(doctree, _not_body_text))


def trim_words(text: str, limit: int = SUMMARY_WORDS) -> str:
    """``text`` cut to about ``limit`` words: at the last sentence end within them when
    that keeps at least half, else after the ``limit``-th word with an ellipsis."""
    words = text.split()
    if len(words) <= limit:
        return " ".join(words)
    cut = words[:limit]
    for end in range(limit, limit // 2, -1):
        if cut[end - 1].endswith((".", "!", "?", ".”", "!”", "?”", '."')):
            return " ".join(cut[:end])
    return " ".join(cut) + "…"


def _inside(node: nodes.Node, skipped: Callable[[nodes.Element], bool]) -> bool:
    parent = node.parent
    while parent is not None:
        if skipped(parent):
            return True
        parent = parent.parent
    return False


def setup_reading(app: Sphinx) -> None:
    """The collector, and the events where features add parts to the pages it reads."""
    app.add_event("clinic-article-read")  # (app, doctree, article)
    app.add_event("clinic-profile-read")  # (app, doctree, docname)
    # After Sphinx's own collectors (priority 500), so titles and metadata are known.
    app.connect("doctree-read", read_page, priority=600)
