"""EDITING.md cannot drift from the code: its examples build, and its tables
list exactly the front matter fields and the rules the code has."""
import re

import pytest
from conftest import ROOT, build, copy_project, soup

from clinicsite import checks, schema

GUIDE = (ROOT / "EDITING.md").read_text()
FRONT = """---
title: Guide example
description: An example from the editing guide, built to show that it works.
reviewed_by: dr-sam-rivera
last_reviewed: 2026-11-01
next_review: 2027-11-01
---

"""


def section(title):
    return GUIDE.split(f"## {title}", 1)[1].split("\n## ", 1)[0]


def table_first_column(text):
    return {m for m in re.findall(r"^\| `([\w-]+)` \|", text, re.M)}


def examples():
    return re.findall(r"```markdown\n(.*?)```", GUIDE, re.S)


def test_the_field_table_lists_exactly_the_schema():
    assert table_first_column(section("The front matter")) == {f.name for f in schema.FIELDS}


def test_the_error_table_lists_exactly_the_rules():
    assert table_first_column(section("Error messages and what to do")) == set(checks.RULES)


def test_every_component_is_documented():
    blocks = checks.known_blocks(checks.context(ROOT / "mkdocs.yml").config)
    assert blocks, "no components found"
    for name in blocks:
        if name == "admonition":  # the generic box; staff use its named kinds
            continue
        assert f"`{name}`" in GUIDE or f"/// {name}" in GUIDE, name


@pytest.mark.parametrize("index", range(len(examples())))
def test_every_example_passes_the_checks_and_builds(tmp_path, index):
    example = examples()[index]
    page = example if example.startswith("---") else FRONT + example
    copy_project(tmp_path, [("\nnav:\n", "\nnav:\n  - guide-example.md\n")])
    (tmp_path / "docs" / "guide-example.md").write_text(page)
    _, problems = checks.run(tmp_path / "mkdocs.yml", mode="preview")
    mine = [str(p) for p in problems if p.file == "docs/guide-example.md"]
    assert mine == []
    build(tmp_path / "site", config=tmp_path / "mkdocs.yml")
    html = soup(tmp_path / "site" / "guide-example" / "index.html").select_one("article")
    assert "///" not in html.get_text(), "a component was left as plain text"
