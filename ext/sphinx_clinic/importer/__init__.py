"""Bring an existing WordPress or Squarespace site over: ``sphinx-clinic import wordpress``.

Layers, bottom to top: :mod:`.wxr` reads the export as a stream; :mod:`.convert` turns
HTML into MyST; :mod:`.people`, :mod:`.topics` and :mod:`.redirects` map authors,
categories and old addresses; :mod:`.report` tells what happened; :mod:`.run` plans
and writes. They use the extension's pure core (front matter helpers, the vocabulary),
never a Sphinx application; the command line reads the site and calls :func:`run_import`.
"""

from __future__ import annotations

from .people import Profile
from .report import Report, render_report
from .run import ImportOptions, ImportRefusedError, ImportSite, Progress, run_import
from .wxr import ExportError

__all__ = [
    "ExportError",
    "ImportOptions",
    "ImportRefusedError",
    "ImportSite",
    "Profile",
    "Progress",
    "Report",
    "render_report",
    "run_import",
]
