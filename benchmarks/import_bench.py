"""Measure the importer on a large generated WordPress export (prints figures only).

``python benchmarks/import_bench.py --megabytes 50`` writes an export of about that size
(``tests/wxrgen.py``: block markup, links between posts, bios, images), copies the
``test-import`` site, and runs ``sphinx-clinic import wordpress`` on it in a fresh
process under ``/usr/bin/time -v`` when it exists: wall seconds and peak memory (max RSS).
A second run on the same site (nothing to do) is measured too.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from wxrgen import write_export  # noqa: E402

_PEAK = re.compile(r"Maximum resident set size \(kbytes\): (\d+)")


def measure(command: list[str]) -> tuple[float, int]:
    """Wall seconds and peak memory (kB, 0 when /usr/bin/time is missing) of a command."""
    timer = ["/usr/bin/time", "-v"] if Path("/usr/bin/time").exists() else []
    start = time.perf_counter()
    done = subprocess.run([*timer, *command], capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    if done.returncode:
        sys.exit(f"the import failed:\n{done.stdout}\n{done.stderr}")
    match = _PEAK.search(done.stderr)
    return seconds, int(match.group(1)) if match else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=50.0)
    parser.add_argument("--paragraphs", type=int, default=12, help="per post")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="import-bench-") as tmp:
        export = Path(tmp, "export.xml")
        post_size = len(Path(write_export(export, 10, args.paragraphs)).read_bytes()) / 10
        posts = max(1, int(args.megabytes * 1_000_000 / post_size))
        write_export(export, posts, args.paragraphs)
        size = export.stat().st_size / 1_000_000
        site = Path(tmp, "site")
        shutil.copytree(ROOT / "tests" / "roots" / "test-import", site)
        command = [sys.executable, "-m", "sphinx_clinic", "import", "wordpress", str(export)]
        command += ["--docs", str(site), "--media", str(ROOT / "tests" / "exports" / "media")]
        command += ["-q"]
        baseline = measure([sys.executable, "-c", "import sphinx_clinic.importer.run"])
        first = measure(command)
        second = measure(command)
        pages = len(list((site / "articles").glob("*.md")))
        print(f"export: {size:.1f} MB, {posts} posts; {pages} article pages after the import")
        print(f"python + importer modules alone: {baseline[0]:.2f} s, {baseline[1] / 1024:.0f} MB")
        print(f"import:        {first[0]:.1f} s wall, peak memory {first[1] / 1024:.0f} MB")
        print(f"second run:    {second[0]:.1f} s wall, peak memory {second[1] / 1024:.0f} MB")
        print(f"throughput:    {size / first[0]:.2f} MB/s, {posts / first[0]:.0f} posts/s")


if __name__ == "__main__":
    main()
