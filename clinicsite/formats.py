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


# ---- what decides a call: fees, insurance, access -------------------------------
# Each function words one fact for people; overrides/partials/clinic.html has a
# macro of the same name for the ones templates use (tests/test_formats.py).

STATE_NAMES = {
    "AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California", "CO": "Colorado",
    "CT": "Connecticut", "DE": "Delaware", "DC": "DC", "FL": "Florida", "GA": "Georgia", "HI": "Hawaii",
    "ID": "Idaho", "IL": "Illinois", "IN": "Indiana", "IA": "Iowa", "KS": "Kansas", "KY": "Kentucky",
    "LA": "Louisiana", "ME": "Maine", "MD": "Maryland", "MA": "Massachusetts", "MI": "Michigan",
    "MN": "Minnesota", "MS": "Mississippi", "MO": "Missouri", "MT": "Montana", "NE": "Nebraska", "NV": "Nevada",
    "NH": "New Hampshire", "NJ": "New Jersey", "NM": "New Mexico", "NY": "New York", "NC": "North Carolina",
    "ND": "North Dakota", "OH": "Ohio", "OK": "Oklahoma", "OR": "Oregon", "PA": "Pennsylvania",
    "RI": "Rhode Island", "SC": "South Carolina", "SD": "South Dakota", "TN": "Tennessee", "TX": "Texas",
    "UT": "Utah", "VT": "Vermont", "VA": "Virginia", "WA": "Washington State", "WV": "West Virginia",
    "WI": "Wisconsin", "WY": "Wyoming", "PR": "Puerto Rico", "GU": "Guam", "VI": "the US Virgin Islands",
    "AS": "American Samoa", "MP": "the Northern Mariana Islands",
}


def join(items, word: str = "and") -> str:
    """'A', 'A and B', 'A, B and C'."""
    items = [str(i) for i in items]
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} {word} {items[-1]}"


def usd(amount) -> str:
    """'$175' (fees are whole dollars under $1,000: no separator to twin in Jinja)."""
    return f"${int(amount)}"


def fee(clinic: dict, which: str) -> str:
    """'$175 for 50 minutes' (which: first_session or session)."""
    f = (clinic.get("fees") or {}).get(which) or {}
    return f"{usd(f.get('usd', 0))} for {f.get('minutes', '')} minutes"


def session_minutes(clinic: dict):
    """How long a usual session lasts: the later sessions' length in the fees."""
    return ((clinic.get("fees") or {}).get("session") or {}).get("minutes")


def cost_from(clinic: dict) -> str:
    """'From $175 a session': the lower of the two fees."""
    fees = clinic.get("fees") or {}
    lowest = min(int((fees.get(k) or {}).get("usd", 0)) for k in ("first_session", "session"))
    return f"From {usd(lowest)} a session"


def states(codes, word: str = "or") -> str:
    return join([STATE_NAMES.get(c, c) for c in codes or []], word)


def where(clinic: dict) -> str:
    """In person, and by video in which states (the states decide: a therapist
    may see you only where they hold a license, wherever you are)."""
    codes = (clinic.get("access") or {}).get("video_states") or []
    in_person = (clinic.get("practice") or {}).get("in_person")
    online = f"by video if you are in {states(codes)} at the time of the session" if codes else ""
    if in_person and online:
        return f"In person at our office, or {online}"
    if in_person:
        return "In person at our office. We do not offer video sessions"
    return online[0].upper() + online[1:] if online else ""


def wait(clinic: dict) -> str:
    """'Usually within 2 weeks' (whole weeks are said in weeks)."""
    days = int((clinic.get("access") or {}).get("first_appointment_within_days") or 0)
    if days % 7 == 0:
        n, unit = days // 7, "week"
    else:
        n, unit = days, "day"
    return f"Usually within {n} {unit}{'' if n == 1 else 's'}"


def insurance(clinic: dict) -> str:
    """In-network plans (or none) and the superbill, in one line."""
    ins = clinic.get("insurance") or {}
    plans = ins.get("in_network") or []
    if plans:
        line = f"In network with {join(plans)}."
        if ins.get("superbill"):
            line += " For other plans, we give you a superbill to claim from your insurer."
    else:
        line = "We are not in any insurance network."
        if ins.get("superbill"):
            line += " We give you a superbill to claim from your insurer."
    return line


PROGRAMS = (("medicare", "Medicare"), ("tricare", "TRICARE"), ("va_community_care", "VA Community Care"))


def programs(clinic: dict) -> str:
    """Medicare, TRICARE and VA Community Care: which we take, which we do not."""
    ins = clinic.get("insurance") or {}
    yes = [name for key, name in PROGRAMS if ins.get(key)]
    no = [name for key, name in PROGRAMS if not ins.get(key)]
    parts = []
    if yes:
        parts.append(f"We take {join(yes)}.")
    if no:
        parts.append(f"We do not take {join(no, 'or')}.")
    return " ".join(parts)


def sliding_scale(clinic: dict) -> str:
    s = (clinic.get("fees") or {}).get("sliding_scale") or {}
    if not s.get("offered"):
        return "We do not offer a sliding scale."
    return "Yes, we offer a sliding scale." + (f" {s['note']}" if s.get("note") else "")


def cancellation(clinic: dict) -> str:
    c = (clinic.get("fees") or {}).get("cancellation") or {}
    hours_ahead, charge = int(c.get("notice_hours") or 0), int(c.get("fee_usd") or 0)
    if not hours_ahead or not charge:
        return "There is no fee if you cancel or miss a session, but please let us know as soon as you can."
    return (f"Please tell us at least {hours_ahead} hours ahead if you need to cancel. "
            f"If you cancel later, or miss a session, the fee is {usd(charge)}.")


def payment(clinic: dict) -> str:
    ways = (clinic.get("fees") or {}).get("payment") or []
    return f"Ways to pay: {', '.join(map(str, ways))}."


def referral(clinic: dict) -> str:
    if (clinic.get("access") or {}).get("referral_needed"):
        return ("Yes. We need a referral from a doctor before your first session. "
                "You can call us and ask questions without one.")
    return "No. You do not need a referral from a doctor to see us."


def languages(clinic: dict) -> str:
    return f"Sessions are in {join((clinic.get('access') or {}).get('languages') or [], 'or')}."


def first_call(clinic: dict) -> str:
    minutes = (clinic.get("practice") or {}).get("first_call_minutes")
    return f"A free {minutes}-minute phone call, with no obligation" if minutes else ""


def routes(clinic: dict) -> str:
    """The ways to reach the clinic that the facts provide, and no other:
    'You can call us or email us', then 'book online' with a booking link and
    'send us a short message' with a form endpoint."""
    ways = ["call us", "email us"]
    if str(clinic.get("booking_url") or "").startswith("https://"):
        ways.append("book online")
    if (clinic.get("form") or {}).get("endpoint"):
        ways.append("send us a short message")
    return f"You can {join(ways, 'or')}."


def superbill(clinic: dict) -> str:
    if (clinic.get("insurance") or {}).get("superbill"):
        return ("We give you a superbill, which is a detailed receipt with the codes your insurer needs. "
                "You send it to your insurer, and your plan may then pay you back part of the cost. "
                "We cannot tell you how much your plan will pay, so ask your insurer.")
    return "We do not give superbills for plans we are not in. Ask your insurer what it needs from you to pay you back."


def psypact(clinic: dict) -> str:
    if (clinic.get("access") or {}).get("psypact"):
        return ("Our psychologists hold PSYPACT authority, so they may also see you by video in other states "
                "that have joined PSYPACT. Ask us before you book.")
    return "We do not offer video sessions under PSYPACT."


def male_clinician(clinic: dict) -> str:
    if (clinic.get("access") or {}).get("male_clinician_on_request"):
        return "You can ask to see a male clinician."
    return ""


def license_line(member: dict) -> str:
    """'Licensed psychologist, number PSY1234, in DC and Maryland'."""
    lic = member.get("license") or {}
    return f"{lic.get('type', '')}, number {lic.get('number', '')}, in {states(lic.get('states') or [], 'and')}"
