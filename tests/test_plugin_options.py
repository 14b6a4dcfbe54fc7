"""Every option of the clinic plugin (`plugins: - clinic:` in mkdocs.yml) does
what DEVELOPMENT.md's table says: each test changes one option on the generator's
fixture project and sees the effect a clinic would see."""
from __future__ import annotations

import datetime as dt
import re

import pytest
from conftest import ROOT, TEST_TODAY, build, copy_fixture, soup

from clinicsite import checks, config as site_config, publish, scaffold

pytestmark = pytest.mark.generator

TODAY = dt.date.fromisoformat(TEST_TODAY)
# Plain words, about 1 KB: long enough to be scored for reading grade.
PLAIN = "We talk about what is going on in your life. " * 24


def with_options(tmp_path, **options):
    """A copy of the fixture project whose clinic plugin has `options`."""
    config = copy_fixture(tmp_path)
    text = config.read_text()
    lines = "".join(f"\n      {k}: {str(v).lower() if isinstance(v, bool) else v}" for k, v in options.items())
    assert "\n  - clinic\n" in text
    config.write_text(text.replace("\n  - clinic\n", f"\n  - clinic:{lines}\n"))
    return config


def problems(config, rule):
    _, found = checks.run(config, mode="test", today=TODAY)
    return [p for p in found if p.rule == rule]


def readme_options() -> set[str]:
    readme = (ROOT / "DEVELOPMENT.md").read_text()
    section = readme.split("## Options of the clinic plugin", 1)[1].split("\n## ", 1)[0]
    return set(re.findall(r"^\| `(\w+)`", section, re.M))


def test_the_guide_documents_exactly_the_plugin_options():
    assert readme_options() == {name for name, _ in site_config.ClinicConfig._schema}


def add_text(config, text):
    article = config.parent / "docs" / "what-is-ipt.md"
    article.write_text(article.read_text() + "\n" + text + "\n")


def test_reading_grade_max(tmp_path):
    default = copy_fixture(tmp_path / "default")
    add_text(default, PLAIN)
    assert not problems(default, "reading-level")
    strict = with_options(tmp_path / "strict", reading_grade_max=1)
    add_text(strict, PLAIN)
    found = problems(strict, "reading-level")
    assert "docs/what-is-ipt.md" in {p.file for p in found} and "above 1" in found[0].message


def test_review_period_months(tmp_path):
    config = with_options(tmp_path, review_period_months=3)
    path = scaffold.create(config.parent, "How do sessions end?", "What happens near the end of a course of "
                           "therapy, and how the last sessions are planned.", today=TODAY)
    text = path.read_text()
    assert f"last_reviewed: {TODAY}" in text and "next_review: 2027-03-01" in text


def test_max_article_kb(tmp_path):
    config = with_options(tmp_path, max_article_kb=1)
    add_text(config, PLAIN * 2)
    found = problems(config, "file-size")
    assert [p.file for p in found] == ["docs/what-is-ipt.md"] and "the limit is 1 KB" in found[0].message
    # The build takes the file out before Markdown reads it, and fails naming it.
    result = build(tmp_path / "site", config=config, check=False)
    assert result.returncode and "what-is-ipt.md:1: file-size" in result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr


def test_publish(tmp_path):
    config = with_options(tmp_path, publish=False)
    build(tmp_path / "site", config=config)
    assert (tmp_path / "site" / "index.html").is_file()
    assert not (tmp_path / "site" / "_headers").exists() and not (tmp_path / "site" / "robots.txt").exists()
    assert not soup(tmp_path / "site" / "index.html").find("meta", attrs={"http-equiv": "Content-Security-Policy"})


def test_enabled(tmp_path):
    """Off, the plugin neither checks nor publishes: a page that breaks a rule builds."""
    config = with_options(tmp_path, enabled=False)
    add_text(config, "You will feel better in two weeks.")
    assert problems(config, "wording"), "the check command still checks"
    build(tmp_path / "site", config=config)
    assert (tmp_path / "site" / "what-is-ipt" / "index.html").is_file()
    assert not (tmp_path / "site" / "_headers").exists()


def test_hsts_include_subdomains(tmp_path):
    def hsts(config):
        headers = publish.headers_file([], site_config.load(config))
        return next(line for line in headers.splitlines() if "Strict-Transport-Security" in line)

    assert "includeSubDomains" not in hsts(copy_fixture(tmp_path / "default"))
    assert hsts(with_options(tmp_path / "on", hsts_include_subdomains=True)).endswith("; includeSubDomains")
