"""Developer tasks: ``nox -s docs`` builds the knowledge base, ``nox -s tests`` tests."""

from __future__ import annotations

from pathlib import Path

import nox

nox.options.default_venv_backend = "venv"
nox.options.reuse_venv = "yes"
nox.options.sessions = ["tests", "docs"]

DOCS_OUT = "docs/_build/html"
# The browser suite: pinned, as they are known to work with Debian's Chromium.
BROWSER_DEPS = ("playwright==1.65.2", "pytest-playwright==0.10.0", "axe-playwright-python==0.1.8")
VNU = "vnu-jar@26.9.27"  # the Nu HTML Checker, from npm, kept outside git in .nox/vnu/
VNU_DIR = Path(".nox", "vnu")
# What readers' tools say about the site, from npm, in .nox/node/ (pointed at Debian's
# Chromium: Puppeteer's own browser download is skipped). Lighthouse 13 needs Node 22.
NODE_TOOLS = ("lighthouse@12.2.3", "pa11y@9.1.1", "schema-dts@2.1.0")
NODE_DIR = Path(".nox", "node")


# The current Sphinx major and the one before it.
SPHINX_VERSIONS = {"sphinx9": "sphinx>=9,<10", "sphinx8": "sphinx>=8.2,<9"}


@nox.session
@nox.parametrize("sphinx", list(SPHINX_VERSIONS))
def tests(session: nox.Session, sphinx: str) -> None:
    """Run the test suite (Sphinx test sites, unit tests) on each supported Sphinx."""
    session.install("-e", ".[test]", SPHINX_VERSIONS[sphinx])
    session.run("pytest", "-n", "2", *session.posargs)


@nox.session
def fuzz(session: nox.Session) -> None:
    """The hostile-input property test with many more examples (tests/test_hostile.py)."""
    session.install("-e", ".[test]", SPHINX_VERSIONS["sphinx9"])
    session.run(
        "pytest",
        "-n",
        "2",
        "tests/test_hostile.py",
        "-k",
        "any_hostile_batch or known",
        *session.posargs,
        env={"HOSTILE_PROFILE": "fuzz"},
    )


@nox.session
def docs(session: nox.Session) -> None:
    """Build the knowledge base with warnings as errors, into docs/_build/html."""
    session.install("-e", ".[docs]")
    session.run(
        "sphinx-build", "-W", "-n", "--keep-going", "-b", "html", "docs", DOCS_OUT, *session.posargs
    )
    session.log(f"The knowledge base is in {DOCS_OUT}/index.html")


@nox.session
def serve(session: nox.Session) -> None:
    """Preview the knowledge base with drafts, rebuilt on every save (127.0.0.1:8000)."""
    session.install("-e", ".[docs]")
    session.run(
        "sphinx-autobuild",
        "--host",
        "127.0.0.1",
        "--port",
        "8000",
        "--watch",
        "ext/sphinx_clinic",
        "-D",
        "clinic_show_drafts=1",
        "docs",
        "docs/_build/preview",
        *session.posargs,
    )


@nox.session
def i18n(session: nox.Session) -> None:
    """Extract the labels (Python and templates/clinic/) into the catalog template, update
    the shipped catalogs and compile them (see docs/guide/languages.md, "Catalogs")."""
    session.install("babel>=2.13", "jinja2>=3.1")
    session.run("python", "tests/catalogs.py")


@nox.session
def lint(session: nox.Session) -> None:
    """ruff (lint and format check), mypy, and the layers: imports point one way."""
    session.install("-e", ".[lint]")
    session.run("ruff", "check", "ext", "tests", "benchmarks", "noxfile.py")
    session.run("ruff", "format", "--check", "ext", "tests", "benchmarks", "noxfile.py")
    session.run("mypy")
    # The import graph, function-level imports included (docs/guide/architecture.md).
    session.run("python", "tests/test_layers.py", "--check")


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8") if path.is_file() else ""


def _build_docs_clean(session: nox.Session) -> None:
    session.run(
        "sphinx-build", "-E", "-q", "-W", "-n", "--keep-going", "-b", "html", "docs", DOCS_OUT
    )


@nox.session
def browser(session: nox.Session) -> None:
    """Build the docs and check them in Chromium: axe, Nu HTML Checker, privacy, no-JS, keyboard.

    Uses Debian's Chromium at /usr/bin/chromium (installed with apt when missing and we are
    root), Java for the Nu HTML Checker and npm to fetch it.
    """
    _ensure_browser_tools(session)
    session.install("-e", ".[test,docs]", *BROWSER_DEPS)
    if VNU.split("@")[1] not in _read(VNU_DIR / "node_modules" / "vnu-jar" / "package.json"):
        VNU_DIR.mkdir(parents=True, exist_ok=True)
        session.run(
            "npm",
            "install",
            "--prefix",
            str(VNU_DIR),
            "--no-audit",
            "--no-fund",
            "-E",
            VNU,
            external=True,
        )
    _install_node_tools(session)
    _build_docs_clean(session)
    # Lighthouse and pa11y runs share an xdist group: one at a time, so that two of them
    # never compete for the 2 cores while they time a page.
    session.run("pytest", "tests/browser", "-n", "2", "--dist", "loadgroup", *session.posargs)


def _install_node_tools(session: nox.Session) -> None:
    import json

    installed = json.loads(_read(NODE_DIR / "package.json") or "{}").get("dependencies", {})
    wanted = dict(tool.rsplit("@", 1) for tool in NODE_TOOLS)
    if installed == wanted:
        return
    NODE_DIR.mkdir(parents=True, exist_ok=True)
    session.run(
        "npm",
        "install",
        "--prefix",
        str(NODE_DIR),
        "--no-audit",
        "--no-fund",
        "-E",
        *NODE_TOOLS,
        external=True,
        env={"PUPPETEER_SKIP_DOWNLOAD": "1"},
    )


def _ensure_browser_tools(session: nox.Session) -> None:
    import os
    import shutil

    if not os.path.exists("/usr/bin/chromium"):
        if shutil.which("apt-get") is None or os.geteuid() != 0:
            session.error("Install Debian's chromium package (apt-get install chromium) first")
        session.run("apt-get", "update", "-qq", external=True)
        session.run(
            "apt-get",
            "install",
            "-y",
            "-qq",
            "chromium",
            external=True,
            env={"DEBIAN_FRONTEND": "noninteractive"},
        )
    for tool in ("java", "npm"):
        if shutil.which(tool) is None:
            session.error(f"nox -s browser needs {tool} (Java 17+, Node 20+ with npm)")


@nox.session
def screenshots(session: nox.Session) -> None:
    """Regenerate docs/_static/screenshots/*.png (used by the README and the docs)."""
    session.install("-e", ".[docs]", *BROWSER_DEPS, "pillow")
    _build_docs_clean(session)
    session.run("python", "tests/browser/take_screenshots.py", *session.posargs)
    # The new pictures belong in the built docs too.
    _build_docs_clean(session)


@nox.session
def check(session: nox.Session) -> None:
    """Report every problem a build would, as file:line: message (about a second)."""
    # The knowledge base's conf.py loads the docs extras' extensions (opengraph).
    session.install("-e", ".[docs]")
    session.run("python", "-m", "sphinx_clinic", "check", "-n", *(session.posargs or ["docs"]))


@nox.session
def new(session: nox.Session) -> None:
    """Start a page: nox -s new -- article "Title" --author ID (see docs/guide/command-line.md)."""
    session.install("-e", ".[docs]")
    session.run("python", "-m", "sphinx_clinic", "new", *session.posargs)


@nox.session(name="import")
def import_(session: nox.Session) -> None:
    """Import a WordPress or Squarespace export: nox -s import -- wordpress EXPORT.xml --docs docs
    (see docs/guide/moving-from-wordpress.md)."""
    session.install("-e", ".[import]")
    session.run("python", "-m", "sphinx_clinic", "import", *(session.posargs or ["--help"]))


@nox.session
def bench(session: nox.Session) -> None:
    """Benchmark against plain Sphinx on a generated site; prints figures (see --help)."""
    session.install("-e", ".[docs]")
    session.run("python", "benchmarks/bench.py", *session.posargs)
