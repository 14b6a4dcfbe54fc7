"""axe-core, default rule set (best practices included), in a real browser:
the key pages at both widths in both schemes (on the MkDocs and the Zensical
build), and every page of the site at
phone width in light and desktop width in dark. The every-page visit also
checks privacy: no cookie and no request to any other host, on any page."""
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from conftest import html_pages

pytestmark = pytest.mark.browser

PAGES = {"home": "", "article": "what-is-ipt/", "404": "404.html"}
AXE = Axe()


def settle(page):
    """Ask for reduced motion, which the site honours by stopping transitions,
    so colours are measured as they end, not half-way through a fade."""
    page.emulate_media(reduced_motion="reduce")


def violations_of(page):
    settle(page)
    return AXE.run(page).response["violations"]


def describe(violations):
    lines = []
    for v in violations:
        targets = ", ".join(str(n["target"]) for n in v["nodes"][:3])
        lines.append(f"{v['id']} ({v['impact']}): {v['help']} -> {targets}")
    return "\n".join(lines)


def open_in_scheme(page, url, scheme):
    page.goto(url, wait_until="load")
    page.wait_for_selector(f'body[data-md-color-scheme="{"slate" if scheme == "dark" else "default"}"]')


@pytest.mark.engines
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("name", PAGES)
def test_no_axe_violations(new_page, base_url, name, width, scheme):
    page = new_page(width=width, scheme=scheme)
    open_in_scheme(page, base_url + PAGES[name], scheme)
    violations = violations_of(page)
    assert violations == [], describe(violations)


@pytest.mark.parametrize("width,scheme", [(390, "light"), (1280, "dark")])
def test_every_page_of_the_site_passes_axe(new_page, base_url, site_dir, width, scheme):
    paths = sorted(p.relative_to(site_dir).as_posix() for p in html_pages(site_dir)
                   if not p.relative_to(site_dir).as_posix().startswith(("assets/", "search/")))
    assert len(paths) > 20
    page = new_page(width=width, scheme=scheme)
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    failures = {}
    for path in paths:
        open_in_scheme(page, base_url + path, scheme)
        violations = violations_of(page)
        if violations:
            failures[path] = describe(violations)
        assert page.evaluate("document.cookie") == "", f"{path} set a cookie"
    assert failures == {}, "\n".join(f"{k}:\n{v}" for k, v in failures.items())
    # Privacy on every page, in the same visit: no cookie, no request to another host.
    own = urlsplit(base_url).netloc
    assert [u for u in requests if urlsplit(u).scheme.startswith("http") and urlsplit(u).netloc != own] == []
    assert page.context.cookies() == []


def test_axe_catches_a_planted_violation(new_page, base_url):
    """Guards the tests above: axe must really be running on our pages."""
    page = new_page()
    page.goto(base_url + "what-is-ipt/")
    page.evaluate("document.querySelector('article').insertAdjacentHTML('beforeend', '<img src=\"x.png\">')")
    ids = {v["id"] for v in AXE.run(page).response["violations"]}
    assert "image-alt" in ids
