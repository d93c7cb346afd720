"""The specialty vocabulary: parse the YAML file authors edit, resolve what pages write.

Pure functions only; ``specialties.py`` wires them into Sphinx.
"""

from __future__ import annotations

import difflib
import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import yaml

from .text import clean_id, did_you_mean, slug
from .translations import is_language_tag, language_key, pick_language


class Specialty(NamedTuple):
    """One entry of the vocabulary.

    ``label`` and ``aliases`` are in the site's language; ``labels`` and
    ``aliases_by_language`` hold every language the entry names (the site's first), for
    pages written in another (:meth:`label_in`, :meth:`aliases_in`).
    """

    id: str
    label: str
    aliases: tuple[str, ...] = ()
    description: str = ""
    group: str = ""
    line: int = 0
    labels: tuple[tuple[str, str], ...] = ()  # (language, label), the site's first
    aliases_by_language: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def _language(self, language: str) -> str | None:
        return pick_language(language, (tag for tag, _ in self.labels)) if language else None

    def label_in(self, language: str) -> str:
        """The label for a page in ``language`` (the site's label when it has none)."""
        tag = self._language(language)
        return dict(self.labels)[tag] if tag is not None else self.label

    def aliases_in(self, language: str) -> tuple[str, ...]:
        """The aliases in the language of :meth:`label_in`'s label."""
        tag = self._language(language)
        if tag is None:
            return self.aliases
        return dict(self.aliases_by_language).get(tag, ())


class VocabularyProblem(NamedTuple):
    """Something wrong in the vocabulary file, with its 1-based line."""

    line: int
    message: str


@dataclass(frozen=True)
class Vocabulary:
    """Every specialty, and the map from each id, label and alias to an id."""

    specialties: dict[str, Specialty] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)
    digest: str = ""
    path: str = ""

    def resolve(self, text: str) -> str | None:
        """Return the id that ``text`` (an id, label or alias, any case) names."""
        return self.names.get(_key(text))

    def suggestion(self, text: str) -> str:
        """A " did you mean ...?" suffix for an unknown specialty."""
        close = difflib.get_close_matches(_key(text), list(self.names), n=6, cutoff=0.6)
        return did_you_mean(list(dict.fromkeys(self.names[key] for key in close))[:3])

    def sorted(self) -> list[Specialty]:
        """Specialties in alphabetical order of label."""
        return sorted(self.specialties.values(), key=lambda s: (s.label.casefold(), s.id))

    def resolve_tag(self, tag: str, tag_map: Mapping[str, str]) -> str | None:
        """The specialty a blog tag or category stands for, or None.

        ``tag_map`` (``clinic_tag_map``) is looked up first, its keys compared like
        specialty names; a tag it maps to ``""`` stands for nothing on purpose (``""``
        is returned). Otherwise the tag may itself name a specialty (id, label, alias,
        or its slug). A map entry whose target is not in the vocabulary is skipped (the
        consistency check reports it).
        """
        wanted = _key(tag)
        for key, target in tag_map.items():
            if _key(str(key)) == wanted:
                if not target:
                    return ""
                found = self.resolve(str(target))
                if found is not None:
                    return found
        return self.resolve(tag) or self.resolve(slug(tag))

    def with_entries(self, extra: Iterable[Specialty]) -> Vocabulary:
        """This vocabulary and ``extra`` entries (e.g. free tags); on a clash of ids or
        names the vocabulary's own entry wins."""
        specialties = dict(self.specialties)
        names = dict(self.names)
        for specialty in extra:
            if specialty.id in specialties:
                continue
            specialties[specialty.id] = specialty
            for name in (specialty.id, specialty.label):
                names.setdefault(_key(name), specialty.id)
        return Vocabulary(specialties, names, self.digest, self.path)


def tag_specialty_id(tag: str) -> str:
    """A stable id for the specialty made of a free tag (its slug, or a digest of it
    when it has no Latin letter or digit), bounded as every id is (:func:`clean_id`)."""
    made = slug(tag) or "tag-" + hashlib.blake2b(tag.encode(), digest_size=4).hexdigest()
    return clean_id(made).id


def _key(text: str) -> str:
    return " ".join(text.replace("-", " ").replace("_", " ").casefold().split())


def text_digest(text: str, language: str = "en") -> str:
    """The :attr:`Vocabulary.digest` of the vocabulary ``text`` parses into: the same
    text in the same site language parses into the same vocabulary. (The site's
    language picks the labels, so a change of it reads the file again.)"""
    return hashlib.sha256(f"{language}\n{text}".encode()).hexdigest()


def parse_vocabulary(
    text: str,
    path: str = "",
    noun: str = "specialty",
    key: str = "specialties",
    language: str = "en",
) -> tuple[Vocabulary, list[VocabularyProblem]]:
    """Parse the vocabulary YAML: a list (or a ``key:`` list) of mappings with ``id``,
    ``label``... The insurance vocabulary has the same shape (``noun`` "insurance").

    A ``label`` may be one per language (``{en: Anxiety, es: Ansiedad}``) and so may the
    ``aliases`` (``{es: [ansiedad]}``); ``language`` is the site's, whose label and
    aliases are the entry's own. Every label and alias names the entry, in any language.
    Bad entries are reported with their line and left out; a name claimed twice keeps
    its first owner.
    """
    digest = text_digest(text, language)
    problems: list[VocabularyProblem] = []
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except RecursionError:
        return Vocabulary(digest=digest, path=path), [
            VocabularyProblem(
                _too_deep_line(text),
                "the vocabulary is nested too deeply to read; check its brackets",
            )
        ]
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 1
        problem = getattr(error, "problem", None) or str(error)
        return Vocabulary(digest=digest, path=path), [
            VocabularyProblem(line, f"malformed YAML: {problem}; check the indentation")
        ]
    if root is None:
        return Vocabulary(digest=digest, path=path), []
    if isinstance(root, yaml.MappingNode) and _mapping_has(root, key):
        root = _mapping_get(root, key)
    if not isinstance(root, yaml.SequenceNode):
        return Vocabulary(digest=digest, path=path), [
            VocabularyProblem(
                root.start_mark.line + 1,
                "the vocabulary must be a list of entries, each starting with '- id:'",
            )
        ]
    specialties: dict[str, Specialty] = {}
    names: dict[str, str] = {}
    for node in root.value:
        line = node.start_mark.line + 1
        try:
            entry = yaml.SafeLoader("").construct_document(node)
        except (ValueError, TypeError, RecursionError, yaml.YAMLError) as error:
            # e.g. "description: 2026-02-30" (a timestamp with no such day)
            problems.append(
                VocabularyProblem(
                    line,
                    f"entry cannot be read ({error}); put text values in quotes, e.g. "
                    'description: "..."',
                )
            )
            continue
        specialty, entry_problems = _entry(entry, line, noun, language)
        problems += entry_problems
        if specialty is None:
            continue
        if specialty.id in specialties:
            first = specialties[specialty.id].line
            problems.append(
                VocabularyProblem(
                    line, f"duplicate {noun} id '{specialty.id}' (first defined on line {first})"
                )
            )
            continue
        specialties[specialty.id] = specialty
        every_name = (
            specialty.id,
            specialty.label,
            *specialty.aliases,
            *(label for _, label in specialty.labels),
            *(alias for _, written in specialty.aliases_by_language for alias in written),
        )
        for name in dict.fromkeys(every_name):
            owner = names.setdefault(_key(name), specialty.id)
            if owner != specialty.id:
                problems.append(
                    VocabularyProblem(
                        line,
                        f"'{name}' of {noun} '{specialty.id}' already names {noun} "
                        f"'{owner}'; remove it from one of them",
                    )
                )
    return Vocabulary(specialties, names, digest, path), problems


def _entry(
    entry: Any, line: int, noun: str = "specialty", language: str = "en"
) -> tuple[Specialty | None, list[VocabularyProblem]]:
    if not isinstance(entry, dict):
        return None, [VocabularyProblem(line, "each entry must be a mapping with 'id' and 'label'")]
    raw_id = entry.get("id")
    if not isinstance(raw_id, str) or not raw_id.strip():
        return None, [VocabularyProblem(line, "entry without an 'id'; add e.g. 'id: grief'")]
    reading = clean_id(raw_id, f"{noun} id")
    specialty_id = reading.id
    problems = [VocabularyProblem(line, reading.problem)] if reading.problem else []
    labels, label_problems = _labels(entry.get("label"), specialty_id, line)
    problems += label_problems
    if not labels:
        problems.append(
            VocabularyProblem(
                line, f"{noun} '{specialty_id}' has no 'label'; add the name readers see"
            )
        )
        labels = {language: specialty_id.replace("-", " ").capitalize()}
    if "" in labels:  # a plain label is the site's
        labels = {language: labels.pop(""), **labels}
    site = pick_language(language, labels)
    if site is None:
        # No label in the site's language: the first one stands in for it.
        site = next(iter(labels))
        problems.append(
            VocabularyProblem(
                line,
                f"{noun} '{specialty_id}' has no label in the site's language "
                f"'{language}'; add '{language}: ...' to its label",
            )
        )
    aliases, alias_problems = _aliases(entry.get("aliases"), specialty_id, line, site)
    problems += alias_problems
    description = entry.get("description") or ""
    group = entry.get("group") or ""
    for name, value in (("description", description), ("group", group)):
        if not isinstance(value, str):
            problems.append(VocabularyProblem(line, f"'{name}' of '{specialty_id}' must be text"))
    ordered = [site, *(tag for tag in labels if tag != site)]
    per_language = isinstance(entry.get("label"), dict) or isinstance(entry.get("aliases"), dict)
    return (
        Specialty(
            id=specialty_id,
            label=labels[site],
            aliases=aliases.get(site, ()),
            description=description.strip() if isinstance(description, str) else "",
            group=group.strip() if isinstance(group, str) else "",
            line=line,
            labels=tuple((tag, labels[tag]) for tag in ordered) if per_language else (),
            aliases_by_language=tuple((tag, words) for tag, words in aliases.items() if words)
            if per_language
            else (),
        ),
        problems,
    )


def _labels(
    value: Any, specialty_id: str, line: int
) -> tuple[dict[str, str], list[VocabularyProblem]]:
    """``label`` as {language: text}; a plain text label is in the site's language ("")."""
    if isinstance(value, str):
        return ({"": value.strip()} if value.strip() else {}), []
    if value is None:
        return {}, []
    if not isinstance(value, dict):
        return {}, [
            VocabularyProblem(
                line,
                f"'label' of '{specialty_id}' must be text, or one per language, e.g. "
                "{en: Anxiety, es: Ansiedad}",
            )
        ]
    labels: dict[str, str] = {}
    problems = []
    for tag, text in value.items():
        if not isinstance(tag, str) or not is_language_tag(tag):
            problems.append(
                VocabularyProblem(
                    line,
                    f"'label' of '{specialty_id}': {tag!r} is not a language tag; write "
                    "e.g. 'es' or 'pt-BR'",
                )
            )
        elif not isinstance(text, str) or not text.strip():
            problems.append(
                VocabularyProblem(line, f"'label' of '{specialty_id}' in '{tag}' must be text")
            )
        elif any(language_key(known) == language_key(tag) for known in labels):
            problems.append(
                VocabularyProblem(line, f"'label' of '{specialty_id}' names '{tag}' twice")
            )
        else:
            labels[tag.strip().replace("_", "-")] = text.strip()
    return labels, problems


def _aliases(
    value: Any, specialty_id: str, line: int, site: str
) -> tuple[dict[str, tuple[str, ...]], list[VocabularyProblem]]:
    """``aliases`` as {language: words}: a plain list is in the site's language."""
    if value is None or value == "":
        return {}, []
    if not isinstance(value, dict):
        words = _words(value)
        if words is None:
            return {}, [
                VocabularyProblem(line, f"'aliases' of '{specialty_id}' must be a list of words")
            ]
        return {site: words}, []
    found: dict[str, tuple[str, ...]] = {}
    problems = []
    for tag, written in value.items():
        words = _words(written)
        if not isinstance(tag, str) or not is_language_tag(tag):
            problems.append(
                VocabularyProblem(
                    line,
                    f"'aliases' of '{specialty_id}': {tag!r} is not a language tag; write "
                    "e.g. {es: [ansiedad]}",
                )
            )
        elif words is None:
            problems.append(
                VocabularyProblem(
                    line, f"'aliases' of '{specialty_id}' in '{tag}' must be a list of words"
                )
            )
        else:
            key = tag.strip().replace("_", "-")
            if language_key(key) == language_key(site):
                key = site
            found[key] = (*found.get(key, ()), *words)
    return found, problems


def _words(value: Any) -> tuple[str, ...] | None:
    """A list of words (or one word) as a tuple, None when it is neither."""
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, (list, tuple)) or not all(isinstance(a, str) for a in value):
        return None
    return tuple(a.strip() for a in value if a.strip())


def _too_deep_line(text: str, limit: int = 50) -> int:
    """The first line where brackets nest deeper than ``limit`` (1 if none does)."""
    depth = 0
    for number, line in enumerate(text.splitlines(), start=1):
        for ch in line:
            depth += (ch in "[{") - (ch in "]}")
            if depth > limit:
                return number
    return 1


def _mapping_has(node: yaml.MappingNode, key: str) -> bool:
    return any(getattr(k, "value", None) == key for k, _ in node.value)


def _mapping_get(node: yaml.MappingNode, key: str) -> yaml.Node:
    return next(v for k, v in node.value if getattr(k, "value", None) == key)
