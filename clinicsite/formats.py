"""How each clinic fact is written for people: one Python function per format.

Templates cannot call Python under Zensical (it runs no MkDocs plugin), so each
format used by a template also has one Jinja macro in
overrides/partials/clinic.html; tests/test_formats.py renders both on the same
facts and compares them, one test per format.
"""
from __future__ import annotations

import datetime as _dt
from urllib.parse import quote_plus

DAY_NAMES = {"Mo": "Monday", "Tu": "Tuesday", "We": "Wednesday", "Th": "Thursday",
             "Fr": "Friday", "Sa": "Saturday", "Su": "Sunday"}
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]


def date_long(day: _dt.date) -> str:
    """US style: November 26, 2026."""
    return f"{MONTHS[day.month - 1]} {day.day}, {day.year}"


def time12(hhmm: str) -> str:
    hour, minute = (int(x) for x in str(hhmm).split(":"))
    h12 = 12 if hour % 12 == 0 else hour % 12
    return f"{h12}{'' if minute == 0 else f':{minute:02d}'}{'am' if hour < 12 else 'pm'}"


def hours(clinic: dict) -> str:
    parts = []
    for slot in clinic.get("hours") or []:
        days = slot.get("days") or []
        if len(days) > 2:
            span = f"{DAY_NAMES[days[0]]} to {DAY_NAMES[days[-1]]}"
        else:
            span = " and ".join(DAY_NAMES[d] for d in days)
        parts.append(f"{span}, {time12(slot['opens'])} to {time12(slot['closes'])}")
    return "; ".join(parts)


def address_lines(clinic: dict) -> list[str]:
    a = clinic.get("address") or {}
    return [str(a.get("street", "")), f"{a.get('locality', '')}, {a.get('region', '')} {a.get('postal_code', '')}"]


def map_url(clinic: dict) -> str:
    """A plain link to a map search: nothing is embedded or loaded on our pages."""
    return "https://www.openstreetmap.org/search?query=" + quote_plus(", ".join(address_lines(clinic)))


def preset(config: dict) -> dict:
    """The crisis lines of the clinic's region."""
    region = ((config.get("clinic") or {}).get("crisis") or {}).get("region", "US")
    return (config.get("crisis_presets") or {}).get(region) or {}


def crisis_plain(config: dict) -> str:
    """The crisis sentence as plain text, for messages built in the browser."""
    p = preset(config)
    main = (p.get("lines") or [{}])[0]
    ways = []
    if main.get("call"):
        ways.append(f"call {main.get('display') or main['call']}")
    if main.get("text"):
        ways.append(f"text {main['keyword'] + ' to ' if main.get('keyword') else ''}{main['text']}")
    emergency = (p.get("emergency") or {}).get("number", "")
    return f"If you need help now, {' or '.join(ways)}. In an emergency, call {emergency}."
