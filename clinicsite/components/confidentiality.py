"""The limits of confidentiality, worded once for every page that mentions
them (what to expect, the FAQ, the about page, the privacy notices), so the
pages cannot drift apart. The three limits follow HIPAA: a serious and imminent
threat (45 CFR 164.512(j)), reports of abuse or neglect (164.512(b) and (c):
HHS noted that most, if not all, states require child-abuse reports; whether DC requires reports
of elder abuse is not verified, so the page says "may"), and court orders
(164.512(e)). State rules that add to
these belong to the clinic's counsel, on the Notice of Privacy Practices.

    /// confidentiality
    ///

The heading defaults to "When can what I say be shared?"; give another after `|`.
Option: `heading_level` 2 to 4 (default 3).
"""
from __future__ import annotations

from pymdownx.blocks.block import Block, type_ranged_integer

from .html import freeze, sub

INTRO = ("What you tell us stays private. There are a few limits, which the law sets, "
         "and they are the same for every client:")
LIMITS = (
    "If we believe there is a serious and imminent threat to your safety or to someone else's, "
    "we may share what is needed to prevent it.",
    "If we learn of abuse or neglect of a child, the law requires us to report it. "
    "If we learn of abuse or neglect of an older or dependent adult, we may report it.",
    "If a court orders us to share records, we share only what the order requires.",
)
# Video sessions: the rules of the state the client is in apply as well.
ELSEWHERE = "If you have sessions by video from another state, that state's rules apply too."
CLOSING = "Your therapist will go over these limits with you at the start, and you can ask about them at any time."


class Confidentiality(Block):
    NAME = "confidentiality"
    ARGUMENT = None
    OPTIONS = {"heading_level": [3, type_ranged_integer(2, 4)]}

    def on_create(self, parent):
        box = sub(parent, "div", class_="clinic-card clinic-confidentiality")
        heading = sub(box, f"h{self.options['heading_level']}", class_="clinic-confidentiality__heading")
        sub(box, "p", INTRO)
        items = sub(box, "ul")
        for limit in LIMITS:
            sub(items, "li", limit)
        sub(box, "p", ELSEWHERE)
        sub(box, "p", CLOSING)
        freeze(box)
        heading.text = self.argument or "When can what I say be shared?"
        return box
