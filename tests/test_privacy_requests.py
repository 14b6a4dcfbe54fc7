"""Nothing on the site talks to any host but the site's own, under its
security policy, on the MkDocs build and on the Zensical build."""
from urllib.parse import urlsplit

import pytest
from conftest import search

pytestmark = [pytest.mark.browser, pytest.mark.engines]

PAGES = ["", "what-is-ipt/", "404.html"]


@pytest.mark.parametrize("width", [390, 1280])
def test_every_request_goes_to_the_local_server(new_page, base_url, width):
    page = new_page(width=width)
    seen, blocked = [], []
    page.on("request", lambda request: seen.append(request.url))
    # (Playwright's wait_for_function evaluates a string: the policy refuses that, not the theme.)
    page.on("console", lambda m: blocked.append(m.text)
            if "Content Security Policy" in m.text and "evaluate a string" not in m.text else None)
    own = urlsplit(base_url).netloc

    for path in PAGES:
        page.goto(base_url + path, wait_until="load")
        # The policy the publishing step wrote is in force (the test server sends no headers).
        assert page.locator('meta[http-equiv="Content-Security-Policy"]').count() == 1, path

    # The search index and worker wait until search is opened: a first view
    # stays small however many articles the site has.
    page.goto(base_url, wait_until="networkidle")
    assert not [u for u in seen if "search_index.json" in u or "/search.json" in u or "/workers/search" in u]

    # Use search: now the index (and Material's web worker) load, and a page is found.
    results = search(page, "grief")
    assert results.count() >= 1
    target = results.first.evaluate("a => a.href")
    page.keyboard.press("Escape")

    # Use the colour toggle both ways.
    before = page.get_attribute("body", "data-md-color-scheme")
    page.locator('form[data-md-component="palette"] label:not([hidden])').click()
    page.wait_for_function(f"document.body.dataset.mdColorScheme !== '{before}'")
    page.locator('form[data-md-component="palette"] label:not([hidden])').click()
    page.wait_for_function(f"document.body.dataset.mdColorScheme === '{before}'")
    page.wait_for_load_state("networkidle")

    page.goto(target, wait_until="load")
    assert "grief" in page.locator("article").inner_text().lower(), f"search led to {target}"
    assert blocked == [], blocked  # nothing the theme does is refused by the policy

    requested = [u for u in seen if urlsplit(u).scheme in ("http", "https", "ws", "wss")]
    assert any("search" in u for u in requested), "search was not exercised"
    foreign = [u for u in requested if urlsplit(u).netloc != own]
    assert foreign == [], foreign
    assert len(requested) >= 5
