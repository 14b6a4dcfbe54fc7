"""The pages speak to a US reader (issue 13): US spelling, UK services only as
evidence, citations that do not clutter, crisis help in the right dose, and
legal pages with what the law asks of them. Each test reads the built pages'
main text (`.md-content`), as a reader sees it."""
import re

import pytest
from conftest import html_pages, soup

from clinicsite import checks

# The pages show the clinic facts: the launch test reruns these on another clinic's copy.
pytestmark = pytest.mark.facts

# 45 CFR 164.520(b)(1)(i): the header a Notice of Privacy Practices must carry, word for word
# (copied from the content brief facts-us.md, section 7; it is legal text, not a clinic fact).
NPP_HEADER = ("THIS NOTICE DESCRIBES HOW MEDICAL INFORMATION ABOUT YOU MAY BE USED AND DISCLOSED AND HOW "
              "YOU CAN GET ACCESS TO THIS INFORMATION. PLEASE REVIEW IT CAREFULLY.")
# What CMS's model Good Faith Estimate notice holds, as facts-us.md section 6 lists it.
GFE_ELEMENTS = [
    'You have the right to receive a "Good Faith Estimate" explaining how much your health care will cost.',
    "do not have insurance", "choose not to use it",                  # who has the right
    "at least 3 business days ahead", "within 1 business day",        # when it is given
    "at least 10 business days ahead", "within 3 business days",
    "at least $400 more", "120 calendar days", "$25 fee",             # the dispute
    "www.cms.gov/nosurprises", "FederalPPDRQuestions@cms.hhs.gov", "1-800-985-3059",  # CMS's contact
]
# Pages that present research, where NHS and NICE may be named as UK context.
EVIDENCE = {"how-ipt-can-help-men", "ipt-and-other-treatments"}
# Pages whose paragraphs report figures: each figure needs its footnote.
FIGURE_PAGES = ["what-is-ipt", "how-ipt-can-help-men", "ipt-and-other-treatments", "depression-in-men",
                "blog/signs-of-depression-that-men-often-miss"]
FIGURE = re.compile(r"\d+(?:\.\d+)?\s?%|\b\d+ in \d+\b|per 100,000|\b\d{1,3},\d{3}\b")
BLOCKS = ["p", "li", "dd", "dt", "td", "th", "summary", "h1", "h2", "h3", "h4"]


def main(path):
    return soup(path).select_one(".md-content")


@pytest.fixture(scope="module")
def pages(site_dir):
    """{page address: its main text element}, for every page with one."""
    found = {}
    for path in html_pages(site_dir):
        content = main(path)
        if content is not None:
            found[path.parent.relative_to(site_dir).as_posix()] = content
    return found


def prose(content):
    """The main text without its footnotes (the list of sources)."""
    return " ".join(s for s in content.find_all(string=True) if not s.find_parent(class_="footnote"))


def statements(content, pattern):
    """Innermost text blocks (a paragraph, a list item, a cell) outside the
    footnotes whose text matches: one sentence naming 988 three times (a line's
    name, call and text) is one statement of it."""
    return [b for b in content.find_all(BLOCKS)
            if re.search(pattern, b.get_text(" ")) and not b.find_parent(class_="footnote")
            and not any(re.search(pattern, inner.get_text(" ")) for inner in b.find_all(BLOCKS))]


def about_risk(address, content):
    """The crisis page, and pages about suicide or risk: they open with a content
    note. The component gallery shows every component, crisis lines included."""
    notes = [t.get_text() for t in content.select(".admonition-title")]
    return address in ("crisis", "gallery") or any("content note" in n.lower() for n in notes)


def test_no_british_spelling_in_the_main_text(pages):
    found = []
    for address, content in pages.items():
        for cite in content.select(".footnote li"):  # a cited source keeps its title's spelling
            for title in cite.find_all("em"):
                title.decompose()
        text = re.sub(r"\"[^\"]*\"|“[^”]*”", " ", content.get_text(" "))
        found += [f"{address}: {m.group(0)}" for m in checks.BRITISH_WORD.finditer(text)]
    assert found == []


def test_the_spelling_rule_knows_the_common_british_forms():
    for uk, us in [("behaviour", "behavior"), ("behavioural", "behavioral"), ("colour", "color"),
                   ("licence", "license"), ("practise", "practice"), ("centre", "center"),
                   ("programme", "program"), ("counselling", "counseling"), ("organisation", "organization"),
                   ("enrol", "enroll"), ("fulfil", "fulfill"), ("favour", "favor")]:
        assert checks.BRITISH_WORD.fullmatch(uk.capitalize()) and checks.BRITISH[uk] == us
    assert not checks.BRITISH_WORD.search("behavior analyses license practice licensed")


def test_no_paragraph_carries_more_than_one_footnote_marker(pages):
    crowded = []
    for address, content in pages.items():
        for block in content.find_all(["p", "li", "tr", "dd"]):
            own = [s for s in block.select("sup[id^=fnref]") if s.find_parent(["p", "li", "tr", "dd"]) is block]
            if len(own) > 1:
                crowded.append(f"{address}: {block.get_text(' ')[:80]}")
    assert crowded == []
    assert sum(len(c.select("sup[id^=fnref]")) for c in pages.values()) > 50  # the pages still cite


@pytest.mark.parametrize("address", FIGURE_PAGES)
def test_every_figure_on_the_evidence_pages_has_its_footnote(pages, address):
    content = pages[address]
    figures = [b for b in content.find_all(["p", "li", "tr"])
               if FIGURE.search(b.get_text(" ")) and not b.find_parent(class_="footnote")
               and not b.find(["p", "li", "tr"])]
    assert figures, f"{address} reports no figure: update FIGURE_PAGES"
    uncited = [b.get_text(" ")[:80] for b in figures
               if not (b.select("sup[id^=fnref]") or (b.name == "tr" and b.find_parent("table").select("sup[id^=fnref]")))]
    assert uncited == []


def test_the_notice_of_privacy_practices_carries_the_required_header(pages):
    text = " ".join(pages["notice-of-privacy-practices"].get_text(" ").split())
    assert NPP_HEADER in text


def test_the_fees_page_has_every_good_faith_estimate_element(pages):
    text = " ".join(pages["fees"].get_text(" ").split())
    assert [e for e in GFE_ELEMENTS if e not in text] == []


def test_988_is_said_at_most_twice_outside_pages_about_risk(pages):
    loud = {a: len(statements(c, r"\b988\b")) for a, c in pages.items() if not about_risk(a, c)}
    assert {a: n for a, n in loud.items() if n > 2} == {}
    assert any(about_risk(a, c) for a, c in pages.items() if a != "crisis")  # the exemption is real


def test_not_an_emergency_service_is_said_at_most_once_per_page(pages):
    twice = {a: n for a, c in pages.items() if a != "gallery" and (n := len(re.findall(r"not an emergency service", c.get_text(" "), re.I))) > 1}
    assert twice == {}


def test_nhs_and_nice_appear_only_on_the_evidence_pages(pages):
    named = sorted(a for a, c in pages.items() if re.search(r"\bNHS\b|\bNICE\b", prose(c)))
    assert set(named) <= EVIDENCE, named
    assert set(named) == EVIDENCE  # still cited where they are evidence


def test_no_page_states_a_uk_service_as_how_sessions_work_here(pages):
    for address, content in pages.items():
        assert not re.search(r"NHS service|in UK NHS services", prose(content)), address


def test_the_faq_does_not_open_with_a_crisis_box(pages):
    first = next(el for el in pages["faq"].select_one("article, .md-content__inner").find_all(recursive=False)
                 if el.name not in ("h1", "a") and el.get_text(strip=True))
    assert "988" not in first.get_text() and "admonition" not in (first.get("class") or [])


def test_a_first_session_comes_first_on_what_to_expect_with_the_clinics_practice(pages):
    content = pages["what-to-expect"]
    assert content.find("h2").get_text(strip=True).startswith("What is a first session like?")
    assert content.select(".clinic-practical")


def test_the_sick_role_is_explained_where_it_first_appears(pages):
    for address, content in pages.items():
        first = next((b for b in content.find_all(["p", "li"]) if "sick role" in b.get_text().lower()), None)
        if first is not None:
            assert "not your fault" in first.get_text() and "for a while" in first.get_text(), address


def test_research_limits_for_men_are_stated_once_not_on_every_page(pages):
    assert not [a for a, c in pages.items() if re.search(r"made just for men", c.get_text(), re.I)]
    said = {a: len(re.findall(r"no trial (?:shows|found)|know of no trial", prose(c), re.I)) for a, c in pages.items()}
    assert max(said.values()) <= 1 and sum(said.values()) <= 3, said


def test_every_page_on_the_limits_of_privacy_states_them_from_one_component(pages):
    mentions = [a for a, c in pages.items()
                if re.search(r"kept private|stays private|limits of privacy|imminent threat", prose(c), re.I)
                and a not in ("gallery", "privacy")]
    assert mentions
    for address in mentions:
        box = pages[address].select_one(".clinic-confidentiality")
        assert box, address
        text = box.get_text(" ")
        assert "serious and imminent threat" in text and "child" in text and "court orders" in text
