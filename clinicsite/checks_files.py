"""What gets published: only what the clinic wrote.

MkDocs copies every file of docs/ into the site, following symbolic links, and
publishes every Markdown page whether or not the menu lists it. These checks
run over the whole docs/ folder (site-level, not per page) and name each file
that would be published by mistake. EDITING.md ("What gets published") lists
the kinds of files the site takes.
"""
from __future__ import annotations

import os
import re
from pathlib import Path

import yaml

from . import checks_html
from .config import blog_dir
from .problems import Problem

# Files published without a page linking to them: pictures, documents, fonts.
PUBLISHED_KINDS = {".svg", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".ico", ".pdf", ".woff", ".woff2"}
# Files a browser would run as a page or a script on the site's address: never
# published, even when a page links to them (the site's own scripts live in overrides/).
NEVER = {".html", ".htm", ".xhtml", ".js", ".mjs", ".xml", ".xsl", ".swf"}
TARGET = re.compile(r"\]\(\s*<?([^)\s>]+)|^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)|\b(?:src|href)=[\"']([^\"']+)", re.M)


def _excluded(rel: str) -> bool:
    """MkDocs never publishes dot files or a top-level templates/ folder."""
    parts = rel.split("/")
    return any(p.startswith(".") for p in parts) or parts[0] == "templates"


def _problem(rel: str, line: int, rule: str, message: str, fix: str) -> Problem:
    return Problem(rel, line, rule, message, fix)


def walk(docs: Path):
    """(path, docs-relative path) of every entry, symbolic links included,
    never following one."""
    for folder, dirs, files in os.walk(docs, followlinks=False):
        for name in sorted(dirs + files):
            path = Path(folder) / name
            yield path, path.relative_to(docs).as_posix()


def check_links_out(ctx) -> list[Problem]:
    """A symbolic link is published as whatever it points to: /etc/passwd, the
    build machine's environment, the repository's .git/config."""
    out, docs = [], ctx.docs.resolve()
    for path, rel in walk(ctx.docs):
        shown = f"{ctx.docs.name}/{rel}"
        if path.is_symlink():
            out.append(_problem(shown, 1, "file-link", "this is a symbolic link; the build would publish what it points to",
                                "delete the link and put a real file in docs/, or link to the page instead"))
        elif not path.resolve().is_relative_to(docs):
            out.append(_problem(shown, 1, "file-link", "this file lies outside docs/",
                                "move the file into docs/"))
        elif not (path.is_file() or path.is_dir()):
            out.append(_problem(shown, 1, "file-link", "this is not a regular file (a device or a pipe)",
                                "delete it"))
    return out


def check_unreadable(ctx) -> list[Problem]:
    rule = {True: "file-size", False: "file-encoding"}
    return [_problem(src.rel, src.unreadable[0], rule["limit is" in src.unreadable[1]], *src.unreadable[1:])
            for src in ctx.sources.values() if src.unreadable]


def _nav_pages(entries) -> set[str]:
    found = set()
    if isinstance(entries, str):
        found.add(entries.lstrip("/"))
    elif isinstance(entries, list):
        for entry in entries:
            found |= _nav_pages(entry)
    elif isinstance(entries, dict):
        for value in entries.values():
            found |= _nav_pages(value)
    return found


def check_listed(ctx) -> list[Problem]:
    """A page must be in the menu, or say it is deliberately unlisted. Blog
    posts are listed by the blog itself."""
    if not ctx.config.get("nav"):
        return []  # MkDocs then lists every page itself
    listed, blog = _nav_pages(ctx.config["nav"]), blog_dir(ctx.config)
    out = []
    for rel, src in ctx.sources.items():
        if rel in listed or _excluded(rel) or src.unreadable or (blog and rel.startswith(f"{blog}/posts/")):
            continue
        if (src.meta or {}).get("unlisted") is True:
            continue
        out.append(_problem(src.rel, src.meta_lines.get("title", 1), "unlisted-page",
                            "this page is not in the menu (`nav:` in mkdocs.yml) and is not marked unlisted",
                            "add it to `nav:` in mkdocs.yml; or, if it is meant to be reached only by a link, add "
                            "`unlisted: true` to its front matter; a draft belongs in a branch, not in docs/"))
    return out


def _used_files(ctx) -> set[Path]:
    """Files a page or mkdocs.yml refers to, resolved."""
    used, docs = set(), ctx.docs.resolve()
    theme = ctx.config.get("theme") or {}
    for name in [theme.get("logo"), theme.get("favicon"), *(ctx.config.get("extra_css") or []),
                 *(ctx.config.get("extra_javascript") or [])]:
        if isinstance(name, str):
            used.add((docs / name).resolve())
    for src in ctx.sources.values():
        here = src.path.parent.resolve()
        for m in TARGET.finditer(src.text):
            target = (m.group(1) or m.group(2) or m.group(3) or "").split("#")[0].split("?")[0]
            if not target or re.match(r"^[a-z][a-z0-9+.-]*:|^//", target, re.I):
                continue
            used.add(((docs if target.startswith("/") else here) / target.lstrip("/")).resolve())
    return used


def check_stray_files(ctx) -> list[Problem]:
    """Other files are published only when a page uses them or they are of a
    kind the site publishes (PUBLISHED_KINDS), never when a browser would run them."""
    out, used = [], None
    for path, rel in walk(ctx.docs):
        suffix = path.suffix.lower()
        if path.is_symlink() or not path.is_file() or suffix == ".md" or _excluded(rel):
            continue
        shown = f"{ctx.docs.name}/{rel}"
        if suffix in NEVER:
            out.append(_problem(shown, 1, "stray-file", f"a {suffix} file would run in visitors' browsers on the site's address",
                                "remove it; pages are Markdown, and the site's scripts live in overrides/"))
            continue
        if suffix == ".svg" and path.stat().st_size <= 2 * 1024 * 1024:
            for line, message, fix in checks_html.svg_problems(path.read_text(encoding="utf-8", errors="replace")):
                out.append(_problem(shown, line, "stray-file", message, fix))
        if suffix in PUBLISHED_KINDS:
            continue
        used = _used_files(ctx) if used is None else used
        if path.resolve() not in used:
            out.append(_problem(shown, 1, "stray-file", "no page uses this file, and it is not a picture, PDF or font: "
                                "it would be published for anyone to read",
                                "move it out of docs/ (notes for staff belong elsewhere), or link to it from a page"))
    return out


URL_FIELDS = ("avatar", "url")


def check_authors(ctx) -> list[Problem]:
    """Blog authors' avatar and url go into every post's page: only https://
    addresses or paths on the site itself."""
    out = []
    for path, rel in walk(ctx.docs):
        if path.name != ".authors.yml" or path.is_symlink() or not path.is_file():
            continue
        shown = f"{ctx.docs.name}/{rel}"
        try:
            node = yaml.compose(path.read_text(encoding="utf-8-sig"), Loader=yaml.SafeLoader)
        except (yaml.YAMLError, UnicodeDecodeError) as err:
            out.append(_problem(shown, 1, "author", f"the file cannot be read ({str(err).splitlines()[0]})",
                                "save it as UTF-8 and write every line as `name: value`"))
            continue
        for field, value in _author_fields(node):
            text = str(value.value)
            if not site_or_https(text):
                out.append(_problem(shown, value.start_mark.line + 1, "author",
                                    f"`{field}: {text[:40]}` is not an https:// address or a path on this site",
                                    "use a picture in docs/ (e.g. assets/team.svg) or an address starting with https://"))
    return out


def _author_fields(node):
    authors = _get(node, "authors")
    for _key, author in (authors.value if isinstance(authors, yaml.MappingNode) else []):
        for field in URL_FIELDS:
            value = _get(author, field)
            if isinstance(value, yaml.ScalarNode) and value.value:
                yield field, value


def _get(node, key):
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if k.value == key:
                return v
    return None


def site_or_https(url: str) -> bool:
    """An https:// address with a plain host, or a path on the site itself."""
    if re.match(r"^https://[A-Za-z0-9.-]+(?::\d+)?(?:[/?#][^\s\"'<>`]*)?$", url):
        return True
    return not re.match(r"^[a-z][a-z0-9+.-]*:|^[/\\]{2}", checks_html.CONTROL.sub("", url), re.I) \
        and not re.search(r"[\s\"'<>`]", url)


SITE_CHECKS = [check_unreadable, check_links_out, check_listed, check_stray_files, check_authors,
               checks_html.check_category_names]
