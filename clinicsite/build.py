"""The build pipeline, one function for the build command and the tests:
`mkdocs build --strict` (which runs the checks), then the publishing step
(clinicsite/publish.py) on the finished folder."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from . import facts, publish


def build(config: str | Path, site_dir: str | Path, mode: str = "preview", today: str | None = None,
          quiet: bool = False) -> subprocess.CompletedProcess:
    """Returns the finished process; its returncode is 0 only if every step passed."""
    env = dict(os.environ, SITE_MODE=mode, NO_MKDOCS_2_WARNING="1")
    if today:
        env["SITE_TODAY"] = today
    config = Path(config).resolve()
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "-f", str(config), "-d", str(site_dir)]
    if quiet:
        command.append("-q")
    result = subprocess.run(command, env=env, cwd=config.parent, capture_output=quiet, text=True)
    if result.returncode == 0:
        try:
            publish.run(site_dir, dict(facts.load(config)[0], config_file_path=str(config)))
        except publish.PublishError as err:
            result = subprocess.CompletedProcess(result.args, 1, result.stdout or "", (result.stderr or "") + f"ERROR   -  {err}\n")
            if not quiet:
                print(result.stderr, file=sys.stderr)
    return result
