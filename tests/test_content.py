"""The articles keep the promises of the content brief: figures are cited, the
corrections hold, pages that mention suicide carry crisis help, every page ends
with a call to action, everything is two clicks from home, and search works."""
import heapq
import re
from urllib.parse import urljoin, urlsplit

import pytest
from conftest import SITE, site_config, soup

from clinicsite import checks

# The pages show the clinic facts: the launch test reruns these on another clinic's copy.
pytestmark = pytest.mark.facts

FIGURE = re.compile(r"\d+(?:\.\d+)?\s?%|\b[dg]\s?=\s?[−-]?\d|\bNNT\b|per 100,000|\b\d{2,3},\d{3}\b")


@pytest.fixture(scope="module")
def ctx():
    return checks.context(SITE / "mkdocs.yml")


def pages(ctx):
    return [s for s in ctx.sources.values() if s.rel not in ("docs/gallery.md",)]


def test_every_figure_carries_a_footnote(ctx):
    uncited = []
    for src in pages(ctx):
        for piece in src.pieces:
            figure = FIGURE.search(piece.text.replace("200%", ""))  # "zoom to 200%" is not a statistic
            if piece.kind in ("paragraph", "item") and figure and "[^" not in piece.text:
                uncited.append(f"{src.rel}:{piece.line}: {piece.text[:80]}")
    assert uncited == []


def test_pages_with_footnotes_list_their_sources(site_dir, ctx):
    for src in pages(ctx):
        if "[^" in src.text:
            assert re.search(r"^\[\^[^\]]+\]:", src.text, re.M), src.rel


def test_grief_means_a_death_and_other_losses_are_role_transitions(ctx):
    focus = ctx.sources["focus-areas.md"].text.lower()
    grief = focus.split("grief", 1)[1][:1500]
    assert "died" in grief or "death" in grief
    for src in pages(ctx):
        for sentence in re.split(r"(?<=[.!?])\s+", src.text):
            s = sentence.lower()
            if "grief" in s and re.search(r"divorce|job loss|losing a job|lost (?:a|his|your) job", s):
                assert re.search(r"\bnot\b|transition|change", s), f"{src.rel}: {sentence}"
    transitions = focus[focus.index("transition"):]
    assert "divorce" in transitions and ("job" in transitions) and "father" in transitions and "retire" in transitions


def test_pages_that_mention_suicide_carry_a_content_note_and_crisis_lines(ctx):
    for src in pages(ctx):
        body = src.text[src.text.find("---", 3):]
        about = re.sub(r"Suicide (?:&|and) Crisis Lifeline", "", body)  # the line's name is not a mention
        if re.search(r"suicid", about, re.I) and src.rel not in ("docs/crisis.md",):
            first_block = next(p for p in src.pieces if p.kind in ("block", "paragraph", "heading"))
            assert first_block.kind == "block" and "content note" in src.lines[first_block.line - 1].lower(), src.rel
            assert "988" in body and "911" in body, src.rel


def test_every_page_ends_with_a_call_to_action(site_dir, ctx):
    for src in pages(ctx):
        if (src.meta or {}).get("cta") == "none" or (src.meta or {}).get("template") == "home.html":
            continue
        rel = src.rel[len("docs/"):]
        html = site_dir / ("index.html" if rel == "index.md" else rel[:-3].removesuffix("/index") + "/index.html")
        if not html.exists():  # blog posts live under their slug
            continue
        article = soup(html).select_one("article.md-content__inner")
        blocks = [c for c in article.find_all(recursive=False) if c.name]
        ctas = [i for i, c in enumerate(blocks) if "clinic-cta" in (c.get("class") or [])]
        assert ctas, src.rel
        after = [c.get("class") for c in blocks[ctas[-1] + 1:]]
        assert all(cls and cls[0] in ("clinic-review", "clinic-edit") for cls in after), (src.rel, after)


def test_blog_posts_keep_their_date_author_read_time_and_category(site_dir):
    post = soup(next((site_dir / "blog").glob("understanding-*/index.html")))
    assert post.find("time", attrs={"datetime": re.compile("^2025-12-22")})
    text = post.get_text(" ")
    assert "min read" in text and "Understanding IPT" in text and "The clinic team" in text


def test_every_public_page_is_within_two_clicks_of_home(site_dir):
    import xml.etree.ElementTree as ET

    locs = ET.parse(site_dir / "sitemap.xml").iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")
    wanted = {urlsplit(loc.text.strip()).path for loc in locs}
    wanted = {p for p in wanted if not p.startswith(("/blog/archive/", "/blog/category/"))}  # listings, not articles
    site = urlsplit(site_config()["site_url"])
    base = f"{site.scheme}://{site.netloc}"
    depth = {"/": 0}
    queue = [(0, "/")]
    while queue:
        taps, path = heapq.heappop(queue)
        if taps > depth[path] or taps == 2:
            continue
        file = site_dir / path.lstrip("/") / "index.html" if path.endswith("/") else site_dir / path.lstrip("/")
        if not file.exists():
            continue
        doc = soup(file)
        # A page in the menu costs two taps: its section, then the page.
        menu = {id(a) for drawer in doc.select(".md-sidebar--primary") for a in drawer.find_all("a", href=True)}
        for a in doc.find_all("a", href=True):
            target = urlsplit(urljoin(base + path, a["href"]))
            cost = taps + (2 if id(a) in menu else 1)
            if target.netloc == site.netloc and cost <= 2 and cost < depth.get(target.path, 3):
                depth[target.path] = cost
                heapq.heappush(queue, (cost, target.path))
    far = sorted(p for p in wanted if p not in depth)
    assert far == [], far


@pytest.mark.browser
@pytest.mark.parametrize("query,expected", [("grief", "focus-areas/"), ("988", "crisis/"),
                                            ("first session", "what-to-expect/"), ("cost", "fees/")])
def test_site_search_finds_the_right_pages(new_page, base_url, query, expected):
    page = new_page(width=1280, height=900)
    page.goto(base_url, wait_until="load")
    page.locator("input.md-search__input").click()
    page.locator("input.md-search__input").press_sequentially(query, delay=20)
    page.wait_for_selector(".md-search-result__item")
    hrefs = page.eval_on_selector_all(".md-search-result__item > a", "els => els.map(e => e.href)")
    assert any(urlsplit(h).path.endswith("/" + expected) for h in hrefs[:5]), hrefs[:5]
