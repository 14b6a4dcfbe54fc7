#!/usr/bin/env python3
"""Make the site's raster images from the clinic facts and the SVG mark, with
Debian's Chromium, offline. Run it after changing the clinic's name; the images
are kept in the repository (docs/assets/), so builds never need a browser.

    python3 scripts/make_images.py

Writes docs/assets/share.png (1200x630, for link previews),
docs/assets/apple-touch-icon.png (180x180) and docs/assets/favicon-32.png.
"""
import html
import os
import sys
from pathlib import Path

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import _bootstrap  # noqa: E402

_bootstrap.in_venv("dev")
from playwright.sync_api import sync_playwright  # noqa: E402

from clinicsite import browser, facts  # noqa: E402

ASSETS = _bootstrap.ROOT / "docs" / "assets"
config, _ = facts.load(_bootstrap.ROOT / "mkdocs.yml")
name = html.escape(str(config["extra"]["clinic"]["name"]))
mark = (ASSETS / "favicon.svg").read_text()

SHARE = f"""<!doctype html><html><body style="margin:0">
<div style="width:1200px;height:630px;box-sizing:border-box;padding:80px;background:#1d3b4f;color:#fff;
 font-family:system-ui,-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;display:flex;flex-direction:column;justify-content:space-between">
 <div style="width:120px;height:120px">{mark}</div>
 <div><div style="font-size:64px;font-weight:700;line-height:1.15">{name}</div>
 <div style="font-size:36px;margin-top:28px;color:#f0a36b">Interpersonal psychotherapy for men with depression</div></div>
</div></body></html>"""

if not browser.chromium_available():
    sys.exit(f"No Chromium at {browser.CHROMIUM_PATH} (fix: apt-get install chromium)")
with sync_playwright() as pw:
    chromium = browser.launch(pw)
    page = chromium.new_page(viewport={"width": 1200, "height": 630})
    page.set_content(SHARE)
    page.screenshot(path=str(ASSETS / "share.png"))
    for size, filename in ((180, "apple-touch-icon.png"), (32, "favicon-32.png")):
        page = chromium.new_page(viewport={"width": size, "height": size})
        page.set_content(f'<body style="margin:0">{mark.replace("<svg ", f"<svg width={size} height={size} ")}</body>')
        page.screenshot(path=str(ASSETS / filename))
    chromium.close()
for filename in ("share.png", "apple-touch-icon.png", "favicon-32.png"):
    print(ASSETS / filename, (ASSETS / filename).stat().st_size, "bytes")
