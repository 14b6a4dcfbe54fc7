"""Pictures in the published pages get their width and height from the file.

Markdown writes `![words](../images/drawing.svg)` as an `<img>` with no size,
so a browser cannot keep room for it: the text below is laid out, then jumps
down when the picture arrives (on a weak signal, while the reader is reading;
Lighthouse counts it as layout shift). With `width` and `height` written in,
the theme's `max-width: 100%; height: auto` keeps the picture's proportions
at any width and the room is kept from the first paint.

Run by the publishing step on the built site, so both engines get it. Only
pictures of this site are read (a relative path, or one from the site's
root); a size set in the Markdown (`{ width="300" }`) is kept, and the other
side follows the picture's proportions.
"""
from __future__ import annotations

import html
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import imagesize
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import ParseError, fromstring

IMG = re.compile(r"""<img\b(?:[^<>"']|"[^"]*"|'[^']*')*>""", re.I)  # quotes may hold ">"
ATTR = re.compile(r"""\s([a-zA-Z][\w:-]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""")
LENGTH = re.compile(r"\s*(\d+(?:\.\d+)?)\s*(?:px)?\s*")


def _attributes(tag: str) -> dict[str, str]:
    found = {}
    for m in ATTR.finditer(tag[4:]):
        name = m.group(1).lower()
        found.setdefault(name, html.unescape(next((g for g in m.groups()[1:] if g is not None), "")))
    return found


def _svg_size(path: Path) -> tuple[float, float] | None:
    """An SVG's width and height in pixels (plain numbers or px), else its viewBox's."""
    try:
        root = fromstring(path.read_bytes(), forbid_dtd=True)
    except (OSError, ParseError, ValueError, DefusedXmlException):
        return None  # the drawing check names what is wrong with it
    width, height = (LENGTH.fullmatch(root.get(k, "")) for k in ("width", "height"))
    if width and height:
        return float(width.group(1)), float(height.group(1))
    box = (root.get("viewBox") or "").replace(",", " ").split()
    try:
        w, h = float(box[2]), float(box[3])
    except (IndexError, ValueError):
        return None
    return (w, h) if w > 0 and h > 0 else None


def size_of(path: Path) -> tuple[float, float] | None:
    """(width, height) of a picture file, or None when it cannot be told."""
    if path.suffix.lower() == ".svg":
        return _svg_size(path)
    try:
        w, h = imagesize.get(str(path))
    except (OSError, ValueError):
        return None
    return (float(w), float(h)) if w > 0 and h > 0 else None


def local_file(src: str, page: Path, site: Path, base: str) -> Path | None:
    """The file in `site` (a resolved path) that `src` on `page` names, or None
    (another host, data:, outside the site)."""
    parts = urlsplit(src)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    path = unquote(parts.path)
    if path.startswith("/"):
        if not path.startswith(base):
            return None
        target = site / path[len(base):]
    else:
        target = page.parent / path
    try:
        target = target.resolve()
    except OSError:
        return None
    return target if target.is_relative_to(site) and target.is_file() else None


def add_sizes(text: str, page: Path, site: Path, base: str = "/", cache: dict | None = None) -> str:
    """`text` (a page's HTML) with width and height on each of this site's pictures that lacks one."""
    cache = {} if cache is None else cache
    root = site.resolve()

    def sized(m: re.Match) -> str:
        tag = m.group(0)
        attrs = _attributes(tag)
        if "width" in attrs and "height" in attrs or "src" not in attrs:
            return tag
        given_w, given_h = (LENGTH.fullmatch(attrs[k]) if k in attrs else None for k in ("width", "height"))
        if ("width" in attrs and not given_w) or ("height" in attrs and not given_h):
            return tag  # a size in % or em: the Markdown's own choice
        target = local_file(attrs["src"], page, root, base)
        if target is None:
            return tag
        if target not in cache:
            cache[target] = size_of(target)
        size = cache[target]
        if size is None:
            return tag
        w, h = size
        if given_w:
            w, h = float(given_w.group(1)), float(given_w.group(1)) * h / w
        elif given_h:
            w, h = float(given_h.group(1)) * w / h, float(given_h.group(1))
        add = "".join(f' {k}="{max(1, round(v))}"' for k, v in (("width", w), ("height", h)) if k not in attrs)
        close = "/>" if tag.endswith("/>") else ">"
        return tag[:-len(close)].rstrip() + add + (" " if close == "/>" else "") + close

    return IMG.sub(sized, text)
