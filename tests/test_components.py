"""The components in a real browser: every gallery example passes axe, the
contact form survives every failure, the crisis notice is always in reach, the
self-check sends and stores nothing, and clinic facts are escaped."""
from urllib.parse import urlsplit

import pytest
from conftest import build, copy_fixture, copy_project, site_config, soup
from test_accessibility import describe, violations_of

from clinicsite import browser as clinic_browser

# The pages show the clinic facts: the launch test reruns these on another clinic's copy.
pytestmark = pytest.mark.facts



@pytest.fixture(scope="module")
def endpoint(form_endpoint):
    return form_endpoint


@pytest.fixture(scope="module")
def form_site(form_site_dir):
    """The site built with the contact form pointed at the local endpoint, served."""
    with clinic_browser.serve(form_site_dir) as url:
        yield url


# ---- accessibility ------------------------------------------------------------

@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [390, 1280])
def test_every_gallery_example_passes_axe(new_page, form_site, width, scheme):
    page = new_page(width=width, scheme=scheme)
    page.goto(form_site + "gallery/", wait_until="load")
    page.wait_for_selector(f'body[data-md-color-scheme="{"slate" if scheme == "dark" else "default"}"]')
    assert page.locator("form.clinic-form").count() == 1
    violations = violations_of(page)
    assert violations == [], describe(violations)
    # ... and in the states the visitor can bring about.
    page.locator(".clinic-self-check__show").click()
    page.locator(".clinic-form__submit").click()  # invalid: the browser shows its own messages
    violations = violations_of(page)
    assert violations == [], describe(violations)


@pytest.mark.browser
@pytest.mark.parametrize("path", ["contact/", "crisis/", "privacy/"])
def test_component_pages_pass_axe(new_page, form_site, path):
    for width in (390, 1280):
        page = new_page(width=width)
        page.goto(form_site + path, wait_until="load")
        violations = violations_of(page)
        assert violations == [], describe(violations)


# ---- contact form ---------------------------------------------------------------

def fill(page):
    page.fill("#cf-name", "Sam O'Neil & Co")
    page.fill("#cf-contact", "sam@example.net")
    page.fill("#cf-good_time", "Evenings")
    page.fill("#cf-message", "Can I come on Tuesdays?")
    page.check("#cf-consent")


TYPED = {"#cf-name": "Sam O'Neil & Co", "#cf-contact": "sam@example.net", "#cf-good_time": "Evenings",
         "#cf-message": "Can I come on Tuesdays?"}


def assert_kept(page):
    for selector, value in TYPED.items():
        assert page.input_value(selector) == value, selector
    assert page.is_checked("#cf-consent")


@pytest.mark.browser
def test_form_success(new_page, form_site, endpoint):
    endpoint.received.clear()
    endpoint.behaviour = "ok"
    page = new_page()
    page.goto(form_site + "contact/", wait_until="load")
    fill(page)
    page.click(".clinic-form__submit")
    status = page.locator(".clinic-form__status")
    status.get_by_text("Your message has been sent").wait_for()
    text = status.inner_text()
    reply = site_config()["extra"]["clinic"]["reply_within"]
    assert "not an emergency service" in text and reply in text and "988" in text
    assert page.evaluate("document.activeElement.id") == "cf-status"
    assert page.input_value("#cf-name") == ""  # sent, so the form is cleared
    [post] = endpoint.received
    assert post["method"] == "POST" and urlsplit(post["path"]).query == ""
    assert post["fields"]["name"] == ["Sam O'Neil & Co"] and post["fields"]["consent"] == ["yes"]
    assert post["fields"]["_gotcha"] == [""]  # the honeypot is sent empty
    assert post["accept"] == "application/json"


@pytest.mark.browser
@pytest.mark.parametrize("failure", ["500", "timeout", "down"])
def test_form_failure_keeps_everything_typed(new_page, form_site, endpoint, failure):
    endpoint.received.clear()
    endpoint.behaviour = {"500": "500", "timeout": "slow", "down": "ok"}[failure]
    page = new_page()
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(form_site + "contact/", wait_until="load")
    if failure == "timeout":
        page.evaluate("document.querySelector('form.clinic-form').dataset.timeoutMs = '500'")
    if failure == "down":  # nothing listens on this port
        page.evaluate("""f => { f.action = 'http://127.0.0.1:9/submit' }""", page.query_selector("form.clinic-form"))
    fill(page)
    page.click(".clinic-form__submit")
    status = page.locator(".clinic-form__status")
    status.get_by_text("was not sent").wait_for(timeout=10000)
    text = status.inner_text()
    assert "Everything you typed is still in the form" in text
    assert {"500": "error 500", "timeout": "took too long", "down": "could not reach"}[failure] in text
    assert page.evaluate("document.activeElement.id") == "cf-status"
    assert_kept(page)
    assert page.locator(".clinic-form__retry").is_visible()
    assert not page.locator(".clinic-form__submit").is_disabled()
    assert all(urlsplit(u).query == "" for u in requests), requests

    # Trying again sends the same, untouched input.
    endpoint.behaviour = "ok"
    if failure == "down":
        return
    page.click(".clinic-form__retry")
    status.get_by_text("Your message has been sent").wait_for(timeout=10000)
    assert endpoint.received[-1]["fields"]["contact"] == ["sam@example.net"]


@pytest.mark.browser
def test_form_sends_once_when_clicked_twice(new_page, form_site, endpoint):
    endpoint.received.clear()
    endpoint.behaviour = "slow"
    page = new_page()
    page.goto(form_site + "contact/", wait_until="load")
    fill(page)
    page.click(".clinic-form__submit")
    page.evaluate("document.querySelector('form.clinic-form').requestSubmit()")
    page.locator(".clinic-form__status").get_by_text("Your message has been sent").wait_for(timeout=10000)
    assert len(endpoint.received) == 1
    endpoint.behaviour = "ok"


@pytest.mark.browser
def test_form_without_javascript_posts_plainly(chromium, form_site, endpoint):
    endpoint.received.clear()
    endpoint.behaviour = "ok"
    context = chromium.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(form_site + "contact/")
    fill(page)
    with page.expect_navigation():
        page.click(".clinic-form__submit")
    [post] = [r for r in endpoint.received if r["method"] == "POST"]
    assert urlsplit(post["path"]).query == ""
    assert post["type"] == "application/x-www-form-urlencoded"
    assert {k: v[0] for k, v in post["fields"].items()} == {
        "name": "Sam O'Neil & Co", "contact": "sam@example.net", "good_time": "Evenings",
        "message": "Can I come on Tuesdays?", "consent": "yes", "_gotcha": ""}
    context.close()


def test_the_form_is_shown_only_with_an_endpoint_and_the_card_always(site_dir):
    contact = soup(site_dir / "contact" / "index.html")
    endpoint = site_config()["extra"]["clinic"]["form"].get("endpoint")
    form = contact.find("form", class_="clinic-form")
    assert (form["action"] == endpoint) if endpoint else form is None
    assert bool(contact.select_one("#send-us-a-message")) == bool(endpoint)  # no orphan heading
    assert contact.select_one(".clinic-contact a[href^='tel:']")


@pytest.mark.parametrize("provider,honeypot", [("formspree", "_gotcha"), ("netlify", "bot-field"), ("generic", "website")])
def test_each_provider_gets_its_own_form(provider, honeypot):
    import markdown

    md = markdown.Markdown(extensions=["clinicsite.components"], extension_configs={"clinicsite.components": {
        "clinic": {"phone": {"display": "1", "e164": "+11"}, "reply_within": "a day",
                   "form": {"provider": provider, "endpoint": "/contact/thanks/"}, "crisis": {"region": "US"}},
        "crisis_presets": {"US": {"emergency": {"number": "911", "e164": "911"}, "lines": [{"name": "L", "call": "988"}]}}}})
    from bs4 import BeautifulSoup

    form = BeautifulSoup(md.convert("/// contact-form\n///\n"), "html.parser").form
    assert form["method"] == "post" and form["action"] == "/contact/thanks/"
    assert form.find("input", attrs={"name": honeypot})["tabindex"] == "-1"
    if provider == "netlify":
        assert form["data-netlify"] == "true" and form["netlify-honeypot"] == "bot-field"
        assert form.find("input", attrs={"name": "form-name"})["value"] == "contact"
    else:
        assert not form.has_attr("data-netlify")


# ---- crisis help ----------------------------------------------------------------

PAGE_TYPES = ["", "what-is-ipt/", "contact/", "crisis/", "privacy/", "blog/", "gallery/", "404.html"]


@pytest.mark.browser
@pytest.mark.parametrize("path", PAGE_TYPES)
def test_crisis_notice_is_seen_at_load_and_stays_in_reach(new_page, base_url, path):
    page = new_page(width=390, height=844)
    page.goto(base_url + path, wait_until="load")
    bar = page.locator(".clinic-crisis-bar")
    box = bar.bounding_box()
    assert box and box["y"] >= 0 and box["y"] + box["height"] <= 844
    for href in ("tel:988", "sms:988", "tel:911"):
        assert bar.locator(f'a[href="{href}"]').is_visible()
    assert bar.locator('a:has-text("More help")').evaluate("a => a.href").endswith("/crisis/")
    page.mouse.wheel(0, 5000)
    page.wait_for_timeout(300)
    link = bar.locator('a[href="tel:988"]').bounding_box()
    assert 0 <= link["y"] <= 844, "the crisis link scrolled away"


@pytest.mark.slow  # builds its own copy of the whole site
def test_both_crisis_presets(tmp_path, site_dir):
    us = soup(site_dir / "crisis" / "index.html").select_one(".clinic-crisis-lines")
    assert us.find("a", href="tel:988") and us.find("a", href="sms:741741?&body=HOME") and us.find("a", href="tel:911")
    assert us.find("a", href="https://findahelpline.com/")

    config = copy_fixture(tmp_path, {"extra.clinic.crisis.region": "UK"})
    build(tmp_path / "site", config=config)
    uk_page = soup(tmp_path / "site" / "components" / "index.html")
    uk = uk_page.select_one(".clinic-crisis-lines")
    for href in ("tel:999", "tel:111", "tel:116123", "sms:85258?&body=SHOUT"):
        assert uk.find("a", href=href), href
    assert not uk.find("a", href="tel:988")
    bar = uk_page.select_one(".clinic-crisis-bar")
    assert bar.find("a", href="tel:111") and bar.find("a", href="tel:999") and bar.find("a", href="sms:85258?&body=SHOUT")


def test_a_crisis_preset_not_verified_for_a_year_fails_production(tmp_path):
    from clinicsite import facts
    import datetime as dt

    config = copy_project(tmp_path)
    problems = facts.check_file(config, mode="production", today=dt.date(2028, 1, 1))
    stale = [p for p in problems if p.rule == "crisis-verified"]
    assert stale and stale[0].severity == "error" and "more than 12 months" in stale[0].message
    assert [p.severity for p in facts.check_file(config, mode="preview", today=dt.date(2028, 1, 1))
            if p.rule == "crisis-verified"] == ["warning"]


# ---- self-check -------------------------------------------------------------------

@pytest.mark.browser
@pytest.mark.parametrize("ticks,expected", [(0, "may not be the first thing"), (2, "could be worth talking"), (4, "may suit")])
def test_self_check_sends_and_stores_nothing(new_page, base_url, ticks, expected):
    page = new_page()
    # The page's own loading is over: its load event too, as on a loaded
    # machine "network idle" once came before the deferred scripts were asked
    # for, and they were counted as the self-check's requests.
    page.goto(base_url + "gallery/", wait_until="networkidle")
    page.wait_for_load_state("load")
    before = page.evaluate("[document.cookie, JSON.stringify(localStorage), JSON.stringify(sessionStorage)]")
    requests = []
    # The browser fetches the tab's icon on its own schedule (late on a busy
    # machine): that is the browser, not the self-check, and sends nothing.
    page.on("request", lambda r: None if r.url.endswith("/favicon.svg") else requests.append(r.url))
    boxes = page.locator(".clinic-self-check input[type=checkbox]")
    boxes.first.wait_for()  # on a loaded machine the boxes were once not there yet (0 == 4)
    assert boxes.count() == 4
    for i in range(ticks):
        boxes.nth(i).check()
    page.click(".clinic-self-check__show")
    result = page.locator(".clinic-self-check__result")
    assert expected in result.inner_text() and "not a test or a diagnosis" in result.inner_text()
    assert page.evaluate("document.activeElement.classList.contains('clinic-self-check__result')")
    crisis = page.locator(".clinic-self-check__crisis")
    assert crisis.is_visible() and crisis.locator('a[href="tel:988"]').is_visible()
    booking = site_config()["extra"]["clinic"].get("booking_url")  # the booking page, or else the contact page
    target = f"[href='{booking}']" if booking else "[href$='contact/']"
    assert page.locator(f".clinic-self-check__next a{target}").is_visible()
    after = page.evaluate("[document.cookie, JSON.stringify(localStorage), JSON.stringify(sessionStorage)]")
    assert after == before and page.context.cookies() == []
    assert requests == []


@pytest.mark.browser
def test_self_check_without_javascript_is_a_list_then_the_call_to_action(chromium, base_url):
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + "gallery/")
    box = page.locator(".clinic-self-check")
    assert box.locator("ul li").count() == 4 and box.locator("input").count() == 0
    assert box.locator(".clinic-self-check__next a").first.is_visible()
    context.close()


# ---- escaping and one source of facts ---------------------------------------------

NASTY = "O'Brien & Sons \"Clinic\""


@pytest.mark.slow  # builds its own copy of the whole site
def test_facts_and_front_matter_render_as_text_never_markup(tmp_path):
    """Quotes and `&` in facts and front matter stay text everywhere (markup in a
    fact is refused by the schema, tests/test_clinic_facts.py)."""
    config = copy_fixture(tmp_path, {"site_name": NASTY, "extra.clinic.reply_within": "a day & a \"half\"",
                                     "extra.calls_to_action.default.heading": "Talk & \"listen\""})
    page = tmp_path / "docs" / "components.md"
    page.write_text(page.read_text().replace("title: Every component", f"title: '{NASTY.replace(chr(39), chr(39) * 2)}'")
                    .replace("description: Each component", "description: 'Quotes \" & tags: each component")
                    .replace("check them all.", "check them all.'"))
    build(tmp_path / "site", config=config)
    doc = soup(tmp_path / "site" / "components" / "index.html")
    assert doc.select("b") == []
    assert doc.title.get_text().startswith(NASTY)
    # (`<` in a description is refused by its rule; tests/test_hostile_input.py renders it anyway.)
    assert doc.find("meta", attrs={"name": "description"})["content"].startswith('Quotes " & tags')
    assert NASTY in doc.select_one(".md-content h1").get_text()
    assert NASTY in doc.select_one(".clinic-footer").get_text()
    assert 'a day & a "half"' in doc.select_one(".clinic-contact .clinic-note").get_text()
    # The closing call to action (not on this page: it has a `/// cta` box of its own).
    closing = soup(tmp_path / "site" / "what-is-ipt" / "index.html")
    assert any('Talk & "listen"' in h.get_text() for h in closing.select(".clinic-cta__heading"))


@pytest.mark.slow  # builds its own copy of the whole site
def test_one_fact_changes_every_component(tmp_path):
    from clinicsite import formats

    new = {"extra.clinic.phone.display": "(312) 448-7730", "extra.clinic.phone.e164": "+13124487730",
           "extra.clinic.email": "hello@lakeside-counseling.test",
           "extra.clinic.booking_url": "https://book.lakeside-counseling.test/first",
           "extra.clinic.crisis.region": "UK", "extra.clinic.form.endpoint": "https://forms.lakeside-counseling.test/f/1"}
    config = copy_fixture(tmp_path, new)
    build(tmp_path / "site", config=config)
    doc = soup(tmp_path / "site" / "components" / "index.html")
    phone = "tel:" + new["extra.clinic.phone.e164"]
    assert all(a["href"] == phone for a in doc.select(".clinic-contact a[href^='tel:+']"))
    assert doc.select(".clinic-contact a[href='mailto:hello@lakeside-counseling.test']")
    contact = soup(tmp_path / "site" / "contact" / "index.html")
    assert new["extra.clinic.phone.display"] in contact.select_one("form.clinic-form")["data-msg-failure"]
    assert {a["href"] for a in doc.select(".clinic-cta__actions a")} == {new["extra.clinic.booking_url"]}
    assert doc.select_one(".clinic-self-check__next a")["href"] == new["extra.clinic.booking_url"]
    for selector in (".clinic-contact .clinic-note", ".clinic-self-check__crisis", ".clinic-crisis-bar",
                     ".clinic-crisis-lines"):
        part = doc.select_one(selector)
        assert part.find("a", href="tel:999"), selector
        assert not part.find("a", href="tel:988"), selector
    assert doc.select_one(".clinic-header a.clinic-call")["href"] == phone
    # The footer's hours, written by a template, read the same as the card's (clinicsite/formats.py).
    hours = formats.hours(site_config(config)["extra"]["clinic"])
    assert hours in doc.select_one(".clinic-contact__list").get_text(" ", strip=True)
    assert hours in doc.select_one(".clinic-footer").get_text(" ", strip=True)
