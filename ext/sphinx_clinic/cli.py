"""The ``sphinx-clinic`` command line: scaffold pages, check a site, export a JSON Schema,
import a WordPress or Squarespace export.

``new`` and ``schema`` need no Sphinx build: they read the site's ``conf.py`` and front
matter directly, with the same rules as the build (:func:`~.frontmatter.classify_page`,
:func:`~.vocabulary.parse_vocabulary`). ``check`` runs Sphinx itself, in-process, with the
``dummy`` builder, so its messages are exactly the ones a build prints.

Exit codes: 0 success, 1 refused or problems found (one line on stderr says why), 2 usage.
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import io
import json
import os
import posixpath
import re
import sys
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, cast

import yaml

from .frontmatter import (
    ArticleFrontMatter,
    ClinicianFrontMatter,
    PageKind,
    as_list,
    classify_page,
    front_matter_end,
    slug,
    suggest,
)
from .vocabulary import Vocabulary, parse_vocabulary

if TYPE_CHECKING:
    from pydantic import BaseModel
    from sphinx.config import Config

    from .importer import ImportSite

EXIT_OK = 0
EXIT_REFUSED = 1
EXIT_USAGE = 2

PREVIEW_COMMAND = "nox -s serve"
PREVIEW_URL = "http://127.0.0.1:8000"
JSON_SCHEMA_DIALECT = "http://json-schema.org/draft-07/schema#"


class RefusedError(Exception):
    """The command cannot do what was asked; the message is the one-line reason."""


class UsageError(Exception):
    """The command line itself is wrong (exit code 2)."""


# -- the site -------------------------------------------------------------------------


@dataclass(frozen=True)
class Site:
    """What ``new`` needs to know about a Sphinx site, read without building it."""

    docs: Path
    article_dirs: tuple[str, ...]
    clinician_dirs: tuple[str, ...]
    specialties_file: str
    vocabulary: Vocabulary
    #: clinician id -> profile source file
    clinicians: dict[str, Path] = field(default_factory=dict)
    #: docname -> source file, for every page Sphinx would read
    pages: dict[str, Path] = field(default_factory=dict)


def find_docs(path: str | None) -> Path:
    """The site's source folder: ``path``, else ``docs/`` or the current folder.

    Raises :class:`UsageError` when the folder has no ``conf.py``.
    """
    candidates = [Path(path)] if path else [Path("docs"), Path(".")]
    for candidate in candidates:
        if (candidate / "conf.py").is_file():
            return candidate
    if path:
        raise UsageError(f"{path} has no conf.py; give the folder of your Sphinx site")
    raise UsageError("no conf.py in docs/ or here; give the folder of your Sphinx site")


def read_config(docs: Path) -> Config:
    """Execute the site's ``conf.py`` as Sphinx does, with the clinic values declared."""
    # late: Sphinx (a second to import) only for the commands that read conf.py
    from sphinx.config import Config  # late: see above
    from sphinx.errors import ConfigError  # late: see above
    from sphinx.util.tags import Tags  # late: see above

    from .config import declare  # late: it warns through Sphinx's logging

    try:
        # Absolute: Sphinx runs conf.py from its own folder.
        config = Config.read(docs.absolute(), overrides={}, tags=Tags())
    except ConfigError as error:
        raise RefusedError(config_error_line(docs, str(error))) from error
    declare(config)
    return config


def _folders(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    return tuple(str(v).strip("/") for v in value if str(v).strip("/"))


def read_front_matter(path: Path) -> dict[str, Any]:
    """The YAML front matter of a Markdown page ({} without one, or when it is broken:
    the build reports that)."""
    if path.suffix != ".md":
        return {}
    try:
        source = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return {}
    end = front_matter_end(source)
    if not end:
        return {}
    block = "\n".join(source.splitlines()[1 : end - 1])
    try:
        data = yaml.safe_load(block)
    except yaml.YAMLError:
        return {}
    return {str(k): v for k, v in data.items()} if isinstance(data, dict) else {}


def load_site(docs: Path) -> Site:
    """Read ``conf.py``, the vocabulary and every page's front matter."""
    from sphinx.project import Project  # late: Sphinx only for the commands that read pages

    config = read_config(docs)
    source_suffix = config.source_suffix
    configured = [source_suffix] if isinstance(source_suffix, str) else list(source_suffix)
    # myst-parser adds .md when it is loaded, after conf.py.
    project = Project(docs.absolute(), list(dict.fromkeys([*configured, ".md", ".rst"])))
    excluded = [*config.exclude_patterns, *config.templates_path]
    article_dirs = _folders(config.clinic_article_dirs)
    clinician_dirs = _folders(config.clinic_clinician_dirs)
    pages: dict[str, Path] = {}
    clinicians: dict[str, Path] = {}
    for docname in sorted(project.discover(excluded)):
        path = Path(project.doc2path(docname, absolute=True))
        pages[docname] = path
        metadata = read_front_matter(path)
        kind = classify_page(docname, metadata, article_dirs, clinician_dirs)
        if kind is PageKind.CLINICIAN:
            clinician_id = str(metadata.get("id") or "").strip() or posixpath.basename(docname)
            clinicians.setdefault(clinician_id, path)
    specialties_file = str(config.clinic_specialties_file or "")
    vocabulary = Vocabulary()
    if specialties_file and (docs / specialties_file).is_file():
        text = (docs / specialties_file).read_text(encoding="utf-8")
        vocabulary, _problems = parse_vocabulary(text, specialties_file)
    return Site(
        docs=docs,
        article_dirs=article_dirs,
        clinician_dirs=clinician_dirs,
        specialties_file=specialties_file,
        vocabulary=vocabulary,
        clinicians=clinicians,
        pages=pages,
    )


# -- new: checking what the author asked for ------------------------------------------


def check_authors(site: Site, authors: Sequence[str]) -> tuple[str, ...]:
    """The author ids, in order without repeats; :class:`RefusedError` for an unknown one."""
    for author in authors:
        if author not in site.clinicians:
            raise RefusedError(
                f"unknown author '{author}'{_suggest_or_list(author, site.clinicians)} "
                "(authors are clinician ids: the file names of the profiles)"
            )
    return tuple(dict.fromkeys(authors))


def check_specialties(site: Site, specialties: Sequence[str]) -> tuple[str, ...]:
    """Vocabulary ids for ids, labels or aliases; :class:`RefusedError` for an unknown one."""
    resolved: list[str] = []
    for text in specialties:
        specialty_id = site.vocabulary.resolve(text)
        if specialty_id is None:
            where = site.specialties_file or "not configured: clinic_specialties_file"
            if not site.vocabulary.specialties:
                raise RefusedError(
                    f"unknown specialty '{text}': the site has no vocabulary ({where})"
                )
            raise RefusedError(
                f"unknown specialty '{text}'{site.vocabulary.suggestion(text)} "
                f"(the vocabulary is {where})"
            )
        if specialty_id not in resolved:
            resolved.append(specialty_id)
    return tuple(resolved)


def _suggest_or_list(word: str, known: Iterable[str]) -> str:
    known = sorted(known)
    close = suggest(word, known)
    if close or not known:
        return close
    shown = ", ".join(known[:8]) + (", ..." if len(known) > 8 else "")
    return f"; the clinicians are: {shown}"


def target_path(site: Site, folders: tuple[str, ...], name: str, what: str) -> Path:
    """Where a new page named ``name`` goes; :class:`RefusedError` if it would overwrite one."""
    if not folders:
        raise RefusedError(f"the site has no {what} folder; set clinic_{what}_dirs in conf.py")
    if not name:
        raise RefusedError("the title makes no file name (no latin letters or digits); pass --slug")
    if name == "index":
        raise RefusedError("'index' is the folder's own page; pick another title or --slug")
    docname = f"{folders[0]}/{name}"
    existing = site.pages.get(docname)
    path = site.docs / folders[0] / f"{name}.md"
    for taken in (existing, path):
        if taken is not None and taken.exists():
            raise RefusedError(
                f"{display_path(taken)} already exists; pick another title or pass --slug"
            )
    return path


# -- new: writing the page ------------------------------------------------------------


def yaml_scalar(value: str) -> str:
    """``value`` as a YAML scalar: plain when YAML reads it back unchanged, else quoted."""
    return _yaml_text(value, "key: {}", {"key": value})


def yaml_list(values: Sequence[str]) -> str:
    """``values`` as a one-line YAML flow sequence."""
    return "[" + ", ".join(_yaml_text(value, "[{}]", [value]) for value in values) + "]"


def _yaml_text(value: str, template: str, expected: Any) -> str:
    # Plain if it reads back unchanged; else double-quoted as JSON would (readable), and
    # as YAML's own emitter does when that is not enough (characters YAML forbids raw).
    quoted = yaml.safe_dump(value, default_style='"', allow_unicode=True, width=1 << 30)
    for text in (value, json.dumps(value, ensure_ascii=False)):
        try:
            if text and yaml.safe_load(template.format(text)) == expected:
                return text
        except yaml.YAMLError:
            continue
    return quoted.removesuffix("\n").removesuffix("\n...")


def _heading(text: str) -> str:
    return " ".join(text.split())


def _examples(site: Site, count: int = 2) -> list[str]:
    ids = sorted(site.vocabulary.specialties) or ["anxiety", "grief"]
    return ids[:count]


def render_article(
    title: str,
    authors: Sequence[str],
    date: dt.date,
    specialties: Sequence[str] = (),
    example_specialties: Sequence[str] = ("anxiety", "grief"),
    example_reviewer: str = "",
) -> str:
    """A new article: complete front matter, commented placeholders, the title heading."""
    lines = ["---", f"date: {date.isoformat()}"]
    if len(authors) == 1:
        lines.append(f"author: {yaml_scalar(authors[0])}")
    else:
        lines.append(f"authors: {yaml_list(authors)}")
    if specialties:
        lines.append(f"specialties: {yaml_list(specialties)}")
    else:
        lines.append(
            f"# specialties: {yaml_list(example_specialties)}"
            "  # ids, names or aliases from the vocabulary"
        )
    reviewer = example_reviewer or "clinician-id"
    lines += [
        "# summary: One or two sentences that listings and cards show.",
        f"# reviewed_by: {reviewer}  # the clinician who checked the article",
        f"# reviewed_on: {date.isoformat()}",
        "# image: cover.jpg  # a picture next to this file",
        "# image_alt: What the picture shows, for readers who cannot see it.",
        f"# updated: {date.isoformat()}  # the date of the last real change",
        "# draft: true  # keeps the article out of listings and feeds while you write",
        "---",
        "",
        f"# {_heading(title)}",
        "",
        "Start with a short paragraph that tells readers what the article is about.",
        "",
    ]
    return "\n".join(lines)


def render_clinician(
    name: str,
    credentials: Sequence[str],
    date: dt.date,
    pronouns: str = "",
    role: str = "",
    specialties: Sequence[str] = (),
    example_specialties: Sequence[str] = ("anxiety", "grief"),
) -> str:
    """A new clinician profile: complete front matter, commented placeholders, the name."""
    lines = ["---", f"name: {yaml_scalar(_heading(name))}"]
    if credentials:
        lines.append(f"credentials: {yaml_list(credentials)}")
    else:
        lines.append("# credentials: [LCSW]  # the letters after the name")
    lines.append(f"pronouns: {yaml_scalar(pronouns)}" if pronouns else "# pronouns: she/her")
    lines.append(f"role: {yaml_scalar(role)}" if role else "# role: Mental Health Counselor")
    lines.append("# summary: One to three sentences in the first person, shown on author cards.")
    if specialties:
        lines.append(f"specialties: {yaml_list(specialties)}")
    else:
        lines.append(
            f"# specialties: {yaml_list(example_specialties)}"
            "  # ids, names or aliases from the vocabulary"
        )
    lines += [
        "# modalities: [Cognitive behavioral therapy]",
        "# populations: [Adults]",
        "# languages: [English]",
        "# formats: [in-person, telehealth]",
        "# accepting_clients: accepting  # or waitlist, or not-accepting",
        f"# accepting_as_of: {date.isoformat()}",
        "# booking_url: https://example.com/book",
        "# photo: photo.jpg  # a picture next to this file",
        "# photo_alt: What the photo shows, for readers who cannot see it.",
        "# licenses:",
        '#   - {type: LCSW, number: "12345", state: NY}',
        "---",
        "",
        f"# {_heading(name)}",
        "",
        "Your biography, in the first person: how you work and who you work with.",
        "",
    ]
    return "\n".join(lines)


def write_new_page(path: Path, text: str) -> None:
    """Create ``path`` with ``text``; never overwrite (the check and the write are one)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with path.open("x", encoding="utf-8", newline="\n") as f:
            f.write(text)
    except FileExistsError as error:
        raise RefusedError(f"{display_path(path)} already exists; pick another title") from error


def display_path(path: Path | str) -> str:
    """``path`` relative to the current folder when it is inside it."""
    absolute = Path(path).absolute()
    try:
        return str(absolute.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def new_article(args: argparse.Namespace) -> int:
    site = load_site(find_docs(args.docs))
    authors = check_authors(site, _split(args.author))
    specialties = check_specialties(site, _split(args.specialty))
    path = target_path(site, site.article_dirs, args.slug or slug(args.title), "article")
    reviewer = next((c for c in sorted(site.clinicians) if c not in authors), "")
    text = render_article(
        args.title,
        authors,
        args.date or dt.date.today(),
        specialties,
        example_specialties=_examples(site),
        example_reviewer=reviewer,
    )
    write_new_page(path, text)
    _announce(site, path)
    return EXIT_OK


def new_clinician(args: argparse.Namespace) -> int:
    site = load_site(find_docs(args.docs))
    specialties = check_specialties(site, _split(args.specialty))
    name = args.slug or slug(args.name)
    if name in site.clinicians:
        raise RefusedError(
            f"a profile with the id '{name}' already exists: "
            f"{display_path(site.clinicians[name])}; pass --slug to choose another id"
        )
    path = target_path(site, site.clinician_dirs, name, "clinician")
    text = render_clinician(
        args.name,
        _split(args.credentials),
        args.date or dt.date.today(),
        pronouns=args.pronouns or "",
        role=args.role or "",
        specialties=specialties,
        example_specialties=_examples(site),
    )
    write_new_page(path, text)
    _announce(site, path)
    return EXIT_OK


def _split(values: Sequence[str] | None) -> list[str]:
    """Repeated options, each of which may also be a comma-separated list."""
    return [word for value in values or () for word in as_list(value)]


def _announce(site: Site, path: Path) -> None:
    page = path.relative_to(site.docs).with_suffix(".html").as_posix()
    print(f"Wrote {display_path(path)}")
    print(f"Preview it with: {PREVIEW_COMMAND}  (then open {PREVIEW_URL}/{page})")


# -- check ----------------------------------------------------------------------------


class BuildMessage(NamedTuple):
    """One warning or error of a Sphinx build."""

    location: str
    level: str
    message: str

    def __str__(self) -> str:
        level = "" if self.level == "WARNING" else f"{self.level}: "
        prefix = f"{self.location}: " if self.location else ""
        return f"{prefix}{level}{self.message}"


_LEVELS = "WARNING|ERROR|CRITICAL|SEVERE"
_MESSAGE = re.compile(rf"^(?:(?P<location>.*?): )?(?P<level>{_LEVELS}): (?P<message>.*)$")
_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def parse_build_output(text: str, cwd: Path | None = None) -> list[BuildMessage]:
    """Split Sphinx's warning stream into messages, paths made relative to ``cwd``.

    Sphinx writes ``path:line: WARNING: message [type.subtype]``; a message of several
    lines keeps its continuation lines.
    """
    messages: list[BuildMessage] = []
    for line in _ANSI.sub("", text).splitlines():
        match = _MESSAGE.match(line)
        if match:
            location = _relative_location(match["location"] or "", cwd or Path.cwd())
            messages.append(BuildMessage(location, match["level"], match["message"]))
        elif messages:
            last = messages[-1]
            messages[-1] = last._replace(message=f"{last.message}\n{line}")
        elif line.strip():
            messages.append(BuildMessage("", "WARNING", line.strip()))
    return [m._replace(message=m.message.rstrip()) for m in messages]


def _relative_location(location: str, cwd: Path) -> str:
    """``/abs/docs/a.md:3`` -> ``docs/a.md:3`` (for paths inside ``cwd``)."""
    parts = location.split(":")
    for cut in range(len(parts), 0, -1):
        candidate = ":".join(parts[:cut])
        if candidate and os.path.isabs(candidate) and os.path.exists(candidate):
            rest = location[len(candidate) :]
            try:
                return str(Path(candidate).relative_to(cwd)) + rest
            except ValueError:
                return location
    return location


@dataclass
class CheckResult:
    """What ``check`` found: the build's messages and the number of pages read."""

    messages: list[BuildMessage]
    pages: int


def run_check(
    docs: Path,
    overrides: dict[str, Any] | None = None,
    nitpicky: bool = False,
    jobs: int = 1,
) -> CheckResult:
    """Build ``docs`` with Sphinx's ``dummy`` builder, fresh, into a temporary folder.

    Reading and the consistency checks run exactly as in an HTML build; nothing is
    written. Every page is read again each time: Sphinx reports a page's warnings only
    when it reads it, so reusing an environment would hide problems.
    """
    from sphinx.application import Sphinx  # late: Sphinx only for `check`
    from sphinx.util.docutils import docutils_namespace, patch_docutils  # late: as above

    confoverrides = dict(overrides or {})
    if nitpicky:
        confoverrides["nitpicky"] = True
    stream = io.StringIO()
    # As sphinx-build does: docutils' registries are global, and restored afterwards.
    with (
        tempfile.TemporaryDirectory(prefix="sphinx-clinic-check-") as tmp,
        patch_docutils(docs),
        docutils_namespace(),
    ):
        app = Sphinx(
            srcdir=docs,
            confdir=docs,
            outdir=Path(tmp, "out"),
            doctreedir=Path(tmp, "doctrees"),
            buildername="dummy",
            confoverrides=confoverrides,
            status=None,
            warning=stream,
            freshenv=True,
            parallel=jobs,
        )
        app.build(force_all=True)
        pages = len(app.env.found_docs)
    return CheckResult(in_line_order(parse_build_output(stream.getvalue())), pages)


def in_line_order(messages: Sequence[BuildMessage]) -> list[BuildMessage]:
    """Each file's messages by line (Sphinx reports some problems when it reads a page,
    others only once every page is read); files stay in the order they first appear."""

    def split(location: str) -> tuple[str, int]:
        path, _, line = location.rpartition(":")
        return (path, int(line)) if path and line.isdigit() else (location, 0)

    first_seen: dict[str, int] = {}
    for message in messages:
        first_seen.setdefault(split(message.location)[0], len(first_seen))

    def key(message: BuildMessage) -> tuple[int, int]:
        path, line = split(message.location)
        return (first_seen[path], line)

    return sorted(messages, key=key)


def check(args: argparse.Namespace) -> int:
    from sphinx.errors import SphinxError  # late: Sphinx only for `check`

    docs = find_docs(args.docs)
    overrides = dict(_define(d) for d in args.define or ())
    try:
        result = run_check(docs, overrides, nitpicky=args.nitpicky, jobs=args.jobs)
    except SphinxError as error:
        raise RefusedError(config_error_line(docs, str(error))) from error
    for message in result.messages:
        print(message)
    count = len(result.messages)
    if count:
        noun = "problem" if count == 1 else "problems"
        print(f"{count} {noun} in {display_path(docs)} ({result.pages} pages)", file=sys.stderr)
        return EXIT_REFUSED
    print(f"No problems in {display_path(docs)} ({result.pages} pages)", file=sys.stderr)
    return EXIT_OK


def _define(text: str) -> tuple[str, str]:
    name, sep, value = text.partition("=")
    if not sep or not name.strip():
        raise UsageError(f"-D needs name=value, got {text!r}")
    return name.strip(), value


# -- schema ---------------------------------------------------------------------------

#: Descriptions shown by editors, for fields whose model gives none.
FIELD_HELP: dict[str, str] = {
    "updated": "Date of the last substantial change, YYYY-MM-DD.",
    "specialties": "Specialty ids, names or aliases from the site's vocabulary.",
    "image": "A picture for the article, relative to the page.",
    "image_alt": "What the image shows, for readers who cannot see it.",
    "draft": "true keeps the article out of listings, navigation and feeds.",
    "reviewed_on": "Date of the clinical review, YYYY-MM-DD.",
    "pronouns": 'e.g. "she/her".',
    "photo_alt": "What the photo shows, for readers who cannot see it.",
    "modalities": "Therapy approaches, e.g. [Cognitive behavioral therapy].",
    "populations": "Who the clinician works with, e.g. [Adults, Couples].",
    "languages": "Languages of sessions, e.g. [English, Spanish].",
    "accepting_clients": "accepting, waitlist or not-accepting.",
    "accepting_as_of": "Date the availability was last confirmed, YYYY-MM-DD.",
    "booking_url": "Where clients book: https://, mailto: or tel: link.",
    "profile_url": "An external profile: https:// link.",
    "licenses": 'Professional licences: - {type: LCSW, number: "123", state: NY}.',
    "clinic": "What the page is, when its folder does not say: article, clinician or page.",
}

_DATE = {"type": "string", "pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}(T.*)?$"}
_WORDS = {"anyOf": [{"type": "array", "items": {"type": "string"}}, {"type": "string"}]}
_CLINIC = {
    "title": "Clinic",
    "enum": [kind.value for kind in PageKind],
    "description": FIELD_HELP["clinic"],
}


def front_matter_schema(kind: str | None = None) -> dict[str, Any]:
    """A JSON Schema (draft 7) of article or clinician front matter, or of both.

    Generated from the pydantic models, then widened to what the build accepts: a
    single word or comma-separated text wherever a list is expected, and dates with or
    without a time. ``kind=None`` gives one document with both under ``$defs`` that
    applies the clinician schema to front matter with a ``name`` (or ``clinic:
    clinician``) and the article schema to any other.
    """
    from pydantic.json_schema import models_json_schema  # late: only for `schema`

    models: dict[str, type[BaseModel]] = {
        "article": ArticleFrontMatter,
        "clinician": ClinicianFrontMatter,
    }
    if kind is not None:
        model = models[kind]
        schema = model.model_json_schema(mode="validation")
        _widen(model, schema, schema.get("$defs", {}))
        return {"$schema": JSON_SCHEMA_DIALECT, **schema}
    refs, schema = models_json_schema(
        [(model, "validation") for model in models.values()],
        title="sphinx-clinic front matter",
        description="The front matter of an article or of a clinician profile.",
    )
    for model in models.values():
        _widen(model, schema["$defs"][model.__name__], schema["$defs"])
    # The build knows a page's kind from its folder; a schema only sees the front matter.
    # A profile names its clinician (the build warns when it does not); an article does not.
    is_clinician = {
        "anyOf": [
            {"required": ["name"]},
            {"required": ["clinic"], "properties": {"clinic": {"const": "clinician"}}},
        ]
    }
    return {
        "$schema": JSON_SCHEMA_DIALECT,
        **schema,
        "type": "object",
        "if": is_clinician,
        "then": refs[(ClinicianFrontMatter, "validation")],
        "else": refs[(ArticleFrontMatter, "validation")],
    }


def _widen(model: type[BaseModel], schema: dict[str, Any], defs: dict[str, Any]) -> None:
    properties: dict[str, Any] = schema["properties"]
    for name, info in model.model_fields.items():
        prop = properties[name]
        if any(getattr(m, "func", None) is as_list for m in info.metadata):
            keep = {k: v for k, v in prop.items() if k in ("title", "description", "default")}
            prop.clear()
            prop.update(keep, **copy.deepcopy(_WORDS))
        _replace_dates(prop)
        _merge_null(prop, defs)
        prop.setdefault("title", name.replace("_", " ").title())
        if "description" not in prop and name in FIELD_HELP:
            prop["description"] = FIELD_HELP[name]
    properties["clinic"] = dict(_CLINIC)


def _merge_null(prop: dict[str, Any], defs: dict[str, Any]) -> None:
    """``anyOf: [{type: string, ...}, {type: null}]`` -> ``type: [string, null], ...``:
    the same rule, and one message instead of three when a value is wrong (an enum is
    inlined, so editors offer its words)."""
    options = prop.get("anyOf")
    if not isinstance(options, list) or len(options) != 2 or {"type": "null"} not in options:
        return
    other = options[0] if options[1] == {"type": "null"} else options[1]
    ref = other.get("$ref", "")
    if isinstance(ref, str) and ref.startswith("#/$defs/"):
        target = defs.get(ref.removeprefix("#/$defs/"), {})
        if "enum" not in target:
            return
        other = {"type": target.get("type", "string"), "enum": [*target["enum"], None]}
    if not isinstance(other.get("type"), str):
        return
    del prop["anyOf"]
    prop.update({k: v for k, v in other.items() if k not in prop})
    prop["type"] = [other["type"], "null"]


def _replace_dates(node: Any) -> None:
    if isinstance(node, dict):
        if node.get("type") == "string" and node.get("format") == "date":
            node.pop("format")
            node.update(copy.deepcopy(_DATE))
        for value in node.values():
            _replace_dates(value)
    elif isinstance(node, list):
        for value in node:
            _replace_dates(value)


def vocabulary_schema() -> dict[str, Any]:
    """A JSON Schema (draft 7) of the specialty vocabulary file, as
    :func:`~.vocabulary.parse_vocabulary` reads it: a list of entries, or a mapping whose
    ``specialties`` key holds that list."""
    entry = {
        "title": "Specialty",
        "type": "object",
        "required": ["id", "label"],
        "properties": {
            "id": {
                "title": "Id",
                "type": "string",
                "minLength": 1,
                "description": "The id pages write, lowercase with hyphens: e.g. grief.",
            },
            "label": {"title": "Label", "type": "string", "description": "The name readers see."},
            "aliases": {
                **_WORDS,
                "title": "Aliases",
                "description": "Other names pages may write for it, e.g. [bereavement].",
            },
            "description": {
                "title": "Description",
                "type": "string",
                "description": "One sentence for the specialty index.",
            },
            "group": {
                "title": "Group",
                "type": "string",
                "description": "A heading to group specialties under.",
            },
        },
    }
    entries = {"type": "array", "items": {"$ref": "#/$defs/Specialty"}}
    return {
        "$schema": JSON_SCHEMA_DIALECT,
        "title": "sphinx-clinic specialty vocabulary",
        "description": "The specialties a practice treats (clinic_specialties_file).",
        "$defs": {"Specialty": entry},
        "anyOf": [
            entries,
            {"type": "object", "required": ["specialties"], "properties": {"specialties": entries}},
        ],
    }


def schema(args: argparse.Namespace) -> int:
    document = vocabulary_schema() if args.kind == "vocabulary" else front_matter_schema(args.kind)
    text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    if args.output is None:
        sys.stdout.write(text)
        return EXIT_OK
    output = Path(args.output)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(text, encoding="utf-8")
    print(f"Wrote {display_path(output)}")
    return EXIT_OK


# -- import ---------------------------------------------------------------------------


def _pairs(values: Sequence[str] | None, option: str) -> dict[str, str]:
    """``--author-map login=id`` (repeatable), or a YAML/JSON file of such pairs."""
    found: dict[str, str] = {}
    for value in values or ():
        name, sep, target = value.partition("=")
        if sep:
            if not name.strip() or not target.strip():
                raise UsageError(f"{option} needs NAME=ID, got {value!r}")
            found[name.strip()] = target.strip()
            continue
        path = Path(value)
        if not path.is_file():
            raise UsageError(f"{option} needs NAME=ID or a YAML file of them, got {value!r}")
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
            raise RefusedError(f"{display_path(path)}: cannot read it ({error})") from None
        if not isinstance(data, dict):
            raise RefusedError(f"{display_path(path)}: write one 'name: id' a line")
        found.update({str(k): str(v) for k, v in data.items()})
    return found


def _profile_text(path: Path) -> str:
    try:
        source = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ""
    end = front_matter_end(source)
    return "\n".join(source.splitlines()[end:])


def import_site(site: Site) -> ImportSite:
    """What the importer needs to know of ``site``: folders, vocabulary, profiles."""
    from .importer import ImportSite, Profile  # late: the optional "import" extra

    schemes = read_config(site.docs)._raw_config.get("myst_url_schemes")
    if isinstance(schemes, dict):
        schemes = list(schemes)
    if not isinstance(schemes, (list, tuple)):
        schemes = ["http", "https", "mailto", "ftp"]  # myst-parser's default
    profiles = {}
    for clinician_id, path in site.clinicians.items():
        metadata = read_front_matter(path)
        text = " ".join(str(metadata.get(key) or "") for key in ("summary", "role"))
        profiles[clinician_id] = Profile(
            clinician_id, str(metadata.get("name") or ""), f"{text} {_profile_text(path)}"
        )
    return ImportSite(
        docs=site.docs,
        article_dir=site.article_dirs[0] if site.article_dirs else "articles",
        clinician_dir=site.clinician_dirs[0] if site.clinician_dirs else "clinicians",
        specialties_file=site.specialties_file or "specialties.yaml",
        vocabulary=site.vocabulary,
        profiles=profiles,
        docnames=frozenset(site.pages),
        url_schemes=tuple(str(s).lower() for s in schemes),
    )


class _ProgressBar:
    """tqdm on a terminal, over the bytes of the export read so far."""

    def __init__(self) -> None:
        self._bar: Any = None

    def start(self, label: str, total: int) -> None:
        from tqdm import tqdm  # late: the optional "import" extra

        self._bar = tqdm(
            total=total, desc=label, unit="B", unit_scale=True, leave=False, file=sys.stderr
        )

    def advance(self, amount: int) -> None:
        self._bar.update(amount)

    def finish(self) -> None:
        self._bar.close()


def import_export(args: argparse.Namespace) -> int:
    # The importer's libraries (markdownify, defusedxml, tqdm) are the optional
    # "import" extra: loaded only by this command.
    try:
        from .importer import (  # late: see above
            ExportError,
            ImportOptions,
            ImportRefusedError,
            render_report,
            run_import,
        )
    except ImportError as error:
        raise RefusedError(
            f"the importer needs {error.name}: pip install 'sphinx-clinic[import]'"
        ) from None

    site = load_site(find_docs(args.docs))
    options = ImportOptions(
        export=Path(args.export),
        media=Path(args.media) if args.media else None,
        dry_run=args.dry_run,
        author_map=_pairs(args.author_map, "--author-map"),
        specialty_map=_pairs(args.specialty_map, "--specialty-map"),
        skip_drafts=args.skip_drafts,
        add_specialties=args.add_specialties,
        pages_dir="" if args.no_pages else args.pages.strip("/"),
        progress=_ProgressBar() if sys.stderr.isatty() and not args.quiet else None,
    )
    if not options.export.is_file():
        raise UsageError(f"{args.export} is not a file; give the export's XML file")
    try:
        report = run_import(import_site(site), options)
    except (ExportError, ImportRefusedError) as error:
        raise RefusedError(f"{error}; nothing was written") from None
    except OSError as error:
        where = display_path(error.filename) if error.filename else display_path(site.docs)
        raise RefusedError(
            f"{where}: cannot write it ({error.strerror or error}); the import was undone, "
            "nothing was written"
        ) from None
    sys.stdout.write(render_report(report))
    if args.dry_run:
        for path in report.written:
            print(f"would write {display_path(site.docs / path)}")
    return EXIT_OK


# -- the parser -----------------------------------------------------------------------


def _iso_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a date; write it as YYYY-MM-DD, e.g. 2025-03-14"
        ) from None


def _jobs(text: str) -> int:
    if text == "auto":
        return os.cpu_count() or 1
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of processes or 'auto'")
    return value


def build_parser(prog: str | None = None) -> argparse.ArgumentParser:
    """The ``sphinx-clinic`` argument parser."""
    parser = argparse.ArgumentParser(
        prog=prog or "sphinx-clinic",
        description="Write and check the articles and clinician profiles of a Sphinx site.",
        epilog="Exit codes: 0 success, 1 refused or problems found, 2 wrong command line.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    new = commands.add_parser("new", help="start a new article or clinician profile")
    kinds = new.add_subparsers(dest="kind", required=True, metavar="KIND")
    docs_help = "the folder with conf.py (default: docs/, else the current folder)"

    article = kinds.add_parser("article", help="a new article in the article folder")
    article.add_argument("title", help="the article's title (its file name is made from it)")
    article.add_argument(
        "--author",
        action="append",
        required=True,
        metavar="ID",
        help="a clinician id; repeat for several authors",
    )
    article.add_argument(
        "--specialty", action="append", metavar="S", help="a specialty id, name or alias"
    )
    article.add_argument(
        "--date", type=_iso_date, metavar="YYYY-MM-DD", help="publication date (default: today)"
    )
    article.add_argument("--slug", help="the file name, without .md (default: from the title)")
    article.add_argument("--docs", metavar="DOCS_DIR", help=docs_help)
    article.set_defaults(handler=new_article)

    clinician = kinds.add_parser("clinician", help="a new profile in the clinician folder")
    clinician.add_argument("name", help="the clinician's full name (the id is made from it)")
    clinician.add_argument(
        "--credentials",
        action="append",
        metavar="LETTERS",
        help="credential letters, e.g. LCSW; repeat for several",
    )
    clinician.add_argument("--pronouns", help="e.g. she/her")
    clinician.add_argument("--role", help='e.g. "Mental Health Counselor"')
    clinician.add_argument(
        "--specialty", action="append", metavar="S", help="a specialty id, name or alias"
    )
    clinician.add_argument(
        "--date",
        type=_iso_date,
        metavar="YYYY-MM-DD",
        help="date shown in the 'accepting_as_of' placeholder (default: today)",
    )
    clinician.add_argument("--slug", help="the id and file name (default: from the name)")
    clinician.add_argument("--docs", metavar="DOCS_DIR", help=docs_help)
    clinician.set_defaults(handler=new_clinician)

    checker = commands.add_parser(
        "check",
        help="report every problem a build would report, as file:line: message",
        description=(
            "Build the site with Sphinx's dummy builder (nothing is written) and print "
            "every warning and error, clinic ones and Sphinx's own, as file:line: message."
        ),
    )
    checker.add_argument("docs", nargs="?", metavar="DOCS_DIR", help=docs_help)
    checker.add_argument(
        "-n", "--nitpicky", action="store_true", help="warn about every missing reference"
    )
    checker.add_argument(
        "-D",
        dest="define",
        action="append",
        metavar="NAME=VALUE",
        help="override a conf.py value, as sphinx-build -D does",
    )
    checker.add_argument(
        "-j", "--jobs", type=_jobs, default=1, metavar="N", help="read with N processes, or auto"
    )
    checker.set_defaults(handler=check)

    schemer = commands.add_parser(
        "schema",
        help="print the JSON Schema of the front matter, for editors",
        description=(
            "Print a JSON Schema (draft 7) of article or clinician front matter, or of "
            "the specialty vocabulary; without KIND, one document for both kinds of "
            "front matter, with each under $defs."
        ),
    )
    schemer.add_argument(
        "kind",
        nargs="?",
        choices=("article", "clinician", "vocabulary"),
        metavar="KIND",
        help="article, clinician or vocabulary (the specialties file)",
    )
    schemer.add_argument("--output", "-o", metavar="FILE", help="write to FILE, not stdout")
    schemer.set_defaults(handler=schema)
    importer = commands.add_parser(
        "import",
        help="bring a WordPress or Squarespace site's posts over",
        description=(
            "Import a WordPress eXtended RSS export (WordPress: Tools > Export; "
            "Squarespace: Settings > Export) into the site: articles, draft profiles for "
            "unknown authors, images, and redirects from the old addresses."
        ),
    )
    sources = importer.add_subparsers(dest="source", required=True, metavar="SOURCE")
    for source in ("wordpress", "squarespace"):
        wxr = sources.add_parser(source, help=f"a {source.title()} export (WXR XML)")
        wxr.add_argument("export", metavar="EXPORT.xml", help="the export file")
        wxr.add_argument("--docs", metavar="DOCS_DIR", help=docs_help)
        wxr.add_argument(
            "--media", metavar="DIR", help="the old site's uploads (wp-content/uploads), to copy"
        )
        wxr.add_argument(
            "--dry-run", action="store_true", help="print the plan and the report; write nothing"
        )
        wxr.add_argument(
            "--author-map",
            action="append",
            metavar="LOGIN=ID",
            help="an export author (login, name or e-mail) -> a clinician id; or a YAML file",
        )
        wxr.add_argument(
            "--specialty-map",
            action="append",
            metavar="TERM=ID",
            help="a category or tag -> a specialty id; or a YAML file",
        )
        wxr.add_argument(
            "--add-specialties",
            action="store_true",
            help="add unmapped categories and tags to the vocabulary as new specialties",
        )
        wxr.add_argument(
            "--skip-drafts", action="store_true", help="leave drafts and private posts out"
        )
        wxr.add_argument(
            "--pages", default="pages", metavar="DIR", help="folder for the old site's pages"
        )
        wxr.add_argument("--no-pages", action="store_true", help="import posts only")
        wxr.add_argument("--quiet", "-q", action="store_true", help="no progress bar")
        wxr.set_defaults(handler=import_export)
    return parser


def main(argv: Sequence[str] | None = None, prog: str | None = None) -> int:
    """Run the command line; return the exit code."""
    parser = build_parser(prog)
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit:  # argparse's --help (0) and usage errors (2)
        return exit.code if isinstance(exit.code, int) else EXIT_USAGE
    handler = cast("Callable[[argparse.Namespace], int]", args.handler)
    try:
        return handler(args)
    except UsageError as error:
        parser.print_usage(sys.stderr)
        print(f"{parser.prog}: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except RefusedError as error:
        print(f"{parser.prog}: {error}", file=sys.stderr)
        return EXIT_REFUSED


_CONF_FRAME = re.compile(r'File "(?P<file>[^"]*conf\.py)", line (?P<line>\d+)')


def config_error_line(docs: Path, text: str) -> str:
    """One line for a Sphinx error: for an exception in ``conf.py``, its last traceback
    line at the ``conf.py`` line that raised it, not the whole traceback."""
    if "Traceback" not in text:
        return f"{display_path(docs)}: {' '.join(text.split())}"
    frames = list(_CONF_FRAME.finditer(text))
    last = next((line.strip() for line in reversed(text.splitlines()) if line.strip()), "")
    where = display_path(docs / "conf.py")
    if frames:
        where += f":{frames[-1]['line']}"
    return f"{where}: {last} (conf.py raised an error)"
