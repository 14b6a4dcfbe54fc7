#!/usr/bin/env python3
"""Build the site into site/ with --strict, then add security headers,
redirects and robots.txt (clinicsite/publish.py).

    python3 scripts/build.py                      # preview mode (default)
    python3 scripts/build.py --mode production    # the deploy build: launch problems are errors
    SITE_MODE=production python3 scripts/build.py # the same, chosen by the environment
    python3 scripts/build.py --engine zensical    # with Zensical, Material's successor: the
                                                  # checks, its build, then the publishing step
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import _bootstrap  # noqa: E402

args = sys.argv[1:]
zensical = "--engine=zensical" in args or any(a == "--engine" and b == "zensical" for a, b in zip(args, args[1:]))
# The deploy's build installs the build lock only; Zensical comes with the test tools.
_bootstrap.in_venv("dev" if zensical else "build")
from clinicsite import cli  # noqa: E402

sys.exit(cli.main(["build", *args]))
