#!/usr/bin/env python3
"""Move every page from one reviewing clinician to another, e.g. when the
sample clinician is replaced at launch or a clinician leaves:

    python3 scripts/reviewer.py dr-sam-rivera dr-ana-okafor

Add the new clinician to `extra: team:` in mkdocs.yml first (id, name,
credentials); this changes the `reviewed_by:` line of every page that names
the old id, and nothing else. Then remove the old clinician from the team, and
have the new one review the pages (last_reviewed, next_review).
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import _bootstrap  # noqa: E402

_bootstrap.in_venv()
from clinicsite import cli  # noqa: E402

sys.exit(cli.main(["reviewer", *sys.argv[1:]]))
