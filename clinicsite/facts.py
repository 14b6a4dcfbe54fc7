"""The clinic facts (`extra: clinic:` and the other site facts of mkdocs.yml):
one declared schema, the sample values the project ships with, and the check
that reports every problem as `mkdocs.yml:LINE: rule: message (fix: ...)`.

Templates and components read these facts; the plugin validates them before
any page is rendered, so they only ever see facts that passed this schema.
Every value is hostile input: texts are bounded and free of markup, URLs are
https (or site-relative) with a plain host, nothing is interpolated raw.
"""
from __future__ import annotations

import datetime as _dt
import difflib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable
from urllib.parse import urlsplit

from . import config as _config
from . import modes, rules
from .formats import STATE_NAMES
from .problems import Problem

# Numbers 555-0100..0199 are reserved for fiction in North America; example.org
# is reserved for examples. Either means "not the clinic's real details yet".
FICTIONAL_PHONE = re.compile(r"555-?01\d\d")
FICTIONAL_DOMAIN = re.compile(r"\bexample\.(org|com|net)\b")
E164 = re.compile(r"^\+[1-9]\d{6,14}$")
DAYS = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")
HHMM = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
EMAIL = re.compile(r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")
HOST = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?(?::\d{1,5})?$")
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
DIGITS = re.compile(r"^\d{2,15}$")
LOOPBACK = ("127.0.0.1", "localhost", "::1")  # http allowed here outside production: the tests' servers

# ---- the values the project ships with ---------------------------------------
# A production build fails on any fact still equal to one of these. FICTIONAL
# ones can never be real (555-01xx, example.org, the sample clinician); the
# others may happen to be the clinic's real answer, so the clinic confirms them
# by listing their names under `extra: clinic: confirmed:`.
FICTIONAL_SAMPLES = {
    "site_url": "https://www.example.org/",
    "extra.edit_base_url": "https://github.com/example-clinic/website/edit/main/docs/",
    "extra.clinic.phone.display": "(202) 555-0142",
    "extra.clinic.phone.e164": "+12025550142",
    "extra.clinic.email": "hello@example.org",
    "extra.clinic.address.street": "100 Example Avenue NW, Suite 300",
}
SAMPLE_TEAM = {"id": "dr-sam-rivera", "name": "Dr. Sam Rivera"}
CONFIRMABLE_SAMPLES = {
    "name": "The Advanced Treatment Center for Men's Depression",
    "short_name": "Men's Depression Center",
    "address": {"locality": "Washington", "region": "DC", "postal_code": "20001", "country": "US"},
    "hours": [{"days": ["Mo", "Tu", "We", "Th", "Fr"], "opens": "09:00", "closes": "18:00"}],
    "reply_within": "one working day",
    "booking_url": "",
    "form": {"provider": "formspree", "endpoint": ""},
    # (`evening` is not a sample of its own: it must match the hours, see validate)
    "practice": {"in_person": True,
                 "prescribes": False, "first_call_minutes": 15},
    "crisis": {"region": "US"},
    # What decides a call: each may be the clinic's real answer, so each is confirmable on its own.
    "fees.first_session": {"usd": 200, "minutes": 60},
    "fees.session": {"usd": 175, "minutes": 50},
    "fees.sliding_scale": {"offered": True, "note": "For people on a low income: ask when you call."},
    "fees.cancellation": {"notice_hours": 24, "fee_usd": 75},
    "fees.payment": ["credit or debit card", "HSA or FSA card"],
    "insurance.in_network": [],
    "insurance.superbill": True,
    "insurance.medicare": False,
    "insurance.tricare": False,
    "insurance.va_community_care": False,
    "access.video_states": ["DC", "MD", "VA"],
    "access.psypact": False,
    "access.referral_needed": False,
    "access.first_appointment_within_days": 14,
    "access.languages": ["English"],
    "access.male_clinician_on_request": True,
}


# ---- the schema ----------------------------------------------------------------

@dataclass
class Issue:
    key: str  # dotted path, e.g. extra.clinic.phone.e164
    message: str
    fix: str


Check = Callable[[str, Any, dict], list[Issue]]


def _kind(value) -> str:
    return {dict: "a mapping (name: value lines)", list: "a list", bool: "yes/no", int: "a number",
            float: "a number", str: "text", type(None): "empty"}.get(type(value), type(value).__name__)


def text(lo=1, hi=120, markup_ok=False, optional=False) -> Check:
    def check(key, value, ctx):
        if value in (None, "") and optional:
            return []
        if not isinstance(value, str) or isinstance(value, bool):
            return [Issue(key, f"`{key.rsplit('.', 1)[-1]}` should be text, not {_kind(value)}",
                          "write it as one line of text, in quotes if it has a colon")]
        if not lo <= len(value.strip()) <= hi:
            return [Issue(key, f"`{key.rsplit('.', 1)[-1]}` has {len(value.strip())} characters",
                          f"write {lo} to {hi} characters")]
        if not markup_ok and re.search(r"[<>\x00-\x08\x0b-\x1f]", value):
            return [Issue(key, f"{value!r} contains `<`, `>` or a control character",
                          "write plain words: facts are shown as text, never as markup")]
        return []
    return check


def pattern(regex: re.Pattern, example: str, what: str, repair: Callable[[Any], str | None] = lambda v: None) -> Check:
    """`repair`: the value the writer meant, when it can be told ('202 555 0142' -> '+12025550142')."""
    def check(key, value, ctx):
        if not isinstance(value, str) or not regex.match(value):
            meant = repair(value)
            return [Issue(key, f"{value!r} is not {what}",
                          f'write it as "{meant}", in quotes' if meant and regex.match(meant)
                          else f"change {value!r} to {what}, written like {example}")]
        return []
    return check


def as_international(value) -> str | None:
    """A US number as the phone number in international form: +1 and 10 digits."""
    digits = re.sub(r"\D", "", str(value))
    if len(digits) == 10:
        return "+1" + digits
    if len(digits) == 11 and digits.startswith("1"):
        return "+" + digits
    return None


def number(lo: int, hi: int) -> Check:
    def check(key, value, ctx):
        if isinstance(value, bool) or not isinstance(value, int) or not lo <= value <= hi:
            digits = re.sub(r"\D", "", str(value)) if not isinstance(value, bool) else ""
            meant = int(digits) if digits and lo <= int(digits) <= hi else None
            return [Issue(key, f"`{key.rsplit('.', 1)[-1]}` should be a whole number from {lo} to {hi}, not {value!r}",
                          f"write it as {meant}, without quotes" if meant is not None
                          else f"change {value!r} to a number from {lo} to {hi}, without quotes")]
        return []
    return check


def flag(key, value, ctx):
    if not isinstance(value, bool):
        meant = {"yes": "true", "y": "true", "on": "true", "true": "true",
                 "no": "false", "n": "false", "off": "false", "false": "false"}.get(str(value).strip().lower())
        return [Issue(key, f"`{key.rsplit('.', 1)[-1]}` should be true or false, not {value!r}",
                      f"write it as {meant}, without quotes" if meant
                      else f"change {value!r} to true or false, without quotes")]
    return []


def choice(options: Callable[[dict], list] | list) -> Check:
    def check(key, value, ctx):
        allowed = options(ctx) if callable(options) else options
        if value not in allowed:
            return [Issue(key, f"{value!r} is not one of {', '.join(map(str, allowed))}",
                          f"use one of: {', '.join(map(str, allowed))}")]
        return []
    return check


def url(optional=False, site_relative=False) -> Check:
    """https with a plain host (loopback http is allowed outside production, for tests)."""
    def check(key, value, ctx):
        if value in (None, "") and optional:
            return []
        if not isinstance(value, str):
            return [Issue(key, f"`{key.rsplit('.', 1)[-1]}` should be an address (text), not {_kind(value)}",
                          "write the full address, e.g. https://example.com/page")]
        fix = "write the full https:// address" + (", or a path on this site starting with /" if site_relative else "")
        if re.search(r"[\s\"'<>\\`;]", value) or len(value) > 2000:
            return [Issue(key, f"{value!r} has spaces, quotes, `;` or other characters an address never has", fix)]
        if site_relative and value.startswith("/") and not value.startswith("//"):
            return []
        parts = urlsplit(value)
        local = parts.scheme == "http" and (parts.hostname or "") in LOOPBACK \
            and ctx.get("mode") != "production"
        if parts.scheme != "https" and not local:
            return [Issue(key, f"{value!r} is not an https:// address", fix)]
        if not HOST.match(parts.netloc) or "@" in parts.netloc:
            return [Issue(key, f"the host of {value!r} is not a plain host name", fix)]
        return []
    return check


def mapping(fields: dict[str, Check], required=(), open_=False) -> Check:
    def check(key, value, ctx):
        if not isinstance(value, dict):
            return [Issue(key, f"`{key.rsplit('.', 1)[-1]}` should be {_kind({})}, not {_kind(value)}",
                          f"write it as indented lines: {', '.join(f'`{f}:`' for f in fields)}")]
        out = []
        for name in required:
            if value.get(name) in (None, "", [], {}):
                out.append(Issue(f"{key}.{name}" if name in value else key,
                                 f"`{key.rsplit('.', 1)[-1]}` has no `{name}`", f"add `{name}:` under it"))
        for name, item in value.items():
            if name not in fields:
                if not open_:
                    close = difflib.get_close_matches(str(name), list(fields), n=1)
                    out.append(Issue(f"{key}.{name}", f"`{name}` is not a fact the site knows",
                                     f"did you mean `{close[0]}`?" if close else f"use: {', '.join(fields)}"))
                continue
            if item in (None, "", [], {}) and name in required:
                continue
            out += fields[name](f"{key}.{name}", item, ctx)
        return out
    return check


def listing(item: Check, lo=0, hi=50) -> Check:
    def check(key, value, ctx):
        if not isinstance(value, list):
            return [Issue(key, f"`{key.rsplit('.', 1)[-1]}` should be a list, not {_kind(value)}",
                          "write each entry on its own line starting with `- `")]
        if not lo <= len(value) <= hi:
            return [Issue(key, f"`{key.rsplit('.', 1)[-1]}` has {len(value)} entries", f"give {lo} to {hi}")]
        return [issue for i, v in enumerate(value) for issue in item(f"{key}.{i}", v, ctx)]
    return check


CLOCK = re.compile(r"^\s*(\d{1,2})(?:[:.h]?(\d{2}))?\s*(a\.?m\.?|p\.?m\.?|noon)?\s*$", re.I)


def as_24_hour(value) -> str | None:
    """The 24-hour time a writer meant: '7pm' -> '19:00', '9.30' -> '09:30', and
    an unquoted 19:00, which YAML reads as the number 1140 (minutes), -> '19:00'."""
    if isinstance(value, int) and not isinstance(value, bool):
        hours, minutes = divmod(value, 60)
        return f"{hours:02d}:{minutes:02d}" if 0 <= hours < 24 else None
    m = CLOCK.match(str(value))
    if not m:
        return None
    hours, minutes, suffix = int(m.group(1)), int(m.group(2) or 0), (m.group(3) or "").lower()
    if suffix.startswith("p") and hours < 12:
        hours += 12
    elif suffix.startswith("a") and hours == 12:
        hours = 0
    return f"{hours:02d}:{minutes:02d}" if hours < 24 and minutes < 60 else None


def time24(key, value, ctx):
    if isinstance(value, str) and HHMM.match(value):
        return []
    meant = as_24_hour(value)
    if isinstance(value, int) and not isinstance(value, bool) and meant:
        return [Issue(key, f"the time {meant} has no quotes around it, so it was read as the number {value}",
                      f'write it as "{meant}", in quotes')]
    if meant:
        return [Issue(key, f"{value!r} is not a 24-hour time", f'write it as "{meant}", in quotes')]
    return [Issue(key, f"{value!r} is not a 24-hour time",
                  'write the time as two digits, a colon and two digits, in quotes: "09:00" for 9am, "17:30" for 5:30pm')]


def _hours_slot(key, value, ctx):
    out = mapping({"days": listing(choice(list(DAYS)), 1, 7), "opens": time24, "closes": time24},
                  required=("days", "opens", "closes"))(key, value, ctx)
    if not out and value["opens"] >= value["closes"]:
        later = as_24_hour(value["closes"] + "pm")  # "07:00" for 7pm is the usual slip
        out.append(Issue(f"{key}.closes", f"closes {value['closes']} is not after opens {value['opens']}",
                         f'write it as "{later}" if you meant {value["closes"]} in the evening (24-hour times)'
                         if later and later > value["opens"] else
                         f"write a closing time after {value['opens']}, as a 24-hour time in quotes"))
    return out


EVENING = "18:00"  # "some evening appointments": the hours go past 6pm on some day


def evening_from_hours(hours) -> bool:
    return any(isinstance(s, dict) and isinstance(s.get("closes"), str) and s["closes"] > EVENING
               for s in hours or [])


def _phone(key, value, ctx):
    out = mapping({"display": text(7, 30), "e164": pattern(E164, '"+12025550123"', "the phone number in international form",
                                                         as_international)},
                  required=("display", "e164"))(key, value, ctx)
    if not out and re.sub(r"\D", "", value["display"]) not in value["e164"]:
        meant = as_international(value["display"])
        out.append(Issue(f"{key}.display", f"the phone number as people read it ({value['display']!r}) and in "
                                           f"international form ({value['e164']!r}) are different numbers",
                         f'if {value["display"]!r} is right, write `e164: "{meant}"`' if meant
                         else "make both lines the same number"))
    return out


def _form(key, value, ctx):
    out = mapping({"provider": choice(["formspree", "netlify", "generic"]),
                   "endpoint": url(optional=True, site_relative=True)}, required=("provider",))(key, value, ctx)
    endpoint = value.get("endpoint") if isinstance(value, dict) else ""
    if not out and endpoint and endpoint.startswith("/") and value.get("provider") != "netlify":
        out.append(Issue(f"{key}.endpoint", f"a path on this site ({endpoint}) works only with the netlify provider",
                         "give the provider's full https:// address, or set `provider: netlify`"))
    return out


def state_code(key, value, ctx):
    if not isinstance(value, str) or value not in STATE_NAMES:
        return [Issue(key, f"{value!r} is not a US state's two-letter code",
                      "write the state's postal code in capitals, such as DC, MD or VA")]
    return []


def _unique(item: Check, lo=0, hi=60) -> Check:
    """A list without repeats (a state or language named twice is a typo)."""
    def check(key, value, ctx):
        out = listing(item, lo, hi)(key, value, ctx)
        if not out and len(set(map(str, value))) != len(value):
            out.append(Issue(key, f"`{key.rsplit('.', 1)[-1]}` names the same entry twice", "write each entry once"))
        return out
    return check


LICENSE_NUMBER = re.compile(r"^[A-Za-z0-9][A-Za-z0-9-]{0,29}$")
LANGUAGES = _unique(text(2, 30), 1, 10)
PHOTO = re.compile(r"^(?!/)(?!.*\.\.)[\w./-]+\.(?:jpe?g|png|webp|avif|svg)$", re.I)


def _member(key, value, ctx):
    out = mapping({"id": pattern(SLUG, "dr-jane-doe", "an id of lower-case words joined by dashes"),
                   "name": text(2, 80), "credentials": text(2, 120, optional=True), "fictional": flag,
                   # A photo in docs/ (e.g. images/team/jane-doe.jpg) with its alt text, or `none`.
                   "photo": lambda k, v, c: [] if v == "none" else pattern(PHOTO, "images/team/jane-doe.jpg",
                                                                          "a picture file in docs/, or none")(k, v, c),
                   "photo_alt": text(3, 200),
                   "license": mapping({"type": text(2, 80), "number": pattern(LICENSE_NUMBER, "PSY1234",
                                                                             "a license number: letters, digits and dashes"),
                                       "states": _unique(state_code, 1, 60)}, required=("type", "number", "states")),
                   "languages": LANGUAGES,
                   # In the clinician's own words: a few plain sentences, shown as written (never as markup).
                   "intro": text(40, 600)}, required=("id", "name"))(key, value, ctx)
    photo = value.get("photo") if isinstance(value, dict) else None
    if not out and photo and photo != "none":
        if not value.get("photo_alt"):
            out.append(Issue(f"{key}.photo", "the photo has no `photo_alt`", "add `photo_alt:` saying what the photo shows"))
        elif ctx.get("docs") and not (Path(ctx["docs"]) / photo).is_file():
            out.append(Issue(f"{key}.photo", f"there is no file docs/{photo}", "add the picture to docs/, or fix the path"))
    return out


FEE = mapping({"usd": number(0, 999), "minutes": number(15, 180)}, required=("usd", "minutes"))
# A group name (fees, insurance, access) in `confirmed:` confirms every fact of the group.
CONFIRMABLE = list(CONFIRMABLE_SAMPLES) + ["fees", "insurance", "access"]
# How each confirmable fact is named to staff.
FACT_NAMES = {"name": "name", "short_name": "short name", "address": "town, state, ZIP code and country",
              "hours": "opening hours", "reply_within": "reply time", "booking_url": "booking link (or none)",
              "form": "form provider and endpoint (or none)", "practice": "session length and ways of working",
              "crisis": "crisis-line region",
              "fees.first_session": "fee and length of the first session",
              "fees.session": "fee and length of each later session",
              "fees.sliding_scale": "sliding scale (offered or not, and for whom)",
              "fees.cancellation": "cancellation notice and fee",
              "fees.payment": "ways to pay",
              "insurance.in_network": "in-network insurance plans (or none: [])",
              "insurance.superbill": "superbill for out-of-network plans (yes/no)",
              "insurance.medicare": "Medicare (yes/no)", "insurance.tricare": "TRICARE (yes/no)",
              "insurance.va_community_care": "VA Community Care (yes/no)",
              "access.video_states": "states for video sessions (or [])",
              "access.psypact": "PSYPACT authority (yes/no)",
              "access.referral_needed": "referral needed (yes/no)",
              "access.first_appointment_within_days": "usual wait for a first appointment",
              "access.languages": "languages of the sessions",
              "access.male_clinician_on_request": "male clinician on request (yes/no)"}

CLINIC = mapping({
    "name": text(2, 120),
    "short_name": text(2, 40),
    "phone": _phone,
    "email": pattern(EMAIL, "hello@yourclinic.com", "an email address"),
    "address": mapping({"street": text(2, 120), "locality": text(2, 80), "region": text(2, 40),
                        "postal_code": text(3, 12), "country": pattern(re.compile(r"^[A-Z]{2}$"), "US", "a two-letter country code")},
                       required=("street", "locality", "region", "postal_code", "country")),
    "hours": listing(_hours_slot, 1, 14),
    "reply_within": text(3, 60),
    "booking_url": url(optional=True),
    "form": _form,
    # Video sessions are offered when `access: video_states:` names a state (not asked twice).
    "practice": mapping({"in_person": flag, "evening": flag,
                         "prescribes": flag, "first_call_minutes": number(0, 60)},
                        required=("in_person",)),
    "fees": mapping({"first_session": FEE, "session": FEE,
                     "sliding_scale": mapping({"offered": flag, "note": text(3, 160, optional=True)}, required=("offered",)),
                     "cancellation": mapping({"notice_hours": number(0, 168), "fee_usd": number(0, 999)},
                                             required=("notice_hours", "fee_usd")),
                     "payment": _unique(text(2, 40), 1, 8)},
                    required=("first_session", "session", "sliding_scale", "cancellation", "payment")),
    # `in_network: []` says the clinic is in no plan's network.
    "insurance": mapping({"in_network": _unique(text(2, 60), 0, 30), "superbill": flag, "medicare": flag,
                          "tricare": flag, "va_community_care": flag},
                         required=("superbill", "medicare", "tricare", "va_community_care")),
    "access": mapping({"video_states": _unique(state_code, 0, 60), "psypact": flag, "referral_needed": flag,
                       "first_appointment_within_days": number(1, 120), "languages": LANGUAGES,
                       "male_clinician_on_request": flag},
                      required=("psypact", "referral_needed", "first_appointment_within_days", "languages",
                                "male_clinician_on_request")),
    "crisis": mapping({"region": choice(lambda ctx: list(ctx["presets"]))}, required=("region",)),
    "confirmed": listing(choice(CONFIRMABLE), 0, len(CONFIRMABLE)),
}, required=("name", "short_name", "phone", "email", "address", "hours", "reply_within", "practice", "crisis",
             "fees", "insurance", "access"))

CRISIS_LINE = mapping({
    "name": text(2, 80), "call": pattern(re.compile(r"^\+?\d{2,15}$"), '"988"', "a number to dial: digits, with + for an international number"),
    "display": text(2, 30), "press": pattern(re.compile(r"^\d$"), '"1"', "one digit"),
    "text": pattern(DIGITS, '"741741"', "a number to text, digits only"),
    "keyword": pattern(re.compile(r"^[A-Za-z0-9]{1,20}$"), "HOME", "one word"),
    "tty": pattern(re.compile(r"^\+?\d{2,15}$"), '"+18004874889"', "a TTY number to dial: digits, with + for an international number"),
    "tty_display": text(2, 30),
    "chat": url(), "url": url(), "note": text(2, 300), "language": text(2, 40),
}, required=("name",))

SITE = {
    "site_url": url(),
    "extra.edit_base_url": url(optional=True),
    "extra.clinic": CLINIC,
    "extra.team": listing(_member, 1, 100),
    "extra.calls_to_action": None,  # checked below: any names, each a mapping
    "extra.crisis_presets": None,
    "extra.elsewhere": mapping({"name": text(2, 80), "url": url()}, required=("name", "url")),
    "extra.redirects": None,
}


def _get(config, dotted: str):
    value = config
    for part in dotted.split("."):
        if not hasattr(value, "get"):
            return None
        value = value.get(part)
    return value


def validate(config, mode: str = "preview") -> list[Issue]:
    """Every schema problem of the site's facts, as Issues with dotted keys."""
    extra = config.get("extra") or {}
    presets = extra.get("crisis_presets") if isinstance(extra.get("crisis_presets"), dict) else {}
    ctx = {"mode": mode, "presets": presets, "docs": config.get("docs_dir")}
    out: list[Issue] = []
    for key, check in SITE.items():
        value = _get(config, key)
        if check is None:
            continue
        if value in (None, "") and key == "extra.edit_base_url":
            continue
        if value is None:
            out.append(Issue(key.rsplit(".", 1)[0] if "." in key else key, f"`{key}` is missing",
                             f"add `{key.rsplit('.', 1)[-1]}:` (see the README, \"Where things live\")"))
            continue
        out += check(key, value, ctx)
    clinic = extra.get("clinic") if isinstance(extra.get("clinic"), dict) else {}
    practice = clinic.get("practice") if isinstance(clinic.get("practice"), dict) else {}
    if isinstance(practice.get("evening"), bool) and not any(i.key.startswith("extra.clinic.hours") for i in out):
        late = evening_from_hours(clinic.get("hours"))
        if practice["evening"] != late:  # one fact asked twice: the hours decide
            out.append(Issue("extra.clinic.practice.evening",
                             f"`evening: {str(practice['evening']).lower()}` but the opening hours "
                             f"{'run past' if late else 'all end by'} 6pm",
                             f"write `evening: {str(late).lower()}`, to match the hours under `hours:`"))
    ctas = extra.get("calls_to_action")
    cta = mapping({"heading": text(2, 80), "text": text(2, 300), "button": text(2, 40)}, required=("heading", "button"))
    if isinstance(ctas, dict):
        for name, value in ctas.items():
            out += cta(f"extra.calls_to_action.{name}", value, ctx)
    elif ctas is not None:
        out += cta("extra.calls_to_action", ctas, ctx)
    preset = mapping({"verified": text(10, 10), "emergency": mapping({"label": text(2, 40), "number": pattern(DIGITS, '"911"', "digits"),
                                                                       "e164": pattern(DIGITS, '"911"', "digits")}, required=("number",)),
                      "lines": listing(CRISIS_LINE, 1, 20)}, required=("verified", "emergency", "lines"))
    if isinstance(presets, dict) and presets:
        for region, value in presets.items():
            out += preset(f"extra.crisis_presets.{region}", value, ctx)
    else:
        out.append(Issue("extra", "there are no crisis lines (`extra: crisis_presets:`)", "copy the block from the README"))
    redirects = extra.get("redirects") or {}
    if not isinstance(redirects, dict):
        out.append(Issue("extra.redirects", "`redirects` should be old address: new address lines", "write `old/path: new/path/`"))
    else:
        for old, new in redirects.items():
            for side in (old, new):
                if not isinstance(side, str) or re.search(r"[\s\"'<>\\`;:]|^//", side):
                    out.append(Issue(f"extra.redirects.{old}", f"{side!r} is not a path on this site",
                                     "write paths like old/page and new/page/, without https:// or spaces"))
    return out


def _leaves(value, prefix):
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _leaves(v, f"{prefix}.{k}")
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _leaves(v, f"{prefix}.{i}")
    elif value is not None:
        yield prefix, value


def launch_issues(config) -> list[Issue]:
    """Facts still equal to the samples the project ships with (and any 555-01xx
    number or example.* domain): launch problems, errors in production."""
    extra = config.get("extra") or {}
    clinic = extra.get("clinic") or {}
    out = []
    for key, sample in FICTIONAL_SAMPLES.items():
        value = _get(config, key)
        if value is not None and str(value).strip().rstrip("/") == sample.rstrip("/"):
            out.append(Issue(key, f"{value!r} is the sample value the site ships with",
                             "replace it with the clinic's real detail before launch"))
    seen = {i.key for i in out}
    for key, value in [*_leaves(clinic, "extra.clinic"), ("site_url", config.get("site_url")),
                       ("extra.edit_base_url", extra.get("edit_base_url"))]:
        if key not in seen and value is not None and (FICTIONAL_PHONE.search(str(value)) or FICTIONAL_DOMAIN.search(str(value))):
            out.append(Issue(key, f"{value!r} is a fictional placeholder", "replace it with the clinic's real detail before launch"))
    for i, member in enumerate(extra.get("team") or []):
        if not isinstance(member, dict):
            continue
        if member.get("fictional") or member.get("id") == SAMPLE_TEAM["id"] or member.get("name") == SAMPLE_TEAM["name"]:
            out.append(Issue(f"extra.team.{i}", f"team member {member.get('name')!r} is the sample clinician",
                             "replace with a real clinician (EDITING.md \"Replace a clinician\": "
                             "python3 scripts/reviewer.py OLD-ID NEW-ID moves every page)"))
    for i, member in enumerate(extra.get("team") or []):
        if isinstance(member, dict) and not member.get("photo"):
            out.append(Issue(f"extra.team.{i}", f"{member.get('name')!r} has no photo (the site shows a silhouette)",
                             "add `photo: images/team/FILE.jpg` and `photo_alt: ...`, or `photo: none` for no photo"))
    for name in sample_facts(clinic):
        out.append(Issue(f"extra.clinic.{name}", f"`{name}` is still the sample the site ships with",
                         f"write the clinic's real {FACT_NAMES[name]}; if the sample is already right, "
                         f"add `{name}` to `confirmed:` under `extra: clinic:`"))
    return out


def sample_facts(clinic) -> list[str]:
    """The confirmable facts (dotted names under `extra: clinic:`) still equal
    to their sample and not confirmed. Components and the home page mark them
    in the preview; a production build refuses them."""
    if not isinstance(clinic, dict):
        return []
    confirmed = set(clinic.get("confirmed") or []) if isinstance(clinic.get("confirmed"), list) else set()
    out = []
    for name, sample in CONFIRMABLE_SAMPLES.items():
        value = _get(clinic, name)
        if name in confirmed or name.split(".")[0] in confirmed or value is None:
            continue
        same = value == sample if not isinstance(sample, dict) else (
            isinstance(value, dict) and all(value.get(k) == v for k, v in sample.items()))
        if same:
            out.append(name)
    return out


def check(config, lines: dict | None = None, mode: str | None = None, today: _dt.date | None = None,
          file: str = "mkdocs.yml") -> list[Problem]:
    """All problems with the site's facts, as Problems naming the file and line."""
    mode = mode or modes.current()
    today = today or modes.today()
    lines = lines or {}
    problems: list[Problem] = []

    def line_of(key: str) -> int:
        while key:
            if key in lines:
                return lines[key]
            key = key.rsplit(".", 1)[0] if "." in key else ""
        return 1

    for issue in validate(config, mode):
        problems.append(Problem(file, line_of(issue.key), "clinic-facts", issue.message, issue.fix))
    severity = rules.severity("sample-fact", mode)
    for issue in launch_issues(config):
        problems.append(Problem(file, line_of(issue.key), "sample-fact", issue.message, issue.fix, severity))

    extra = config.get("extra") or {}
    region = ((extra.get("clinic") or {}).get("crisis") or {}).get("region") if isinstance(extra.get("clinic"), dict) else None
    preset = (extra.get("crisis_presets") or {}).get(region) if isinstance(extra.get("crisis_presets"), dict) else None
    if isinstance(preset, dict):
        try:  # written in quotes ("2026-11-26") so every builder reads it as text
            verified = _dt.date.fromisoformat(str(preset.get("verified")))
        except ValueError:
            problems.append(Problem(file, line_of(f"extra.crisis_presets.{region}.verified"), "crisis-verified",
                                    f"the {region} crisis lines have no valid `verified` date",
                                    "write the date you checked them, YYYY-MM-DD, in quotes"))
        else:
            if (today - verified).days > 365:
                problems.append(Problem(file, line_of(f"extra.crisis_presets.{region}.verified"), "crisis-verified",
                                        f"the {region} crisis lines were last verified on {verified}, more than 12 months ago",
                                        "check every line on its live source, then set `verified` to today", severity))
    return problems


def load(config_path: str | Path = "mkdocs.yml", mode: str | None = None):
    """(MkDocs' validated config, dotted key -> line) of a site's mkdocs.yml."""
    return _config.load(config_path, mode), _config.lines(config_path)


def check_file(config_path: str | Path = "mkdocs.yml", mode: str | None = None, today: _dt.date | None = None):
    config, lines = load(config_path, mode)
    return check(config, lines, mode, today, _config.display_name(config_path))
