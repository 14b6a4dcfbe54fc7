"""What staff on their own run into (issue: spelling, typography, facts that
are hard to get wrong, honest reviews, plain endings): each mistake is named
with its file, line and a fix that, applied literally, gives what the writer
meant."""
import re
import subprocess
import sys

import jinja2
import pytest
from conftest import ROOT, SITE, build, copy_fixture, copy_project, set_facts, site_config

from clinicsite import checks, facts
from clinicsite import config as site_config_module

pytestmark = pytest.mark.generator

# (page, what is added at its end, the misspelled word, a suggestion the fix must give)
MISSPELLED = [
    ("what-is-ipt.md", "\nThis theraphy can help many men.\n", "theraphy", "therapy"),
    ("faq.md", "\n- It can help with low mood and depresion.\n", "depresion", "depression"),
    ("depression-in-men.md", "\n## How can a partner halp?\n\nA partner can listen.\n", "halp", "help"),
]


def spelling(problems, file=None):
    return [p for p in problems if p.rule == "spelling" and (file is None or p.file == file)]


def test_misspellings_in_body_text_a_list_item_and_a_heading_are_named_with_line_and_suggestion(tmp_path):
    config = copy_project(tmp_path)
    expected = {}
    for page, added, word, suggestion in MISSPELLED:
        path = tmp_path / "docs" / page
        before = path.read_text()
        path.write_text(before.rstrip("\n") + "\n" + added)
        line = next(n for n, text in enumerate(path.read_text().splitlines(), 1) if word in text)
        expected[f"docs/{page}"] = (line, word, suggestion)
    for mode, severity in (("preview", "warning"), ("production", "error")):
        _, problems = checks.run(config, mode=mode)
        for file, (line, word, suggestion) in expected.items():
            found = spelling(problems, file)
            assert [(p.line, p.severity) for p in found] == [(line, severity)], [str(p) for p in found]
            assert f'"{word}"' in found[0].message and f'"{suggestion}"' in found[0].fix, str(found[0])


def test_the_site_has_no_spelling_warnings():
    _, problems = checks.run(SITE / "mkdocs.yml", mode="preview")
    assert [str(p) for p in spelling(problems)] == []


def test_a_page_or_the_word_list_accepts_a_word(tmp_path):
    config = copy_project(tmp_path)
    page = tmp_path / "docs" / "what-is-ipt.md"
    page.write_text(page.read_text() + "\nDr. Zorblat and Dr. Quaxley wrote about it.\n")
    _, problems = checks.run(config, mode="preview")
    assert {p.message.split('"')[1] for p in spelling(problems, "docs/what-is-ipt.md")} == {"Zorblat", "Quaxley"}
    page.write_text(page.read_text().replace("\n---\n", "\nspelling: [Zorblat]\n---\n", 1))
    (tmp_path / "spelling.txt").write_text((tmp_path / "spelling.txt").read_text() + "quaxley  # a name\n")
    _, problems = checks.run(config, mode="preview")
    assert spelling(problems, "docs/what-is-ipt.md") == []


@pytest.mark.parametrize("title, meant", [
    ("\u201cSleep and low mood\u201d", "Sleep and low mood"),
    ("\u201cSleep: what helps\u201d", "Sleep: what helps"),
    ("Sleep\u00a0and\tlow mood", "Sleep and low mood"),
    ("Sleep and low mood:", "Sleep and low mood"),
])
def test_a_title_typed_in_a_word_processor_gets_the_line_to_write(tmp_path, title, meant):
    config = copy_project(tmp_path)
    page = tmp_path / "docs" / "what-is-ipt.md"
    original = page.read_text()
    title_line = next(line for line in original.splitlines() if line.startswith("title:"))
    page.write_text(original.replace(title_line, f"title: {title}", 1))
    _, problems = checks.run(config, mode="preview")
    mine = [p for p in problems if p.file == "docs/what-is-ipt.md" and p.rule in ("typography", "front-matter")]
    assert len(mine) == 1, [str(p) for p in mine]
    fix = mine[0].fix
    assert fix.startswith("write the line as: "), fix
    page.write_text(original.replace(title_line, fix.removeprefix("write the line as: "), 1))  # applied literally
    ctx, problems = checks.run(config, mode="preview")
    assert ctx.sources["what-is-ipt.md"].meta["title"] == meant
    assert [str(p) for p in problems if p.file == "docs/what-is-ipt.md" and p.rule in ("typography", "front-matter")] == []


def test_a_page_with_its_own_call_to_action_does_not_get_the_closing_one():
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(ROOT / "overrides")))
    env.filters["url"] = lambda value: "/" + value
    cta = {"heading": "Talk to us", "text": "Call us.", "button": "Get in touch"}
    config = {"extra": {"calls_to_action": {"default": cta}, "clinic": {"booking_url": ""}}}
    template = env.get_template("partials/cta.html")
    plain = template.render(page={"meta": {}, "content": "<p>Text.</p>"}, config=config)
    own = template.render(page={"meta": {}, "content": '<div class="clinic-cta"><h2>Ours</h2></div>'}, config=config)
    assert "Talk to us" in plain and "Talk to us" not in own


@pytest.mark.parametrize("written, meant", [("7pm", "19:00"), ("7:30 pm", "19:30"), ("19.00", "19:00"), (1140, "19:00")])
def test_a_closing_time_written_another_way_gets_the_exact_time_to_write(tmp_path, written, meant):
    config = copy_fixture(tmp_path, {"extra.clinic.hours": [{"days": ["Mo"], "opens": "09:00", "closes": written}]})
    found = [p for p in facts.check_file(config, mode="preview") if p.rule == "clinic-facts"]
    assert found and any(f'write it as "{meant}"' in p.fix for p in found), [str(p) for p in found]
    line = site_config_module.lines(config)["extra.clinic.hours"]
    assert all(p.line >= line for p in found)


def test_evening_appointments_must_match_the_hours(tmp_path):
    late = [{"days": ["Mo"], "opens": "09:00", "closes": "19:00"}]
    config = copy_fixture(tmp_path, {"extra.clinic.hours": late, "extra.clinic.practice.evening": False})
    found = [p for p in facts.check_file(config, mode="preview") if p.rule == "clinic-facts"]
    assert [p.line for p in found] == [site_config_module.lines(config)["extra.clinic.practice.evening"]]
    assert "`evening: true`" in found[0].fix
    set_facts(config, {"extra.clinic.practice.evening": True})
    assert [p for p in facts.check_file(config, mode="preview") if p.rule == "clinic-facts"] == []


def test_an_unknown_fact_names_its_line_and_the_nearest_name(tmp_path):
    config = copy_fixture(tmp_path)
    config.write_text(config.read_text().replace("reply_within:", "reply_withn:", 1))
    found = [p for p in facts.check_file(config, mode="preview") if "reply_withn" in p.message]
    line = next(n for n, text in enumerate(config.read_text().splitlines(), 1) if "reply_withn:" in text)
    assert [(p.line, "`reply_within`" in p.fix) for p in found] == [(line, True)]


@pytest.fixture(scope="module")
def moved(tmp_path_factory):
    """A launch-ready copy whose pages are then moved to a new clinician with the command."""
    root = tmp_path_factory.mktemp("moved")
    config = copy_project(root, launch_ready=True)
    team = site_config_module.load(config)["extra"]["team"]
    old = team[0]["id"]
    newcomer = {"id": "dr-new-clinician", "name": "Dr. New Clinician", "credentials": "PhD", "photo": "none"}
    set_facts(config, {"extra.team": [*team, newcomer]})
    before = {p for p in (root / "docs").rglob("*.md") if re.search(rf"^reviewed_by:\s*{old}\s*$", p.read_text(), re.M)}
    command = subprocess.run([sys.executable, str(ROOT / "scripts" / "reviewer.py"), old, newcomer["id"],
                              "--config", str(config)], capture_output=True, text=True, cwd=root)
    return root, config, newcomer, before, command


def test_moving_pages_to_a_new_clinician_says_they_are_not_reviewed_yet(moved):
    root, config, newcomer, before, command = moved
    assert command.returncode == 0, command.stderr
    assert f"{len(before)} page(s)" in command.stdout and "has not reviewed them yet" in command.stdout
    assert "check.py --launch" in command.stdout and "production build" in command.stdout
    launch = subprocess.run([sys.executable, str(ROOT / "scripts" / "check.py"), "--launch", "--config", str(config)],
                            capture_output=True, text=True, cwd=root)
    assert launch.returncode == 1
    for page in before:
        rel = page.relative_to(root).as_posix()
        assert re.search(rf"{re.escape(rel)}:\d+: the page is due for review by {newcomer['name']}", launch.stdout), rel


def test_the_production_build_names_each_page_due_and_ends_in_plain_words(moved):
    """On either engine: Zensical's build runs the same checks and ends the same way."""
    root, config, newcomer, before, _ = moved
    for engine in ("mkdocs", "zensical"):
        result = build(root / "site", config=config, mode="production", check=False, engine=engine)
        output = result.stdout + result.stderr
        assert result.returncode != 0 and not (root / "site").exists(), engine
        lines = output.rstrip().splitlines()
        for page in before:
            rel = page.relative_to(root).as_posix()
            named = [line for line in lines if line.strip().startswith(f"{rel}:") and "review-pending" in line]
            assert len(named) == 1 and newcomer["name"] in named[0], (engine, rel, output[-3000:])
            assert f"\n{rel}\n" in output  # grouped under the page's own heading
        assert "BuildError" not in output and "Aborted" not in output and "Traceback" not in output, engine
        count = next(line for line in lines if "stop this production build" in line)
        n = len(before)
        assert re.match(rf"{n} problems? stops? this production build: {n} in {n} pages?\.", count), (engine, count)
        assert lines[-1].startswith("What to do next:"), (engine, lines[-1])
    # Once the clinician has reviewed a page and the line is deleted, it is no longer due.
    from clinicsite import reviewers

    for page in before:
        reviewers.record_review(page)
    _, problems = checks.run(config, mode="production")
    assert [str(p) for p in problems if p.rule == "review-pending"] == []


REFERENCE = re.compile(r"(README(?:\.md)?|EDITING\.md|DEVELOPMENT\.md|HOSTING\.md|SECURITY\.md)[ ,(]{0,3}\\?[\"\u201c]([^\"\u201d\\\n]{3,60})\\?[\"\u201d]")
GUIDES = ("README.md", "EDITING.md", "DEVELOPMENT.md", "HOSTING.md", "SECURITY.md")


def headings(name):
    path = ROOT / name
    return {m.strip() for m in re.findall(r"^#{1,6}\s+(.*)$", path.read_text(), re.M)} if path.exists() else set()


def test_every_section_a_message_names_exists():
    """A message that sends staff to README "X" or EDITING.md "X": X is a
    heading there (README's sections may have moved to its sibling guides)."""
    files = [*(ROOT / "clinicsite").rglob("*.py"), *(ROOT / "scripts").glob("*.py"), ROOT / "mkdocs.yml",
             *(ROOT / name for name in GUIDES + ("LAUNCH.md",) if (ROOT / name).exists())]
    seen = []
    for path in files:
        for m in REFERENCE.finditer(path.read_text(encoding="utf-8")):
            guide, title = m.group(1), m.group(2)
            where = headings("EDITING.md") if guide == "EDITING.md" else set().union(*map(headings, GUIDES))
            seen.append(title)
            assert title in where, f"{path.relative_to(ROOT)} names {guide} \"{title}\", which has no such section"
    assert "Replace a clinician" in seen  # the reviewer messages' own reference is followed
    for rule in checks.rules.RULES.values():  # "see X" in the rule table: a section of EDITING.md
        for title in re.findall(r'see "([^"]+)"', rule.todo):
            assert title in headings("EDITING.md"), (rule.name, title)
