#!/usr/bin/env python3
"""Check every page and the clinic facts without building the site (fast).

    python3 scripts/check.py                 # preview mode: launch problems are warnings
    python3 scripts/check.py --mode production
    python3 scripts/check.py --launch        # what is left to do before launch, grouped
    python3 scripts/check.py --github        # also print GitHub Actions annotations

Prints every problem as `docs/page.md:LINE: rule: message (fix: ...)`, then a
table of each page's reading grade. Exits 1 when there is any error.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import _bootstrap  # noqa: E402

_bootstrap.in_venv()
from clinicsite import cli  # noqa: E402

sys.exit(cli.main(["check", *sys.argv[1:]]))
