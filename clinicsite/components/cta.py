"""Call to action: a heading, a line, and one primary button to the booking
link, or to the contact page when no booking link is set.

    /// cta | Ready to talk?
    Call or write to us. We will explain how IPT works here.
    ///

Options: `button` (the button's words). Without a heading or a line, the
default call to action of mkdocs.yml (`extra: calls_to_action: default:`) is used,
its line led by the ways to reach the clinic that the facts provide
(formats.routes: no "message" without a form endpoint, no "book" without a
booking link).
The same call to action closes every page (overrides/partials/cta.html).
"""
from __future__ import annotations

from markdown.util import AtomicString
from pymdownx.blocks.block import Block, type_string

from ..formats import routes
from .html import freeze, link, page_url, sub


def target(config: dict) -> str:
    """The booking link, or the contact page when there is none."""
    return (config.get("clinic") or {}).get("booking_url") or page_url(config, "contact/")


class CallToAction(Block):
    NAME = "cta"
    ARGUMENT = None
    OPTIONS = {"button": ["", type_string]}

    def on_create(self, parent):
        default = (self.config.get("calls_to_action") or {}).get("default") or {}
        self.default = default
        box = sub(parent, "div", class_="clinic-cta")
        heading = sub(box, "h2", class_="clinic-cta__heading")
        heading.text = self.argument or AtomicString(default.get("heading", "Talk to us"))
        self.text = sub(box, "div", class_="clinic-cta__text")
        return box

    def on_add(self, block):
        return self.text

    def on_end(self, block):
        if not len(self.text) and not (self.text.text or "").strip():
            words = f"{routes(self.config.get('clinic') or {})} {self.default.get('text', '')}".strip()
            freeze(sub(self.text, "p", words))
        actions = sub(block, "p", class_="clinic-cta__actions")
        label = self.options["button"] or self.default.get("button", "Get in touch")
        freeze(link(actions, target(self.config), label, class_="md-button md-button--primary"))
