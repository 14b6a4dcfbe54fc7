#!/usr/bin/env python3
"""Start a new article:

    python3 scripts/new_article.py "How can partners help?" "What partners and family can do to support a man who is getting help for depression."

Creates docs/<title-as-file-name>.md with valid front matter (reviewed today,
next review a year ahead, from the clinic plugin's `review_period_months`) and adds
it to the navigation in mkdocs.yml. Options: --section "About IPT" (which menu
section), --reviewer ID (a clinician id from `extra: team:`).
"""
import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import _bootstrap  # noqa: E402

_bootstrap.in_venv()
from clinicsite import scaffold  # noqa: E402

parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
parser.add_argument("title", help="the article's title, ideally a reader's question")
parser.add_argument("description", help="one sentence of 50 to 160 characters saying what the page explains")
parser.add_argument("--section", default="About IPT", help="the menu section to add it to (default: About IPT)")
parser.add_argument("--reviewer", help="id of the reviewing clinician (default: the first in extra: team:)")
args = parser.parse_args()
try:
    path = scaffold.create(_bootstrap.ROOT, args.title, args.description, args.section, args.reviewer)
except scaffold.ScaffoldError as err:
    sys.exit(f"Could not create the article: {err}")
print(f"Created {path.relative_to(_bootstrap.ROOT)} and added it to the menu under \"{args.section}\".")
print("Next: write the article, then preview it with `python3 scripts/serve.py`.")
