"""The build, one function for the build command and the tests: MkDocs with
the project's plugin (checks, then the publishing step), `--strict`, in the
mode given. A plain `mkdocs build` writes the same files, but reads mkdocs.yml
before anything has checked it: this function first passes the file through
the settings gate (clinicsite/config.py), so no tag in it runs code."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def build(config: str | Path, site_dir: str | Path, mode: str = "preview", today: str | None = None,
          quiet: bool = False) -> subprocess.CompletedProcess:
    """Returns the finished process; its returncode is 0 only if every step passed."""
    env = dict(os.environ, SITE_MODE=mode, NO_MKDOCS_2_WARNING="1")
    if today:
        env["SITE_TODAY"] = today
    config = Path(config).resolve()
    from .config import SettingsError, gate

    try:
        gate(config)
    except SettingsError as err:
        message = "\n".join(f"ERROR    -  {line}" for line in str(err).splitlines()) + "\n"
        if not quiet:
            sys.stderr.write(message)
        return subprocess.CompletedProcess(["gate", str(config)], 1, "", message)
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "-f", str(config),
               "-d", str(Path(site_dir).resolve())]
    if quiet:
        command.append("-q")
    return subprocess.run(command, env=env, cwd=config.parent, capture_output=quiet, text=True)
