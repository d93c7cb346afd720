"""Regenerate docs/_static/screenshots/*.png from the built site (``nox -s screenshots``).

A small set (one picture per row of ``SHOTS``), each a viewport-sized view in one mode,
scrolled to the component it shows, reduced to a palette so it stays well under 150 KB.
"""

from __future__ import annotations

import io
import sys
from dataclasses import dataclass

from harness import CHROMIUM, CHROMIUM_ARGS, ROOT, Mode, missing_site_message, serve
from PIL import Image
from playwright.sync_api import sync_playwright

OUT = ROOT / "docs" / "_static" / "screenshots"
LIMIT = 150 * 1024


@dataclass(frozen=True)
class Shot:
    name: str
    path: str
    mode: Mode
    #: Scrolled to the top of the picture (below the phone's fixed header), when given.
    show: str | None = None


ARTICLE = "articles/the-power-of-human-connection-in-the-therapy-room.html"
SHOTS = (
    # The end of the article: the crisis notice, the authors' cards, previous/next.
    Shot("article-desktop-light", ARTICLE, Mode("desktop", "light"), ".clinic-crisis"),
    Shot("article-phone-dark", ARTICLE, Mode("phone", "dark"), ".clinic-about-author"),
    Shot("specialties-desktop-light", "specialties.html", Mode("desktop", "light")),
    Shot("specialties-phone-dark", "specialties.html", Mode("phone", "dark")),
    Shot("profile-desktop-dark", "clinicians/amara-okafor.html", Mode("desktop", "dark")),
    Shot("profile-phone-light", "clinicians/amara-okafor.html", Mode("phone", "light")),
    Shot("directory-desktop-dark", "clinicians/index.html", Mode("desktop", "dark")),
    Shot("directory-phone-light", "clinicians/index.html", Mode("phone", "light")),
)


def optimised(png: bytes) -> bytes:
    """The picture with at most 256 colours (text and flat colours survive that well)."""
    image = Image.open(io.BytesIO(png)).convert("RGB")
    small = image.quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    out = io.BytesIO()
    small.save(out, format="PNG", optimize=True)
    return out.getvalue()


def main() -> int:
    reason = missing_site_message()
    if reason:
        print(reason, file=sys.stderr)
        return 1
    OUT.mkdir(parents=True, exist_ok=True)
    problems = []
    with serve() as site_url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for shot in SHOTS:
            context = browser.new_context(**shot.mode.context_args())
            page = context.new_page()
            page.goto(site_url + shot.path, wait_until="networkidle")
            if shot.show and page.locator(shot.show).count():
                margin = 64 if shot.mode.phone else 24  # furo's phone header is fixed, 48 px
                page.locator(shot.show).first.evaluate(
                    "(el, margin) => window.scrollTo(0, el.getBoundingClientRect().top + scrollY"
                    " - margin)",
                    margin,
                )
            elif shot.show:
                problems.append(f"{shot.name}: {shot.show} is not on {shot.path}")
            data = optimised(page.screenshot())
            context.close()
            target = OUT / f"{shot.name}.png"
            target.write_bytes(data)
            print(f"{target.relative_to(ROOT)}: {len(data) // 1024} KB")
            if len(data) > LIMIT:
                problems.append(f"{target.name} is {len(data) // 1024} KB (limit {LIMIT // 1024})")
        browser.close()
    for problem in problems:
        print(f"warning: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
