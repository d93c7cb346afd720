"""Sphinx test sites live in tests/roots/test-*; helpers shared by the tests."""

from __future__ import annotations

import pickle
import re
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

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


def domain_data(app: Any) -> dict[str, Any]:
    """The clinic domain's data as pickled into the environment."""
    with open(Path(app.doctreedir, "environment.pickle"), "rb") as f:
        env = pickle.load(f)
    return env.domaindata["clinic"]
