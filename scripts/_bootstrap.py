"""Sets up the project's virtual environment (.venv) from a lock file, then
re-runs the calling script inside it. Needs only Python 3.11+ with venv.

Two locks, both with exact versions and hashes (pip --require-hashes):
requirements/build.lock holds what building the site needs (the deploy
installs only that); requirements/dev.lock adds what the tests need. Set-up is
skipped when the lock in use is unchanged.
"""
from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
PYTHON = VENV / "bin" / "python"
LOCKS = {"build": ROOT / "requirements" / "build.lock", "dev": ROOT / "requirements" / "dev.lock"}


def _digest(lock: Path) -> str:
    h = hashlib.sha256()
    for path in (lock, ROOT / "pyproject.toml"):
        h.update(path.read_bytes())
    return h.hexdigest()


def _installed(kind: str) -> bool:
    stamp = VENV / f".installed-{kind}"
    return stamp.exists() and stamp.read_text().strip() == _digest(LOCKS[kind])


def ensure_venv(kind: str = "build") -> Path:
    if sys.version_info < (3, 11):
        sys.exit("Python 3.11 or newer is needed (fix: install it, then run this command with python3.11)")
    if not PYTHON.exists():
        print("Setting up .venv (first run only) ...", flush=True)
        venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
    if not _installed(kind) and not (kind == "build" and _installed("dev")):  # dev.lock holds all of build.lock
        lock = LOCKS[kind]
        print(f"Installing {lock.relative_to(ROOT)} into .venv ...", flush=True)
        pip = [str(PYTHON), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
        subprocess.run(pip + ["--require-hashes", "-r", str(lock)], check=True)
        # The project's own package (plugin, components), editable, with nothing more fetched.
        subprocess.run(pip + ["--no-deps", "--no-build-isolation", "-e", str(ROOT)], check=True)
        (VENV / f".installed-{kind}").write_text(_digest(lock))
    return PYTHON


def in_venv(kind: str = "build") -> None:
    """Re-run the calling script with the project's Python, after set-up."""
    python = ensure_venv(kind)
    if Path(sys.prefix).resolve() != VENV.resolve():
        os.execv(str(python), [str(python), *sys.argv])
    os.chdir(ROOT)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # silence Material's end-of-life banner
