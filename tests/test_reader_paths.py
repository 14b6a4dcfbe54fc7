"""The pages a reader is sent to are linked from where he looks, the US crisis
lines carry the Veterans Crisis Line's chat and SAMHSA's TTY line, and a
page's sources sit folded under one "Sources" heading that opens from a
footnote marker."""
from __future__ import annotations

import pytest

from conftest import site_config, soup
from clinicsite.formats import preset


def _links(site_dir, page):
    return [a["href"] for a in soup(site_dir / page / "index.html").select(".md-content a[href]")]


@pytest.mark.parametrize("target,pages", [
    ("who-will-find-out", ["", "faq/", "privacy/"]),
    ("for-partners-and-family", ["worried-about-someone/", "depression-in-men/", "faq/"]),
    ("veterans-and-service-members", [""]),
])
def test_the_new_pages_are_linked_from(site_dir, target, pages):
    for page in pages:
        assert any(h.split("#")[0].rstrip("/").endswith(target) for h in _links(site_dir, page)), (target, page)


def test_the_crisis_page_has_the_veterans_chat_and_every_tty_line(site_dir):
    extra = site_config()["extra"]
    lines = preset({"clinic": extra["clinic"], "crisis_presets": extra["crisis_presets"]}).get("lines") or []
    box = soup(site_dir / "crisis" / "index.html").select_one(".clinic-crisis-lines")
    for line in lines:
        if line.get("chat"):
            assert box.find("a", href=line["chat"]), line["name"]
        if line.get("tty"):
            tty = box.find("a", href=f"tel:{line['tty']}")
            assert tty and (line.get("tty_display") or line["tty"]) in tty.get_text(), line["name"]


@pytest.mark.browser
def test_a_footnote_marker_opens_the_sources_and_its_back_link_returns(new_page, base_url):
    page = new_page(width=1280, height=800)
    page.goto(base_url + "what-is-ipt/")
    fold = page.locator("details.clinic-sources")
    assert fold.count() == 1 and not fold.evaluate("d => d.open")
    assert fold.locator("summary").inner_text() == "Sources"
    marker = page.locator("a.footnote-ref").first
    note = page.locator(f"[id='{marker.get_attribute('href')[1:]}']")
    assert not note.is_visible()
    marker.hover()  # the tooltip shows the note without opening anything
    assert page.locator(".md-tooltip2--active").first.inner_text().strip()[:20] == note.text_content().strip()[:20]
    marker.click()
    assert fold.evaluate("d => d.open") and note.is_visible()
    note.locator("a.footnote-backref").click()
    page.wait_for_function("() => location.hash.startsWith('#fnref')")
    assert page.locator("sup[id^='fnref']").first.is_visible()
