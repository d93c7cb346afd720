"""Match the export's authors to clinician profiles; draft a profile for the others."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import yaml

from ..text import name_key, slug
from .convert import plain_text
from .wxr import Author


@dataclass(frozen=True)
class Profile:
    """An existing clinician profile of the site."""

    id: str
    name: str
    #: its summary and body, for recognising a bio pasted into posts
    text: str = ""


@dataclass(frozen=True)
class AuthorMatch:
    """Who an export author is on the new site."""

    login: str
    name: str
    clinician_id: str
    how: str  # "--author-map", "login", "name", "new profile"

    @property
    def created(self) -> bool:
        return self.how == "new profile"


def export_author(creator: str, authors: Mapping[str, Author]) -> Author:
    """The author a post's ``dc:creator`` names. WordPress writes the login, declared
    in ``<wp:author>``; Squarespace writes a display name or an e-mail address."""
    if creator in authors:
        return authors[creator]
    for author in authors.values():
        if creator and name_key(creator) in (name_key(author.display_name), name_key(author.email)):
            return author
    name = creator.split("@")[0].replace(".", " ").title() if "@" in creator else creator
    return Author(login=creator, display_name=name)


def match_author(
    author: Author,
    profiles: Mapping[str, Profile],
    author_map: Mapping[str, str],
    taken: Iterable[str] = (),
) -> AuthorMatch:
    """Map an export author to a clinician id: ``--author-map`` (by login, display name
    or e-mail), then a profile whose id is the login or the name's slug, then one whose
    name is the display name (or first and last name); otherwise a new profile's id,
    made from the name and kept clear of ``taken`` ids."""
    name = author.display_name or " ".join(p for p in (author.first_name, author.last_name) if p)
    name = plain_text(name or author.login)
    for key in (author.login, author.display_name, author.email):
        if key and key in author_map:
            return AuthorMatch(author.login, name, author_map[key], "--author-map")
    keys = {name_key(k): v for k, v in author_map.items()}
    if name_key(name) in keys:
        return AuthorMatch(author.login, name, keys[name_key(name)], "--author-map")
    if author.login in profiles:
        return AuthorMatch(author.login, name, author.login, "login")
    names = {name_key(p.name): p.id for p in profiles.values() if p.name}
    full = " ".join(p for p in (author.first_name, author.last_name) if p)
    for candidate in (name, full):
        if candidate and slug(candidate) in profiles:
            return AuthorMatch(author.login, name, slug(candidate), "name")
        if candidate and name_key(candidate) in names:
            return AuthorMatch(author.login, name, names[name_key(candidate)], "name")
    base = slug(name) or slug(author.login) or "author"
    taken = set(taken)
    new_id, number = base, 2
    while new_id in taken:
        new_id, number = f"{base}-{number}", number + 1
    return AuthorMatch(author.login, name, new_id, "new profile")


_WORD = re.compile(r"[^\W_]+")


def repeats_profile(bio: str, profile_text: str) -> bool:
    """Whether a bio pasted at the end of a post says what the profile says: most of its
    words are in the profile (so the extension's author card can replace it)."""
    bio_words = [w.casefold() for w in _WORD.findall(bio)]
    if not bio_words:
        return True  # a bare "About the author" heading
    profile_words = {w.casefold() for w in _WORD.findall(profile_text)}
    shared = sum(1 for w in bio_words if w in profile_words)
    return shared / len(bio_words) >= 0.6


def render_profile_stub(match: AuthorMatch, summary: str, source: str) -> str:
    """A profile for an author the site does not know yet, marked for review."""
    data: dict[str, str] = {"name": match.name}
    if summary:
        data["summary"] = summary
    front = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=10_000)
    return (
        "---\n"
        f"# Imported from {source} (author {_comment(match.login)}): review this profile\n"
        "# (credentials, specialties, photo), then delete this line and the note below.\n"
        f"{front}"
        "---\n\n"
        f"# {escape_heading(match.name)}\n\n"
        "```{note}\n"
        "This profile was made by the importer from the author's posts and awaits review.\n"
        "```\n"
    )


def escape_heading(text: str) -> str:
    """Text for a Markdown heading: one line, with markup characters escaped."""
    text = " ".join(text.split())
    return re.sub(r"([\\`*_\[\]{}<>#$|~!])", r"\\\1", text)


def _comment(text: str) -> str:
    return repr("".join(ch for ch in text if ch.isprintable()))
