"""Profile photos, published under a stable name per clinician."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import TYPE_CHECKING

from .domain import get_domain
from .renderers import PHOTO_DIR

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def copy_photos(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: copy every profile photo to a stable, per-clinician name."""
    if exception is not None or app.builder.format != "html":
        return
    for clinician in get_domain(app.env).site_index().clinicians.values():
        if not clinician.photo:
            continue
        source = Path(app.srcdir, clinician.photo)
        suffix = clinician.photo.rsplit(".", 1)[-1]
        target = Path(app.outdir, PHOTO_DIR, f"{clinician.id}.{suffix}")
        if source.is_file() and (
            not target.exists() or target.stat().st_mtime_ns < source.stat().st_mtime_ns
        ):
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)


def setup_photos(app: Sphinx) -> None:
    app.connect("build-finished", copy_photos)
