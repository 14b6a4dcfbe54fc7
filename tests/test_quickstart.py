"""The README's Quick start and CI stay in step with the commands."""
import re

from conftest import ROOT


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


def test_every_dependency_is_pinned_with_a_hash():
    lock = (ROOT / "requirements.lock").read_text()
    pins = re.findall(r"^([A-Za-z0-9_.-]+)==([^\s\\]+)", lock, re.M)
    assert len(pins) > 20
    for name in ("mkdocs", "mkdocs-material", "pymdown-extensions", "pytest", "playwright", "axe-playwright-python"):
        assert any(n.lower() == name for n, _ in pins), name
    blocks = re.split(r"^(?=[A-Za-z])", lock, flags=re.M)
    for block in blocks:
        if "==" in block:
            assert "--hash=sha256:" in block, block.splitlines()[0]
