"""What a published page may hold: a list of what is allowed, checked on the
HTML as a browser reads it.

The source checks (checks_html.py) read Markdown and name the line; but each is
a list of what is forbidden, applied to the source as one parser reads it,
while a browser reads the output with another. This module is the guarantee:
the HTML that is actually published is parsed by an HTML5 parser (lexbor,
through selectolax: it reads comments, CDATA, `--!>` and broken tags exactly
as a browser does) and every element, attribute and URL must be on the lists
below. It runs twice:

- as a Markdown extension (`clinicsite.allowlist`), last of all on each
  article's HTML, so that Zensical runs it too. A page with anything outside
  ARTICLE is replaced by a notice (REFUSED), so nothing of it can be
  published; the plugin names the source file and line and fails the build,
  and the publishing step fails on any page holding the notice;
- in the publishing step (clinicsite/publish.py) over every finished page,
  with the theme's own markup added (PAGE): the theme is on the list by
  construction, and a test builds the component gallery under it.
"""
from __future__ import annotations

import html as _html
import json
import re
from dataclasses import dataclass

from markdown import Extension
from markdown.postprocessors import Postprocessor
from selectolax.lexbor import LexborHTMLParser

# Attributes any element may carry (aria-* too).
GLOBAL = {"id", "class", "title", "lang", "dir", "hidden", "role", "tabindex"}
# The few data-* attributes the components write and the site's own scripts read.
DATA = {"data-placeholder", "data-search-exclude", "data-self-check", "data-not-a-test", "data-result-few",
        "data-result-some", "data-result-many", "data-clinic-form", "data-accept", "data-timeout-ms",
        "data-msg-sending", "data-msg-success", "data-msg-failure", "data-netlify", "netlify-honeypot",
        "data-phq9", "data-phq9-urgent", "data-bands", "data-item", "data-not-a-diagnosis"}
_TEXT = {"p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "em", "strong", "b", "i", "u", "s", "small", "mark",
         "sub", "sup", "del", "ins", "code", "kbd", "samp", "var", "pre", "span", "div", "section", "article",
         "header", "footer", "aside", "figure", "figcaption", "ul", "dl", "dt", "dd", "caption", "thead", "tbody",
         "tfoot", "tr", "summary", "wbr", "nav"}
# Elements of an article (Markdown, its extensions, the components), with
# the attributes each may carry beyond GLOBAL.
ARTICLE: dict[str, set[str]] = {tag: set() for tag in _TEXT}
ARTICLE.update({
    "a": {"href", "rel"}, "abbr": set(), "q": {"cite"}, "blockquote": {"cite"}, "cite": set(), "time": {"datetime"},
    "ol": {"start", "reversed", "type"}, "li": {"value"}, "details": {"open"}, "table": set(),
    "th": {"colspan", "rowspan", "scope", "style"}, "td": {"colspan", "rowspan", "style"},
    "img": {"src", "alt", "width", "height", "loading", "decoding"},
    # Drawn icons: the emoji extension's and the components' (no links, no styles, no scripts).
    "svg": {"xmlns", "viewbox", "width", "height", "focusable", "fill"},
    "path": {"d", "fill", "fill-rule", "clip-rule"}, "circle": {"cx", "cy", "r"}, "g": set(),
    "rect": {"x", "y", "width", "height", "rx", "ry"},
    # The contact form component (its action is the configured endpoint: publish.py checks that).
    "form": {"action", "method", "name"}, "label": {"for"}, "button": {"type"}, "fieldset": set(), "legend": set(),
    "input": {"type", "name", "value", "required", "maxlength", "autocomplete", "checked"},
    "textarea": {"name", "rows", "required", "maxlength", "autocomplete"},
    # Structured data (the FAQ schema): data for search engines, never run.
    "script": {"type"},
})
# The theme's own markup, on top of ARTICLE, for the finished pages.
PAGE: dict[str, set[str]] = {tag: set(attrs) for tag, attrs in ARTICLE.items()}
for _tag, _attrs in {
    "html": {"class"}, "head": set(), "body": set(), "title": set(), "main": set(),
    "meta": {"charset", "name", "property", "content", "http-equiv"},
    "link": {"rel", "href", "sizes", "type", "hreflang"},
    # data-bundle, data-styles: what the first-view loader fetches on use (firstview.py).
    "script": {"src", "defer", "async", "data-bundle", "data-styles"},
    "input": {"placeholder", "autocapitalize", "autocorrect", "spellcheck"},
    "img": set(), "ol": set(), "time": set(), "form": set(), "button": set(), "label": set(),
    # Zensical's icons are drawn with strokes.
    "svg": {"stroke", "stroke-width", "stroke-linecap", "stroke-linejoin"},
    "nav": set(), "div": set(), "ul": set(), "a": set(), "header": set(), "footer": set(), "span": set(),
}.items():
    PAGE.setdefault(_tag, set()).update(_attrs)
# Material's own data-md-* attributes are the theme's: never an article's.
THEME_DATA = re.compile(r"data-md-[a-z-]+")
# Script types that are data, not code.
DATA_SCRIPTS = {"application/ld+json", "application/json"}
# <meta> the theme writes, by name/property; http-equiv only for the policy.
META_NAMES = re.compile(r"(viewport|description|author|robots|referrer|color-scheme|generator|theme-color|"
                        r"twitter:[a-z_:]+|og:[a-z_:]+)")
LINK_RELS = {"stylesheet", "icon", "canonical", "prev", "next", "alternate", "apple-touch-icon", "manifest", "search"}
LINK_LOADS = {"stylesheet", "icon", "apple-touch-icon", "manifest"}  # rels the browser fetches
ALIGN = re.compile(r"\s*text-align:\s*(?:left|right|center);?\s*")
ID = re.compile(r"[\w:.-]+")
# Schemes a visitor's click may follow; pictures, scripts and styles load only from the site.
LINK_SCHEMES = {"http", "https", "mailto", "tel", "sms"}
SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.-]*):")
# Browsers drop tabs and newlines anywhere in a URL, and spaces and controls around it.
STRIPPED = re.compile(r"[\t\n\r]")
URL_ATTRS = {"href", "src", "action", "cite"}
LOADED = {"data-bundle", "data-styles"}  # addresses a script loads: site files only, like src
EXCERPT = "more"  # the blog's `<!-- more -->` mark, the one comment an article keeps until publishing
REFUSED = "clinic-refused"
FIX = ("remove it: an article is Markdown and the site's components; HTML that runs, loads, sends, redirects "
       "or hides a comment is never published (EDITING.md, \"Raw HTML\")")


@dataclass
class Found:
    message: str
    find: str  # text to look for in the source, to name its line


def url_problem(value: str, loads: bool) -> str | None:
    """Why a URL is refused, or None. `loads`: the browser fetches it by itself
    (a picture, a script, a style), so it must be on the site."""
    url = STRIPPED.sub("", value or "").strip("\x00 \x0b\x0c\x1b\x7f" + "".join(map(chr, range(32))))
    if re.match(r"[/\\][/\\]", url):
        return f"`{value[:40]}` leads to another site (a `//` address)"
    scheme = SCHEME.match(url)
    if scheme and (loads or scheme.group(1).lower() not in LINK_SCHEMES):
        if loads:
            return f"`{value[:40]}` loads from another address; only files of the site itself may load"
        return f"`{value[:40]}` uses `{scheme.group(1)}:`, which is not a web, email or phone link"
    return None


def problems(text: str, scope: dict[str, set[str]] = ARTICLE, page: bool = False,
             endpoint: str | None = None) -> list[Found]:
    """Everything in `text` (HTML) outside the allowlist `scope`. `page`: a
    finished page (the theme's <head>, its scripts and data-md-* allowed), whose
    forms may send only to `endpoint` (the configured contact form's)."""
    found: list[Found] = []
    for node in _nodes(LexborHTMLParser(text)):
        tag = node.tag.lower()
        if tag == "-comment":
            data = _comment(node)
            if data.strip() != EXCERPT or page:
                found.append(Found(f"an HTML comment (`<!--{data[:30]}`) is published as written", "<!--"))
            continue
        if tag in ("-text", "-doctype"):
            continue
        attrs = dict(node.attributes)
        if tag in ("html", "head", "body") and not page:
            if attrs:  # a fragment's <body onload> lands on the page's own body
                found.append(Found(f"<{tag}> with attributes is not allowed in an article", f"<{tag}"))
            continue
        allowed = scope.get(tag)
        if allowed is None:
            found.append(Found(f"<{tag}> is not allowed", f"<{tag.split(':')[-1]}"))
            continue
        # The theme's markup repeats on every page: an element seen before with
        # the same attributes has the same verdict (scripts are read whole).
        key = (scope is PAGE, page, tag, *attrs.items()) if scope in (ARTICLE, PAGE) and tag != "script" else None
        if key is not None and key in _VERDICTS:
            found += _VERDICTS[key]
            continue
        mine = []
        for name, value in attrs.items():
            why = _attribute(tag, name.lower(), value or "", allowed, page)
            if why:
                mine.append(Found(f"`{name}` on <{tag}>: {why}", value if name.lower() in URL_ATTRS and value
                                  else name))
        why = _element(tag, attrs, node, page)
        if page and tag == "form" and "action" in attrs and attrs["action"] != endpoint:
            why = f"sends to `{str(attrs['action'])[:40]}`, not the contact form's configured endpoint"
        if why:
            mine.append(Found(f"<{tag}>: {why}", f"<{tag}"))
        if key is not None and tag != "form":  # a form's verdict depends on the endpoint
            if len(_VERDICTS) > 200_000:
                _VERDICTS.clear()
            _VERDICTS[key] = tuple(mine)
        found += mine
    return found


_VERDICTS: dict[tuple, tuple[Found, ...]] = {}


def _nodes(tree):
    """Every node of the document: <html> and what it holds, and what lies
    beside it (a comment before <html> or after </html> belongs to the document)."""
    first = tree.root
    while first.prev is not None:
        first = first.prev
    node = first
    while node is not None:
        if node.tag == "html":
            yield from node.traverse(include_text=False)
        else:
            yield node
        node = node.next


def _comment(node) -> str:
    raw = node.html or ""
    return raw[4:-3] if raw.startswith("<!--") and raw.endswith("-->") else raw


def _attribute(tag: str, name: str, value: str, allowed: set[str], page: bool) -> str | None:
    if name.startswith("on"):
        return "runs a script"
    if not (name in allowed or name in GLOBAL or name.startswith("aria-") or name in DATA
            or (page and THEME_DATA.fullmatch(name))):
        return "this attribute is not on the site's list"
    if name == "style" and not ALIGN.fullmatch(value):
        return "inline styles are not allowed (only a table column's alignment)"
    if name == "id" and not page and not (ID.fullmatch(value) and not value.startswith("__")):
        return f"`{value[:30]}` is not a plain id (letters, digits, `-`, `_`, `:`)"
    if name in URL_ATTRS or name in LOADED:
        return url_problem(value, loads=name == "src" or name in LOADED)
    return None


def _element(tag: str, attrs: dict, node, page: bool) -> str | None:
    if tag == "script":
        kind = (attrs.get("type") or "").strip().lower()
        if "src" in attrs:
            if not page:
                return "a script file (only the theme's own scripts run)"
            return None if not kind or kind == "module" else f"type `{kind}` is not a script the theme writes"
        if kind not in DATA_SCRIPTS:
            # In a finished page the theme's inline scripts run: publish.py allows
            # exactly those, by the hashes of a clean render of the theme's templates.
            return None if page and kind in ("", "text/javascript", "module") else \
                "a script that runs (only the theme's own may run)"
        try:
            json.loads(node.text(deep=True) or "")
        except ValueError:
            return f"a `{kind}` script that does not hold JSON"
        return None
    if tag == "meta":
        if not page:
            return "a <meta> tag changes the page's rules"
        equiv = (attrs.get("http-equiv") or "").strip().lower()
        if "http-equiv" in attrs and equiv != "content-security-policy":
            return f"http-equiv `{equiv[:30]}` (a redirect or a changed rule)"
        name = attrs.get("name") or attrs.get("property")
        if "charset" not in attrs and "http-equiv" not in attrs and not (name and META_NAMES.fullmatch(name)):
            return f"`{str(name)[:30]}` is not a <meta> the theme writes"
        return None
    if tag == "link":
        rels = set((attrs.get("rel") or "").lower().split())
        if not rels or not rels <= LINK_RELS:
            return f"rel `{attrs.get('rel')}` is not one the theme writes (it could load something)"
        if rels & LINK_LOADS:
            return url_problem(attrs.get("href") or "", loads=True)
        return None
    return None


def refusal(found: list[Found]) -> str:
    """The notice that replaces a page holding anything outside the allowlist:
    plain text for whoever opens it, and for the plugin and the publishing step
    to find and name."""
    items = "".join(f'<li data-find="{_html.escape(f.find[:80])}">{_html.escape(f.message)}</li>' for f in found)
    return (f'<div class="{REFUSED}"><p>This page was not published: it holds HTML outside the site\'s '
            f"list of what a page may hold (EDITING.md, \"Raw HTML\").</p><ul>{items}</ul></div>")


def refused_items(text: str) -> list[Found]:
    """The problems a notice lists (empty when the page was not refused)."""
    if REFUSED not in text:
        return []
    tree = LexborHTMLParser(text)
    return [Found(li.text(deep=True), li.attributes.get("data-find") or "")
            for li in tree.css(f"div.{REFUSED} li")]


def source_line(source: str, find: str) -> int:
    """The first line of a page's source holding `find` (case-insensitive), else 1."""
    needle = find.lower().strip()
    if not needle:
        return 1
    for no, line in enumerate(source.splitlines(), 1):
        if needle in line.lower():
            return no
    return 1


class _Check(Postprocessor):
    def run(self, text: str) -> str:
        found = problems(text)
        return refusal(found) if found else text


class AllowlistExtension(Extension):
    def extendMarkdown(self, md):
        # Last of all: after raw HTML is put back (30) and comments removed (clinicsite.comments, 1).
        md.postprocessors.register(_Check(md), "clinic_allowlist", -100)


def makeExtension(**kwargs):
    return AllowlistExtension(**kwargs)
