"""The clinic facts: one schema, every problem on its line of mkdocs.yml and
never a traceback; samples that cannot slip through a production build; a
failed build that leaves nothing to upload. Run on the generator's fixture
project and on launch-ready copies of the site, never on hard-coded facts."""
import subprocess
import sys

import pytest
from conftest import ROOT, build, copy_fixture, copy_project, set_facts

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
    "session length as text": ("extra.clinic.practice", {"session_minutes": "fifty"}),
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


@pytest.mark.parametrize("name", ["hours", "reply_within", "practice"])
def test_a_fact_equal_to_its_sample_must_be_confirmed(launch_copy, tmp_path, name):
    given = {f"extra.clinic.{name}": facts.CONFIRMABLE_SAMPLES[name]}
    if name == "hours":  # the sample hours end at 6pm: evening appointments must say so (they are checked against the hours)
        practice = site_config.load(launch_copy / "mkdocs.yml")["extra"]["clinic"]["practice"]
        given["extra.clinic.practice"] = {**practice, "evening": facts.evening_from_hours(facts.CONFIRMABLE_SAMPLES["hours"])}
    config = copy_project(tmp_path, source=launch_copy, facts=given)
    errors = [p for p in facts.check_file(config, mode="production") if p.severity == "error"]
    assert [(p.line, p.rule) for p in errors] == [(line_of(config, f"extra.clinic.{name}"), "sample-fact")]
    assert "confirmed:" in errors[0].fix
    set_facts(config, {"extra.clinic.confirmed": ["crisis", name]})
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
