"""The last step of every build, run on the finished site/ folder by the
plugin (clinicsite/plugin.py), or as a command for builders that run no MkDocs
plugin (`python -m clinicsite.publish site`):

- security headers for hosts that read a `_headers` file (Netlify, Cloudflare
  Pages), with a Content-Security-Policy that lists a hash of every inline
  script found in the built pages;
- the same policy as a <meta> tag in every page, for GitHub Pages, which
  cannot send headers (a <meta> policy cannot carry frame-ancestors, and the
  other headers cannot be set at all there: see README "Deploy");
- redirects from the one map in mkdocs.yml (`extra: redirects:`): `_redirects`
  for Netlify and Cloudflare, and a small page at each old address for the rest;
- robots.txt pointing at the sitemap;
- sitemap.xml.gz written again without a timestamp: MkDocs stamps it with the
  build date, so two builds of one commit on different days would differ.
"""
from __future__ import annotations

import base64
import gzip
import hashlib
import html
import os
import re
from pathlib import Path
from urllib.parse import urlsplit

from . import facts

META_MARK = '<meta http-equiv="Content-Security-Policy"'
EXECUTABLE = {None, "", "text/javascript", "module", "application/javascript"}


class PublishError(Exception):
    pass


SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script>", re.S | re.I)


def inline_script_hashes(site: Path) -> list[str]:
    """sha256 of every inline script a browser would run, over all pages.
    (A regular expression, not an HTML parser: the builder writes these tags
    itself, and this runs over every page of every build; a test checks the
    result against a real parser.)"""
    found = set()
    for page in site.rglob("*.html"):
        for attrs, body in SCRIPT.findall(page.read_text(encoding="utf-8")):
            kind = re.search(r"""\btype=["']?([^"'\s>]+)""", attrs)
            if re.search(r"\bsrc=", attrs) or (kind and kind.group(1) not in EXECUTABLE):
                continue  # external files are covered by 'self'; JSON data never runs
            digest = hashlib.sha256(body.encode("utf-8")).digest()
            found.add("'sha256-" + base64.b64encode(digest).decode() + "'")
    return sorted(found)


def origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""


def policy(hashes: list[str], config: dict, for_meta: bool = False) -> str:
    endpoint = str(((config.get("extra") or {}).get("clinic") or {}).get("form", {}).get("endpoint") or "")
    form_origin = origin(endpoint)  # a path on the site itself (Netlify) needs no extra source
    extra = f" {form_origin}" if form_origin else ""
    directives = [
        "default-src 'none'",
        "script-src 'self' " + " ".join(hashes),
        "style-src 'self'",
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
    "Strict-Transport-Security": "max-age=63072000; includeSubDomains",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": ("accelerometer=(), autoplay=(), camera=(), display-capture=(), encrypted-media=(), "
                           "fullscreen=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), midi=(), "
                           "payment=(), picture-in-picture=(), publickey-credentials-get=(), screen-wake-lock=(), "
                           "sync-xhr=(), usb=(), xr-spatial-tracking=(), interest-cohort=()"),
}


def headers_file(hashes: list[str], config: dict) -> str:
    lines = ["# Made by clinicsite/publish.py at build time: do not edit.", "/*",
             f"  Content-Security-Policy: {policy(hashes, config)}"]
    lines += [f"  {name}: {value}" for name, value in HEADERS.items()]
    return "\n".join(lines) + "\n"


def add_meta_policy(site: Path, meta_policy: str) -> None:
    tag = f'{META_MARK} content="{html.escape(meta_policy, quote=False).replace(chr(34), "&quot;")}">'
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        if META_MARK in text:
            continue
        # Right after <meta charset>, before any script or style it governs.
        text, n = re.subn(r'(<meta charset="utf-8"\s*/?>)', r"\1" + tag.replace("\\", "\\\\"), text, count=1)
        if n == 1:
            page.write_text(text, encoding="utf-8")


def redirects(site: Path, config: dict) -> list[tuple[str, str]]:
    mapping = (config.get("extra") or {}).get("redirects") or {}
    base = urlsplit(str(config.get("site_url") or "/")).path or "/"
    out = []
    for old, new in mapping.items():
        old_path, new_path = "/" + str(old).strip("/"), str(new).strip("/") + "/"
        if not (site / new_path / "index.html").exists():
            raise PublishError(f"mkdocs.yml: extra.redirects: {old} -> {new}: the new page does not exist "
                               f"(fix: use the address of a page of the built site)")
        target = base.rstrip("/") + "/" + new_path
        canonical = str(config.get("site_url") or "/").rstrip("/") + "/" + new_path
        stub = site / old_path.strip("/") / "index.html"
        stub.parent.mkdir(parents=True, exist_ok=True)
        stub.write_text(
            "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<title>This page has moved</title><meta http-equiv=\"refresh\" content=\"0; url={html.escape(target)}\">"
            f"<link rel=\"canonical\" href=\"{html.escape(canonical)}\"><meta name=\"robots\" content=\"noindex\"></head>"
            f"<body><p>This page has moved to <a href=\"{html.escape(target)}\">{html.escape(target)}</a>.</p></body></html>\n",
            encoding="utf-8")
        out.append((base.rstrip("/") + old_path, target))
    # Netlify serves a file that exists at the old address (the refresh page
    # above, for GitHub Pages) instead of a redirect unless the rule is forced
    # with `!`; Cloudflare Pages always follows redirects and would ignore a rule
    # with `!`. netlify.toml sets CLINIC_HOST=netlify for its builds.
    code = "301!" if os.environ.get("CLINIC_HOST", "").lower() == "netlify" else "301"
    (site / "_redirects").write_text("".join(f"{a} {b} {code}\n{a}/ {b} {code}\n" for a, b in out), encoding="utf-8")
    return out


def robots(site: Path, config: dict) -> None:
    site_url = str(config.get("site_url") or "").rstrip("/")
    (site / "robots.txt").write_text(f"User-agent: *\nAllow: /\n\nSitemap: {site_url}/sitemap.xml\n", encoding="utf-8")


def steady_sitemap_gz(site: Path) -> None:
    sitemap = site / "sitemap.xml"
    if sitemap.is_file():
        (site / "sitemap.xml.gz").write_bytes(gzip.compress(sitemap.read_bytes(), mtime=0))


def run(site: str | Path, config) -> None:
    """The publishing step on a built site. `config`: MkDocs' config of the site
    (the plugin passes it), or the path of its mkdocs.yml (the command)."""
    site = Path(site)
    if isinstance(config, (str, Path)):
        config, _ = facts.load(config)
    redirects(site, config)
    robots(site, config)
    steady_sitemap_gz(site)
    hashes = inline_script_hashes(site)
    (site / "_headers").write_text(headers_file(hashes, config), encoding="utf-8")
    add_meta_policy(site, policy(hashes, config, for_meta=True))


if __name__ == "__main__":  # for builders that run no MkDocs plugin (Zensical)
    import argparse

    parser = argparse.ArgumentParser(description="Write headers, policy, redirects and robots.txt into a built site.")
    parser.add_argument("site_dir", help="the built site, e.g. site")
    parser.add_argument("--config", default="mkdocs.yml")
    args = parser.parse_args()
    try:
        run(args.site_dir, args.config)
    except PublishError as err:
        raise SystemExit(f"ERROR: {err}")
    print(f"Published {args.site_dir}/: _headers, _redirects, robots.txt and the policy tag written.")
