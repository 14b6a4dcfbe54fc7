"""Moving pages from one reviewing clinician to another (scripts/reviewer.py):
the `reviewed_by:` line of every page's front matter, edited as text so that
nothing else in the file changes.

A page moved to a new clinician has not been reviewed by them yet, so the move
also writes `review_pending: true` under `reviewed_by:`. The checks report such
a page as due for that clinician's review (rule `review-pending`: a warning in
previews, an error that stops the production build) until the clinician has
reviewed it and the line is deleted (EDITING.md "Replace a clinician").
"""
from __future__ import annotations

import re
from pathlib import Path

PENDING = "review_pending: true"


def move(docs: Path, old: str, new: str) -> list[Path]:
    """Set `reviewed_by: new` and `review_pending: true` on every page that says
    `reviewed_by: old`. Returns the pages changed."""
    changed = []
    line = re.compile(rf"^(reviewed_by:\s*)([\"']?){re.escape(old)}\2(\s*(?:#.*)?)$", re.M)
    pending = re.compile(r"^review_pending:.*\n?", re.M)
    for page in sorted(Path(docs).rglob("*.md")):
        text = page.read_text(encoding="utf-8")
        head, sep, rest = text.partition("\n---")  # front matter only: the body may quote anything
        if not line.search(head):
            continue
        head = pending.sub("", head)  # one marker, however often pages are moved
        updated = line.sub(rf"\g<1>{new}\g<3>\n{PENDING}", head, count=1)
        page.write_text(updated + sep + rest, encoding="utf-8")
        changed.append(page)
    return changed


def record_review(page: Path) -> None:
    """What staff do by hand once the clinician has reviewed a moved page and
    its dates are right: delete the `review_pending: true` line."""
    text = page.read_text(encoding="utf-8")
    head, sep, rest = text.partition("\n---")
    page.write_text(re.sub(r"^review_pending:.*\n?", "", head, flags=re.M) + sep + rest, encoding="utf-8")
