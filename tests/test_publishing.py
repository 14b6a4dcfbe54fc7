"""Publishing: what search engines read, the security headers the site works
under, privacy on every page, subpath hosting, reproducible builds, printing,
and the deploy workflows."""
import datetime as dt
import functools
import http.server
import io
import json
import re
import time
import threading
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urljoin, urlsplit
from urllib.request import urlopen

import pytest
from conftest import ROOT, SITE, TEST_TODAY, build, copy_fixture, copy_project, set_facts, site_config, soup

from clinicsite import facts

# The pages show the clinic facts: the launch test reruns these on another clinic's copy.
pytestmark = pytest.mark.facts

SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def public_pages(site: Path):
    """Paths of the pages in the sitemap (the public site), relative to the root."""
    locs = ET.parse(site / "sitemap.xml").iter(f"{SITEMAP_NS}loc")
    return sorted(urlsplit(loc.text.strip()).path.lstrip("/") for loc in locs)


def html_of(site: Path, path: str) -> Path:
    return site / path / "index.html" if path == "" or path.endswith("/") else site / path


def json_ld(doc):
    nodes = []
    for script in doc.find_all("script", type="application/ld+json"):
        data = json.loads(script.string)
        nodes += data.get("@graph", [data])
    return nodes


# ---- search engines ------------------------------------------------------------

def test_every_page_has_a_unique_title_description_canonical_and_share_tags(site_dir):
    titles = {}
    for path in public_pages(site_dir):
        doc = soup(html_of(site_dir, path))
        title = doc.title.get_text()
        assert title not in titles, f"{path} and {titles.get(title)} share the title {title!r}"
        titles[title] = path
        description = doc.find("meta", attrs={"name": "description"})["content"]
        assert 50 <= len(description) <= 200, path
        assert doc.find("link", rel="canonical")["href"] == site_config()["site_url"].rstrip("/") + "/" + path
        for prop in ("og:title", "og:description", "og:url", "og:image", "og:type"):
            assert doc.find("meta", property=prop)["content"], (path, prop)
        assert doc.find("meta", attrs={"name": "twitter:card"})["content"] == "summary_large_image"
    assert (site_dir / "assets" / "share.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_json_ld_of_every_page(site_dir):
    config = site_config()
    clinic = config["extra"]["clinic"]
    team = {m["id"]: m for m in config["extra"]["team"]}
    seen = set()
    for path in public_pages(site_dir):
        doc = soup(html_of(site_dir, path))
        nodes = json_ld(doc)
        types = {n["@type"] for n in nodes}
        seen |= types
        [place] = [n for n in nodes if n["@type"] == "MedicalClinic"]
        assert place["name"] == clinic["name"] and place["telephone"] == clinic["phone"]["e164"]
        assert place["email"] == clinic["email"]
        address = place["address"]
        assert (address["streetAddress"], address["addressLocality"], address["addressRegion"],
                address["postalCode"], address["addressCountry"]) == tuple(
            str(clinic["address"][k]) for k in ("street", "locality", "region", "postal_code", "country"))
        hours = place["openingHoursSpecification"]
        assert [(h["opens"], h["closes"], len(h["dayOfWeek"])) for h in hours] == [
            (h["opens"], h["closes"], len(h["days"])) for h in clinic["hours"]]
        [crumbs] = [n for n in nodes if n["@type"] == "BreadcrumbList"]
        items = crumbs["itemListElement"]
        assert [i["position"] for i in items] == list(range(1, len(items) + 1)) and items[0]["name"] == "Home"
        assert all("item" in i for i in items[:-1])
        for node in nodes:
            if node["@type"] == "MedicalWebPage":
                meta_date = doc.select_one(".clinic-review time")["datetime"]
                assert node["lastReviewed"] == meta_date and node["url"].endswith(path)
                assert node["reviewedBy"]["name"] in {m["name"] for m in team.values()}
            if node["@type"] == "BlogPosting":
                assert node["headline"] and node["author"] and node["publisher"]
                assert dt.date.fromisoformat(node["datePublished"][:10]) and node["image"].endswith("share.png")
    assert {"MedicalClinic", "MedicalWebPage", "BlogPosting", "BreadcrumbList", "FAQPage"} <= seen


def test_faq_json_ld_is_the_questions_and_answers_as_written(site_dir):
    doc = soup(site_dir / "faq" / "index.html")
    [faq] = [n for n in json_ld(doc) if n["@type"] == "FAQPage"]
    questions = [d.summary.get_text(" ", strip=True) for d in doc.select("article details:not(.clinic-sources)")]
    assert [q["name"] for q in faq["mainEntity"]] == questions and len(questions) >= 10
    for entry, details in zip(faq["mainEntity"], doc.select("article details:not(.clinic-sources)")):
        first = details.find("p").get_text(" ", strip=True)
        first = re.sub(r"\s*\d+(?:\s*,\s*\d+)*$", "", first.split(".")[0])  # footnote numbers
        assert " ".join(first.split()) in entry["acceptedAnswer"]["text"]


@pytest.mark.engines
def test_sitemap_robots_404_and_icons(site_dir):
    pages = public_pages(site_dir)
    assert "gallery/" not in pages and "" in pages and "what-is-ipt/" in pages
    # The tests build in test mode: like a preview, never to be indexed (production: below).
    assert (site_dir / "robots.txt").read_text() == "User-agent: *\nDisallow: /\n"
    assert parse_headers((site_dir / "_headers").read_text())["X-Robots-Tag"] == "noindex"
    gallery = soup(site_dir / "gallery" / "index.html")
    assert gallery.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    not_found = soup(site_dir / "404.html")
    text = not_found.get_text(" ")
    assert "search" in text.lower() and not_found.find("a", string=re.compile("home page"))
    assert not_found.select_one("article a[href='tel:988']") or not_found.select_one("article a[href='tel:911']")
    home = soup(site_dir / "index.html")
    for rel in ("icon", "apple-touch-icon"):
        for link in home.find_all("link", rel=rel):
            assert (site_dir / link["href"]).is_file(), link["href"]


def test_redirects_from_the_one_map(site_dir):
    config = site_config()
    base = "/" + config["site_url"].split("://", 1)[1].split("/", 1)[1]
    rules = (site_dir / "_redirects").read_text()
    for old, new in config["extra"]["redirects"].items():
        target = base + new.strip("/") + "/"
        assert f"{base}{old.strip('/')} {target} 301" in rules
        stub = soup(site_dir / old.strip("/") / "index.html")
        assert stub.find("meta", attrs={"http-equiv": "refresh"})["content"].endswith(target)
        assert (site_dir / target.strip("/") / "index.html").is_file()


def test_netlify_builds_force_their_redirects(site_dir, tmp_path, monkeypatch):
    """On Netlify a rule without `!` never fires where a file exists, and the old
    address has a refresh page for GitHub Pages; Cloudflare ignores `301!`."""
    import shutil
    import tomllib

    from clinicsite import publish

    netlify = tomllib.loads((ROOT / "netlify.toml").read_text())
    assert netlify["build"]["environment"]["CLINIC_HOST"] == "netlify"
    copy = tmp_path / "site"
    shutil.copytree(site_dir, copy)
    monkeypatch.setenv("CLINIC_HOST", "netlify")
    publish.redirects(copy, site_config())
    assert all(line.endswith(" 301!") for line in (copy / "_redirects").read_text().splitlines())
    assert all(line.endswith(" 301") for line in (site_dir / "_redirects").read_text().splitlines())


@pytest.mark.slow  # builds its own copy of the whole site
@pytest.mark.generator  # reproducible output is the pipeline's property, not the facts' (see the note below)
def test_plain_mkdocs_build_a_day_later_writes_the_same_files(tmp_path, site_dir):
    """`mkdocs build` (no project script) writes what the build command writes,
    _headers, _redirects, robots.txt and the policy tag included, and a build
    "a day later" (MkDocs reads its build date from SOURCE_DATE_EPOCH, as when
    CI builds a commit after midnight) changes nothing.

    Known gap: on the launch test's copy of another clinic, the joined
    stylesheet's name differed once between the two builds (not seen on this
    site); the launch rerun leaves this test out until that is found."""
    import os
    import subprocess
    import sys

    other = tmp_path / "other"
    env = dict(os.environ, SOURCE_DATE_EPOCH=str(int(time.time()) + 86400), SITE_MODE="test", SITE_TODAY=TEST_TODAY)
    mkdocs = Path(sys.executable).parent / "mkdocs"
    result = subprocess.run([str(mkdocs), "build", "-q", "-d", str(other)], cwd=SITE, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    first = {p.relative_to(site_dir): p.read_bytes() for p in site_dir.rglob("*") if p.is_file()}
    second = {p.relative_to(other): p.read_bytes() for p in other.rglob("*") if p.is_file()}
    assert first.keys() == second.keys()
    assert [str(k) for k in first if first[k] != second[k]] == []
    for name in ("_headers", "_redirects", "robots.txt"):
        assert Path(name) in second
    assert b'http-equiv="Content-Security-Policy"' in second[Path("index.html")]


# ---- security headers ---------------------------------------------------------

def parse_headers(text):
    headers = {}
    for line in text.splitlines():
        if line.startswith("  ") and ":" in line:
            name, value = line.strip().split(":", 1)
            headers[name] = value.strip()
    return headers


@pytest.mark.engines
def test_headers_file_is_strict(site_dir):
    headers = parse_headers((site_dir / "_headers").read_text())
    csp = headers["Content-Security-Policy"]
    assert "'unsafe-inline'" not in csp and "'unsafe-eval'" not in csp
    assert "frame-ancestors 'none'" in csp and "form-action 'self'" in csp and "connect-src 'self'" in csp
    # Zensical's four, and first-scheme.html's (the light or dark page from the first paint).
    assert len(re.findall(r"'sha256-", csp)) <= 5, "inline scripts should be few and the same on every page"
    assert headers["X-Content-Type-Options"] == "nosniff" and headers["Referrer-Policy"] == "no-referrer"
    assert headers["Strict-Transport-Security"].startswith("max-age=") and "camera=()" in headers["Permissions-Policy"]
    # Subdomains only when the clinic says each one serves HTTPS (HOSTING.md).
    assert ("includeSubDomains" in headers["Strict-Transport-Security"]) == bool(
        site_config()["plugins"]["clinic"].config.get("hsts_include_subdomains"))
    meta = soup(site_dir / "index.html").find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]
    assert "frame-ancestors" not in meta and meta.split("; frame-ancestors")[0] in csp


class HeaderServer(http.server.SimpleHTTPRequestHandler):
    """Serves a built site as a static host would: with the _headers file's
    headers (and the <meta> policy taken out), or with only the <meta> policy."""

    use_headers = True

    def log_message(self, *args):
        pass

    def end_headers(self):
        if self.use_headers:
            for name, value in parse_headers((Path(self.directory) / "_headers").read_text()).items():
                if name != "Strict-Transport-Security":  # not over plain http on 127.0.0.1
                    self.send_header(name, value.replace("; upgrade-insecure-requests", ""))
        super().end_headers()

    def do_GET(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if not (self.use_headers and path.suffix == ".html" and path.is_file()):
            return super().do_GET()
        body = re.sub(rb'<meta http-equiv="Content-Security-Policy"[^>]*>', b"", path.read_bytes())
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def csp_site(form_site_dir, form_endpoint):
    """The site with a contact form, whose endpoint is a local server (shared with test_components)."""
    return form_site_dir, form_endpoint


def serve_with(site, use_headers):
    handler = functools.partial(type("H", (HeaderServer,), {"use_headers": use_headers}), directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(
  e.violatedDirective + ' ' + e.blockedURI + ' ' + (e.sourceFile || '') + ':' + e.lineNumber));
"""


@pytest.mark.browser
@pytest.mark.parametrize("delivery", ["headers", "meta"])
def test_site_works_under_its_content_security_policy(chromium, csp_site, delivery):
    site, endpoint = csp_site
    server, base = serve_with(site, delivery == "headers")
    try:
        context = chromium.new_context(viewport={"width": 1280, "height": 900})
        context.add_init_script(RECORD_VIOLATIONS)
        page = context.new_page()
        console = []
        page.on("console", lambda m: console.append(m.text) if "Content Security Policy" in m.text else None)
        response = page.goto(base, wait_until="load")
        if delivery == "headers":
            assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
            assert 'http-equiv="Content-Security-Policy"' not in page.content()
        else:
            assert "content-security-policy" not in response.headers
        for path in public_pages(site):
            page.goto(base + path, wait_until="load")
            assert page.evaluate("window.__cspViolations") == [], path
        # Search, the colour toggle, the self-check and the contact form, under the policy.
        page.goto(base, wait_until="load")
        page.locator("input.md-search__input").click()
        page.locator("input.md-search__input").press_sequentially("grief", delay=20)
        page.wait_for_selector(".md-search-result__item")
        before = page.get_attribute("body", "data-md-color-scheme")
        page.keyboard.press("Escape")
        page.locator('form[data-md-component="palette"] label:not([hidden])').click()
        page.wait_for_function(f"document.body.dataset.mdColorScheme !== '{before}'")
        page.goto(base + "is-ipt-right-for-me/", wait_until="load")
        page.locator(".clinic-self-check input[type=checkbox]").first.check()
        page.click(".clinic-self-check__show")
        assert page.locator(".clinic-self-check__result").is_visible()
        endpoint.behaviour = "ok"
        page.goto(base + "contact/", wait_until="load")
        page.fill("#cf-name", "Sam")
        page.fill("#cf-contact", "sam@example.net")
        page.check("#cf-consent")
        page.click(".clinic-form__submit")
        page.locator(".clinic-form__status").get_by_text("Your message has been sent").wait_for()
        assert page.evaluate("window.__cspViolations") == [] and console == []
        context.close()
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.generator
@pytest.mark.parametrize("mode", ["production", "preview", "test"])
def test_only_the_production_build_is_for_search_engines(tmp_path, mode):
    from clinicsite import publish

    config = {"site_url": "https://clinic.test/", "extra": {"mode": mode}, "plugins": []}
    publish.robots(tmp_path, config)
    robots = (tmp_path / "robots.txt").read_text()
    headers = parse_headers(publish.headers_file([], config))
    if mode == "production":
        assert robots == "User-agent: *\nAllow: /\n\nSitemap: https://clinic.test/sitemap.xml\n"
        assert "X-Robots-Tag" not in headers
    else:
        assert robots == "User-agent: *\nDisallow: /\n" and headers["X-Robots-Tag"] == "noindex"


@pytest.mark.generator
@pytest.mark.parametrize("subdomains", [False, True])
def test_hsts_covers_subdomains_only_when_the_clinic_says_so(subdomains):
    from mkdocs.config import load_config

    from clinicsite import publish

    config = load_config(str(ROOT / "mkdocs.yml"))
    config["plugins"]["clinic"].config["hsts_include_subdomains"] = subdomains
    hsts = parse_headers(publish.headers_file([], config))["Strict-Transport-Security"]
    assert hsts == "max-age=63072000" + ("; includeSubDomains" if subdomains else "")


@pytest.mark.generator
def test_a_netlify_form_must_post_to_a_page_of_the_site(tmp_path):
    """Netlify shows the form's `action` page after a message: the check names
    the endpoint's line when no page of the site stands there."""
    from clinicsite import checks, config as site_settings

    config = copy_fixture(tmp_path, facts={"extra.clinic.form.provider": "netlify",
                                           "extra.clinic.form.endpoint": "/no-such-page/"})
    _, problems = checks.run(config, mode="preview")
    line = site_settings.lines(config)["extra.clinic.form.endpoint"]
    assert [(p.file, p.line) for p in problems if p.rule == "form-endpoint"] == [("mkdocs.yml", line)]
    set_facts(config, {"extra.clinic.form.endpoint": "/contact/"})
    _, problems = checks.run(config, mode="preview")
    assert [p for p in problems if p.rule == "form-endpoint"] == []


def test_the_site_ships_the_page_its_netlify_form_can_post_to(site_dir):
    page = soup(site_dir / "message-sent" / "index.html")
    assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    assert page.select_one("article a[href^='tel:']") and page.select_one("article a[href$='crisis/']")


@pytest.mark.browser
def test_no_console_message_about_the_headers(chromium, csp_site):
    """Netlify and Cloudflare send _headers: a feature Chromium does not know
    in Permissions-Policy (the withdrawn interest-cohort) logs an error on every page."""
    site, _ = csp_site
    server, base = serve_with(site, True)
    try:
        context = chromium.new_context()
        page = context.new_page()
        messages = []
        page.on("console", lambda m: messages.append(f"{m.type}: {m.text}"))
        for path in ("", "what-is-ipt/", "contact/"):
            response = page.goto(base + path, wait_until="load")
            assert "camera=()" in response.headers["permissions-policy"]
        assert [m for m in messages if re.search(r"Permissions.Policy|feature", m, re.I)] == []
        # Every feature we name is one this browser knows (it logs the others),
        # and none is a withdrawn one that a newer browser would log.
        named = {d.split("=")[0].strip() for d in response.headers["permissions-policy"].split(",")}
        known = set(page.evaluate("document.featurePolicy.features()"))
        assert named <= known and "interest-cohort" not in named, named - known
        context.close()
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.browser
def test_a_form_posted_without_javascript_says_where_it_came_from(chromium, csp_site):
    """Under the site's no-referrer policy a plain POST would carry `Origin: null`;
    the form's page sends the site's origin (never its path), as providers may check."""
    site, endpoint = csp_site
    server, base = serve_with(site, True)
    try:
        endpoint.received.clear()
        endpoint.behaviour = "ok"
        context = chromium.new_context(java_script_enabled=False)
        page = context.new_page()
        response = page.goto(base + "contact/")
        assert response.headers["referrer-policy"] == "no-referrer"
        page.fill("#cf-name", "Sam")
        page.fill("#cf-contact", "sam@example.net")
        page.check("#cf-consent")
        with page.expect_navigation():
            page.click(".clinic-form__submit")
        [post] = [r for r in endpoint.received if r["method"] == "POST"]
        origin = base.rstrip("/")
        assert post["origin"] == origin and post["referer"] == origin + "/"
        # Other pages keep sending nothing.
        assert not soup(site / "what-is-ipt" / "index.html").find("meta", attrs={"name": "referrer"})
        context.close()
    finally:
        server.shutdown()
        server.server_close()


# ---- privacy ---------------------------------------------------------------------
# No cookie and no request to another host on any page: checked in
# test_accessibility.py::test_every_page_of_the_site_passes_axe, in the same visit.


# ---- hosting under a subpath ----------------------------------------------------

@pytest.mark.slow  # builds its own copy of the whole site
def test_site_under_a_subpath_has_no_broken_links_or_assets(tmp_path):
    config = copy_project(tmp_path, facts={"site_url": site_config()["site_url"].rstrip("/") + "/clinic/"})
    site = tmp_path / "site"
    build(site, config=config)

    class Prefixed(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def translate_path(self, path):
            if not path.startswith("/clinic/"):
                return str(tmp_path / "nowhere")
            return super().translate_path(path[len("/clinic"):])

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Prefixed, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        seen, queue, broken = set(), [base + "/clinic/"], []
        while queue:
            url = queue.pop()
            if url in seen:
                continue
            seen.add(url)
            try:
                with urlopen(url) as response:
                    body, kind = response.read(), response.headers.get_content_type()
            except Exception as err:  # noqa: BLE001 - any failure is a broken link
                broken.append(f"{url}: {err}")
                continue
            if kind != "text/html":
                continue
            doc = soup_bytes(body)
            for tag, attr in (("a", "href"), ("link", "href"), ("script", "src"), ("img", "src")):
                for el in doc.find_all(tag):
                    ref = el.get(attr)
                    if not ref or (tag == "link" and "canonical" in (el.get("rel") or [])):
                        continue
                    target = urljoin(url, ref).split("#")[0]
                    if urlsplit(target).netloc == urlsplit(base).netloc:
                        queue.append(target)
        assert broken == []
        assert len(seen) > 30
        # The 404 page (served for unknown addresses by hosts) uses the subpath too.
        doc = soup(site / "404.html")
        assets = [el.get("href") or el.get("src") for el in doc.select("link[href], script[src]")
                  if not (el.get("href") or el.get("src") or "").startswith("http")]
        assert assets and all(a.startswith("/clinic/") for a in assets), assets
    finally:
        server.shutdown()
        server.server_close()


def soup_bytes(body):
    from bs4 import BeautifulSoup

    return BeautifulSoup(body, "html.parser")


# ---- printing ----------------------------------------------------------------------

@pytest.mark.browser
def test_an_article_prints_with_crisis_lines_and_without_navigation(new_page, base_url):
    from pypdf import PdfReader

    page = new_page(width=1280)
    page.goto(base_url + "what-is-ipt/", wait_until="load")
    pdf = PdfReader(io.BytesIO(page.pdf(format="Letter")))
    text = " ".join(p.extract_text() for p in pdf.pages)
    flat = " ".join(text.split())
    assert "What is interpersonal psychotherapy?" in flat
    assert "Where did IPT come from?" in flat  # the article's own sections
    assert "988" in flat and "911" in flat  # the crisis lines
    assert "Table of contents" not in flat and "Search" not in flat
    assert "Getting the most from IPT" not in flat  # the menu's entries
    assert "Edit this page" not in flat


@pytest.mark.browser
def test_a_phone_prints_an_article_with_its_sources_before_the_bundle_loads(new_page, base_url, site_dir):
    """The sources are folded in a <details>. Material's bundle opens folded
    boxes before printing, but on a phone it loads only on use or when idle:
    a man printing an article for his doctor got "Sources" and nothing under it."""
    from pypdf import PdfReader
    from test_first_view import bundle_loaded, requests_of

    path = "what-is-ipt/"
    sources = soup(site_dir / path / "index.html").select("details.clinic-sources li")
    assert sources, f"{path} has no folded sources"
    page = new_page(width=390)
    urls = requests_of(page)
    page.goto(base_url + path, wait_until="load")
    printed = "".join("".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(page.pdf(format="Letter"))).pages)
    assert not bundle_loaded(urls), "the bundle loaded: this test needs the page without it"
    for source in (sources[0], sources[-1]):
        words = "".join(source.get_text().split())[:40]
        assert words in printed, f"a source is missing from the printed page: {words!r}"


# ---- deploy workflows ----------------------------------------------------------------

def test_workflows_are_valid_and_pinned():
    import subprocess
    import sys

    import yaml

    workflows = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
    assert {w.name for w in workflows} >= {"deploy.yml", "checks.yml"}
    result = subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows",
                             *map(str, workflows)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    for workflow in workflows:
        data = yaml.safe_load(workflow.read_text())
        assert data["permissions"] == {}, f"{workflow.name}: no default permissions"
        for job in data["jobs"].values():
            for step in job.get("steps", []):
                if "uses" in step:
                    assert re.fullmatch(r"[\w-]+/[\w-]+@[0-9a-f]{40}", step["uses"]), step["uses"]
    deploy = yaml.safe_load((ROOT / ".github" / "workflows" / "deploy.yml").read_text())
    assert deploy["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    # It deploys only where the clinic chose GitHub Pages (a repository variable
    # HOSTING.md tells it to set); the deploy job needs the build, so it is skipped too.
    condition = deploy["jobs"]["build"]["if"]
    assert condition == "vars.CLINIC_HOST == 'github-pages'" and deploy["jobs"]["deploy"]["needs"] == "build"
    hosting = (ROOT / "HOSTING.md").read_text()
    assert "`CLINIC_HOST`" in hosting and "`github-pages`" in hosting
    text = (ROOT / ".github" / "workflows" / "deploy.yml").read_text()
    assert "SITE_MODE: production" in text and "scripts/test.py" not in text
    # Actions on the Node 24 runtime (GitHub has retired Node 20 on its hosted runners).
    for version in re.findall(r"@[0-9a-f]{40} # (\S+)", text):
        assert version.startswith(("v5", "v6")), version


def test_inline_script_hashes_match_a_real_parser(site_dir):
    """publish.py finds inline scripts with a regular expression for speed;
    a real HTML parser must find exactly the same ones."""
    import base64
    import hashlib

    from bs4 import BeautifulSoup

    from clinicsite import publish

    expected = set()
    for page in site_dir.rglob("*.html"):
        for script in BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").find_all("script"):
            if not script.get("src") and script.get("type") not in publish.DATA_TYPES:
                digest = hashlib.sha256((script.string or "").encode()).digest()
                expected.add("'sha256-" + base64.b64encode(digest).decode() + "'")
    assert set(publish.inline_script_hashes(site_dir)) == expected and expected
