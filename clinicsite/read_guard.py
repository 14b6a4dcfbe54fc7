"""MkDocs reads each page itself: on a file that is not UTF-8 it prints two
tracebacks and stops, and on a huge one it runs Markdown for minutes. This hook
hands MkDocs a short stand-in for such a page instead, so the build goes on to
its end, where the checks' problem (`file-encoding` or `file-size`, naming the
file and the line) fails it with no traceback. The stand-in is never published:
the build fails, so nothing is deployed.

The plugin (clinicsite/plugin.py, on_page_read_source) calls it.
(Blog posts are read by Material's blog plugin before this hook runs; see README "Security".)
"""
from __future__ import annotations

from pathlib import Path

from clinicsite.source import MAX_BYTES

STAND_IN = "---\ntitle: This page could not be read\n---\n\nThe build lists the problem with this file.\n"


def stand_in(path: str | Path | None) -> str | None:
    """None when MkDocs may read the file; else the text to build instead."""
    if not path:
        return None
    path = Path(path)
    try:
        if path.stat().st_size > MAX_BYTES:
            return STAND_IN
        path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        return STAND_IN
    except OSError:
        return None  # MkDocs names a missing file itself
    return None
