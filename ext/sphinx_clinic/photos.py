"""Profile photos, published under a stable name per clinician."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import TYPE_CHECKING

from .domain import get_domain
from .renderers import photo_file

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def copy_photos(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: copy every profile photo to a stable, per-clinician name."""
    if exception is not None or app.builder.format != "html":
        return
    for clinician in get_domain(app.env).site_index().clinicians.values():
        if not clinician.photo:
            continue
        source = Path(app.srcdir, clinician.photo).resolve()
        target = Path(app.outdir, photo_file(clinician))
        # checked when the page was read; again here, as a symlink may have changed since
        if not source.is_relative_to(Path(app.srcdir).resolve()):
            continue
        if source.is_file() and (
            not target.exists() or target.stat().st_mtime_ns < source.stat().st_mtime_ns
        ):
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)


def setup_photos(app: Sphinx) -> None:
    app.connect("build-finished", copy_photos)
