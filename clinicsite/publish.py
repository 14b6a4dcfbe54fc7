"""The last step of every build, run on the finished site/ folder by the
plugin (clinicsite/plugin.py), or as a command for builders that run no MkDocs
plugin (`python -m clinicsite.publish site`):

- security headers for hosts that read a `_headers` file (Netlify, Cloudflare
  Pages), with a Content-Security-Policy that lists the hashes of the theme's
  own inline scripts, computed from a clean render of the theme's script
  templates; a page carrying any other inline script stops the build;
- the same policy as a <meta> tag in every page, for GitHub Pages, which
  cannot send headers (a <meta> policy cannot carry frame-ancestors, and the
  other headers cannot be set at all there: see HOSTING.md);
- redirects from the one map in mkdocs.yml (`extra: redirects:`): `_redirects`
  for Netlify and Cloudflare, and a small page at each old address for the rest;
- robots.txt pointing at the sitemap;
- sitemap.xml.gz written again without a timestamp: MkDocs stamps it with the
  build date, so two builds of one commit on different days would differ;
- the theme's drawer and search toggles without `autocomplete="off"`, an
  attribute HTML allows on text fields only, and Zensical's drawer overlay
  without `aria-hidden` (no template block holds them);
- pages marked noindex (unlisted pages, the gallery) taken out of the search
  index and the sitemap, and the blog's `<!-- more -->` mark out of the pages
  (clinicsite/comments.py removes every other comment);
- pictures given their width and height from the file, so the text does not
  jump when they arrive (clinicsite/images.py);
- the first view cut to what a reader needs: one stylesheet holding only the
  CSS the site uses, and Material's JavaScript loaded on first use
  (clinicsite/firstview.py).

`config` is a plain mapping like MkDocs' own (`site_url`, `extra`, `theme`,
`config_file_path`, ...): MkDocs' config from the plugin, or
`clinicsite.facts.load(path)[0]` from the build command.
"""
from __future__ import annotations

import base64
import gzip
import hashlib
import html
import json
import os
import re
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

from . import config as _config
from . import firstview, images
from .comments import EXCERPT_MARK

META_MARK = '<meta http-equiv="Content-Security-Policy"'
# Script types a browser treats as data, not code. Every other inline script
# counts as code, whatever its type says.
DATA_TYPES = {"application/json", "application/ld+json"}
NOINDEX = re.compile(r'<meta name="robots" content="noindex"\s*/?>')


class PublishError(Exception):
    pass


class Pages(dict):
    """The site's pages (path -> text), read once: each step of `run` changes
    the text here, and `save` writes the pages that changed, once. (800
    articles are 40 MB of HTML: reading and writing them for every step cost
    more than the steps.) A step called on its own reads and saves its own."""

    def __init__(self, site: Path):
        super().__init__()
        self.site, self.read = site, {}
        self.add_new()

    def add_new(self) -> None:
        """Pages written since (the redirect pages)."""
        for path in sorted(self.site.rglob("*.html")):
            if path not in self and path.is_file() and not path.is_symlink():
                self[path] = self.read[path] = path.read_text(encoding="utf-8", errors="replace")

    def save(self) -> None:
        for path, text in self.items():
            if text != self.read.get(path):
                path.write_text(text, encoding="utf-8")
                self.read[path] = text


@contextmanager
def _pages(site: Path, pages: Pages | None):
    if pages is not None:
        yield pages
        return
    own = Pages(site)
    yield own
    own.save()


def script_hashes(text: str) -> set[str]:
    """sha256 of every inline script of one page that a browser would run,
    found by an HTML5 parser (a `type` inside `data-type` is not a type)."""
    from selectolax.lexbor import LexborHTMLParser

    found = set()
    if "<script" not in text.lower():
        return found
    for node in LexborHTMLParser(text).css("script"):
        attrs = node.attributes
        kind = (attrs.get("type") or "").strip().lower()
        if "src" in attrs or kind in DATA_TYPES:
            continue  # external files are covered by 'self'; JSON data never runs
        digest = hashlib.sha256((node.text(deep=True) or "").encode("utf-8")).digest()
        found.add("'sha256-" + base64.b64encode(digest).decode() + "'")
    return found


def inline_script_hashes(site: Path) -> list[str]:
    """Every inline script hash found over all pages."""
    return sorted(set().union(set(), *(script_hashes(p.read_text(encoding="utf-8")) for p in site.rglob("*.html"))))


def _theme_envs(config):
    """(Jinja environment, features) of the theme: MkDocs' own when `config` is
    MkDocs' config, else the same theme built from the plain mapping; and
    Zensical's bundled theme when it is installed, since it can build the site
    from the same templates (its scripts differ slightly from Material's)."""
    theme = config.get("theme")
    if hasattr(theme, "get_env"):
        custom_dir = theme.custom_dir
        yield theme.get_env(), list(theme.get("features") or [])
    else:
        from mkdocs.theme import Theme

        options = dict(theme or {"name": "mkdocs"})
        custom_dir = None
        if options.get("custom_dir"):
            root = Path(str(config.get("config_file_path") or "mkdocs.yml")).resolve().parent
            custom_dir = options["custom_dir"] = str(root / options["custom_dir"])
        theme = Theme(**options)
        yield theme.get_env(), list(theme.get("features") or [])
    try:
        import zensical
    except ImportError:
        return
    import jinja2

    dirs = [d for d in (custom_dir, str(Path(zensical.__file__).parent / "templates")) if d]
    yield jinja2.Environment(loader=jinja2.FileSystemLoader(dirs)), list(theme.get("features") or [])


# Zensical's bundle styles its search dialog with one <style> element in a
# shadow root, made from a string in the bundle: `<fn>("style",{},<name>.toString())`.
# Its hash goes in style-src, read from the bundle the site ships (Material's
# needs none), so no other inline style is allowed.
SHADOW_STYLE = re.compile(r"""\b\w+\("style",\{\},(\w+)(?:\.toString\(\))?\)""")


def theme_style_hashes(site: Path) -> set[str]:
    found = set()
    for bundle in (site / "assets" / "javascripts").glob("bundle.*.js"):
        text = bundle.read_text(encoding="utf-8")
        for name in set(SHADOW_STYLE.findall(text)):
            literal = re.search(rf"""\b{re.escape(name)}=(['"`])((?:(?!\1)[^\\]|\\.)*)\1""", text)
            if literal and "\\" not in literal.group(2) and "${" not in literal.group(2):
                digest = hashlib.sha256(literal.group(2).encode("utf-8")).digest()
                found.add("'sha256-" + base64.b64encode(digest).decode() + "'")
    return found


def theme_script_hashes(config, depths: int = 6) -> set[str]:
    """The hashes of the inline scripts the theme and the project's templates
    emit: every template under partials/javascripts/ (the theme's home for
    them, and ours if we add one), rendered clean with the site's config at
    every folder depth (some depend on the page's base_url)."""
    allowed = set()
    for env, features in _theme_envs(config):
        names = env.list_templates(filter_func=lambda n: n.startswith("partials/javascripts/") and n.endswith(".html"))
        for name in names:
            for depth in range(depths + 1):
                base_url = "/".join([".."] * depth) or "."
                try:
                    text = env.get_template(name).render(config=config, base_url=base_url, features=features,
                                                         page=None, lang=None)
                except Exception:  # a template that needs a page's context: its scripts are not allowed
                    continue
                allowed |= script_hashes(text)
    return allowed


HOST = re.compile(r"(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?")
LOOPBACK = {"127.0.0.1", "localhost"}


def origin(url: str) -> str:
    """The scheme://host[:port] of an https:// URL with a plain host, else "".
    (http:// only for a server on this machine, as the tests run one.) Never the
    text as written: a `;` or a space in it would add rules to the policy."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return ""
    host = parts.hostname or ""
    if not HOST.fullmatch(host) or parts.username is not None or parts.password is not None:
        return ""
    if parts.scheme != "https" and not (parts.scheme == "http" and host in LOOPBACK):
        return ""
    netloc = host + (f":{port}" if port is not None else "")
    if parts.netloc.lower() != netloc:
        return ""
    return f"{parts.scheme}://{netloc}"


def policy(hashes: list[str], config: dict, for_meta: bool = False, style_hashes=()) -> str:
    form = (((config.get("extra") or {}).get("clinic") or {}).get("form") or {})
    endpoint = str(form.get("endpoint") or "") if isinstance(form, dict) else ""
    form_origin = origin(endpoint)  # a path on the site itself (Netlify) needs no extra source
    extra = f" {form_origin}" if form_origin else ""
    hashes = [h for h in hashes if re.fullmatch(r"'sha256-[A-Za-z0-9+/]+=*'", h)]
    styles = [h for h in style_hashes if re.fullmatch(r"'sha256-[A-Za-z0-9+/]+=*'", h)]
    directives = [
        "default-src 'none'",
        "script-src 'self' " + " ".join(hashes),
        " ".join(["style-src 'self'", *styles]),
        "img-src 'self' data:",
        "font-src 'self'",
        f"connect-src 'self'{extra}",
        "worker-src 'self'",
        "manifest-src 'self'",
        f"form-action 'self'{extra}",
        "base-uri 'self'",
        "object-src 'none'",
    ]
    if not for_meta:  # a <meta> policy may not carry these
        directives += ["frame-ancestors 'none'", "upgrade-insecure-requests"]
    return "; ".join(d.strip() for d in directives)


HEADERS = {
    "X-Content-Type-Options": "nosniff",
    # No page address leaves the site with a click: the path of a page about
    # depression says something about its reader. Pages with a contact form
    # relax this to the origin alone (FORM_REFERRER below).
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    # Only features Chromium knows: an unknown one (the withdrawn FLoC's
    # interest-cohort) logs an error on every page (a browser test reads the console).
    "Permissions-Policy": ("accelerometer=(), autoplay=(), camera=(), display-capture=(), encrypted-media=(), "
                           "fullscreen=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), midi=(), "
                           "payment=(), picture-in-picture=(), publickey-credentials-get=(), screen-wake-lock=(), "
                           "sync-xhr=(), usb=(), xr-spatial-tracking=()"),
}
# Two years. includeSubDomains only when the clinic says every subdomain serves
# HTTPS (plugin option hsts_include_subdomains; HOSTING.md "HTTPS on subdomains").
HSTS = "max-age=63072000"
# A form posted without JavaScript under no-referrer carries `Origin: null`
# and no Referer; providers that check where a submission came from refuse
# it. Pages with a form send their origin (never the path) instead.
FORM_REFERRER = '<meta name="referrer" content="strict-origin">'
FORM_MARK = "data-clinic-form"


def is_public(config) -> bool:
    """Only the production build is for search engines; previews never are."""
    return str((config.get("extra") or {}).get("mode") or "") == "production"


def headers_file(hashes: list[str], config: dict, style_hashes=()) -> str:
    lines = ["# Made by clinicsite/publish.py at build time: do not edit.", "/*",
             f"  Content-Security-Policy: {policy(hashes, config, style_hashes=style_hashes)}"]
    subdomains = _config.plugin_settings(config).get("hsts_include_subdomains")
    lines.append(f"  Strict-Transport-Security: {HSTS}{'; includeSubDomains' if subdomains else ''}")
    lines += [f"  {name}: {value}" for name, value in HEADERS.items()]
    if not is_public(config):  # a preview must never be indexed, whatever the host does
        lines.append("  X-Robots-Tag: noindex")
    return "\n".join(lines) + "\n"


def head_of(text: str) -> str:
    """The page's <head>: only the theme writes there (articles are in <body>)."""
    end = text.find("</head>")
    return text[:end] if end >= 0 else ""


def add_meta_policy(site: Path, meta_policy: str, pages: Pages | None = None) -> None:
    tag = f'{META_MARK} content="{html.escape(meta_policy, quote=False).replace(chr(34), "&quot;")}">'
    with _pages(site, pages) as pages:
        for page, text in pages.items():
            head = head_of(text)
            if tag in head:
                continue  # this step ran on this folder before
            # Right after <meta charset>, before any script or style it governs.
            new_head, n = re.subn(r'(<meta charset="utf-8"\s*/?>)', lambda m: m.group(1) + tag, head, count=1)
            if n != 1:
                raise PublishError(f"{page.relative_to(site)}: no <meta charset=\"utf-8\"> in its <head> to put the "
                                   "security policy after (fix: the template must print one)")
            pages[page] = new_head + text[len(head):]


def add_form_referrer(site: Path, pages: Pages | None = None) -> None:
    """Pages with the contact form send their origin with it (see FORM_REFERRER)."""
    with _pages(site, pages) as pages:
        for page, text in pages.items():
            head = head_of(text)
            if FORM_MARK not in text[len(head):] or FORM_REFERRER in head:
                continue
            new_head, n = re.subn(r'(<meta charset="utf-8"\s*/?>)', lambda m: m.group(1) + FORM_REFERRER, head,
                                  count=1)
            if n == 1:
                pages[page] = new_head + text[len(head):]


def check_scripts(site: Path, allowed: set[str], pages: Pages | None = None) -> list[str]:
    """The hashes to list in the policy: those of the theme's scripts found in
    the pages. A page with any other inline script stops the build."""
    used, foreign = set(), []
    pages = pages if pages is not None else Pages(site)
    for page in sorted(pages):
        found = script_hashes(pages[page])
        used |= found & allowed
        if found - allowed:
            foreign.append(page.relative_to(site).as_posix())
    if foreign:
        raise PublishError(f"{', '.join(foreign[:10])}: an inline script the theme did not write (fix: remove the "
                           "<script> from the article or template; the checks name its line: python3 scripts/check.py)")
    return sorted(used)


def base_path(config) -> str:
    """The path the site is served under, from site_url: "/" or "/sub/"."""
    return urlsplit(str(config.get("site_url") or "/")).path.rstrip("/") + "/"


def hide_unlisted(site: Path, config, pages: Pages | None = None) -> None:
    """Pages marked noindex out of the search index and the sitemap, whatever
    the builder did; and the blog's excerpt mark out of every page."""
    hidden = set()
    with _pages(site, pages) as pages:
        for page, text in pages.items():
            if EXCERPT_MARK in text:
                text = pages[page] = text.replace(EXCERPT_MARK, "")
            if NOINDEX.search(head_of(text)) and page.name == "index.html":
                hidden.add(page.parent.relative_to(site).as_posix() + "/")
    hidden.discard("./")
    # Material's index, and Zensical's.
    for index, key in ((site / "search" / "search_index.json", "docs"), (site / "search.json", "items")):
        if not (hidden and index.is_file()):
            continue
        data = json.loads(index.read_text(encoding="utf-8"))
        kept = [d for d in data.get(key, []) if str(d.get("location", "")).split("#")[0] not in hidden]
        if len(kept) != len(data.get(key, [])):
            data[key] = kept
            index.write_text(json.dumps(data, separators=(",", ":")), encoding="utf-8")
    sitemap = site / "sitemap.xml"
    if hidden and sitemap.is_file():
        paths = {base_path(config) + loc for loc in hidden}

        def keep(m):
            return "" if urlsplit(html.unescape(m.group(1))).path in paths else m.group(0)

        text = sitemap.read_text(encoding="utf-8")
        new = re.sub(r"\s*<url>\s*<loc>([^<]*)</loc>.*?</url>", keep, text, flags=re.S)
        if new != text:
            sitemap.write_text(new, encoding="utf-8")


def size_pictures(site: Path, config, pages: Pages | None = None) -> None:
    """Width and height on each of the site's own pictures that lacks them."""
    base, cache = base_path(config), {}
    with _pages(site, pages) as pages:
        for page, text in pages.items():
            pages[page] = images.add_sizes(text, page, site, base, cache)


REDIRECT_FIX = ("write both addresses as paths of this site: letters, digits, `-`, `_`, `.` and `/`, "
                "with no `..`, `//` or `https:` (e.g. old/page: new/page/)")


def site_path(path: str) -> bool:
    """A path on this site: plain segments, no `.` or `..` segment, no `//`, no scheme."""
    parts = path.strip("/").split("/")
    return bool(re.fullmatch(r"/?[\w.-]+(?:/[\w.-]+)*/?", path)) and not any(p in (".", "..") for p in parts)


# The theme's drawer and search toggles carry autocomplete="off" (so that
# Firefox does not bring them back open), which HTML allows on text fields
# only; Zensical's drawer overlay, a label of the drawer toggle, carries
# aria-hidden, which HTML forbids on such a label (Material's has none). Each
# is the Nu HTML Checker's error on every page; the engine's base.html writes
# them outside any block, so they are mended here, for both engines.
TOGGLE_AUTOCOMPLETE = re.compile(r'(<input class="md-toggle"[^<>]*?type="checkbox"[^<>]*?)\s+autocomplete="off"')
OVERLAY_HIDDEN = re.compile(r'(<label class="md-overlay" for="__drawer")\s+aria-hidden="true"')


def valid_toggles(site: Path, pages: Pages | None = None) -> None:
    with _pages(site, pages) as pages:
        for page, text in pages.items():
            pages[page] = OVERLAY_HIDDEN.sub(r"\1", TOGGLE_AUTOCOMPLETE.sub(r"\1", text))


def redirects(site: Path, config: dict) -> list[tuple[str, str]]:
    mapping = (config.get("extra") or {}).get("redirects") or {}
    base = base_path(config)
    out = []
    for old, new in mapping.items():
        if not all(site_path(str(p)) for p in (old, new)):
            raise PublishError(f"mkdocs.yml: extra.redirects: {old!r}: {REDIRECT_FIX}")
        old_path, new_path = "/" + str(old).strip("/"), str(new).strip("/") + "/"
        if not (site / new_path / "index.html").exists():
            raise PublishError(f"mkdocs.yml: extra.redirects: {old} -> {new}: the new page does not exist "
                               f"(fix: use the address of a page of the built site)")
        target = base + new_path
        canonical = str(config.get("site_url") or "/").rstrip("/") + "/" + new_path
        stub = site / old_path.strip("/") / "index.html"
        stub.parent.mkdir(parents=True, exist_ok=True)
        stub.write_text(
            "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<title>This page has moved</title><meta http-equiv=\"refresh\" content=\"0; url={html.escape(target)}\">"
            f"<link rel=\"canonical\" href=\"{html.escape(canonical)}\"><meta name=\"robots\" content=\"noindex\"></head>"
            f"<body><p>This page has moved to <a href=\"{html.escape(target)}\">{html.escape(target)}</a>.</p></body></html>\n",
            encoding="utf-8")
        out.append((base[:-1] + old_path, target))
    # Netlify serves a file that exists at the old address (the refresh page
    # above, for GitHub Pages) instead of a redirect unless the rule is forced
    # with `!`; Cloudflare Pages always follows redirects and would ignore a rule
    # with `!`. netlify.toml sets CLINIC_HOST=netlify for its builds.
    code = "301!" if os.environ.get("CLINIC_HOST", "").lower() == "netlify" else "301"
    (site / "_redirects").write_text("".join(f"{a} {b} {code}\n{a}/ {b} {code}\n" for a, b in out), encoding="utf-8")
    return out


def robots(site: Path, config: dict) -> None:
    if not is_public(config):  # previews and test builds: no search engine, whatever the host does
        (site / "robots.txt").write_text("User-agent: *\nDisallow: /\n", encoding="utf-8")
        return
    site_url = str(config.get("site_url") or "").rstrip("/")
    (site / "robots.txt").write_text(f"User-agent: *\nAllow: /\n\nSitemap: {site_url}/sitemap.xml\n", encoding="utf-8")


def steady_sitemap_gz(site: Path) -> None:
    sitemap = site / "sitemap.xml"
    if sitemap.is_file():
        (site / "sitemap.xml.gz").write_bytes(gzip.compress(sitemap.read_bytes(), mtime=0))


# What a finished site may hold, by extension: pages, the theme's styles and
# scripts, the search index, the sitemap, and the pictures, PDFs and fonts the
# clinic ships (checks_files.PUBLISHED_KINDS); `_headers` and `_redirects` too.
OUTPUT_KINDS = {".html", ".css", ".js", ".map", ".json", ".xml", ".gz", ".txt", ".svg", ".png", ".jpg", ".jpeg",
                ".gif", ".webp", ".avif", ".ico", ".pdf", ".woff", ".woff2"}
OUTPUT_NAMES = {"_headers", "_redirects"}
# Licence texts the theme ships beside its scripts (Zensical's assets/javascripts/LICENSE).
OUTPUT_PLAIN_NAMES = {"LICENSE"}


def stub_pages(site: Path, config) -> set[Path]:
    """The pages this step writes at each old address (a redirect), not the theme's."""
    mapping = (config.get("extra") or {}).get("redirects") or {}
    return {site / str(old).strip("/") / "index.html" for old in mapping} if isinstance(mapping, dict) else set()


def check_pages(site: Path, config, pages: Pages | None = None) -> None:
    """Every finished page against the allowlist (clinicsite/allowlist.py), the
    theme's markup included; every file against the kinds a site holds. Stops
    the build naming each page and what it holds."""
    from . import allowlist, svg

    form = (((config.get("extra") or {}).get("clinic") or {}).get("form") or {})
    endpoint = str(form.get("endpoint") or "") if isinstance(form, dict) else ""
    stubs, found = stub_pages(site, config), []
    pages = pages if pages is not None else Pages(site)
    for path in sorted(site.rglob("*")):
        rel = path.relative_to(site).as_posix()
        if path.is_symlink() or not (path.is_file() or path.is_dir()):
            found.append(f"{rel}: not a regular file")
        elif (path.is_file() and path.suffix.lower() not in OUTPUT_KINDS and rel not in OUTPUT_NAMES
              and not (path.name in OUTPUT_PLAIN_NAMES and rel.startswith("assets/"))):
            found.append(f"{rel}: a {path.suffix or 'file without an extension'} file is not a kind the site "
                         "publishes (fix: pages are Markdown (.md); pictures, PDFs and fonts only)")
        if path.suffix.lower() == ".svg" and path.is_file():
            why = svg.refused(path.read_bytes())
            if why:
                found.append(f"{rel}: {why}")
        if path.suffix.lower() != ".html" or path in stubs or not path.is_file():
            continue
        text = pages[path] if path in pages else path.read_text(encoding="utf-8", errors="replace")
        refused = allowlist.refused_items(text)
        for item in refused or allowlist.problems(text, allowlist.PAGE, page=True, endpoint=endpoint):
            found.append(f"{rel}: {item.message}")
    if found:
        raise PublishError(f"{len(found)} thing(s) in the built site are outside what the site publishes "
                           "(fix: remove them from the page or file named; python3 scripts/check.py names the "
                           "source line):\n  " + "\n  ".join(found[:50]))


def run(site: str | Path, config, check: bool = True) -> None:
    """The publishing step on a built site. `config`: MkDocs' config of the site
    (the plugin passes it), or the path of its mkdocs.yml (the command).
    `check`: the allowlist over every page (off only for the live preview)."""
    site = Path(site)
    if isinstance(config, (str, Path)):
        config = _config.load(config)
    pages = Pages(site)
    hide_unlisted(site, config, pages)
    size_pictures(site, config, pages)
    firstview.run(site, str(config.get("site_url") or ""), pages)  # before the check: it checks what is published
    if check:
        check_pages(site, config, pages)
    redirects(site, config)
    pages.add_new()  # the redirect pages get the policy too
    robots(site, config)
    valid_toggles(site, pages)
    steady_sitemap_gz(site)
    hashes = check_scripts(site, theme_script_hashes(config), pages)
    styles = sorted(theme_style_hashes(site))
    (site / "_headers").write_text(headers_file(hashes, config, styles), encoding="utf-8")
    add_meta_policy(site, policy(hashes, config, for_meta=True, style_hashes=styles), pages)
    add_form_referrer(site, pages)
    pages.save()


if __name__ == "__main__":  # for builders that run no MkDocs plugin (Zensical)
    import argparse

    parser = argparse.ArgumentParser(description="Write headers, policy, redirects and robots.txt into a built site.")
    parser.add_argument("site_dir", help="the built site, e.g. site")
    parser.add_argument("--config", default="mkdocs.yml")
    args = parser.parse_args()
    from .config import SettingsError

    try:
        run(args.site_dir, args.config)
    except (PublishError, SettingsError) as err:
        raise SystemExit(f"ERROR: {err}")
    print(f"Published {args.site_dir}/: _headers, _redirects, robots.txt and the policy tag written.")
