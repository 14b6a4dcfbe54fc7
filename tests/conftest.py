"""Shared fixtures: the site is built once per run (test mode) and served from
a real HTTP server on 127.0.0.1; browser tests drive Debian's Chromium."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from clinicsite import browser as clinic_browser
from clinicsite import build as pipeline

ROOT = Path(__file__).resolve().parent.parent
# The date the tests treat as "today", so date rules never start failing on their own.
TEST_TODAY = "2026-12-01"


def build(site_dir: Path, config: Path = ROOT / "mkdocs.yml", mode: str = "test", today: str = TEST_TODAY, check=True):
    """Build a site with the project's real pipeline; returns the finished process."""
    result = pipeline.build(config, site_dir, mode=mode, today=today, quiet=True)
    if check and result.returncode:
        pytest.fail(f"build failed:\n{result.stdout}\n{result.stderr}")
    return result


def copy_project(dest: Path, replace=(), launch_ready=False) -> Path:
    """A copy of what a build reads, with text replacements in mkdocs.yml, so a
    test can change the clinic facts safely. Returns the copied config's path.
    launch_ready: the clinic's details look real and every [PLACEHOLDER: ...] is
    filled in, so a production build passes unless the thing under test breaks it."""
    import re
    import shutil

    for name in ("docs", "overrides", "clinicsite"):
        shutil.copytree(ROOT / name, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
    if launch_ready:
        replace = (*LAUNCH_READY, *replace)
        for page in (dest / "docs").rglob("*.md"):
            page.write_text(re.sub(r"\[PLACEHOLDER:[^\]]*\]", "Details to follow.", page.read_text()))
    text = (ROOT / "mkdocs.yml").read_text()
    for old, new in replace:
        assert old in text, f"{old!r} is not in mkdocs.yml"
        text = text.replace(old, new)
    (dest / "mkdocs.yml").write_text(text)
    return dest / "mkdocs.yml"


# Replacements that make the clinic facts look real (see copy_project).
LAUNCH_READY = (("555-0142", "555-2368"), ("5550142", "5552368"), ("example.org", "clinic-website.test"),
                ("example-clinic", "clinic-team"), ("fictional: true", "fictional: false"))


def html_pages(site_dir: Path):
    """Every page of the built site, without the redirect pages at old addresses."""
    return sorted(p for p in site_dir.rglob("*.html") if 'http-equiv="refresh"' not in p.read_text(encoding="utf-8"))


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site")
    build(out)
    return out


@pytest.fixture(scope="session")
def base_url(site_dir):
    with clinic_browser.serve(site_dir) as url:
        yield url


def pytest_report_header(config):
    if not clinic_browser.chromium_available():
        return (f"!!! No Chromium at {clinic_browser.CHROMIUM_PATH}: browser tests will be skipped "
                "(fix: apt-get install chromium, or set CHROMIUM_PATH). With CI=true they fail instead. !!!")
    return f"browser: {clinic_browser.CHROMIUM_PATH}"


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
