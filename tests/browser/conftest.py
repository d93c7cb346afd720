"""Browser tests: the built knowledge base, served on 127.0.0.1, in Debian's Chromium.

Run them with ``nox -s browser`` (it builds the site and fetches the Nu HTML Checker first).
The normal test run does not collect this folder (``norecursedirs`` in pyproject.toml).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from harness import CHROMIUM, CHROMIUM_ARGS, MODES, Mode, missing_site_message, serve


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def site_url() -> Iterator[str]:
    """The base URL of the built site, served on 127.0.0.1 for the whole session."""
    reason = missing_site_message()
    if reason:
        pytest.fail(reason, pytrace=False)
    with serve() as url:
        yield url


@pytest.fixture(params=MODES, ids=lambda mode: mode.id)
def mode(request: pytest.FixtureRequest) -> Mode:
    """Each test runs at 390 px (a phone) and 1280 px (a desktop), in light and dark."""
    return request.param
