"""MkDocs reads each page itself: on a file that is not UTF-8 it prints two
tracebacks and stops, and on a huge one it runs Markdown for minutes; the blog
plugin reads its posts even earlier. The plugin (clinicsite/plugin.py,
on_files, which runs before the blog plugin) asks `stand_in` about every page
and takes such a file out of the build, so nothing reads it; the checks'
problem (`file-encoding` or `file-size`, naming the file and the line) then
fails the build with no traceback.
"""
from __future__ import annotations

from pathlib import Path

from .source import MAX_KB

STAND_IN = "---\ntitle: This page could not be read\n---\n\nThe build lists the problem with this file.\n"


def stand_in(path: str | Path | None, max_kb: int = MAX_KB) -> str | None:
    """None when MkDocs may read the file; else the text to build instead.
    `max_kb`: the plugin's `max_article_kb`."""
    if not path:
        return None
    path = Path(path)
    try:
        if path.stat().st_size > max_kb * 1024:
            return STAND_IN
        path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        return STAND_IN
    except OSError:
        return None  # MkDocs names a missing file itself
    return None
