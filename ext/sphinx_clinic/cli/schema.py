"""``sphinx-clinic schema``: a JSON Schema of front matter and of the vocabulary, for
editors."""

from __future__ import annotations

import argparse
import copy
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..frontmatter import ArticleFrontMatter, ClinicianFrontMatter, as_list
from ..pages import PageKind
from .site import EXIT_OK, JSON_SCHEMA_DIALECT, display_path

if TYPE_CHECKING:
    from pydantic import BaseModel


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


#: A language tag, as the vocabulary's per-language labels and aliases are keyed.
_LANGUAGE_TAG = r"^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*$"
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
            "label": {
                "title": "Label",
                "description": "The name readers see, or one per language: "
                "{en: Anxiety, es: Ansiedad}.",
                "anyOf": [
                    {"type": "string", "minLength": 1},
                    {
                        "type": "object",
                        "minProperties": 1,
                        "propertyNames": {"pattern": _LANGUAGE_TAG},
                        "additionalProperties": {"type": "string", "minLength": 1},
                    },
                ],
            },
            "aliases": {
                "title": "Aliases",
                "description": "Other names pages may write for it, e.g. [bereavement], or "
                "per language: {es: [duelo]}.",
                "anyOf": [
                    *copy.deepcopy(_WORDS["anyOf"]),
                    {
                        "type": "object",
                        "propertyNames": {"pattern": _LANGUAGE_TAG},
                        "additionalProperties": copy.deepcopy(_WORDS),
                    },
                ],
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
