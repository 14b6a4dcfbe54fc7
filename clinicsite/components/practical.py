"""The practical facts a man asks before he calls, in the order he asks them:
what it costs, whether his insurance counts, in person or by video (and in
which states), how soon, the free first call, then session length, opening
hours and medicine. All from `extra: clinic:` in mkdocs.yml (`fees`,
`insurance`, `access`, `practice`, `hours`), so a page never states another
service's fees or session length as this clinic's.

    /// practical
    ///

The heading defaults to "The practical details"; give another after `|`.
Option: `heading_level` 2 to 4.

The home page prints the same list from overrides/partials/clinic.html
(`practical` macro); tests/test_practical_format.py compares the two.
"""
from __future__ import annotations

from pymdownx.blocks.block import Block, type_ranged_integer

from .. import formats
from .html import freeze, link, page_url, sample_mark, sub


def practical_lines(clinic: dict) -> list[tuple[str, str, tuple[str, ...]]]:
    """(label, words, the facts the words come from) for each practical fact."""
    p = clinic.get("practice") or {}
    lines = [("Cost", f"{formats.cost_from(clinic)}.", ("fees.first_session", "fees.session")),
             ("Insurance", formats.insurance(clinic), ("insurance.in_network", "insurance.superbill"))]
    where = formats.where(clinic)
    if where:
        lines.append(("Where", f"{where}.", ("practice", "access.video_states")))
    lines.append(("How soon", f"{formats.wait(clinic)}.", ("access.first_appointment_within_days",)))
    if p.get("first_call_minutes"):
        lines.append(("First step", f"{formats.first_call(clinic)}.", ("practice",)))
    if formats.session_minutes(clinic):
        lines.append(("Sessions", f"{formats.session_minutes(clinic)} minutes, usually once a week.", ("fees.session",)))
    lines.append(("Opening hours", formats.hours(clinic) + (". Some evening appointments" if p.get("evening") else "") + ".",
                  ("hours", "practice")))
    lines.append(("Medicine", ("Our clinicians can prescribe when it is needed" if p.get("prescribes")
                               else "We do not prescribe. We work alongside your own doctor if you take medicine") + ".",
                  ("practice",)))
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
        for label, words, keys in practical_lines(clinic):
            sub(items, "dt", label)
            sample_mark(sub(items, "dd"), clinic, keys, words)
        sub(items, "dt", "Fees")
        link(sub(items, "dd"), page_url(self.config, "fees/"), "Fees, insurance and the Good Faith Estimate", tail=".")
        freeze(card)
        heading.text = self.argument or "The practical details"
        return card
