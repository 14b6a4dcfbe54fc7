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
