"""Developer tasks: ``nox -s docs`` builds the knowledge base, ``nox -s tests`` tests."""

from __future__ import annotations

import nox

nox.options.default_venv_backend = "venv"
nox.options.reuse_venv = "yes"
nox.options.sessions = ["tests", "docs"]

DOCS_OUT = "docs/_build/html"


# The current Sphinx major and the one before it.
SPHINX_VERSIONS = {"sphinx9": "sphinx>=9,<10", "sphinx8": "sphinx>=8.2,<9"}


@nox.session
@nox.parametrize("sphinx", list(SPHINX_VERSIONS))
def tests(session: nox.Session, sphinx: str) -> None:
    """Run the test suite (Sphinx test sites, unit tests) on each supported Sphinx."""
    session.install("-e", ".[test]", SPHINX_VERSIONS[sphinx])
    session.run("pytest", "-n", "2", *session.posargs)


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
def lint(session: nox.Session) -> None:
    """ruff (lint and format check) and mypy on the extension."""
    session.install("-e", ".[lint]")
    session.run("ruff", "check", "ext", "tests", "noxfile.py")
    session.run("ruff", "format", "--check", "ext", "tests", "noxfile.py")
    session.run("mypy")


@nox.session
def check(session: nox.Session) -> None:
    """Report every problem a build would, as file:line: message (about a second)."""
    session.install("-e", ".")
    session.run("python", "-m", "sphinx_clinic", "check", "-n", *(session.posargs or ["docs"]))


@nox.session
def new(session: nox.Session) -> None:
    """Start a page: nox -s new -- article "Title" --author ID (see docs/guide/command-line.md)."""
    session.install("-e", ".")
    session.run("python", "-m", "sphinx_clinic", "new", *session.posargs)
