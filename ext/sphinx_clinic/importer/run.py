"""Plan and carry out an import: read the export twice, write new files only.

The first reading checks the whole export (a truncated file fails here, before
anything is written) and notes every post's old addresses, so that links between posts
can be rewritten in the second reading, which converts and writes one post at a time.
Nothing that exists is overwritten: a page already imported from the same post is left
alone (so a second run changes nothing), any other page of that name is reported.
Should writing fail half-way, the files written so far are removed again.
"""

from __future__ import annotations

import json
import posixpath
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol
from urllib.parse import parse_qs, unquote, urlsplit

import yaml

from ..text import slug as make_slug
from ..vocabulary import Specialty, Vocabulary
from .convert import Conversion, Resolvers, convert_html, plain_text
from .people import (
    AuthorMatch,
    Profile,
    escape_heading,
    export_author,
    match_author,
    render_profile_stub,
    repeats_profile,
)
from .redirects import (
    Redirect,
    normalise_path,
    old_paths,
    reredirects_json,
    reredirects_map,
    static_host_file,
)
from .report import Report
from .topics import map_term, new_specialty, vocabulary_entries
from .wxr import Channel, Item, Term, read_export

IMAGE_SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif"})
STATIC_REDIRECTS = "_redirects"
REREDIRECTS_FILE = "redirects.json"
_SKIPPED_STATUSES = {
    "trash": "in the trash",
    "auto-draft": "an auto-draft",
    "inherit": "a revision",
}
_DRAFT_STATUSES = {"draft", "pending", "future", "private"}


class ImportRefusedError(Exception):
    """The import cannot start (the message says why); nothing was written."""


class Progress(Protocol):
    """A progress display for one reading of the export."""

    def start(self, label: str, total: int) -> None: ...
    def advance(self, amount: int) -> None: ...
    def finish(self) -> None: ...


@dataclass(frozen=True)
class ImportSite:
    """What the importer knows of the Sphinx site it writes into (read by the CLI)."""

    docs: Path
    article_dir: str = "articles"
    clinician_dir: str = "clinicians"
    specialties_file: str = "specialties.yaml"
    vocabulary: Vocabulary = field(default_factory=Vocabulary)
    profiles: Mapping[str, Profile] = field(default_factory=dict)
    docnames: frozenset[str] = frozenset()
    #: ``myst_url_schemes``: what MyST makes links of
    url_schemes: tuple[str, ...] = ("http", "https", "mailto", "ftp")


@dataclass(frozen=True)
class ImportOptions:
    """The command line's choices."""

    export: Path
    media: Path | None = None
    dry_run: bool = False
    author_map: Mapping[str, str] = field(default_factory=dict)
    specialty_map: Mapping[str, str] = field(default_factory=dict)
    skip_drafts: bool = False
    add_specialties: bool = False
    pages_dir: str = "pages"  # "" leaves the old site's pages out
    progress: Progress | None = None


@dataclass
class _Entry:
    """A post or page of the export, as the first reading saw it."""

    id: int
    type: str
    status: str
    title: str
    link: str
    slug: str
    date: str
    creator: str
    line: int
    terms: tuple[Term, ...]
    protected: bool
    thumbnail: str = ""


@dataclass
class _Planned:
    entry: _Entry
    docname: str
    draft: bool
    state: str  # "new", "ours" (imported before) or "conflict"
    authors: tuple[AuthorMatch, ...] = ()
    specialties: tuple[str, ...] = ()


@dataclass
class _Attachment:
    url: str
    file: str
    alt: str


@dataclass
class _Run:
    """One import in progress: the plan and what has been written."""

    site: ImportSite
    options: ImportOptions
    report: Report
    channel: Channel = field(default_factory=Channel)
    plan: dict[int, _Planned] = field(default_factory=dict)
    attachments: dict[int, _Attachment] = field(default_factory=dict)
    by_old_path: dict[str, str] = field(default_factory=dict)
    authors: dict[str, AuthorMatch] = field(default_factory=dict)
    vocabulary: Vocabulary = field(default_factory=Vocabulary)
    new_specialties: list[Specialty] = field(default_factory=list)
    bios: dict[str, str] = field(default_factory=dict)  # new profile id -> bio
    created: list[Path] = field(default_factory=list)
    restored: dict[Path, str | None] = field(default_factory=dict)
    redirects: list[Redirect] = field(default_factory=list)
    images: dict[str, str] = field(default_factory=dict)  # source file -> docs path


def run_import(site: ImportSite, options: ImportOptions) -> Report:
    """Import ``options.export`` into ``site``; return what was done (or would be).

    Raises :class:`~.wxr.ExportError` for an unreadable export and
    :class:`ImportRefusedError` for options that cannot work, both before writing anything.
    """
    if options.media is not None and not options.media.is_dir():
        raise ImportRefusedError(f"--media {options.media} is not a folder")
    run = _Run(site, options, Report(dry_run=options.dry_run))
    _first_reading(run)
    _plan_authors(run)
    _plan_specialties(run)
    try:
        _second_reading(run)
        _write_profiles(run)
        _write_vocabulary(run)
        _write_redirects(run)
    except BaseException:
        _roll_back(run)
        raise
    return run.report


# -- the first reading: the plan --------------------------------------------------------


def _reading(run: _Run, label: str) -> tuple[Channel, Progress | None]:
    progress = run.options.progress
    if progress is not None:
        progress.start(label, run.options.export.stat().st_size)
    return Channel(), progress


def _first_reading(run: _Run) -> None:
    channel, progress = _reading(run, "Reading the export")
    entries: list[_Entry] = []
    try:
        for item in read_export(
            run.options.export, channel, progress.advance if progress else None
        ):
            if item.type == "attachment":
                run.attachments[item.id] = _Attachment(
                    item.attachment_url,
                    item.meta.get("_wp_attached_file", ""),
                    item.meta.get("_wp_attachment_image_alt", "") or plain_text(item.title),
                )
            elif item.type in ("post", "page"):
                entries.append(_entry(item))
    finally:
        if progress:
            progress.finish()
    run.channel = channel
    generator = channel.generator.lower()
    run.report.source = "Squarespace" if "squarespace" in generator else "WordPress"
    taken: set[str] = set()
    for entry in entries:
        planned = _plan_entry(run, entry, taken)
        if planned is not None:
            run.plan[entry.id] = planned
    for planned in run.plan.values():
        if planned.state == "conflict":
            continue
        entry = planned.entry
        new_url = "/" + planned.docname + ".html"
        for old in old_paths(entry.link, entry.id, entry.slug, entry.date, entry.type):
            run.by_old_path.setdefault(normalise_path(old), planned.docname)
            run.redirects.append(Redirect(old, new_url))
        if entry.link:
            run.by_old_path.setdefault(normalise_path(urlsplit(entry.link).path), planned.docname)


def _entry(item: Item) -> _Entry:
    return _Entry(
        id=item.id,
        type=item.type,
        status=item.status,
        title=plain_text(item.title),
        link=item.link,
        slug=item.slug,
        date=item.date if item.local_date else item.date_gmt,
        creator=item.creator,
        line=item.line,
        terms=item.terms,
        protected=bool(item.password.strip()),
        thumbnail=item.meta.get("_thumbnail_id", ""),
    )


def _describe(entry: _Entry) -> str:
    return f"{entry.type} {entry.id} '{entry.title or '(no title)'}' (line {entry.line})"


def _plan_entry(run: _Run, entry: _Entry, taken: set[str]) -> _Planned | None:
    report, options = run.report, run.options
    if entry.status in _SKIPPED_STATUSES:
        report.skipped.append(f"{_describe(entry)}: {_SKIPPED_STATUSES[entry.status]}")
        return None
    if entry.type == "page" and not options.pages_dir:
        report.skipped.append(f"{_describe(entry)}: a page (import pages with --pages DIR)")
        return None
    draft = entry.status in _DRAFT_STATUSES or entry.protected
    if draft and options.skip_drafts:
        report.skipped.append(f"{_describe(entry)}: {entry.status} (--skip-drafts)")
        return None
    folder = run.site.article_dir if entry.type == "post" else options.pages_dir.strip("/")
    base = page_name(entry.slug, entry.title, entry.id)
    name, number = base, 2
    while f"{folder}/{name}" in taken:
        name, number = f"{base}-{number}", number + 1
    docname = f"{folder}/{name}"
    taken.add(docname)
    path = run.site.docs / f"{docname}.md"
    state = "new"
    if docname in run.site.docnames or path.exists():
        ours = _imported_from(path) == (run.report.source, entry.id)
        state = "ours" if ours else "conflict"
        if not ours:
            report.existing.append(
                f"{docname}.md exists and is not {_describe(entry)}; left as it is, the post "
                "was not imported (rename the page, or import into another folder)"
            )
    return _Planned(entry, docname, draft, state)


def page_name(slug: str, title: str, post_id: int) -> str:
    """A safe file name from the post's slug (its last part: Squarespace writes paths),
    else its title: lowercase ASCII, digits and hyphens, never a path."""
    last = unquote(slug.strip().rstrip("/").rsplit("/", 1)[-1]) if slug else ""
    name = make_slug(last) or make_slug(title) or f"post-{post_id}"
    return name[:80].strip("-") or f"post-{post_id}"


_PROVENANCE = "# Imported from {source}: {type} {id}"


def _imported_from(path: Path) -> tuple[str, int] | None:
    """The export item a page was imported from, by the comment the importer wrote."""
    try:
        with path.open(encoding="utf-8") as f:
            head = [f.readline() for _ in range(3)]
    except (OSError, UnicodeDecodeError):
        return None
    for line in head:
        if line.startswith("# Imported from "):
            source, _, rest = line.removeprefix("# Imported from ").partition(": ")
            words = rest.split(",")[0].split()
            if len(words) == 2 and words[1].isdigit():
                return source, int(words[1])
    return None


def _plan_authors(run: _Run) -> None:
    taken = set(run.site.profiles) | {
        posixpath.basename(d)
        for d in run.site.docnames
        if d.startswith(run.site.clinician_dir.strip("/") + "/")
    }
    for planned in run.plan.values():
        if planned.entry.type != "post":
            continue
        creator = planned.entry.creator
        if creator not in run.authors:
            author = export_author(creator, run.channel.authors)
            match = match_author(author, run.site.profiles, run.options.author_map, taken)
            taken.add(match.clinician_id)
            run.authors[creator] = match
            if match.created:
                run.report.authors_created[match.name] = match.clinician_id
            else:
                run.report.authors_matched[match.name] = f"{match.clinician_id} ({match.how})"
        planned.authors = (run.authors[creator],)


def _plan_specialties(run: _Run) -> None:
    vocabulary = run.site.vocabulary
    unmapped: dict[str, Term] = {}
    mappings = {}
    for planned in run.plan.values():
        if planned.entry.type != "post":
            continue
        for term in planned.entry.terms:
            if term.domain not in ("category", "post_tag"):
                continue
            key = (term.domain, term.slug, term.label)
            if key not in mappings:
                mappings[key] = map_term(term, vocabulary, run.options.specialty_map)
            mapping = mappings[key]
            if not mapping.specialty and not mapping.ignored:
                unmapped.setdefault(term.label or term.slug, term)
    if run.options.add_specialties and unmapped:
        new = {}
        for term in unmapped.values():
            specialty = new_specialty(term)
            if vocabulary.resolve(specialty.id) is None and specialty.id not in new:
                new[specialty.id] = specialty
        run.new_specialties = list(new.values())
        vocabulary = vocabulary.with_entries(run.new_specialties)
        run.report.specialties_added = [f"{s.id}: {s.label}" for s in run.new_specialties]
        mappings = {
            k: map_term(m.term, vocabulary, run.options.specialty_map) for k, m in mappings.items()
        }
    run.vocabulary = vocabulary
    for planned in run.plan.values():
        found: list[str] = []
        for term in planned.entry.terms:
            where = mappings.get((term.domain, term.slug, term.label))
            if where is None or where.ignored:
                continue
            name = term.label or term.slug
            if where.specialty:
                found.append(where.specialty)
                run.report.specialties_mapped[f"{name} -> {where.specialty}"] += 1
            else:
                run.report.specialties_unmapped[f"{name}{where.suggestion}"] += 1
        planned.specialties = tuple(dict.fromkeys(found))


# -- the second reading: the pages ------------------------------------------------------


def _second_reading(run: _Run) -> None:
    channel, progress = _reading(run, "Importing")
    try:
        for item in read_export(
            run.options.export, channel, progress.advance if progress else None
        ):
            planned = run.plan.get(item.id)
            if planned is None or item.type not in ("post", "page"):
                continue
            if planned.state == "ours":
                _count(run, planned)
                continue
            if planned.state == "conflict":
                continue
            _import_item(run, planned, item)
    finally:
        if progress:
            progress.finish()


def _count(run: _Run, planned: _Planned) -> None:
    if planned.entry.type == "post":
        run.report.articles.append(f"{planned.docname}.md")
        if planned.draft:
            run.report.drafts.append(f"{planned.docname}.md ({planned.entry.status})")
    else:
        run.report.pages.append(f"{planned.docname}.md")


def _import_item(run: _Run, planned: _Planned, item: Item) -> None:
    page_dir = posixpath.dirname(planned.docname)
    author = planned.authors[0] if planned.authors else None

    def remove_bio(text: str) -> bool:
        if author is None:
            return False
        if author.created:
            run.bios.setdefault(author.clinician_id, text)
            return True
        profile = run.site.profiles.get(author.clinician_id)
        return profile is not None and repeats_profile(text, f"{profile.name} {profile.text}")

    resolvers = Resolvers(
        link=lambda href: _internal_link(run, href, page_dir),
        image=lambda src: _image(run, src, page_dir),
        remove_bio=remove_bio,
        url_schemes=run.site.url_schemes,
    )
    conversion = convert_html(item.content, resolvers)
    _note_conversion(run, planned, conversion)
    text = render_page(run, planned, item, conversion)
    _count(run, planned)
    _write_new(run, run.site.docs / f"{planned.docname}.md", text)


def _note_conversion(run: _Run, planned: _Planned, conversion: Conversion) -> None:
    report = run.report
    where = f"{planned.docname}.md (export line {planned.entry.line})"
    report.internal_links += conversion.internal_links
    report.images_missing += [f"{src} (in {where})" for src in conversion.missing_images]
    if conversion.bio_removed:
        report.bios_removed += 1
    elif conversion.bio:
        report.bios_kept.append(where)
    report.next_links_removed += int(conversion.next_link_removed)
    if conversion.dropped:
        counts: dict[str, int] = {}
        for kind, detail in conversion.dropped:
            label = f"{kind} ({detail})" if detail and kind != "inline style" else kind
            if kind.endswith("link kept as text"):
                label = f"{kind} ({detail})"
            counts[label] = counts.get(label, 0) + (int(detail) if kind == "inline style" else 1)
        parts = [f"{n} × {label}" for label, n in counts.items()]
        report.dropped.append(f"{where}: " + ", ".join(parts))


def render_page(run: _Run, planned: _Planned, item: Item, conversion: Conversion) -> str:
    """The MyST page: front matter, the title as its heading, the converted body."""
    entry = planned.entry
    data: dict[str, object] = {}
    if entry.type == "post":
        date = item.local_date
        if date is not None:
            data["date"] = date
        modified = item.modified_date
        if modified is not None and date is not None and modified > date:
            data["updated"] = modified
        ids = [a.clinician_id for a in planned.authors]
        if len(ids) == 1:
            data["author"] = ids[0]
        elif ids:
            data["authors"] = ids
        if planned.specialties:
            data["specialties"] = list(planned.specialties)
        summary = plain_text(item.excerpt)
        if summary:
            data["summary"] = summary
        image = _featured_image(run, entry, posixpath.dirname(planned.docname))
        if image:
            data["image"], data["image_alt"] = image
        if planned.draft:
            data["draft"] = True
    else:
        data["orphan"] = True  # the old site's pages are in no toctree until placed in one
    source = "".join(ch for ch in entry.link if ch.isprintable())
    provenance = _PROVENANCE.format(source=run.report.source, type=entry.type, id=entry.id)
    front = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=10_000) if data else ""
    title = entry.title or f"Untitled {entry.type} {entry.id}"
    if not entry.title:
        run.report.notes.append(f"{planned.docname}.md: the post had no title; give it one")
    return (
        f"---\n{provenance}, {source}\n{front}---\n\n# {escape_heading(title)}\n\n"
        f"{conversion.markdown}"
    )


def _internal_link(run: _Run, href: str, page_dir: str) -> str | None:
    """An address of another imported post or page -> a relative link to its page."""
    parts = urlsplit(href.strip())
    site_hosts = {
        urlsplit(u).hostname
        for u in (run.channel.link, run.channel.base_site_url, run.channel.base_blog_url)
        if u
    }
    if parts.scheme not in ("", "http", "https") or (
        parts.hostname and parts.hostname not in site_hosts
    ):
        return None
    if not parts.hostname and not parts.path.startswith("/") and not parts.query:
        return None
    docname = None
    query = parse_qs(parts.query)
    for key in ("p", "page_id"):
        if key in query and query[key][0].isdigit():
            planned = run.plan.get(int(query[key][0]))
            if planned is not None and planned.state != "conflict":
                docname = planned.docname
    if docname is None and parts.path not in ("", "/"):
        docname = run.by_old_path.get(normalise_path(parts.path))
    if docname is None:
        return None
    return posixpath.relpath(f"{docname}.md", page_dir or ".")


# -- images -----------------------------------------------------------------------------


def _media_candidates(media: Path, src: str, attached: str = "") -> list[Path]:
    path = unquote(urlsplit(src).path)
    names = []
    if "/wp-content/uploads/" in path:
        names.append(path.split("/wp-content/uploads/", 1)[1])
    if attached:
        names.append(attached)
    names.append(posixpath.basename(path))
    found = []
    for name in names:
        found.append(media / name)
        # WordPress links resized copies (photo-1024x683.jpg) of the uploaded original.
        stem, dot, suffix = name.rpartition(".")
        bare = stem.rsplit("-", 1)
        if dot and len(bare) == 2 and "x" in bare[1] and bare[1].replace("x", "").isdigit():
            found.append(media / f"{bare[0]}.{suffix}")
    return found


def _find_media(run: _Run, src: str, attached: str = "") -> Path | None:
    media = run.options.media
    if media is None or not src:
        return None
    root = media.resolve()
    for candidate in _media_candidates(media, src, attached):
        try:
            resolved = candidate.resolve()
        except (OSError, RuntimeError):
            continue
        # A name like ../../secret, or a link out of the folder, finds nothing.
        if resolved.is_relative_to(root) and resolved.is_file():
            return resolved
    return None


def _image(run: _Run, src: str, page_dir: str) -> str | None:
    """A local copy of the image at ``src`` (from --media), relative to the page."""
    found = _find_media(run, src)
    if found is None or found.suffix.lower() not in IMAGE_SUFFIXES:
        return None
    docs_path = _copy_image(run, found)
    return posixpath.relpath(docs_path, page_dir or ".")


def _copy_image(run: _Run, found: Path) -> str:
    key = str(found)
    if key in run.images:
        return run.images[key]
    stem = make_slug(found.stem) or "image"
    folder = f"{run.site.article_dir}/images"
    data = found.read_bytes()
    name, number = f"{stem}{found.suffix.lower()}", 2
    while True:
        target = run.site.docs / folder / name
        if not target.exists() or target.read_bytes() == data:
            break
        name, number = f"{stem}-{number}{found.suffix.lower()}", number + 1
    docs_path = f"{folder}/{name}"
    if not target.exists() and target not in run.created:
        if not run.options.dry_run:
            target.parent.mkdir(parents=True, exist_ok=True)
            with target.open("xb") as f:
                f.write(data)
            run.created.append(target)
        run.report.written.append(docs_path)
        run.report.images_copied.append(f"{found.name} -> {docs_path}")
    run.images[key] = docs_path
    return docs_path


def _featured_image(run: _Run, entry: _Entry, page_dir: str) -> tuple[str, str] | None:
    if not entry.thumbnail.isdigit():
        return None
    attachment = run.attachments.get(int(entry.thumbnail))
    if attachment is None:
        return None
    found = _find_media(run, attachment.url, attachment.file)
    if found is None or found.suffix.lower() not in IMAGE_SUFFIXES:
        run.report.images_missing.append(
            f"{attachment.url} (the featured image of {entry.type} {entry.id})"
        )
        return None
    path = posixpath.relpath(_copy_image(run, found), page_dir or ".")
    return path, attachment.alt or "An illustration of the article"


# -- writing ----------------------------------------------------------------------------


def _inside_docs(run: _Run, path: Path) -> Path:
    resolved = path.resolve()
    if not resolved.is_relative_to(run.site.docs.resolve()):
        raise ImportRefusedError(f"{path} is outside {run.site.docs}; nothing was imported")
    return path


def _write_new(run: _Run, path: Path, text: str) -> None:
    """Create ``path``; never overwrite (the check and the creation are one step)."""
    relative = path.relative_to(run.site.docs).as_posix()
    run.report.written.append(relative)
    if run.options.dry_run:
        return
    _inside_docs(run, path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8", newline="\n") as f:
        run.created.append(path)
        f.write(text)


def _write_profiles(run: _Run) -> None:
    for match in run.authors.values():
        if not match.created:
            continue
        path = run.site.docs / run.site.clinician_dir / f"{match.clinician_id}.md"
        if path.exists():
            continue
        text = render_profile_stub(match, run.bios.get(match.clinician_id, ""), run.report.source)
        _write_new(run, path, text)


def _append(run: _Run, path: Path, addition: str) -> None:
    """Add text to the end of one of the site's files (kept for a roll-back)."""
    relative = path.relative_to(run.site.docs).as_posix()
    run.report.written.append(relative)
    if run.options.dry_run:
        return
    _inside_docs(run, path)
    before = path.read_text(encoding="utf-8") if path.exists() else None
    run.restored.setdefault(path, before)
    separator = (
        "" if not before or before.endswith("\n\n") else ("\n" if before.endswith("\n") else "\n\n")
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8", newline="\n") as f:
        f.write(separator + addition)


def _write_vocabulary(run: _Run) -> None:
    if not run.new_specialties:
        return
    path = run.site.docs / run.site.specialties_file
    if path.exists():
        loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
        if loaded is not None and not isinstance(loaded, list):
            run.report.notes.append(
                f"{run.site.specialties_file} is not a plain list, so the new specialties were "
                "not added; add them by hand:\n" + vocabulary_entries(run.new_specialties)
            )
            return
    _append(run, path, vocabulary_entries(run.new_specialties))


def _write_redirects(run: _Run) -> None:
    docs = run.site.docs
    run.report.redirects = len({r.old for r in run.redirects})
    if not run.redirects:
        return
    static = static_host_file(run.redirects, run.report.source)
    path = docs / STATIC_REDIRECTS
    existing = set(path.read_text(encoding="utf-8").splitlines()) if path.exists() else set()
    missing = [line for line in static.splitlines() if line not in existing]
    if missing and existing:
        missing = [line for line in missing if not line.startswith("#")]
    if missing:
        _append(run, path, "\n".join(missing) + "\n")
    mapping = reredirects_map(
        run.redirects, run.site.docnames | {p.docname for p in run.plan.values()}
    )
    json_path = docs / REREDIRECTS_FILE
    old: dict[str, str] = {}
    if json_path.exists():
        try:
            loaded = json.loads(json_path.read_text(encoding="utf-8"))
        except ValueError:
            loaded = None
        if not isinstance(loaded, dict):
            run.report.notes.append(f"{REREDIRECTS_FILE} is not a JSON object; left as it is")
            return
        old = {str(k): str(v) for k, v in loaded.items()}
    merged = {**mapping, **old}
    if merged != old:
        relative = json_path.relative_to(docs).as_posix()
        run.report.written.append(relative)
        if not run.options.dry_run:
            run.restored.setdefault(
                json_path, json_path.read_text(encoding="utf-8") if old else None
            )
            json_path.write_text(reredirects_json(dict(sorted(merged.items()))), encoding="utf-8")


def _roll_back(run: _Run) -> None:
    """Undo a half-done import: remove what was created, restore what was appended to."""
    docs = run.site.docs.resolve()
    for path in reversed(run.created):
        path.unlink(missing_ok=True)
        # and the folders made for it (articles/images/, pages/), once empty
        for folder in path.resolve().parents:
            if folder == docs or not folder.is_relative_to(docs) or any(folder.iterdir()):
                break
            folder.rmdir()
    for path, text in run.restored.items():
        if text is None:
            path.unlink(missing_ok=True)
        else:
            path.write_text(text, encoding="utf-8")
