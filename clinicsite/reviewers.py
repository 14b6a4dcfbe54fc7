"""Moving pages from one reviewing clinician to another (scripts/reviewer.py):
the `reviewed_by:` line of every page's front matter, edited as text so that
nothing else in the file changes."""
from __future__ import annotations

import re
from pathlib import Path


def move(docs: Path, old: str, new: str) -> list[Path]:
    """Set `reviewed_by: new` on every page that says `reviewed_by: old`. Returns the pages changed."""
    changed = []
    line = re.compile(rf"^(reviewed_by:\s*)([\"']?){re.escape(old)}\2(\s*(?:#.*)?)$", re.M)
    for page in sorted(Path(docs).rglob("*.md")):
        text = page.read_text(encoding="utf-8")
        head, sep, rest = text.partition("\n---")  # front matter only: the body may quote anything
        updated = line.sub(rf"\g<1>{new}\g<3>", head)
        if updated != head:
            page.write_text(updated + sep + rest, encoding="utf-8")
            changed.append(page)
    return changed
