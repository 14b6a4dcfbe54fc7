"""Crisis help in the right dose, and the five articles of issue 13.

The crisis page lists every line of the region's preset with real tap-to-call,
tap-to-text and chat links and buttons a thumb can hit; the header and footer
still lead with the first line; the new articles pass every check and axe, keep
crisis wording to what their subject needs, and are two taps from home."""
import datetime as dt
import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import markdown
import pytest
from conftest import SITE, TEST_TODAY, soup
from test_accessibility import describe, open_in_scheme, violations_of

from clinicsite import checks, facts

ARTICLES = ["worried-about-someone", "signs-of-depression", "why-a-clinic-for-men",
            "medication-and-ipt", "when-ipt-may-not-be-first"]
# The one new article about suicide and risk; the others keep crisis lines to a minimum.
ABOUT_RISK = {"worried-about-someone"}

CONFIG, _ = facts.load(SITE / "mkdocs.yml")
EXTRA = CONFIG["extra"]
PRESET = EXTRA["crisis_presets"][EXTRA["clinic"]["crisis"]["region"]]
LINES = PRESET["lines"]


def sms(line):
    return f"sms:{line['text']}" + (f"?&body={line['keyword']}" if line.get("keyword") else "")


def expected_links(line):
    out = []
    if line.get("call"):
        out.append(f"tel:{line['call']}")
    if line.get("text"):
        out.append(sms(line))
    if line.get("tty"):
        out.append(f"tel:{line['tty']}")
    if line.get("chat"):
        out.append(line["chat"])
    return out


# ---- the preset and the crisis page -------------------------------------------

def test_the_preset_has_the_lines_the_issue_names():
    names = " | ".join(line["name"] for line in LINES)
    for wanted in ("Spanish", "Veterans Crisis Line", "Trevor Project", "SAMHSA"):
        assert wanted in names, f"no {wanted} line in extra.crisis_presets"
    assert any(line.get("chat") for line in LINES), "no chat link"
    assert all(line.get("chat") for line in LINES if "Veterans" in line["name"]), "no Veterans Crisis Line chat"
    assert all(line.get("tty") for line in LINES if "SAMHSA" in line["name"]), "no TTY line for SAMHSA's helpline"
    # 988's LGBTQ+ youth option (press 3) ended in July 2025.
    assert all(str(line.get("press", "")) != "3" for line in LINES)
    for line in LINES:
        for href in expected_links(line):
            assert re.fullmatch(r"tel:\+?\d+|sms:\d+(\?&body=[A-Z]+)?|https://[^\s\"'<>]+", href), (line["name"], href)


def test_crisis_page_lists_every_line_with_working_links(site_dir):
    page = soup(site_dir / "crisis" / "index.html")
    box = page.select_one(".clinic-crisis-lines--buttons")
    assert box, "the crisis page has no crisis buttons"
    cards = {c.select_one(".clinic-crisis-line__name").get_text(strip=True): c for c in box.select(".clinic-crisis-line")}
    for line in LINES:
        card = cards.get(line["name"])
        assert card is not None, f"{line['name']} is not on the crisis page"
        hrefs = [a["href"] for a in card.select("a.clinic-crisis-button")]
        assert hrefs == expected_links(line), line["name"]
        for a in card.select("a.clinic-crisis-button"):
            # The button's name says which line it reaches; several lines share a number.
            assert line["name"] in a.get_text(" ", strip=True)
        if line.get("call"):
            call = card.select_one("a.clinic-crisis-button--call").get_text(" ", strip=True)
            assert str(line.get("display") or line["call"]) in call
            if line.get("press"):
                assert f"press {line['press']}" in call
        if line.get("keyword"):
            assert line["keyword"] in card.select_one("a.clinic-crisis-button--text").get_text()
    emergency = box.select_one(".clinic-crisis-lines__emergency a.clinic-crisis-button")
    assert emergency["href"] == f"tel:{PRESET['emergency']['e164']}"
    assert "press 3" not in page.select_one("article").get_text(" ").lower()


def test_header_and_footer_lead_with_the_first_line(site_dir):
    first_call = next(line for line in LINES if line.get("call"))
    first_text = next(line for line in LINES if line.get("text"))
    page = soup(site_dir / "what-is-ipt" / "index.html")
    bar = page.select_one(".clinic-crisis-bar")
    assert [a["href"] for a in bar.select("a[href^='tel:'], a[href^='sms:']")][:2] == \
        [f"tel:{first_call['call']}", sms(first_text)]
    sentence = page.select_one(".clinic-footer #footer-crisis").find_next("p")
    words = " ".join(sentence.get_text(" ").split())
    assert "If you are thinking about ending your life, call" in words
    assert "might act" not in words
    assert sentence.find("a", href=f"tel:{first_call['call']}") and sentence.find("a", href=sms(first_text))


def _render(preset_lines, text="/// crisis-lines\n    buttons: true\n///\n"):
    presets = {"US": {"verified": "2026-11-26", "emergency": {"label": "Emergency", "number": "911", "e164": "911"},
                      "lines": preset_lines}}
    md = markdown.Markdown(extensions=["clinicsite.components"], extension_configs={"clinicsite.components": {
        "clinic": {"crisis": {"region": "US"}}, "crisis_presets": presets}})
    return soup_of(md.convert(text))


def soup_of(html):
    from bs4 import BeautifulSoup
    return BeautifulSoup(html, "html.parser")


def test_a_chat_link_must_be_https_and_text_is_escaped():
    doc = _render([{"name": "A <b>line</b> & co", "call": "988", "press": "1",
                    "chat": "javascript:alert(1)"},
                   {"name": "Plain", "text": "741741", "keyword": "HOME", "chat": "http://example.net/chat"}])
    assert not doc.select("a[href^='javascript:'], a[href^='http:']")
    assert "A <b>line</b> & co" in doc.select_one(".clinic-crisis-line .clinic-crisis-line__name").get_text()
    assert not doc.find("b")
    # The list form, used on other pages, says the same.
    listed = _render([{"name": "Vets", "call": "988", "press": "1", "text": "838255"}], "/// crisis-lines\n///\n")
    assert "call 988, then press 1, or text 838255" in listed.get_text()


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_crisis_buttons_are_big_enough_for_a_thumb(new_page, base_url, scheme):
    page = new_page(width=390, scheme=scheme)
    open_in_scheme(page, base_url + "crisis/", scheme)
    buttons = page.locator(".clinic-crisis-button")
    assert buttons.count() == 1 + sum(len(expected_links(line)) for line in LINES)
    for i in range(buttons.count()):
        box = buttons.nth(i).bounding_box()
        assert box["height"] >= 44 and box["width"] >= 44, (buttons.nth(i).inner_text(), box)
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390, "a button runs off the screen"


# ---- the five new articles -------------------------------------------------------

@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", ["crisis/"] + [f"{a}/" for a in ARTICLES])
def test_crisis_page_and_new_articles_pass_axe(new_page, base_url, path, scheme):
    page = new_page(width=390, scheme=scheme)
    open_in_scheme(page, base_url + path, scheme)
    violations = violations_of(page)
    assert violations == [], describe(violations)


def test_new_articles_pass_every_check():
    today = dt.date.fromisoformat(TEST_TODAY)
    for mode in ("test", "production"):
        ctx, problems = checks.run(SITE / "mkdocs.yml", mode=mode, today=today)
        for name in ARTICLES:
            assert f"{name}.md" in ctx.sources, f"docs/{name}.md is missing"
            mine = [str(p) for p in problems if Path(p.file).name == f"{name}.md"]
            assert mine == [], "\n".join(mine)
            assert ctx.grade_of(ctx.sources[f"{name}.md"]) <= float(ctx.settings["reading_grade_max"])


@pytest.mark.parametrize("name", ARTICLES)
def test_new_articles_keep_crisis_wording_and_footnotes_in_proportion(site_dir, name):
    article = soup(site_dir / name / "index.html").select_one("article")
    text = article.get_text(" ")
    assert len(re.findall(r"not an emergency service", text, re.I)) <= 1
    lines = article.select(".clinic-crisis-lines")
    assert len(lines) == (1 if name in ABOUT_RISK else 0)
    if name not in ABOUT_RISK:
        assert len(re.findall(r"\b988\b", text)) <= 2
    for p in article.select("p"):
        if p.find_parent(class_="footnote"):
            continue
        markers = p.select("sup[id^='fnref']")
        assert len(markers) <= 1, p.get_text()[:80]
        if markers:
            after = "".join(str(s) for s in markers[0].next_siblings).strip()
            assert after == "", f"footnote not at the end of: {p.get_text()[:80]}"


def _links(site_dir: Path, url_path: str) -> dict[str, int]:
    """The site paths a page links to, from its built HTML, with the taps each
    takes: one for a link on the page, two for one in the menu (its section,
    then the page)."""
    file = site_dir / url_path.strip("/") / "index.html" if url_path.endswith("/") else site_dir / url_path.strip("/")
    if not file.is_file():
        return {}
    doc = soup(file)
    menu = {id(a) for drawer in doc.select(".md-sidebar--primary") for a in drawer.select("a[href]")}
    out = {}
    for a in doc.select("a[href]"):
        target = urlsplit(urljoin("http://site" + url_path, a["href"]))
        if target.netloc == "site":
            taps = 2 if id(a) in menu else 1
            out[target.path] = min(taps, out.get(target.path, taps))
    return out


def test_new_articles_are_two_taps_from_home(site_dir):
    taps = dict(_links(site_dir, "/"))
    for page, first in list(taps.items()):
        if first == 1:
            for target, more in _links(site_dir, page).items():
                taps[target] = min(first + more, taps.get(target, 99))
    for name in ARTICLES:
        assert taps.get(f"/{name}/", 99) <= 2, f"{name} is more than two taps from the home page"
