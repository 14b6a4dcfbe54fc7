#!/usr/bin/env python3
"""Move every page from one reviewing clinician to another, e.g. when the
sample clinician is replaced at launch or a clinician leaves:

    python3 scripts/reviewer.py dr-sam-rivera dr-ana-okafor

Add the new clinician to `extra: team:` in mkdocs.yml first (id, name,
credentials). This changes the `reviewed_by:` line of every page that names
the old id and adds `review_pending: true` under it: the new clinician has not
reviewed these pages yet, so each is listed as due for review (and stops the
production build) until they have, and someone deletes that line and updates
last_reviewed and next_review (EDITING.md "Replace a clinician").
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import _bootstrap  # noqa: E402

_bootstrap.in_venv()
from clinicsite import cli  # noqa: E402

sys.exit(cli.main(["reviewer", *sys.argv[1:]]))
