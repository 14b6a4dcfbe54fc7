"""Nothing on the site talks to any host but the site's own."""
from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.browser

PAGES = ["", "what-is-ipt/", "404.html"]


@pytest.mark.parametrize("width", [390, 1280])
def test_every_request_goes_to_the_local_server(new_page, base_url, width):
    page = new_page(width=width)
    seen = []
    page.on("request", lambda request: seen.append(request.url))
    own = urlsplit(base_url).netloc

    for path in PAGES:
        page.goto(base_url + path, wait_until="load")

    # The search index and worker wait until search is opened: a first view
    # stays small however many articles the site has.
    page.goto(base_url, wait_until="networkidle")
    assert not [u for u in seen if "search_index.json" in u or "/workers/search" in u]

    # Use search: now Material loads its index and a web worker.
    search_button = page.locator('label.md-header__button[for="__search"]')
    if search_button.is_visible():  # phones: a button opens the search dialog
        search_button.click()
    else:  # wide screens: the search field is in the header
        page.locator("input.md-search__input").click()
    page.locator("input.md-search__input").press_sequentially("grief", delay=20)
    page.wait_for_selector(".md-search-result__item")
    page.keyboard.press("Escape")

    # Use the colour toggle both ways.
    before = page.get_attribute("body", "data-md-color-scheme")
    page.locator('form[data-md-component="palette"] label:not([hidden])').click()
    page.wait_for_function(f"document.body.dataset.mdColorScheme !== '{before}'")
    page.locator('form[data-md-component="palette"] label:not([hidden])').click()
    page.wait_for_function(f"document.body.dataset.mdColorScheme === '{before}'")
    page.wait_for_load_state("networkidle")

    requested = [u for u in seen if urlsplit(u).scheme in ("http", "https", "ws", "wss")]
    assert any("search" in u for u in requested), "search was not exercised"
    foreign = [u for u in requested if urlsplit(u).netloc != own]
    assert foreign == [], foreign
    assert len(requested) >= 5
