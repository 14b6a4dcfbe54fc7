"""Typing slips at the top of the page that reach the page as typed: curly
quotes around a whole title (a word processor's "smart quotes"), tabs and
non-breaking spaces, a colon left at the end. (A page with a `/// cta` box of
its own does not get the closing call to action: overrides/partials/cta.html.)

Each fix is the line to write, so that copying it gives what the writer meant:
curly quotes around the whole value are removed (the site's titles have none);
curly quotes inside the text are kept as typed; a value with a colon inside is
put in straight double quotes, which the top of the page needs there.
"""
from __future__ import annotations

import re

from .problems import Problem
from .source import Source

CURLY_PAIRS = {"\u201c": "\u201d", "\u2018": "\u2019", "\u00ab": "\u00bb", "\u201e": "\u201c"}
ODD_SPACE = re.compile(r"[\t\u00a0\u2007\u202f\u2002-\u200b\u3000]")
FIELDS = ("title", "description")


def meant(value: str) -> str:
    """The value the writer meant: plain spaces, no curly quotes around it, no colon at the end."""
    text = " ".join(ODD_SPACE.sub(" ", value).split())
    while len(text) > 1 and CURLY_PAIRS.get(text[0]) == text[-1]:
        text = text[1:-1].strip()
    return text.rstrip(":").rstrip()


def as_line(name: str, value: str) -> str:
    """`name: value` as it must be written at the top of the page."""
    if re.search(r":(\s|$)|^[\"'\[\]{}@`%&*!|>#-]| #", value):
        return f'{name}: "' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return f"{name}: {value}"


def check_typography(src: Source, ctx) -> list[Problem]:
    meta = src.meta or {}
    out = []
    for name in FIELDS:
        value = meta.get(name)
        if not isinstance(value, str) or not value.strip():
            continue
        fixed = meant(value)
        if fixed == " ".join(value.split()) and not ODD_SPACE.search(value):
            continue
        if fixed != value.strip() and CURLY_PAIRS.get(value.strip()[:1]) == value.strip()[-1:]:
            what = "is wrapped in curly quotes, which would show on the page"
        elif ODD_SPACE.search(value):
            what = "has a tab or a non-breaking space in it"
        else:
            what = "ends with a colon"
        out.append(Problem(src.rel, src.meta_lines.get(name, 1), "typography", f"the {name} {what}",
                           f"write the line as: {as_line(name, fixed)}"))
    return out
