"""The practical facts are worded once in Python (clinicsite/components/practical.py,
for the `/// practical` component) and once in Jinja (overrides/partials/clinic.html,
for the home page: Zensical cannot call Python from templates). Both are rendered
on the same facts and must say the same thing, word for word, and mark the
same lines as samples."""
import copy

import jinja2
import markdown
import pytest
from bs4 import BeautifulSoup
from conftest import FIXTURE, ROOT

from clinicsite import facts

# Tests of the generator: the launch test's second run skips them.
pytestmark = pytest.mark.generator

CLINIC = facts.load(FIXTURE / "mkdocs.yml")[0]["extra"]["clinic"]


def with_samples(clinic):
    """The fixture clinic with every confirmable fact set to its sample, none confirmed."""
    clinic = copy.deepcopy(clinic)
    clinic["confirmed"] = []
    for name, value in facts.CONFIRMABLE_SAMPLES.items():
        *head, last = name.split(".")
        target = clinic
        for part in head:
            target = target.setdefault(part, {})
        target[last] = copy.deepcopy(value)
    return clinic


SITE_CLINIC = with_samples(CLINIC)


def variants():
    """Two clinics' facts, and each switch flipped, so every branch is compared."""
    yield "fixture", CLINIC
    yield "samples", SITE_CLINIC
    for path, value in (("practice.in_person", False), ("practice.evening", False), ("practice.prescribes", True),
                        ("practice.first_call_minutes", 20), ("access.video_states", ["DC", "MD"]),
                        ("access.first_appointment_within_days", 7), ("access.first_appointment_within_days", 3),
                        ("fees.session.usd", 300), ("insurance.in_network", []), ("insurance.superbill", True)):
        clinic = copy.deepcopy(CLINIC)
        *head, last = path.split(".")
        target = clinic
        for part in head:
            target = target[part]
        target[last] = value
        yield f"{path}={value}", clinic


def rows(html):
    dl = BeautifulSoup(str(html), "html.parser").find("dl")
    return [(dt.get_text(strip=True), dd.get_text(" ", strip=True), bool(dd.select("mark.clinic-sample")))
            for dt, dd in zip(dl.find_all("dt"), dl.find_all("dd"))]


def macro_rows(clinic):
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(ROOT / "overrides"))
    macros = env.get_template("partials/clinic.html").module
    return rows(macros.practical(clinic, "/fees/", facts.sample_facts(clinic)))


def component_rows(clinic):
    html = markdown.Markdown(extensions=["clinicsite.components"],
                             extension_configs={"clinicsite.components": {"clinic": clinic}}).convert("/// practical\n///\n")
    return rows(html)


@pytest.mark.parametrize("name,clinic", list(variants()), ids=[n for n, _ in variants()])
def test_home_page_macro_words_each_fact_like_the_component(name, clinic):
    assert macro_rows(clinic) == component_rows(clinic), name
    assert macro_rows(clinic)[-1][0] == "Fees"


def test_sample_facts_are_marked_and_confirmed_ones_are_not():
    marked = [label for label, _, sample in component_rows(SITE_CLINIC) if sample]
    assert "Cost" in marked and "Insurance" in marked
    confirmed = copy.deepcopy(SITE_CLINIC)
    confirmed["confirmed"] = list(facts.CONFIRMABLE)
    assert not [label for label, _, sample in component_rows(confirmed) if sample]
    assert not [label for label, _, sample in macro_rows(confirmed) if sample]
