"""The build, one function for the build command and the tests, with either engine.

- mkdocs (default): MkDocs with the project's plugin (checks, then the
  publishing step), `--strict`, in the mode given. A plain `mkdocs build`
  writes the same files. Its output ends in plain words: MkDocs' own progress
  lines as they come, then every problem once, grouped by file, with a count
  and a last line saying what to do next (problems.report). MkDocs' "Aborted
  with a BuildError!" and the plugin's stand-in message are left out: the list
  says it all. (A plain `mkdocs build` reads mkdocs.yml before anything checks it.)
- zensical: Material's successor runs no MkDocs plugin, so the same three
  steps run one after the other (`python -m clinicsite.build`): the checks,
  `zensical build --strict`, then the publishing step. Any error stops it, as
  it stops the MkDocs build.

Either way the settings gate (clinicsite/config.py) reads mkdocs.yml first, so
no tag in it runs code.
"""
from __future__ import annotations

import datetime as _dt
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
from collections import Counter
from pathlib import Path

from . import problems as _problems
from .plugin import CHECKS_FROM_ENV, PREVIEW_ENV, REPORT_ENV, REPORTED, checks_to_file
from .rules import LAUNCH_RULES

LEVEL = re.compile(r"^(ERROR|WARNING|INFO|DEBUG)\s+-\s+(.*)$")
# MkDocs' own words around a failure, said better by the list at the end.
NOISE = re.compile(r"^Aborted with .*|^Error: .*BuildError.*$")


def build(config: str | Path, site_dir: str | Path, mode: str = "preview", today: str | None = None,
          quiet: bool = False, engine: str = "mkdocs", again: str | None = None) -> subprocess.CompletedProcess:
    """Returns the finished process; its returncode is 0 only if every step passed.
    quiet: capture the output (returned as stdout) instead of printing it."""
    config = Path(config).resolve()
    from .config import SettingsError, gate

    try:
        gate(config)
    except SettingsError as err:
        message = f"{err}\n\nNothing was built: fix the settings above, then run {again or 'the build'} again.\n"
        if not quiet:
            print(message, end="", flush=True)
        return subprocess.CompletedProcess(["gate", str(config)], 1, message if quiet else None, "" if quiet else None)
    if engine == "zensical":
        env = dict(os.environ, SITE_MODE=mode, NO_MKDOCS_2_WARNING="1")
        if today:
            env["SITE_TODAY"] = today
        command = [sys.executable, "-u", "-m", "clinicsite.build", str(config), str(Path(site_dir).resolve()),
                   again or "the build"]
        return subprocess.run(command, env=env, cwd=config.parent, capture_output=quiet, text=True)
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

        # The page checks read only the sources: they run here, on the other core,
        # while MkDocs builds; the plugin takes their problems from this file.
        env[CHECKS_FROM_ENV] = str(Path(scratch) / "checks.json")
        proc = subprocess.Popen(command, env=env, cwd=config.parent, stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, text=True)
        day = _dt.date.fromisoformat(today) if today and mode == "test" else None  # as modes.today() reads it
        checker = threading.Thread(target=checks_to_file, args=(config, mode, env[CHECKS_FROM_ENV], day), daemon=True)
        checker.start()
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
        checker.join()
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


def zensical_steps(config: Path, site_dir: Path, again: str = "the build") -> int:
    """Checks, Zensical build, publishing step; mode and date from SITE_MODE and
    SITE_TODAY, as the MkDocs build reads them. Returns the exit status. Its
    output ends as the MkDocs build's does (problems.report)."""
    from . import checks, modes, problems, publish
    from .rules import LAUNCH_RULES

    if not site_dir.is_relative_to(config.parent) or config.parent.is_relative_to(site_dir) \
            or site_dir.name in ("docs", "overrides"):
        print(f"ERROR: {site_dir}: Zensical writes only into a folder of its own inside the project folder "
              f"{config.parent} (fix: build into site/)")
        return 1
    # As `mkdocs build --clean` and the plugin do: nothing from an earlier
    # build is left, and a failed build leaves no folder that could be uploaded.
    if site_dir.is_dir():
        shutil.rmtree(site_dir)
    # Reported as a MkDocs build reports them: the launch list in one line
    # outside production, then every other problem once, grouped, with what to do.
    mode = modes.current()
    _ctx, found = checks.run(config, mode)
    launch = [p for p in found if p.severity == "warning" and p.rule in LAUNCH_RULES]
    if launch:
        summary = ", ".join(f"{n} {rule}" for rule, n in sorted(Counter(p.rule for p in launch).items()))
        print(f"Launch: {len(launch)} thing(s) to finish before the public build ({summary}). "
              "List them: python3 scripts/check.py --launch")
    listed = [p for p in found if p not in launch]
    if problems.errors(found):
        print("\n" + problems.report(listed, mode, again), flush=True)
        return 1
    # Zensical writes where the config's site_dir says: another folder is
    # given by a config that inherits the site's.
    overlay = None
    if site_dir != (config.parent / "site").resolve():
        overlay = tempfile.NamedTemporaryFile("w", dir=config.parent, prefix=".zensical-", suffix=".yml",
                                              delete=False, encoding="utf-8")
        overlay.write(f"INHERIT: {json.dumps(config.name)}\nsite_dir: {json.dumps(site_dir.as_posix())}\n")
        overlay.close()
    try:
        sys.stdout.flush()
        zensical = subprocess.run([sys.executable, "-m", "zensical", "build", "--strict", "-f",
                                   overlay.name if overlay else str(config)], cwd=config.parent)
        if zensical.returncode:
            raise RuntimeError("Zensical's build stopped: its messages are above")
        publish.run(site_dir, config)
    except (RuntimeError, publish.PublishError) as err:
        shutil.rmtree(site_dir, ignore_errors=True)
        print(f"\nThis {mode} build stopped. {err}\n\nThe build failed, so {site_dir.name}/ was removed: nothing "
              f"half-built can be published.\n\nWhat to do next: fix what is named above, then run {again} again.")
        return 1
    finally:
        if overlay:
            os.unlink(overlay.name)
    return 0


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description="Check, build with Zensical, then publish.")
    parser.add_argument("config")
    parser.add_argument("site_dir")
    parser.add_argument("again", nargs="?", default="the build")
    args = parser.parse_args()
    sys.exit(zensical_steps(Path(args.config).resolve(), Path(args.site_dir).resolve(), args.again))
