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
from conftest import ROOT, make_launch_ready

from clinicsite import facts

pytestmark = [pytest.mark.launch, pytest.mark.generator, pytest.mark.slow]


@pytest.fixture(scope="module")
def clinic_repo(tmp_path_factory):
    repo = tmp_path_factory.mktemp("another-clinic") / "website"
    shutil.copytree(ROOT, repo, ignore=shutil.ignore_patterns(".venv", ".git", "site", "__pycache__", "node_modules",
                                                              ".pytest_cache", "bench-out", "shots"))
    make_launch_ready(repo)
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True)
    subprocess.run(["git", "-c", "user.name=Clinic", "-c", "user.email=web@clinic.test", "commit", "-qm",
                    "Our real details"], cwd=repo, check=True)
    return repo


def run_here(repo, *command, **env):
    """Run with this .venv's Python (the copy has the same locks and generator;
    setting up a second environment would only take time)."""
    environment = dict(os.environ, NO_MKDOCS_2_WARNING="1", **env)
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
    result = run_here(clinic_repo, "-m", "pytest", "-x", "-p", "no:cacheprovider", "-m", "facts and not generator",
                      str(ROOT / "tests"), CLINIC_SITE_ROOT=str(clinic_repo))
    tail = "\n".join((result.stdout + result.stderr).splitlines()[-40:])
    assert result.returncode == 0, tail
    assert " passed" in tail and "site under test: " + str(clinic_repo) in result.stdout
