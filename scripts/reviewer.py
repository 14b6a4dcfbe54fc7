#!/usr/bin/env python3
"""Move every page from one reviewing clinician to another, e.g. when the
sample clinician is replaced at launch or a clinician leaves:

    python3 scripts/reviewer.py dr-sam-rivera dr-ana-okafor

Add the new clinician to `extra: team:` in mkdocs.yml first (id, name,
credentials); this changes the `reviewed_by:` line of every page that names
the old id, and nothing else. Then remove the old clinician from the team, and
have the new one review the pages (last_reviewed, next_review).
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
team = [m.get("id") for m in site["extra"].get("team") or []]
if args.new not in team:
    sys.exit(f"{args.new!r} is not in `extra: team:` of {args.config} (fix: add the clinician there first; "
             f"the team now: {', '.join(team)})")
changed = reviewers.move(site["docs_dir"], args.old, args.new)
print(f"{len(changed)} page(s) now name {args.new} as reviewer"
      + (f" (none named {args.old!r}: check the spelling)" if not changed else "."))
