#!/usr/bin/env python3
"""Live preview: serves the site on http://127.0.0.1:8000/ and reloads the
page in your browser each time you save a file. Stop with Ctrl+C."""
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import _bootstrap  # noqa: E402

_bootstrap.in_venv()
env = dict(os.environ, SITE_MODE=os.environ.get("SITE_MODE", "preview"))
sys.exit(subprocess.call([sys.executable, "-m", "mkdocs", "serve", "-a", "127.0.0.1:8000", *sys.argv[1:]], env=env))
