"""Contact card: the ways to reach the clinic that the facts provide (no
"message" without a form endpoint), phone (tap to call), email, the booking
link when there is one, address with a plain link to a map, opening hours and
reply time, all from the clinic facts.

    /// contact
    ///

The heading defaults to "Contact the clinic"; give another after `|`.
"""
from __future__ import annotations

from pymdownx.blocks.block import Block, type_ranged_integer

from ..formats import address_lines, hours, map_url, routes
from .html import freeze, link, not_emergency, sub


class ContactCard(Block):
    NAME = "contact"
    ARGUMENT = None
    OPTIONS = {"heading_level": [2, type_ranged_integer(2, 4)]}

    def on_create(self, parent):
        clinic = self.config.get("clinic") or {}
        phone = clinic.get("phone") or {}
        card = sub(parent, "div", class_="clinic-card clinic-contact")
        heading = sub(card, f"h{self.options['heading_level']}", class_="clinic-contact__heading")
        sub(card, "p", routes(clinic), class_="clinic-contact__routes")
        items = sub(card, "ul", class_="clinic-contact__list")

        li = sub(items, "li")
        sub(li, "strong", "Phone:").tail = " "
        link(li, f"tel:{phone.get('e164', '')}", str(phone.get("display", "")))

        li = sub(items, "li")
        sub(li, "strong", "Email:").tail = " "
        link(li, f"mailto:{clinic.get('email', '')}", str(clinic.get("email", "")))

        booking = str(clinic.get("booking_url") or "")
        if booking.startswith("https://"):
            li = sub(items, "li")
            sub(li, "strong", "Book online:").tail = " "
            link(li, booking, "Choose a time for a first appointment")

        li = sub(items, "li")
        sub(li, "strong", "Address:").tail = " "
        street, town = address_lines(clinic)
        span = sub(li, "span", street, class_="clinic-address")
        sub(span, "br").tail = town
        sub(li, "br")
        link(li, map_url(clinic), "Open this address in a map")

        li = sub(items, "li")
        sub(li, "strong", "Opening hours:").tail = f" {hours(clinic)}"

        not_emergency(card, self.config)
        freeze(card)
        heading.text = self.argument or "Contact the clinic"
        return card
