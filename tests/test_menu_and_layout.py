"""The menu and the page layout.

Issue 22: a page's menu does not grow with the number of articles (with
`navigation.sections`, every part of the current section was written out on
every page: builds and pages grew with the square of a section's size). A
synthetic library is built at two sizes; the menu links of its pages are
counted in the built HTML. Not timed: the count is the work.

Issue 17: an article on a wide screen is one column with its section's pages
beside it; the phone menu reaches contact, fees and crisis help in one tap;
search results speak plainly; boxes have no empty band; Tab meets no stop
off screen; placeholders are calm in the dark scheme."""
from __future__ import annotations

import re
import sys

import pytest
from conftest import ROOT, SITE, build, copy_project, site_config, soup

sys.path.insert(0, str(ROOT / "benchmark"))
import synthetic  # noqa: E402

# A short window so that both sizes below fill it at every level (a list
# longer than the window by two shows links on both sides): 5 parts of 5
# articles, then 20 parts of 5. Every page then shows the same number of
# menu links whatever the size, if the menu's work does not grow.
WINDOW, PER_PART, SMALL, LARGE = 3, 5, 25, 100


def menu_links(doc) -> list[str]:
    """The links of a built page's menus: the sidebar menu (the phone menu) and the tabs."""
    return [a["href"] for a in doc.select(".md-sidebar--primary a[href], .md-tabs a[href]")]


def library(tmp_path, count: int) -> dict[int, list[str]]:
    """Build the site with `count` synthetic articles in a "Library" section;
    returns each article's number with its page's menu links."""
    config = copy_project(tmp_path)
    reviewer = site_config(SITE / "mkdocs.yml")["extra"]["team"][0]["id"]
    text = synthetic.add(tmp_path / "docs", config.read_text(), count, reviewer, per_section=PER_PART)
    text = text.replace("\nextra:\n", f"\nextra:\n  menu_list_length: {WINDOW}\n", 1)
    config.write_text(text)
    build(tmp_path / "site", config)
    return {n: menu_links(soup(tmp_path / "site" / "library" / f"article-{n:04d}" / "index.html"))
            for n in range(1, count + 1)}


def test_menu_links_per_page_do_not_grow_with_the_number_of_articles(tmp_path):
    small = library(tmp_path / "small", SMALL)
    large = library(tmp_path / "large", LARGE)
    most_small, most_large = max(map(len, small.values())), max(map(len, large.values()))
    assert most_large <= most_small, (
        f"a page's menu grows with the site: up to {most_small} links with {SMALL} articles, "
        f"{most_large} with {LARGE}")
    # Still a menu: each article's menu leads to the next article of its part
    # (or past the window to the rest), so every page stays reachable.
    for n, links in large.items():
        if n % PER_PART:
            assert any(f"article-{n + 1:04d}/" in href for href in links), f"article {n}'s menu misses article {n + 1}"


# ---- In a browser: the site under test ---------------------------------------

def open_page(new_page, url, width=390, height=844, scheme="light"):
    page = new_page(width=width, height=height, scheme=scheme)
    page.emulate_media(reduced_motion="reduce")
    page.goto(url, wait_until="load")
    page.wait_for_selector(f'body[data-md-color-scheme="{"slate" if scheme == "dark" else "default"}"]')
    page.wait_for_selector(".md-header__option label:not([hidden])")
    return page


FOCUSED = """() => { const e = document.activeElement, r = e.getBoundingClientRect();
  return {desc: e.tagName + '.' + e.className + ' ' + (e.getAttribute('aria-label') || e.textContent || '').trim().slice(0, 30),
          on_screen: r.width > 0 && r.height > 0 && r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight && r.right <= innerWidth,
          in_article: !!e.closest('.md-content__inner') && e.tagName === 'A'}; }"""


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_tab_from_the_top_of_an_article_meets_no_stop_off_screen(new_page, base_url, scheme):
    """The element that has focus itself, not a label standing in for it."""
    page = open_page(new_page, base_url + "what-is-ipt/", scheme=scheme)
    for _ in range(30):
        page.keyboard.press("Tab")
        state = page.evaluate(FOCUSED)
        assert state["on_screen"], f"Tab stop off screen or without size: {state['desc']}"
        if state["in_article"]:
            break
    else:
        pytest.fail("Tab never reached the article")


@pytest.mark.browser
def test_the_colour_toggle_still_switches_with_a_click(new_page, base_url):
    page = open_page(new_page, base_url + "what-is-ipt/")
    page.locator(".md-header__option label:not([hidden])").click()
    page.wait_for_selector('body[data-md-color-scheme="slate"]')


@pytest.mark.browser
def test_the_phone_menu_reaches_contact_fees_and_crisis_help_in_one_tap(new_page, base_url, site_dir):
    page = open_page(new_page, base_url + "what-is-ipt/")
    page.locator('.md-header label[for="__drawer"]').click()
    for _ in range(40):  # the drawer slides in (polled: the site's policy forbids wait_for_function's eval)
        page.wait_for_timeout(250)
        shown = page.evaluate("""() => [...document.querySelectorAll('.md-sidebar--primary a[href]')].filter(a => {
            const r = a.getBoundingClientRect(); if (!r.width || r.top < 0 || r.bottom > innerHeight) return false;
            const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
            return hit && (a === hit || a.contains(hit)); }).map(a => [a.textContent.trim(), a.getAttribute('href')])""")
        if len(shown) > 3:
            break
    wanted = {"contact": "Contact", "fees": "Fees", "crisis": "Crisis help"}
    for path, words in wanted.items():
        found = [href for text, href in shown if text.startswith(words)]
        assert found, f"no visible {words!r} link in the open phone menu: {shown}"
        assert (site_dir / path / "index.html").is_file() and found[0].rstrip("/").endswith(path), found


@pytest.mark.browser
def test_a_part_of_the_page_chosen_in_the_phone_menu_closes_the_menu(new_page, base_url):
    """Material's bundle closes the menu when the address's #part changes; it
    loads only on use or when idle, and until then the menu stayed open over
    the part the reader had chosen."""
    from test_first_view import bundle_loaded, requests_of

    page = open_page(new_page, base_url + "what-is-ipt/")
    urls = requests_of(page)
    page.locator('.md-header label[for="__drawer"]').click()
    part = page.locator('.md-sidebar--primary a[href^="#"]').nth(1)
    target = part.get_attribute("href")[1:]
    part.click()
    for _ in range(40):
        if page.evaluate("location.hash") == "#" + target:
            break
        page.wait_for_timeout(100)
    assert page.evaluate("document.getElementById('__drawer').checked") is False, "the menu stayed open"
    top = page.evaluate("id => document.getElementById(id).getBoundingClientRect().top", target)
    assert 0 <= top < 844 / 2, f"the chosen part is not at the top of the screen: {top}"
    assert not bundle_loaded(urls), "the bundle loaded: this test needs the page without it"


@pytest.mark.browser
def test_search_results_say_how_many_pages_and_nothing_about_missing_words(new_page, base_url):
    page = open_page(new_page, base_url + "what-is-ipt/")
    page.locator('.md-header label.md-header__button[for="__search"]').click()
    page.locator(".md-search__input").fill("insurance employer")
    page.wait_for_selector(".md-search-result__item")
    meta = page.locator(".md-search-result__meta").inner_text().strip()
    assert re.fullmatch(r"1 page found|\d+ pages found", meta), meta
    assert not [t for t in page.locator(".md-search-result__terms").all() if t.is_visible()], "a 'Missing' line shows"


@pytest.mark.browser
def test_an_article_on_a_wide_screen_is_one_column_with_its_sections_pages_beside_it(new_page, base_url):
    page = open_page(new_page, base_url + "what-is-ipt/", width=1280, height=800)
    columns = page.evaluate("""() => [...document.querySelectorAll('.md-sidebar, .md-content')]
        .filter(e => e.getBoundingClientRect().width > 0 && getComputedStyle(e).visibility !== 'hidden')
        .map(e => e.className)""")
    assert len(columns) == 2 and not any("secondary" in c for c in columns), columns
    section = next(item for item in site_config(SITE / "mkdocs.yml")["nav"]
                   if isinstance(item, dict) and any("what-is-ipt.md" in str(v) for v in item.values()))
    pages = next(iter(section.values()))
    menu = page.locator(".md-sidebar--primary .md-nav__link:visible").count()
    assert menu >= len(pages), f"the menu beside the article shows {menu} links, the section has {len(pages)} pages"
    width = page.locator(".md-content__inner p").first.bounding_box()["width"]
    size = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.md-content__inner p')).fontSize)")
    assert width / size < 40, f"lines of {width:.0f} px at {size} px text: more than about 75 characters"
    assert not page.locator(".md-top").count(), "the back-to-top button is back"


BAND = """sel => { const box = document.querySelector(sel); if (!box) return null;
  const first = [...box.querySelectorAll('*')].find(e => e.getBoundingClientRect().height > 0 && e.textContent.trim());
  return first.getBoundingClientRect().top - box.getBoundingClientRect().top; }"""


@pytest.mark.browser
@pytest.mark.parametrize("path,box,most", [
    ("contact/", ".clinic-practical", 24), ("faq/", ".clinic-confidentiality", 24),
    # Under the red heading "Call 911 now if": the box's padding, no more.
    ("crisis/", ".clinic-care--emergency .clinic-care__content", 14)])
def test_boxes_start_with_their_words_not_an_empty_band(new_page, base_url, path, box, most):
    page = open_page(new_page, base_url + path)
    gap = page.evaluate(BAND, box)
    assert gap is not None, f"no {box} on {path}"
    assert gap <= most, f"{path}: {gap:.0f} px of empty band at the top of {box}"


@pytest.mark.browser
def test_placeholders_are_calm_in_the_dark_scheme(new_page, base_url):
    page = open_page(new_page, base_url + "fees/", scheme="dark")
    page.wait_for_selector(".clinic-placeholder")
    rgb = page.evaluate("getComputedStyle(document.querySelector('.clinic-placeholder')).backgroundColor")
    r, g, b = (int(x) for x in re.findall(r"\d+", rgb)[:3])
    assert (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255 < 0.25, f"a bright placeholder in the dark scheme: {rgb}"
