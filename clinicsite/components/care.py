"""Care cards and inset text, with a visually hidden label so that the meaning
never rests on colour alone (the NHS.UK pattern).

    /// care | Call 988 now if
        type: emergency
    - you are thinking about ending your life
    ///

    /// inset
    You can bring a partner or friend to the first session.
    ///

`type` is non-urgent (default), urgent or emergency; `heading_level` 2 to 4 (default 3).
"""
from __future__ import annotations

from pymdownx.blocks.block import Block, type_ranged_integer, type_string_in

from .html import freeze, sub

LABELS = {"non-urgent": "Non-urgent advice: ", "urgent": "Urgent advice: ", "emergency": "Emergency advice: "}


class CareCard(Block):
    NAME = "care"
    ARGUMENT = True
    OPTIONS = {"type": ["non-urgent", type_string_in(list(LABELS))],
               "heading_level": [3, type_ranged_integer(2, 4)]}

    def on_create(self, parent):
        kind = self.options["type"]
        card = sub(parent, "div", class_=f"clinic-care clinic-care--{kind}")
        heading = sub(sub(card, "div", class_="clinic-care__header"), f"h{self.options['heading_level']}",
                      class_="clinic-care__heading")
        label = sub(heading, "span", LABELS[kind], class_="clinic-visually-hidden")
        self.content = sub(card, "div", class_="clinic-care__content")
        freeze(card)
        label.tail = self.argument  # the author's words: Markdown applies
        return card

    def on_add(self, block):
        return self.content


class Inset(Block):
    NAME = "inset"
    ARGUMENT = False

    def on_create(self, parent):
        box = sub(parent, "div", class_="clinic-inset")
        sub(box, "span", "Information: ", class_="clinic-visually-hidden")
        return freeze(box)
