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
    # A redirect key with `..` would write outside the site.
    config = copy_fixture(root, {"extra.clinic.form": {"provider": "netlify", "endpoint": "/no-such-page/"},
                                 "extra.redirects": {"../../x": "blog/"}})
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


def emitted_by_the_gate(tmp_path) -> set[str]:
    """The settings gate runs before MkDocs reads mkdocs.yml: its problems are
    lines `mkdocs.yml:LINE: RULE: ...` of one error."""
    from clinicsite import config as site_config

    config = copy_fixture(tmp_path)
    config.write_text(config.read_text() + "probe: !!python/object/apply:os.system ['true']\n")
    with pytest.raises(site_config.SettingsError) as refused:
        site_config.gate(config)
    return set(re.findall(r"^\S+:\d+: ([a-z-]+): ", str(refused.value), re.M))


def emitted_by_the_plugin(corpus_project) -> set[str]:
    """The output allowlist's problems: the plugin names the source line of a
    built page the allowlist refused (as MkDocs calls it, for one page)."""
    from types import SimpleNamespace

    import markdown

    from clinicsite import allowlist
    from clinicsite.plugin import ClinicPlugin

    source = "A paragraph.\n\n<div><scr<!-- -->ipt>alert(1)</script></div>\n"
    html = markdown.Markdown(extensions=["md_in_html", "clinicsite.comments", "clinicsite.allowlist"]).convert(source)
    assert allowlist.REFUSED in html
    plugin = ClinicPlugin()
    plugin.load_config({})
    page = SimpleNamespace(markdown=source, file=SimpleNamespace(src_uri="probe.md", abs_src_path=None))
    plugin.on_page_content(html, page, SimpleNamespace(docs_dir=str(corpus_project.parent / "docs")), None)
    return {p.rule for p in plugin.refused}


def documented() -> set[str]:
    guide = (ROOT / "EDITING.md").read_text()
    table = guide.split(rules.GUIDE_START, 1)[1].split(rules.GUIDE_END, 1)[0]
    return set(re.findall(r"^\| `([a-z-]+)` \|", table, re.M))


def test_the_rules_emitted_are_the_rules_declared_and_documented(corpus_project, facts_project, tmp_path):
    found = emitted(corpus_project)
    found |= {p.rule for p in facts.check_file(facts_project, mode="production")}
    found |= emitted_by_the_gate(tmp_path) | emitted_by_the_plugin(corpus_project)
    declared = set(rules.RULES)
    assert found - declared == set(), "emitted but not declared in clinicsite/rules.py"
    assert declared - found == set(), ("declared in clinicsite/rules.py but never emitted over the corpus and "
                                       "fixtures: add a case that breaks it, or remove the rule")
    assert documented() == declared, "EDITING.md's rule table: run python3 -m clinicsite.rules --write-guide"
