"""The practical facts a man asks before he calls: how long a session is,
in person or online, evening appointments, medicine, the free first call,
fees and opening hours. All from `extra: clinic: practice:` in mkdocs.yml, so a
page never states an NHS service's session length as this clinic's.

    /// practical
    ///

The heading defaults to "The practical details"; give another after `|`.
Option: `heading_level` 2 to 4.
"""
from __future__ import annotations

from pymdownx.blocks.block import Block, type_ranged_integer

from ..formats import hours
from .html import freeze, link, page_url, sub


def practical_lines(clinic: dict) -> list[tuple[str, str]]:
    """(label, words) for each practical fact, in the order a reader asks them."""
    p = clinic.get("practice") or {}
    where = [w for w, on in (("in person at our office", p.get("in_person")), ("online by video", p.get("online"))) if on]
    lines = []
    if p.get("session_minutes"):
        lines.append(("Sessions", f"{p['session_minutes']} minutes, usually once a week"))
    if where:
        text = " or ".join(where)
        lines.append(("Where", text[0].upper() + text[1:]))
    lines.append(("Opening hours", hours(clinic) + (". Some evening appointments" if p.get("evening") else "")))
    lines.append(("Medicine", "Our clinicians can prescribe when it is needed" if p.get("prescribes")
                  else "We do not prescribe. We work alongside your own doctor if you take medicine"))
    if p.get("first_call_minutes"):
        lines.append(("First step", f"A free {p['first_call_minutes']}-minute phone call, with no obligation"))
    return lines


class Practical(Block):
    NAME = "practical"
    ARGUMENT = None
    OPTIONS = {"heading_level": [2, type_ranged_integer(2, 4)]}

    def on_create(self, parent):
        clinic = self.config.get("clinic") or {}
        card = sub(parent, "div", class_="clinic-card clinic-practical")
        heading = sub(card, f"h{self.options['heading_level']}", class_="clinic-practical__heading")
        items = sub(card, "dl", class_="clinic-practical__list")
        for label, words in practical_lines(clinic):
            sub(items, "dt", label)
            sub(items, "dd", f"{words}.")
        sub(items, "dt", "Fees")
        link(sub(items, "dd"), page_url(self.config, "fees/"), "Fees, insurance and the Good Faith Estimate", tail=".")
        freeze(card)
        heading.text = self.argument or "The practical details"
        return card
