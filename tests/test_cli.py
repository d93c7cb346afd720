"""The command line: scaffolding pages, checking a site, exporting the JSON Schema."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import domain_data, warnings
from sphinx_clinic.cli import main, parse_build_output, read_front_matter, yaml_list, yaml_scalar
from sphinx_clinic.frontmatter import ArticleFrontMatter, ClinicianFrontMatter, validate


@pytest.fixture
def site(rootdir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the ``test-cli`` site, which is also the current folder."""
    path = tmp_path / "site"
    shutil.copytree(rootdir / "test-cli", path)
    monkeypatch.chdir(path)
    return path


def build(make_app: Any, srcdir: Path) -> Any:
    app = make_app("html", srcdir=srcdir, freshenv=True)
    app.build()
    return app


def front_matter(path: Path) -> dict[str, Any]:
    """Front matter as MyST hands it over: decoded YAML, scalars kept as written."""
    return read_front_matter(path)


# -- new article ----------------------------------------------------------------------


def test_new_article_writes_a_page_that_builds_cleanly(
    site: Path, make_app: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["new", "article", "Sleep, worry & the 3 a.m. mind"]
    args += ["--author", "ana-lima", "--author", "ben-okafor"]
    args += ["--specialty", "worry", "--specialty", "New parents", "--date", "2025-04-01"]
    code = main(args)
    out, err = capsys.readouterr()
    assert code == 0, err
    path = site / "articles" / "sleep-worry-the-3-a-m-mind.md"
    assert out.splitlines() == [
        "Wrote articles/sleep-worry-the-3-a-m-mind.md",
        "Preview it with: nox -s serve  (then open "
        "http://127.0.0.1:8000/articles/sleep-worry-the-3-a-m-mind.html)",
    ]
    front, problems = validate(ArticleFrontMatter, front_matter(path))
    assert problems == []
    assert front.author_ids == ("ana-lima", "ben-okafor")
    # Aliases and labels are written as the vocabulary's ids.
    assert front.specialties == ("anxiety", "early-parenthood")
    assert front.date is not None and front.date.isoformat() == "2025-04-01"
    # The optional fields are there, commented out, ready to fill in.
    text = path.read_text(encoding="utf-8")
    for key in ("summary", "reviewed_by", "reviewed_on", "image", "image_alt", "draft"):
        assert f"\n# {key}: " in text

    app = build(make_app, site)
    assert warnings(app) == []
    article = domain_data(app)["articles"]["articles/sleep-worry-the-3-a-m-mind"]
    assert article.title == "Sleep, worry & the 3 a.m. mind"
    assert article.authors == ("ana-lima", "ben-okafor")


def test_new_article_with_the_placeholders_filled_in_still_builds(
    site: Path, make_app: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["new", "article", "Grief at work", "--author", "ana-lima"]) == 0
    path = site / "articles" / "grief-at-work.md"
    text = path.read_text(encoding="utf-8")
    # An author who deletes the leading "# " of every placeholder gets a valid page
    # (except the picture, which needs a real file).
    head, body = text.split("\n---\n", 1)
    lines = [line.removeprefix("# ") for line in head.splitlines()]
    lines = [line for line in lines if not line.startswith(("image", "draft"))]
    path.write_text("\n".join(lines) + "\n---\n" + body, encoding="utf-8")
    front, problems = validate(ArticleFrontMatter, front_matter(path))
    assert problems == []
    assert front.reviewed_by == "ben-okafor"
    assert front.summary
    assert warnings(build(make_app, site)) == []


def test_new_article_uses_the_folders_of_conf_py(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (site / "clinicians").rename(site / "team")
    (site / "articles").rename(site / "posts")
    with (site / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write('clinic_article_dirs = ["posts"]\nclinic_clinician_dirs = ["team"]\n')
    assert main(["new", "article", "Moving on", "--author", "ana-lima"]) == 0
    assert (site / "posts" / "moving-on.md").is_file()
    assert main(["new", "clinician", "Cy Doe"]) == 0
    assert (site / "team" / "cy-doe.md").is_file()


def test_new_with_a_relative_docs_folder(
    site: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(site.parent)
    assert main(["new", "article", "Night worries", "--author", "ana-lima", "--docs", "site"]) == 0
    assert capsys.readouterr().out.startswith("Wrote site/articles/night-worries.md\n")
    assert (site / "articles" / "night-worries.md").is_file()


def test_new_refuses_to_overwrite(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["new", "article", "When worry takes over", "--author", "ana-lima", "--slug", "worry"]
    before = (site / "articles" / "worry.md").read_text(encoding="utf-8")
    assert main(args) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err == (
        "sphinx-clinic: articles/worry.md already exists; pick another title or pass --slug\n"
    )
    assert (site / "articles" / "worry.md").read_text(encoding="utf-8") == before


def test_new_refuses_an_unknown_author_with_a_suggestion(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["new", "article", "Panic", "--author", "ana-lma", "--docs", str(site)]) == 1
    err = capsys.readouterr().err
    assert err.splitlines() == [
        "sphinx-clinic: unknown author 'ana-lma'; did you mean 'ana-lima'? "
        "(authors are clinician ids: the file names of the profiles)"
    ]
    assert not (site / "articles" / "panic.md").exists()


def test_new_lists_the_clinicians_when_nothing_is_close(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["new", "article", "Panic", "--author", "zed"]) == 1
    assert "the clinicians are: ana-lima, ben-okafor" in capsys.readouterr().err


def test_new_refuses_an_unknown_specialty_with_a_suggestion(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["new", "article", "Panic", "--author", "ana-lima", "--specialty", "anxeity"])
    assert code == 1
    err = capsys.readouterr().err
    assert err.splitlines() == [
        "sphinx-clinic: unknown specialty 'anxeity'; did you mean 'anxiety'? "
        "(the vocabulary is specialties.yaml)"
    ]
    assert not (site / "articles" / "panic.md").exists()


@pytest.mark.parametrize(
    "args",
    [
        ["new", "article", "Panic"],  # no --author
        ["new", "article", "Panic", "--author", "ana-lima", "--date", "2025-13-01"],
        ["new", "poem", "Panic"],
        ["schema", "poem"],
        [],
    ],
)
def test_usage_errors_exit_2(
    site: Path, args: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(args) == 2
    assert "usage:" in capsys.readouterr().err
    assert sorted(p.name for p in (site / "articles").iterdir()) == ["worry.md"]


def test_a_folder_without_conf_py_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", str(tmp_path)]) == 2
    assert f"{tmp_path} has no conf.py" in capsys.readouterr().err


# -- new clinician --------------------------------------------------------------------


def test_new_clinician_writes_a_profile_authors_can_use(
    site: Path, make_app: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    name = "Zoë O'Neil: Ph.D."
    args = ["new", "clinician", name, "--credentials", "LCSW", "--credentials", "PhD"]
    args += ["--pronouns", "they/them", "--role", "Counselor, couples", "--specialty", "grief"]
    assert main(args) == 0
    path = site / "clinicians" / "zoe-o-neil-ph-d.md"
    assert capsys.readouterr().out.startswith("Wrote clinicians/zoe-o-neil-ph-d.md\n")
    front, problems = validate(ClinicianFrontMatter, front_matter(path))
    assert problems == []
    assert (front.name, front.credentials) == (name, ("LCSW", "PhD"))
    assert (front.pronouns, front.role) == ("they/them", "Counselor, couples")
    assert front.specialties == ("grief",)

    # The new id is an author at once.
    assert main(["new", "article", "Loss", "--author", "zoe-o-neil-ph-d"]) == 0
    app = build(make_app, site)
    assert warnings(app) == []
    clinician = domain_data(app)["clinicians"]["clinicians/zoe-o-neil-ph-d"]
    assert (clinician.id, clinician.name) == ("zoe-o-neil-ph-d", name)


def test_new_clinician_refuses_an_existing_id(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The id may come from the front matter rather than the file name.
    (site / "clinicians" / "ben-okafor.md").rename(site / "clinicians" / "ben.md")
    text = (site / "clinicians" / "ben.md").read_text(encoding="utf-8")
    text = text.replace("---\n", "---\nid: ben-okafor\n", 1)
    (site / "clinicians" / "ben.md").write_text(text, encoding="utf-8")
    assert main(["new", "clinician", "Ben Okafor"]) == 1
    assert capsys.readouterr().err.splitlines() == [
        "sphinx-clinic: a profile with the id 'ben-okafor' already exists: "
        "clinicians/ben.md; pass --slug to choose another id"
    ]


@settings(deadline=None)  # timing varies on a loaded 2-core CI machine
@given(st.text())
def test_yaml_scalars_read_back_unchanged(text: str) -> None:
    assert yaml.safe_load(f"key: {yaml_scalar(text)}") == {"key": text}


@settings(deadline=None)
@given(st.lists(st.text(), max_size=4))
def test_yaml_lists_read_back_unchanged(values: list[str]) -> None:
    assert yaml.safe_load(f"key: {yaml_list(values)}") == {"key": values}


# -- check ----------------------------------------------------------------------------

BAD_ARTICLE = """\
---
date: March 2025
author: ana-lma
specialties: [anxeity]
---

# A page with mistakes

Text.
"""


def test_check_a_clean_site(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check"]) == 0  # no docs/ here: the current folder is the site
    out, err = capsys.readouterr()
    assert out == ""
    assert err == "No problems in . (4 pages)\n"


def test_check_prints_what_the_build_prints(
    site: Path, make_app: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    (site / "articles" / "bad.md").write_text(BAD_ARTICLE, encoding="utf-8")
    assert main(["check", str(site)]) == 1
    out, err = capsys.readouterr()
    printed = out.splitlines()
    assert printed == [
        "articles/bad.md:2: front matter 'date': 'March 2025' is not a date; write it as "
        "YYYY-MM-DD, e.g. 2025-03-14 [clinic.date]",
        "articles/bad.md:3: unknown author 'ana-lma'; did you mean 'ana-lima'? "
        "(authors are clinician ids: the file names of the profiles) [clinic.author]",
        "articles/bad.md:4: unknown specialty 'anxeity'; did you mean 'anxiety'? "
        "(the vocabulary is specialties.yaml) [clinic.specialty]",
    ]  # in line order, although the build reports the author only once all pages are read
    assert err == "3 problems in . (5 pages)\n"

    # An HTML build reports the same problems, with Sphinx's "WARNING:" and full paths.
    built = [
        line.replace(f"{site}/", "").replace(": WARNING: ", ": ")
        for line in warnings(build(make_app, site))
    ]
    assert sorted(built) == sorted(printed)


def test_check_includes_sphinx_warnings_and_errors(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (site / "articles" / "worry.md").write_text(
        "---\ndate: 2025-03-02\nauthor: ben-okafor\n---\n\n# Worry\n\n"
        "See [the missing page](missing.md).\n\n```{eval-rst}\n.. no-such-directive::\n```\n",
        encoding="utf-8",
    )
    assert main(["check", str(site)]) == 1
    printed = capsys.readouterr().out.splitlines()
    assert printed == [
        "articles/worry.md:8: 'myst' cross-reference target not found: 'missing.md' "
        "[myst.xref_missing]",
        'articles/worry.md:11: ERROR: Unknown directive type "no-such-directive".',
        "",
        ".. no-such-directive:: [docutils]",
    ]


def test_check_overrides_and_nitpicky(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (site / "index.md").write_text("# Home\n\n{py:func}`missing`\n", encoding="utf-8")
    assert main(["check", "."]) == 0
    capsys.readouterr()
    assert main(["check", "-n", "."]) == 1
    assert "py:func reference target not found: missing" in capsys.readouterr().out
    assert main(["check", "-D", "nitpicky=1", "."]) == 1
    assert "py:func reference target not found" in capsys.readouterr().out


def test_parse_build_output() -> None:
    text = (
        "\x1b[91m/src/a.md:3: WARNING: unknown author 'x' [clinic.author]\x1b[39;49;00m\n"
        "/src/b.md: ERROR: Unknown directive type: 'foo'.\n"
        "\n"
        "   continuation of the error\n"
        "WARNING: a warning without a location [clinic.config]\n"
    )
    messages = parse_build_output(text, Path("/src"))
    assert [str(m) for m in messages] == [
        "/src/a.md:3: unknown author 'x' [clinic.author]",
        "/src/b.md: ERROR: Unknown directive type: 'foo'.\n\n   continuation of the error",
        "a warning without a location [clinic.config]",
    ]


def test_check_shows_paths_relative_to_the_current_folder(
    site: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (site / "articles" / "bad.md").write_text(BAD_ARTICLE, encoding="utf-8")
    monkeypatch.chdir(site.parent)
    assert main(["check", "site"]) == 1
    out = capsys.readouterr().out
    assert out.startswith("site/articles/bad.md:2: front matter 'date'")


# -- schema ---------------------------------------------------------------------------


def _as_editors_see_it(data: dict[str, Any]) -> Any:
    # Editors read YAML 1.2, where a bare 2025-03-02 is text, not a date.
    return json.loads(json.dumps(data, default=str))


def test_schema_validates_real_front_matter(
    rootdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    jsonschema.Draft7Validator.check_schema(schema)
    assert set(schema["$defs"]) >= {"ArticleFrontMatter", "ClinicianFrontMatter"}
    validator = jsonschema.Draft7Validator(schema)
    pages = [
        *sorted((rootdir.parent.parent / "docs").rglob("*.md")),
        *sorted((rootdir / "test-basic").rglob("*.md")),
    ]
    assert len(pages) > 20
    for page in pages:
        data = _as_editors_see_it(front_matter(page))
        assert [e.message for e in validator.iter_errors(data)] == [], page


@pytest.mark.parametrize(
    ("kind", "data", "bad"),
    [
        ("article", {"date": "14 March 2025", "author": "ana-lima"}, "date"),
        ("article", {"date": "2025-03-14", "author": 42}, "author"),
        ("article", {"date": "2025-03-14", "draft": "maybe"}, "draft"),
        ("clinician", {"name": "A", "accepting_clients": "perhaps"}, "accepting_clients"),
        ("clinician", {"name": "A", "licenses": [{"number": "1"}]}, "licenses"),
    ],
)
def test_schema_rejects_bad_front_matter(
    kind: str, data: dict[str, Any], bad: str, capsys: pytest.CaptureFixture[str]
) -> None:
    for args in (["schema", kind], ["schema"]):
        assert main(args) == 0
        validator = jsonschema.Draft7Validator(json.loads(capsys.readouterr().out))
        errors = list(validator.iter_errors(data))
        assert errors, (args, data)
        paths = {part for error in errors for part in error.absolute_path}
        assert bad in paths or any(bad in str(e.schema_path) for e in errors), errors


def test_schema_accepts_what_the_build_accepts(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", "article"]) == 0
    validator = jsonschema.Draft7Validator(json.loads(capsys.readouterr().out))
    # One author as a word, several as a list or as comma-separated text; a date-time.
    for data in (
        {"author": "ana-lima", "date": "2025-03-14"},
        {"authors": ["ana-lima", "ben-okafor"], "date": "2025-03-14T09:30:00"},
        {"author": "ana-lima, ben-okafor", "specialties": "anxiety", "summary": None},
    ):
        assert list(validator.iter_errors(data)) == []
        assert validate(ArticleFrontMatter, data)[1] == []


def test_schema_output_file_and_descriptions(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "schemas" / "clinician.schema.json"
    assert main(["schema", "clinician", "--output", str(output)]) == 0
    schema = json.loads(output.read_text(encoding="utf-8"))
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    properties = schema["properties"]
    assert set(properties) >= set(ClinicianFrontMatter.model_fields)
    assert all(p.get("title") and p.get("description") for p in properties.values())
    # Editors offer the words of an enumeration.
    assert properties["accepting_clients"]["enum"] == [
        "accepting",
        "waitlist",
        "not-accepting",
        None,
    ]


def test_python_dash_m(rootdir: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "sphinx_clinic", "schema", "article"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["title"] == "ArticleFrontMatter"


def test_vocabulary_schema(rootdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", "vocabulary"]) == 0
    schema = json.loads(capsys.readouterr().out)
    jsonschema.Draft7Validator.check_schema(schema)
    validator = jsonschema.Draft7Validator(schema)
    for path in (rootdir.parent.parent / "docs", rootdir / "test-basic", rootdir / "test-cli"):
        data = yaml.safe_load((path / "specialties.yaml").read_text(encoding="utf-8"))
        assert list(validator.iter_errors(data)) == [], path
    assert list(validator.iter_errors({"specialties": [{"id": "grief", "label": "Grief"}]})) == []
    for bad in ([{"label": "No id"}], [{"id": "grief", "label": "Grief", "aliases": 3}]):
        assert list(validator.iter_errors(bad)), bad


def test_pre_commit_hook_runs_the_installed_command(rootdir: Path) -> None:
    import tomllib

    repo = rootdir.parent.parent
    hooks = yaml.safe_load((repo / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    hook = next(h for h in hooks if h["id"] == "sphinx-clinic-check")
    assert (hook["language"], hook["pass_filenames"]) == ("python", False)
    command, *args = hook["entry"].split()
    scripts = tomllib.loads((repo / "pyproject.toml").read_text(encoding="utf-8"))["project"][
        "scripts"
    ]
    assert scripts[command] == "sphinx_clinic.cli:main"
    assert args == ["check"]
