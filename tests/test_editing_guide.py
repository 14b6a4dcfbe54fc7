"""EDITING.md cannot drift from the code: its examples pass the checks and
build, and its tables list exactly the front matter fields and the rules the
code has. All examples share one copy of the project and one build."""
import re

import pytest
from conftest import ROOT, build, copy_project, site_config, soup

from clinicsite import checks, rules, schema

# Tests of the generator: the launch test's second run, on another clinic's copy, skips them.
pytestmark = pytest.mark.generator

GUIDE = (ROOT / "EDITING.md").read_text()
REVIEWER = site_config()["extra"]["team"][0]["id"]
FRONT = """---
title: Guide example {n}
description: An example from the editing guide, built to show that it works.
reviewed_by: {reviewer}
last_reviewed: 2026-11-01
next_review: 2027-11-01
unlisted: true
---

"""


def section(title):
    return GUIDE.split(f"## {title}", 1)[1].split("\n## ", 1)[0]


def table_first_column(text):
    return {m for m in re.findall(r"^\| `([\w-]+)` \|", text, re.M)}


def examples():
    return re.findall(r"```markdown\n(.*?)```", GUIDE, re.S)


def inline_examples():
    """Links and pictures the guide shows inside `...` in its sentences."""
    spans = re.findall(r"`([^`\n]*(?:\]\(|<img )[^`\n]*)`", GUIDE)
    return [s for s in spans if "..." not in s]


@pytest.fixture(scope="module")
def guide_site(tmp_path_factory):
    """Every example as a page of one copy of the project: checked once, built once."""
    root = tmp_path_factory.mktemp("guide")
    copy_project(root)
    for n, example in enumerate(examples()):
        # Kept out of the menu on purpose: `unlisted: true`.
        # The guide's example names a clinician as staff would; here it names one of this site's team.
        example = re.sub(r"^reviewed_by: .*$", f"reviewed_by: {REVIEWER}", example, flags=re.M)
        page = example.replace("---\n", "---\nunlisted: true\n", 1) if example.startswith("---") \
            else FRONT.format(n=n, reviewer=REVIEWER) + example
        (root / "docs" / f"guide-example-{n}.md").write_text(page)
    (root / "docs" / "guide-inline.md").write_text(FRONT.format(n="inline", reviewer=REVIEWER) + "\n\n".join(inline_examples()) + "\n")
    _, problems = checks.run(root / "mkdocs.yml", mode="preview")
    build(root / "site", config=root / "mkdocs.yml")
    return root, problems


def test_the_field_table_lists_exactly_the_schema():
    assert table_first_column(section("The front matter")) == {f.name for f in schema.FIELDS}


def test_the_error_table_lists_exactly_the_rules():
    assert table_first_column(section("Error messages and what to do")) == set(rules.RULES)
    # The table is the registry's, word for word: `python3 -m clinicsite.rules --write-guide` rewrites it.
    assert rules.guide_with_table(GUIDE) == GUIDE


def test_every_component_is_documented():
    blocks = checks.known_blocks(checks.context(ROOT / "mkdocs.yml").config)
    assert blocks, "no components found"
    for name in blocks:
        if name == "admonition":  # the generic box; staff use its named kinds
            continue
        assert f"`{name}`" in GUIDE or f"/// {name}" in GUIDE, name


@pytest.mark.parametrize("index", range(len(examples())))
def test_every_example_passes_the_checks_and_builds(guide_site, index):
    root, problems = guide_site
    name = f"docs/guide-example-{index}.md"
    assert [str(p) for p in problems if p.file == name] == []
    html = soup(root / "site" / f"guide-example-{index}" / "index.html").select_one("article")
    assert "///" not in html.get_text(), "a component was left as plain text"


def test_the_links_and_pictures_in_its_sentences_lead_somewhere(guide_site):
    root, problems = guide_site
    shown = inline_examples()
    assert any("images/" in s for s in shown) and any(".md" in s for s in shown)
    assert [str(p) for p in problems if p.file == "docs/guide-inline.md"] == []
    for img in soup(root / "site" / "guide-inline" / "index.html").select("article img"):
        assert img.get("alt") and (root / "site" / "guide-inline" / img["src"]).resolve().is_file(), img


def test_the_clinic_details_section_names_every_fact_staff_may_change():
    config = checks.context(ROOT / "mkdocs.yml").config
    clinic = config["extra"]["clinic"]
    text = section("The clinic's details")
    for key in clinic:
        assert f"`{key}:`" in text or f"`{key}: " in text or (key == "name" and "`site_name:`" in text), key
    for key in clinic.get("practice") or {}:
        assert f"{key}:" in text, key


def test_the_menu_section_names_the_real_sections():
    from clinicsite import facts, scaffold

    text = section("The menu")
    for name in scaffold.sections(facts.load(ROOT / "mkdocs.yml")[0]):
        assert f'"{name}"' in text, name
