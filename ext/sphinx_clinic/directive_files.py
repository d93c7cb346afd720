"""Files that body directives read: only from the source folder, never from the network.

``include``, ``literalinclude`` (and its ``:diff:``), ``raw :file:`` and
``csv-table :file:`` copy a file's text into the page, and ``raw :url:`` and
``csv-table :url:`` fetch one while the site is built. A page from a stranger's pull
request could so publish ``../../.env`` or the build machine's ``/etc/passwd``. Every
such directive, on every page, is wrapped here: a path that does not resolve (symlinks
followed) inside the source folder, and any ``:url:``, gives one located
``clinic.path`` warning and no content; the build goes on. A path that passes is
handed on resolved, so the directive reads exactly the file that was checked.

MyST runs ``{include}`` in Markdown through its own reader (``MockIncludeDirective``),
not the directive's ``run``; that reader is wrapped the same way. Pictures
(``![alt](path)``, ``image``, ``figure``) and ``{download}`` links copy their file into
the site too: :class:`KeepFilesInside` drops those that lead out, before Sphinx
collects them.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from docutils.parsers.rst.directives.misc import Raw
from docutils.parsers.rst.directives.tables import CSVTable
from sphinx import addnodes
from sphinx.directives.code import LiteralInclude
from sphinx.directives.other import Include
from sphinx.transforms import SphinxTransform

from .collector import inside_source
from .warnings_ import ClinicWarning, warn

if TYPE_CHECKING:
    from docutils.nodes import Node
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


def checked_path(
    env: BuildEnvironment, directive: str, path: str, line: int, source_root: bool
) -> str | None:
    """``path`` as an absolute path inside the source folder, or None after a warning.

    ``source_root``: a leading "/" means the source folder (as Sphinx reads it for
    include and literalinclude); otherwise it is the machine's root and so refused.
    """
    relative = None
    if source_root or not path.startswith("/"):
        relative = inside_source(env.srcdir, env.docname, path)
    if relative is None:
        warn(
            f"{directive} reads '{path}', which is outside the source folder, so nothing "
            "is included; put the file in the source folder and give its path from the page",
            ClinicWarning.PATH,
            location=(env.docname, line),
        )
        return None
    return str(Path(env.srcdir).resolve() / relative)


def refuse_url(env: BuildEnvironment, directive: str, url: str, line: int) -> None:
    warn(
        f"{directive} :url: '{url}' is not fetched: a build reads nothing from the network; "
        "save the file in the source folder and use :file: instead",
        ClinicWarning.PATH,
        location=(env.docname, line),
    )


class SourceInclude(Include):
    """``include`` of a file in the source folder only."""

    def run(self) -> list[Node]:
        argument = "".join(s.strip() for s in self.arguments[0].splitlines())
        # "<isonum.txt>": docutils' own character tables, not a file of the machine.
        if not (argument.startswith("<") and argument.endswith(">")):
            found = checked_path(self.env, self.name, argument, self.lineno, True)
            if found is None:
                return []
            self.arguments[0] = (
                "/" + Path(found).relative_to(Path(self.env.srcdir).resolve()).as_posix()
            )
        return list(super().run())


class SourceLiteralInclude(LiteralInclude):
    """``literalinclude`` (and its ``:diff:``) of files in the source folder only."""

    def run(self) -> list[Node]:
        root = Path(self.env.srcdir).resolve()
        found = checked_path(self.env, self.name, self.arguments[0], self.lineno, True)
        if found is None:
            return []
        self.arguments[0] = "/" + Path(found).relative_to(root).as_posix()
        if "diff" in self.options:
            other = checked_path(self.env, self.name, self.options["diff"], self.lineno, True)
            if other is None:
                return []
            self.options["diff"] = "/" + Path(other).relative_to(root).as_posix()
        return list(super().run())


class _FileOptions:
    """For docutils directives with ``:file:`` (read relative to the page) and ``:url:``."""

    name: str
    lineno: int
    options: dict[str, Any]
    state: Any

    def files_allowed(self) -> bool:
        env = self.state.document.settings.env
        if "url" in self.options:
            refuse_url(env, self.name, self.options["url"], self.lineno)
            return False
        if "file" in self.options:
            found = checked_path(env, self.name, self.options["file"], self.lineno, False)
            if found is None:
                return False
            self.options["file"] = found
        return True


class SourceRaw(_FileOptions, Raw):
    def run(self) -> list[Node]:
        return list(super().run()) if self.files_allowed() else []


class SourceCSVTable(_FileOptions, CSVTable):
    def run(self) -> list[nodes.table | nodes.system_message]:
        return list(super().run()) if self.files_allowed() else []


def _wrap_myst_include() -> None:
    """Check the path of ``{include}`` in Markdown before MyST's own reader opens it."""
    try:
        from myst_parser.mdit_to_docutils import base  # late: MyST is optional (rST sites)
    except ImportError:
        return
    reader: Any = getattr(base, "MockIncludeDirective", None)
    if reader is None:  # a MyST that reads includes differently: nothing to wrap
        return
    if getattr(reader, "clinic_checked", False):
        return

    class SourceMockInclude(reader):  # type: ignore[misc]
        arguments: list[str]
        clinic_checked = True

        def run(self) -> list[Node]:
            env = getattr(self.document.settings, "env", None)
            argument = "".join(s.strip() for s in self.arguments[0].splitlines())
            if env is not None and not (argument.startswith("<") and argument.endswith(">")):
                found = checked_path(env, self.name, argument, self.lineno, True)
                if found is None:
                    return []
                root = Path(env.srcdir).resolve()
                self.arguments = ["/" + Path(found).relative_to(root).as_posix()]
            return list(super().run())

    setattr(base, "MockIncludeDirective", SourceMockInclude)  # noqa: B010 (mypy: not exported)


def _local(uri: str) -> bool:
    """A path of a file (not a web address or data: URI, which are copied from nowhere)."""
    return bool(uri) and "://" not in uri and not uri.startswith(("data:", "mailto:"))


class KeepFilesInside(SphinxTransform):
    """Drop pictures and download links whose file lies outside the source folder."""

    # While reading, before Sphinx's image and download collectors (doctree-read).
    default_priority = 215

    def apply(self, **kwargs: Any) -> None:
        for image in list(self.document.findall(nodes.image)):
            uri = image.get("uri", "")
            if _local(uri) and inside_source(self.env.srcdir, self.env.docname, uri) is None:
                self._warn("picture", uri, image)
                image.parent.remove(image)
        for link in list(self.document.findall(addnodes.download_reference)):
            target = link.get("reftarget", "")
            if _local(target) and inside_source(self.env.srcdir, self.env.docname, target) is None:
                self._warn("download", target, link)
                link.replace_self(nodes.Text(link.astext()))

    def _warn(self, what: str, path: str, node: nodes.Element) -> None:
        line = node.line or (node.parent.line if node.parent is not None else None)
        warn(
            f"{what} '{path}' is outside the source folder, so it is not published; "
            "put the file in the source folder and give its path from the page",
            ClinicWarning.PATH,
            location=(self.env.docname, line or 1),
        )


def setup_directive_files(app: Sphinx) -> None:
    app.add_transform(KeepFilesInside)
    app.add_directive("include", SourceInclude, override=True)
    app.add_directive("literalinclude", SourceLiteralInclude, override=True)
    app.add_directive("raw", SourceRaw, override=True)
    app.add_directive("csv-table", SourceCSVTable, override=True)
    _wrap_myst_include()
