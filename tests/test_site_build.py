"""The built site, parsed with a real HTML parser: what every page carries."""
import re

import pytest
from conftest import SITE, clinic, html_pages, site_config, soup

# The pages show the clinic facts: the launch test reruns these on another clinic's copy.
pytestmark = pytest.mark.facts

PAGES = ["index.html", "what-is-ipt/index.html", "404.html"]


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
