"""The article contract and its checks, on the generator's fixture project:
every broken article in tests/articles/broken/ is reported with the right
rule, file and line by the fast checks (each rule is proved there); one build
proves the checks run inside `mkdocs build` and stop it; a valid article
produces no message at all."""
import datetime as dt
import re
import shutil
from pathlib import Path

import pytest
from conftest import SITE, build, copy_fixture, soup

from clinicsite import checks, rules, scaffold

# Tests of the generator: the launch test's second run, on another clinic's copy, skips them.
pytestmark = pytest.mark.generator

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
    "wrong-template": ("template", 4, "preview"),
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
    "unclosed-quote": ("front-matter", 2, "preview"),
    "unclosed-block": ("block-fence", 23, "preview"),
    "stray-block-fence": ("block-fence", 27, "preview"),
    "html-image-without-alt": ("image-alt", 21, "preview"),
    "promise-of-speed": ("wording", 13, "preview"),
    "duplicate-title": ("duplicate-title", 2, "preview"),
    "british-spelling": ("us-spelling", 13, "preview"),
    "two-footnote-markers": ("footnotes", 13, "preview"),
    "raw-html": ("raw-html", 13, "preview"),
    "markup-title": ("title", 2, "preview"),
    "not-utf8": ("file-encoding", 13, "preview"),
    "misspelling": ("spelling", 13, "production"),
    "curly-title": ("typography", 2, "preview"),
    "review-pending": ("review-pending", 5, "production"),
}
# Cases proven through the checks alone: the build runs the same checks, and
# the cases above already prove that any error they report fails the build.
CHECKED_ONLY = {"unclosed-quote", "unclosed-block", "stray-block-fence", "html-image-without-alt",
                "promise-of-speed", "duplicate-title"}


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """A copy of the generator's fixture project, whose facts are its own and
    launch-ready, so a production build passes unless the article breaks it."""
    root = tmp_path_factory.mktemp("project")
    copy_fixture(root)
    return root


def add_article(project, source: Path) -> Path:
    target = project / NAME
    shutil.copy(source, target)
    return target


@pytest.fixture
def article(project):
    """Put an article into the project, listed in its menu as staff would; undo afterwards."""
    created, config = [], project / "mkdocs.yml"
    before = config.read_text()

    def put(source):
        created.append(add_article(project, source))
        if f"- {Path(NAME).name}" not in config.read_text():
            config.write_text(before.rstrip("\n") + f"\n  - {Path(NAME).name}\n")
        return created[-1]

    yield put
    for path in created:
        path.unlink(missing_ok=True)
    config.write_text(before)


def test_the_corpus_covers_every_rule_that_an_article_can_break():
    assert len(BROKEN) >= 15
    assert {p.stem for p in (HERE / "broken").glob("*.md")} == set(BROKEN)
    # Rules about files rather than an article's text: tests/test_hostile_input.py;
    # about the built page (output-html) and mkdocs.yml (redirect): tests/test_allowlists.py.
    site_rules = {"file-link", "stray-file", "author", "file-size", "unlisted-page", "output-html"}
    page_rules = set(rules.RULES) - {"clinic-facts", "crisis-verified", "nav", "sample-fact", "form-endpoint", "redirect", "settings"} - site_rules
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
def test_a_broken_article_is_reported_on_its_line(project, article, case):
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


@pytest.mark.parametrize("case", ["banned-phrase", "placeholder"])
def test_a_broken_article_stops_the_build_and_its_error_comes_last(project, article, case, tmp_path):
    """The same checks run inside `mkdocs build`: the error stops it, leaves no
    site folder, and is repeated at the end of the output, after every warning."""
    rule, line, mode = BROKEN[case]
    article(HERE / "broken" / f"{case}.md")
    site = tmp_path / "site"
    result = build(site, config=project / "mkdocs.yml", mode=mode, today=str(TODAY), check=False)
    output = (result.stdout + result.stderr).rstrip()
    assert result.returncode != 0 and "Traceback" not in output
    lines = output.splitlines()  # each problem once, in the list at the end, then what to do next
    assert [x.strip() for x in lines if x.strip().startswith(f"{NAME}:{line}: {rule}:")] and lines[-1].startswith(
        "What to do next:"), output[-800:]
    assert sum(x.strip().startswith(f"{NAME}:{line}: {rule}:") for x in lines) == 1, output[-800:]
    assert not site.exists()


def test_an_unclosed_quote_is_named_on_the_title_line_with_what_to_do(project, article):
    article(HERE / "broken" / "unclosed-quote.md")
    _, problems = checks.run(project / "mkdocs.yml", mode="preview", today=TODAY)
    (problem,) = [p for p in problems if p.file == NAME]
    assert problem.line == 2 and "quote" in problem.message and "title" in problem.message
    assert "put a \" at the end" in problem.fix


def test_the_colon_that_confuses_yaml_gets_the_quoted_line_to_write(project, article):
    article(HERE / "broken" / "malformed-yaml.md")
    _, problems = checks.run(project / "mkdocs.yml", mode="preview", today=TODAY)
    (problem,) = [p for p in problems if p.file == NAME]
    assert "colon" in problem.message
    assert problem.fix == 'write the line as: title: "Partners: how can they help?"'


@pytest.mark.parametrize("phrase", ["You will feel better in two weeks.", "Most men feel better within a month.",
                                    "You will quickly feel better.", "Within a month, you will feel like yourself again.",
                                    "Many men recover in 12 weeks.", "You can see results in just 3 sessions."])
def test_promises_of_speed_are_ruled_out(project, article, tmp_path, phrase):
    page = tmp_path / "speed.md"
    page.write_text((HERE / "valid.md").read_text().replace("Try not to judge or rush him.", phrase))
    article(page)
    _, problems = checks.run(project / "mkdocs.yml", mode="preview", today=TODAY)
    assert [(p.line, p.rule) for p in problems if p.file == NAME] == [(13, "wording")]


@pytest.mark.parametrize("phrase", ["We reply within one working day.", "Most people have 12 to 16 weekly sessions.",
                                    "If things get worse quickly, call 988.", "IPT cannot promise you will feel better in two weeks."])
def test_plain_words_about_time_are_allowed(project, article, tmp_path, phrase):
    page = tmp_path / "time.md"
    page.write_text((HERE / "valid.md").read_text().replace("Try not to judge or rush him.", phrase))
    article(page)
    _, problems = checks.run(project / "mkdocs.yml", mode="preview", today=TODAY)
    assert [p for p in problems if p.file == NAME] == []


def test_nested_boxes_of_the_same_size_are_not_a_fence_problem(project, article, tmp_path):
    page = tmp_path / "nested.md"
    page.write_text((HERE / "valid.md").read_text() + "\n/// details | Outer\n\n/// note | Inner\nText.\n///\n\nMore.\n///\n")
    article(page)
    _, problems = checks.run(project / "mkdocs.yml", mode="preview", today=TODAY)
    assert [p for p in problems if p.file == NAME] == []


def test_a_menu_entry_without_its_file_is_reported_on_its_line_in_mkdocs_yml(project):
    config = project / "mkdocs.yml"
    before = config.read_text()
    config.write_text(scaffold.insert_nav(before, "About us", "sleep.md"))
    try:
        _, problems = checks.run(config, mode="preview", today=TODAY)
        errors = [p for p in problems if p.severity == "error"]
        line = config.read_text().splitlines().index("      - sleep.md") + 1
        assert [(p.file, p.line, p.rule) for p in errors] == [("mkdocs.yml", line, "nav")], errors
        assert "docs/sleep.md" in errors[0].message and "extra: redirects:" in errors[0].fix
    finally:
        config.write_text(before)


def test_suggestions_come_from_real_files_and_real_headings(project, article, tmp_path):
    page = tmp_path / "links.md"
    page.write_text((HERE / "valid.md").read_text().replace(
        "[what IPT is](what-is-ipt.md)", "[what IPT is](what-is-ipy.md) and [sleep](sleep-tips.md)").replace(
        "what-is-ipt.md#how-long-does-it-take", "about.md#how-long-does-it-take"))
    article(page)
    ctx, problems = checks.run(project / "mkdocs.yml", mode="preview", today=TODAY)
    fixes = {p.message: p.fix for p in problems if p.file == NAME}
    assert fixes["the link to `what-is-ipy.md` leads nowhere"] == "did you mean `what-is-ipt.md`?"
    sleep = fixes["the link to `sleep-tips.md` leads nowhere"]
    assert sleep.startswith("no page has a close name") and "about.md" not in sleep.split(";")[0]
    anchor = fixes["`docs/about.md` has no section `#how-long-does-it-take`"]
    about_sections = ctx.anchors_for(ctx.sources["about.md"])
    listed = re.findall(r"`#([\w-]+)`", anchor)
    assert anchor.startswith("no section has a close name") and listed and set(listed) <= about_sections


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
    ctx, problems = checks.run(SITE / "mkdocs.yml", mode="preview", today=TODAY)
    assert [p for p in problems if p.severity == "error"] == []
    grades = checks.grade_table(ctx)
    assert all(g is None or g <= 8 for _, g in grades), grades


def test_edit_link_shows_in_preview_and_never_in_production(project, article, tmp_path):
    article(HERE / "valid.md")
    build(tmp_path / "preview", config=project / "mkdocs.yml", mode="preview", check=True)
    build(tmp_path / "production", config=project / "mkdocs.yml", mode="production", check=True)
    preview = soup(tmp_path / "preview" / "partners" / "index.html")
    link = preview.find("a", string="Edit this page")
    edit_base = checks.facts.load(project / "mkdocs.yml")[0]["extra"]["edit_base_url"]
    assert link["href"] == edit_base + "partners.md"
    for page in (tmp_path / "production").rglob("*.html"):
        assert "Edit this page" not in page.read_text(), page
    review = preview.select_one(".clinic-review").get_text(" ", strip=True)
    assert "Page last reviewed: November 1, 2026" in review and "Next review due: November 1, 2027" in review


def test_scaffolded_article_passes_every_check_and_joins_the_navigation(project, tmp_path):
    before = (project / "mkdocs.yml").read_text()
    path = scaffold.create(project, "How can partners help?",
                           "What partners and family can do to support a man who is getting help for depression.",
                           "About us", today=TODAY)
    try:
        after = (project / "mkdocs.yml").read_text()
        added = [line for line in after.splitlines() if line not in before.splitlines()]
        assert [line.strip() for line in added] == ["- how-can-partners-help.md"]
        assert after.replace(added[0] + "\n", "") == before  # comments and anchors intact
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


def test_the_fast_check_command_covers_the_site():
    import subprocess
    import sys

    result = subprocess.run([sys.executable, str(SITE / "scripts" / "check.py") if (SITE / "scripts").is_dir()
                             else str(Path(__file__).parent.parent / "scripts" / "check.py"),
                             "--config", str(SITE / "mkdocs.yml")], capture_output=True, text=True, cwd=SITE)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "docs/what-is-ipt.md" in result.stdout and "Reading grade" in result.stdout


def test_the_fast_dictionary_gives_textstats_own_grades():
    """clinicsite/readability.py loads the pronouncing dictionary its own way;
    the grades must be exactly those of textstat with its own loader."""
    import json
    import subprocess
    import sys

    ctx = checks.context(SITE / "mkdocs.yml")
    texts = [" ".join(t for _, t in checks.reading_pieces(src)) for src in ctx.sources.values()]
    texts = [t for t in texts if len(t.split()) > 30]
    stock = subprocess.run([sys.executable, "-c", "import json, sys, textstat; "
                            "print(json.dumps([textstat.flesch_kincaid_grade(t) for t in json.load(sys.stdin)]))"],
                           input=json.dumps(texts), capture_output=True, text=True, check=True)
    assert json.loads(stock.stdout) == [checks.grade(t) for t in texts]
