"""The README's Quick start and CI stay in step with the commands."""
import re

import pytest

from conftest import ROOT

# Tests of the generator: the launch test's second run, on another clinic's copy, skips them.
pytestmark = pytest.mark.generator


def quick_start_commands():
    readme = (ROOT / "README.md").read_text()
    section = readme.split("## Quick start", 1)[1]
    block = re.search(r"```[^\n]*\n(.*?)```", section, re.S).group(1)
    return [line for line in block.splitlines() if line.strip()]


def test_quick_start_has_exactly_a_build_and_a_test_command():
    commands = quick_start_commands()
    assert len(commands) == 2
    assert "build" in commands[0] and "test" in commands[1]
    for command in commands:
        assert (ROOT / command.split()[1]).is_file()


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text()
    assert quick_start_commands()[1] in ci.splitlines()


def pins(lock: str) -> dict:
    return {n.lower(): v for n, v in re.findall(r"^([A-Za-z0-9_.-]+)==([^\s\\]+)", lock, re.M)}


@pytest.mark.parametrize("name", ["build", "dev"])
def test_every_dependency_is_pinned_with_a_hash_and_no_index(name):
    lock = (ROOT / "requirements" / f"{name}.lock").read_text()
    assert len(pins(lock)) > 20
    blocks = re.split(r"^(?=[A-Za-z])", lock, flags=re.M)
    for block in blocks:
        if "==" in block:
            assert "--hash=sha256:" in block, block.splitlines()[0]
    # A lock names no package index or local folder of the machine it was made on.
    assert not re.search(r"^\s*--(?:extra-)?index-url|^\s*--find-links|^\s*-f\s|file://", lock, re.M)


def test_the_build_lock_has_no_test_or_browser_package_and_dev_matches_it():
    build, dev = (pins((ROOT / "requirements" / f"{n}.lock").read_text()) for n in ("build", "dev"))
    for name in ("mkdocs", "mkdocs-material", "pymdown-extensions", "textstat"):
        assert name in build
    for name in ("pytest", "playwright", "axe-playwright-python", "beautifulsoup4", "check-jsonschema", "zensical", "greenlet"):
        assert name not in build and name in dev, name
    assert all(dev[n] == v for n, v in build.items()), "dev.lock must hold build.lock's exact versions"


def test_every_deploy_installs_only_the_build_lock():
    """The deploy workflow, Netlify and the Cloudflare instructions build with
    scripts/build.py, which installs requirements/build.lock and nothing else."""
    build_script = (ROOT / "scripts" / "build.py").read_text()
    assert '_bootstrap.in_venv("dev" if zensical else "build")' in build_script
    assert "python3 scripts/build.py" in (ROOT / "netlify.toml").read_text()
    deploy = (ROOT / ".github" / "workflows" / "deploy.yml").read_text()
    assert "scripts/test.py" not in deploy and "dev.lock" not in deploy and "python3 scripts/build.py" in deploy
    hosting = (ROOT / "HOSTING.md").read_text()
    cloudflare = hosting.split("### Cloudflare Pages", 1)[1].split("\n#", 1)[0]
    assert "python3 scripts/build.py" in cloudflare and "SITE_MODE" in cloudflare
