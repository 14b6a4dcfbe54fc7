"""Self-check "Is IPT a fit for me?": the statements, as a list, that
overrides/assets/clinic.js turns into a checklist. It runs only in the
browser, sends nothing and stores nothing (no cookies, no storage: phones and
computers are shared). Without JavaScript it is a plain list. Either way it is
followed by the call to action and the crisis lines.

    /// self-check | Could IPT fit me?
    - My low mood seems tied to a problem with someone close.
    - I would like a therapy with a clear plan and an end date.
    ///
"""
from __future__ import annotations

from pymdownx.blocks.block import Block

from .cta import target
from .html import crisis_sentence, freeze, link, sub

RESULTS = {
    "few": ("You ticked {n} of {total}. IPT may not be the first thing to try, and that is fine. "
            "A clinician can talk through other options with you, such as CBT or medication."),
    "some": ("You ticked {n} of {total}. IPT could be worth talking about. "
             "A clinician can help you weigh it against other options."),
    "many": ("You ticked {n} of {total}. IPT may suit what you are going through. "
             "The next step is a conversation with a clinician about it."),
}
NOT_A_TEST = "This is not a test or a diagnosis. Only a talk with a clinician can tell what will help you."


class SelfCheck(Block):
    NAME = "self-check"
    ARGUMENT = None

    def on_create(self, parent):
        box = sub(parent, "div", class_="clinic-self-check", data__self__check="")
        heading = sub(box, "h2", class_="clinic-self-check__heading")
        heading.text = self.argument or "Could IPT fit me?"
        intro = sub(box, "p", "Tick the statements that sound like you. Your answers stay on this device "
                    "and are gone when you leave the page: nothing is sent or saved.", class_="clinic-self-check__intro")
        freeze(intro)
        self.statements = sub(box, "div", class_="clinic-self-check__statements")
        return box

    def on_add(self, block):
        return self.statements

    def on_end(self, block):
        for key, text in RESULTS.items():
            block.set(f"data-result-{key}", text)
        block.set("data-not-a-test", NOT_A_TEST)
        result = sub(block, "div", class_="clinic-self-check__result", role="status", aria__live="polite",
                     tabindex="-1", hidden="hidden")
        after = sub(block, "div", class_="clinic-self-check__next")
        p = sub(after, "p")
        sub(p, "strong", "Whatever your answers:").tail = " talking to a clinician is the best way to find out what could help. "
        link(p, target(self.config), "Get in touch with us", tail=".")
        crisis = sub(after, "p", class_="clinic-self-check__crisis")
        sub(crisis, "strong", "Need help now?").tail = " "
        crisis_sentence(crisis, self.config)
        freeze(after)
        freeze(result)
