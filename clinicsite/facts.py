"""The clinic facts: read from the one `extra:` block of mkdocs.yml, and checked.

Every problem names mkdocs.yml and the line of the fact, so staff can find it.
"""
from __future__ import annotations

import datetime as _dt
import re
from pathlib import Path

import yaml

from . import modes
from .problems import Problem

CONFIG = "mkdocs.yml"
# Numbers 555-0100..0199 are reserved for fiction in North America; example.org
# is reserved for examples. Either means "not the clinic's real details yet".
FICTIONAL_PHONE = re.compile(r"555-?01\d\d")
FICTIONAL_DOMAIN = re.compile(r"\bexample\.(org|com|net)\b")
E164 = re.compile(r"^\+[1-9]\d{6,14}$")
DAYS = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")
HHMM = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml when present: 5x faster
    """Reads mkdocs.yml without running the Python tags MkDocs allows."""


_Loader.add_multi_constructor("", lambda loader, suffix, node: None)


def load(config_path: str | Path = CONFIG):
    """Return (config, lines): the parsed YAML, and dotted key -> line number."""
    loader = _Loader(Path(config_path).read_text(encoding="utf-8"))
    try:  # parsed once: the node tree gives the lines, and is then built into values
        node = loader.get_single_node()
        config = loader.construct_document(node) if node is not None else {}
    finally:
        loader.dispose()
    lines: dict[str, int] = {}

    def walk(n, prefix):
        if isinstance(n, yaml.MappingNode):
            for k, v in n.value:
                key = f"{prefix}.{k.value}" if prefix else str(k.value)
                lines[key] = k.start_mark.line + 1
                walk(v, key)
        elif isinstance(n, yaml.SequenceNode):
            for i, v in enumerate(n.value):
                lines[f"{prefix}.{i}"] = v.start_mark.line + 1
                walk(v, f"{prefix}.{i}")

    walk(node, "")
    return config or {}, lines


def check(config_path: str | Path = CONFIG, mode: str | None = None, today: _dt.date | None = None,
          loaded: tuple[dict, dict] | None = None):
    """All problems with the clinic facts and crisis presets, as Problems.
    `loaded`: the (config, lines) of load(), when the caller has read them already."""
    mode = mode or modes.current()
    today = today or modes.today()
    config, lines = loaded or load(config_path)
    name = str(config_path) if Path(config_path).name != CONFIG else CONFIG
    extra = config.get("extra") or {}
    clinic = extra.get("clinic") or {}
    problems: list[Problem] = []

    def add(key, rule, message, fix, severity="error"):
        line = lines.get(key) or lines.get(key.rsplit(".", 1)[0]) or 1
        problems.append(Problem(name, line, rule, message, fix, severity))

    if not clinic:
        add("extra", "clinic-facts", "there is no `extra: clinic:` block", "copy the block from the README")
        return problems
    for key in ("name", "phone", "email", "address", "hours", "reply_within", "crisis"):
        if not clinic.get(key):
            add(f"extra.clinic.{key}", "clinic-facts", f"the clinic fact `{key}` is missing or empty",
                f"fill in `{key}:` under `extra: clinic:`")

    phone = clinic.get("phone") or {}
    if phone:
        display, e164 = str(phone.get("display", "")), str(phone.get("e164", ""))
        if not E164.match(e164):
            add("extra.clinic.phone.e164", "clinic-facts", f"phone e164 {e164!r} is not in international form",
                "write it as + then country code and number, digits only, e.g. \"+12025550142\"")
        elif re.sub(r"\D", "", display) not in e164:
            add("extra.clinic.phone.display", "clinic-facts",
                f"phone display {display!r} and e164 {e164!r} are different numbers",
                "make both lines the same number")

    for i, slot in enumerate(clinic.get("hours") or []):
        key = f"extra.clinic.hours.{i}"
        bad_days = [d for d in slot.get("days", []) if d not in DAYS]
        if bad_days or not slot.get("days"):
            add(key, "clinic-facts", f"opening days {bad_days or '[]'} are not day codes",
                f"use day codes from {', '.join(DAYS)}")
        for edge in ("opens", "closes"):
            if not HHMM.match(str(slot.get(edge, ""))):
                add(key, "clinic-facts", f"`{edge}` {slot.get(edge)!r} is not a 24-hour time",
                    "write it as \"HH:MM\" in quotes, e.g. \"09:00\"")

    region = (clinic.get("crisis") or {}).get("region")
    presets = extra.get("crisis_presets") or {}
    if region not in presets:
        add("extra.clinic.crisis.region", "crisis-region", f"crisis region {region!r} has no preset",
            f"use one of {', '.join(presets) or 'US, UK'}")
    else:
        verified = presets[region].get("verified")
        try:  # written in quotes ("2026-11-26") so every builder reads it as text
            verified = _dt.date.fromisoformat(str(verified))
        except ValueError:
            verified = None
        if not isinstance(verified, _dt.date):
            add(f"extra.crisis_presets.{region}.verified", "crisis-verified",
                f"the {region} crisis lines have no valid `verified` date", "write the date you checked them, YYYY-MM-DD")
        elif (today - verified).days > 365:
            add(f"extra.crisis_presets.{region}.verified", "crisis-verified",
                f"the {region} crisis lines were last verified on {verified}, more than 12 months ago",
                "check every line on its live source, then set `verified` to today",
                "error" if mode == "production" else "warning")

    # Launch readiness: fictional details are fine in preview, never in public.
    severity = "error" if mode == "production" else "warning"
    for key, value in _leaves(clinic, "extra.clinic"):
        if FICTIONAL_PHONE.search(value) or FICTIONAL_DOMAIN.search(value):
            add(key, "fictional-fact", f"{value!r} is a fictional placeholder",
                "replace it with the clinic's real detail before launch", severity)
    site_url = str(config.get("site_url") or "")
    if FICTIONAL_DOMAIN.search(site_url):
        add("site_url", "fictional-fact", f"site_url {site_url!r} is a fictional placeholder",
            "set the address the site will be published at", severity)
    edit = str(extra.get("edit_base_url") or "")
    if "example" in edit:
        add("extra.edit_base_url", "fictional-fact", f"edit_base_url {edit!r} is a fictional placeholder",
            "set the web-editor address of the site's repository", severity)
    for i, member in enumerate(extra.get("team") or []):
        if member.get("fictional"):
            add(f"extra.team.{i}", "fictional-fact", f"team member {member.get('id')!r} is fictional",
                "replace with a real clinician and remove `fictional: true`", severity)
    return problems


def _leaves(value, prefix):
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _leaves(v, f"{prefix}.{k}")
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _leaves(v, f"{prefix}.{i}")
    elif value is not None:
        yield prefix, str(value)
