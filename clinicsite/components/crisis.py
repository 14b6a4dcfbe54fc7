"""Every crisis line of the clinic's region, with tap-to-call and tap-to-text
links, the emergency number first, and a directory for other countries.

    /// crisis-lines
    ///

The lines come from the region's preset (mkdocs.yml `extra: crisis_presets:`),
chosen by `extra: clinic: crisis: region:`.
"""
from __future__ import annotations

import datetime

from pymdownx.blocks.block import Block

from ..formats import date_long, preset
from .html import contact_ways, freeze, link, sub


class CrisisLines(Block):
    NAME = "crisis-lines"
    ARGUMENT = False

    def on_create(self, parent):
        p = preset(self.config)
        region = ((self.config.get("clinic") or {}).get("crisis") or {}).get("region", "")
        box = sub(parent, "div", class_="clinic-crisis-lines")
        items = sub(box, "ul", class_="clinic-crisis-lines__list")
        emergency = p.get("emergency") or {}
        li = sub(items, "li", class_="clinic-crisis-lines__emergency")
        sub(li, "strong", f"{emergency.get('label', 'Emergency')}:").tail = " if you or someone else is in danger now, call "
        link(li, f"tel:{emergency.get('e164', '')}", str(emergency.get("number", "")), tail=".")
        for line in p.get("lines") or []:
            li = sub(items, "li")
            sub(li, "strong", f"{line.get('name', '')}:").tail = " "
            contact_ways(li, line)
            if line.get("note"):
                li[-1].tail = (li[-1].tail or "") + ". "
                sub(li, "span", f"{line['note']}.", class_="clinic-crisis-lines__note")
        elsewhere = self.config.get("elsewhere") or {}
        if elsewhere.get("url"):
            li = sub(items, "li")
            sub(li, "strong", f"Outside the {region}:").tail = " "
            link(li, elsewhere["url"], elsewhere.get("name", "Find a helpline"),
                 tail=" lists free, confidential helplines in other countries.")
        try:
            verified = datetime.date.fromisoformat(str(p.get("verified")))
        except ValueError:
            verified = None
        if verified:
            sub(box, "p", f"We last checked these numbers on {date_long(verified)}.",
                class_="clinic-crisis-lines__checked")
        return freeze(box)
