"""scripts/new_article.py knows the menu: a wrong section lists the real
ones, no section means the menu's first one, and a title that another page
already has is refused. The full scaffold (file, menu line, build) is proven
in test_authoring.py."""
import subprocess
import sys

import pytest
from conftest import ROOT, copy_project

from clinicsite import facts, scaffold
from clinicsite.source import read

# Tests of the generator: the launch test's second run skips them.
pytestmark = pytest.mark.generator

DESCRIPTION = "What partners and family can do to support a man who is getting help for depression."


@pytest.fixture
def project(tmp_path):
    copy_project(tmp_path)
    return tmp_path


def test_a_wrong_section_lists_the_menus_sections(project):
    known = scaffold.sections(facts.load(project / "mkdocs.yml")[0])
    assert len(known) >= 3
    before = (project / "mkdocs.yml").read_text()
    with pytest.raises(scaffold.ScaffoldError) as err:
        scaffold.create(project, "How can partners help?", DESCRIPTION, "About IPTT")
    assert all(f'"{name}"' in str(err.value) for name in known), err.value
    assert (project / "mkdocs.yml").read_text() == before
    assert not (project / "docs" / "how-can-partners-help.md").exists()


def test_without_a_section_the_article_joins_the_menus_first_section(project):
    path = scaffold.create(project, "How can partners help?", DESCRIPTION)
    config = facts.load(project / "mkdocs.yml")[0]
    first = next(item for item in config["nav"] if isinstance(item, dict) and isinstance(next(iter(item.values())), list))
    assert next(iter(first.values()))[-1] == path.name


def test_a_title_another_page_has_is_refused(project):
    title = read(project / "docs" / "what-is-ipt.md", project).meta["title"]
    before = (project / "mkdocs.yml").read_text()
    with pytest.raises(scaffold.ScaffoldError) as err:
        scaffold.create(project, title.upper(), DESCRIPTION)
    assert "docs/what-is-ipt.md already has the title" in str(err.value)
    assert (project / "mkdocs.yml").read_text() == before


def test_the_command_says_it_in_one_plain_line_without_a_traceback():
    """Runs on the real project: both mistakes stop before anything is written."""
    command = [sys.executable, str(ROOT / "scripts" / "new_article.py"), "How can partners help?", DESCRIPTION]
    wrong = subprocess.run(command + ["--section", "Nowhere"], capture_output=True, text=True, stdin=subprocess.DEVNULL)
    assert wrong.returncode == 1 and "Traceback" not in wrong.stderr
    assert wrong.stderr.startswith('Could not create the article: the menu has no section "Nowhere" (fix: use one of: ')
    assert not (ROOT / "docs" / "how-can-partners-help.md").exists()
