#!/usr/bin/env python3
"""Build the site into site/ with --strict, then add security headers,
redirects and robots.txt (clinicsite/publish.py).

    python3 scripts/build.py                      # preview mode (default)
    python3 scripts/build.py --mode production    # the deploy build: launch problems are errors
    SITE_MODE=production python3 scripts/build.py # the same, chosen by the environment
    python3 scripts/build.py --engine zensical    # with Zensical, Material's successor: the
                                                  # checks, its build, then the publishing step
"""
import argparse
import os
import sys
import time

parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
parser.add_argument("--mode", choices=["preview", "production", "test"], default=os.environ.get("SITE_MODE", "preview"))
parser.add_argument("--site-dir", default="site", help="where to write the site (default: site/)")
parser.add_argument("--config", default="mkdocs.yml")
parser.add_argument("--engine", choices=["mkdocs", "zensical"], default="mkdocs")
args = parser.parse_args()

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import _bootstrap  # noqa: E402

_bootstrap.in_venv("dev" if args.engine == "zensical" else "build")  # Zensical comes with the test tools

from clinicsite.build import build  # noqa: E402

started = time.monotonic()
again = f"`python3 scripts/build.py{'' if args.mode == 'preview' else f' --mode {args.mode}'}`"
result = build(args.config, args.site_dir, mode=args.mode, engine=args.engine, again=again)
if result.returncode:
    sys.exit(1)  # the build's last line has said what to do next
print(f"Built {args.site_dir}/ with {args.engine} in {time.monotonic() - started:.1f} s ({args.mode} mode).")
