#!/usr/bin/env python3
"""Save PNG screenshots of every kind of page (home, article, FAQ, crisis,
contact, fees, about, a blog post, the 404) at phone (390 px) and desktop
(1280 px) widths, in light and dark schemes: 36 pictures, one run.

    python3 scripts/screenshots.py OUTPUT_FOLDER [--full-page] [--page PATH ...] [--engine zensical]

Builds the site (preview mode) into a temporary folder and serves it on 127.0.0.1.
"""
import argparse
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import _bootstrap  # noqa: E402

_bootstrap.in_venv("dev")
from playwright.sync_api import sync_playwright  # noqa: E402

from clinicsite import browser  # noqa: E402
from clinicsite.build import build  # noqa: E402

PAGES = {"home": "", "article": "what-is-ipt/", "faq": "faq/", "crisis": "crisis/", "contact": "contact/",
         "fees": "fees/", "about": "about/", "blog-post": None, "404": "404.html"}
WIDTHS = {"phone": (390, 844), "desktop": (1280, 800)}

parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
parser.add_argument("output", type=Path)
parser.add_argument("--full-page", action="store_true", help="capture the whole page, not just the first screen")
parser.add_argument("--page", action="append", help="a page path to capture, e.g. what-is-ipt/ (default: one of each kind)")
parser.add_argument("--engine", choices=["mkdocs", "zensical"], default="mkdocs", help="the engine that builds the site")
args = parser.parse_args()
pages = dict(PAGES) if not args.page else {p.strip("/").replace("/", "-") or "home": p for p in args.page}

if not browser.chromium_available():
    sys.exit(f"No Chromium at {browser.CHROMIUM_PATH} (fix: apt-get install chromium, or set CHROMIUM_PATH)")
args.output.mkdir(parents=True, exist_ok=True)
# Zensical writes only inside the project folder.
with tempfile.TemporaryDirectory(dir=_bootstrap.ROOT if args.engine == "zensical" else None, prefix=".screenshots-",
                                 ignore_cleanup_errors=True) as tmp:
    built = build(_bootstrap.ROOT / "mkdocs.yml", tmp, mode="preview", quiet=True, engine=args.engine)
    if built.returncode:
        sys.exit(f"The build failed:\n{built.stdout}{built.stderr}")
    if pages.get("blog-post", "") is None:  # any one post, whatever its address
        posts = sorted(p.parent.name for p in Path(tmp, "blog").glob("*/index.html")
                       if p.parent.name not in ("archive", "category", "page"))
        pages["blog-post"] = f"blog/{posts[0]}/" if posts else "blog/"
    with browser.serve(tmp) as base, sync_playwright() as pw:
        chromium = browser.launch(pw)
        for scheme in ("light", "dark"):
            for width_name, (width, height) in WIDTHS.items():
                context = chromium.new_context(viewport={"width": width, "height": height}, color_scheme=scheme)
                page = context.new_page()
                for name, path in pages.items():
                    page.goto(base + path, wait_until="networkidle")
                    out = args.output / f"{name}-{width_name}-{scheme}.png"
                    page.screenshot(path=str(out), full_page=args.full_page)
                    print(out)
                context.close()
        chromium.close()
