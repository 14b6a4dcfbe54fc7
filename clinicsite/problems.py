"""The one record every check returns, and the one way problems are printed."""
from __future__ import annotations

from dataclasses import dataclass

from .rules import RULES


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    rule: str
    message: str
    fix: str
    severity: str = "error"  # "error" fails the build, "warning" never does

    def __post_init__(self):
        # One home per rule: a rule must be declared (and so documented) in rules.py.
        if self.rule not in RULES:
            raise ValueError(f"rule {self.rule!r} is not declared in clinicsite/rules.py")
        if self.severity not in ("error", "warning"):
            raise ValueError(f"severity {self.severity!r} is neither 'error' nor 'warning'")

    def __str__(self) -> str:
        tag = "" if self.severity == "error" else "warning: "
        return f"{self.file}:{self.line}: {tag}{self.rule}: {self.message} (fix: {self.fix})"

    def github(self) -> str:
        """A GitHub Actions annotation, shown on the line in a pull request."""
        kind = "error" if self.severity == "error" else "warning"
        text = f"{self.rule}: {self.message} (fix: {self.fix})".replace("%", "%25").replace("\n", "%0A")
        return f"::{kind} file={self.file},line={self.line}::{text}"


def errors(problems):
    return [p for p in problems if p.severity == "error"]


def _where(file: str) -> str:
    if file.endswith(".yml") or file.endswith(".yaml"):
        return f"The settings file, {file} (clinic facts, team, menu)"
    return file


def report(found, mode: str, again: str) -> str:
    """The end of a build or check, in plain words: each problem once, grouped
    by file (the settings file first, then each page), a count that says where
    they are, and a last line that says what to do next. `again`: the command
    to run after fixing."""
    found = sorted(set(found), key=lambda p: (not p.file.endswith((".yml", ".yaml")), p.file, p.line, p.rule))
    errors_ = errors(found)
    if not found:
        return ""
    groups: dict[str, list] = {}
    for p in found:
        groups.setdefault(p.file, []).append(p)
    settings = sum(1 for p in errors_ if p.file.endswith((".yml", ".yaml")))
    pages = {p.file for p in errors_ if not p.file.endswith((".yml", ".yaml"))}
    lines = []
    for file, items in groups.items():
        lines.append(_where(file))
        lines += [f"  {p}" for p in items]  # file:line first: editors and terminals jump to it
    warnings = len(found) - len(errors_)
    if errors_:
        where = [f"{settings} in the settings file" if settings else "",
                 f"{len(errors_) - settings} in {len(pages)} page{'s' if len(pages) != 1 else ''}" if pages else ""]
        count = (f"{len(errors_)} {'problem stops' if len(errors_) == 1 else 'problems stop'} this {mode} build: "
                 + " and ".join(w for w in where if w)
                 + (f" (and {warnings} warning{'s' if warnings != 1 else ''}, which do not)" if warnings else "") + ".")
        last = (f"What to do next: fix each problem on the line named (EDITING.md \"Error messages and what to do\" "
                f"explains each rule), then run {again} again.")
    else:
        count = f"{warnings} warning{'s' if warnings != 1 else ''} (they do not stop this {mode} build)."
        last = "Nothing stops the build; fix the warnings when you can."
    return "\n".join([count, "", *lines, "", last])
