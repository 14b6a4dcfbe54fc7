#!/usr/bin/env python3
"""Start a new article:

    python3 scripts/new_article.py "How can partners help?" "What partners and family can do to support a man who is getting help for depression."

Creates docs/<title-as-file-name>.md with valid front matter (reviewed today,
next review a year ahead, from the clinic plugin's `review_period_months`) and adds
it to the menu (`nav:` in mkdocs.yml). Options: --section "The clinic" (which
menu section; without it, the command asks when run in a terminal, and
otherwise uses the menu's first section), --reviewer ID (a clinician id from
`extra: team:`). A title another page already has is refused.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import _bootstrap  # noqa: E402

_bootstrap.in_venv()
from clinicsite import cli  # noqa: E402

sys.exit(cli.main(["new-article", *sys.argv[1:]]))
