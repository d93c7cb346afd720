"""``sphinx-clinic new article|clinician``: a page with the front matter filled in."""

from __future__ import annotations

import argparse
import datetime as dt
import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from ..frontmatter import as_list
from ..text import slug, suggest
from .site import (
    EXIT_OK,
    PREVIEW_COMMAND,
    PREVIEW_URL,
    RefusedError,
    Site,
    display_path,
    find_docs,
    load_site,
)

if TYPE_CHECKING:
    pass


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
