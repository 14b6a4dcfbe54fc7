"""The clinic facts live in one block of mkdocs.yml, and every page follows them."""
from conftest import build, copy_project, html_pages, soup

from clinicsite import facts


def test_changing_the_phone_in_one_place_changes_every_page(tmp_path):
    config = copy_project(tmp_path)
    text = config.read_text()
    assert text.count("(202) 555-0142") == 1 and text.count('"+12025550142"') == 1
    config.write_text(text.replace("(202) 555-0142", "(202) 555-0199").replace('"+12025550142"', '"+12025550199"'))
    site = tmp_path / "built"
    build(site, config=config)

    pages = html_pages(site)
    assert len(pages) >= 3
    for page in pages:
        doc = soup(page)
        assert doc.find("a", href="tel:+12025550199"), f"{page}: the new number is missing"
        assert "(202) 555-0199" in doc.get_text(), page
    for path in site.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            for old in (b"555-0142", b"5550142"):
                assert old not in data, f"{path} still has the old number"


def test_facts_checks_name_the_line_and_the_fix(tmp_path):
    config = copy_project(tmp_path)
    text = config.read_text().replace('e164: "+12025550142"', 'e164: "202 555 0142"')
    config.write_text(text)
    problems = facts.check(config, mode="preview")
    bad = [p for p in problems if p.rule == "clinic-facts"]
    assert len(bad) == 1
    line = next(i for i, l in enumerate(text.splitlines(), 1) if "202 555 0142" in l)
    assert bad[0].line == line and "international form" in bad[0].message and bad[0].fix
    result = build(tmp_path / "built", config=config, check=False)
    assert result.returncode != 0
    assert f"mkdocs.yml:{line}: clinic-facts:" in result.stdout + result.stderr


def test_fictional_facts_warn_in_preview_and_fail_production(tmp_path):
    config = copy_project(tmp_path)
    preview = build(tmp_path / "preview", config=config, mode="preview", check=False)
    assert preview.returncode == 0
    production = build(tmp_path / "production", config=config, mode="production", check=False)
    assert production.returncode != 0
    output = production.stdout + production.stderr
    assert "fictional-fact: '(202) 555-0142' is a fictional placeholder" in output
    assert "hello@example.org" in output
