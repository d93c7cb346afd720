"""Sphinx test sites live in tests/roots/test-*; helpers shared by the tests."""

from __future__ import annotations

import pickle
import re
from pathlib import Path
from typing import Any, NamedTuple

import pytest
from bs4 import BeautifulSoup

import sitegen

pytest_plugins = ("sphinx.testing.fixtures",)

ROOTS = Path(__file__).parent / "roots"


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return ROOTS


def html(app: Any, docname: str) -> BeautifulSoup:
    """The HTML page a reader gets for ``docname``."""
    path = Path(app.outdir, f"{docname}.html")
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def warnings(app: Any) -> list[str]:
    """The build's warning lines, without colour codes."""
    text = _ANSI.sub("", app.warning.getvalue())
    return [line for line in text.splitlines() if line.strip()]


class BuiltSite(NamedTuple):
    site: sitegen.Site
    html: Path  # its HTML output


@pytest.fixture(scope="session")
def benchmark_hubs(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The benchmark's hub shape (``benchmarks/hub_sizes.py``: 50 clinicians, 16
    specialties), built once, without warnings. The directory's size does not depend on
    the articles; 120 of them fill every specialty's newest articles."""
    from test_equivalence import build  # a test module: imported only when needed

    root = tmp_path_factory.mktemp("benchmark-hubs")
    site = sitegen.generate(articles=120, clinicians=50, specialties=16, seed=0, words=60)
    sitegen.write_site(site, root / "src", sitegen.registered_features())
    assert build(root, fresh=True).warnings == []
    return BuiltSite(site, root / "out" / "html")


def domain_data(app: Any) -> dict[str, Any]:
    """The clinic domain's data as pickled into the environment."""
    with open(Path(app.doctreedir, "environment.pickle"), "rb") as f:
        env = pickle.load(f)
    return env.domaindata["clinic"]
