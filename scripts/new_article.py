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
import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import _bootstrap  # noqa: E402

_bootstrap.in_venv()
from clinicsite import facts, scaffold  # noqa: E402

parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
parser.add_argument("title", help="the article's title, ideally a reader's question")
parser.add_argument("description", help="one sentence of 50 to 160 characters saying what the page explains")
parser.add_argument("--section", help="the menu section to add it to (default: ask, or the menu's first section)")
parser.add_argument("--reviewer", help="id of the reviewing clinician (default: the first in extra: team:)")
args = parser.parse_args()

section = args.section
known = scaffold.sections(facts.load(_bootstrap.ROOT / "mkdocs.yml")[0])
if section is None and known and sys.stdin.isatty():
    print("Which menu section should the article go in?")
    for number, name in enumerate(known, 1):
        print(f"  {number}. {name}")
    answer = input(f"Type a number and press Enter (just Enter: {known[0]}): ").strip()
    if answer.isdigit() and 1 <= int(answer) <= len(known):
        section = known[int(answer) - 1]
    else:
        section = answer or known[0]
try:
    path = scaffold.create(_bootstrap.ROOT, args.title, args.description, section, args.reviewer)
except scaffold.ScaffoldError as err:
    sys.exit(f"Could not create the article: {err}")
section = section or known[0]
print(f"Created {path.relative_to(_bootstrap.ROOT)} and added it to the menu under \"{section}\".")
print("Next: write the article, then preview it with `python3 scripts/serve.py`.")
