"""A clinic can launch: with another clinic's realistic details committed in a
copy of the repository (tests/fixtures/another-clinic.json: every fact, a new
team, every placeholder filled), the README's build in production mode passes,
no sample value reaches the built site, and the site's own tests pass there
too, because no test hard-codes a sample fact."""
import os
import shutil
import subprocess
import sys

import pytest
import re

from conftest import ANOTHER_CLINIC, ROOT, set_facts

from clinicsite import config as site_config_module
from clinicsite import facts, reviewers

pytestmark = [pytest.mark.launch, pytest.mark.generator, pytest.mark.slow]


@pytest.fixture(scope="module")
def clinic_repo(tmp_path_factory):
    """A copy launched as the README's "Launch" steps say, literally, with
    another clinic's details (tests/fixtures/another-clinic.json)."""
    repo = tmp_path_factory.mktemp("another-clinic") / "website"
    shutil.copytree(ROOT, repo, ignore=shutil.ignore_patterns(".venv", ".git", "site", "__pycache__", "node_modules",
                                                              ".pytest_cache", "bench-out", "shots"))
    # The copy's commands run with this .venv: the same locks, already set up.
    (repo / ".venv").symlink_to(ROOT / ".venv")
    config = repo / "mkdocs.yml"
    given = dict(ANOTHER_CLINIC["facts"])
    clinicians = given.pop("extra.team")
    # 1. Facts: everything under `extra: clinic:`, site_url, site_name.
    set_facts(config, given)
    # 2. Clinicians: add each one, move every page from the sample clinician with
    #    the README's command, remove the sample clinician; each moved page is then
    #    reviewed by the new clinician (the `review_pending: true` line deleted).
    sample = [m["id"] for m in site_config_module.load(config)["extra"]["team"]]
    set_facts(config, {"extra.team": [*site_config_module.load(config)["extra"]["team"], *clinicians]})
    for old in sample:
        moved = run_here(repo, "scripts/reviewer.py", old, clinicians[0]["id"])
        assert moved.returncode == 0 and "has not reviewed them yet" in moved.stdout, moved.stdout + moved.stderr
    set_facts(config, {"extra.team": clinicians})
    for page in (repo / "docs").rglob("*.md"):
        if "review_pending: true" in page.read_text():
            reviewers.record_review(page)
    # 3. Placeholders.
    for page in (repo / "docs").rglob("*.md"):
        text = page.read_text()
        filled = re.sub(r"\[PLACEHOLDER:[^\]]*\]", ANOTHER_CLINIC["placeholder_text"], text)
        if filled != text:
            page.write_text(filled)
    # 4. Check: nothing left.
    left = run_here(repo, "scripts/check.py", "--launch")
    assert left.returncode == 0, left.stdout[-3000:]
    (repo / ".venv").unlink()  # not part of what the clinic commits
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True)
    subprocess.run(["git", "-c", "user.name=Clinic", "-c", "user.email=web@clinic.test", "commit", "-qm",
                    "Our real details"], cwd=repo, check=True)
    (repo / ".venv").symlink_to(ROOT / ".venv")
    return repo


def run_here(repo, *command, **env):
    """Run with this .venv's Python (the copy has the same locks and generator;
    setting up a second environment would only take time)."""
    # Not this run's pytest-xdist variables: with PYTEST_XDIST_WORKER set, the
    # copy's own pytest took itself for a worker of a run and shared its built
    # site through /tmp/pytest-of-USER/, where a site from an older run was
    # waiting (conftest.shared): the rerun tested that stale site.
    environment = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST_")}
    environment.update(NO_MKDOCS_2_WARNING="1", **env)
    return subprocess.run([sys.executable, *command], cwd=repo, env=environment, capture_output=True, text=True)


def test_the_readme_build_passes_in_production_with_no_sample_left(clinic_repo):
    # What `python3 scripts/build.py --mode production` runs once .venv is set up.
    result = run_here(clinic_repo, "-m", "mkdocs", "build", "--strict", SITE_MODE="production")
    assert result.returncode == 0, result.stdout + result.stderr
    samples = [str(v) for v in facts.FICTIONAL_SAMPLES.values()] + [facts.SAMPLE_TEAM["id"], facts.SAMPLE_TEAM["name"]]
    samples += [facts.CONFIRMABLE_SAMPLES["name"], facts.CONFIRMABLE_SAMPLES["short_name"]]
    for path in (clinic_repo / "site").rglob("*"):
        if path.is_file() and path.suffix in {".html", ".xml", ".json", ".txt", ""}:
            text = path.read_text(encoding="utf-8", errors="replace")
            for sample in samples:
                assert sample not in text, f"{path.relative_to(clinic_repo)} still has the sample {sample!r}"
    assert "Harborline" in (clinic_repo / "site" / "index.html").read_text()


def test_the_site_tests_pass_with_the_clinics_own_details(clinic_repo):
    """The site's tests whose result can depend on the facts (marked `facts`;
    conftest marks every test that reads them), on the clinic's copy. Not the
    generator's own tests (they run on their fixture project, whatever the site
    holds), nor those that read no fact (axe, the look, the requests): their
    pages differ from this repository's only in the facts' text."""
    # Two workers, as the README's test command runs: xdist starts this file
    # among the last (it has few tests), so the rerun mostly has both cores to
    # itself; in one process it left one idle for four minutes at the end.
    result = run_here(clinic_repo, "-m", "pytest", "-x", "-p", "no:cacheprovider", "-m", "facts and not generator",
                      "-n", "2", "--dist", "loadfile", str(ROOT / "tests"), CLINIC_SITE_ROOT=str(clinic_repo))
    tail = "\n".join((result.stdout + result.stderr).splitlines()[-40:])
    assert result.returncode == 0, tail
    assert " passed" in tail and "site under test: " + str(clinic_repo) in result.stdout


def test_the_copys_own_editing_guide_and_staff_tests_pass_there(clinic_repo):
    """The copy's own tests of its guide and of the messages staff meet, run as
    the README's test command runs them there: the sample clinician is gone, and
    nothing in them names it."""
    result = run_here(clinic_repo, "scripts/test.py", "tests/test_editing_guide.py", "tests/test_staff_checks.py",
                      "-q", "-p", "no:cacheprovider")
    tail = "\n".join((result.stdout + result.stderr).splitlines()[-40:])
    assert result.returncode == 0 and " passed" in tail, tail
