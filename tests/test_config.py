"""The ``clinic_*`` values are declared once (``config.ClinicConfig``): the guide's tables
show exactly those, with their defaults and doc strings, and Sphinx gets exactly those."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from sphinx_clinic.config import config_values

GUIDE = Path(__file__).parent.parent / "docs" / "guide"
#: The guide's pages whose tables list configuration values.
TABLES = ("site-builders.md", "feeds-and-metadata.md")
ROW = re.compile(r"^\| `(clinic_[a-z_]+)` \| (.+?) \| (.+?) \|$", re.MULTILINE)


def guide_rows() -> dict[str, tuple[str, str]]:
    rows: dict[str, tuple[str, str]] = {}
    for page in TABLES:
        for name, default, doc in ROW.findall((GUIDE / page).read_text(encoding="utf-8")):
            assert name not in rows, f"{name} has two rows in the guide"
            rows[name] = (default, doc)
    return rows


def shown(default: Any) -> str:
    text = repr(default) if isinstance(default, (bool, int)) else json.dumps(default)
    return f"`{text}`"


def test_the_guide_lists_every_value_once_and_no_other() -> None:
    assert sorted(guide_rows()) == sorted(v.name for v in config_values())


@pytest.mark.parametrize("spec", list(config_values()), ids=lambda v: v.name)
def test_the_guide_shows_the_declared_default_and_doc(spec: Any) -> None:
    default, doc = guide_rows()[spec.name]
    assert default == (spec.shown_default or shown(spec.default))
    assert doc == spec.doc


@pytest.mark.sphinx("html", testroot="basic")
def test_sphinx_knows_each_declared_value_with_its_rebuild_kind(app: Any) -> None:
    declared = {v.name: v for v in config_values()}
    registered = {name for name in app.config._options if name.startswith("clinic_")}
    assert registered == set(declared)
    for name, spec in declared.items():
        option = app.config._options[name]
        assert (option.default, option.rebuild) == (spec.default, spec.rebuild), name
