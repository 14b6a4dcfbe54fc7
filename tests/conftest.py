"""Shared fixtures: the site is built once per run (test mode) and served from
a real HTTP server on 127.0.0.1; browser tests drive Debian's Chromium.

Two kinds of project are tested:
- the clinic's site (SITE: the repository's mkdocs.yml and docs/, or the copy
  named by CLINIC_SITE_ROOT, as the launch test does with another clinic's
  details): its tests read every expected fact from its configuration;
- the generator's own fixture project (tests/fixtures/project/), a small clinic
  with its own facts, for tests of components, checks and publishing.
"""
from __future__ import annotations

import fcntl
import functools
import inspect
import http.server
import json
import os
import re
import shutil
import threading
import time
from pathlib import Path
from urllib.parse import parse_qs

import pytest
from bs4 import BeautifulSoup

from clinicsite import browser as clinic_browser
from clinicsite import build as pipeline
from clinicsite import config as site_config_module

ROOT = Path(__file__).resolve().parent.parent
# The clinic site under test: this repository, or a launch copy of it.
SITE = Path(os.environ.get("CLINIC_SITE_ROOT") or ROOT).resolve()
FIXTURE = ROOT / "tests" / "fixtures" / "project"
# The date the tests treat as "today", so date rules never start failing on their own.
TEST_TODAY = "2026-12-01"


@functools.lru_cache(maxsize=None)
def site_config(config_path: Path = SITE / "mkdocs.yml"):
    """MkDocs' validated config of a project: where tests read the facts they expect."""
    return site_config_module.load(config_path)


def clinic(config_path: Path = SITE / "mkdocs.yml") -> dict:
    return site_config(config_path)["extra"]["clinic"]


def build(site_dir: Path, config: Path = SITE / "mkdocs.yml", mode: str = "test", today: str = TEST_TODAY, check=True,
          engine: str = "mkdocs"):
    """Build a site with the project's real pipeline; returns the finished process."""
    result = pipeline.build(config, site_dir, mode=mode, today=today, quiet=True, engine=engine)
    if check and result.returncode:
        pytest.fail(f"build failed:\n{result.stdout}\n{result.stderr}")
    return result


# ---- editing facts in a copy, as staff would: one value on its own line ----------

def set_facts(config_path: Path, changes: dict) -> None:
    """Set dotted keys of a mkdocs.yml (e.g. `extra.clinic.phone.e164`) in place,
    keeping its comments, anchors and layout, as a clinic editing the file would."""
    for key, value in changes.items():
        text = config_path.read_text(encoding="utf-8")
        lines = text.splitlines(keepends=True)
        number = site_config_module.lines(config_path).get(key)
        assert number, f"{key} is not in {config_path}"
        i = number - 1
        name = re.escape(key.rsplit(".", 1)[-1])
        line = lines[i]
        head = re.match(rf"^(.*?\b{name}:[ \t]*(?:&[\w-]+(?:[ \t]+|(?=\n)))?)", line)
        assert head, f"cannot edit line {number}: {line!r}"
        rest = line[head.end():]
        token = r"\"(?:[^\"\\]|\\.)*\"|'[^']*'|\[[^\]]*\]|\{[^}]*\}"
        if "{" in head.group(1):  # inside a flow mapping: the value ends at `,` or `}`
            value = re.match(rf"(?:{token}|[^,}}\n]*)", rest).group(0)
        else:  # a block line: the value ends at a comment or the line's end
            value = re.match(rf"(?:{token}|(?:[^#\n]|(?<!\s)#)*?)(?=\s+#|\s*$)", rest).group(0)
        tail = rest[len(value):]
        if not value.strip():  # a block (mapping or list) follows: replace it whole
            indent = len(line) - len(line.lstrip())
            j = i + 1
            while j < len(lines) and (not lines[j].strip() or len(lines[j]) - len(lines[j].lstrip()) > indent):
                j += 1
            lines[i + 1:j] = []
        # JSON is YAML flow text: strings stay quoted, so `:` and `#` stay text.
        lines[i] = head.group(1).rstrip(" \t") + " " + json.dumps(changes[key], ensure_ascii=False) + (tail if tail.strip() else "\n")
        config_path.write_text("".join(lines), encoding="utf-8")
        site_config_module._lines.cache_clear()


def copy_project(dest: Path, replace=(), launch_ready=False, facts: dict | None = None, source: Path = SITE) -> Path:
    """A copy of what a build reads, so a test can change the clinic facts safely.
    Returns the copied config's path. `facts`: dotted keys to set (set_facts);
    `replace`: text replacements in mkdocs.yml; launch_ready: another clinic's
    realistic details (tests/fixtures/another-clinic.json) put in, and every
    [PLACEHOLDER: ...] filled, so a production build passes unless the thing
    under test breaks it."""
    for name in ("docs", "overrides"):
        if (source / name).exists():
            shutil.copytree(source / name, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
    if (source / "spelling.txt").exists():  # the clinic's word list (clinicsite/spelling.py)
        shutil.copy(source / "spelling.txt", dest / "spelling.txt")
    text = (source / "mkdocs.yml").read_text()
    for old, new in replace:
        assert old in text, f"{old!r} is not in mkdocs.yml"
        text = text.replace(old, new)
    (dest / "mkdocs.yml").write_text(text)
    if launch_ready:
        make_launch_ready(dest)
    if facts:
        set_facts(dest / "mkdocs.yml", facts)
    return dest / "mkdocs.yml"


def copy_fixture(dest: Path, facts: dict | None = None) -> Path:
    """A copy of the generator's fixture project; the theme stays the generator's."""
    shutil.copytree(FIXTURE / "docs", dest / "docs")
    shutil.copy(FIXTURE / "spelling.txt", dest / "spelling.txt")
    text = (FIXTURE / "mkdocs.yml").read_text().replace("custom_dir: ../../../overrides",
                                                         f"custom_dir: {ROOT / 'overrides'}")
    (dest / "mkdocs.yml").write_text(text)
    if facts:
        set_facts(dest / "mkdocs.yml", facts)
    return dest / "mkdocs.yml"


ANOTHER_CLINIC = json.loads((ROOT / "tests" / "fixtures" / "another-clinic.json").read_text())


def make_launch_ready(root: Path) -> None:
    """Put in another clinic's realistic details, as a clinic would at launch:
    every fact, a new team (pages moved to it with scripts/reviewer.py's code),
    and every placeholder filled."""
    from clinicsite import reviewers

    config = root / "mkdocs.yml"
    old_team = [m["id"] for m in site_config_module.load(config)["extra"]["team"]]
    set_facts(config, ANOTHER_CLINIC["facts"])
    new_ids = [m["id"] for m in ANOTHER_CLINIC["facts"]["extra.team"]]
    for i, old in enumerate(old_team):
        for page in reviewers.move(root / "docs", old, new_ids[i % len(new_ids)]):
            reviewers.record_review(page)  # the new clinician has reviewed it (README "Launch", step 2)
    for page in (root / "docs").rglob("*.md"):
        text = page.read_text()
        filled = re.sub(r"\[PLACEHOLDER:[^\]]*\]", ANOTHER_CLINIC["placeholder_text"], text)
        if filled != text:
            page.write_text(filled)


def html_pages(site_dir: Path):
    """Every page of the built site, without the redirect pages at old addresses."""
    return sorted(p for p in site_dir.rglob("*.html") if 'http-equiv="refresh"' not in p.read_text(encoding="utf-8"))


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def shared(tmp_path_factory, name: str, make) -> Path:
    """A folder made once per run by `make(folder)`. With pytest-xdist the
    workers share it: the first makes it while the others wait on a lock."""
    base = tmp_path_factory.getbasetemp()
    # A worker's folder is pytest-N/popen-gwK: pytest-N is this run's. A pytest
    # that only inherited PYTEST_XDIST_WORKER has no such parent: sharing above
    # it would reuse another run's folder.
    if not (os.environ.get("PYTEST_XDIST_WORKER") and base.name.startswith("popen-gw")):
        out = tmp_path_factory.mktemp(name)
        make(out)
        return out
    run = base.parent  # one folder per run, above each worker's own
    out, done = run / name, run / f"{name}.done"
    with open(run / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            shutil.rmtree(out, ignore_errors=True)
            out.mkdir()
            make(out)
            done.touch()
    return out




class Endpoint:
    """A form endpoint on 127.0.0.1 that records what arrives and answers as told."""

    def __init__(self):
        self.received, self.behaviour = [], "ok"
        endpoint = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _cors(self):
                self.send_header("Access-Control-Allow-Origin", "*")

            def do_OPTIONS(self):
                self.send_response(204)
                self._cors()
                self.send_header("Access-Control-Allow-Headers", "*")
                self.end_headers()

            def do_GET(self):
                endpoint.received.append({"method": "GET", "path": self.path, "fields": {}})
                self.send_response(405)
                self.end_headers()

            def do_POST(self):
                length = int(self.headers.get("Content-Length", 0))
                body = self.rfile.read(length).decode()
                endpoint.received.append({"method": "POST", "path": self.path, "fields": parse_qs(body, keep_blank_values=True),
                                          "accept": self.headers.get("Accept"), "type": self.headers.get("Content-Type"),
                                          "origin": self.headers.get("Origin"), "referer": self.headers.get("Referer")})
                if endpoint.behaviour == "slow":
                    time.sleep(3)
                status = 500 if endpoint.behaviour == "500" else 200
                self.send_response(status)
                self._cors()
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(b'{"ok": true}' if status == 200 else b'{"error": "boom"}')

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/submit"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture(scope="session")
def form_endpoint():
    endpoint = Endpoint()
    yield endpoint
    endpoint.stop()


@pytest.fixture(scope="session")
def form_site_dir(tmp_path_factory, form_endpoint) -> Path:
    """The site built once with the contact form pointed at the local endpoint
    (the components' and the policy's browser tests share it)."""
    root = tmp_path_factory.mktemp("formsite")
    config = copy_project(root, facts={"extra.clinic.form.endpoint": form_endpoint.url})
    build(root / "site", config=config)
    return root / "site"
# ---- the engine that builds the site under test -----------------------------------
# Site tests marked `engines` run on the Zensical build too (Material's successor:
# the checks, `zensical build`, the publishing step); those runs carry the
# `zensical` marker. Every other test sees the MkDocs build.

def pytest_generate_tests(metafunc):
    if metafunc.definition.get_closest_marker("engines") and "engine" in metafunc.fixturenames:
        metafunc.parametrize("engine", ["mkdocs", pytest.param("zensical", marks=[pytest.mark.zensical, pytest.mark.slow])],
                             indirect=True, scope="session")


@pytest.fixture(scope="session")
def engine(request) -> str:
    return getattr(request, "param", "mkdocs")


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory, engine) -> Path:
    """The site under test in test mode, built once per run and engine (the
    xdist workers share it: `shared`)."""
    if engine == "mkdocs":
        return shared(tmp_path_factory, "site", build)

    def with_zensical(root):  # Zensical writes only inside the project folder: a copy of the project.
        build(root / "site", config=copy_project(root), engine="zensical")

    return shared(tmp_path_factory, "zensical", with_zensical) / "site"


def search(page, term: str):
    """Open the site's search as a visitor would, on either engine, and type
    `term`; returns the result links once the first is shown. (Material: the
    header's button on phones, the field on wide screens; Zensical: the same
    button, or its own Search button, opening its dialog.)"""
    for opener in ('label.md-header__button[for="__search"]', ".md-search__button", "input.md-search__input"):
        if page.locator(opener).is_visible():
            page.locator(opener).click()
            break
    # Material's bundle loads on this first use: type once the field is ready for it.
    field = page.locator("dialog[open] input[role=combobox], input.md-search__input:focus").first
    field.wait_for(timeout=15000)
    field.press_sequentially(term, delay=20)
    results = page.locator("a.md-search-result__link, dialog [role=option][href]")
    results.first.wait_for()
    return results


@pytest.fixture(scope="session")
def base_url(site_dir):
    with clinic_browser.serve(site_dir) as url:
        yield url


# What a test's source reads when its result depends on the clinic facts.
READS_FACTS = re.compile(r"\b(?:clinic|site_config)\(|\bSITE\b")


def pytest_collection_modifyitems(config, items):
    """The launch test reruns the site's tests marked `facts` on another clinic's
    copy. A test that reads the facts is marked so here, so none is forgotten;
    modules whose pages show the facts are marked by hand."""
    for item in items:
        function = getattr(item, "function", None)
        if function is not None and READS_FACTS.search(inspect.getsource(function)):
            item.add_marker(pytest.mark.facts)


def pytest_report_header(config):
    lines = [f"site under test: {SITE}"]
    if not clinic_browser.chromium_available():
        lines.append(f"!!! No Chromium at {clinic_browser.CHROMIUM_PATH}: browser tests will be skipped "
                     "(fix: apt-get install chromium, or set CHROMIUM_PATH). With CI=true they fail instead. !!!")
    else:
        lines.append(f"browser: {clinic_browser.CHROMIUM_PATH}")
    return lines


@pytest.fixture(scope="session")
def chromium():
    if not clinic_browser.chromium_available():
        message = (f"No Chromium at {clinic_browser.CHROMIUM_PATH}. Install Debian's chromium "
                   "(apt-get install chromium) or set CHROMIUM_PATH.")
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("CI=true and the browser is missing: " + message)
        pytest.skip("BROWSER TESTS SKIPPED: " + message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        instance = clinic_browser.launch(pw)
        yield instance
        instance.close()


@pytest.fixture
def new_page(chromium):
    """Open a page at a given width and colour scheme; closes its context afterwards."""
    contexts = []

    def factory(width=390, height=844, scheme="light", **kwargs):
        context = chromium.new_context(viewport={"width": width, "height": height}, color_scheme=scheme, **kwargs)
        contexts.append(context)
        return context.new_page()

    yield factory
    for context in contexts:
        context.close()
