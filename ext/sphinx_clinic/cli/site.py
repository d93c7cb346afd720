"""What every command reads: the site's folder, ``conf.py`` (with the ``clinic_*``
defaults of :mod:`..config`), its pages' front matter, its vocabulary; errors and exit codes."""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from ..pages import PageKind, classify_page, front_matter_end
from ..vocabulary import Vocabulary, parse_vocabulary

if TYPE_CHECKING:
    from sphinx.config import Config


EXIT_OK = 0
EXIT_REFUSED = 1
EXIT_USAGE = 2

PREVIEW_COMMAND = "nox -s serve"
PREVIEW_URL = "http://127.0.0.1:8000"
JSON_SCHEMA_DIALECT = "http://json-schema.org/draft-07/schema#"


class RefusedError(Exception):
    """The command cannot do what was asked; the message is the one-line reason."""


class UsageError(Exception):
    """The command line itself is wrong (exit code 2)."""


# -- the site -------------------------------------------------------------------------


@dataclass(frozen=True)
class Site:
    """What ``new`` needs to know about a Sphinx site, read without building it."""

    docs: Path
    article_dirs: tuple[str, ...]
    clinician_dirs: tuple[str, ...]
    specialties_file: str
    vocabulary: Vocabulary
    #: clinician id -> profile source file
    clinicians: dict[str, Path] = field(default_factory=dict)
    #: docname -> source file, for every page Sphinx would read
    pages: dict[str, Path] = field(default_factory=dict)


def find_docs(path: str | None) -> Path:
    """The site's source folder: ``path``, else ``docs/`` or the current folder.

    Raises :class:`UsageError` when the folder has no ``conf.py``.
    """
    candidates = [Path(path)] if path else [Path("docs"), Path(".")]
    for candidate in candidates:
        if (candidate / "conf.py").is_file():
            return candidate
    if path:
        raise UsageError(f"{path} has no conf.py; give the folder of your Sphinx site")
    raise UsageError("no conf.py in docs/ or here; give the folder of your Sphinx site")


def read_config(docs: Path) -> Config:
    """Execute the site's ``conf.py`` as Sphinx does, with the clinic values declared."""
    # late: Sphinx (a second to import) only for the commands that read conf.py
    from sphinx.config import Config  # late: see above
    from sphinx.errors import ConfigError  # late: see above
    from sphinx.util.tags import Tags  # late: see above

    from ..config import declare  # late: it warns through Sphinx's logging

    try:
        # Absolute: Sphinx runs conf.py from its own folder.
        config = Config.read(docs.absolute(), overrides={}, tags=Tags())
    except ConfigError as error:
        raise RefusedError(config_error_line(docs, str(error))) from error
    declare(config)
    return config


def _folders(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    return tuple(str(v).strip("/") for v in value if str(v).strip("/"))


def read_front_matter(path: Path) -> dict[str, Any]:
    """The YAML front matter of a Markdown page ({} without one, or when it is broken:
    the build reports that)."""
    if path.suffix != ".md":
        return {}
    try:
        source = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return {}
    end = front_matter_end(source)
    if not end:
        return {}
    block = "\n".join(source.splitlines()[1 : end - 1])
    try:
        data = yaml.safe_load(block)
    except yaml.YAMLError:
        return {}
    return {str(k): v for k, v in data.items()} if isinstance(data, dict) else {}


def load_site(docs: Path) -> Site:
    """Read ``conf.py``, the vocabulary and every page's front matter."""
    from sphinx.project import Project  # late: Sphinx only for the commands that read pages

    config = read_config(docs)
    source_suffix = config.source_suffix
    configured = [source_suffix] if isinstance(source_suffix, str) else list(source_suffix)
    # myst-parser adds .md when it is loaded, after conf.py.
    project = Project(docs.absolute(), list(dict.fromkeys([*configured, ".md", ".rst"])))
    excluded = [*config.exclude_patterns, *config.templates_path]
    article_dirs = _folders(config.clinic_article_dirs)
    clinician_dirs = _folders(config.clinic_clinician_dirs)
    pages: dict[str, Path] = {}
    clinicians: dict[str, Path] = {}
    for docname in sorted(project.discover(excluded)):
        path = Path(project.doc2path(docname, absolute=True))
        pages[docname] = path
        metadata = read_front_matter(path)
        kind = classify_page(docname, metadata, article_dirs, clinician_dirs)
        if kind is PageKind.CLINICIAN:
            clinician_id = str(metadata.get("id") or "").strip() or posixpath.basename(docname)
            clinicians.setdefault(clinician_id, path)
    specialties_file = str(config.clinic_specialties_file or "")
    vocabulary = Vocabulary()
    if specialties_file and (docs / specialties_file).is_file():
        text = (docs / specialties_file).read_text(encoding="utf-8")
        language = str(getattr(config, "language", None) or "en")
        vocabulary, _problems = parse_vocabulary(text, specialties_file, language=language)
    return Site(
        docs=docs,
        article_dirs=article_dirs,
        clinician_dirs=clinician_dirs,
        specialties_file=specialties_file,
        vocabulary=vocabulary,
        clinicians=clinicians,
        pages=pages,
    )


# -- new: checking what the author asked for ------------------------------------------


def display_path(path: Path | str) -> str:
    """``path`` relative to the current folder when it is inside it."""
    absolute = Path(path).absolute()
    try:
        return str(absolute.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


_CONF_FRAME = re.compile(r'File "(?P<file>[^"]*conf\.py)", line (?P<line>\d+)')


def config_error_line(docs: Path, text: str) -> str:
    """One line for a Sphinx error: for an exception in ``conf.py``, its last traceback
    line at the ``conf.py`` line that raised it, not the whole traceback."""
    if "Traceback" not in text:
        return f"{display_path(docs)}: {' '.join(text.split())}"
    frames = list(_CONF_FRAME.finditer(text))
    last = next((line.strip() for line in reversed(text.splitlines()) if line.strip()), "")
    where = display_path(docs / "conf.py")
    if frames:
        where += f":{frames[-1]['line']}"
    return f"{where}: {last} (conf.py raised an error)"
