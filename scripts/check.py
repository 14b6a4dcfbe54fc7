#!/usr/bin/env python3
"""Check every page and the clinic facts without building the site (fast).

    python3 scripts/check.py                 # preview mode: launch problems are warnings
    python3 scripts/check.py --mode production
    python3 scripts/check.py --launch        # what is left to do before launch, grouped
    python3 scripts/check.py --github        # also print GitHub Actions annotations

Prints every problem as `docs/page.md:LINE: rule: message (fix: ...)`, then a
table of each page's reading grade. Exits 1 when there is any error.
"""
import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import _bootstrap  # noqa: E402

_bootstrap.in_venv()
from mkdocs.exceptions import ConfigurationError  # noqa: E402

from clinicsite import checks, modes, problems as _problems, rules  # noqa: E402
from clinicsite.config import SettingsError  # noqa: E402

parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
parser.add_argument("--mode", choices=modes.MODES, default=None, help="default: SITE_MODE, else preview")
parser.add_argument("--launch", action="store_true", help="list what is left to do before launch, grouped")
parser.add_argument("--github", action="store_true", help="print ::error/::warning annotations for GitHub Actions")
parser.add_argument("--config", default="mkdocs.yml")
args = parser.parse_args()
try:
    ctx, found = checks.run(args.config, mode=args.mode)
except SettingsError as err:  # refused before MkDocs read the file
    sys.exit(f"{err}\n\nNothing was checked: fix the settings above, then run this again.")
except ConfigurationError as err:
    sys.exit(f"{args.config}: MkDocs could not read it: {err} (fix: see the lines above, then run this again)")

if args.launch:
    launch_rules = rules.LAUNCH_RULES
    todo = [p for p in found if p.rule in launch_rules]
    for title, group_rules in rules.launch_groups():
        group = [p for p in todo if p.rule in group_rules]
        print(f"\n{title}: {len(group) or 'nothing left'}")
        for p in group:
            print(f"  {p.file}:{p.line}: {p.message} (fix: {p.fix})")
    others = _problems.errors([p for p in found if p.rule not in launch_rules])
    print(f"\n{len(todo)} launch item(s) left; {len(others)} other error(s)"
          f"{' (run without --launch to see them)' if others else ''}.")
    sys.exit(1 if todo or others else 0)

for p in found:
    print(p)
if args.github:
    for p in found:
        print(p.github())

rows = checks.grade_table(ctx)
limit = ctx.settings.get("reading_grade_max", 8)
print(f"\nReading grade (Flesch-Kincaid; the limit is {limit}):")
width = max(len(name) for name, _ in rows)
for name, value in rows:
    print(f"  {name:<{width}}  {'-' if value is None else f'{value:4.1f}'}")
print(f"  {'median':<{width}}  {checks.median_grade(rows)}")

errors = _problems.errors(found)
warnings = len(found) - len(errors)
print(f"\n{len(errors)} error(s), {warnings} warning(s) in {ctx.mode} mode.")
if errors:  # the errors again, last, so they are never lost above the table
    print("Errors:\n" + "\n".join(f"  {p}" for p in errors))
sys.exit(1 if errors else 0)
