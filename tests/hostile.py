"""A hostile-input harness: many bad pages per Sphinx build, and what a build must not do.

Each :class:`Case` is one page (an article or a clinician profile) with one hostile
front matter value, or one hostile entry of the vocabulary. :func:`run_batch` drops a
batch of cases into a copy of ``tests/roots/test-clinic`` and builds it once, then
checks every file the build wrote:

* the build neither crashed nor hung (``crashes``);
* nothing unsafe reached any output (``unsafe``): every HTML page is parsed and its
  elements, attributes and URLs are checked, feeds and the sitemap must parse as XML,
  JSON-LD must parse as JSON, no file leaves the source folder (a canary file beside it
  must not be published) and nothing is written outside the output folder;
* each wrong value has a warning naming its file (``silent`` counts those without).

``python tests/hostile.py --examples 40`` prints the figures for the current code;
``tests/test_hostile.py`` runs it under hypothesis.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from bs4 import BeautifulSoup

ROOT = Path(__file__).parent / "roots" / "test-clinic"
CANARY = "CANARY-7f3a-do-not-publish"
SAFE_SCHEMES = {"", "http", "https", "mailto", "tel"}
TIMEOUT = 90.0  # seconds; the hangs ran for over ten minutes
MARKER_TAGS = {"xss", "iframe", "object", "embed", "svg", "math", "base", "frame"}


@dataclass(frozen=True)
class Case:
    """One hostile value: ``kind`` is article, clinician, vocabulary or encoding.

    ``yaml`` is the front matter line(s) (or the vocabulary entry) exactly as written;
    ``bad`` says whether the value is wrong (and so must be named in a warning).
    """

    kind: str
    field: str
    yaml: str
    bad: bool
    setup: str = ""  # "symlink": a photo.jpg symlink beside the page pointing outside
    body: str = ""  # Markdown added to the page's body (raw HTML, the raw directive)


@dataclass
class Report:
    """What one or more builds did with their cases."""

    cases: int = 0
    crashes: list[str] = field(default_factory=list)
    cases_in_crashed_builds: int = 0
    unsafe: list[str] = field(default_factory=list)
    silent: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def add(self, other: Report) -> None:
        self.cases += other.cases
        self.crashes += other.crashes
        self.cases_in_crashed_builds += other.cases_in_crashed_builds
        self.unsafe += other.unsafe
        self.silent += other.silent
        self.seconds += other.seconds

    def summary(self) -> str:
        return (
            f"cases {self.cases}, crashes {len(self.crashes)} (builds; "
            f"{self.cases_in_crashed_builds} cases in them), unsafe {len(self.unsafe)}, "
            f"silent {len(self.silent)} ({self.seconds:.0f} s)"
        )


# -- writing a batch ------------------------------------------------------------------


def _page(case: Case) -> str:
    if case.kind in ("article", "encoding-article"):
        front = "date: 2025-03-01\nauthor: ana-lima\n"
    else:
        front = "name: Case Person\n"
    # the case's own key replaces the default one
    lines = [line for line in front.splitlines() if not line.startswith(case.field + ":")]
    body = "\n".join([*lines, case.yaml])
    page = f"---\n{body}\n---\n\n# A page\n\nSome text of the page.\n"
    return page + (f"\n{case.body}\n" if case.body else "")


def write_batch(cases: list[Case], srcdir: Path) -> dict[str, Case]:
    """Write each case as a page (or vocabulary entry); return them by file/line key."""
    where: dict[str, Case] = {}
    vocabulary = (srcdir / "specialties.yaml").read_text(encoding="utf-8").rstrip("\n") + "\n"
    for number, case in enumerate(cases):
        if case.kind == "vocabulary":
            line = vocabulary.count("\n") + 1
            vocabulary += case.yaml.rstrip("\n") + "\n"
            where[f"specialties.yaml:{line}"] = case
            continue
        folder = "articles" if case.kind in ("article", "encoding-article") else "clinicians"
        name = f"case-{number}"
        path = srcdir / folder / f"{name}.md"
        text = _page(case).replace("{self}", name)
        if case.kind.startswith("encoding"):
            path.write_bytes(text.encode("cp1252"))
        else:
            path.write_text(text, encoding="utf-8")
        if case.setup == "symlink":
            (srcdir / folder / f"{name}.jpg").symlink_to(srcdir.parent / "secret.jpg")
        if case.kind == "clinician":
            _write_articles_by(srcdir, name)
        where[f"{folder}/{name}.md"] = case
    (srcdir / "specialties.yaml").write_text(vocabulary, encoding="utf-8")
    with (srcdir / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write(f"clinic_per_page = {PER_PAGE}\n")
    return where


#: Lists' page size in a batch: every clinician case writes one more article than this,
#: so its name and words also reach its profile's page 2 (title, links, navigation).
PER_PAGE = 2


def _write_articles_by(srcdir: Path, clinician: str) -> None:
    for number in range(1, PER_PAGE + 2):
        page = (
            f"---\ndate: 2025-04-{number:02d}\nauthor: {clinician}\n---\n\n"
            f"# Article {number} by a case\n\nSome text of the page.\n"
        )
        (srcdir / "articles" / f"{clinician}-by-{number}.md").write_text(page, encoding="utf-8")


# -- building -------------------------------------------------------------------------


def build(
    srcdir: Path, outdir: Path, builder: str = "html", jobs: int = 1, timeout: float = TIMEOUT
) -> tuple[int, str, str]:
    """Build in a child process, as CI does; (exit status, warnings, other output).

    A build that takes longer than ``timeout`` seconds is stopped (status -9).
    """
    import subprocess

    args = ["-b", builder, "-E", "-q", "--keep-going", "-j", str(jobs), str(srcdir), str(outdir)]
    try:
        done = subprocess.run(
            [sys.executable, "-m", "sphinx", *args],
            capture_output=True,
            text=True,
            timeout=timeout,
            env={**os.environ, "NO_COLOR": "1", "PYTHONWARNINGS": "ignore"},
        )
    except subprocess.TimeoutExpired as stopped:
        return -9, f"no result after {timeout:.0f} s", str(stopped.stdout or "")
    return done.returncode, done.stderr, done.stdout


def run_batch(cases: list[Case], tmp: Path, builder: str = "html", jobs: int = 1) -> Report:
    """Build ``cases`` together once and check everything the build wrote."""
    import time

    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    (tmp / "secret.jpg").write_text(CANARY)
    (tmp / "secret.txt").write_text(CANARY)
    srcdir = tmp / "src"
    shutil.copytree(ROOT, srcdir)
    # The first directory lets readers filter by every facet, all combining: each hostile
    # language, plan or state then also reaches facet pages, their titles, addresses and
    # the script's data attributes.
    directory = srcdir / "directory.md"
    plain = directory.read_text(encoding="utf-8")
    filtered = plain.replace(
        "```{clinician-directory}\n```",
        "```{clinician-directory}\n:filters:\n:filter-combine:\n```",
        1,
    )
    assert filtered != plain, "test-clinic's directory.md no longer starts with a plain directory"
    directory.write_text(filtered, encoding="utf-8")
    where = write_batch(cases, srcdir)
    outdir = tmp / "src" / "_build" / builder
    before = _listing(tmp, outdir)
    start = time.perf_counter()
    status, warnings, output = build(srcdir, outdir, builder, jobs)
    report = Report(cases=len(cases), seconds=time.perf_counter() - start)
    if status != 0 or "Traceback" in warnings or "Exception occurred" in warnings:
        report.crashes.append(f"status {status}: {_crash_reason(warnings + output)}")
        report.cases_in_crashed_builds = len(cases)
        return report
    report.unsafe += check_outputs(outdir)
    report.unsafe += [f"written outside the output: {p}" for p in _listing(tmp, outdir) - before]
    report.silent += silent_cases(where, warnings)
    return report


def _crash_reason(text: str) -> str:
    """The exception line of a crash (from the log Sphinx saves), or the output's end."""
    match = re.search(r"The full traceback has been saved in: ?\n?\s*(\S+)", text)
    if match and Path(match.group(1)).is_file():
        log = Path(match.group(1)).read_text(encoding="utf-8", errors="replace")
        lines = [line for line in log.splitlines() if line.strip() and not line.startswith("#")]
        return lines[-1].strip()[:300] if lines else text[-300:]
    return " | ".join(text.strip().splitlines()[-4:])


def _listing(tmp: Path, outdir: Path) -> set[str]:
    """Every path under ``tmp`` but the output folder."""
    return {
        p.relative_to(tmp).as_posix()
        for p in tmp.rglob("*")
        if not p.is_relative_to(outdir) and not outdir.is_relative_to(p)
    }


def silent_cases(where: dict[str, Case], warnings: str) -> list[str]:
    """The bad cases that no warning names (by file, or by vocabulary line)."""
    text = re.sub(r"\x1b\[[0-9;]*m", "", warnings)
    named = set()
    for line in text.splitlines():
        match = re.search(r"((?:articles|clinicians)/case-\d+)\.md", line)
        if match:
            named.add(match.group(1) + ".md")
        match = re.search(r"specialties\.yaml:(\d+)", line)
        if match:
            named.add(f"specialties.yaml:{match.group(1)}")
    silent = []
    for key, case in where.items():
        if not case.bad:
            continue
        if key.startswith("specialties.yaml:"):
            first = int(key.split(":")[1])
            span = case.yaml.count("\n") + 1
            if any(f"specialties.yaml:{n}" in named for n in range(first, first + span)):
                continue
        elif key in named:
            continue
        silent.append(f"{case.kind} {case.field}: {(case.yaml or case.body)[:120]!r}")
    return silent


# -- checking outputs -----------------------------------------------------------------


def check_outputs(outdir: Path) -> list[str]:
    """Everything unsafe in any file under ``outdir``."""
    found: list[str] = []
    for path in sorted(outdir.rglob("*")):
        if not path.is_file():
            continue
        relative = path.relative_to(outdir).as_posix()
        data = path.read_bytes()
        if CANARY.encode() in data or b"root:x:0:0" in data:
            found.append(f"{relative}: contains a file from outside the source folder")
        if relative.startswith(("_static/", ".doctrees/")) or relative.endswith(".pickle"):
            continue
        if path.suffix == ".html":
            found += [f"{relative}: {p}" for p in check_html(data.decode("utf-8", "replace"))]
        elif path.suffix == ".xml":
            try:
                ET.fromstring(data)
            except ET.ParseError as error:
                found.append(f"{relative}: not well-formed XML ({error})")
        elif path.suffix == ".tex":
            found += [f"{relative}: {p}" for p in check_latex(data.decode("utf-8", "replace"))]
    return found


_EVENT = re.compile(r"^on[a-z]+$")
_URL_ATTRIBUTES = ("href", "src", "action", "formaction", "srcset", "poster", "data", "content")


def check_html(text: str) -> list[str]:
    """Live markup or unsafe URLs in one HTML page."""
    soup = BeautifulSoup(text, "html.parser")
    found = []
    for element in soup.find_all(True):
        name = element.name.lower()
        if name in MARKER_TAGS or not re.fullmatch(r"[a-z][a-z0-9]*", name):
            found.append(f"element <{name}>")
        if name == "img" and element.get("src") == "x":
            found.append("injected <img src=x>")
        for attribute, value in element.attrs.items():
            attribute = attribute.lower()
            if _EVENT.match(attribute) or not re.fullmatch(r"[a-z][a-z0-9:_-]*", attribute):
                found.append(f"attribute {attribute}= on <{name}>")
            if attribute in _URL_ATTRIBUTES and isinstance(value, str):
                if attribute == "content" and name != "meta":
                    continue
                if attribute == "content" and not _is_refresh(element):
                    continue
                url = value.split(";", 1)[-1].split("=", 1)[-1] if attribute == "content" else value
                if not safe_url(url):
                    found.append(f"unsafe URL {attribute}={value[:80]!r} on <{name}>")
        if name == "script":
            found += _check_script(element)
    return found


def _is_refresh(element: object) -> bool:
    get = getattr(element, "get", None)
    return bool(get and str(get("http-equiv", "")).lower() == "refresh")


def _check_script(element: object) -> list[str]:
    get = element.get  # type: ignore[attr-defined]
    kind = get("type", "")
    source = get("src")
    if source is not None:
        return [] if safe_url(source) and not urlsplit(source).netloc else [f"script {source}"]
    text = element.string or ""  # type: ignore[attr-defined]
    if kind == "application/ld+json":
        try:
            json.loads(text)
        except ValueError as error:
            return [f"JSON-LD does not parse ({error})"]
        return []
    if CANARY in text or "alert(" in text:
        return ["author text inside a script"]
    return []


def safe_url(url: str) -> bool:
    """Only http(s), mailto, tel and relative URLs, never backslashed or protocol-relative."""
    cleaned = "".join(ch for ch in url if ch.isprintable() and not ch.isspace())
    if "\\" in cleaned or cleaned.startswith("//"):
        return False
    try:
        scheme = urlsplit(cleaned).scheme.lower()
    except ValueError:
        return False
    return scheme in SAFE_SCHEMES


def check_latex(text: str) -> list[str]:
    """Author payloads that reached LaTeX unescaped (they would run as commands)."""
    return [f"LaTeX command {m}" for m in ("\\input{/", "\\write18", "\\immediate") if m in text]


# -- a fixed list of the cases the issue names ----------------------------------------

LONG = "x" * 300
KNOWN_CASES = [
    # markup in a name reaches every page the name is on: the profile, its page 2, and
    # the theme's "Next" link between them
    Case("clinician", "name", 'name: "<img src=x onerror=alert(1)> & \\"Bo\\""', False),
    Case("clinician", "photo", "photo: ../../secret.jpg", True),
    Case("clinician", "photo", "photo: /../secret.jpg", True),
    Case("clinician", "photo", "photo: ../../../../../../../etc/passwd", True),
    Case("clinician", "photo", "photo: {self}.jpg", True, setup="symlink"),
    Case("clinician", "id", "id: ../../../outside\nphoto: ana.png", True),
    Case("clinician", "id", "id: /tmp/abs-outside\nphoto: ana.png", True),
    Case("clinician", "booking_url", "booking_url: '\\\\evil.example/x'", True),
    Case("clinician", "profile_url", "profile_url: '\\\\evil.example/x'", True),
    Case("clinician", "booking_url", "booking_url: [https://a.example]", True),
    Case("clinician", "booking_url", "booking_url: {a: b}", True),
    Case("clinician", "profile_url", "profile_url: [[x]]", True),
    Case("clinician", "booking_url", "booking_url: 5", True),
    Case("clinician", "profile_url", "profile_url: true", True),
    Case("article", "tags", f"tags: [{LONG}]", True),
    Case("article", "specialties", f"specialties: [{LONG}]", True),
    Case("clinician", "id", f"id: {LONG}", True),
    Case(
        "vocabulary", "description", "- id: bad-date\n  label: Bad\n  description: 2026-02-30", True
    ),
    Case(
        "vocabulary",
        "description",
        "- id: deep\n  label: Deep\n  description: " + "[" * 3000,
        True,
        setup="alone",  # the whole file is unreadable: other entries cannot be reported
    ),
    Case("vocabulary", "id", "- id: '\"><img src=x onerror=alert(1)>'\n  label: Img", True),
    Case("encoding-clinician", "name", "name: Zoë Adler", True),
    Case("article", "tags", "tags: [" + ", ".join(f"t{n}" for n in range(10_000)) + "]", True),
    Case("article", "summary", "summary: " + "word " * 40_000, True),
    Case("clinician", "formats", "formats: [hovercraft]", True),
    Case("clinician", "formats", "formats: 5", True),
    Case("clinician", "licenses", "licenses:\n  - {type: LCSW, number: 012345}", True),
    Case("clinician", "licenses", "licenses:\n  - {type: LCSW, number: 12:30}", True),
    # PyYAML (YAML 1.1) reads 1e3 and 1.5e3 (no dot, or no sign) as text: nothing is lost
    Case("clinician", "licenses", "licenses:\n  - {type: LCSW, number: 1e3}", False),
    Case("clinician", "licenses", "licenses:\n  - {type: LCSW, numbr: '1'}", True),
    Case("clinician", "id", "id: jane doe", True),
    Case("clinician", "id", "id: a/b", True),
    Case("clinician", "id", "id: '<b>x</b>'", True),
    Case("article", "tags", "tags: ['<script>alert(1)</script>']", True),
    Case("article", "title", 'title: "\\"><img src=x onerror=alert(1)>"', False),
    Case("article", "body", "", True, body="<script>alert(1)</script>"),
    Case("clinician", "body", "", True, body="Hi <img src=x onerror=alert(1)> there."),
    Case("article", "body", "", True, body="```{raw} html\n<xss>x</xss>\n```"),
]


def main(argv: list[str]) -> int:
    """``python tests/hostile.py [--examples N] [--known] [--builder B] [-j N]``."""
    import argparse
    import tempfile

    parser = argparse.ArgumentParser()
    parser.add_argument("--examples", type=int, default=0, help="random batches of cases")
    parser.add_argument("--batch", type=int, default=25)
    parser.add_argument("--known", action="store_true", help="the issue's cases")
    parser.add_argument("--builder", default="html")
    parser.add_argument("-j", type=int, default=1)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("-v", action="store_true")
    options = parser.parse_args(argv)
    total = Report()
    with tempfile.TemporaryDirectory() as tmp:
        batches: list[list[Case]] = []
        if options.known:
            # one build per case: before the fixes, one crash hides the rest of a batch
            batches += [[c] for c in KNOWN_CASES]
        if options.examples:
            from hostile_strategies import sample_batches

            batches += sample_batches(options.examples, options.batch, options.seed)
        for number, batch in enumerate(batches):
            report = run_batch(batch, Path(tmp, str(number)), options.builder, options.j)
            total.add(report)
            if options.v:
                print(number, report.summary(), file=sys.stderr)
                for line in report.crashes + report.unsafe[:5] + report.silent:
                    print("   ", line[:300], file=sys.stderr)
    print(total.summary())
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).parent))
    sys.exit(main(sys.argv[1:]))
