"""One home per rule: the rules the checks emit over the broken-article corpus
(tests/articles/broken/), the fact fixtures (tests/test_clinic_facts.py) and
the files staff could put in docs/ are exactly the rules declared in
clinicsite/rules.py, which are exactly the rules EDITING.md's table documents.
A rule emitted but not declared raises (problems.py); a rule declared but never
emitted, or not documented, fails here."""
from __future__ import annotations

import datetime as dt
import re
import shutil

import pytest
from conftest import ROOT, TEST_TODAY, copy_fixture, set_facts
from test_clinic_facts import MALFORMED

from clinicsite import checks, facts, rules

pytestmark = pytest.mark.generator

TODAY = dt.date.fromisoformat(TEST_TODAY)
CORPUS = ROOT / "tests" / "articles" / "broken"
PAGE = ("---\ntitle: {title}\ndescription: A short page that the tests use to try one thing at a time.\n"
        "reviewed_by: {reviewer}\nlast_reviewed: 2026-11-01\nnext_review: 2027-11-01\n---\n\n{body}\n")


def emitted(config) -> set[str]:
    found = set()
    for mode, today in (("preview", TODAY), ("production", TODAY), ("production", TODAY + dt.timedelta(days=800))):
        _, problems = checks.run(config, mode=mode, today=today)
        found |= {p.rule for p in problems}
    return found


@pytest.fixture(scope="module")
def corpus_project(tmp_path_factory):
    """The fixture project with every broken article of the corpus in its menu,
    and the files staff could wrongly put in docs/."""
    root = tmp_path_factory.mktemp("rule-set")
    # Netlify Forms show the page at `endpoint` after a message: one the site lacks.
    config = copy_fixture(root, {"extra.clinic.form": {"provider": "netlify", "endpoint": "/no-such-page/"}})
    docs = root / "docs"
    names = sorted(p.stem for p in CORPUS.glob("*.md"))
    for name in names:
        shutil.copy(CORPUS / f"{name}.md", docs / f"{name}.md")
    reviewer = facts.load(config)[0]["extra"]["team"][0]["id"]
    page = PAGE.format(title="A draft", reviewer=reviewer, body="Some plain words here.")
    (docs / "draft.md").write_text(page)  # in no menu, not unlisted
    (docs / "huge.md").write_text(page + "Plain words in a long page.\n" * 10_000)  # over the size limit
    (docs / "notes-for-staff.txt").write_text("Client J. Smith called.\n")
    (docs / "passwd.txt").symlink_to("/etc/passwd")
    (docs / "blog").mkdir(exist_ok=True)
    (docs / "blog" / ".authors.yml").write_text("authors:\n  bad:\n    name: Bad\n    description: x\n"
                                                "    url: javascript:alert(1)\n")
    menu = "".join(f"\n  - {name}.md" for name in [*names, "huge", "gone-page"])
    config.write_text(config.read_text().rstrip("\n") + menu + "\n")
    return config


@pytest.fixture(scope="module")
def facts_project(tmp_path_factory):
    """The fixture project with every malformed fact of tests/test_clinic_facts.py
    typed in, and a sample value the site ships with."""
    root = tmp_path_factory.mktemp("rule-set-facts")
    changes = {key: value for key, value in MALFORMED.values()}
    changes["extra.clinic.email"] = facts.FICTIONAL_SAMPLES["extra.clinic.email"]
    return copy_fixture(root, changes)


# Rules that this corpus does not reach yet: emitted by the plugin on built pages,
# by the settings gate before MkDocs reads mkdocs.yml, and by the redirect check
# (their own tests: tests/test_allowlists.py and tests/test_publishing.py). Only
# these may be missing from the emitted set; each must still be emitted in code.
ELSEWHERE = {"output-html", "settings", "redirect"}


def documented() -> set[str]:
    guide = (ROOT / "EDITING.md").read_text()
    table = guide.split(rules.GUIDE_START, 1)[1].split(rules.GUIDE_END, 1)[0]
    return set(re.findall(r"^\| `([a-z-]+)` \|", table, re.M))


def test_the_rules_emitted_are_the_rules_declared_and_documented(corpus_project, facts_project):
    found = emitted(corpus_project)
    found |= {p.rule for p in facts.check_file(facts_project, mode="production")}
    declared = set(rules.RULES)
    assert found - declared == set(), "emitted but not declared in clinicsite/rules.py"
    for rule in ELSEWHERE:
        assert any(f"{rule}" in path.read_text() for path in (ROOT / "clinicsite").glob("*.py")
                   if path.name != "rules.py"), rule
    assert declared - found - ELSEWHERE == set(), ("declared in clinicsite/rules.py but never emitted over the corpus and "
                                       "fixtures: add a case that breaks it, or remove the rule")
    assert documented() == declared, "EDITING.md's rule table: run python3 -m clinicsite.rules --write-guide"
