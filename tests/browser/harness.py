"""What the browser tests and the screenshot script share: the site server, Chromium, the modes."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
#: The built knowledge base (``nox -s browser`` builds it there first).
SITE_DIR = Path(os.environ.get("CLINIC_SITE_DIR", ROOT / "docs" / "_build" / "html"))
#: Debian's Chromium; Playwright's own browser download does not work on these machines.
CHROMIUM = os.environ.get("CLINIC_CHROMIUM", "/usr/bin/chromium")
#: Flags that keep Chromium from reaching out on its own (updates, sync, QUIC probes).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
#: Screenshots the tests take, one per page type and mode (git-ignored).
SCREENSHOT_DIR = Path(__file__).parent / "screenshots" / "tmp"


@dataclass(frozen=True)
class Mode:
    """A viewport and a colour scheme: a reader's phone at night, a desktop by day..."""

    device: str  # "phone" or "desktop"
    scheme: str  # "light" or "dark"

    @property
    def id(self) -> str:
        return f"{self.device}-{self.scheme}"

    @property
    def phone(self) -> bool:
        return self.device == "phone"

    def context_args(self) -> dict[str, Any]:
        """Arguments for ``browser.new_context`` that put a page in this mode."""
        if self.phone:
            size = {"width": 390, "height": 844}
            device = {"is_mobile": True, "has_touch": True, "device_scale_factor": 1}
        else:
            size = {"width": 1280, "height": 900}
            device = {"device_scale_factor": 1}
        return {"viewport": size, "color_scheme": self.scheme, "reduced_motion": "reduce", **device}


MODES = tuple(Mode(d, s) for d in ("phone", "desktop") for s in ("light", "dark"))


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A browser context closed while a response was on its way: not a problem.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextlib.contextmanager
def serve(directory: Path = SITE_DIR) -> Iterator[str]:
    """Serve ``directory`` on 127.0.0.1 on a free port; yield the base URL (ending in ``/``)."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = _Server(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def missing_site_message() -> str | None:
    """Why the tests cannot run against the built site, or None when they can."""
    if not (SITE_DIR / "index.html").is_file():
        return f"no built site in {SITE_DIR}: run `nox -s browser` (it builds docs/ first)"
    if not Path(CHROMIUM).is_file():
        return f"no Chromium at {CHROMIUM}: apt-get install chromium (or set CLINIC_CHROMIUM)"
    return None
