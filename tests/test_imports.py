"""The package has no import cycle, and hides none: every module imports on its
own in a fresh interpreter, the modules' top-level imports form no cycle, and
no import inside a function would close one (an import put in a function to
dodge a cycle is a cycle all the same)."""
from __future__ import annotations

import ast
import subprocess
import sys

import pytest
from conftest import ROOT

pytestmark = pytest.mark.generator

PACKAGE = ROOT / "clinicsite"


def module_name(path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def targets(node: ast.AST, module: str, is_package: bool) -> set[str]:
    """The package's modules an import statement loads."""
    if isinstance(node, ast.Import):
        names = {alias.name for alias in node.names}
    elif isinstance(node, ast.ImportFrom):
        if node.level:
            base = module.split(".")
            base = base[:len(base) - node.level + (1 if is_package else 0)]
            origin = ".".join(base + ([node.module] if node.module else []))
        else:
            origin = node.module or ""
        names = {f"{origin}.{alias.name}" for alias in node.names} | {origin}
    else:
        return set()
    return {name for name in names if name in MODULES} - {module}


def imports() -> tuple[dict[str, set[str]], list[tuple[str, str, int]]]:
    """Top-level edges per module, and the imports made inside functions (module, target, line)."""
    top: dict[str, set[str]] = {name: set() for name in MODULES}
    inner: list[tuple[str, str, int]] = []
    for name, path in MODULES.items():
        tree = ast.parse(path.read_text())
        is_package = path.name == "__init__.py"
        nested = {id(n) for f in ast.walk(tree) if isinstance(f, (ast.FunctionDef, ast.AsyncFunctionDef))
                  for n in ast.walk(f)}
        # `if TYPE_CHECKING:` imports never run: annotations only.
        typing_only = {id(n) for f in ast.walk(tree) if isinstance(f, ast.If) and "TYPE_CHECKING" in ast.unparse(f.test)
                       for n in ast.walk(f)}
        for node in ast.walk(tree):
            for target in targets(node, name, is_package):
                if id(node) in typing_only:
                    continue
                if id(node) in nested:
                    inner.append((name, target, node.lineno))
                else:
                    top[name].add(target)
    return top, inner


def cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle of the graph, as a path, or None."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node):
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt):] + [nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return None


def test_the_top_level_imports_form_no_cycle():
    top, _ = imports()
    assert cycle(top) is None, " -> ".join(cycle(top))


def test_no_import_inside_a_function_dodges_a_cycle():
    top, inner = imports()
    for module, target, line in inner:
        graph = {k: set(v) for k, v in top.items()}
        graph[module].add(target)
        found = cycle(graph)
        assert found is None, (f"{MODULES[module].relative_to(ROOT)}:{line} imports {target} inside a function, "
                               f"hiding the cycle {' -> '.join(found)}")


def test_the_checks_the_plugin_and_the_config_are_imported_at_the_top():
    """The two cycles that used to hide in functions: config <-> plugin, checks_files <-> checks_html."""
    top, _ = imports()
    assert "clinicsite.config" in top["clinicsite.plugin"] and "clinicsite.plugin" not in top["clinicsite.config"]
    assert "clinicsite.checks_files" not in top["clinicsite.checks_html"] or \
        "clinicsite.checks_html" not in top["clinicsite.checks_files"]


def test_every_module_imports_alone_in_a_fresh_interpreter():
    runs = {name: subprocess.Popen([sys.executable, "-c", f"import {name}"], cwd=ROOT, stdout=subprocess.PIPE,
                                   stderr=subprocess.STDOUT, text=True)
            for name in MODULES}
    for name, proc in runs.items():
        output, _ = proc.communicate()
        assert proc.returncode == 0, f"import {name} fails on its own:\n{output}"
