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
from .source import read

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


def sections(config: dict) -> list[str]:
    """The menu's sections: the top-level `nav:` entries that hold a list of pages."""
    return [name for item in config.get("nav") or [] if isinstance(item, dict)
            for name, value in item.items() if isinstance(value, list)]


def same_title(docs: Path, root: Path, title: str) -> Path | None:
    """An existing page with this title (ignoring case and spacing), if any."""
    wanted = " ".join(title.split()).casefold()
    for page in sorted(docs.rglob("*.md")):
        found = (read(page, root).meta or {}).get("title")
        if isinstance(found, str) and " ".join(found.split()).casefold() == wanted:
            return page
    return None


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
        known = sections(yaml.load(config_text, Loader=_config.TolerantLoader) or {})
        raise ScaffoldError(f"the menu has no section \"{section}\" (fix: use one of: "
                            + ", ".join(f'"{name}"' for name in known) + ")")
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


def create(root: Path, title: str, description: str, section: str | None = None, reviewer: str | None = None,
           today: _dt.date | None = None) -> Path:
    """section None: the menu's first section (documented in EDITING.md)."""
    config_path = root / "mkdocs.yml"
    config, _ = facts.load(config_path)
    known = sections(config)
    section = section or (known[0] if known else "")
    if section not in known:
        raise ScaffoldError(f"the menu has no section \"{section}\" (fix: use one of: "
                            + ", ".join(f'"{name}"' for name in known) + ")")
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
    twin = same_title(docs, root, title)
    if twin is not None:
        raise ScaffoldError(f"{twin.relative_to(root)} already has the title \"{title}\" (fix: choose another title, "
                            "so the menu and search results can tell the pages apart, or edit that page)")
    text = config_path.read_text(encoding="utf-8")
    updated = insert_nav(text, section, f"{slug}.md")
    # The result must still be the same YAML with one more nav entry.
    before, after = yaml.load(text, Loader=_config.TolerantLoader), yaml.load(updated, Loader=_config.TolerantLoader)
    if str(before).count(".md") + 1 != str(after).count(".md"):
        raise ScaffoldError("could not add the page to the navigation safely (fix: add it to `nav:` by hand)")
    path.write_text(front_matter(title, description, reviewer, today, months) + BODY, encoding="utf-8")
    config_path.write_text(updated, encoding="utf-8")
    return path
