"""The clinic facts: one schema, every problem on its line of mkdocs.yml and
never a traceback; samples that cannot slip through a production build; a
failed build that leaves nothing to upload. Run on the generator's fixture
project and on launch-ready copies of the site, never on hard-coded facts."""
import subprocess
import sys

import pytest
from conftest import ANOTHER_CLINIC, ROOT, build, copy_fixture, copy_project, set_facts

from clinicsite import config as site_config
from clinicsite import facts, reviewers

# Tests of the generator: the launch test's second run, on another clinic's copy, skips them.
pytestmark = pytest.mark.generator

# Each malformed fact a clinic might type, and the key whose line must be named.
MALFORMED = {
    "phone as text": ("extra.clinic.phone", "(312) 448-2093"),
    "hours as text": ("extra.clinic.hours", "Mon-Fri 9-6"),
    "email as a list": ("extra.clinic.email", ["a@lakeside-counseling.test", "b@lakeside-counseling.test"]),
    "address missing its street": ("extra.clinic.address", {"locality": "Chicago", "region": "IL",
                                                            "postal_code": "60657", "country": "US"}),
    "booking link over http": ("extra.clinic.booking_url", "http://booking.lakeside-counseling.test/"),
    "booking link with javascript:": ("extra.clinic.booking_url", "javascript:alert(document.cookie)"),
    "form endpoint with a ;": ("extra.clinic.form.endpoint",
                               "https://formspree.io; script-src-attr 'unsafe-inline'; x/f/abc"),
    "site_url with a space": ("site_url", "https://lakeside counseling.test/"),
    "closing before opening": ("extra.clinic.hours", [{"days": ["Mo"], "opens": "18:00", "closes": "09:00"}]),
    "unknown day": ("extra.clinic.hours", [{"days": ["Monday"], "opens": "09:00", "closes": "17:00"}]),
    "markup in a name": ("extra.clinic.short_name", '"><script>alert(1)</script>'),
    "first call as text": ("extra.clinic.practice", {"in_person": True, "first_call_minutes": "fifteen"}),
    # What decides a call: each new fact, malformed as a clinic might type it.
    "fee as text": ("extra.clinic.fees.first_session", {"usd": "$200", "minutes": 60}),
    "fee with cents": ("extra.clinic.fees.session", {"usd": 175.5, "minutes": 50}),
    "fee out of bounds": ("extra.clinic.fees.session", {"usd": 175, "minutes": 500}),
    "sliding scale as yes": ("extra.clinic.fees.sliding_scale", {"offered": "yes"}),
    "sliding scale note with markup": ("extra.clinic.fees.sliding_scale", {"offered": True, "note": '"><script>alert(1)</script>'}),
    "cancellation notice as text": ("extra.clinic.fees.cancellation", {"notice_hours": "24h", "fee_usd": 60}),
    "payment as text": ("extra.clinic.fees.payment", "card; cash"),
    "payment with markup": ("extra.clinic.fees.payment", ["card", "<img src=x onerror=alert(1)>"]),
    "in-network plans as text": ("extra.clinic.insurance.in_network", "Aetna, Cigna"),
    "plan with markup": ("extra.clinic.insurance.in_network", ['"><script>alert(1)</script>']),
    "superbill as text": ("extra.clinic.insurance.superbill", "yes"),
    "medicare as a number": ("extra.clinic.insurance.medicare", 1),
    "tricare missing": ("extra.clinic.insurance", {"in_network": [], "superbill": True, "medicare": False,
                                                   "va_community_care": False}),
    "video state spelled out": ("extra.clinic.access.video_states", ["Illinois"]),
    "video state in lower case": ("extra.clinic.access.video_states", ["il"]),
    "video state twice": ("extra.clinic.access.video_states", ["IL", "IL"]),
    "psypact as text": ("extra.clinic.access.psypact", "javascript:alert(1)"),
    "referral as text": ("extra.clinic.access.referral_needed", "no"),
    "wait as text": ("extra.clinic.access.first_appointment_within_days", "2 weeks"),
    "wait out of bounds": ("extra.clinic.access.first_appointment_within_days", 0),
    "languages as text": ("extra.clinic.access.languages", "English"),
    "no language": ("extra.clinic.access.languages", []),
    "male clinician as text": ("extra.clinic.access.male_clinician_on_request", ";"),
    "license number with a ;": ("extra.team.0.license", {"type": "Psychologist", "number": "PSY1; DROP", "states": ["IL"]}),
    "license state spelled out": ("extra.team.0.license", {"type": "Psychologist", "number": "PSY1", "states": ["Illinois"]}),
    "clinician languages as text": ("extra.team.0.languages", "English"),
    "intro with markup": ("extra.team.0.intro", 'I help men. "><script>alert(1)</script> We talk about your life.'),
    "intro too short": ("extra.team.0.intro", "Hi."),
}


def line_of(config_path, key):
    return site_config.lines(config_path)[key]


@pytest.mark.parametrize("case", sorted(MALFORMED))
def test_each_malformed_fact_is_one_problem_on_its_line(tmp_path, case):
    key, value = MALFORMED[case]
    config = copy_fixture(tmp_path, {key: value})
    found = [p for p in facts.check_file(config, mode="preview") if p.rule == "clinic-facts"]
    assert len(found) == 1, "\n".join(map(str, found))
    assert found[0].line == line_of(config, key) or found[0].line > line_of(config, key), str(found[0])
    assert found[0].file == "mkdocs.yml" and found[0].fix


def test_malformed_facts_stop_the_check_command_and_the_build_without_a_traceback(tmp_path):
    config = copy_fixture(tmp_path, {key: value for key, value in
                                     (MALFORMED[c] for c in ("phone as text", "email as a list",
                                                             "booking link with javascript:", "form endpoint with a ;"))})
    lines = {line_of(config, k) for k in ("extra.clinic.phone", "extra.clinic.email", "extra.clinic.booking_url",
                                          "extra.clinic.form.endpoint")}
    check = subprocess.run([sys.executable, str(ROOT / "scripts" / "check.py"), "--config", str(config)],
                           capture_output=True, text=True, cwd=tmp_path)
    built = build(tmp_path / "site", config=config, check=False)
    for result in (check, built):
        output = result.stdout + result.stderr
        assert result.returncode != 0 and "Traceback" not in output, output
        for line in lines:
            assert output.count(f"mkdocs.yml:{line}: clinic-facts:") >= 1, (line, output)
    assert not (tmp_path / "site").exists()


def test_a_fact_is_written_in_the_file_never_taken_from_the_environment(tmp_path, monkeypatch):
    """`!ENV` would put whatever the build machine holds into every page: the
    settings gate refuses it for a fact, naming the line."""
    config = copy_fixture(tmp_path)
    text = config.read_text().replace("reply_within: two business days", "reply_within: !ENV [CLINIC_REPLY, two business days]")
    config.write_text(text)
    line = next(i for i, l in enumerate(text.splitlines(), 1) if "CLINIC_REPLY" in l)
    monkeypatch.setenv("CLINIC_REPLY", "one business day")
    with pytest.raises(site_config.SettingsError, match=rf"mkdocs\.yml:{line}: settings: `extra\.clinic\.reply_within`"):
        site_config.load(config)


# ---- samples: the launch checklist ---------------------------------------------

@pytest.fixture(scope="module")
def launch_copy(tmp_path_factory):
    """The site with another clinic's realistic details in, as at launch."""
    root = tmp_path_factory.mktemp("launch")
    copy_project(root, launch_ready=True)
    return root


def test_a_launch_ready_copy_has_no_launch_problem(launch_copy):
    found = facts.check_file(launch_copy / "mkdocs.yml", mode="production")
    assert [p for p in found if p.severity == "error"] == [], "\n".join(map(str, found))


@pytest.mark.parametrize("keys", [("extra.clinic.address.street",), ("extra.clinic.email",), ("site_url",),
                                  ("extra.clinic.phone.display", "extra.clinic.phone.e164"), ("extra.edit_base_url",)])
def test_one_sample_fact_left_fails_production_on_its_line(launch_copy, tmp_path, keys):
    config = copy_project(tmp_path, source=launch_copy, facts={k: facts.FICTIONAL_SAMPLES[k] for k in keys})
    errors = [p for p in facts.check_file(config, mode="production") if p.severity == "error"]
    assert [(p.file, p.line, p.rule) for p in errors] == [("mkdocs.yml", line_of(config, k), "sample-fact") for k in keys]
    assert {p.severity for p in facts.check_file(config, mode="preview") if p.rule == "sample-fact"} == {"warning"}


def test_the_sample_clinician_left_fails_production_on_its_line(launch_copy, tmp_path):
    config = copy_project(tmp_path, source=launch_copy, facts={"extra.team": [dict(facts.SAMPLE_TEAM, photo="none")]})
    reviewers.move(tmp_path / "docs", "dr-ana-okafor", facts.SAMPLE_TEAM["id"])
    reviewers.move(tmp_path / "docs", "marcus-bell", facts.SAMPLE_TEAM["id"])
    errors = [p for p in facts.check_file(config, mode="production") if p.severity == "error"]
    assert [(p.line, p.rule) for p in errors] == [(line_of(config, "extra.team.0"), "sample-fact")]
    assert "scripts/reviewer.py" in errors[0].fix


@pytest.mark.parametrize("name", ["hours", "reply_within", "practice"] +
                         [n for n in facts.CONFIRMABLE_SAMPLES if "." in n])
def test_a_fact_equal_to_its_sample_must_be_confirmed(launch_copy, tmp_path, name):
    sample = facts.CONFIRMABLE_SAMPLES[name]
    if "." in name:  # one fact of a group: the rest of the group stays the other clinic's
        group, key = name.split(".")
        changes = {f"extra.clinic.{group}": dict(ANOTHER_CLINIC["facts"][f"extra.clinic.{group}"], **{key: sample})}
    else:
        changes = {f"extra.clinic.{name}": sample}
    if name == "hours":  # the sample hours end at 6pm: evening appointments must say so (they are checked against the hours)
        practice = site_config.load(launch_copy / "mkdocs.yml")["extra"]["clinic"]["practice"]
        changes["extra.clinic.practice"] = {**practice, "evening": facts.evening_from_hours(facts.CONFIRMABLE_SAMPLES["hours"])}
    # (the other clinic confirms some samples that are its real answer: not this one here)
    confirmed = [n for n in ANOTHER_CLINIC["facts"]["extra.clinic.confirmed"] if n != name]
    changes["extra.clinic.confirmed"] = confirmed
    config = copy_project(tmp_path, source=launch_copy, facts=changes)
    errors = [p for p in facts.check_file(config, mode="production") if p.severity == "error"]
    assert [(p.line, p.rule) for p in errors] == [(line_of(config, f"extra.clinic.{name}"), "sample-fact")]
    assert "confirmed:" in errors[0].fix and f"`{name}`" in errors[0].fix
    set_facts(config, {"extra.clinic.confirmed": confirmed + [name]})
    assert not [p for p in facts.check_file(config, mode="production") if p.severity == "error"]


def test_a_group_name_confirms_every_fact_of_the_group(launch_copy, tmp_path):
    samples = {n.split(".")[1]: v for n, v in facts.CONFIRMABLE_SAMPLES.items() if n.startswith("fees.")}
    config = copy_project(tmp_path, source=launch_copy, facts={"extra.clinic.fees": samples})
    assert len([p for p in facts.check_file(config, mode="production") if p.severity == "error"]) == len(samples)
    set_facts(config, {"extra.clinic.confirmed": ANOTHER_CLINIC["facts"]["extra.clinic.confirmed"] + ["fees"]})
    assert not [p for p in facts.check_file(config, mode="production") if p.severity == "error"]


def test_a_failed_production_build_names_the_line_and_leaves_no_site(launch_copy, tmp_path):
    config = copy_project(tmp_path, source=launch_copy, facts={"extra.clinic.email": facts.FICTIONAL_SAMPLES["extra.clinic.email"]})
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("an older build")
    result = build(site, config=config, mode="production", check=False)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert f"mkdocs.yml:{line_of(config, 'extra.clinic.email')}: sample-fact:" in output
    assert not site.exists(), "a failed build left a site folder that could be uploaded"
    last = output.rstrip().splitlines()[-1]  # the list of problems ends with what to do next
    assert last.startswith("What to do next:") and "BuildError" not in output and "Aborted" not in output, output


def test_changing_clinicians_moves_every_page(launch_copy):
    ids = {m["id"] for m in site_config.load(launch_copy / "mkdocs.yml")["extra"]["team"]}
    for page in (launch_copy / "docs").rglob("*.md"):
        text = page.read_text()
        if "reviewed_by:" in text:
            reviewer = text.split("reviewed_by:", 1)[1].split()[0]
            assert reviewer in ids, (page, reviewer)


def test_a_preview_build_sums_up_the_launch_list_in_one_line(tmp_path):
    """Forty launch warnings must not bury a real error: a preview build prints
    them as one line with the command that lists them."""
    config = copy_fixture(tmp_path, {"extra.clinic.email": facts.FICTIONAL_SAMPLES["extra.clinic.email"]})
    about = tmp_path / "docs" / "about.md"
    about.write_text(about.read_text() + "\n[PLACEHOLDER: our fees]\n\n[PLACEHOLDER: our insurance plans]\n")
    import os
    import subprocess
    import sys

    env = dict(os.environ, SITE_MODE="preview", NO_MKDOCS_2_WARNING="1")
    shown = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", str(config), "-d", str(tmp_path / "again")],
                           env=env, capture_output=True, text=True, cwd=tmp_path)
    output = shown.stdout + shown.stderr
    assert shown.returncode == 0, output
    launch = [line for line in output.splitlines() if "Launch:" in line]
    assert len(launch) == 1 and "3 thing(s)" in launch[0] and "scripts/check.py --launch" in launch[0], output
    assert "PLACEHOLDER: our fees" not in output and "sample value" not in output


# ---- what decides a call, shown where he looks ------------------------------------

# New values for every fact that decides a call: none is a sample or the other clinic's.
CHANGED = {
    "extra.clinic.practice": {"in_person": True, "evening": True, "prescribes": False, "first_call_minutes": 25},
    "extra.clinic.fees": {"first_session": {"usd": 235, "minutes": 70}, "session": {"usd": 165, "minutes": 45},
                          "sliding_scale": {"offered": True, "note": "Ask about our rate for veterans and students."},
                          "cancellation": {"notice_hours": 36, "fee_usd": 85},
                          "payment": ["Apple Pay", "cash at the front desk"]},
    "extra.clinic.insurance": {"in_network": ["Kaiser Permanente", "UnitedHealthcare"], "superbill": False,
                               "medicare": False, "tricare": True, "va_community_care": True},
    "extra.clinic.access": {"video_states": ["NJ", "CT"], "psypact": False, "referral_needed": False,
                            "first_appointment_within_days": 21, "languages": ["English", "Amharic"],
                            "male_clinician_on_request": False},
    "extra.team": [{"id": "dr-ana-okafor", "name": "Dr. Lemlem Tesfaye", "credentials": "PhD, licensed psychologist",
                    "license": {"type": "Licensed Clinical Psychologist", "number": "PSY-778812", "states": ["NJ", "CT"]},
                    "languages": ["Amharic", "English"], "photo": "none",
                    "intro": "I have helped men through grief and big changes for fifteen years, often by video."},
                   {"id": "marcus-bell", "name": "Marcus Bell", "credentials": "LCSW-C",
                    "license": {"type": "Licensed Certified Social Worker-Clinical", "number": "LCSWC-22871", "states": ["MD"]},
                    "languages": ["English"], "photo": "none",
                    "intro": "Many of the men I see have never talked to anyone before. We go at your pace."}],
}


@pytest.fixture(scope="module")
def changed_site(launch_copy, tmp_path_factory):
    root = tmp_path_factory.mktemp("changed")
    # (some new values are also samples, e.g. medicare: false: the clinic confirms them)
    config = copy_project(root, source=launch_copy, facts=dict(CHANGED, **{"extra.clinic.confirmed": facts.CONFIRMABLE}))
    build(root / "site", config=config, mode="production")
    clinic = site_config.load(config)["extra"]["clinic"]
    return root / "site", clinic, site_config.load(config)["extra"]["team"]


def page_text(site, path):
    from bs4 import BeautifulSoup

    html = (site / path / "index.html").read_text(encoding="utf-8")
    return " ".join(BeautifulSoup(html, "html.parser").select_one("main, .md-main").get_text(" ").split())


def expected_on(clinic, team):
    """What each page must now say, worded by formats.py from the changed facts."""
    from clinicsite import formats

    decide = [formats.cost_from(clinic), formats.insurance(clinic), formats.where(clinic), formats.wait(clinic),
              formats.first_call(clinic)]
    member = team[0]
    return {
        "": decide,
        "fees": [formats.fee(clinic, "first_session"), formats.fee(clinic, "session"), formats.sliding_scale(clinic),
                 formats.cancellation(clinic), *clinic["fees"]["payment"], formats.insurance(clinic),
                 formats.programs(clinic), formats.superbill(clinic)],
        "faq": [formats.fee(clinic, "first_session"), formats.insurance(clinic), formats.programs(clinic),
                formats.where(clinic), formats.referral(clinic)],
        "about": [member["name"], formats.license_line(member), member["intro"], formats.join(member["languages"]),
                  formats.where(clinic)],
        "contact": [*decide, formats.routes(clinic)],
    }


def test_every_changed_fact_is_shown_on_home_fees_faq_about_and_contact(changed_site):
    site, clinic, team = changed_site
    for path, sentences in expected_on(clinic, team).items():
        text = page_text(site, path) if path else page_text(site, ".")
        for sentence in sentences:
            assert " ".join(sentence.split()) in text, (path or "home", sentence)
    # the home page's old values are gone (nothing is written twice)
    from clinicsite import formats
    old = dict(clinic, fees=ANOTHER_CLINIC["facts"]["extra.clinic.fees"])
    assert formats.cost_from(old) not in page_text(site, ".")


def test_the_first_two_phone_screens_give_cost_insurance_states_wait_and_first_call(changed_site, new_page):
    from clinicsite import browser as clinic_browser, formats

    site, clinic, _ = changed_site
    with clinic_browser.serve(site) as url:
        page = new_page(width=390, height=844)
        page.goto(url, wait_until="networkidle")
        for sentence in (formats.cost_from(clinic), formats.insurance(clinic), formats.where(clinic),
                         formats.wait(clinic), formats.first_call(clinic)):
            found = page.get_by_text(sentence.split(". ")[0], exact=False).first
            box = found.bounding_box()
            top = box["y"] + page.evaluate("window.scrollY")
            assert box and top + box["height"] <= 2 * 844, (sentence, top)


HOSTILE_TEXT = "H\"><script>alert(1)</script><img src=x onerror=alert(2)>';&amp; javascript:alert(3)"


def test_hostile_text_in_every_new_fact_is_inert_in_every_component():
    """Built without the schema (which refuses `<` and `>`): what a component
    prints of each new fact is text, never markup, a handler or a link."""
    import markdown
    from bs4 import BeautifulSoup

    from clinicsite.components import answers

    h = HOSTILE_TEXT
    clinic = {"fees": {"first_session": {"usd": 1, "minutes": h}, "session": {"usd": 2, "minutes": h},
                       "sliding_scale": {"offered": True, "note": h}, "cancellation": {"notice_hours": 1, "fee_usd": 1},
                       "payment": [h, "javascript:alert(4)"]},
              "insurance": {"in_network": [h], "superbill": True, "medicare": h, "tricare": False},
              "access": {"video_states": [h, "DC"], "first_appointment_within_days": 14, "languages": [h],
                         "referral_needed": h, "psypact": True, "male_clinician_on_request": True},
              "practice": {"in_person": True, "first_call_minutes": 15}, "hours": [],
              "booking_url": "javascript:alert(5)", "form": {"endpoint": h}}
    team = [{"id": "x", "name": h, "credentials": h, "photo": "javascript:alert(6)", "photo_alt": h, "intro": h,
             "languages": [h], "license": {"type": h, "number": h, "states": [h]}}]
    source = "\n\n".join(f"/// {name}\n///" for name in [*answers.ANSWERS, "team", "practical", "contact"])
    html = markdown.Markdown(extensions=["clinicsite.components"],
                             extension_configs={"clinicsite.components": {"clinic": clinic, "team": team}}).convert(source)
    doc = BeautifulSoup(html, "html.parser")
    assert doc.get_text().count("<script>alert(1)</script>") >= 10, "the hostile text is shown as typed"
    for tag in doc.find_all(True):
        assert tag.name not in ("script", "iframe") and not (tag.name == "img" and tag.get("src") == "x"), str(tag)
        for name, value in tag.attrs.items():
            assert not name.startswith("on"), str(tag)
            values = value if isinstance(value, list) else [value]
            assert not any(str(v).strip().lower().startswith("javascript:") for v in values), str(tag)
