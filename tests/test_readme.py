"""The README's first steps work right after its two commands.

CI (``.ci/run``) runs the first-steps block as written, with nox, in a scratch copy of
the project. Here each line is checked against ``noxfile.py`` and run as its nox session
runs it (``python -m sphinx_clinic ...`` with the line's arguments), on a copy of the
knowledge base.
"""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest

from sphinx_clinic.cli import main

PROJECT = Path(__file__).parent.parent
README = (PROJECT / "README.md").read_text(encoding="utf-8")
NOXFILE = (PROJECT / "noxfile.py").read_text(encoding="utf-8")


def first_steps() -> list[list[str]]:
    """The commands of the README's first-steps block, split as a shell splits them."""
    block = re.search(r"<!-- first-steps.*?-->\s*```console\n(.*?)```", README, re.DOTALL)
    assert block is not None, "the README has no first-steps block"
    return [shlex.split(line) for line in block.group(1).splitlines() if line.strip()]


def test_first_steps_are_nox_sessions_that_need_nothing_installed() -> None:
    commands = first_steps()
    sessions = [c[:3] for c in commands]
    assert sessions == [["nox", "-s", "new"], ["nox", "-s", "check"], ["nox", "-s", "docs"]]
    for command in commands:
        session = command[2]
        # Each session installs the project itself before it runs.
        body = re.search(rf"def {session}\(session: nox.Session\).*?(?=\n@nox|\Z)", NOXFILE, re.S)
        assert body is not None, f"noxfile.py has no session {session!r}"
        assert 'session.install("-e", ".' in body.group(0)
    # Nothing the README tells a newcomer to type needs sphinx-clinic installed by hand.
    start = README.index("## The two commands")
    assert "python -m sphinx_clinic" not in README[start : README.index("## Layout")]


def test_first_steps_write_a_page_that_checks_clean(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    project = tmp_path / "project"
    shutil.copytree(
        PROJECT / "docs", project / "docs", ignore=shutil.ignore_patterns("_build", "*.pyc")
    )
    monkeypatch.chdir(project)  # nox runs the sessions from the project's top folder
    new, check, _docs = first_steps()
    # As the sessions run them: `new` passes its arguments, `check` adds -n and docs.
    assert main(["new", *new[new.index("--") + 1 :]]) == 0
    assert check == ["nox", "-s", "check"]
    page = project / "docs" / "articles" / "my-first-article.md"
    text = page.read_text(encoding="utf-8")
    assert "author: amara-okafor" in text and "# My first article" in text
    capsys.readouterr()
    assert main(["check", "-n", "docs"]) == 0
    assert capsys.readouterr().err.startswith("No problems in docs (")
