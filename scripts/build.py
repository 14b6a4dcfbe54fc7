#!/usr/bin/env python3
"""Build the site into site/ with --strict, then add security headers,
redirects and robots.txt (clinicsite/publish.py).

    python3 scripts/build.py                      # preview mode (default)
    python3 scripts/build.py --mode production    # the deploy build: launch problems are errors
    SITE_MODE=production python3 scripts/build.py # the same, chosen by the environment
"""
import argparse
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import _bootstrap  # noqa: E402

_bootstrap.in_venv()

parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
parser.add_argument("--mode", choices=["preview", "production", "test"], default=os.environ.get("SITE_MODE", "preview"))
parser.add_argument("--site-dir", default="site", help="where to write the site (default: site/)")
parser.add_argument("--config", default="mkdocs.yml")
args = parser.parse_args()

from clinicsite.build import build  # noqa: E402

started = time.monotonic()
again = f"`python3 scripts/build.py{'' if args.mode == 'preview' else f' --mode {args.mode}'}`"
result = build(args.config, args.site_dir, mode=args.mode, again=again)
if result.returncode:
    sys.exit(1)  # the build's last line has said what to do next
print(f"Built {args.site_dir}/ in {time.monotonic() - started:.1f} s ({args.mode} mode).")
