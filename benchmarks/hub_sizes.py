"""The HTML size of every hub page of a generated site: no page may grow with the site.

``python benchmarks/hub_sizes.py`` generates the benchmark's site (1,000 articles, 50
clinicians, 16 specialties; see ``tests/sitegen.py``), builds it once with ``sphinx-build
-b html -j 1`` and prints, largest first, the size of each page that lists other pages:
the home page, the archive and its further pages, the specialty index, the directory,
the topic and year pages, the clinicians' profiles. It prints figures and asserts
nothing (issue 15's target: no hub page over 100 KB at 1,000 articles). ``--keep DIR``
builds in DIR and keeps it.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import sitegen  # noqa: E402

LIMIT_KB = 100
#: The hub pages of a generated site, as globs of the HTML output.
HUBS = (
    "index.html",
    "articles/index.html",
    "articles/page/*.html",
    "specialties.html",
    "specialties/**/*.html",
    "clinicians/*.html",
    "clinicians/**/*.html",
    "topics/**/*.html",
    "archive/**/*.html",
)


def hub_sizes(out: Path) -> dict[str, int]:
    """Bytes of every hub page, by path relative to ``out``."""
    found = {}
    for pattern in HUBS:
        for path in out.glob(pattern):
            found[path.relative_to(out).as_posix()] = path.stat().st_size
    return found


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--clinicians", type=int, default=50)
    parser.add_argument("--specialties", type=int, default=16)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--keep", type=Path, help="build in this folder and keep it")
    parser.add_argument("--top", type=int, default=12, help="how many pages to print")
    options = parser.parse_args(argv)
    site = sitegen.generate(
        articles=options.articles,
        clinicians=options.clinicians,
        specialties=options.specialties,
        seed=options.seed,
    )
    with tempfile.TemporaryDirectory() as tmp:
        root = options.keep or Path(tmp)
        sitegen.write_site(site, root / "src")
        out = root / "out"
        command = [sys.executable, "-m", "sphinx", "-b", "html", "-q", "-j", "1"]
        subprocess.run([*command, str(root / "src"), str(out)], check=True)
        sizes = hub_sizes(out)
    ranked = sorted(sizes.items(), key=lambda item: (-item[1], item[0]))
    over = [name for name, size in ranked if size > LIMIT_KB * 1024]
    print(f"{len(sizes)} hub pages at {options.articles} articles; largest first:")
    for name, size in ranked[: options.top]:
        print(f"  {size / 1024:8.1f} KB  {name}")
    print(f"over {LIMIT_KB} KB: {len(over)}" + (f" ({', '.join(over)})" if over else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
