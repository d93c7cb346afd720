"""Benchmark sphinx-clinic against its floor: the same site built by plain Sphinx.

``nox -s bench`` (or ``python benchmarks/bench.py``) generates a site (by default 1,000
articles and 50 clinicians, see ``tests/sitegen.py``) twice: once for sphinx-clinic and
once for plain Sphinx + myst-parser + sphinx-design + furo, with the same pages but none
of our directives or roles (the floor). It then measures, each build in a fresh process:

* full builds (``-E``), floor and extension alternately, ``--repeat`` times: median wall
  and CPU seconds, peak memory (max RSS), and the ratios extension/floor (the targets
  take the median of the ratios pair by pair, each extension build over the floor build
  next to it, so the machine's speed drifting between pairs cancels out);
* incremental builds after one article's body is edited: seconds and HTML files
  rewritten;
* growth: the same measures at twice the articles (``--growth-articles``), and the ratio
  of the two sizes; ``--scale`` measures it at four times the articles instead (4,000
  against 1,000 by default: long, so not in CI).

The extension's modules are compiled to bytecode first, as a wheel install does (the
benchmark runs on an editable install). It prints figures and asserts nothing. A quick
run: ``nox -s bench -- --articles 200 --repeat 1 --no-growth``. ``--profile`` writes a
cProfile listing of the extension's share of one full build; ``--calls`` also counts
Python function calls, a measure that does not depend on the machine's load;
``--breakdown`` adds the extension's parts one by one (collector and navigation; byline,
cards and notice; feeds; hub-page directives).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import sitegen  # noqa: E402

#: The targets of the project's issue (15), as (measure, at most).
TARGETS = {
    "full build, extension / floor": 1.10,
    "full build wall, extension / floor": 1.10,
    "incremental, extension / floor": 1.2,
    "peak memory, extension / floor": 1.15,
}
#: Growth: the larger site's full build may take this much more time per article.
GROWTH_PER_ARTICLE = 1.075  # 4,000 articles in at most 4.3x the time of 1,000


@dataclass
class Run:
    """One build in a fresh process."""

    wall: float  # seconds, the build alone (the interpreter's start is left out)
    cpu: float  # user + system seconds of the process
    maxrss_mb: float
    rewritten: list[str] = field(default_factory=list)  # HTML files written
    calls: int = 0  # Python function calls, when counted (a profiled, slower build)


# -- one build, in a child process -------------------------------------------------------


def child_build(argv: list[str]) -> None:
    """``bench.py _build SRC OUT [-E] [-j N] [--profile FILE|-]``: build, print a Run.

    ``--profile -`` only counts function calls: unlike seconds, the count does not
    depend on what else the machine is doing, so it compares builds on a busy machine.
    """
    parser = argparse.ArgumentParser(prog="bench.py _build")
    parser.add_argument("src")
    parser.add_argument("out")
    parser.add_argument("-E", dest="fresh", action="store_true")
    parser.add_argument("-j", dest="jobs", default="1")
    parser.add_argument("--profile")
    parser.add_argument("-D", dest="defines", action="append", default=[])
    args = parser.parse_args(argv)
    from sphinx.cmd.build import build_main

    command = ["-q", "-b", "html", "-j", args.jobs, "-d", f"{args.out}/doctrees"]
    command += ["-E"] if args.fresh else []
    command += [f"-D{define}" for define in args.defines]
    command += [args.src, f"{args.out}/html"]
    start, cpu = time.perf_counter(), time.process_time()
    calls = 0
    if args.profile:
        import cProfile
        import pstats

        profiler = cProfile.Profile()
        status = profiler.runcall(build_main, command)
        calls = pstats.Stats(profiler).total_calls  # type: ignore[attr-defined]
        if args.profile != "-":
            with open(args.profile, "w", encoding="utf-8") as stream:
                stats = pstats.Stats(profiler, stream=stream)
                stats.sort_stats("cumulative").print_stats("sphinx_clinic", 60)
                stats.sort_stats("tottime").print_stats(40)
    else:
        status = build_main(command)
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu
    usage = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu += children.ru_utime + children.ru_stime  # -j N forks readers and writers
    maxrss = max(usage.ru_maxrss, children.ru_maxrss) / 1024  # KiB on Linux
    result = {"status": status, "wall": wall, "cpu": cpu, "maxrss_mb": maxrss, "calls": calls}
    print(json.dumps(result))


def run_build(
    root: Path,
    *,
    fresh: bool,
    jobs: int,
    profile: Path | str | None = None,
    defines: tuple[str, ...] = (),
) -> Run:
    """Build ``root/src`` into ``root/out`` in a new Python process."""
    html = root / "out" / "html"
    before = _mtimes(html)
    command = [sys.executable, __file__, "_build", str(root / "src"), str(root / "out")]
    command += ["-j", str(jobs)] + (["-E"] if fresh else [])
    command += ["--profile", str(profile)] if profile else []
    command += [f"-D{define}" for define in defines]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    lines = done.stdout.strip().splitlines()
    if done.returncode or not lines or json.loads(lines[-1])["status"]:
        sys.exit(f"build of {root} failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
    result = json.loads(lines[-1])
    after = _mtimes(html)
    rewritten = sorted(name for name, mtime in after.items() if before.get(name) != mtime)
    return Run(result["wall"], result["cpu"], result["maxrss_mb"], rewritten, result["calls"])


def _mtimes(html: Path) -> dict[str, int]:
    if not html.is_dir():
        return {}
    return {p.relative_to(html).as_posix(): p.stat().st_mtime_ns for p in html.rglob("*.html")}


# -- the measurements ------------------------------------------------------------------


@dataclass
class Variant:
    """One generated site for one builder setup (``floor`` or ``extension``)."""

    name: str
    root: Path
    full: list[Run] = field(default_factory=list)
    incremental: list[Run] = field(default_factory=list)
    calls: int = 0  # of one profiled full build, with --calls


def median(runs: list[Run], attribute: str) -> float:
    return statistics.median(getattr(r, attribute) for r in runs)


def paired_ratio(extension: list[Run], floor: list[Run], attribute: str) -> float:
    """The median of extension/floor build by build: the repeat-th extension build over
    the floor build of the same repeat (made next to it, under the same load)."""
    return statistics.median(
        getattr(e, attribute) / getattr(f, attribute) for e, f in zip(extension, floor, strict=True)
    )


def measure(
    articles: int, options: argparse.Namespace, workdir: Path, features: frozenset[str]
) -> dict[str, Variant]:
    """Full and incremental builds of one generated site, floor and extension."""
    site = sitegen.generate(
        articles=articles,
        clinicians=options.clinicians,
        specialties=options.specialties,
        seed=options.seed,
        words=options.words,
    )
    variants = {
        "floor": Variant("floor", workdir / f"floor-{articles}"),
        "extension": Variant("extension", workdir / f"extension-{articles}"),
    }
    for variant in variants.values():
        sitegen.write_site(site, variant.root / "src", features, floor=variant.name == "floor")
    pages = len(site.docnames)
    print(f"\n== {articles} articles, {options.clinicians} clinicians: {pages} pages ==")
    for repeat in range(options.repeat):
        # Alternate the two, so that a noisy neighbour slows both alike.
        order = list(variants.values())
        for variant in order if repeat % 2 == 0 else reversed(order):
            shutil.rmtree(variant.root / "out", ignore_errors=True)
            run = run_build(variant.root, fresh=True, jobs=options.jobs)
            variant.full.append(run)
            _progress(f"full {variant.name}", repeat, run)
    if options.calls:
        for variant in variants.values():
            shutil.rmtree(variant.root / "out", ignore_errors=True)
            variant.calls = run_build(variant.root, fresh=True, jobs=1, profile="-").calls
            print(f"  full {variant.name:<17} {variant.calls / 1e6:.2f}M Python function calls")
    # One article's body, edited in place: a published one in the middle of the order.
    published = site.published
    for repeat in range(options.repeat):
        slug = published[(len(published) // 2 + repeat) % len(published)].slug
        site = sitegen.edit_body(site, slug)
        for variant in variants.values():
            sitegen.write_site(site, variant.root / "src", features, floor=variant.name == "floor")
            run = run_build(variant.root, fresh=False, jobs=options.jobs)
            variant.incremental.append(run)
            _progress(f"incremental {variant.name}", repeat, run)
    return variants


def _progress(what: str, repeat: int, run: Run) -> None:
    print(
        f"  {what:<22} #{repeat + 1}: {run.wall:6.2f} s wall, {run.cpu:6.2f} s CPU, "
        f"{run.maxrss_mb:6.0f} MB, {len(run.rewritten)} HTML files written",
        flush=True,
    )


def report(sizes: dict[int, dict[str, Variant]], options: argparse.Namespace) -> dict[str, object]:
    """Print the summary table and return it as data."""
    print("\n== summary (medians) ==")
    summary: dict[str, object] = {}
    header = f"{'':<34}{'floor':>10}{'extension':>11}{'ratio':>8}"
    for articles, variants in sizes.items():
        floor, ext = variants["floor"], variants["extension"]
        print(f"\n{articles} articles{header[len(str(articles)) + 9 :]}")
        rows = {
            "full build, wall s": (median(floor.full, "wall"), median(ext.full, "wall")),
            "full build, CPU s": (median(floor.full, "cpu"), median(ext.full, "cpu")),
            "peak memory, MB": (median(floor.full, "maxrss_mb"), median(ext.full, "maxrss_mb")),
            "incremental, wall s": (
                median(floor.incremental, "wall"),
                median(ext.incremental, "wall"),
            ),
            "incremental, CPU s": (
                median(floor.incremental, "cpu"),
                median(ext.incremental, "cpu"),
            ),
            "incremental, HTML files written": (
                statistics.median(len(r.rewritten) for r in floor.incremental),
                statistics.median(len(r.rewritten) for r in ext.incremental),
            ),
        }
        for label, (f, e) in rows.items():
            print(f"{label:<34}{f:>10.2f}{e:>11.2f}{e / f if f else float('nan'):>8.2f}")
        if floor.calls:
            f, e = floor.calls / 1e6, ext.calls / 1e6
            print(f"{'full build, M Python calls':<34}{f:>10.2f}{e:>11.2f}{e / f:>8.2f}")
        written = ext.incremental[0].rewritten if ext.incremental else []
        print(f"{'  extension rewrote':<34}{', '.join(written)}")
        summary[str(articles)] = {
            label: {"floor": f, "extension": e} for label, (f, e) in rows.items()
        } | {"extension rewrote": written, "runs": {k: asdict(v) for k, v in variants.items()}}
    sizes_sorted = sorted(sizes)
    if len(sizes_sorted) == 2:
        small, large = (sizes[n] for n in sizes_sorted)
        print(f"\ngrowth {sizes_sorted[0]} -> {sizes_sorted[1]} articles (full build):")
        for name in ("floor", "extension"):
            for attribute in ("wall", "cpu"):
                ratio = median(large[name].full, attribute) / median(small[name].full, attribute)
                print(f"  {name:<10} {attribute:<5} x{ratio:.2f}")
                summary[f"growth {name} {attribute}"] = ratio
    ext, floor = sizes[sizes_sorted[0]]["extension"], sizes[sizes_sorted[0]]["floor"]
    checks = {
        "full build, extension / floor": paired_ratio(ext.full, floor.full, "cpu"),
        "full build wall, extension / floor": paired_ratio(ext.full, floor.full, "wall"),
        "incremental, extension / floor": paired_ratio(ext.incremental, floor.incremental, "cpu"),
        "peak memory, extension / floor": paired_ratio(ext.full, floor.full, "maxrss_mb"),
    }
    targets = dict(TARGETS)
    if "growth extension cpu" in summary:
        factor = sizes_sorted[1] / sizes_sorted[0]
        label = f"growth, {factor:g}x articles (extension)"
        checks[label] = summary["growth extension cpu"]  # type: ignore[assignment]
        targets[label] = GROWTH_PER_ARTICLE * factor
    print(
        f"\ntargets (medians of paired ratios, CPU time unless said; {sizes_sorted[0]} articles):"
    )
    for label, value in checks.items():
        verdict = "met" if value <= targets[label] else "MISSED"
        print(f"  {label:<36} {value:5.2f}  (at most {targets[label]:.2f}: {verdict})")
    summary["targets"] = checks
    return summary


#: The extension's parts, added one by one: (label, features of the pages, -D overrides).
_OFF = ("clinic_byline=0", "clinic_about_author=0", "clinic_crisis_notice=")
_NO_SITE_FILES = ("clinic_feeds=0", "clinic_sitemap=0")
LADDER: tuple[tuple[str, frozenset[str] | None, tuple[str, ...]], ...] = (
    ("floor (plain Sphinx)", None, ()),
    ("+ sphinx-clinic: collector, navigation, JSON-LD", frozenset(), _OFF + _NO_SITE_FILES),
    ("+ byline, about-the-author card, crisis notice", frozenset(), _NO_SITE_FILES),
    ("+ feeds and sitemap", frozenset(), ()),
    ("+ directives and roles on hub pages (all)", sitegen.FEATURES, ()),
)


def breakdown(options: argparse.Namespace, workdir: Path, features: frozenset[str]) -> None:
    """Full builds with the extension's parts added one by one: where the time goes."""
    site = sitegen.generate(
        articles=options.articles,
        clinicians=options.clinicians,
        specialties=options.specialties,
        seed=options.seed,
        words=options.words,
    )
    print(f"\n== breakdown: {options.articles} articles, full builds, CPU s (medians) ==")
    runs: dict[str, list[Run]] = {label: [] for label, _, _ in LADDER}
    roots = {}
    for label, used, _ in LADDER:
        key = "floor" if used is None else ("bare" if not used else "full")
        roots[label] = workdir / f"breakdown-{key}"
        if not roots[label].is_dir():
            pages = features & used if used is not None else frozenset()
            sitegen.write_site(site, roots[label] / "src", pages, floor=used is None)
    for repeat in range(options.repeat):
        for label, _, defines in LADDER if repeat % 2 == 0 else reversed(LADDER):
            shutil.rmtree(roots[label] / "out", ignore_errors=True)
            run = run_build(roots[label], fresh=True, jobs=options.jobs, defines=defines)
            runs[label].append(run)
            _progress(label[:22], repeat, run)
    calls = {}
    for label, _, defines in LADDER:
        shutil.rmtree(roots[label] / "out", ignore_errors=True)
        calls[label] = run_build(
            roots[label], fresh=True, jobs=options.jobs, defines=defines, profile="-"
        ).calls
    floor, floor_calls = median(runs[LADDER[0][0]], "cpu"), calls[LADDER[0][0]]
    previous, previous_calls = floor, floor_calls
    print(
        f"\n{'':<50}{'CPU s':>7}{'step':>7}{'/floor':>7}"
        f"{'calls':>8}{'step':>7}{'/floor':>7}{'MB':>6}"
    )
    for label, _, _ in LADDER:
        cpu, count = median(runs[label], "cpu"), calls[label]
        memory = median(runs[label], "maxrss_mb")
        print(
            f"{label:<50}{cpu:>7.2f}{cpu - previous:>+7.2f}{cpu / floor:>7.2f}"
            f"{count / 1e6:>7.2f}M{(count - previous_calls) / 1e6:>+6.2f}M"
            f"{count / floor_calls:>7.2f}{memory:>6.0f}"
        )
        previous, previous_calls = cpu, count
    print(
        "(calls: Python function calls of one profiled build; unlike seconds they do not "
        "depend on the machine's load)"
    )


def _precompile_extension() -> str:
    """Compile the extension's modules to bytecode once, as installing a wheel does.

    The benchmark runs on an editable install, and with ``PYTHONDONTWRITEBYTECODE`` set
    (as on these machines) every build would compile our modules from source again (about
    0.07 s a build), a cost no installed site pays; Sphinx and the theme, installed by pip,
    come compiled. Python checks each file against its source, so an edit is not missed.
    """
    import compileall

    import sphinx_clinic

    package = Path(sphinx_clinic.__file__).parent
    compileall.compile_dir(package, quiet=1)
    return f"extension precompiled ({package.name})"


def main(argv: list[str]) -> None:
    if argv[:1] == ["_build"]:
        child_build(argv[1:])
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--growth-articles", type=int, help="default: twice --articles")
    parser.add_argument("--no-growth", action="store_true", help="skip the larger site")
    parser.add_argument(
        "--scale",
        action="store_true",
        help="growth at four times the articles (4,000 against 1,000): long, not for CI",
    )
    parser.add_argument("--clinicians", type=int, default=50)
    parser.add_argument("--specialties", type=int, default=16)
    parser.add_argument("--words", type=int, default=800, help="words per article")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("-j", dest="jobs", type=int, default=1, help="sphinx-build -j")
    parser.add_argument("--workdir", type=Path, help="default: a temporary folder, removed")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument(
        "--profile", type=Path, help="write a cProfile listing of one extension build here"
    )
    parser.add_argument(
        "--calls",
        action="store_true",
        help="also count the Python function calls of one full build of each (a measure "
        "that, unlike seconds, does not depend on the machine's load)",
    )
    parser.add_argument(
        "--breakdown",
        action="store_true",
        help="only: full builds with the extension's parts added one by one",
    )
    options = parser.parse_args(argv)
    features = sitegen.registered_features()
    import sphinx

    compiled = _precompile_extension()

    print(
        f"sphinx-clinic benchmark: Sphinx {sphinx.__version__}, furo, -j {options.jobs}, "
        f"{options.repeat} repeats, {os.cpu_count()} CPUs, {compiled}\n"
        f"features used: {', '.join(sorted(features)) or 'none'}"
        + (
            f" (not registered: {', '.join(sorted(sitegen.FEATURES - features))})"
            if features != sitegen.FEATURES
            else ""
        )
    )
    workdir = options.workdir or Path(tempfile.mkdtemp(prefix="sphinx-clinic-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    try:
        if options.breakdown:
            breakdown(options, workdir, features)
            return
        counts = [options.articles]
        if not options.no_growth:
            factor = 4 if options.scale else 2
            counts.append(options.growth_articles or factor * options.articles)
        sizes = {n: measure(n, options, workdir, features) for n in counts}
        summary = report(sizes, options)
        if options.profile:
            root = sizes[counts[0]]["extension"].root
            shutil.rmtree(root / "out", ignore_errors=True)
            run_build(root, fresh=True, jobs=1, profile=options.profile)
            print(f"\nprofile of one extension build: {options.profile}")
        if options.json:
            options.json.parent.mkdir(parents=True, exist_ok=True)
            options.json.write_text(json.dumps(summary, indent=2, default=str) + "\n")
            print(f"figures written to {options.json}")
    finally:
        if options.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main(sys.argv[1:])
