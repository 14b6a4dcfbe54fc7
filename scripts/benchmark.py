#!/usr/bin/env python3
"""Speed and weight of the site against a bare Material site built from the
same Markdown, and against the limit: a hand-written page with the same text
and no framework. In one run. Prints tables and saves the raw numbers.

    python3 scripts/benchmark.py                      # everything (about an hour)
    python3 scripts/benchmark.py --only firstview     # first-view bytes and requests (a minute)
    python3 scripts/benchmark.py --only lighthouse    # Lighthouse, default and 6x CPU throttling
    python3 scripts/benchmark.py --only weight        # first-view bytes, 50 vs 800 articles
    python3 scripts/benchmark.py --only build         # build time at 50, 200, 800 articles
    python3 scripts/benchmark.py --only preview       # the preview: save a mistake -> error page -> fixed page
    options: --runs 3  --out bench-out/  --sizes 50,200,800
             --pages article,home  --forms mobile,mobile-6x,desktop

First view: what a phone downloads before the page's load event (gzip bodies,
as a static host sends them) and how many requests; what loads later (on use,
or when the page is idle) is not part of it.
The limit: each page of the table written again by hand from our built page's
text (header, crisis line, content, footer), plain HTML and a few lines of CSS.

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

from clinicsite import browser, facts, publish  # noqa: E402
from clinicsite.build import build as build_ours  # noqa: E402

ROOT = _bootstrap.ROOT
PAGES = {"home": "", "article": "what-is-ipt/", "contact": "contact/",
         "blog post": "blog/understanding-interpersonal-therapy-for-depression-in-men/"}
COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt")


# ---- the two sites ------------------------------------------------------------

def copy_project(dest: Path, synthetic_count: int = 0) -> Path:
    for name in ("docs", "overrides", "clinicsite"):
        shutil.copytree(ROOT / name, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "spelling.txt", dest / "spelling.txt")  # the clinic's word list, read by the checks
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


def limit_site(ours: Path, dest: Path) -> Path:
    """The limit: our built site with the benchmark's pages written again as
    plain HTML with the same text, a dozen lines of CSS and no script."""
    from bs4 import BeautifulSoup

    shutil.copytree(ours, dest)
    keep = {"href", "src", "alt", "width", "height", "id", "for", "name", "type", "lang", "colspan", "rowspan"}
    for path in PAGES.values():
        page = dest / path / "index.html"
        doc = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        parts = [doc.select_one(".clinic-crisis-bar"),
                 doc.select_one("[data-md-component=content]") or doc.select_one("main"), doc.select_one("footer")]
        for part in parts:
            if part is None:
                continue
            for el in part.select("script, svg, style, .headerlink, input, label, button"):
                el.decompose()
            for el in [part, *part.find_all(True)]:
                el.attrs = {k: v for k, v in el.attrs.items() if k in keep}
        title = doc.title.get_text() if doc.title else ""
        meta = doc.select_one('meta[name="description"]')
        description = meta["content"] if meta else ""
        nav = " ".join(f'<a href="{a["href"]}">{a.get_text(strip=True)}</a>' for a in doc.select(".md-tabs a")[:6])
        page.write_text(f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>{title}</title><meta name="description" content="{description}">
<style>body{{margin:0;font:18px/1.6 system-ui,sans-serif;color:#1d2733}}header,main,footer{{max-width:40em;margin:auto;padding:0 1em}}
a{{color:#0b5c6b}}img{{max-width:100%;height:auto}}header nav a{{margin-right:1em}}table{{border-collapse:collapse}}td,th{{padding:.3em}}</style>
</head><body><header><p><a href="{'../' * path.count('/') or './'}">{doc.select_one('.clinic-wordmark__name') and doc.select_one('.clinic-wordmark__name').get_text(strip=True)}</a></p>
<nav aria-label="Main">{nav}</nav>{parts[0] or ''}</header><main>{parts[1] or ''}</main>{parts[2] or ''}</body></html>
""", encoding="utf-8")
    return dest


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


FORMS = {  # name: Lighthouse flags
    "mobile": [],
    "mobile-6x": ["--throttling.cpuSlowdownMultiplier=6"],  # a cheap phone: Lighthouse's default is 4x
    "desktop": ["--preset=desktop"],
}
SITES = ("ours", "bare", "limit")


def lighthouse(url: str, form: str, out: Path, reuse: bool = False) -> dict:
    if not (reuse and out.exists()):
        _run_lighthouse(url, form, out)
    return _summary(json.loads(out.read_text()))


def _run_lighthouse(url: str, form: str, out: Path) -> None:
    flags = " ".join(["--headless=new"] + browser.CHROMIUM_ARGS)
    command = [str(lighthouse_bin()), url, "--quiet", "--output=json", f"--output-path={out}",
               f"--chrome-flags={flags}", "--only-categories=performance,accessibility,best-practices,seo",
               *FORMS[form]]
    subprocess.run(command, check=True, env=dict(os.environ, CHROME_PATH=browser.CHROMIUM_PATH), timeout=300)


def _summary(report: dict) -> dict:
    audits = report["audits"]
    requests = audits["network-requests"]["details"]["items"]
    load = audits["metrics"]["details"]["items"][0].get("observedLoad", float("inf"))
    before = [r for r in requests if r.get("networkRequestTime", r.get("startTime", 0)) <= load
              and not r.get("url", "").startswith("data:")]  # icons inside the CSS: no request on the wire
    return {
        **{c: round(report["categories"][c]["score"] * 100) for c in ("performance", "accessibility", "best-practices", "seo")},
        "bytes": audits["total-byte-weight"]["numericValue"],
        "requests": len(requests),
        "first view KB": sum(r.get("transferSize", 0) for r in before) / 1024,
        "first view requests": len(before),
        "LCP": audits["largest-contentful-paint"]["numericValue"],
        "TBT": audits["total-blocking-time"]["numericValue"],
        "CLS": audits["cumulative-layout-shift"]["numericValue"],
    }


def load_average() -> str:
    return "load average " + ", ".join(f"{x:.2f}" for x in os.getloadavg()) + f" on {os.cpu_count()} cores"


class three_sites:
    """Ours, bare Material and the limit, built and served with gzip."""

    def __enter__(self):
        self.work = Path(tempfile.mkdtemp(prefix="bench-"))
        ours_config = copy_project(self.work / "ours")
        timed(build_quiet, ours_config, self.work / "ours" / "site")
        bare = bare_config(ours_config, self.work / "bare")
        timed(build_bare, bare, self.work / "bare" / "site")
        # Measured as published: a preview build tells robots to stay away
        # (Lighthouse's SEO score counts that), a production build does not.
        publish.robots(self.work / "ours" / "site", {"site_url": facts.load(ours_config)[0]["site_url"],
                                                     "extra": {"mode": "production"}})
        limit_site(self.work / "ours" / "site", self.work / "limit" / "site")
        self.servers = {name: serve(self.work / name / "site") for name in SITES}
        return {name: server.__enter__() for name, server in self.servers.items()}

    def __exit__(self, *exc):
        for server in self.servers.values():
            server.__exit__(*exc)
        shutil.rmtree(self.work)


def run_lighthouse(out: Path, runs: int, pages: dict, forms: list[str], reuse: bool = False):
    rows = []
    print(f"Lighthouse starts: {load_average()}", flush=True)
    with three_sites() as urls:
        for form in forms:
            for name, path in pages.items():
                result = {}
                for site in SITES:
                    samples = []
                    for i in range(runs):
                        report = out / "lighthouse" / f"{site}-{form}-{name.replace(' ', '-')}-{i + 1}.json"
                        report.parent.mkdir(parents=True, exist_ok=True)
                        samples.append(lighthouse(urls[site] + path, form, report, reuse))
                    result[site] = {k: statistics.median(s[k] for s in samples) for k in samples[0]}
                rows.append((form, name, result))
                print(f"  {form:9} {name:9} " + " | ".join(
                    f"{site} perf {result[site]['performance']:.0f} TBT {result[site]['TBT']:.0f}" for site in SITES),
                    flush=True)
    print(f"\nLighthouse 12.2.3, median of {runs} runs, served with gzip: ours / bare Material / the limit "
          f"(hand-written, no framework). Machine at the end: {load_average()}")
    header = (f"{'form':9} {'page':9} {'perf':>12} {'a11y':>12} {'b.prac':>12} {'seo':>12} {'first view KB':>17} "
              f"{'req':>9} {'TBT ms':>15} {'LCP ms':>17} {'CLS':>17}")
    print(header)
    print("-" * len(header))
    for form, name, r in rows:
        def cell(key, fmt, width):
            return "/".join(format(r[site][key], fmt) for site in SITES).rjust(width)
        print(f"{form:9} {name:9} {cell('performance', '.0f', 12)} {cell('accessibility', '.0f', 12)} "
              f"{cell('best-practices', '.0f', 12)} {cell('seo', '.0f', 12)} {cell('first view KB', '.1f', 17)} "
              f"{cell('first view requests', '.0f', 9)} {cell('TBT', '.0f', 15)} {cell('LCP', '.0f', 17)} "
              f"{cell('CLS', '.3f', 17)}")
    (out / "lighthouse.json").write_text(json.dumps(rows, indent=1))


def first_view(base: str, path: str, width: int = 390) -> tuple[float, int]:
    """(KB, requests) of a phone's first view in Chromium: the compressed
    bodies of the requests made before the load event."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = browser.launch(pw)
        page = chromium.new_page(viewport={"width": width, "height": 844})
        made, loaded = [], []
        page.on("load", lambda: loaded.append(len(made)))
        page.on("request", lambda r: made.append(r))
        page.goto(base + path, wait_until="load")
        page.wait_for_timeout(300)
        before = made[:loaded[0]] if loaded else made
        size = sum(r.sizes()["responseBodySize"] for r in before if r.response())
        chromium.close()
    return size / 1024, len(before)


def run_first_view(out: Path, runs: int, pages: dict):
    rows = []
    with three_sites() as urls:
        for name, path in pages.items():
            row = {"page": name}
            for site in SITES:
                samples = [first_view(urls[site], path) for _ in range(runs)]
                row[site] = statistics.median(kb for kb, _ in samples)
                row[site + " requests"] = statistics.median(n for _, n in samples)
            rows.append(row)
    print("\nFirst view on a phone: KB (gzip bodies) and requests before the load event, median of "
          f"{runs} ({load_average()})")
    print(f"{'page':9} {'ours':>12} {'bare':>12} {'limit':>12} {'ours:bare':>9} {'ours:limit':>10}")
    for r in rows:
        print(f"{r['page']:9} " + " ".join(f"{r[s]:>6.1f} KB {r[s + ' requests']:>2.0f}" for s in SITES)
              + f" {r['ours'] / r['bare']:>9.2f} {r['ours'] / r['limit']:>10.2f}")
    (out / "firstview.json").write_text(json.dumps(rows, indent=1))


# ---- first-view weight and build time as the site grows --------------------------------

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
                row.update(ours_kb=first_view(ours_url, PAGES["article"])[0],
                           bare_kb=first_view(bare_url, PAGES["article"])[0],
                           # the page in the largest section whose menu links are counted
                           ours_sample_kb=first_view(ours_url, sample)[0],
                           bare_sample_kb=first_view(bare_url, sample)[0])
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
        print("\nFirst view on a phone (KB, gzip bodies, requests before the load event): an article,"
              "\nand a page in the middle of the largest section (the library)")
        print(f"{'articles':>8} {'ours KB':>8} {'bare KB':>8} {'ours:bare':>9} {'library ours':>13} {'library bare':>13}")
        for r in rows:
            print(f"{r['articles']:>8} {r['ours_kb']:>8.1f} {r['bare_kb']:>8.1f} {r['ours_kb'] / r['bare_kb']:>9.2f}"
                  f" {r['ours_sample_kb']:>13.1f} {r['bare_sample_kb']:>13.1f}")
        first, last = rows[0], rows[-1]
        print(f"growth {first['articles']} -> {last['articles']} articles: ours {last['ours_kb'] / first['ours_kb'] - 1:+.1%}, "
              f"bare {last['bare_kb'] / first['bare_kb'] - 1:+.1%}; the library page: ours "
              f"{last['ours_sample_kb'] / first['ours_sample_kb'] - 1:+.1%}, "
              f"bare {last['bare_sample_kb'] / first['bare_sample_kb'] - 1:+.1%}")
    (out / "growth.json").write_text(json.dumps(rows, indent=1))


# ---- the live preview, as staff meet it ------------------------------------------------

PREVIEW_ERROR_TITLE = "<title>Something on the site needs fixing"


def run_preview(out: Path, runs: int):
    """Seconds from saving a mistake in an article to the preview serving that
    page as the error page, and from saving the fix to the page itself again,
    asked for every 0.1 s as the preview's own reload script would."""
    import re
    import urllib.error
    import urllib.request

    work = Path(tempfile.mkdtemp(prefix="bench-preview-"))
    config = copy_project(work, 0)
    article = work / "docs" / "what-is-ipt.md"
    original = article.read_text(encoding="utf-8")
    env = dict(os.environ, SITE_MODE="preview")
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    proc = subprocess.Popen([sys.executable, str(ROOT / "scripts" / "serve.py"), "--config", str(config), "--port",
                             str(port)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env,
                            start_new_session=True)
    rows = []
    try:
        for line in proc.stdout:
            found = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
            if found:
                break
        else:
            sys.exit("the preview did not start")
        said = []  # the preview's own lines, timed: out/preview.log
        threading.Thread(target=lambda: [said.append(f"{time.perf_counter():.2f} {x.rstrip()}") for x in proc.stdout],
                         daemon=True).start()
        url = f"http://127.0.0.1:{found.group(1)}/what-is-ipt/"

        def wait(test, limit=120.0) -> float:
            started = time.perf_counter()
            while time.perf_counter() - started < limit:
                try:
                    with urllib.request.urlopen(url, timeout=10) as response:
                        html = response.read().decode("utf-8", "replace")
                except urllib.error.HTTPError as err:  # the error page comes with status 500
                    html = err.read().decode("utf-8", "replace")
                except OSError:
                    html = ""
                if html and test(html):
                    return time.perf_counter() - started
                time.sleep(0.1)
            return float("nan")

        wait(lambda html: "<h1" in html and PREVIEW_ERROR_TITLE not in html)  # the first build
        time.sleep(2)
        for _ in range(runs):
            lines = original.splitlines()
            at = next(i for i, text in enumerate(lines) if i > 8 and text.startswith("IPT "))
            lines[at] += " Many men who committed suicide had told someone."  # the wording rule: an error
            article.write_text("\n".join(lines) + "\n", encoding="utf-8")
            to_error = wait(lambda html: PREVIEW_ERROR_TITLE in html)
            said.append(f"{time.perf_counter():.2f} (benchmark: error page seen; the fix saved)")
            article.write_text(original, encoding="utf-8")
            to_page = wait(lambda html: PREVIEW_ERROR_TITLE not in html and "<h1" in html)
            rows.append({"to_error_s": to_error, "to_page_s": to_page})
            time.sleep(2)
    finally:
        os.killpg(proc.pid, 15)
        proc.wait(30)
        shutil.rmtree(work, ignore_errors=True)
    (out / "preview.log").write_text("\n".join(said) + "\n")
    print(f"\nThe preview (what-is-ipt), {runs} run(s): seconds from saving to the page served")
    print(f"{'run':>4} {'mistake -> error page':>22} {'fix -> page':>12}")
    for i, r in enumerate(rows, 1):
        print(f"{i:>4} {r['to_error_s']:>22.1f} {r['to_page_s']:>12.1f}")
    print(f"median {statistics.median(r['to_error_s'] for r in rows):>19.1f} "
          f"{statistics.median(r['to_page_s'] for r in rows):>12.1f}")
    print(f"load average (1, 5, 15 min): {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    (out / "preview.json").write_text(json.dumps(rows, indent=1))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", choices=["firstview", "lighthouse", "weight", "build", "preview"])
    parser.add_argument("--pages", default=",".join(PAGES), help="which of: " + ", ".join(PAGES))
    parser.add_argument("--forms", default="mobile,mobile-6x", help="which of: " + ", ".join(FORMS))
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--sizes", default="50,200,800")
    parser.add_argument("--out", type=Path, default=ROOT / "bench-out")
    parser.add_argument("--resume", action="store_true", help="reuse Lighthouse reports already in --out")
    args = parser.parse_args()
    if not browser.chromium_available():
        sys.exit(f"No Chromium at {browser.CHROMIUM_PATH} (fix: apt-get install chromium, or set CHROMIUM_PATH)")
    args.out.mkdir(parents=True, exist_ok=True)
    sizes = [int(s) for s in args.sizes.split(",")]
    pages = {name: PAGES[name] for name in args.pages.split(",")}
    if args.only in (None, "firstview"):
        run_first_view(args.out, args.runs, pages)
    if args.only in (None, "lighthouse"):
        run_lighthouse(args.out, args.runs, pages, args.forms.split(","), args.resume)
    if args.only in (None, "weight", "build"):
        run_growth(args.out, sizes, args.runs, args.only in (None, "weight"), args.only in (None, "build"))
    if args.only in (None, "preview"):
        run_preview(args.out, args.runs)
    print(f"\nRaw numbers and reports: {args.out}/")


if __name__ == "__main__":
    main()
