"""The build, one function for the build command and the tests: MkDocs with
the project's plugin (checks, then the publishing step), `--strict`, in the
mode given. A plain `mkdocs build` writes the same files.

Its output ends in plain words: MkDocs' own progress lines as they come, then
every problem once, grouped by file, with a count and a last line saying what
to do next (problems.report). MkDocs' "Aborted with a BuildError!" and the
plugin's stand-in message are left out: the list says it all.
"""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from . import problems as _problems
from .plugin import PREVIEW_ENV, REPORT_ENV, REPORTED
from .rules import LAUNCH_RULES

LEVEL = re.compile(r"^(ERROR|WARNING|INFO|DEBUG)\s+-\s+(.*)$")
# MkDocs' own words around a failure, said better by the list at the end.
NOISE = re.compile(r"^Aborted with .*|^Error: .*BuildError.*$")


def build(config: str | Path, site_dir: str | Path, mode: str = "preview", today: str | None = None,
          quiet: bool = False, again: str | None = None) -> subprocess.CompletedProcess:
    """Returns the finished process; its returncode is 0 only if every step passed.
    quiet: capture the output (returned as stdout) instead of printing it."""
    config = Path(config).resolve()
    with tempfile.TemporaryDirectory(prefix="clinic-build-") as scratch:
        report_file = Path(scratch) / "problems.json"
        env = dict(os.environ, SITE_MODE=mode, NO_MKDOCS_2_WARNING="1", PYTHONUNBUFFERED="1")
        env[REPORT_ENV] = str(report_file)
        env.pop(PREVIEW_ENV, None)
        if today:
            env["SITE_TODAY"] = today
        command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "-f", str(config),
                   "-d", str(Path(site_dir).resolve())]
        shown, mkdocs_problems = [], []

        def say(line: str) -> None:
            shown.append(line)
            if not quiet:
                print(line, flush=True)

        proc = subprocess.Popen(command, env=env, cwd=config.parent, stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, text=True)
        for raw in proc.stdout:
            line = raw.rstrip("\n")
            level = LEVEL.match(line.strip())
            if NOISE.match(line.strip()) or (level and level.group(2).strip() == REPORTED):
                continue
            if level and level.group(2).startswith("The build failed"):
                say(level.group(2).strip())  # the plugin's note that no half-built site is left
                continue
            if level and level.group(1) in ("WARNING", "ERROR"):
                mkdocs_problems.append(level.group(2).strip())  # MkDocs' own: they go in the list too
                continue
            say(line)
        returncode = proc.wait()
        found = _read(report_file)
    errors = _problems.errors(found)
    listed = [p for p in found if p.severity == "error" or p.rule not in LAUNCH_RULES]
    if listed or mkdocs_problems:
        text = _problems.report(listed, mode, again or "the build") if listed else ""
        if mkdocs_problems:
            other = "MkDocs also said:\n" + "\n".join(f"  {m}" for m in dict.fromkeys(mkdocs_problems))
            if returncode and not errors:
                text = (f"This {mode} build stopped because of what MkDocs says below.\n\n{other}\n\n"
                        f"What to do next: fix it, then run {again or 'the build'} again.")
            else:
                head, _, last = text.rpartition("\n")
                text = f"{head}\n{other}\n\n{last}" if text else other
        if shown and shown[-1].strip():
            say("")
        for line in text.splitlines():
            say(line)
    return subprocess.CompletedProcess(command, returncode, "\n".join(shown) + "\n" if quiet else None, "" if quiet else None)


def _read(report_file: Path) -> list:
    try:
        data = json.loads(report_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return [_problems.Problem(**p) for p in data.get("problems") or []]
