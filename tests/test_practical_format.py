"""The practical facts are worded once in Python (clinicsite/components/practical.py,
for the `/// practical` component) and once in Jinja (overrides/partials/clinic.html,
for the home page: Zensical cannot call Python from templates). Both are rendered
on the same facts and must say the same thing, word for word."""
import copy

import jinja2
import pytest
from bs4 import BeautifulSoup
from conftest import ROOT

from clinicsite import facts
from clinicsite.components.practical import practical_lines

# Tests of the generator: the launch test's second run skips them.
pytestmark = pytest.mark.generator

CLINIC = facts.load(ROOT / "mkdocs.yml")[0]["extra"]["clinic"]


def variants():
    """The clinic's own facts, and each switch flipped, so every branch is compared."""
    yield "as configured", CLINIC
    for key, value in (("online", False), ("in_person", False), ("evening", True), ("prescribes", True),
                       ("first_call_minutes", 0), ("session_minutes", 45)):
        clinic = copy.deepcopy(CLINIC)
        clinic["practice"][key] = value
        yield f"{key}={value}", clinic


def macro_lines(clinic):
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(ROOT / "overrides"))
    macros = env.get_template("partials/clinic.html").module
    dl = BeautifulSoup(str(macros.practical(clinic, "fees/")), "html.parser").find("dl")
    return [(dt.get_text(strip=True), dd.get_text(" ", strip=True))
            for dt, dd in zip(dl.find_all("dt"), dl.find_all("dd"))]


@pytest.mark.parametrize("name,clinic", list(variants()), ids=[n for n, _ in variants()])
def test_home_page_macro_words_each_fact_like_the_component(name, clinic):
    expected = [(label, f"{words}.") for label, words in practical_lines(clinic)]
    got = macro_lines(clinic)
    assert got[:-1] == expected, name
    assert got[-1][0] == "Fees"
