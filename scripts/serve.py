#!/usr/bin/env python3
"""Live preview: serves the site on http://127.0.0.1:8000/ and reloads the page
in your browser each time you save a file. Stop it with Ctrl+C.

    python3 scripts/serve.py                # then open http://127.0.0.1:8000/
    python3 scripts/serve.py --port 8001    # another port

When a change breaks the build, every page of the preview shows what is wrong
(the file, the line and what to do) until you fix it; then the site comes back
by itself. When the port is taken, the preview says so and uses a free one.
How it works: clinicsite/preview.py.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import _bootstrap  # noqa: E402

_bootstrap.in_venv()
from clinicsite import cli  # noqa: E402

sys.exit(cli.main(["serve", *sys.argv[1:]]))
