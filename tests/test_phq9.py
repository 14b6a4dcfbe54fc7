"""The PHQ-9 mood check (/// phq9 on "Check your mood"): the instrument's own
words, scored in the browser, item 9 first to the crisis lines, nothing sent
or stored, usable by keyboard and without JavaScript."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from conftest import ROOT, soup

PAGE = "check-your-mood/"


# ---- the instrument, as the content brief gives it -----------------------------------

COPY = ROOT / "tests" / "fixtures" / "phq9-facts.md"


def _brief() -> Path | None:
    for parent in (ROOT.parent, ROOT.parent.parent):  # the main checkout, or a worktree beside it
        path = parent / "shared" / "content" / "facts.md"
        if path.exists():
            return path
    return None


def instrument(path: Path | None = None) -> dict:
    """The PHQ-9 of facts.md from ../shared/content when this repository sits beside
    it, else of the committed copy of that section."""
    text = (path or _brief() or COPY).read_text(encoding="utf-8")
    section = text[text.index("## 5. PHQ-9"):]
    section = section[:section.index("\n## ", 10)]
    words = section[section.index("The instrument's own words"):]
    tenth = re.search(r'Tenth question, not scored: "([^"]+)" \S (.+)$', words, re.M)
    return {
        "stem": re.search(r'Stem: "([^"]+)"', words).group(1),
        "answers": [a for a, _ in sorted(re.findall(r'"([^"]+)" \((\d)\)', words), key=lambda x: x[1])],
        "items": [t for _, t in re.findall(r'^\s*- (\d) "(.+)"$', words, re.M)],
        "tenth": tenth.group(1),
        "tenth_answers": re.findall(r'"([^"]+)"', tenth.group(2)),
        "attribution": re.search(r'Attribution line to show with it: "(.+)"', words).group(1),
        "bands": [(int(lo), int(hi), name) for lo, hi, name
                  in re.findall(r"^\s*\| (\d+)\D(\d+) \| ([a-z ]+?) \|", section, re.M)],
    }


def test_the_committed_copy_is_the_brief():
    if _brief() is None:
        pytest.skip("the content brief is not beside this repository")
    assert instrument(COPY) == instrument(_brief())


def band_of(total: int) -> tuple[int, int, str]:
    return next(b for b in instrument()["bands"] if b[0] <= total <= b[1])


def test_the_brief_is_read_whole():
    """Guards the parser: a brief it half-read would make the word test pass on nothing."""
    i = instrument()
    assert len(i["items"]) == 9 and len(i["answers"]) == 4 and len(i["tenth_answers"]) == 4
    assert [b[0] for b in i["bands"]] == [0, 5, 10, 15, 20] and i["bands"][-1][1] == 27


def test_the_items_match_the_brief_word_for_word(site_dir):
    i = instrument()
    box = soup(site_dir / PAGE / "index.html").select_one(".clinic-phq9")
    assert box.select_one(".clinic-phq9__stem").get_text() == i["stem"]
    fieldsets = box.select("fieldset")
    assert [f.select_one("legend .clinic-phq9__words").get_text() for f in fieldsets] == i["items"] + [i["tenth"]]
    for f in fieldsets[:9]:
        assert [a.get_text() for a in f.select(".clinic-phq9__answer-words")] == i["answers"]
        assert [r["value"] for r in f.select("input[type=radio]")] == ["0", "1", "2", "3"]
    assert [a.get_text() for a in fieldsets[9].select(".clinic-phq9__answer-words")] == i["tenth_answers"]
    assert box.select_one(".clinic-phq9__attribution").get_text() == i["attribution"]
    # The bands the page prints for adding up by hand are the brief's.
    rows = [[td.get_text() for td in tr.select("td")] for tr in box.select(".clinic-phq9__by-hand tbody tr")]
    assert rows == [[f"{lo} to {hi}", name] for lo, hi, name in i["bands"]]


def test_one_legend_per_question_and_no_form_to_submit(site_dir):
    box = soup(site_dir / PAGE / "index.html").select_one(".clinic-phq9")
    assert all(len(f.find_all("legend", recursive=False)) == 1 for f in box.select("fieldset"))
    # No <form>: nothing can be submitted, so no answer can reach the address bar or a server.
    assert box.find_parent("form") is None and box.select("form, button[type=submit], input[type=submit]") == []


@pytest.mark.parametrize("page", ["", "signs-of-depression/", "is-ipt-right-for-me/"])
def test_the_check_is_linked_from(site_dir, page):
    links = soup(site_dir / page / "index.html").select(".md-content a[href]")
    assert any(a["href"].rstrip("/").endswith("check-your-mood") for a in links)


# ---- in the browser ---------------------------------------------------------------------

def _settle(page):
    """The page's own loading is over, its deferred scripts included (on a busy
    machine "network idle" can come before them), so any request after this is one
    the check made."""
    page.wait_for_function("() => document.readyState === 'complete'")


def _open(new_page, base_url, **kwargs):
    page = new_page(**kwargs)
    page.goto(base_url + PAGE, wait_until="networkidle")
    _settle(page)
    return page


def _answer(page, answers):
    for n, value in enumerate(answers, 1):
        page.check(f'.clinic-phq9 input[name="phq9-{n}"][value="{value}"]')


@pytest.mark.browser
@pytest.mark.parametrize("answers", [
    [0] * 9,
    [1, 1, 1, 1, 0, 0, 0, 0, 0],        # 4: the top of the lowest band
    [1, 1, 1, 1, 1, 0, 0, 0, 0],        # 5
    [2, 2, 2, 1, 2, 0, 0, 0, 0],        # 9
    [2, 2, 2, 2, 2, 0, 0, 0, 0],        # 10
    [3, 3, 3, 2, 3, 0, 0, 0, 0],        # 14
    [3, 3, 3, 3, 3, 0, 0, 0, 0],        # 15
    [3, 3, 3, 3, 3, 2, 2, 0, 0],        # 19
    [3, 3, 3, 3, 3, 3, 2, 0, 0],        # 20
    [3, 3, 3, 3, 3, 3, 3, 3, 0],        # 24
])
def test_the_total_and_band_for_each_answer_set(new_page, base_url, answers):
    page = _open(new_page, base_url)
    _answer(page, answers)
    page.click(".clinic-phq9__add")
    result = page.locator(".clinic-phq9__result")
    total = sum(answers)
    low, high, band = band_of(total)
    assert result.locator(".clinic-phq9__total").inner_text() == f"Your score is {total} out of 27."
    assert f"from {low} to {high} is called \u201c{band}\u201d" in result.inner_text()
    assert "not a diagnosis" in result.inner_text()
    assert page.evaluate("document.activeElement.classList.contains('clinic-phq9__result')")
    assert not page.locator(".clinic-phq9__urgent").is_visible()  # question 9 was "Not at all"


@pytest.mark.browser
def test_a_missing_answer_is_named_not_scored(new_page, base_url):
    page = _open(new_page, base_url)
    for n in (1, 2, 4, 5, 6, 7, 8, 9):  # question 3 left out
        page.check(f'.clinic-phq9 input[name="phq9-{n}"][value="0"]')
    page.click(".clinic-phq9__add")
    result = page.locator(".clinic-phq9__result")
    assert "Please answer question 3 first" in result.inner_text()
    assert result.locator(".clinic-phq9__total").count() == 0


@pytest.mark.browser
def test_question_9_shows_the_crisis_lines_at_once_and_before_any_score(new_page, base_url):
    page = _open(new_page, base_url)
    urgent = page.locator(".clinic-phq9__urgent")
    assert not urgent.is_visible()
    _answer(page, [0] * 8)
    # By keyboard, as someone who cannot use a mouse would: Tab to question 9, arrow to "Several days".
    page.focus('.clinic-phq9 input[name="phq9-9"][value="0"]')
    page.keyboard.press("Space")
    assert not urgent.is_visible()
    page.keyboard.press("ArrowDown")
    assert page.locator('.clinic-phq9 input[name="phq9-9"][value="1"]').is_checked()
    assert urgent.is_visible()
    assert page.evaluate("document.activeElement.classList.contains('clinic-phq9__urgent')")
    assert "talk to someone today" in urgent.inner_text()
    assert urgent.locator('a[href^="tel:"]').first.is_visible()
    assert not page.locator(".clinic-phq9__result").is_visible()  # no score yet: the lines come first
    page.click(".clinic-phq9__add")
    result = page.locator(".clinic-phq9__result")
    assert "Your score is 1 out of 27." in result.inner_text() and "question 9" in result.inner_text()
    # The crisis lines come before the score, in reading order too.
    assert page.evaluate("""() => {
        const u = document.querySelector('.clinic-phq9__urgent'), r = document.querySelector('.clinic-phq9__result');
        return !!(u.compareDocumentPosition(r) & Node.DOCUMENT_POSITION_FOLLOWING);
    }""")


@pytest.mark.browser
def test_nothing_leaves_the_page_and_nothing_is_stored(new_page, base_url, chromium):
    context = chromium.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(base_url + PAGE, wait_until="networkidle")
    _settle(page)
    address = page.url
    stored = page.evaluate("JSON.stringify(localStorage)")
    requests = []
    # The browser asks for the tab's icon on its own schedule: that is the page loading, not the check.
    page.on("request", lambda r: None if "/favicon" in r.url else requests.append(r.url))
    _answer(page, [2, 1, 3, 0, 1, 2, 0, 1, 1])
    page.check('.clinic-phq9 input[name="phq9-10"][value="2"]')
    page.click(".clinic-phq9__add")
    page.keyboard.press("Enter")  # Enter on the focused result: still nothing
    assert page.locator(".clinic-phq9__result").is_visible()
    assert requests == [], requests
    assert page.url == address
    # Nothing stored: no cookie, no session storage, and local storage holds at most the
    # theme's own colour-scheme setting (Material writes it on every page), unchanged.
    assert page.evaluate("[document.cookie, sessionStorage.length]") == ["", 0]
    assert page.evaluate("Object.keys(localStorage)") in ([], ["/.__palette"])
    assert page.evaluate("JSON.stringify(localStorage)") == stored
    assert context.cookies() == []
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize("width,scheme", [(390, "light"), (1280, "dark")])
def test_no_axe_violations_with_the_crisis_lines_and_the_score_shown(new_page, base_url, width, scheme):
    page = _open(new_page, base_url, width=width, scheme=scheme)
    _answer(page, [1, 2, 1, 0, 1, 0, 1, 0, 1])
    page.click(".clinic-phq9__add")
    assert page.locator(".clinic-phq9__urgent").is_visible() and page.locator(".clinic-phq9__result").is_visible()
    violations = Axe().run(page).response["violations"]
    assert violations == [], [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations]


@pytest.mark.browser
def test_without_javascript_the_questions_and_how_to_add_them_up_show(chromium, base_url):
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + PAGE)
    box = page.locator(".clinic-phq9")
    assert box.locator("fieldset").count() == 10 and box.locator("input[type=radio]").count() == 40
    assert box.locator(".clinic-phq9__by-hand").is_visible()
    assert "Add up the points" in box.locator(".clinic-phq9__by-hand").inner_text()
    # Without the script nothing can react to question 9: the crisis lines stay in view.
    assert box.locator(".clinic-phq9__urgent").is_visible()
    assert box.locator(".clinic-phq9__add").count() == 0
    context.close()
