"""The raw HTML policy of articles, and titles fit for the search index.

Python-Markdown passes raw HTML through untouched, and `attr_list` lets a
`{ ... }` set any attribute: whatever runs, loads or navigates must be refused
here, in the source, with its line. The Markdown is read by a real HTML parser
(the standard library's), with code fences and code spans blanked out, since
code is shown as text and never runs. HTML comments are skipped: the
`clinicsite.comments` extension removes them from the built pages.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser

from .config import blog_options
from .problems import Problem
from .source import Source

RAW_HTML_FIX = "remove it; articles may not carry HTML that runs, loads or sends anything (EDITING.md, \"Raw HTML\")"
# Tags that run code, load something, send something or change the page's rules,
# with what to write instead.
FORBIDDEN_TAGS = {
    "script": "remove it; the site runs only its own scripts",
    "noscript": RAW_HTML_FIX, "template": RAW_HTML_FIX, "slot": RAW_HTML_FIX,
    "iframe": "link to the other page instead of embedding it",
    "frame": "link to the other page instead of embedding it", "frameset": RAW_HTML_FIX,
    "object": "link to the file instead of embedding it", "embed": "link to the file instead of embedding it",
    "applet": RAW_HTML_FIX, "portal": RAW_HTML_FIX,
    "base": RAW_HTML_FIX, "meta": RAW_HTML_FIX, "link": "write a Markdown link: [words](page.md)",
    "style": "use the site's styles; ask a developer for a new class in clinic.css",
    "form": "use the `/// contact-form` component", "input": "use the `/// contact-form` component",
    "button": "use a Markdown link, or a component", "textarea": "use the `/// contact-form` component",
    "select": "use the `/// contact-form` component",
    "picture": "use Markdown: ![what it shows](images/file.svg)", "source": RAW_HTML_FIX,
    "video": "link to the video instead", "audio": "link to the recording instead", "track": RAW_HTML_FIX,
    "svg": "save the drawing as a file in docs/images/ and use ![what it shows](images/file.svg)",
    "math": RAW_HTML_FIX, "html": RAW_HTML_FIX, "head": RAW_HTML_FIX, "body": RAW_HTML_FIX, "title": RAW_HTML_FIX,
}
# Attributes that load, send or run something whatever their value.
FORBIDDEN_ATTRS = {"src", "srcset", "srcdoc", "action", "formaction", "ping", "poster", "background", "data",
                   "http-equiv"}
URL_ATTRS = {"href", "xlink:href", "cite"}
BAD_SCHEME = re.compile(r"^(?:javascript|vbscript|data):", re.I)
CONTROL = re.compile(r"[\x00-\x20\x7f]+")
INLINE_CODE = re.compile(r"(`+)(.+?)\1")
FENCE = re.compile(r"^\s*(```|~~~)")
MD_LINK_TARGET = re.compile(r"\]\(\s*<?([^)\s>]*)|^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)", re.M)
ATTR_LIST = re.compile(r"\{:?\s*((?:[#.][\w-]+\s*|[\w:-]+\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s}]+)\s*)+)\}")
ATTR_PAIR = re.compile(r"([\w:-]+)\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s}]+)")


def unsafe_url(value: str) -> bool:
    """True for a URL that runs code or carries its own content: browsers
    ignore whitespace and control characters inside the scheme, so do we."""
    return bool(BAD_SCHEME.match(CONTROL.sub("", value or "")))


def attribute_problems(tag: str, name: str, value: str | None) -> str | None:
    """Why this attribute is refused, or None."""
    name = name.lower()
    if name.startswith("on"):
        return f"`{name}=` on <{tag}> runs a script when the visitor does something"
    if name == "style":
        return f"`style=` on <{tag}> is refused: the site's security policy blocks inline styles"
    if tag == "img" and name == "src":
        # A picture of the site's own (docs/images/): allowed, with its alt text
        # (the image-alt rule); one from another address would tell that site who reads the page.
        if re.match(r"^\s*(?:[a-z][a-z0-9+.-]*:|[/\\\\]{2})", value or "", re.I):
            return f"`src=\"{(value or '')[:30]}\"` on <img> loads a picture from another address"
        return None
    if name in FORBIDDEN_ATTRS:
        return f"`{name}=` on <{tag}> loads or sends something"
    if name in URL_ATTRS and unsafe_url(value or ""):
        return f"`{name}=\"{(value or '')[:30]}\"` on <{tag}> is a link that runs code"
    return None


class _Finder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, str, str]] = []  # (line, message, fix)

    def handle_starttag(self, tag, attrs):
        line = self.getpos()[0]
        if tag in FORBIDDEN_TAGS:
            self.found.append((line, f"<{tag}> is not allowed in an article", FORBIDDEN_TAGS[tag]))
        for name, value in attrs:
            why = attribute_problems(tag, name, value)
            if why:
                self.found.append((line, why, "remove the attribute; for a link write [words](https://...)"))

    handle_startendtag = handle_starttag


def _markdown_without_code(src: Source) -> str:
    """The file's text with front matter, fenced code and code spans blanked,
    line for line, so the parser's line numbers are the file's."""
    out, fence = [], None
    for no, line in enumerate(src.lines, 1):
        if no < src.body_start:
            out.append("")
            continue
        m = FENCE.match(line)
        if fence:
            if line.strip().startswith(fence):
                fence = None
            out.append("")
            continue
        if m:
            fence = m.group(1)
            out.append("")
            continue
        out.append(INLINE_CODE.sub(lambda c: " " * len(c.group(0)), line))
    return "\n".join(out)


def check_raw_html(src: Source, ctx) -> list[Problem]:
    text = _markdown_without_code(src)
    found = []
    if "<" in text:
        finder = _Finder()
        finder.feed(text)
        finder.close()
        found += finder.found
    if "{" in text or ":" in text:
        for no, line in enumerate(text.split("\n"), 1):
            for m in MD_LINK_TARGET.finditer(line):
                target = m.group(1) or m.group(2) or ""
                if unsafe_url(target):
                    found.append((no, f"the link `{target[:30]}` runs code instead of opening a page",
                                  "link to a page of the site or to an https:// address"))
            for m in ATTR_LIST.finditer(line):
                for name, value in ATTR_PAIR.findall(m.group(1)):
                    why = attribute_problems("element", name, value.strip("\"'"))
                    if why:
                        found.append((no, why.replace("<element>", "this element ({ ... })"),
                                      "remove the attribute from the { ... }"))
    return [Problem(src.rel, line, "raw-html", message, fix) for line, message, fix in found]


TITLE_LINK = re.compile(r"\]\s*[(\[]|<[a-z]+:|\b[a-z][a-z0-9+.-]*:\S", re.I)


def check_title(src: Source, ctx) -> list[Problem]:
    """Material's search stores the title as written and shows it as HTML, and
    the blog writes post titles and categories into its pages as Markdown."""
    meta = src.meta or {}
    out = []
    for name in ("title", "categories"):
        values = meta.get(name) if isinstance(meta.get(name), list) else [meta.get(name)]
        if any(isinstance(v, str) and ("<" in v or ">" in v) for v in values):
            out.append(Problem(src.rel, src.meta_lines.get(name, 1), "title",
                               f"the {name} contain `<` or `>`, which search and the blog would show as HTML",
                               "write it in plain words, without < or >"))
        elif any(isinstance(v, str) and TITLE_LINK.search(v) for v in values):
            out.append(Problem(src.rel, src.meta_lines.get(name, 1), "title",
                               f"the {name} hold a Markdown link, which the blog would publish as a link",
                               "write it in plain words; put links in the page's text"))
    return out


def check_category_names(ctx) -> list[Problem]:
    """The blog's allowed categories (mkdocs.yml) become page titles the same way."""
    out = []

    options = blog_options(ctx.config) or {}
    for j, value in enumerate(options.get("categories_allowed") or []):
        if "<" in str(value) or ">" in str(value):
            key = next((k for k in ctx.config_lines if re.fullmatch(rf"plugins\.\d+\.(?:material/)?blog\.categories_allowed\.{j}", k)), "")
            out.append(Problem("mkdocs.yml", ctx.config_lines.get(key, 1), "title",
                               f"the category {str(value)[:40]!r} contains `<` or `>`",
                               "write it in plain words, without < or >"))
    return out
