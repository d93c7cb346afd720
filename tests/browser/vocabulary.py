"""The schema.org vocabulary, read from npm ``schema-dts``'s TypeScript types.

``schema-dts`` ships every schema.org type as TypeScript: for a type ``X``, an interface
``XBase`` with its own properties (``"name"?: SchemaValue<Text | URL, "name">``) that
extends its parents' ``...Base`` interfaces, a leaf ``XLeaf`` with ``"@type": "X"``, and a
union ``type X = XLeaf | Sub1 | Sub2`` of it and its subtypes. Parsing it gives the type
names, the properties of each type (inherited ones included) and each property's range,
so structured data is checked against the real vocabulary rather than a hand list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

_INTERFACE = re.compile(
    r"^(?:export )?interface (\w+) extends ([^{]+)\{(.*?)^\}", re.MULTILINE | re.DOTALL
)
_PROPERTY = re.compile(r'^\s+"([\w@-]+)"\??: (?:SchemaValue<(.+?), "[\w-]+">|"(\w+)");', re.M)
_UNION = re.compile(r"^export type (\w+) = ([^;]+);", re.MULTILINE)
#: Ranges whose values are written as JSON strings or numbers.
LITERALS = {"Text", "URL", "Date", "DateTime", "Time", "Number", "Integer", "Boolean", "Float"}


@dataclass(frozen=True)
class Vocabulary:
    parents: dict[str, tuple[str, ...]]  # "XBase" -> its parent interfaces
    own: dict[str, dict[str, tuple[str, ...]]]  # "XBase" -> property -> range type names
    leaf_base: dict[str, str]  # "X" -> "XBase" (the interface its leaf extends)
    unions: dict[str, tuple[str, ...]]  # "X" -> its leaf and subtypes

    def is_type(self, name: str) -> bool:
        return name in self.leaf_base

    def properties(self, type_name: str) -> dict[str, tuple[str, ...]]:
        """Every property of a type, with its range, its parents' included."""
        found: dict[str, tuple[str, ...]] = {}
        todo = [self.leaf_base[type_name]]
        while todo:
            interface = todo.pop()
            for prop, range_ in self.own.get(interface, {}).items():
                found.setdefault(prop, range_)
            todo.extend(self.parents.get(interface, ()))
        return found

    def subtypes(self, type_name: str) -> frozenset[str]:
        """The type and all the types below it."""
        found = {type_name}
        for member in self.unions.get(type_name, ()):
            if member.endswith("Leaf"):
                continue
            found |= self.subtypes(member)
        return frozenset(found)


def load(path: Path) -> Vocabulary:
    text = path.read_text(encoding="utf-8")
    parents: dict[str, tuple[str, ...]] = {}
    own: dict[str, dict[str, tuple[str, ...]]] = {}
    leaf_base: dict[str, str] = {}
    for name, extends, body in _INTERFACE.findall(text):
        bases = tuple(
            b.strip() for b in re.sub(r"Partial<\w+>", "", extends).split(",") if b.strip()
        )
        props: dict[str, tuple[str, ...]] = {}
        for prop, range_, literal in _PROPERTY.findall(body):
            if prop == "@type" and literal:
                leaf_base[literal] = bases[0]
            else:
                props[prop] = tuple(t.strip() for t in range_.split("|"))
        parents[name] = bases
        own[name] = props
    unions = {
        name: tuple(t.strip() for t in members.split("|")) for name, members in _UNION.findall(text)
    }
    return Vocabulary(parents, own, leaf_base, unions)


def problems(vocabulary: Vocabulary, data: Any, where: str = "") -> list[str]:
    """Everything in a JSON-LD document that schema.org does not define: unknown types,
    properties a type does not have, values outside a property's range."""
    found: list[str] = []
    if isinstance(data, list):
        for i, item in enumerate(data):
            found += problems(vocabulary, item, f"{where}[{i}]")
        return found
    if not isinstance(data, dict):
        return found
    type_name = data.get("@type")
    if not isinstance(type_name, str) or not vocabulary.is_type(type_name):
        return [f"{where or '/'}: unknown @type {type_name!r}"]
    allowed = vocabulary.properties(type_name)
    for prop, value in data.items():
        if prop in {"@context", "@type", "@id"}:
            continue
        if prop not in allowed:
            found.append(f"{where}/{prop}: {type_name} has no property '{prop}'")
            continue
        range_ = allowed[prop]
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, dict):
                item_type = item.get("@type", "")
                if not any(
                    item_type in vocabulary.subtypes(r) for r in range_ if r in vocabulary.unions
                ):
                    found.append(
                        f"{where}/{prop}: a {item_type!r} is not one of {', '.join(range_)}"
                    )
                found += problems(vocabulary, item, f"{where}/{prop}")
            elif not LITERALS & set(range_):
                found.append(f"{where}/{prop}: {item!r} is not one of {', '.join(range_)}")
    return found
