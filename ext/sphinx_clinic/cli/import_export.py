"""``sphinx-clinic import``: a WordPress or Squarespace export into pages (the
importer itself is :mod:`sphinx_clinic.importer`)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from ..pages import front_matter_end
from .site import (
    EXIT_OK,
    RefusedError,
    Site,
    UsageError,
    display_path,
    find_docs,
    load_site,
    read_config,
    read_front_matter,
)

if TYPE_CHECKING:
    from ..importer import ImportSite


def _pairs(values: Sequence[str] | None, option: str) -> dict[str, str]:
    """``--author-map login=id`` (repeatable), or a YAML/JSON file of such pairs."""
    found: dict[str, str] = {}
    for value in values or ():
        name, sep, target = value.partition("=")
        if sep:
            if not name.strip() or not target.strip():
                raise UsageError(f"{option} needs NAME=ID, got {value!r}")
            found[name.strip()] = target.strip()
            continue
        path = Path(value)
        if not path.is_file():
            raise UsageError(f"{option} needs NAME=ID or a YAML file of them, got {value!r}")
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
            raise RefusedError(f"{display_path(path)}: cannot read it ({error})") from None
        if not isinstance(data, dict):
            raise RefusedError(f"{display_path(path)}: write one 'name: id' a line")
        found.update({str(k): str(v) for k, v in data.items()})
    return found


def _profile_text(path: Path) -> str:
    try:
        source = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ""
    end = front_matter_end(source)
    return "\n".join(source.splitlines()[end:])


def import_site(site: Site) -> ImportSite:
    """What the importer needs to know of ``site``: folders, vocabulary, profiles."""
    from ..importer import ImportSite, Profile  # late: the optional "import" extra

    schemes = read_config(site.docs)._raw_config.get("myst_url_schemes")
    if isinstance(schemes, dict):
        schemes = list(schemes)
    if not isinstance(schemes, (list, tuple)):
        schemes = ["http", "https", "mailto", "ftp"]  # myst-parser's default
    profiles = {}
    for clinician_id, path in site.clinicians.items():
        metadata = read_front_matter(path)
        text = " ".join(str(metadata.get(key) or "") for key in ("summary", "role"))
        profiles[clinician_id] = Profile(
            clinician_id, str(metadata.get("name") or ""), f"{text} {_profile_text(path)}"
        )
    return ImportSite(
        docs=site.docs,
        article_dir=site.article_dirs[0] if site.article_dirs else "articles",
        clinician_dir=site.clinician_dirs[0] if site.clinician_dirs else "clinicians",
        specialties_file=site.specialties_file or "specialties.yaml",
        vocabulary=site.vocabulary,
        profiles=profiles,
        docnames=frozenset(site.pages),
        url_schemes=tuple(str(s).lower() for s in schemes),
    )


class _ProgressBar:
    """tqdm on a terminal, over the bytes of the export read so far."""

    def __init__(self) -> None:
        self._bar: Any = None

    def start(self, label: str, total: int) -> None:
        from tqdm import tqdm  # late: the optional "import" extra

        self._bar = tqdm(
            total=total, desc=label, unit="B", unit_scale=True, leave=False, file=sys.stderr
        )

    def advance(self, amount: int) -> None:
        self._bar.update(amount)

    def finish(self) -> None:
        self._bar.close()


def import_export(args: argparse.Namespace) -> int:
    # The importer's libraries (markdownify, defusedxml, tqdm) are the optional
    # "import" extra: loaded only by this command.
    try:
        from ..importer import (  # late: see above
            ExportError,
            ImportOptions,
            ImportRefusedError,
            render_report,
            run_import,
        )
    except ImportError as error:
        raise RefusedError(
            f"the importer needs {error.name}: pip install 'sphinx-clinic[import]'"
        ) from None

    site = load_site(find_docs(args.docs))
    options = ImportOptions(
        export=Path(args.export),
        media=Path(args.media) if args.media else None,
        dry_run=args.dry_run,
        author_map=_pairs(args.author_map, "--author-map"),
        specialty_map=_pairs(args.specialty_map, "--specialty-map"),
        skip_drafts=args.skip_drafts,
        add_specialties=args.add_specialties,
        pages_dir="" if args.no_pages else args.pages.strip("/"),
        progress=_ProgressBar() if sys.stderr.isatty() and not args.quiet else None,
    )
    if not options.export.is_file():
        raise UsageError(f"{args.export} is not a file; give the export's XML file")
    try:
        report = run_import(import_site(site), options)
    except (ExportError, ImportRefusedError) as error:
        raise RefusedError(f"{error}; nothing was written") from None
    except OSError as error:
        where = display_path(error.filename) if error.filename else display_path(site.docs)
        raise RefusedError(
            f"{where}: cannot write it ({error.strerror or error}); the import was undone, "
            "nothing was written"
        ) from None
    sys.stdout.write(render_report(report))
    if args.dry_run:
        for path in report.written:
            print(f"would write {display_path(site.docs / path)}")
    return EXIT_OK
