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
