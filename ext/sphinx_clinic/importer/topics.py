"""Map WordPress categories and tags to the site's specialty vocabulary."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import yaml

from ..text import name_key, slug
from ..vocabulary import Specialty, Vocabulary, tag_specialty_id
from .wxr import Term

#: WordPress files every post without a category here; it names no specialty.
DEFAULT_CATEGORIES = frozenset({"uncategorized", "uncategorised", "general", "blog"})


@dataclass(frozen=True)
class TermMapping:
    """Where one category or tag went."""

    term: Term
    specialty: str  # "" when unmapped
    suggestion: str = ""  # " did you mean ...?" for an unmapped one
    ignored: bool = False  # WordPress's default category


def map_term(term: Term, vocabulary: Vocabulary, specialty_map: Mapping[str, str]) -> TermMapping:
    """A term's specialty: ``--specialty-map`` (by label or slug), then the vocabulary
    by id, label or alias (the term's label or its slug)."""
    keys = {name_key(k): v for k, v in specialty_map.items()}
    for key in (term.label, term.slug):
        if key and name_key(key) in keys:
            target = vocabulary.resolve(keys[name_key(key)])
            if target is not None:
                return TermMapping(term, target)
    for key in (term.label, term.slug, term.slug.replace("-", " ")):
        found = vocabulary.resolve(key) if key else None
        if found is not None:
            return TermMapping(term, found)
    if name_key(term.label or term.slug) in DEFAULT_CATEGORIES:
        return TermMapping(term, "", ignored=True)
    return TermMapping(term, "", vocabulary.suggestion(term.label or term.slug))


def new_specialty(term: Term) -> Specialty:
    """The vocabulary entry ``--add-specialties`` makes of an unmapped term."""
    label = " ".join(term.label.split()) or term.slug
    return Specialty(
        id=slug(term.slug) or tag_specialty_id(label), label=label[:1].upper() + label[1:]
    )


def vocabulary_entries(specialties: list[Specialty]) -> str:
    """YAML list entries to append to the vocabulary file."""
    entries = [{"id": s.id, "label": s.label} for s in specialties]
    header = "# Added by the importer from the export's categories and tags: review them.\n"
    return header + yaml.safe_dump(entries, sort_keys=False, allow_unicode=True, width=10_000)
