"""``sphinx-clinic check``: a Sphinx build with the ``dummy`` builder, its messages as
``file:line: message``."""

from __future__ import annotations

import argparse
import io
import os
import re
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from .site import (
    EXIT_OK,
    EXIT_REFUSED,
    RefusedError,
    UsageError,
    config_error_line,
    display_path,
    find_docs,
)

if TYPE_CHECKING:
    pass


class BuildMessage(NamedTuple):
    """One warning or error of a Sphinx build."""

    location: str
    level: str
    message: str

    def __str__(self) -> str:
        level = "" if self.level == "WARNING" else f"{self.level}: "
        prefix = f"{self.location}: " if self.location else ""
        return f"{prefix}{level}{self.message}"


_LEVELS = "WARNING|ERROR|CRITICAL|SEVERE"
_MESSAGE = re.compile(rf"^(?:(?P<location>.*?): )?(?P<level>{_LEVELS}): (?P<message>.*)$")
_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def parse_build_output(text: str, cwd: Path | None = None) -> list[BuildMessage]:
    """Split Sphinx's warning stream into messages, paths made relative to ``cwd``.

    Sphinx writes ``path:line: WARNING: message [type.subtype]``; a message of several
    lines keeps its continuation lines.
    """
    messages: list[BuildMessage] = []
    for line in _ANSI.sub("", text).splitlines():
        match = _MESSAGE.match(line)
        if match:
            location = _relative_location(match["location"] or "", cwd or Path.cwd())
            messages.append(BuildMessage(location, match["level"], match["message"]))
        elif messages:
            last = messages[-1]
            messages[-1] = last._replace(message=f"{last.message}\n{line}")
        elif line.strip():
            messages.append(BuildMessage("", "WARNING", line.strip()))
    return [m._replace(message=m.message.rstrip()) for m in messages]


def _relative_location(location: str, cwd: Path) -> str:
    """``/abs/docs/a.md:3`` -> ``docs/a.md:3`` (for paths inside ``cwd``)."""
    parts = location.split(":")
    for cut in range(len(parts), 0, -1):
        candidate = ":".join(parts[:cut])
        if candidate and os.path.isabs(candidate) and os.path.exists(candidate):
            rest = location[len(candidate) :]
            try:
                return str(Path(candidate).relative_to(cwd)) + rest
            except ValueError:
                return location
    return location


@dataclass
class CheckResult:
    """What ``check`` found: the build's messages and the number of pages read."""

    messages: list[BuildMessage]
    pages: int


def run_check(
    docs: Path,
    overrides: dict[str, Any] | None = None,
    nitpicky: bool = False,
    jobs: int = 1,
) -> CheckResult:
    """Build ``docs`` with Sphinx's ``dummy`` builder, fresh, into a temporary folder.

    Reading and the consistency checks run exactly as in an HTML build; nothing is
    written. Every page is read again each time: Sphinx reports a page's warnings only
    when it reads it, so reusing an environment would hide problems.
    """
    from sphinx.application import Sphinx  # late: Sphinx only for `check`
    from sphinx.util.docutils import docutils_namespace, patch_docutils  # late: as above

    confoverrides = dict(overrides or {})
    if nitpicky:
        confoverrides["nitpicky"] = True
    stream = io.StringIO()
    # As sphinx-build does: docutils' registries are global, and restored afterwards.
    with (
        tempfile.TemporaryDirectory(prefix="sphinx-clinic-check-") as tmp,
        patch_docutils(docs),
        docutils_namespace(),
    ):
        app = Sphinx(
            srcdir=docs,
            confdir=docs,
            outdir=Path(tmp, "out"),
            doctreedir=Path(tmp, "doctrees"),
            buildername="dummy",
            confoverrides=confoverrides,
            status=None,
            warning=stream,
            freshenv=True,
            parallel=jobs,
        )
        app.build(force_all=True)
        pages = len(app.env.found_docs)
    return CheckResult(in_line_order(parse_build_output(stream.getvalue())), pages)


def in_line_order(messages: Sequence[BuildMessage]) -> list[BuildMessage]:
    """Each file's messages by line (Sphinx reports some problems when it reads a page,
    others only once every page is read); files stay in the order they first appear."""

    def split(location: str) -> tuple[str, int]:
        path, _, line = location.rpartition(":")
        return (path, int(line)) if path and line.isdigit() else (location, 0)

    first_seen: dict[str, int] = {}
    for message in messages:
        first_seen.setdefault(split(message.location)[0], len(first_seen))

    def key(message: BuildMessage) -> tuple[int, int]:
        path, line = split(message.location)
        return (first_seen[path], line)

    return sorted(messages, key=key)


def check(args: argparse.Namespace) -> int:
    from sphinx.errors import SphinxError  # late: Sphinx only for `check`

    docs = find_docs(args.docs)
    overrides = dict(_define(d) for d in args.define or ())
    try:
        result = run_check(docs, overrides, nitpicky=args.nitpicky, jobs=args.jobs)
    except SphinxError as error:
        raise RefusedError(config_error_line(docs, str(error))) from error
    for message in result.messages:
        print(message)
    count = len(result.messages)
    if count:
        noun = "problem" if count == 1 else "problems"
        print(f"{count} {noun} in {display_path(docs)} ({result.pages} pages)", file=sys.stderr)
        return EXIT_REFUSED
    print(f"No problems in {display_path(docs)} ({result.pages} pages)", file=sys.stderr)
    return EXIT_OK


def _define(text: str) -> tuple[str, str]:
    name, sep, value = text.partition("=")
    if not sep or not name.strip():
        raise UsageError(f"-D needs name=value, got {text!r}")
    return name.strip(), value
