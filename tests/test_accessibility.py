"""axe-core, default rule set (best practices included), in a real browser."""
import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = pytest.mark.browser

PAGES = {"home": "", "article": "what-is-ipt/", "404": "404.html"}
WIDTHS = [390, 1280]
SCHEMES = ["light", "dark"]
AXE = Axe()


def describe(violations):
    lines = []
    for v in violations:
        targets = ", ".join(str(n["target"]) for n in v["nodes"][:3])
        lines.append(f"{v['id']} ({v['impact']}): {v['help']} -> {targets}")
    return "\n".join(lines)


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", PAGES)
def test_no_axe_violations(new_page, base_url, name, width, scheme):
    page = new_page(width=width, scheme=scheme)
    page.goto(base_url + PAGES[name], wait_until="networkidle")
    expected = "slate" if scheme == "dark" else "default"
    page.wait_for_selector(f'body[data-md-color-scheme="{expected}"]')
    violations = AXE.run(page).response["violations"]
    assert violations == [], describe(violations)


def test_axe_catches_a_planted_violation(new_page, base_url):
    """Guards the test above: axe must really be running on our pages."""
    page = new_page()
    page.goto(base_url + "what-is-ipt/")
    page.evaluate("document.querySelector('article').insertAdjacentHTML('beforeend', '<img src=\"x.png\">')")
    ids = {v["id"] for v in AXE.run(page).response["violations"]}
    assert "image-alt" in ids
