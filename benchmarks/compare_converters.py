"""Convert the test exports' posts with markdownify, html2text and pandoc, side by side.

``python benchmarks/compare_converters.py [EXPORT.xml ...]`` prints each post as each
library writes it (with its defaults for Markdown, ATX headings) and the time per post,
so the choice of converter (see the importer's closing note) can be checked again. The
libraries are not dependencies: install ``html2text pypandoc`` and Debian's ``pandoc``.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def converters() -> dict[str, Callable[[str], str]]:
    found: dict[str, Callable[[str], str]] = {}
    try:
        import markdownify

        found["markdownify"] = lambda h: markdownify.markdownify(
            h, heading_style="ATX", bullets="-", escape_misc=True
        )
    except ImportError:
        pass
    try:
        import html2text

        def h2t(h: str) -> str:
            converter = html2text.HTML2Text()
            converter.body_width = 0
            return converter.handle(h)

        found["html2text"] = h2t
    except ImportError:
        pass
    try:
        import pypandoc

        pypandoc.get_pandoc_version()
        found["pandoc"] = lambda h: pypandoc.convert_text(h, "gfm", format="html")
    except (ImportError, OSError):
        pass
    return found


def main() -> None:
    from sphinx_clinic.importer.wxr import Channel, read_export

    exports = [Path(a) for a in sys.argv[1:]] or sorted((ROOT / "tests" / "exports").glob("*.xml"))
    available = converters()
    totals = dict.fromkeys(available, 0.0)
    posts = 0
    for export in exports:
        for item in read_export(export, Channel()):
            if item.type not in ("post", "page") or not item.content.strip():
                continue
            posts += 1
            print(f"\n######## {export.name}: {item.type} {item.id} {item.title!r}")
            for name, convert in available.items():
                start = time.perf_counter()
                text = convert(item.content)
                totals[name] += time.perf_counter() - start
                print(f"---- {name}\n{text.strip()}")
    print()
    for name, seconds in totals.items():
        print(f"{name}: {seconds / max(posts, 1) * 1000:.1f} ms per post ({posts} posts)")


if __name__ == "__main__":
    main()
