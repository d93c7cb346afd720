"""The specialty vocabulary in the build: loading it, and its warnings."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.util import logging

from .collector import clinic_domain
from .vocabulary import Vocabulary, parse_vocabulary

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from .views import ViewType

logger = logging.getLogger(__name__)

VIEWS: dict[str, ViewType] = {}


def load_vocabulary(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """``env-before-read-docs``: (re)load the vocabulary before any page is read.

    Pages that use specialties depend on the file (``note_dependency``), so Sphinx
    rereads them when it changes. Its problems are reported when its content changes.
    """
    configured = env.config.clinic_specialties_file
    domain = clinic_domain(env)
    path = Path(env.srcdir, configured) if configured else None
    if path is None or not path.is_file():
        if domain.vocabulary.digest:
            domain.set_vocabulary(Vocabulary())
        return
    text = path.read_text(encoding="utf-8")
    vocabulary, problems = parse_vocabulary(text, configured)
    if vocabulary.digest == domain.vocabulary.digest:
        return
    for problem in problems:
        logger.warning(
            problem.message,
            location=f"{path}:{problem.line}",
            type="clinic",
            subtype="vocabulary",
        )
    domain.set_vocabulary(vocabulary)


def setup_specialties(app: Sphinx) -> None:
    app.connect("env-before-read-docs", load_vocabulary)
