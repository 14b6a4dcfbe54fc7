"""Material for MkDocs reaches end of life on 5 May 2027; its successor,
Zensical, reads the same mkdocs.yml, templates and Markdown extensions. This
builds the site with Zensical too and compares what the components render;
the site tests marked `engines` (conftest.py) run on a Zensical build as well.

What Zensical drops: MkDocs plugins other than its own (search, blog), so the
project's plugin (clinicsite/plugin.py) does not run there:
`python3 scripts/build.py --engine zensical` runs the checks, `zensical build`
and the publishing step one after the other (clinicsite/build.py). Nothing a
visitor sees depends on the plugin."""
import subprocess
import sys

import pytest
from bs4 import BeautifulSoup
from conftest import build, copy_project

pytestmark = [pytest.mark.zensical, pytest.mark.generator]

COMPONENTS = [".clinic-cta", ".clinic-contact", ".clinic-crisis-lines", ".clinic-care", ".clinic-inset",
              ".clinic-self-check", "form.clinic-form", ".clinic-form-section"]


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("zensical")
    config = copy_project(root, facts={"extra.clinic.form.endpoint": "https://formspree.io/f/test"})
    build(root / "site", config=config, engine="zensical")
    return root / "site"


@pytest.fixture(scope="module")
def mkdocs_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("mkdocs")
    config = copy_project(root, facts={"extra.clinic.form.endpoint": "https://formspree.io/f/test"})
    build(root / "site", config=config)
    return root / "site"


def components(site, page):
    doc = BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")
    article = doc.select_one("article")
    return {selector: [str(el) for el in article.select(selector)] for selector in COMPONENTS}


@pytest.mark.parametrize("page", ["gallery/index.html", "contact/index.html", "crisis/index.html",
                                  "is-ipt-right-for-me/index.html"])
def test_components_render_the_same_in_zensical(zensical_site, mkdocs_site, page):
    ours, theirs = components(mkdocs_site, page), components(zensical_site, page)
    assert any(ours.values()), "no component found"
    for selector in COMPONENTS:
        assert theirs[selector] == ours[selector], selector


def test_every_page_builds_in_zensical(zensical_site, mkdocs_site):
    pages = {p.relative_to(mkdocs_site).as_posix() for p in mkdocs_site.rglob("index.html")
             if not p.relative_to(mkdocs_site).as_posix().startswith(("post/", "blog/archive", "blog/category"))}
    built = {p.relative_to(zensical_site).as_posix() for p in zensical_site.rglob("index.html")}
    assert pages - built == set()
    home = BeautifulSoup((zensical_site / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert home.select_one(".clinic-hero h1") and home.select_one(".clinic-crisis-bar a[href='tel:988']")
    assert home.select_one(".clinic-footer a[href^='tel:+1']")
    # The home page's practical facts (Jinja macros, MiniJinja there) read as under MkDocs.
    mk_home = BeautifulSoup((mkdocs_site / "index.html").read_text(encoding="utf-8"), "html.parser")
    practical = [" ".join(s.select_one(".clinic-hero .clinic-practical__list").get_text(" ").split()) for s in (home, mk_home)]
    assert practical[0] == practical[1] and "a session" in practical[0], practical


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_a_page_with_an_error_fails_either_build_with_the_same_message(tmp_path, engine):
    config = copy_project(tmp_path)
    page = tmp_path / "docs" / "what-is-ipt.md"
    lines = page.read_text(encoding="utf-8").splitlines()
    lines.append("See [the old page](no-such-page.md).")
    page.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = build(tmp_path / "site", config=config, engine=engine, check=False)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert f"docs/what-is-ipt.md:{len(lines)}: link:" in output, output[-3000:]
    assert "Traceback" not in output
    assert not (tmp_path / "site" / "index.html").exists(), "a failed build leaves no site to upload"


def test_the_publishing_command_passes_zensicals_pages_under_the_allowlist(zensical_site):
    """Zensical's theme markup is on the page allowlist too: its build ran the
    publishing step (the fixture fails otherwise), no page carries the refusal
    notice, and the command, run again over the finished site, passes."""
    from clinicsite import allowlist

    result = subprocess.run([sys.executable, "-m", "clinicsite.publish", str(zensical_site),
                             "--config", str(zensical_site.parent / "mkdocs.yml")],
                            capture_output=True, text=True, timeout=240)
    assert result.returncode == 0, result.stdout + result.stderr
    assert not [p for p in zensical_site.rglob("*.html") if allowlist.REFUSED in p.read_text(encoding="utf-8")]
