"""The first view at the limit: part of the publishing step (clinicsite/publish.py),
so it runs after MkDocs (through the plugin) and after Zensical (as a command),
on the built HTML, whatever template printed it.

- Only the CSS the site uses: the engine's stylesheets (`assets/stylesheets/`)
  cut down to the rules whose classes, ids and elements occur in the built
  pages, joined with the site's own stylesheets into one file named by its
  content (`site.HASH.css`), linked instead of them. The rules only needed
  by what the bundle adds (search results, tooltips, the dialog: the words in
  its strings) go to a second file (`on-use.HASH.css`) that the loader fetches
  with the bundle. Attribute selectors (`[dir]`, `[hidden]`, both colour
  schemes, but only the palette colours the pages use), @media print and
  @keyframes are kept; custom properties no kept rule reads are dropped.
  A PurgeCSS in a few hundred lines of Python: each page is read once and
  the stylesheets once, so it stays fast at 800 articles.
- Material's JavaScript off the reading path: the bundle (35 KB compressed,
  and the longest task of a page load on a slow phone) does nothing a reader
  needs to read, scroll, follow a link, call the clinic or open the menu (a
  checkbox does that). Its tag becomes the tag of `assets/load-on-use.js`
  (overrides/assets/), carrying the bundle's address and the second
  stylesheet's. That script loads both when the reader first opens search
  (button, field, or Material's keys / s f p n , .), uses the colour toggle
  (pointer, Enter or Space), or points at or focuses a footnote mark
  (tooltip); else when the page has been idle for 8 seconds. (The site has no
  back-to-top button, so scrolling loads nothing: a scroll used to load the
  bundle in the middle of a phone's first view.) It plays the tap or key that asked for it again once the bundle
  runs, so that first use is not lost. On screens 60em and wider, where
  Material shows its sidebars, the bundle is what keeps the menu and the
  contents in view while the page scrolls, so there it loads at once.
  Until then the loader shows the search button (Material hides it until its
  bundle runs), opens the header's label buttons from the keyboard, and
  closes the phone's menu when a part of the page is chosen in it. It stores
  nothing. What else the bundle did at once is done without it: the light or
  dark scheme and the colour toggle's button from the first paint
  (overrides/partials/javascripts/first-scheme.html) and folded boxes opened
  for print (clinic.css, @media print).
"""
from __future__ import annotations

import hashlib
import posixpath
import re
from pathlib import Path
from urllib.parse import urlsplit

LOADER = "assets/load-on-use.js"
BUNDLE_TAG = re.compile(r'<script src="(([^"<>]*?)assets/javascripts/bundle\.[0-9a-f]+\.min\.js)"></script>')
STYLESHEET_TAG = re.compile(r'<link rel="stylesheet" href="([^"<>]+\.css)">')
ENGINE_CSS = re.compile(r"(?:^|/)assets/stylesheets/(?:[\w-]+/)?(?:main|palette)\.[0-9a-f]+\.min\.css$")
COMBINED = "assets/stylesheets/site.{}.css"
LATER = "assets/stylesheets/on-use.{}.css"

# States no built page holds and no script names literally. The loader puts
# `js` on <html> before the bundle does (Material hides its search button under
# `no-js`); `clinic-bundle` marks the bundle as started. Keep in step with
# overrides/assets/load-on-use.js.
SAFELIST = {"js", "no-js", "clinic-bundle"}
# Until the bundle sizes the sticky sidebars (wide screens), they keep the
# height they have without JavaScript, so a long menu stays reachable.
LOADER_CSS = ".js:not(.clinic-bundle) .md-sidebar{height:auto}"

# Without a leading \s the regex engine jumps from one literal to the next (ten
# times faster on 40 MB of pages); `data-class="..."` then counts too: more, never less.
COLOR_ATTR = re.compile(r'data-md-color-(\w+)="([^"]*)"')
COLOR_SELECTOR = re.compile(r"""^\[data-md-color-(\w+)=["']?([^"'\]]*)["']?\]$""")
CLASS_ATTR = re.compile(r'class="([^"]*)"')
ID_ATTR = re.compile(r'id="([^"]*)"')
TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9-]*)")
JS_WORD = re.compile(r"[A-Za-z_][\w-]*")
JS_STRING = re.compile(r'"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|`(?:[^`\\]|\\.)*`')


class Used:
    """Class names, ids and element names a selector may need."""

    def __init__(self):
        self.classes, self.ids, self.tags, self.prefixes = set(SAFELIST), set(), set(), set()
        self.colors = set()  # ("primary", "custom"): the palette's values, all in the pages

    def add_html(self, text: str) -> None:
        for value in set(CLASS_ATTR.findall(text)):
            self.classes.update(value.split())
        self.ids.update(ID_ATTR.findall(text))
        self.tags.update(t.lower() for t in set(TAG.findall(text)))
        self.colors.update(COLOR_ATTR.findall(text))

    def copy(self) -> "Used":
        other = Used()
        for name in ("classes", "ids", "tags", "prefixes", "colors"):
            setattr(other, name, set(getattr(self, name)))
        return other

    def add_script(self, text: str) -> None:
        """Every word in a string of a script counts as a class, id and element
        name it may set: more than it uses, never less. A word ending in - or _
        is a prefix the script completes (`md-source__fact--` + a name)."""
        strings = JS_STRING.findall(text)
        words = {w for s in strings for w in JS_WORD.findall(s)}
        self.classes |= words
        self.ids |= words
        # An element a script creates is named by a whole string ("mark").
        self.tags |= {s[1:-1].lower() for s in strings if re.fullmatch(r".[a-zA-Z][a-zA-Z0-9]*.", s)}
        self.prefixes |= {w for w in words if w.endswith(("-", "_")) and len(w) > 3}

    def has_class(self, name: str) -> bool:
        return name in self.classes or any(name.startswith(p) for p in self.prefixes)


# ---- a small CSS reader (enough for minified theme stylesheets) --------------

def _skip_string(css: str, i: int) -> int:
    quote, i = css[i], i + 1
    while i < len(css) and css[i] != quote:
        i += 2 if css[i] == "\\" else 1
    return i + 1


def _block_end(css: str, i: int) -> int:
    """Index just past the `}` closing the block that opens at css[i] == '{'."""
    depth = 0
    while i < len(css):
        c = css[i]
        if c in "\"'":
            i = _skip_string(css, i)
            continue
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return i


def minify(css: str) -> str:
    """The site's own stylesheets as a phone downloads them: comments dropped
    and white space folded (strings kept as written). They are written for
    people, with a comment on every choice; the first view should not carry those."""
    def fold(text: str) -> str:
        text = re.sub(r"\s+", " ", re.sub(r"/\*.*?\*/", " ", text, flags=re.S))
        # No space is needed beside these (":" keeps its spaces: `a :focus` is not `a:focus`).
        return re.sub(r" ?([{};,>]) ?", r"\1", text)

    out, i, start = [], 0, 0
    while i < len(css):
        if css[i] in "\"'":
            j = _skip_string(css, i)
            out += [fold(css[start:i]), css[i:j]]
            i = start = j
        elif css.startswith("/*", i):  # a quote inside a comment is no string
            end = css.find("*/", i + 2)
            i = len(css) if end < 0 else end + 2
        else:
            i += 1
    out.append(fold(css[start:]))
    return "".join(out).strip()


def parse(css: str) -> list[tuple[str, str]]:
    """Top-level (prelude, body) pairs; a statement such as @charset has body None."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    out, i = [], 0
    while i < len(css):
        j = i
        while j < len(css) and css[j] not in "{;":
            j = _skip_string(css, j) if css[j] in "\"'" else j + 1
        prelude = css[i:j].strip()
        if j >= len(css):
            break
        if css[j] == ";":
            if prelude:
                out.append((prelude, None))
            i = j + 1
            continue
        end = _block_end(css, j)
        out.append((prelude, css[j + 1:end - 1]))
        i = end
    return out


def split_top(text: str, sep: str = ",") -> list[str]:
    parts, depth, start, i = [], 0, 0, 0
    while i < len(text):
        c = text[i]
        if c in "\"'":
            i = _skip_string(text, i)
            continue
        if c in "([":
            depth += 1
        elif c in ")]":
            depth -= 1
        elif c == sep and depth == 0:
            parts.append(text[start:i])
            start = i + 1
        i += 1
    parts.append(text[start:])
    return [p.strip() for p in parts]


ALTERNATIVES = {"is", "where", "matches", "-webkit-any", "-moz-any", "has"}
SIMPLE_CLASS = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
SIMPLE_ID = re.compile(r"#(-?[_a-zA-Z][\w-]*)")
SIMPLE_TAG = re.compile(r"(?:^|[\s>+~])([a-zA-Z][a-zA-Z0-9-]*)")


def needed(selector: str, used: Used) -> bool:
    """Could this selector match a built page, or a state the scripts make?"""
    out, i = [], 0
    while i < len(selector):
        c = selector[i]
        if c in "\"'":
            i = _skip_string(selector, i)
            continue
        if c == "[":  # attribute selectors: kept (dir, hidden, states), but for colours not in the palette
            depth, start = 0, i
            while i < len(selector):
                if selector[i] in "\"'":
                    i = _skip_string(selector, i)
                    continue
                depth += selector[i] == "["
                depth -= selector[i] == "]"
                i += 1
                if depth == 0:
                    break
            color = COLOR_SELECTOR.match(selector[start:i])
            if color and color.groups() not in used.colors:
                return False
            out.append(" " if not out or out[-1] in " >+~" else "")
            continue
        if c == ":":
            m = re.match(r"::?([-\w]+)(\()?", selector[i:])
            if not m:
                i += 1
                continue
            name, i = m.group(1).lower(), i + m.end()
            if m.group(2):
                depth, start = 1, i
                while i < len(selector) and depth:
                    if selector[i] in "\"'":
                        i = _skip_string(selector, i)
                        continue
                    depth += selector[i] == "("
                    depth -= selector[i] == ")"
                    i += 1
                inner = selector[start:i - 1]
                if name in ALTERNATIVES and not any(needed(s, used) for s in split_top(inner)):
                    return False
            out.append("")
            continue
        out.append(c)
        i += 1
    rest = "".join(out)
    if not all(used.has_class(n) for n in SIMPLE_CLASS.findall(rest)):
        return False
    if not all(n in used.ids for n in SIMPLE_ID.findall(rest)):
        return False
    rest = SIMPLE_CLASS.sub("", SIMPLE_ID.sub("", rest))
    return all(t.lower() in used.tags for t in SIMPLE_TAG.findall(rest))


KEEP_WHOLE = ("@keyframes", "@-webkit-keyframes", "@font-face", "@page", "@property", "@counter-style")


def subset(css: str, first: Used, full: Used | None = None) -> tuple[str, str]:
    """(the rules the pages need as built, the rules only the scripts' states
    need): the second part is loaded with the bundle, after the first."""
    now, later = [], []
    for prelude, body in parse(css):
        if body is None:
            now.append(prelude + ";")
        elif prelude.startswith("@"):
            if prelude.lower().startswith(KEEP_WHOLE) or "{" not in body:
                now.append(f"{prelude}{{{body}}}")
                continue
            inner_now, inner_later = subset(body, first, full)
            if inner_now:
                now.append(f"{prelude}{{{inner_now}}}")
            if inner_later:
                later.append(f"{prelude}{{{inner_later}}}")
        else:
            selectors = split_top(prelude)
            kept = [s for s in selectors if needed(s, first)]
            if kept:
                now.append(f"{','.join(kept)}{{{body}}}")
            more = [s for s in selectors if full and s not in kept and needed(s, full)]
            if more:
                later.append(f"{','.join(more)}{{{body}}}")
    return "".join(now), "".join(later)


VAR_REF = re.compile(r"var\(\s*(--[\w-]+)")


def _declarations(css: str):
    """Every (rule body) of a stylesheet, nested ones included."""
    for prelude, body in parse(css):
        if body is None:
            continue
        if prelude.startswith("@") and "{" in body and not prelude.lower().startswith(KEEP_WHOLE):
            yield from _declarations(body)
        else:
            yield body


def custom_properties_used(css: str, elsewhere: str) -> set[str]:
    """Custom properties (`--name`) read by a rule or by `elsewhere` (other
    stylesheets, scripts), following properties that read others."""
    defined: dict[str, list[str]] = {}
    plain = [elsewhere]
    for body in _declarations(css):
        for decl in split_top(body, ";"):
            name, _, value = decl.partition(":")
            if name.strip().startswith("--"):
                defined.setdefault(name.strip(), []).append(value)
            else:
                plain.append(decl)
    used, todo = set(), set(VAR_REF.findall("\n".join(plain)))
    while todo:
        name = todo.pop()
        if name not in used:
            used.add(name)
            todo |= set(VAR_REF.findall("\n".join(defined.get(name, []))))
    return used


def split_custom_properties(css: str, now: set[str], later: set[str]) -> tuple[str, str]:
    """The stylesheet without the custom properties its rules do not read
    (Material defines an icon for every kind of note, and colours for code),
    and, apart, those only the later rules read."""
    out, moved = [], []
    for prelude, body in parse(css):
        if body is None:
            out.append(prelude + ";")
        elif prelude.startswith("@") and "{" in body and not prelude.lower().startswith(KEEP_WHOLE):
            inner, inner_moved = split_custom_properties(body, now, later)
            if inner:
                out.append(f"{prelude}{{{inner}}}")
            if inner_moved:
                moved.append(f"{prelude}{{{inner_moved}}}")
        elif prelude.startswith("@"):
            out.append(f"{prelude}{{{body}}}")
        else:
            keep, move = [], []
            for d in split_top(body, ";"):
                name = d.partition(":")[0].strip()
                if not name.startswith("--") or name in now:
                    keep.append(d)
                elif name in later:
                    move.append(d)
            if any(keep):
                out.append(f"{prelude}{{{';'.join(d for d in keep if d)}}}")
            if move:
                moved.append(f"{prelude}{{{';'.join(move)}}}")
    return "".join(out), "".join(moved)


# ---- the publishing step's part ---------------------------------------------------

def _head_end(text: str) -> int:
    end = text.find("</head>")
    return end if end >= 0 else 0


def _site_path(page: Path, site: Path, href: str, base: str) -> str | None:
    """The file an href of `page` points at, as a path from the site's root
    (404.html links from the site's root path: `base`, e.g. "/")."""
    if re.match(r"^[a-z][a-z0-9+.-]*:|^//", href, re.I):
        return None
    if href.startswith("/"):
        if not href.startswith(base):
            return None
        rel = posixpath.normpath(href[len(base):])
    else:
        rel = posixpath.normpath(posixpath.join(page.parent.relative_to(site).as_posix(), href))
    return None if rel.startswith("..") else rel


def scripts(site: Path) -> list[Path]:
    """The scripts that change pages: the site's own and the engine's bundle
    (not the search worker nor lunr's languages, which never touch a page)."""
    assets = site / "assets"
    return sorted([*assets.glob("*.js"), *assets.glob("javascripts/bundle.*.js")]) if assets.is_dir() else []


def _write(site: Path, pattern: str, text: str) -> str:
    name = pattern.format(hashlib.sha256(text.encode()).hexdigest()[:8])
    (site / name).write_text(text, encoding="utf-8")
    return name


def run(site: Path, site_url: str, texts: dict[Path, str]) -> None:
    """`texts`: the pages (path -> text), changed in place; the publishing step
    (publish.Pages) writes them once at its end."""
    base = urlsplit(site_url).path.rstrip("/") + "/"
    in_pages = Used()
    for text in texts.values():
        in_pages.add_html(text)
    script_text = "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in scripts(site))
    with_scripts = in_pages.copy()
    with_scripts.add_script(script_text)
    # Zensical's search dialog does not open from a replayed first tap (its
    # bundle builds the dialog on load): there the bundle stays on the page and
    # only the stylesheet subset applies. Zensical writes search.json, Material search/.
    loader = (site / LOADER).is_file() and not (site / "search.json").is_file()
    # Without the loader the bundle runs at once: everything goes in one stylesheet.
    first, full = (in_pages, with_scripts) if loader else (with_scripts, None)
    combined: dict[tuple[str, ...], tuple[str, str]] = {}

    def combine(files: tuple[str, ...]) -> tuple[str, str]:
        """(first view's stylesheet, the bundle's) for pages linking `files`."""
        if files not in combined:
            now, later = [], []
            for name in files:
                css = re.sub(r"/\*# sourceMappingURL=[^*]*\*/", "", (site / name).read_text(encoding="utf-8"))
                if ENGINE_CSS.search(name):
                    a, b = subset(css, first, full)
                else:  # the site's own: whole in the first view, and its rules for the scripts' states again after them
                    a, b = minify(css), subset(css, first, full)[1]
                now.append((name, a))
                later.append((name, b))
            read_now = custom_properties_used("\n".join(t for _, t in now), script_text)
            read_later = custom_properties_used("\n".join(t for _, t in now + later), script_text)
            parts = [split_custom_properties(t, read_now, read_later) if ENGINE_CSS.search(n) else (t, "")
                     for n, t in now]
            now = [a for a, _ in parts]
            later = [b for _, b in parts] + [t for _, t in later]
            now.append(LOADER_CSS if loader else "")
            combined[files] = (_write(site, COMBINED, "\n".join(t for t in now if t) + "\n"),
                               _write(site, LATER, "\n".join(t for t in later if t) + "\n"))
        return combined[files]

    for page, text in texts.items():
        end = _head_end(text)
        head, body = text[:end], text[end:]
        links = [(m, _site_path(page, site, m.group(1), base)) for m in STYLESHEET_TAG.finditer(head)]
        local = [(m, rel) for m, rel in links if rel and (site / rel).is_file()]
        later = None
        if any(ENGINE_CSS.search(rel) for _, rel in local):
            name, later = combine(tuple(rel for _, rel in local))
            first_link = local[0][0]
            if first_link.group(1).startswith("/"):
                href = base + name
            else:
                href = posixpath.relpath(name, page.parent.relative_to(site).as_posix() or ".")
            new_head = head[:first_link.start()] + f'<link rel="stylesheet" href="{href}">'
            last = first_link.end()
            for m, _ in local[1:]:
                new_head += head[last:m.start()]
                last = m.end()
            head = new_head + head[last:]
        if loader:
            styles = ' data-styles="{}"' if later else ""
            body = BUNDLE_TAG.sub(lambda m: f'<script src="{m.group(2)}{LOADER}" data-bundle="{m.group(1)}"'
                                            + styles.format(m.group(2) + (later or "")) + ' defer></script>', body)
        if head + body != text:
            texts[page] = head + body
