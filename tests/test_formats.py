"""Each format of a fact has one Python function (clinicsite/formats.py) and,
because Zensical's templates cannot call Python, one Jinja macro
(overrides/partials/clinic.html). Rendered on the same facts, they must read
the same, word for word: one test per format."""
import datetime as dt

import jinja2
import markdown
import pytest
from bs4 import BeautifulSoup
from conftest import ROOT

from clinicsite import formats

pytestmark = pytest.mark.generator

ENV = jinja2.Environment(loader=jinja2.FileSystemLoader(str(ROOT / "overrides")))
ENV.filters["url"] = lambda value: "/" + value
MACROS = ENV.get_template("partials/clinic.html").module

HOURS = [
    [{"days": ["Mo", "Tu", "We", "Th", "Fr"], "opens": "09:00", "closes": "18:00"}],
    [{"days": ["Mo", "Tu", "We", "Th"], "opens": "08:30", "closes": "19:30"}, {"days": ["Fr"], "opens": "08:30", "closes": "15:00"}],
    [{"days": ["Tu", "Th"], "opens": "12:00", "closes": "20:45"}, {"days": ["Sa"], "opens": "00:00", "closes": "11:59"}],
]


@pytest.mark.parametrize("hours", HOURS)
def test_opening_hours_read_the_same_in_python_and_jinja(hours):
    clinic = {"hours": hours}
    assert str(MACROS.hours(clinic)) == formats.hours(clinic)


@pytest.mark.parametrize("day", [dt.date(2026, 11, 1), dt.date(2027, 2, 28), dt.date(2030, 12, 31)])
def test_long_dates_read_the_same_in_python_and_jinja(day):
    assert str(MACROS.date_long(day)) == formats.date_long(day)


def test_the_closing_call_to_action_matches_the_cta_component():
    cta = {"heading": "Talk & listen", "text": "Call or write to us.", "button": "Get in touch"}
    config = {"clinic": {"booking_url": "https://book.lakeside-counseling.test/"}, "calls_to_action": {"default": cta}}
    template = ENV.get_template("partials/cta.html").render(
        page={"meta": {}}, config={"extra": {"calls_to_action": {"default": cta}, "clinic": config["clinic"]}})
    component = markdown.Markdown(extensions=["clinicsite.components"],
                                  extension_configs={"clinicsite.components": config}).convert("/// cta\n///\n")

    def shape(html):
        box = BeautifulSoup(html, "html.parser").select_one(".clinic-cta")
        return [(el.name, el.get("class"), el.get("href"), el.get_text(" ", strip=True)) for el in box.find_all(True)]

    assert shape(template) == shape(component)


# ---- what decides a call: each format the home page prints -----------------------

def unescaped(macro_output) -> str:
    """The macro's text as a reader sees it (it escapes `&` and quotes; Python does not)."""
    return BeautifulSoup(str(macro_output), "html.parser").get_text()


FEES = [{"first_session": {"usd": 200, "minutes": 60}, "session": {"usd": 175, "minutes": 50}},
        {"first_session": {"usd": 0, "minutes": 30}, "session": {"usd": 95, "minutes": 45}},
        {"first_session": {"usd": 120, "minutes": 50}, "session": {"usd": 140, "minutes": 50}}]


@pytest.mark.parametrize("fees", FEES)
def test_cost_reads_the_same_in_python_and_jinja(fees):
    clinic = {"fees": fees}
    assert unescaped(MACROS.cost_from(clinic)) == formats.cost_from(clinic)


INSURANCE = [{"in_network": [], "superbill": True}, {"in_network": [], "superbill": False},
             {"in_network": ["Aetna"], "superbill": True}, {"in_network": ["Aetna", "Blue Cross & Blue Shield", "Cigna"], "superbill": False}]


@pytest.mark.parametrize("insurance", INSURANCE)
def test_insurance_line_reads_the_same_in_python_and_jinja(insurance):
    clinic = {"insurance": insurance}
    assert unescaped(MACROS.insurance(clinic)) == formats.insurance(clinic)


@pytest.mark.parametrize("states,in_person", [([], True), (["DC"], True), (["DC", "MD", "VA"], True), (["MD", "NY"], False)])
def test_where_reads_the_same_in_python_and_jinja(states, in_person):
    clinic = {"access": {"video_states": states}, "practice": {"in_person": in_person}}
    assert unescaped(MACROS.where(clinic)) == formats.where(clinic)


@pytest.mark.parametrize("days", [1, 3, 7, 10, 14, 28, 120])
def test_the_wait_reads_the_same_in_python_and_jinja(days):
    clinic = {"access": {"first_appointment_within_days": days}}
    assert unescaped(MACROS.wait(clinic)) == formats.wait(clinic)


@pytest.mark.parametrize("minutes", [0, 15, 30])
def test_the_first_call_reads_the_same_in_python_and_jinja(minutes):
    clinic = {"practice": {"first_call_minutes": minutes}}
    assert unescaped(MACROS.first_call(clinic)) == formats.first_call(clinic)


@pytest.mark.parametrize("booking,endpoint", [("", ""), ("https://book.lakeside-counseling.test/", ""),
                                              ("", "https://formspree.io/f/abc"), ("https://b.test/", "/thanks/")])
def test_the_ways_to_reach_us_read_the_same_in_python_and_jinja(booking, endpoint):
    clinic = {"booking_url": booking, "form": {"provider": "formspree", "endpoint": endpoint}}
    assert unescaped(MACROS.routes(clinic)) == formats.routes(clinic)
    assert ("message" in formats.routes(clinic)) == bool(endpoint)
    assert ("book" in formats.routes(clinic)) == bool(booking)
