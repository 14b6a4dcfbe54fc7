"""The live preview (scripts/serve.py) as staff use it: a mistake saved into an
article turns that page into an error page naming the file and the line, while
every other page shows its own content with a banner linking to it (a mistake
in the settings still turns every page into the error page), a
fix brings the site back by itself, a busy port gets a plain sentence and
another port, and stopping the preview, however it is stopped, leaves nothing
running and nothing listening."""
from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import expect
from conftest import ROOT, TEST_TODAY, copy_project

# Tests of the generator (the preview command): the launch test's second run skips them.
pytestmark = [pytest.mark.generator, pytest.mark.slow]  # each test builds the site in a preview

SERVE = ROOT / "scripts" / "serve.py"
ERROR_TITLE = "Something on the site needs fixing"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def listening(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(1)
        return s.connect_ex(("127.0.0.1", port)) == 0


def children(pid: int) -> list[int]:
    """Live (not zombie) processes whose parent is `pid`."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            fields = stat.rsplit(")", 1)[1].split()
            if int(fields[1]) == pid and fields[0] != "Z":
                found.append(int(entry.name))
    return found


def alive(pid: int) -> bool:
    try:
        return (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


class Preview:
    """scripts/serve.py running on a copy of the project, its output collected."""

    def __init__(self, config: Path, port: int):
        env = dict(os.environ, SITE_MODE="test", SITE_TODAY=TEST_TODAY)
        self.proc = subprocess.Popen([sys.executable, str(SERVE), "--config", str(config), "--port", str(port)],
                                     stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
        self.lines: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()
        self.port = int(re.search(r"127\.0\.0\.1:(\d+)/", self.wait_for("Preview of the site: ")).group(1))
        self.url = f"http://127.0.0.1:{self.port}/"

    def _read(self):
        for line in self.proc.stdout:
            self.lines.append(line.rstrip("\n"))

    def output(self) -> str:
        return "\n".join(self.lines)

    def wait_for(self, text: str, timeout: float = 30) -> str:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            for line in self.lines:
                if text in line:
                    return line
            if self.proc.poll() is not None:
                break
            time.sleep(0.05)
        pytest.fail(f"the preview never printed {text!r}:\n{self.output()}")

    def state(self) -> dict:
        with urllib.request.urlopen(self.url + "__preview/state", timeout=5) as response:
            return json.load(response)

    def wait_state(self, what: str, test, timeout: float = 120) -> dict:
        """The preview's own state (what its pages' reload script asks for),
        once `test(state)` holds. Not a timing test: the timeout only bounds a
        preview that hangs."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            state = self.state()
            if test(state):
                return state
            time.sleep(0.1)
        pytest.fail(f"the preview never reached this state: {what}\n{self.output()}")

    def wait_until_built(self, timeout: float = 120) -> dict:
        return self.wait_state("the first build finished", lambda s: s["build"] and not s["building"], timeout)

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(15)


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    root = tmp_path_factory.mktemp("preview-project")
    return copy_project(root)


@pytest.fixture(scope="module")
def running(project):
    preview = Preview(project, free_port())
    preview.wait_until_built()
    yield preview
    preview.stop()


@pytest.mark.browser
def test_a_mistake_shows_an_error_page_and_the_fix_brings_the_site_back(running, project, new_page):
    article = project.parent / "docs" / "what-is-ipt.md"
    original = article.read_text()
    lines = original.splitlines()
    line = next(i for i, text in enumerate(lines) if i > 8 and text.startswith("IPT ")) + 1
    page = new_page()
    page.set_default_navigation_timeout(60000)  # a page load that hangs fails the test (busy machines are slow)
    url = running.url + "what-is-ipt/"
    page.goto(url)
    assert page.locator("article h1").inner_text() == "What is interpersonal psychotherapy?"

    lines[line - 1] += " Many men who committed suicide had told someone."
    article.write_text("\n".join(lines) + "\n")
    try:
        # The page's own script reloads it twice: when the checks name the
        # mistake, and when the build ends. A goto of our own would race those
        # reloads, so wait for the build to end, then for the page to carry it.
        state = running.wait_state("the mistake is known and the build ended",
                                   lambda s: not s["building"] and any(p["file"] == "docs/what-is-ipt.md"
                                                                       for p in s.get("pages", [])))
        expect(page.locator(f'script[data-build="{state["build"]}"]')).to_have_count(1, timeout=60000)
        page.wait_for_load_state()
        assert page.title() == ERROR_TITLE, running.output()
        text = page.locator("main").inner_text()
        assert f"docs/what-is-ipt.md, line {line}" in text and "wording" in text and "What to do:" in text
        assert page.locator("pre").first.inner_text().startswith(f"docs/what-is-ipt.md:{line}: wording: ")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, "the error page must be readable on a phone without scrolling sideways"
        # Pictures and styles still come from the last good build.
        assert urllib.request.urlopen(running.url + "assets/clinic.css", timeout=5).status == 200
        # Every other page shows its own content, with a slim banner linking to the mistake.
        other = new_page()
        other.set_default_navigation_timeout(60000)
        other.goto(running.url + "faq/")
        assert other.title() != ERROR_TITLE and other.locator("article h1").count() == 1
        link = other.locator("[data-preview-banner] a")
        link.wait_for(timeout=30000)
        assert "docs/what-is-ipt.md" in link.inner_text()
        link.click()
        other.wait_for_load_state()
        assert other.title() == ERROR_TITLE and f"docs/what-is-ipt.md, line {line}" in other.locator("main").inner_text()
    finally:
        article.write_text(original)
    running.wait_state("the fixed site is built", lambda s: s["ok"] and not s["building"])
    # No reload by hand: the page's own script (it asks for the state every
    # second) brings the page back.
    page.locator("article h1").wait_for(timeout=30000)
    assert page.title() != ERROR_TITLE
    assert page.locator("article h1").inner_text() == "What is interpersonal psychotherapy?"
    assert running.proc.poll() is None, "the preview must keep running"


def test_a_preview_started_with_a_mistake_in_a_page_shows_it_there_and_the_rest_of_the_site(tmp_path):
    config = copy_project(tmp_path)
    article = ROOT / "tests" / "articles" / "broken" / "unclosed-block.md"
    (tmp_path / "docs" / "partners.md").write_text(article.read_text())
    preview = Preview(config, free_port())
    try:
        assert preview.wait_until_built()["ok"] is False
        with pytest.raises(urllib.error.HTTPError) as failed:
            urllib.request.urlopen(preview.url + "partners/", timeout=5)
        page = failed.value.read().decode()
        assert ERROR_TITLE in page and "docs/partners.md</code>, line 23" in page, page
        for address in ("", "what-is-ipt/"):  # the other pages show their own content
            with urllib.request.urlopen(preview.url + address, timeout=5) as response:
                assert ERROR_TITLE not in response.read().decode()
        state = json.load(urllib.request.urlopen(preview.url + "__preview/state?page=/what-is-ipt/", timeout=5))
        assert {(p["file"], p["url"]) for p in state["pages"]} >= {("docs/partners.md", "/partners/")}, state
        assert preview.wait_for("docs/partners.md:23: block-fence:")  # the terminal says it too
    finally:
        preview.stop()


def test_a_mistake_in_the_settings_still_shows_on_every_page(tmp_path):
    config = copy_project(tmp_path, facts={"extra.clinic.email": ["not", "an", "email"]})
    preview = Preview(config, free_port())
    try:
        assert preview.wait_until_built()["ok"] is False
        for address in ("", "what-is-ipt/"):
            with pytest.raises(urllib.error.HTTPError) as failed:
                urllib.request.urlopen(preview.url + address, timeout=5)
            assert ERROR_TITLE in failed.value.read().decode()
    finally:
        preview.stop()


def test_a_busy_port_gets_a_plain_sentence_and_another_port(running, project):
    second = Preview(project, running.port)
    try:
        assert second.port != running.port and listening(second.port)
        said = second.wait_for("already in use")
        assert f"Port {running.port} is already in use" in said and f"uses port {second.port}" in said
        assert "Traceback" not in second.output() and "Errno" not in second.output()
    finally:
        second.stop()


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT, signal.SIGHUP], ids=lambda s: s.name)
def test_stopping_the_preview_by_its_pid_stops_everything(project, sig):
    preview = Preview(project, free_port())
    try:
        # Stop it while it builds: the build runs in a process group of its own.
        end = time.monotonic() + 20
        started, grandchildren = [], []
        while not grandchildren and time.monotonic() < end:  # until mkdocs itself runs
            time.sleep(0.05)
            started = children(preview.proc.pid)
            grandchildren = [g for c in started for g in children(c)]
        assert started and grandchildren, "the preview started no build"
        os.kill(preview.proc.pid, sig)
        preview.proc.wait(15)
        assert not listening(preview.port), f"port {preview.port} is still served after {sig.name}"
        time.sleep(0.2)
        assert not [p for p in started + grandchildren if alive(p)], "a build process outlived the preview"
        assert "Traceback" not in preview.output(), preview.output()
    finally:
        preview.stop()
