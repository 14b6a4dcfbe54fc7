"""Answers built from the clinic facts, for the fees page, the FAQ and any
page that answers a practical question in place:

    /// fees            the first and later sessions: fee and length
    /// insurance       in-network plans (or none), superbill, Medicare, TRICARE, VA Community Care
    /// superbill       what a superbill is, or that there is none
    /// cancellation    notice and fee
    /// sliding-scale   offered or not, and for whom
    /// payment         ways to pay
    /// online          in person, and by video in which states; PSYPACT
    /// referral        whether a referral is needed
    /// first-appointment   the usual wait, languages, a male clinician on request
    ///

Each is written from `extra: clinic:` in mkdocs.yml, worded in
clinicsite/formats.py; a fact still equal to its sample is marked in the
preview (production refuses it).
"""
from __future__ import annotations

from pymdownx.blocks.block import Block

from .. import formats
from .html import freeze, sample_mark, sub


def _fees(c):
    return [("li", f"First session: {formats.fee(c, 'first_session')}", ("fees.first_session",)),
            ("li", f"Each later session: {formats.fee(c, 'session')}", ("fees.session",))]


def _first_appointment(c):
    out = [("p", f"{formats.wait(c)} of your first call.", ("access.first_appointment_within_days",)),
           ("p", formats.languages(c), ("access.languages",))]
    if formats.male_clinician(c):
        out.append(("p", formats.male_clinician(c), ("access.male_clinician_on_request",)))
    return out


# topic -> the paragraphs ("p") or list items ("li"): (kind, words, facts they come from)
ANSWERS = {
    "fees": _fees,
    "insurance": lambda c: [("p", formats.insurance(c), ("insurance.in_network", "insurance.superbill")),
                            ("p", formats.programs(c), ("insurance.medicare", "insurance.tricare",
                                                        "insurance.va_community_care"))],
    "superbill": lambda c: [("p", formats.superbill(c), ("insurance.superbill",))],
    "cancellation": lambda c: [("p", formats.cancellation(c), ("fees.cancellation",))],
    "sliding-scale": lambda c: [("p", formats.sliding_scale(c), ("fees.sliding_scale",))],
    "payment": lambda c: [("li", way, ("fees.payment",)) for way in (c.get("fees") or {}).get("payment") or []],
    "online": lambda c: [("p", f"{formats.where(c)}.", ("practice", "access.video_states")),
                         ("p", formats.psypact(c), ("access.psypact",))],
    "referral": lambda c: [("p", formats.referral(c), ("access.referral_needed",))],
    "first-appointment": _first_appointment,
}


class Answer(Block):
    """One answer from the facts; a subclass per topic (NAME)."""
    ARGUMENT = False

    def on_create(self, parent):
        clinic = self.config.get("clinic") or {}
        box = sub(parent, "div", class_=f"clinic-answer clinic-answer--{self.NAME}")
        parts = ANSWERS[self.NAME](clinic)
        holder = sub(box, "ul") if parts and parts[0][0] == "li" else box
        for kind, words, keys in parts:
            sample_mark(sub(holder, kind), clinic, keys, words)
        return freeze(box)


BLOCKS = [type(f"Answer_{topic.replace('-', '_')}", (Answer,), {"NAME": topic}) for topic in ANSWERS]
