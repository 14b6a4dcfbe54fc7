"""The clinicians, from `extra: team:` in mkdocs.yml: for each, a heading with
the name and credentials, the photo (when there is one: `photo: none` shows
none, never a silhouette), the license (type, number, states), the languages,
and a short introduction in the clinician's own words.

    /// team
    ///

Option: `heading_level` 2 to 4 (default 3) for each clinician's name.
"""
from __future__ import annotations

from pymdownx.blocks.block import Block, type_ranged_integer

from .. import formats
from .html import SAMPLE_TITLE, freeze, page_url, sub


class Team(Block):
    NAME = "team"
    ARGUMENT = False
    OPTIONS = {"heading_level": [3, type_ranged_integer(2, 4)]}

    def on_create(self, parent):
        box = sub(parent, "div", class_="clinic-clinicians")
        for member in self.config.get("team") or []:
            if not isinstance(member, dict):
                continue
            card = sub(box, "div", class_="clinic-clinician")
            name = str(member.get("name", ""))
            if member.get("credentials"):
                name += f", {member['credentials']}"
            heading = sub(card, f"h{self.options['heading_level']}", class_="clinic-clinician__name")
            if member.get("fictional"):  # the sample clinician: marked in the preview, refused in production
                sub(heading, "mark", name, class_="clinic-sample", title=SAMPLE_TITLE)
            else:
                heading.text = name
            photo = member.get("photo")
            if photo and photo != "none" and member.get("photo_alt"):
                sub(card, "img", class_="clinic-clinician__photo", src=page_url(self.config, str(photo)),
                    alt=str(member["photo_alt"]), width="128", height="128", loading="lazy")
            facts = sub(card, "ul", class_="clinic-clinician__facts")
            if member.get("license"):
                li = sub(facts, "li")
                sub(li, "strong", "License:").tail = f" {formats.license_line(member)}."
            if member.get("languages"):
                li = sub(facts, "li")
                sub(li, "strong", "Languages:").tail = f" {formats.join(member['languages'])}."
            if member.get("intro"):
                sub(card, "p", "In their own words:", class_="clinic-clinician__label")
                quote = sub(card, "blockquote", class_="clinic-clinician__intro")
                sub(quote, "p", str(member["intro"]))
        return freeze(box)
