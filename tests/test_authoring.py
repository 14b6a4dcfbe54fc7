"""The article contract and its checks: every broken article in
tests/articles/broken/ fails with the right rule, file and line, and the build
fails; a valid article produces no message at all."""
import datetime as dt
import re
import shutil
from pathlib import Path

import pytest
from conftest import ROOT, build, copy_project, soup

from clinicsite import checks, scaffold

HERE = Path(__file__).parent / "articles"
TODAY = dt.date(2026, 12, 1)  # injected "today": no test starts failing when a date passes
NAME = "docs/partners.md"

# broken file -> (rule, line, mode in which it is an error)
BROKEN = {
    "malformed-yaml": ("front-matter", 2, "preview"),
    "no-closing-line": ("front-matter", 1, "preview"),
    "missing-field": ("field-missing", 1, "preview"),
    "unknown-field": ("field-unknown", 7, "preview"),
    "wrong-field-type": ("field-type", 7, "preview"),
    "short-description": ("description", 3, "preview"),
    "wrong-date": ("review-dates", 5, "preview"),
    "review-order": ("review-dates", 6, "preview"),
    "review-overdue": ("review-overdue", 6, "production"),
    "unknown-reviewer": ("reviewer", 4, "preview"),
    "broken-link": ("link", 21, "preview"),
    "broken-anchor": ("anchor", 21, "preview"),
    "missing-image": ("image-missing", 21, "preview"),
    "image-without-alt": ("image-alt", 21, "preview"),
    "too-hard": ("reading-level", 13, "preview"),
    "banned-phrase": ("wording", 13, "preview"),
    "promise-of-cure": ("wording", 9, "preview"),
    "fictional-phone": ("fictional-fact", 17, "production"),
    "placeholder": ("placeholder", 17, "production"),
    "unknown-component": ("component", 23, "preview"),
    "unknown-option": ("component", 24, "preview"),
    "old-box-syntax": ("component", 23, "preview"),
}


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """A copy of the project whose clinic facts look real, so that a production
    build passes unless the article under test breaks it."""
    root = tmp_path_factory.mktemp("project")
    copy_project(root, launch_ready=True)
    return root


def add_article(project, source: Path) -> Path:
    target = project / NAME
    shutil.copy(source, target)
    return target


@pytest.fixture
def article(project):
    created = []

    def put(source):
        created.append(add_article(project, source))
        return created[-1]

    yield put
    for path in created:
        path.unlink(missing_ok=True)


def test_the_corpus_covers_every_rule_that_an_article_can_break():
    assert len(BROKEN) >= 15
    assert {p.stem for p in (HERE / "broken").glob("*.md")} == set(BROKEN)
    page_rules = set(checks.RULES) - {"clinic-facts", "crisis-region", "crisis-verified"}
    assert page_rules == {rule for rule, _, _ in BROKEN.values()}


def test_a_valid_article_produces_no_message_at_all(project, article):
    article(HERE / "valid.md")
    for mode in ("preview", "production"):
        _, problems = checks.run(project / "mkdocs.yml", mode=mode, today=TODAY)
        assert problems == [], "\n".join(map(str, problems))
    result = build(project / "site", config=project / "mkdocs.yml", mode="production", check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "partners.md" not in result.stdout + result.stderr


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_a_broken_article_is_reported_on_its_line_and_fails_the_build(project, article, case):
    rule, line, mode = BROKEN[case]
    article(HERE / "broken" / f"{case}.md")
    _, problems = checks.run(project / "mkdocs.yml", mode=mode, today=TODAY)
    errors = [p for p in problems if p.severity == "error"]
    assert [(p.file, p.rule) for p in errors] == [(NAME, rule)], "\n".join(map(str, problems))
    problem = errors[0]
    assert problem.line == line, str(problem)
    assert problem.fix and problem.message
    assert re.fullmatch(rf"{NAME}:{line}: {rule}: .+ \(fix: .+\)", str(problem))

    if mode == "production":  # the same page only warns in preview
        _, preview = checks.run(project / "mkdocs.yml", mode="preview", today=TODAY)
        assert [p.severity for p in preview if p.file == NAME] == ["warning"]

    result = build(project / "site", config=project / "mkdocs.yml", mode=mode, today=str(TODAY), check=False)
    assert result.returncode != 0
    assert str(problem) in result.stdout + result.stderr


def test_too_hard_text_names_its_three_hardest_sentences(project, article):
    article(HERE / "broken" / "too-hard.md")
    _, problems = checks.run(project / "mkdocs.yml", mode="preview", today=TODAY)
    message = next(p.message for p in problems if p.rule == "reading-level")
    assert message.count("line 13 (grade") == 3 and "Notwithstanding" in message


def test_a_quoted_banned_phrase_is_allowed_when_marked(project, article, tmp_path):
    marked = tmp_path / "marked.md"
    text = (HERE / "broken" / "banned-phrase.md").read_text()
    marked.write_text(text.replace("had told someone.", "had told someone. <!-- wording-ok -->"))
    article(marked)
    _, problems = checks.run(project / "mkdocs.yml", mode="preview", today=TODAY)
    assert [p for p in problems if p.file == NAME] == []


def test_github_annotations_name_file_and_line(project, article):
    article(HERE / "broken" / "broken-link.md")
    _, problems = checks.run(project / "mkdocs.yml", mode="preview", today=TODAY)
    assert problems[0].github().startswith(f"::error file={NAME},line=21::link: ")


def test_the_real_site_has_no_errors_and_every_grade_within_limits():
    ctx, problems = checks.run(ROOT / "mkdocs.yml", mode="preview", today=TODAY)
    assert [p for p in problems if p.severity == "error"] == []
    grades = checks.grade_table(ctx)
    assert all(g is None or g <= 8 for _, g in grades), grades


def test_edit_link_shows_in_preview_and_never_in_production(project, article, tmp_path):
    article(HERE / "valid.md")
    build(tmp_path / "preview", config=project / "mkdocs.yml", mode="preview", check=True)
    build(tmp_path / "production", config=project / "mkdocs.yml", mode="production", check=True)
    preview = soup(tmp_path / "preview" / "partners" / "index.html")
    link = preview.find("a", string="Edit this page")
    assert link["href"] == "https://github.com/clinic-team/website/edit/main/docs/partners.md"
    for page in (tmp_path / "production").rglob("*.html"):
        assert "Edit this page" not in page.read_text(), page
    review = preview.select_one(".clinic-review").get_text(" ", strip=True)
    assert "Page last reviewed: November 1, 2026" in review and "Next review due: November 1, 2027" in review


def test_scaffolded_article_passes_every_check_and_joins_the_navigation(project, tmp_path):
    before = (project / "mkdocs.yml").read_text()
    path = scaffold.create(project, "How can partners help?",
                           "What partners and family can do to support a man who is getting help for depression.",
                           "About IPT", today=TODAY)
    try:
        after = (project / "mkdocs.yml").read_text()
        added = [line for line in after.splitlines() if line not in before.splitlines()]
        assert added == ["      - how-can-partners-help.md"]
        assert after.replace("      - how-can-partners-help.md\n", "") == before  # comments and anchors intact
        _, problems = checks.run(project / "mkdocs.yml", mode="preview", today=TODAY)
        mine = [p for p in problems if p.file == "docs/how-can-partners-help.md"]
        assert [(p.rule, p.severity) for p in mine] == [("placeholder", "warning")]
        site = tmp_path / "site"
        build(site, config=project / "mkdocs.yml", mode="test", today=str(TODAY))
        # The menu shows a section's pages on the pages of that section (navigation.prune, tabs).
        navs = [soup(page).select('nav.md-nav--primary a[href]') for page in site.rglob("index.html")]
        assert any("how-can-partners-help" in a["href"] for nav in navs for a in nav)
        assert "next_review: 2027-12-01" in path.read_text()
    finally:
        path.unlink()
        (project / "mkdocs.yml").write_text(before)


def test_the_fast_check_command_covers_the_site_in_under_five_seconds():
    import subprocess
    import sys
    import time

    started = time.monotonic()
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "check.py")], capture_output=True, text=True, cwd=ROOT)
    elapsed = time.monotonic() - started
    assert result.returncode == 0, result.stdout + result.stderr
    assert "docs/what-is-ipt.md" in result.stdout and "Reading grade" in result.stdout
    assert elapsed < 5, elapsed


def test_the_fast_dictionary_gives_textstats_own_grades():
    """clinicsite/readability.py loads the pronouncing dictionary its own way;
    the grades must be exactly those of textstat with its own loader."""
    import json
    import subprocess
    import sys

    ctx = checks.context(ROOT / "mkdocs.yml")
    texts = [" ".join(t for _, t in checks.reading_pieces(src)) for src in ctx.sources.values()]
    texts = [t for t in texts if len(t.split()) > 30]
    stock = subprocess.run([sys.executable, "-c", "import json, sys, textstat; "
                            "print(json.dumps([textstat.flesch_kincaid_grade(t) for t in json.load(sys.stdin)]))"],
                           input=json.dumps(texts), capture_output=True, text=True, check=True)
    assert json.loads(stock.stdout) == [checks.grade(t) for t in texts]
