"""Sets up the project's virtual environment (.venv) from requirements.lock,
then re-runs the calling script inside it. Needs only Python 3.11+ with venv.

The lock holds exact versions with hashes (pip --require-hashes), so every
machine installs the same files. Set-up is skipped when the lock is unchanged.
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
STAMP = VENV / ".installed-lock"


def _lock_digest() -> str:
    h = hashlib.sha256()
    for name in ("requirements.lock", "pyproject.toml"):
        h.update((ROOT / name).read_bytes())
    return h.hexdigest()


def ensure_venv() -> Path:
    if sys.version_info < (3, 11):
        sys.exit("Python 3.11 or newer is needed (fix: install it, then run this command with python3.11)")
    if not PYTHON.exists():
        print("Setting up .venv (first run only) ...", flush=True)
        venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
    digest = _lock_digest()
    if not STAMP.exists() or STAMP.read_text().strip() != digest:
        pip = [str(PYTHON), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
        subprocess.run(pip + ["--require-hashes", "-r", str(ROOT / "requirements.lock")], check=True)
        # The project's own package, editable, with nothing more fetched.
        subprocess.run(pip + ["--no-deps", "--no-build-isolation", "-e", str(ROOT)], check=True)
        STAMP.write_text(digest)
    return PYTHON


def in_venv() -> None:
    """Re-run the calling script with the project's Python, after set-up."""
    python = ensure_venv()
    if Path(sys.prefix).resolve() != VENV.resolve():
        os.execv(str(python), [str(python), *sys.argv])
    os.chdir(ROOT)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # silence Material's end-of-life banner
