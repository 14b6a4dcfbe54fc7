#!/usr/bin/env python3
"""Run the whole test suite (extra arguments go to pytest).

    python3 scripts/test.py                  # everything, as CI runs it
    python3 scripts/test.py -m "not slow"    # the inner loop while you work
    python3 scripts/test.py tests/test_x.py -k name -n 0   # one test, one process

Tests run in two processes (pytest-xdist, `-n 2`, each file in one of them, so
a file's own builds are made once); `-n 0` runs them in this one.

Sets up .venv, and installs Debian's chromium with apt-get when it is missing
and this runs as root. Without a browser the browser tests skip with a loud
message, except when CI=true: there a missing browser fails the run.
"""
import os
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import _bootstrap  # noqa: E402

_bootstrap.in_venv("dev")
from clinicsite import browser  # noqa: E402

if not browser.chromium_available():
    if os.geteuid() == 0 and shutil.which("apt-get") and browser.CHROMIUM_PATH == "/usr/bin/chromium":
        print("Installing Debian's chromium for the browser tests ...", flush=True)
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
        subprocess.run(["apt-get", "install", "-y", "-qq", "chromium"], check=True, env=env)
    else:
        print(
            "\n" + "!" * 78 +
            f"\n  No Chromium at {browser.CHROMIUM_PATH}: the browser tests will be SKIPPED."
            "\n  Fix: install Debian's chromium (sudo apt-get install chromium), or set"
            "\n  CHROMIUM_PATH to a Chromium binary, then run this command again.\n" + "!" * 78 + "\n",
            flush=True,
        )
args = sys.argv[1:]
if not any(a.startswith(("-n", "--numprocesses", "--dist")) or a == "no:xdist" for a in args):
    args = ["-n", "2", "--dist", "loadfile", *args]
sys.exit(subprocess.call([sys.executable, "-m", "pytest", *args]))
