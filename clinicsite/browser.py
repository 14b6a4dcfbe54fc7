"""A local HTTP server for a built site, and Debian's Chromium through Playwright.

Used by the tests and by scripts/screenshots.py, so both see the site the
same way a visitor's browser does: over HTTP, from 127.0.0.1 only.
"""
from __future__ import annotations

import contextlib
import functools
import http.server
import os
import threading
from pathlib import Path

# Where Chromium lives. Debian's package puts it at /usr/bin/chromium; set
# CHROMIUM_PATH to run the browser tests with a Chromium installed elsewhere.
CHROMIUM_PATH = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")

# Flags that keep Chromium from calling Google's services: on a closed network
# those calls fail noisily, and on an open one they are requests we don't want.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run", "--disable-sync",
    "--disable-quic", "--disable-default-apps", "--disable-extensions",
]


def chromium_available() -> bool:
    return Path(CHROMIUM_PATH).is_file() and os.access(CHROMIUM_PATH, os.X_OK)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # the tests record requests themselves
        pass


@contextlib.contextmanager
def serve(directory: str | Path, host: str = "127.0.0.1"):
    """Serve `directory` on a free port of 127.0.0.1; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer((host, 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{host}:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def launch(playwright):
    """Start Debian's Chromium headless. Never downloads a browser."""
    return playwright.chromium.launch(executable_path=CHROMIUM_PATH, headless=True, args=CHROMIUM_ARGS)
