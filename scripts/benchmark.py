#!/usr/bin/env python3
"""Speed and weight of the site against a bare Material site built from the
same Markdown, in one run. Prints tables and saves the raw numbers.

    python3 scripts/benchmark.py                      # everything (about 20 minutes)
    python3 scripts/benchmark.py --only lighthouse    # Lighthouse table only
    python3 scripts/benchmark.py --only weight        # first-view bytes, 50 vs 800 articles
    python3 scripts/benchmark.py --only build         # build time at 50, 200, 800 articles
    options: --runs 3  --out bench-out/  --sizes 50,200,800

Bare Material: theme `material` with default settings except `font: false`
(the default loads Google Fonts, which this offline machine cannot reach and
which would only add failed requests), plugins search and blog, the same
standard Markdown extensions; our components stay as plain text there.
Both sites are served by a local server that compresses like static hosts
(gzip). Lighthouse (npm lighthouse@12.2.3, benchmark/package-lock.json) runs
Debian's Chromium through CHROME_PATH; it is installed into benchmark/ on first use.
"""
import argparse
import gzip
import http.server
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from functools import partial
from pathlib import Path

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import _bootstrap  # noqa: E402

_bootstrap.in_venv("dev")
sys.path.insert(0, str(_bootstrap.ROOT / "benchmark"))
import synthetic  # noqa: E402

from clinicsite import browser, facts  # noqa: E402
from clinicsite.build import build as build_ours  # noqa: E402

ROOT = _bootstrap.ROOT
PAGES = {"home": "", "article": "what-is-ipt/", "contact": "contact/",
         "blog post": "blog/understanding-interpersonal-therapy-for-depression-in-men/"}
COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt")


# ---- the two sites ------------------------------------------------------------

def copy_project(dest: Path, synthetic_count: int = 0) -> Path:
    for name in ("docs", "overrides", "clinicsite"):
        shutil.copytree(ROOT / name, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
    text = (ROOT / "mkdocs.yml").read_text()
    if synthetic_count:
        assert text.rstrip().splitlines()[-1].startswith("      - "), "nav must be the last block of mkdocs.yml"
        reviewer = facts.load(ROOT / "mkdocs.yml")[0]["extra"]["team"][0]["id"]
        text = synthetic.add(dest / "docs", text, synthetic_count, reviewer)
    (dest / "mkdocs.yml").write_text(text)
    return dest / "mkdocs.yml"


def bare_config(ours: Path, dest: Path) -> Path:
    """A bare Material site from the same docs/ and navigation."""
    config, _ = facts.load(ours)
    shutil.copytree(ours.parent / "docs", dest / "docs")
    index = dest / "docs" / "index.md"
    index.write_text(index.read_text().replace("template: home.html\n", ""))  # our template, not Material's
    nav = ours.read_text().split("\nnav:\n", 1)[1]
    (dest / "mkdocs.yml").write_text(f"""site_name: {json.dumps(config["site_name"])}
site_url: {config["site_url"]}
theme:
  name: material
  font: false
plugins:
  - search
  - blog:
      post_url_format: "{{slug}}"   # the same post addresses as ours
markdown_extensions:
  - abbr
  - attr_list
  - def_list
  - footnotes
  - md_in_html
  - tables
  - toc:
      permalink: true
  - pymdownx.blocks.admonition
  - pymdownx.blocks.details
  - pymdownx.emoji:
      emoji_index: !!python/name:material.extensions.emoji.twemoji
      emoji_generator: !!python/name:material.extensions.emoji.to_svg
  - pymdownx.superfences
nav:
{nav}""")
    return dest / "mkdocs.yml"


def build_bare(config: Path, site: Path):
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site)],
                          env=env, capture_output=True, text=True, cwd=config.parent)


def menu_links(site: Path, path: str) -> int:
    """Links in a built page's menus (the sidebar menu and the tabs): the work
    each page's menu costs to build and to download, which must not grow with
    the number of articles."""
    from bs4 import BeautifulSoup

    doc = BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser")
    return len(doc.select(".md-sidebar--primary a[href], .md-tabs a[href]"))


def build_quiet(config: Path, site: Path):
    """The project's full pipeline (checks and publishing step included)."""
    return build_ours(config, site, mode="preview", quiet=True)


def timed(fn, *args):
    started = time.perf_counter()
    result = fn(*args)
    if result.returncode:
        sys.exit(f"build failed:\n{result.stdout}\n{result.stderr}")
    return time.perf_counter() - started


# ---- a server that compresses like a static host -----------------------------------

class Gzip(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if path.suffix not in COMPRESSIBLE or not path.is_file() or "gzip" not in self.headers.get("Accept-Encoding", ""):
            return super().do_GET()
        body = gzip.compress(path.read_bytes(), 6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        self.wfile.write(body)


class serve:
    def __init__(self, site):
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), partial(Gzip, directory=str(site)))

    def __enter__(self):
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return f"http://127.0.0.1:{self.server.server_address[1]}/"

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


# ---- Lighthouse --------------------------------------------------------------------

def lighthouse_bin() -> Path:
    binary = ROOT / "benchmark" / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        print("Installing Lighthouse 12.2.3 into benchmark/ ...", flush=True)
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts"], cwd=ROOT / "benchmark", check=True)
    return binary


def lighthouse(url: str, form: str, out: Path, reuse: bool = False) -> dict:
    if not (reuse and out.exists()):
        _run_lighthouse(url, form, out)
    return _summary(json.loads(out.read_text()))


def _run_lighthouse(url: str, form: str, out: Path) -> None:
    flags = " ".join(["--headless=new"] + browser.CHROMIUM_ARGS)
    command = [str(lighthouse_bin()), url, "--quiet", "--output=json", f"--output-path={out}",
               f"--chrome-flags={flags}", "--only-categories=performance,accessibility,best-practices,seo"]
    if form == "desktop":
        command.append("--preset=desktop")
    subprocess.run(command, check=True, env=dict(os.environ, CHROME_PATH=browser.CHROMIUM_PATH), timeout=240)


def _summary(report: dict) -> dict:
    audits = report["audits"]
    return {
        **{c: round(report["categories"][c]["score"] * 100) for c in ("performance", "accessibility", "best-practices", "seo")},
        "bytes": audits["total-byte-weight"]["numericValue"],
        "requests": len(audits["network-requests"]["details"]["items"]),
        "LCP": audits["largest-contentful-paint"]["numericValue"],
        "TBT": audits["total-blocking-time"]["numericValue"],
        "CLS": audits["cumulative-layout-shift"]["numericValue"],
    }


def run_lighthouse(out: Path, runs: int, reuse: bool = False):
    work = Path(tempfile.mkdtemp(prefix="bench-"))
    ours_config = copy_project(work / "ours")
    timed(build_quiet, ours_config, work / "ours" / "site")
    bare = bare_config(ours_config, work / "bare")
    timed(build_bare, bare, work / "bare" / "site")
    rows = []
    with serve(work / "ours" / "site") as ours_url, serve(work / "bare" / "site") as bare_url:
        for form in ("mobile", "desktop"):
            for name, path in PAGES.items():
                result = {}
                for site, base in (("ours", ours_url), ("bare", bare_url)):
                    samples = []
                    for i in range(runs):
                        report = out / "lighthouse" / f"{site}-{form}-{name.replace(' ', '-')}-{i + 1}.json"
                        report.parent.mkdir(parents=True, exist_ok=True)
                        samples.append(lighthouse(base + path, form, report, reuse))
                    result[site] = {k: statistics.median(s[k] for s in samples) for k in samples[0]}
                rows.append((form, name, result))
                print(f"  {form:7} {name:9} ours perf {result['ours']['performance']:.0f} "
                      f"{result['ours']['bytes'] / 1024:.0f} KB | bare perf {result['bare']['performance']:.0f} "
                      f"{result['bare']['bytes'] / 1024:.0f} KB", flush=True)
    print(f"\nLighthouse 12.2.3, median of {runs} runs, served with gzip (ours / bare Material, ratio ours:bare)")
    header = f"{'form':7} {'page':9} {'perf':>9} {'a11y':>9} {'b.prac':>9} {'seo':>9} {'KB':>13} {'ratio':>5} {'req':>7} {'LCP ms':>11} {'TBT ms':>9} {'CLS':>11}"
    print(header)
    print("-" * len(header))
    for form, name, r in rows:
        o, b = r["ours"], r["bare"]
        print(f"{form:7} {name:9} {o['performance']:>4.0f}/{b['performance']:<4.0f} {o['accessibility']:>4.0f}/{b['accessibility']:<4.0f} "
              f"{o['best-practices']:>4.0f}/{b['best-practices']:<4.0f} {o['seo']:>4.0f}/{b['seo']:<4.0f} "
              f"{o['bytes'] / 1024:>6.1f}/{b['bytes'] / 1024:<6.1f} {o['bytes'] / b['bytes']:>5.2f} "
              f"{o['requests']:>3.0f}/{b['requests']:<3.0f} {o['LCP']:>5.0f}/{b['LCP']:<5.0f} "
              f"{o['TBT']:>4.0f}/{b['TBT']:<4.0f} {o['CLS']:>5.3f}/{b['CLS']:<5.3f}")
    (out / "lighthouse.json").write_text(json.dumps(rows, indent=1))
    shutil.rmtree(work)


# ---- first-view weight and build time as the site grows --------------------------------

def first_view_bytes(base: str, path: str) -> int:
    """Bytes transferred (compressed bodies plus headers) by a phone's first view,
    until the network is idle, in Chromium."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = browser.launch(pw)
        page = chromium.new_page(viewport={"width": 390, "height": 844})
        sizes = []
        page.on("requestfinished", lambda r: sizes.append(r.sizes()))
        page.goto(base + path, wait_until="networkidle")
        page.wait_for_timeout(500)
        chromium.close()
    return sum(s["responseBodySize"] + s["responseHeadersSize"] for s in sizes)


def run_growth(out: Path, sizes, runs: int, measure_weight: bool, measure_build: bool):
    rows = []
    for count in sizes:
        work = Path(tempfile.mkdtemp(prefix=f"bench-{count}-"))
        ours_config = copy_project(work / "ours", count)
        bare = bare_config(ours_config, work / "bare")
        pages = len(list((work / "ours" / "docs").rglob("*.md")))
        row = {"articles": count, "pages": pages}
        if measure_build:
            ours_t = [timed(build_quiet, ours_config, work / "ours" / "site") for _ in range(runs)]
            bare_t = [timed(build_bare, bare, work / "bare" / "site") for _ in range(runs)]
            row.update(ours_s=statistics.median(ours_t), bare_s=statistics.median(bare_t))
        else:
            timed(build_quiet, ours_config, work / "ours" / "site")
            timed(build_bare, bare, work / "bare" / "site")
        # A page in the middle of the largest section (the synthetic library), or an article.
        sample = f"library/article-{max(1, count // 2):04d}/" if count else "what-is-ipt/"
        row.update(ours_links=menu_links(work / "ours" / "site", sample),
                   bare_links=menu_links(work / "bare" / "site", sample))
        if measure_weight:
            with serve(work / "ours" / "site") as ours_url, serve(work / "bare" / "site") as bare_url:
                row.update(ours_kb=first_view_bytes(ours_url, "what-is-ipt/") / 1024,
                           bare_kb=first_view_bytes(bare_url, "what-is-ipt/") / 1024)
        rows.append(row)
        print(f"  {count} articles: {row}", flush=True)
        shutil.rmtree(work)

    if measure_build:
        print(f"\nBuild time, median of {runs} (full pipeline with checks and publishing step, vs bare Material),"
              f"\nbeside the menu links of one page in the largest section (ours / bare): they must not grow")
        print(f"{'articles':>8} {'pages':>6} {'ours s':>8} {'bare s':>8} {'ours:bare':>9} {'ours vs 200':>11} {'ms/page':>8} {'menu links':>11}")
        by_count = {r["articles"]: r for r in rows}
        for r in rows:
            growth = r["ours_s"] / by_count[200]["ours_s"] if 200 in by_count else float("nan")
            print(f"{r['articles']:>8} {r['pages']:>6} {r['ours_s']:>8.2f} {r['bare_s']:>8.2f} "
                  f"{r['ours_s'] / r['bare_s']:>9.2f} {growth:>11.2f} {1000 * r['ours_s'] / r['pages']:>8.1f} "
                  f"{r['ours_links']:>5}/{r['bare_links']:<5}")
        print(f"load average (1, 5, 15 min): {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    if measure_weight:
        print("\nFirst view of an article on a phone (KB transferred, gzip, until the network is idle)")
        print(f"{'articles':>8} {'ours KB':>8} {'bare KB':>8} {'ours:bare':>9}")
        for r in rows:
            print(f"{r['articles']:>8} {r['ours_kb']:>8.1f} {r['bare_kb']:>8.1f} {r['ours_kb'] / r['bare_kb']:>9.2f}")
        first, last = rows[0], rows[-1]
        print(f"growth {first['articles']} -> {last['articles']} articles: ours {last['ours_kb'] / first['ours_kb'] - 1:+.1%}, "
              f"bare {last['bare_kb'] / first['bare_kb'] - 1:+.1%}")
    (out / "growth.json").write_text(json.dumps(rows, indent=1))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", choices=["lighthouse", "weight", "build"])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--sizes", default="50,200,800")
    parser.add_argument("--out", type=Path, default=ROOT / "bench-out")
    parser.add_argument("--resume", action="store_true", help="reuse Lighthouse reports already in --out")
    args = parser.parse_args()
    if not browser.chromium_available():
        sys.exit(f"No Chromium at {browser.CHROMIUM_PATH} (fix: apt-get install chromium, or set CHROMIUM_PATH)")
    args.out.mkdir(parents=True, exist_ok=True)
    sizes = [int(s) for s in args.sizes.split(",")]
    if args.only in (None, "lighthouse"):
        run_lighthouse(args.out, args.runs, args.resume)
    if args.only in (None, "weight", "build"):
        run_growth(args.out, sizes, args.runs, args.only in (None, "weight"), args.only in (None, "build"))
    print(f"\nRaw numbers and reports: {args.out}/")


if __name__ == "__main__":
    main()
