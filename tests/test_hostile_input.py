"""Hostile and careless input (issue 11): each attack is tried on a small
fixture project and must be named by the checks with its file and line, or be
inert in the built site. The checks run directly on the fixture (fast); one
small fixture site is built for what only a build can show, and one for the
templates under hostile values."""
from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from clinicsite import checks, comments, facts, publish, read_guard
from clinicsite.source import MAX_BYTES
from conftest import FIXTURE, ROOT, TEST_TODAY, build, set_facts, soup

# Tests of the generator, on its fixture project's configuration.
pytestmark = pytest.mark.generator
CONFIG, _ = facts.load(FIXTURE / "mkdocs.yml")
REVIEWER = CONFIG["extra"]["team"][0]["id"]
TODAY = dt.date.fromisoformat(TEST_TODAY)
LISTED = "what-is-ipt.md"  # a page the menu lists, so only the attack is reported


def page(title="A page for the tests", body="Some words here.", extra=""):
    return (f"---\ntitle: {title}\ndescription: A short page that the tests use to try one thing at a time.\n"
            f"reviewed_by: {REVIEWER}\nlast_reviewed: 2026-11-01\nnext_review: 2027-11-01\n{extra}---\n\n{body}\n")


def project(tmp_path: Path, files: dict, base: Path = FIXTURE / "mkdocs.yml") -> Path:
    """A mkdocs.yml (the fixture project's, or `base`) with a tiny docs/ of `files` (text or bytes)."""
    (tmp_path / "mkdocs.yml").write_text(re.sub(r"custom_dir: \S+", f"custom_dir: {ROOT / 'overrides'}", base.read_text()))
    for rel, content in files.items():
        path = tmp_path / "docs" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        (path.write_bytes if isinstance(content, bytes) else path.write_text)(content)
    (tmp_path / "docs").mkdir(exist_ok=True)
    return tmp_path / "mkdocs.yml"


def found(tmp_path: Path, files: dict, base: Path = FIXTURE / "mkdocs.yml") -> set[tuple[str, int, str]]:
    _, problems = checks.run(project(tmp_path, files, base), mode="test", today=TODAY)
    # `nav`: the fixture's menu names pages these tiny projects leave out.
    return {(p.file, p.line, p.rule) for p in problems if p.severity == "error" and p.rule != "nav"}


# ---- what gets published ------------------------------------------------------

def test_symlinks_in_docs_are_refused(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "config").write_text("[remote]\n")
    config = project(tmp_path, {LISTED: page()})
    docs = config.parent / "docs"
    (docs / "environ.txt").symlink_to("/proc/self/environ")
    (docs / "passwd.txt").symlink_to("/etc/passwd")
    (docs / "git-config.md").symlink_to(tmp_path / ".git" / "config")
    (docs / "images").symlink_to(tmp_path / ".git")
    got = found(tmp_path, {})
    for name in ("environ.txt", "passwd.txt", "git-config.md", "images"):
        assert (f"docs/{name}", 1, "file-link") in got
    assert not any(f.startswith("docs/images/") for f, _, _ in got), "a linked folder must not be walked"


def test_a_page_out_of_the_menu_must_say_it_is_unlisted(tmp_path):
    got = found(tmp_path, {LISTED: page(), "draft-new-fees.md": page(title="New fees"),
                           "thanks.md": page(title="Thank you", extra="unlisted: true\n")})
    assert ("docs/draft-new-fees.md", 2, "unlisted-page") in got
    assert not any(f == "docs/thanks.md" for f, _, _ in got)


def test_stray_files_and_runnable_files_are_refused(tmp_path):
    svg = '<svg xmlns="http://www.w3.org/2000/svg">\n<rect width="1" height="1"/>\n<script>alert(1)</script>\n</svg>\n'
    got = found(tmp_path, {
        LISTED: page(body="See [the leaflet](leaflet.txt) and [the form](form.html)."),
        "notes-for-staff.txt": "Client J. Smith called.\n", "leaflet.txt": "Opening hours.\n",
        "form.html": "<script>alert(1)</script>", "images/evil.svg": svg, "images/ok.svg": svg.replace(
            "<script>alert(1)</script>", "<title>ok</title>"), "report.pdf": b"%PDF-1.4\n"})
    assert ("docs/notes-for-staff.txt", 1, "stray-file") in got
    assert ("docs/form.html", 1, "stray-file") in got, "linked or not, a page of HTML would run"
    assert ("docs/leaflet.txt", 1, "stray-file") in got, "linked or not, only known kinds are published"
    assert ("docs/images/evil.svg", 3, "stray-file") in got
    assert not {f for f, _, _ in got} & {"docs/report.pdf", "docs/images/ok.svg"}


def test_a_blog_authors_avatar_and_url_must_be_https_or_on_the_site(tmp_path):
    authors = ("authors:\n  team:\n    name: The team\n    description: Staff\n    avatar: assets/favicon.svg\n"
               "  bad:\n    name: Bad\n    description: x\n    avatar: '\"><script>alert(1)</script>'\n"
               "    url: javascript:alert(1)\n"
               "  plain:\n    name: Plain\n    description: x\n    avatar: http://tracker.example/a.png\n")
    got = found(tmp_path, {LISTED: page(), "blog/.authors.yml": authors})
    assert {(f, line) for f, line, rule in got if rule == "author"} == {
        ("docs/blog/.authors.yml", 9), ("docs/blog/.authors.yml", 10), ("docs/blog/.authors.yml", 14)}


# ---- raw HTML ---------------------------------------------------------------

ATTACKS = {
    "script": "<script>alert(1)</script>",
    "svg-script": "<svg><script>alert(1)</script></svg>",
    "iframe-srcdoc": '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    "object": '<object data="x.pdf"></object>',
    "embed": '<embed src="x.swf">',
    "base": '<base href="https://evil.example/">',
    "meta-refresh": '<meta http-equiv="refresh" content="0; url=https://evil.example/">',
    "form": '<form action="https://evil.example/"><button>Go</button></form>',
    "on-handler": '<p onmouseover="alert(1)">Hover</p>',
    "img-onerror": "<img src=x onerror=alert(1)>",
    "javascript-href": '<a href="javascript:alert(1)">Click</a>',
    "hidden-scheme": '<a href=" jav&#x09;ascript:alert(1)">Click</a>',
    "vbscript-href": '<a href="vbscript:msgbox(1)">Click</a>',
    "data-href": '<a href="data:text/html,<script>alert(1)</script>">Click</a>',
    "style": '<p style="position:fixed;inset:0">Cover</p>',
    "markdown-javascript-link": "[Click](javascript:alert(1))",
    "reference-link": "[Click][x]\n\n[x]: javascript:alert(1)",
    "attr-list-handler": "## Heading { onclick=\"alert(1)\" }",
}


@pytest.mark.parametrize("name", ATTACKS)
def test_raw_html_that_runs_loads_or_sends_is_named_with_its_line(tmp_path, name):
    body = f"Some words here.\n\n/// note | Inside a component\n{ATTACKS[name]}\n///\n"
    text = page(body=body)
    line = text.splitlines().index(ATTACKS[name].splitlines()[-1 if name == "reference-link" else 0]) + 1
    got = found(tmp_path, {LISTED: text})
    assert (f"docs/{LISTED}", line, "raw-html") in got, got


def test_html_shown_as_code_and_allowed_tags_are_fine(tmp_path):
    body = ("Write `<script>` in code.\n\n```html\n<script>alert(1)</script>\n```\n\n"
            "<details><summary>More</summary>\n\n<abbr title=\"Interpersonal psychotherapy\">IPT</abbr>\n</details>\n\n"
            "<div markdown class=\"grid\">\nText with a [link](https://www.nimh.nih.gov/).\n</div>\n")
    assert not [g for g in found(tmp_path, {LISTED: page(body=body)}) if g[2] == "raw-html"]


def test_a_title_or_category_with_markup_is_refused(tmp_path):
    post = page(title="'Fees <img src=x onerror=alert(1)>'", extra="date: 2026-11-01\nauthors: [clinic-team]\n"
                "categories: ['<b>x</b>']\n")
    # The site's own mkdocs.yml: the fixture project has no blog.
    got = found(tmp_path, {LISTED: page(title="'Fees <img src=x onerror=alert(1)>'"), "blog/posts/p.md": post},
                base=ROOT / "mkdocs.yml")
    assert {(f"docs/{LISTED}", 2, "title"), ("docs/blog/posts/p.md", 2, "title"),
            ("docs/blog/posts/p.md", 9, "title")} <= got
    text = (tmp_path / "mkdocs.yml").read_text()
    (tmp_path / "mkdocs.yml").write_text(text.replace("categories_allowed: [", "categories_allowed: ['<b>x</b>', "))
    line = next(i for i, t in enumerate(text.splitlines(), 1) if "categories_allowed:" in t)
    _, problems = checks.run(tmp_path / "mkdocs.yml", mode="test", today=TODAY)
    assert ("mkdocs.yml", line, "title") in {(p.file, p.line, p.rule) for p in problems}


# ---- bad bytes, BOM, big files ------------------------------------------------

def test_a_file_that_is_not_utf8_is_one_problem_and_the_others_still_count(tmp_path):
    bad = page(body="Line one.\n\nCaf\x00 line.").encode().replace(b"\x00", b"\xe9")
    got = found(tmp_path, {LISTED: bad, "draft.md": page(title="Draft")})
    line = bad.split(b"\n").index(b"Caf\xe9 line.") + 1
    assert {g for g in got if g[0] == f"docs/{LISTED}"} == {(f"docs/{LISTED}", line, "file-encoding")}
    assert ("docs/draft.md", 2, "unlisted-page") in got
    assert read_guard.stand_in(tmp_path / "docs" / LISTED) == read_guard.STAND_IN


def test_a_byte_order_mark_is_tolerated(tmp_path):
    assert not found(tmp_path, {LISTED: "\ufeff" + page()})


def test_an_article_over_the_size_limit_is_named_before_markdown_runs(tmp_path):
    big = page(body=("Plain words in a long page. " * 40 + "\n\n") * (MAX_BYTES // 1000))
    assert len(big.encode()) > MAX_BYTES
    got = found(tmp_path, {LISTED: big})
    assert got == {(f"docs/{LISTED}", 1, "file-size")}
    _, problems = checks.run(tmp_path / "mkdocs.yml", mode="test", today=TODAY)
    assert f"{MAX_BYTES // 1024} KB" in next(p.message for p in problems if p.rule == "file-size")
    assert read_guard.stand_in(tmp_path / "docs" / LISTED) == read_guard.STAND_IN


# ---- comments ------------------------------------------------------------------

def test_comments_are_removed_but_code_shows_them():
    import markdown

    md = markdown.Markdown(extensions=["clinicsite.comments", "md_in_html"])
    html = md.convert("Text <!-- client J. Smith asked --> more. <!-- wording-ok -->\n\n<!--\nstaff\n-->\n\n"
                      "`<!-- shown -->`\n\n<div markdown>\n<!-- inside --!> after\n</div>\n\n<!-- more -->\n")
    assert "J. Smith" not in html and "wording-ok" not in html and "staff" not in html and "inside" not in html
    assert "&lt;!-- shown --&gt;" in html and "after" in html and comments.EXCERPT_MARK in html


# ---- the publishing step ----------------------------------------------------------

HOSTILE_ENDPOINTS = ["https://formspree.io; script-src-attr 'unsafe-inline'; x/f/abc",
                     "https://formspree.io/f/a'unsafe-inline'", "https://evil.example\t'unsafe-eval'/f",
                     "http://formspree.io/f/abc", "javascript:alert(1)", "https://user@formspree.io/f/abc",
                     "https://formspree.io:99999/f", "//formspree.io/f/abc"]


@pytest.mark.parametrize("endpoint", HOSTILE_ENDPOINTS)
def test_the_policy_takes_only_a_plain_https_origin_from_the_endpoint(endpoint):
    config = {"extra": {"clinic": {"form": {"provider": "formspree", "endpoint": endpoint},
                                   "booking_url": "javascript:alert(1); script-src *"}}}
    csp = publish.policy(["'sha256-AAAA'"], config)
    directives = [d.split()[0] for d in csp.split("; ")]
    assert len(directives) == len(set(directives)) and "script-src-attr" not in directives
    assert "unsafe" not in csp and "evil" not in csp and "javascript" not in csp
    connect = next(d for d in csp.split("; ") if d.startswith("connect-src"))
    assert connect in ("connect-src 'self'", "connect-src 'self' https://formspree.io"), connect
    assert endpoint.startswith("https://formspree.io/") or connect == "connect-src 'self'"
    good = dict(config, extra={"clinic": {"form": {"endpoint": "https://formspree.io/f/abc"}}})
    assert "connect-src 'self' https://formspree.io;" in publish.policy([], good)


def test_the_policy_tag_is_looked_for_in_the_head_only(tmp_path):
    body = '<p>Quoted: <meta http-equiv="Content-Security-Policy" content="script-src *"></p>'
    (tmp_path / "index.html").write_text(f'<html><head><meta charset="utf-8"><title>x</title></head><body>{body}</body></html>')
    publish.add_meta_policy(tmp_path, "default-src 'none'")
    head = soup(tmp_path / "index.html").head
    assert head.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"] == "default-src 'none'"


def test_a_page_with_a_script_the_theme_did_not_write_fails_the_publishing_step(tmp_path):
    theme = publish.theme_script_hashes(dict(CONFIG, config_file_path=str(ROOT / "mkdocs.yml")))
    assert len(theme) >= 2
    (tmp_path / "ok").mkdir()
    (tmp_path / "ok" / "index.html").write_text("<html><head></head><body></body></html>")
    assert publish.check_scripts(tmp_path, theme) == []
    (tmp_path / "bad").mkdir()
    (tmp_path / "bad" / "index.html").write_text("<html><body><svg><script>alert(1)</script></svg></body></html>")
    with pytest.raises(publish.PublishError, match=r"bad/index\.html"):
        publish.check_scripts(tmp_path, theme)


# ---- one small site, built: the inert cases ------------------------------------

INERT_PAGE = page(title="Fees & \"costs\"", body=(
    "Words before.\n\n<!-- client J. Smith asked about the sliding scale -->\n\n"
    "<!-- <meta http-equiv=\"Content-Security-Policy\" content=\"script-src * 'unsafe-inline'\"> -->\n\n"
    "<!--\n<script>window.__pwned = 1</script>\n-->\n\n"
    "A careful line. <!-- wording-ok -->\n\n## What &lt;img onerror&gt; means\n\n"
    "Write `<script>window.__pwned = 2</script>` in code, never in a page.\n"))


def fixture_site(root: Path) -> Path:
    """A copy of the project with three pages: the inert cases, an unlisted
    page, and the home page."""
    for name in ("overrides", "clinicsite"):
        shutil.copytree(ROOT / name, root / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "docs" / "assets", root / "docs" / "assets")
    for name in ("index.md", ".authors.yml"):
        (root / "docs" / "blog").mkdir(exist_ok=True)
        shutil.copy(ROOT / "docs" / "blog" / name, root / "docs" / "blog" / name)
    text = (ROOT / "mkdocs.yml").read_text()
    text = re.sub(r"\n  redirects:\n(    .*\n)+", "\n  redirects: {}\n", text)
    text = text[:text.index("\nnav:")] + "\nnav:\n  - Home: index.md\n  - fees.md\n  - blog/index.md\n"
    (root / "mkdocs.yml").write_text(text)
    site_team = facts.load(ROOT / "mkdocs.yml")[0]["extra"]["team"]  # blog/index.md names the site's reviewer
    set_facts(root / "mkdocs.yml", {"extra.team": [dict(m) for m in [*CONFIG["extra"]["team"], *site_team]]})
    (root / "docs" / "index.md").write_text(page(title="Welcome", extra="template: home.html\n"))
    (root / "docs" / "fees.md").write_text(INERT_PAGE)
    (root / "docs" / "thanks.md").write_text(page(title="Thanks for your message", extra="unlisted: true\n"))
    build(root / "site", config=root / "mkdocs.yml")
    return root / "site"


@pytest.fixture(scope="module")
def inert_site(tmp_path_factory):
    return fixture_site(tmp_path_factory.mktemp("inert"))


def test_the_built_site_is_clean(inert_site):
    for path in inert_site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".xml", ".txt", ""):
            text = path.read_text(encoding="utf-8", errors="replace")
            for secret in ("J. Smith", "wording-ok", "__pwned = 1", "<!-- more -->", "'unsafe-inline'"):
                assert secret not in text, (path, secret)
    fees = soup(inert_site / "fees" / "index.html")
    policies = fees.head.find_all("meta", attrs={"http-equiv": "Content-Security-Policy"})
    assert len(policies) == 1 and "script-src 'self' 'sha256-" in policies[0]["content"]
    assert not [s for s in fees.find_all("script") if "__pwned" in (s.string or "")]
    index = json.loads((inert_site / "search" / "search_index.json").read_text())
    assert any(d["location"].startswith("fees/") for d in index["docs"])
    assert not [d for d in index["docs"] if "<img" in d["title"] or d["location"].startswith("thanks/")]
    assert "/thanks/" not in (inert_site / "sitemap.xml").read_text()
    assert soup(inert_site / "thanks" / "index.html").find("meta", attrs={"name": "robots"})["content"] == "noindex"
    # The article's inline HTML added no hash: the policy lists only the theme's own scripts.
    csp = next(line for line in (inert_site / "_headers").read_text().splitlines() if "Content-Security-Policy" in line)
    listed = set(re.findall(r"'sha256-[^']+'", csp))
    assert listed and listed <= publish.theme_script_hashes(dict(CONFIG, config_file_path=str(ROOT / "mkdocs.yml")))


@pytest.mark.browser
def test_a_browser_on_the_inert_page_runs_nothing_and_sends_nothing_off_site(new_page, inert_site):
    from clinicsite import browser as clinic_browser

    with clinic_browser.serve(inert_site) as url:
        tab = new_page(width=390)
        seen, dialogs = [], []
        tab.on("request", lambda request: seen.append(request.url))
        tab.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        tab.goto(url + "fees/", wait_until="networkidle")
        assert tab.evaluate("typeof window.__pwned") == "undefined" and dialogs == []
        assert tab.locator("code", has_text="__pwned = 2").count() == 1, "the code example is shown as text"
    own = urlsplit(url).netloc
    assert [u for u in seen if urlsplit(u).scheme.startswith("http") and urlsplit(u).netloc != own] == []


# ---- every template, hostile values in every field --------------------------------

HOSTILE = ("H\"><meta http-equiv=\"refresh\" content=\"0;url=https://evil.example/\">"
           "<script>alert(1)</script><img src=x onerror=alert(2)>';&amp;")
# Every page template of the theme folder, each rendered with the hostile values
# (`template:` accepts only some of them, but the escaping must not depend on that);
# the blog's (blog-post.html) renders the post below.
TEMPLATES = sorted(p.name for p in (ROOT / "overrides").glob("*.html")
                   if p.name != "404.html" and not p.name.startswith("blog"))


def test_every_template_escapes_hostile_values(tmp_path):
    """The project's templates with hostile text in every field that staff or
    config set, built without the checks (which would refuse most of it)."""
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "base.yml")
    shutil.copytree(ROOT / "overrides", tmp_path / "overrides")
    shutil.copytree(ROOT / "docs" / "assets", tmp_path / "docs" / "assets")
    h = json.dumps(HOSTILE)
    js = json.dumps("javascript:alert(3)")
    # The blog writes a post's title and its categories into pages as Markdown,
    # raw HTML and all: no template can escape them there, so the `title` check
    # refuses < and > (test_a_title_or_category_with_markup_is_refused); here they have none.
    category = json.dumps("H\"';&amp; & quotes")
    (tmp_path / "mkdocs.yml").write_text(f"""INHERIT: base.yml
site_name: {h}
site_description: {h}
copyright: {h}
hooks: []
not_in_nav: ""
nav: [index.md, page.md, blog/index.md, {", ".join(f"tpl-{name[:-5]}.md" for name in TEMPLATES)}]
plugins:
  - search
  - blog: {{blog_dir: blog, post_url_format: "{{slug}}", categories_allowed: [{category}]}}
extra:
  redirects: {{}}
  clinic:
    name: {h}
    short_name: {h}
    phone: {{display: {h}, e164: {h}}}
    email: {h}
    address: {{street: {h}, locality: {h}, region: {h}, postal_code: {h}, country: {h}}}
    reply_within: {h}
    booking_url: {js}
    fees: {{first_session: {{usd: {h}, minutes: {h}}}, session: {{usd: 2, minutes: {h}}}, sliding_scale: {{offered: true, note: {h}}}, payment: [{h}, {js}]}}
    insurance: {{in_network: [{h}, {js}], superbill: {h}}}
    access: {{video_states: [{h}, {js}], first_appointment_within_days: 14, languages: [{h}]}}
  calls_to_action:
    default: {{heading: {h}, text: {h}, button: {h}}}
  team: [{{id: {REVIEWER}, name: {h}, credentials: {h}, photo: {js}, photo_alt: {h}, intro: {h}, languages: [{h}],
          license: {{type: {h}, number: {h}, states: [{h}]}}}}]
  elsewhere: {{name: {h}, url: {js}}}
""")
    front = (f"title: {h}\ndescription: {h}\nsubtitle: {h}\nreviewed_by: {REVIEWER}\n"
             "last_reviewed: 2026-11-01\nnext_review: 2027-11-01\n")
    docs = tmp_path / "docs"
    (docs / "blog" / "posts").mkdir(parents=True)
    (docs / "index.md").write_text(f"---\n{front}template: home.html\n---\n\nHome.\n")
    (docs / "page.md").write_text(f"---\n{front}---\n\nA page.\n")
    for name in TEMPLATES:
        (docs / f"tpl-{name[:-5]}.md").write_text(f"---\n{front}template: {name}\n---\n\nA page.\n")
    (docs / "blog" / "index.md").write_text("# Blog\n")
    (docs / "blog" / ".authors.yml").write_text(
        f"authors:\n  bad:\n    name: {h}\n    description: {h}\n    avatar: {json.dumps(HOSTILE)}\n    url: {js}\n"
        f"  bad2:\n    name: {h}\n    description: {h}\n    avatar: {js}\n    url: {h}\n")
    post_front = front.replace(f"title: {h}", f"title: {category}")
    (docs / "blog" / "posts" / "post.md").write_text(
        f"---\n{post_front}date: 2026-11-01\nauthors: [bad, bad2]\ncategories: [{category}]\n---\n\nExcerpt.\n\n<!-- more -->\n\nRest.\n")
    env = dict(os.environ, SITE_MODE="test", NO_MKDOCS_2_WARNING="1")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(tmp_path / "site")],
                            cwd=tmp_path, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-3000:]
    pages = list((tmp_path / "site").rglob("*.html"))
    assert len(pages) >= 5 + len(TEMPLATES)
    assert {f"tpl-{name[:-5]}" for name in TEMPLATES} <= {p.parent.name for p in pages}
    for path in pages:
        doc = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        assert not doc.find("meta", attrs={"http-equiv": re.compile("refresh", re.I)}), path
        assert not doc.find("base"), path
        for tag in doc.find_all(True):
            assert tag.name != "img" or tag.get("src") != "x", (path, str(tag)[:200])
            if tag.name == "script":  # data (JSON-LD) may hold the text, escaped; code may not
                data = tag.get("type") in publish.DATA_TYPES
                assert ("<" not in (tag.string or "")) if data else ("alert(" not in (tag.string or "")), (path, str(tag)[:200])
            for name, value in tag.attrs.items():
                assert not name.startswith("on"), (path, str(tag)[:200])
                values = value if isinstance(value, list) else [value]
                assert not any(str(v).strip().lower().startswith("javascript:") for v in values), (path, str(tag)[:200])


def test_a_build_with_a_link_to_secrets_and_a_bad_blog_post_fails_cleanly_and_copies_nothing(tmp_path):
    """The plugin takes symbolic links and unreadable posts out of the build
    before anything reads or copies them (the blog plugin reads its posts
    first): the build fails on the checks' messages, with no traceback."""
    from conftest import copy_project

    config = copy_project(tmp_path)
    (tmp_path / "docs" / "environ.txt").symlink_to("/proc/self/environ")
    (tmp_path / "docs" / "blog" / "posts" / "bad.md").write_bytes(
        b"---\ntitle: A post\ndate: 2026-11-01\n---\n\nCaf\xe9 line.\n")
    site = tmp_path / "site"
    result = build(site, config=config, check=False)
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output, output[-2000:]
    assert "docs/environ.txt:1: file-link:" in output and "docs/blog/posts/bad.md:6: file-encoding:" in output
    assert not site.exists()
