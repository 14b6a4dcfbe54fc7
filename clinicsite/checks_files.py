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

from . import checks_html, svg
from .config import blog_dir
from .problems import Problem

# The only files of docs/ that are published: Markdown pages (.md; MkDocs also
# builds .markdown, .mdown, .mkdn and .mkd, which the site refuses so that every
# page goes through the page checks) and the pictures, PDFs and fonts the
# clinic ships. Anything else (a script by another name, .shtml, .xht, notes)
# is refused, whether or not a page links to it.
PAGE_KIND = ".md"
PUBLISHED_KINDS = {".svg", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".ico", ".pdf", ".woff", ".woff2"}
MARKDOWN_KINDS = {".markdown", ".mdown", ".mkdn", ".mkd"}


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
                            "`unlisted: true` at the top of the page; a draft belongs in a branch, not in docs/"))
    return out


def publishable(rel: str) -> bool:
    """A docs/ file (by its docs-relative path) of a kind the site publishes,
    or one MkDocs never publishes (dot files, templates/)."""
    suffix = Path(rel).suffix.lower()
    return _excluded(rel) or suffix == PAGE_KIND or suffix in PUBLISHED_KINDS


def theme_file(config, rel: str) -> bool:
    """A docs/ file with the path of a file of the theme (overrides/ or
    Material's): MkDocs would publish it instead of the theme's (clinic.css, a
    script under assets/javascripts/)."""
    theme = config.get("theme") if hasattr(config, "get") else None
    dirs = getattr(theme, "dirs", None) or []
    return any(Path(d, rel).is_file() for d in dirs)


def check_stray_files(ctx) -> list[Problem]:
    """Files of docs/ that are not pages: only the kinds the site publishes, never
    one that replaces a theme file, every drawing by the SVG allowlist."""
    out = []
    for path, rel in walk(ctx.docs):
        suffix = path.suffix.lower()
        if path.is_symlink() or not path.is_file() or _excluded(rel):
            continue
        shown = f"{ctx.docs.name}/{rel}"
        if suffix in MARKDOWN_KINDS:
            out.append(_problem(shown, 1, "stray-file", f"a page must end in .md; MkDocs would publish this {suffix} "
                                "file without the site's page checks",
                                f"rename it to {path.stem}.md"))
            continue
        if theme_file(ctx.config, rel):
            out.append(_problem(shown, 1, "stray-file", f"this file would replace the theme's own {rel} on every page",
                                "delete it; the site's styles and scripts live in overrides/ (ask a developer)"))
            continue
        if suffix == PAGE_KIND:
            continue
        if suffix not in PUBLISHED_KINDS:
            out.append(_problem(shown, 1, "stray-file", f"a {suffix or 'file without an extension'} file is not a "
                                "kind the site publishes (pages are .md; pictures, PDFs and fonts: "
                                f"{', '.join(sorted(PUBLISHED_KINDS))})",
                                "remove it from docs/ (notes for staff belong elsewhere; the site's scripts live "
                                "in overrides/), or save it as one of those kinds"))
            continue
        if suffix == ".svg":
            out += [_problem(shown, line, "stray-file", message, svg.FIX) for line, message in svg.problems(path)]
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


def check_redirects(ctx) -> list[Problem]:
    """`extra: redirects:` writes a page at each old address: `../../x` would
    write outside the site, `//host` or `https:` send visitors elsewhere."""
    from .publish import REDIRECT_FIX, site_path

    mapping = (ctx.config.get("extra") or {}).get("redirects") or {}
    out = []
    for old, new in (mapping.items() if isinstance(mapping, dict) else []):
        if site_path(str(old)) and site_path(str(new)):
            continue
        line = ctx.config_lines.get(f"extra.redirects.{old}", ctx.config_lines.get("extra.redirects", 1))
        out.append(_problem("mkdocs.yml", line, "redirect", f"the redirect `{str(old)[:40]}: {str(new)[:40]}` "
                            "is not a pair of paths of this site", REDIRECT_FIX))
    return out


SITE_CHECKS = [check_redirects, check_unreadable, check_links_out, check_listed, check_stray_files, check_authors,
               checks_html.check_category_names]
