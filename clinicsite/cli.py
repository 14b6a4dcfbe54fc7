"""The `clinicsite` command: check, build, serve, publish, new-article, reviewer.

    clinicsite check [--mode production] [--launch] [--github]
    clinicsite build [--mode production] [--site-dir site]
    clinicsite serve [--port 8000]
    clinicsite publish site
    clinicsite new-article "Title?" "Description."
    clinicsite reviewer OLD-ID NEW-ID

Each works on the mkdocs.yml of the current folder (`--config` for another).
The repository's scripts/*.py set up .venv from the locks and then run the same
functions, so `python3 scripts/build.py` and `clinicsite build` do one thing.
"""
from __future__ import annotations

import argparse
import inspect
import os
import sys
import time
from pathlib import Path

from . import modes

def check(args) -> int:
    """Check every page and the clinic facts without building the site (fast).
    Prints every problem as `docs/page.md:LINE: rule: message (fix: ...)`, then
    a table of each page's reading grade. Exits 1 when there is any error."""
    from mkdocs.exceptions import ConfigurationError

    from . import checks, problems as _problems, rules
    from .config import SettingsError

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
        return 1 if todo or others else 0

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
    return 1 if errors else 0


def build(args) -> int:
    """Build the site with --strict, then add security headers, redirects and
    robots.txt (the plugin runs the checks and the publishing step; with
    --engine zensical the same three steps run one after the other)."""
    from .build import build as run_build

    started = time.monotonic()
    again = f"`python3 scripts/build.py{'' if args.mode == 'preview' else f' --mode {args.mode}'}`"
    result = run_build(args.config, args.site_dir, mode=args.mode, engine=args.engine, again=again)
    if result.returncode:
        sys.exit(1)  # the build's last line has said what to do next
    print(f"Built {args.site_dir}/ with {args.engine} in {time.monotonic() - started:.1f} s ({args.mode} mode).")
    return 0


def serve(args) -> int:
    """Live preview: serves the site and reloads the page each time a file is saved."""
    from . import preview

    preview.Preview(args.config, mode=modes.current()).run(args.port)
    return 0


def publish(args) -> int:
    """Write headers, policy, redirects and robots.txt into a built site (for
    builders that run no MkDocs plugin, such as Zensical)."""
    from . import publish as _publish

    try:
        _publish.run(args.site_dir, args.config)
    except _publish.PublishError as err:
        sys.exit(f"ERROR: {err}")
    print(f"Published {args.site_dir}/: _headers, _redirects, robots.txt and the policy tag written.")
    return 0


def new_article(args) -> int:
    """Start a new article: a page with valid front matter, added to the menu."""
    from . import facts, scaffold

    root = Path(args.config).resolve().parent
    section = args.section
    known = scaffold.sections(facts.load(args.config)[0])
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
        path = scaffold.create(root, args.title, args.description, section, args.reviewer)
    except scaffold.ScaffoldError as err:
        sys.exit(f"Could not create the article: {err}")
    section = section or known[0]
    print(f"Created {path.relative_to(root)} and added it to the menu under \"{section}\".")
    print("Next: write the article, then preview it with `python3 scripts/serve.py`.")
    return 0


def reviewer(args) -> int:
    """Move every page from one reviewing clinician to another."""
    from . import config, reviewers

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
    return 0


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="clinicsite", description=__doc__,
                                  formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = top.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name, function):
        sub = commands.add_parser(name, help=function.__doc__.split("\n")[0], description=inspect.cleandoc(function.__doc__),
                                  formatter_class=argparse.RawDescriptionHelpFormatter)
        sub.add_argument("--config", default="mkdocs.yml", help="the site's configuration (default: mkdocs.yml)")
        sub.set_defaults(run=function)
        return sub

    sub = command("check", check)
    sub.add_argument("--mode", choices=modes.MODES, default=None, help="default: SITE_MODE, else preview")
    sub.add_argument("--launch", action="store_true", help="list what is left to do before launch, grouped")
    sub.add_argument("--github", action="store_true", help="print ::error/::warning annotations for GitHub Actions")

    sub = command("build", build)
    sub.add_argument("--mode", choices=modes.MODES, default=os.environ.get("SITE_MODE", "preview"))
    sub.add_argument("--site-dir", default="site", help="where to write the site (default: site/)")
    sub.add_argument("--engine", choices=["mkdocs", "zensical"], default="mkdocs",
                     help="zensical: Material's successor (the checks, its build, then the publishing step)")

    sub = command("serve", serve)
    sub.add_argument("--port", type=int, default=8000, help="port on 127.0.0.1 (default: 8000; 0: any free port)")

    sub = command("publish", publish)
    sub.add_argument("site_dir", help="the built site, e.g. site")

    sub = command("new-article", new_article)
    sub.add_argument("title", help="the article's title, ideally a reader's question")
    sub.add_argument("description", help="one sentence of 50 to 160 characters saying what the page explains")
    sub.add_argument("--section", help="the menu section to add it to (default: ask, or the menu's first section)")
    sub.add_argument("--reviewer", help="id of the reviewing clinician (default: the first in extra: team:)")

    sub = command("reviewer", reviewer)
    sub.add_argument("old", help="the id pages name now (reviewed_by)")
    sub.add_argument("new", help="the id of a clinician in extra: team:")
    return top


def main(argv: list[str] | None = None) -> int:
    top = parser()
    args = top.parse_args(argv)
    if getattr(args, "port", None) is not None and not 0 <= args.port <= 65535:
        top.error(f"--port {args.port} is not a port number (fix: use a number from 1024 to 65535)")
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # silence Material's end-of-life banner
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
