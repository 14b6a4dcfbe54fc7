#!/usr/bin/env python3
"""Build the site into site/ with --strict, then add security headers,
redirects and robots.txt (clinicsite/publish.py).

    python3 scripts/build.py                      # preview mode (default)
    python3 scripts/build.py --mode production    # the deploy build: launch problems are errors
    SITE_MODE=production python3 scripts/build.py # the same, chosen by the environment
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import _bootstrap  # noqa: E402

_bootstrap.in_venv()
from clinicsite import cli  # noqa: E402

sys.exit(cli.main(["build", *sys.argv[1:]]))
