"""Scaffold a new article: valid front matter, a starting body, and a line in
the navigation of mkdocs.yml.

mkdocs.yml is edited as text, one line inserted, so its comments, anchors and
layout stay exactly as they were (a YAML round-trip would reformat them).
"""
from __future__ import annotations

import datetime as _dt
import re
from pathlib import Path

import yaml
from markdown.extensions.toc import slugify

from . import config as _config
from . import facts

BODY = """
<!-- Write the article below this line. Keep paragraphs short and words plain.
     Headings (##) work best as a reader's question. EDITING.md lists every
     component and rule. Replace the placeholder before the page goes public. -->

[PLACEHOLDER: write the first paragraph: what the reader will learn on this page.]
"""


class ScaffoldError(Exception):
    pass


def add_months(day: _dt.date, months: int) -> _dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    last_day = [31, 29 if year % 4 == 0 and (year % 100 or year % 400 == 0) else 28, 31, 30, 31, 30,
                31, 31, 30, 31, 30, 31][month - 1]
    return _dt.date(year, month, min(day.day, last_day))


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def front_matter(title, description, reviewer, today, months) -> str:
    return (
        "---\n"
        f"title: {_quote(title)}\n"
        f"description: {_quote(description)}\n"
        f"reviewed_by: {reviewer}\n"
        f"last_reviewed: {today.isoformat()}\n"
        f"next_review: {add_months(today, months).isoformat()}\n"
        "---\n"
    )


def insert_nav(config_text: str, section: str, entry: str) -> str:
    """Insert `- entry` as the last item of the nav section titled `section`."""
    lines = config_text.splitlines(keepends=True)
    try:
        nav = next(i for i, l in enumerate(lines) if re.match(r"^nav:\s*(#.*)?$", l))
    except StopIteration:
        raise ScaffoldError("mkdocs.yml has no `nav:` list (fix: add one, see README)")
    header = re.compile(r"^(\s*)- " + re.escape(section) + r":\s*(#.*)?$")
    start = next((i for i in range(nav + 1, len(lines)) if header.match(lines[i])), None)
    if start is None:
        raise ScaffoldError(f"mkdocs.yml's nav has no section `{section}:` (fix: pass --section with an existing one)")
    outer = len(header.match(lines[start]).group(1))
    last, indent = start, None
    for i in range(start + 1, len(lines)):
        text = lines[i]
        if not text.strip() or text.lstrip().startswith("#"):
            continue
        depth = len(text) - len(text.lstrip())
        if depth <= outer:
            break
        if indent is None:
            indent = depth
        last = i
    indent = indent if indent is not None else outer + 4
    new = " " * indent + f"- {entry}\n"
    if not lines[last].endswith("\n"):
        lines[last] += "\n"
    lines.insert(last + 1, new)
    return "".join(lines)


def create(root: Path, title: str, description: str, section: str, reviewer: str | None = None,
           today: _dt.date | None = None) -> Path:
    config_path = root / "mkdocs.yml"
    config, _ = facts.load(config_path)
    extra = config.get("extra") or {}
    team = [m.get("id") for m in extra.get("team") or []]
    reviewer = reviewer or (team[0] if team else None)
    if reviewer not in team:
        raise ScaffoldError(f"reviewer {reviewer!r} is not in `extra: team:` (fix: use one of {', '.join(team)})")
    months = int(_config.plugin_settings(config)["review_period_months"])
    today = today or _dt.date.today()
    slug = slugify(title, "-")
    if not slug:
        raise ScaffoldError("the title has no letters to make a file name from (fix: give a real title)")
    docs = root / config.get("docs_dir", "docs")
    path = docs / f"{slug}.md"
    if path.exists():
        raise ScaffoldError(f"{path.relative_to(root)} already exists (fix: choose another title, or edit that file)")
    text = config_path.read_text(encoding="utf-8")
    updated = insert_nav(text, section, f"{slug}.md")
    # The result must still be the same YAML with one more nav entry.
    before, after = yaml.load(text, Loader=_config.TolerantLoader), yaml.load(updated, Loader=_config.TolerantLoader)
    if str(before).count(".md") + 1 != str(after).count(".md"):
        raise ScaffoldError("could not add the page to the navigation safely (fix: add it to `nav:` by hand)")
    path.write_text(front_matter(title, description, reviewer, today, months) + BODY, encoding="utf-8")
    config_path.write_text(updated, encoding="utf-8")
    return path
