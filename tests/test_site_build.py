"""The built site, parsed with a real HTML parser: what every page carries.
Every test here runs on the MkDocs build and on the Zensical build."""
import re
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
import yaml
from conftest import SITE, clinic, html_pages, site_config, soup

# On both engines; the pages show the clinic facts, so the launch test reruns these too.
pytestmark = [pytest.mark.engines, pytest.mark.facts]

PAGES = ["index.html", "what-is-ipt/index.html", "404.html"]


def target_of(site_dir: Path, page: Path, ref: str) -> Path | None:
    """The file a reference of a page leads to on a static host, or None when it
    leaves the site (another scheme or host) or is only a fragment."""
    parts = urlsplit(ref)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    if page.name == "404.html":  # served at any address: its references are from the root
        base = "http://site/" + urlsplit(site_config()["site_url"]).path.lstrip("/")
        path = urlsplit(urljoin(base, ref)).path.removeprefix(urlsplit(site_config()["site_url"]).path)
    else:
        here = "http://site/" + page.relative_to(site_dir).as_posix()
        path = urlsplit(urljoin(here, ref)).path.lstrip("/")
    target = site_dir / unquote(path)
    return target / "index.html" if path.endswith("/") or target.is_dir() else target


def test_every_stylesheet_script_image_and_internal_link_exists(site_dir):
    missing, seen = [], set()
    for page in html_pages(site_dir):
        doc = soup(page)
        for tag, attr in (("link", "href"), ("script", "src"), ("img", "src"), ("a", "href"), ("source", "src")):
            for el in doc.find_all(tag, attrs={attr: True}):
                if tag == "link" and {"canonical", "alternate"} & set(el.get("rel") or []):
                    continue  # addresses for search engines and feeds, never fetched by the page
                target = target_of(site_dir, page, el[attr])
                if target is not None:
                    seen.add(target)
                    if not target.is_file():
                        missing.append(f"{page.relative_to(site_dir)}: <{tag} {attr}={el[attr]!r}>")
    assert missing == []
    kinds = {t.suffix for t in seen}
    assert {".css", ".js", ".html", ".svg"} <= kinds, kinds  # the check above really looked


def front_matter(site_dir: Path, page: Path) -> dict:
    """The front matter of the Markdown file a page was built from ({} for generated pages)."""
    path = page.relative_to(site_dir).as_posix().removesuffix("index.html").rstrip("/")
    for source in (SITE / "docs" / f"{path}.md", SITE / "docs" / path / "index.md") if path else [SITE / "docs" / "index.md"]:
        if source.is_file():
            text = source.read_text(encoding="utf-8")
            return yaml.safe_load(text.split("---")[1]) if text.startswith("---") else {}
    return {}


def test_short_pages_hide_the_table_of_contents(site_dir):
    """A page with fewer than four sections reads as one column; longer pages keep
    the contents. With `toc.integrate` (MkDocs) there is no contents column at
    all: every page is one column, and a long page's sections are listed under
    it in the menu instead."""
    shown = hidden = integrated = 0
    for page in html_pages(site_dir):
        doc = soup(page)
        toc = doc.select_one('[data-md-type="toc"]')
        article = doc.select_one("article")
        if article is None or doc.select_one(".md-post"):
            continue
        sections = article.find_all("h2", id=True)  # the headings the contents would list
        if toc is None:
            if "toc" not in (front_matter(site_dir, page).get("hide") or []) and len(sections) >= 4 and doc.select_one(".md-sidebar--primary .md-nav__link--active"):
                menu = {a.get("href", "").split("#")[-1] for a in doc.select(".md-sidebar--primary a[href*='#']")}
                assert {h["id"] for h in sections} <= menu, f"{page}: its sections are not in the menu"
                integrated += 1
            continue
        if "toc" in (front_matter(site_dir, page).get("hide") or []):
            assert toc.has_attr("hidden"), page
            continue
        if toc.has_attr("hidden"):
            hidden += 1
            assert len(sections) < 4, f"{page}: {len(sections)} sections, and no table of contents"
        else:
            shown += 1
            assert len(sections) >= 4, f"{page}: a table of contents for {len(sections)} sections"
    if not (shown or hidden or integrated) and (site_dir / "search.json").is_file():  # Zensical's search index
        pytest.xfail("Zensical 0.0.73 ignores toc.integrate and writes no contents list: long pages have none there")
    assert (shown and hidden) or integrated


def test_build_writes_the_home_page_and_the_article(site_dir):
    for page in PAGES:
        assert (site_dir / page).is_file(), page


def test_every_page_shows_the_clinic_phone_and_crisis_line_in_header_and_footer(site_dir):
    phone, email = f"tel:{clinic()['phone']['e164']}", f"mailto:{clinic()['email']}"
    for page in html_pages(site_dir):
        doc = soup(page)
        header, footer = doc.find("header"), doc.find("footer")
        assert header.find("a", href=phone), f"{page}: no call link in the header"
        assert header.find("a", href="tel:988"), f"{page}: no crisis line in the header"
        assert footer.find("a", href=phone), f"{page}: no phone in the footer"
        assert footer.find("a", href=email), f"{page}: no email in the footer"
        assert footer.find("a", href="sms:988"), f"{page}: no text line in the footer"
        assert "not an emergency service" in footer.get_text(), page


def test_no_page_loads_anything_from_another_host(site_dir):
    for page in html_pages(site_dir):
        doc = soup(page)
        for tag, attr in (("script", "src"), ("link", "href"), ("img", "src"), ("iframe", "src"), ("source", "src")):
            for el in doc.find_all(tag):
                url = el.get(attr) or ""
                if tag == "link" and el.get("rel") == ["canonical"]:
                    continue  # an address for search engines, never fetched
                assert not re.match(r"^(https?:)?//", url), f"{page}: <{tag}> loads {url}"


def test_no_documentation_chrome(site_dir):
    for page in html_pages(site_dir):
        text = soup(page).get_text(" ")
        assert "Made with" not in text and "Material for MkDocs" not in text, page
    home = soup(site_dir / "index.html")
    assert home.select_one('[data-md-type="navigation"][hidden]'), "the home page shows the left navigation"


def test_home_page_hero_has_one_primary_action_and_cards_from_markdown(site_dir):
    home = soup(site_dir / "index.html")
    hero = home.select_one(".clinic-hero")
    assert hero.find("h1").get_text(strip=True)
    assert "interpersonal psychotherapy" in hero.get_text().lower() and "men" in hero.get_text().lower()
    assert len(hero.select(".md-button--primary")) == 1
    cards = home.select(".grid.cards li a")
    assert any(a["href"].rstrip("/").endswith("what-is-ipt") for a in cards)


def test_page_titles_and_descriptions(site_dir):
    article = soup(site_dir / "what-is-ipt/index.html")
    assert article.title.get_text() == f"What is interpersonal psychotherapy? - {site_config()['site_name']}"
    assert len(article.find("meta", attrs={"name": "description"})["content"]) >= 50
    assert article.find("h1").get_text(strip=True).startswith("What is interpersonal psychotherapy?")


def test_no_phone_number_or_email_is_written_outside_the_clinic_facts():
    """A phone number lives in exactly one place: mkdocs.yml `extra: clinic:`."""
    facts = (clinic()["phone"]["display"], clinic()["phone"]["e164"], clinic()["email"])
    for folder in ("docs", "overrides"):
        for path in (SITE / folder).rglob("*"):
            if path.is_file() and path.suffix in {".md", ".html", ".css", ".js", ".yml"}:
                text = path.read_text(encoding="utf-8")
                assert not any(fact in text for fact in facts), path
