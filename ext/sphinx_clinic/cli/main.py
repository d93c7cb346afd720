"""``sphinx-clinic``'s arguments, and which command runs: scaffold pages (:mod:`.new`),
check a site (:mod:`.check`), export a JSON Schema (:mod:`.schema`), import a WordPress
or Squarespace export (:mod:`.import_export`).

``new`` and ``schema`` need no Sphinx build: they read the site's ``conf.py`` and front
matter directly, with the same rules as the build (:func:`~.frontmatter.classify_page`,
:func:`~.vocabulary.parse_vocabulary`). ``check`` runs Sphinx itself, in-process, with the
``dummy`` builder, so its messages are exactly the ones a build prints.

Exit codes: 0 success, 1 refused or problems found (one line on stderr says why), 2 usage.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, cast

from .check import check
from .import_export import import_export
from .new import new_article, new_clinician
from .schema import schema
from .site import EXIT_REFUSED, EXIT_USAGE, RefusedError, UsageError

if TYPE_CHECKING:
    pass


def _iso_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a date; write it as YYYY-MM-DD, e.g. 2025-03-14"
        ) from None


def _jobs(text: str) -> int:
    if text == "auto":
        return os.cpu_count() or 1
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of processes or 'auto'")
    return value


def build_parser(prog: str | None = None) -> argparse.ArgumentParser:
    """The ``sphinx-clinic`` argument parser."""
    parser = argparse.ArgumentParser(
        prog=prog or "sphinx-clinic",
        description="Write and check the articles and clinician profiles of a Sphinx site.",
        epilog="Exit codes: 0 success, 1 refused or problems found, 2 wrong command line.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    new = commands.add_parser("new", help="start a new article or clinician profile")
    kinds = new.add_subparsers(dest="kind", required=True, metavar="KIND")
    docs_help = "the folder with conf.py (default: docs/, else the current folder)"

    article = kinds.add_parser("article", help="a new article in the article folder")
    article.add_argument("title", help="the article's title (its file name is made from it)")
    article.add_argument(
        "--author",
        action="append",
        required=True,
        metavar="ID",
        help="a clinician id; repeat for several authors",
    )
    article.add_argument(
        "--specialty", action="append", metavar="S", help="a specialty id, name or alias"
    )
    article.add_argument(
        "--date", type=_iso_date, metavar="YYYY-MM-DD", help="publication date (default: today)"
    )
    article.add_argument("--slug", help="the file name, without .md (default: from the title)")
    article.add_argument("--docs", metavar="DOCS_DIR", help=docs_help)
    article.set_defaults(handler=new_article)

    clinician = kinds.add_parser("clinician", help="a new profile in the clinician folder")
    clinician.add_argument("name", help="the clinician's full name (the id is made from it)")
    clinician.add_argument(
        "--credentials",
        action="append",
        metavar="LETTERS",
        help="credential letters, e.g. LCSW; repeat for several",
    )
    clinician.add_argument("--pronouns", help="e.g. she/her")
    clinician.add_argument("--role", help='e.g. "Mental Health Counselor"')
    clinician.add_argument(
        "--specialty", action="append", metavar="S", help="a specialty id, name or alias"
    )
    clinician.add_argument(
        "--date",
        type=_iso_date,
        metavar="YYYY-MM-DD",
        help="date shown in the 'accepting_as_of' placeholder (default: today)",
    )
    clinician.add_argument("--slug", help="the id and file name (default: from the name)")
    clinician.add_argument("--docs", metavar="DOCS_DIR", help=docs_help)
    clinician.set_defaults(handler=new_clinician)

    checker = commands.add_parser(
        "check",
        help="report every problem a build would report, as file:line: message",
        description=(
            "Build the site with Sphinx's dummy builder (nothing is written) and print "
            "every warning and error, clinic ones and Sphinx's own, as file:line: message."
        ),
    )
    checker.add_argument("docs", nargs="?", metavar="DOCS_DIR", help=docs_help)
    checker.add_argument(
        "-n", "--nitpicky", action="store_true", help="warn about every missing reference"
    )
    checker.add_argument(
        "-D",
        dest="define",
        action="append",
        metavar="NAME=VALUE",
        help="override a conf.py value, as sphinx-build -D does",
    )
    checker.add_argument(
        "-j", "--jobs", type=_jobs, default=1, metavar="N", help="read with N processes, or auto"
    )
    checker.set_defaults(handler=check)

    schemer = commands.add_parser(
        "schema",
        help="print the JSON Schema of the front matter, for editors",
        description=(
            "Print a JSON Schema (draft 7) of article or clinician front matter, or of "
            "the specialty vocabulary; without KIND, one document for both kinds of "
            "front matter, with each under $defs."
        ),
    )
    schemer.add_argument(
        "kind",
        nargs="?",
        choices=("article", "clinician", "vocabulary"),
        metavar="KIND",
        help="article, clinician or vocabulary (the specialties file)",
    )
    schemer.add_argument("--output", "-o", metavar="FILE", help="write to FILE, not stdout")
    schemer.set_defaults(handler=schema)
    importer = commands.add_parser(
        "import",
        help="bring a WordPress or Squarespace site's posts over",
        description=(
            "Import a WordPress eXtended RSS export (WordPress: Tools > Export; "
            "Squarespace: Settings > Export) into the site: articles, draft profiles for "
            "unknown authors, images, and redirects from the old addresses."
        ),
    )
    sources = importer.add_subparsers(dest="source", required=True, metavar="SOURCE")
    for source in ("wordpress", "squarespace"):
        wxr = sources.add_parser(source, help=f"a {source.title()} export (WXR XML)")
        wxr.add_argument("export", metavar="EXPORT.xml", help="the export file")
        wxr.add_argument("--docs", metavar="DOCS_DIR", help=docs_help)
        wxr.add_argument(
            "--media", metavar="DIR", help="the old site's uploads (wp-content/uploads), to copy"
        )
        wxr.add_argument(
            "--dry-run", action="store_true", help="print the plan and the report; write nothing"
        )
        wxr.add_argument(
            "--author-map",
            action="append",
            metavar="LOGIN=ID",
            help="an export author (login, name or e-mail) -> a clinician id; or a YAML file",
        )
        wxr.add_argument(
            "--specialty-map",
            action="append",
            metavar="TERM=ID",
            help="a category or tag -> a specialty id; or a YAML file",
        )
        wxr.add_argument(
            "--add-specialties",
            action="store_true",
            help="add unmapped categories and tags to the vocabulary as new specialties",
        )
        wxr.add_argument(
            "--skip-drafts", action="store_true", help="leave drafts and private posts out"
        )
        wxr.add_argument(
            "--pages", default="pages", metavar="DIR", help="folder for the old site's pages"
        )
        wxr.add_argument("--no-pages", action="store_true", help="import posts only")
        wxr.add_argument("--quiet", "-q", action="store_true", help="no progress bar")
        wxr.set_defaults(handler=import_export)
    return parser


def main(argv: Sequence[str] | None = None, prog: str | None = None) -> int:
    """Run the command line; return the exit code."""
    parser = build_parser(prog)
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit:  # argparse's --help (0) and usage errors (2)
        return exit.code if isinstance(exit.code, int) else EXIT_USAGE
    handler = cast("Callable[[argparse.Namespace], int]", args.handler)
    try:
        return handler(args)
    except UsageError as error:
        parser.print_usage(sys.stderr)
        print(f"{parser.prog}: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except RefusedError as error:
        print(f"{parser.prog}: {error}", file=sys.stderr)
        return EXIT_REFUSED
