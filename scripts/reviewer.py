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
import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import _bootstrap  # noqa: E402

_bootstrap.in_venv()
from clinicsite import config, reviewers  # noqa: E402

parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
parser.add_argument("old", help="the id pages name now (reviewed_by)")
parser.add_argument("new", help="the id of a clinician in extra: team:")
parser.add_argument("--config", default="mkdocs.yml")
args = parser.parse_args()
site = config.load(args.config)
team = {m.get("id"): m.get("name") for m in site["extra"].get("team") or []}
if args.new not in team:
    sys.exit(f"{args.new!r} is not in `extra: team:` of {args.config} (fix: add the clinician there first; "
             f"the team now: {', '.join(map(str, team))})")
changed = reviewers.move(site["docs_dir"], args.old, args.new)
if not changed:
    sys.exit(f"No page names {args.old!r} as reviewer (fix: check the spelling of the id; "
             f"`reviewed_by:` at the top of each page shows it)")
name = team[args.new] or args.new
print(f"{len(changed)} page(s) now name {name} ({args.new}) as reviewer, marked `{reviewers.PENDING}`: "
      f"{name} has not reviewed them yet.")
print(f"Until {name} reviews each page, `python3 scripts/check.py --launch` lists it as due and the production "
      "build stops on it. After each review: set last_reviewed to that day and next_review a year later, and "
      f"delete the line `{reviewers.PENDING}` (EDITING.md \"Replace a clinician\").")
