"""The first view at the limit (clinicsite/firstview.py, overrides/assets/load-on-use.js):
a page loads without Material's JavaScript bundle and with only the CSS the
site uses; the bundle comes on first use of what needs it, and that first tap
or key press still does its job."""
import gzip
import re

import pytest
from conftest import html_pages, soup

BUNDLE = re.compile(r"/assets/javascripts/bundle\.[0-9a-f]+\.min\.js$")
ARTICLE = "what-is-ipt/"


def requests_of(page):
    urls = []
    page.on("request", lambda r: urls.append(r.url))
    return urls


def fresh(new_page, base_url, path=ARTICLE, **kwargs):
    page = new_page(**kwargs)
    urls = requests_of(page)
    page.goto(base_url + path, wait_until="load")
    return page, urls


def bundle_loaded(urls):
    return any(BUNDLE.search(u) for u in urls)


# ---- what is published --------------------------------------------------------------

def test_pages_link_one_stylesheet_and_no_bundle(site_dir):
    for path in html_pages(site_dir):
        doc = soup(path)
        sheets = [link["href"] for link in doc.select('head link[rel="stylesheet"]')]
        assert len(sheets) == 1 and "/stylesheets/site." in "/" + sheets[0], (path, sheets)
        assert not [s for s in doc.select("script[src]") if BUNDLE.search("/" + s["src"].lstrip("./"))], path
        loader = doc.select("script[data-bundle]")
        assert len(loader) == 1 and loader[0]["src"].endswith("assets/load-on-use.js"), path
        base = path.parent
        for attr in ("data-bundle", "data-styles"):
            assert (base / loader[0][attr]).resolve().is_file() or loader[0][attr].startswith("/"), (path, attr)


def test_first_view_stylesheet_is_a_fraction_of_materials(site_dir):
    sheet = next((site_dir / "assets" / "stylesheets").glob("site.*.css")).read_bytes()
    material = sum(len(p.read_bytes()) for p in (site_dir / "assets" / "stylesheets").glob("*.min.css"))
    assert len(sheet) < 0.7 * material
    # gzip, as a host sends it: Material's two files are 24.7 KB together
    assert len(gzip.compress(sheet)) < 20_000


# ---- in the browser ------------------------------------------------------------------

@pytest.mark.parametrize("width", [390, 800])  # narrower than 60em: wide screens load it at once
def test_page_loads_without_the_bundle(new_page, base_url, width):
    page, urls = fresh(new_page, base_url, width=width)
    page.wait_for_timeout(300)
    assert not bundle_loaded(urls)
    assert not any("search_index" in u for u in urls)
    # The header's buttons are there to be used: search, colour toggle (one shown).
    assert page.locator("label[for='__search']").first.is_visible()
    assert page.locator("[data-md-component=palette] label:not([hidden])").count() == 1


def test_an_articles_first_view_is_at_most_30_kb_gzip(new_page, base_url, site_dir):
    """Everything a phone asks for before the load event, compressed as a host
    sends it: the page, its one stylesheet, the small scripts, the logo."""
    from urllib.parse import urlsplit

    page = new_page()
    made, loaded = [], []
    page.on("request", lambda r: made.append(r.url))
    page.on("load", lambda: loaded.append(len(made)))
    page.goto(base_url + ARTICLE, wait_until="load")
    files = []
    for url in made[:loaded[0]]:
        if not url.startswith(base_url):
            continue
        path = site_dir / urlsplit(url).path.lstrip("/")
        files.append(path / "index.html" if path.is_dir() else path)
    total = sum(len(gzip.compress(f.read_bytes(), 6)) for f in files)
    assert not bundle_loaded(made)
    assert total <= 30 * 1024, f"{total / 1024:.1f} KB: {[f.name for f in files]}"


def test_search_works_from_the_first_tap(new_page, base_url):
    page, urls = fresh(new_page, base_url)
    page.locator("label.md-header__button[for='__search']").click()
    query = page.locator("[data-md-component=search-query]")
    query.wait_for(state="visible")
    page.wait_for_function("() => document.activeElement && document.activeElement.matches('.md-search__input')")
    page.keyboard.type("interpersonal")
    page.locator(".md-search-result__item").first.wait_for(timeout=15000)
    assert bundle_loaded(urls)
    assert page.locator(".md-search-result__item").count() > 0


def test_search_works_from_the_first_key(new_page, base_url):
    # Material opens search from the keyboard where its field is in the
    # header (60em and wider): there the bundle comes at once.
    page, urls = fresh(new_page, base_url, width=1280)
    page.keyboard.press("/")
    page.wait_for_function("() => document.activeElement && document.activeElement.matches('.md-search__input')")
    page.keyboard.type("depression")
    page.locator(".md-search-result__item").first.wait_for(timeout=15000)
    assert bundle_loaded(urls)


def test_colour_toggle_works_from_the_first_tap(new_page, base_url):
    page, urls = fresh(new_page, base_url)
    before = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    page.locator("[data-md-component=palette] label:not([hidden])").click()
    page.wait_for_function(f"() => document.body.getAttribute('data-md-color-scheme') !== {before!r}")
    assert bundle_loaded(urls)
    # and back, now with the bundle running
    page.locator("[data-md-component=palette] label:not([hidden])").click()
    page.wait_for_function(f"() => document.body.getAttribute('data-md-color-scheme') === {before!r}")


def test_colour_toggle_works_from_the_first_key(new_page, base_url):
    page, urls = fresh(new_page, base_url, width=800)
    before = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    page.locator("[data-md-component=palette] input").first.focus()
    page.keyboard.press("Enter")
    page.wait_for_function(f"() => document.body.getAttribute('data-md-color-scheme') !== {before!r}")


# What the body's scheme is once the page's HTML is read, before any script file runs.
SCHEME_AT_READY = """document.addEventListener('DOMContentLoaded', () => {
  window.__schemeAtReady = document.body.getAttribute('data-md-color-scheme');
  window.__backgroundAtReady = getComputedStyle(document.body).backgroundColor; });"""


def brightness(rgb: str) -> int:
    return sum(int(n) for n in re.findall(r"\d+", rgb)[:3])


@pytest.mark.parametrize("scheme", ["dark", "light"])
def test_a_phone_gets_its_own_light_or_dark_page_from_the_first_paint(new_page, base_url, scheme):
    """The scheme used to come with the bundle: a phone in dark mode showed the
    light page until the bundle loaded (8 s later, when idle), then switched."""
    page = new_page(scheme=scheme)
    urls = requests_of(page)
    page.add_init_script(SCHEME_AT_READY)
    page.goto(base_url + ARTICLE, wait_until="load")
    expected = {"dark": "slate", "light": "default"}[scheme]
    assert page.evaluate("window.__schemeAtReady") == expected
    background = brightness(page.evaluate("window.__backgroundAtReady"))
    assert (background < 200) if scheme == "dark" else (background > 600), page.evaluate("window.__backgroundAtReady")
    assert not bundle_loaded(urls)


def test_a_choice_made_with_the_toggle_outlasts_the_phones_setting(new_page, base_url):
    page = new_page(scheme="dark")
    page.goto(base_url + ARTICLE, wait_until="load")
    page.locator("[data-md-component=palette] label:not([hidden])").click()
    page.wait_for_function("() => document.body.getAttribute('data-md-color-scheme') === 'default'")
    page.add_init_script(SCHEME_AT_READY)
    page.goto(base_url, wait_until="load")
    assert page.evaluate("window.__schemeAtReady") == "default"


def test_footnote_tooltip_from_the_first_hover_and_focus(new_page, base_url, site_dir):
    assert soup(site_dir / ARTICLE / "index.html").select("a.footnote-ref"), "the article has no footnote"
    page, urls = fresh(new_page, base_url, width=800)
    mark = page.locator("a.footnote-ref").first
    mark.hover()
    tooltip = page.locator(".md-tooltip2--active")
    tooltip.wait_for(timeout=10000)
    assert "md-tooltip2--active" in tooltip.first.get_attribute("class")
    text = page.locator(".md-tooltip2--active .md-tooltip2__inner").first.inner_text()
    assert text.strip()

    page, urls = fresh(new_page, base_url, width=800)
    page.locator("a.footnote-ref").first.focus()
    page.locator(".md-tooltip2--active").wait_for(timeout=10000)


def test_bundle_comes_when_the_page_is_idle(new_page, base_url):
    page, urls = fresh(new_page, base_url)
    page.wait_for_function("() => document.documentElement.classList.contains('clinic-bundle')", timeout=40000)
    assert bundle_loaded(urls)


def test_menu_opens_without_javascript(new_page, base_url):
    # Reduced motion: the drawer opens without its slide. (With scripts off, a
    # headless page may not advance the slide until it paints, so the links'
    # boxes could stay where the slide started.)
    page = new_page(java_script_enabled=False, reduced_motion="reduce")
    page.goto(base_url + ARTICLE)
    page.locator("label.md-header__button[for='__drawer']").click()
    # Wait until its links are on screen.
    page.wait_for_function("""() => {
      const on = a => { const r = a.getBoundingClientRect();
                        return r.width > 0 && r.height > 0 && r.left >= 0 && r.right <= innerWidth && r.top < innerHeight; };
      const links = [...document.querySelectorAll('.md-sidebar--primary a.md-nav__link')].filter(on);
      return links.length >= 3; }""", polling=200, timeout=20000)  # by time: with scripts off, frames may not tick


# ---- the same savings with Zensical (the publishing step runs as a command there) ---------

@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory):
    import subprocess
    import sys

    from conftest import copy_project

    root = tmp_path_factory.mktemp("zensical-first-view")
    config = copy_project(root)
    for command in (["zensical", "build", "-f", str(config)], ["clinicsite.publish", "site", "--config", str(config)]):
        result = subprocess.run([sys.executable, "-m", *command], cwd=root, capture_output=True, text=True, timeout=300)
        assert result.returncode == 0, result.stdout + result.stderr
    return root / "site"


@pytest.mark.zensical
def test_zensical_site_gets_the_stylesheet_subset_and_keeps_its_bundle(zensical_site, new_page):
    """Zensical gets the one cut stylesheet. Its bundle stays on the page: its
    search dialog does not open from a replayed first tap, and search must work."""
    from clinicsite import browser

    doc = soup(zensical_site / ARTICLE / "index.html")
    assert len(doc.select('head link[rel="stylesheet"]')) == 1
    assert not doc.select("script[data-bundle]") and doc.select("script[src*='javascripts/bundle.']")
    with browser.serve(zensical_site) as url:
        page, urls = fresh(new_page, url)
        before = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
        page.locator("[data-md-component=palette] label:not([hidden])").click()
        page.wait_for_function(f"() => document.body.getAttribute('data-md-color-scheme') !== {before!r}")


# ---- the CSS subset on its own ----------------------------------------------------------

def used(html="", script=""):
    from clinicsite.firstview import Used

    u = Used()
    u.add_html(html)
    u.add_script(script)
    return u


@pytest.mark.generator
def test_subset_keeps_what_pages_use_and_sets_aside_what_only_scripts_add():
    from clinicsite.firstview import subset

    css = (".a{color:red}.b{color:blue}.a .c,.a .d{margin:0}@media print{.b{display:none}.a{display:block}}"
           ".x :is(.a,.zz){top:0}.x :is(.yy,.zz){top:1px}.a:not(.gone){left:0}[dir=rtl] .a{right:0}"
           "p.a{padding:0}table.a{padding:1px}@keyframes spin{to{transform:rotate(1turn)}}")
    pages = used('<p class="a x"><span class="d"></span></p>')
    both = used('<p class="a x"><span class="d"></span></p>', 'el.classList.add("b")')
    now, later = subset(css, pages, both)
    assert ".a{color:red}" in now and ".a .d{margin:0}" in now and ".a .c" not in now
    assert "@media print{.a{display:block}}" in now
    assert ".x :is(.a,.zz){top:0}" in now and ".yy" not in now + later
    assert ".a:not(.gone){left:0}" in now and "[dir=rtl] .a{right:0}" in now
    assert "p.a{padding:0}" in now and "table.a" not in now + later
    assert "@keyframes spin" in now
    assert ".b{color:blue}" in later and "@media print{.b{display:none}}" in later and ".b" not in now


@pytest.mark.generator
def test_subset_keeps_only_the_palette_colours_in_use():
    from clinicsite.firstview import subset

    css = "[data-md-color-primary=custom]{--c:1}[data-md-color-primary=red]{--c:2}[data-md-color-scheme=slate]{--d:1}"
    now, _ = subset(css, used('<body data-md-color-primary="custom"><input data-md-color-scheme="slate">'))
    assert "=custom]" in now and "=slate]" in now and "=red]" not in now


@pytest.mark.generator
def test_custom_properties_nothing_reads_are_dropped_and_those_for_later_rules_move():
    from clinicsite.firstview import custom_properties_used, split_custom_properties

    now_css = ":root{--used:1px;--chain:var(--deep);--deep:2px;--later:3px;--unused:url(\"data:x;y\")}.a{margin:var(--used) var(--chain)}"
    later_css = ".b{margin:var(--later)}"
    read_now = custom_properties_used(now_css, "")
    read_all = custom_properties_used(now_css + later_css, "")
    now, moved = split_custom_properties(now_css, read_now, read_all)
    assert "--used:1px" in now and "--chain" in now and "--deep:2px" in now
    assert "--unused" not in now + moved and "--later" not in now
    assert moved == ":root{--later:3px}"
