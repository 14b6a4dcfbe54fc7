"""Drawings (SVG files in docs/) by allowlist.

An SVG is a document of its own: opened directly, it runs its scripts on the
site's address (on GitHub Pages, with no header to stop them), and it can load
from anywhere. A list of what is forbidden misses the forms a browser still
runs (a script in a prefixed namespace, an entity holding `<script>`, `<set
attributeName="href" to="javascript:...">`, `@import`, `filter="url(...)"`).
So a drawing is parsed as XML with DTDs and entities refused (defusedxml), and
published only if every element and attribute is a drawing one on the lists
below, with references only inside the file (`#id`). Otherwise: one problem
naming the file and the first thing refused.
"""
from __future__ import annotations

import re
from pathlib import Path

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import ParseError, fromstring

SVG_NS = "{http://www.w3.org/2000/svg}"
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
ELEMENTS = {"svg", "g", "defs", "title", "desc", "path", "rect", "circle", "ellipse", "line", "polyline",
            "polygon", "text", "tspan", "lineargradient", "radialgradient", "stop", "clippath", "symbol", "use",
            "style"}
# A <style> holds colours for dark mode and the like: plain rules only. No
# backslash (a CSS escape could spell `url` or `@import`), no quotes or
# slashes, `@` only for `@media`, `url(` only for `url(#id)`.
CSS = re.compile(r"[\w\s#.,:;{}()%@>*+~=\[\]-]*")
ATTRIBUTES = {
    "id", "class", "version", "viewbox", "width", "height", "x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r",
    "rx", "ry", "d", "points", "transform", "preserveaspectratio", "fill", "fill-opacity", "fill-rule", "clip-rule",
    "stroke", "stroke-width", "stroke-linecap", "stroke-linejoin", "stroke-miterlimit", "stroke-dasharray",
    "stroke-dashoffset", "stroke-opacity", "opacity", "offset", "stop-color", "stop-opacity", "gradientunits",
    "gradienttransform", "fx", "fy", "clip-path", "font-family", "font-size", "font-weight", "font-style",
    "text-anchor", "dominant-baseline", "letter-spacing", "media", "type", "role", "aria-label", "aria-labelledby", "aria-describedby", "aria-hidden", "focusable",
    "href", XLINK_HREF.lower(), "{http://www.w3.org/xml/1998/namespace}space", "xml:space", "lang",
}
# A reference inside the file: `#id`, or `url(#id)` in a paint or clip value.
LOCAL = re.compile(r"#[\w.:-]+")
URL = re.compile(r"url\s*\(", re.I)
LOCAL_URL = re.compile(r"url\(\s*['\"]?#[\w.:-]+['\"]?\s*\)", re.I)
FIX = ("save the drawing again as plain shapes (in Inkscape: Save as > Optimized SVG), with no script, style, "
       "link, embedded picture or anything from another file")
MAX_BYTES = 2 * 1024 * 1024


def problems(path: Path) -> list[tuple[int, str]]:
    """[(line, message)]: empty for a drawing of shapes only, else one problem."""
    try:
        data = path.read_bytes()
    except OSError as err:
        return [(1, f"the drawing cannot be read ({err.strerror})")]
    if len(data) > MAX_BYTES:
        return [(1, f"the drawing is larger than {MAX_BYTES // (1024 * 1024)} MB")]
    why = _refused(data)
    if not why:
        return []
    message, find = why
    text = data.decode("utf-8", errors="replace")
    # An element by its name with any prefix (`<s:script>`), anything else as written.
    pattern = re.compile(rf"<(?:[\w.-]+:)?{re.escape(find[1:])}\b" if find.startswith("<") else re.escape(find))
    line = next((no for no, row in enumerate(text.splitlines(), 1) if find and pattern.search(row)), 1)
    return [(line, message)]


def refused(data: bytes | str) -> str | None:
    """Why a drawing is refused, or None."""
    why = _refused(data)
    return why[0] if why else None


def _refused(data: bytes | str) -> tuple[str, str] | None:
    """(why, text to find its line by), or None."""
    try:
        root = fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException:
        return "the drawing declares a DOCTYPE or entities (they can hide a script)", "<!DOCTYPE"
    except ParseError as err:
        return f"the drawing is not well-formed XML ({err})", ""
    for el in root.iter():
        tag = el.tag if isinstance(el.tag, str) else "?"
        if not tag.startswith(SVG_NS) or tag[len(SVG_NS):].lower() not in ELEMENTS:
            return (f"<{_short(tag)}> is not a drawing element (scripts, links and embedded pages are refused)",
                    "<" + tag.split("}")[-1])
        if tag == SVG_NS + "style":
            css = el.text or ""
            if len(el) or not CSS.fullmatch(css) or re.search(r"@(?!media\b)", css) \
                    or len(URL.findall(css)) != len(LOCAL_URL.findall(css)):
                return "the drawing's <style> holds more than plain rules (an @import, a url(), an escape)", "<style"
        for name, value in el.attrib.items():
            short = _short(name)
            if name.lower() not in ATTRIBUTES:
                return f"`{short}` on <{_short(tag)}> is not a drawing attribute", name.split("}")[-1] + "="
            if name in ("href", XLINK_HREF) and not LOCAL.fullmatch(value.strip()):
                return f"`{short}=\"{value[:40]}\"` on <{_short(tag)}> refers outside the drawing", value
            if len(URL.findall(value)) != len(LOCAL_URL.findall(value)):
                return f"`{short}=\"{value[:40]}\"` on <{_short(tag)}> loads from outside the drawing", value
    return None


def _short(name: str) -> str:
    """`{http://www.w3.org/2000/svg}rect` -> `rect`; other namespaces kept visible."""
    if name.startswith(SVG_NS):
        return name[len(SVG_NS):]
    if name.startswith("{http://www.w3.org/1999/xhtml}"):
        return "html:" + name.split("}", 1)[1]
    if name.startswith("{http://www.w3.org/1999/xlink}"):
        return "xlink:" + name.split("}", 1)[1]
    return name
