"""Contact form for a static host: name, how to reach the person, a good
time, a short message under a notice not to include health details, consent
linking the privacy notice, and a hidden honeypot field.

    /// contact-form | Send us a message
    ///

The heading (default "Send us a message") is part of the component, so a site
without a form shows no orphan heading. Option: `heading_level` 2 to 4.

It posts (method POST) to `extra: clinic: form: endpoint:`, through the
provider set in `form: provider:`. With no endpoint, nothing is rendered and
the contact card stands alone. Without JavaScript it is a plain form; with it,
overrides/assets/clinic.js sends it in the background and keeps what the
visitor typed on any failure.

Providers differ in where the form goes, the honeypot's name, the headers they
want, and what they answer (see HOSTING.md "The contact form"):
- formspree: POST to https://formspree.io/f/<id>; honeypot `_gotcha`;
  `Accept: application/json` makes it answer JSON (`{"ok": true}` or errors).
- netlify: Netlify Forms catch the POST on the site itself (endpoint: a page
  path such as /message-sent/); the form needs `data-netlify` and a
  `form-name` field; honeypot `bot-field` (named by `netlify-honeypot`);
  the answer is HTML, so success is any 2xx.
- generic: any endpoint that takes a form POST; honeypot `website`; 2xx is success.
"""
from __future__ import annotations

from pymdownx.blocks.block import Block, type_ranged_integer

from ..formats import crisis_plain
from .html import freeze, link, page_url, sub

PROVIDERS = {
    "formspree": {"honeypot": "_gotcha", "accept": "application/json"},
    "netlify": {"honeypot": "bot-field", "accept": "text/html"},
    "generic": {"honeypot": "website", "accept": "application/json"},
}
FORM_NAME = "contact"


def _field(form, key, label, hint=None, tag="input", **attrs):
    wrap = sub(form, "div", class_="clinic-form__field")
    sub(wrap, "label", label, for_=f"cf-{key}", class_="clinic-form__label")
    if hint:
        sub(wrap, "p", hint, id=f"cf-{key}-hint", class_="clinic-form__hint")
        attrs["aria-describedby"] = f"cf-{key}-hint"
    el = sub(wrap, tag, id=f"cf-{key}", name=key, class_="clinic-form__input", **attrs)
    if tag == "textarea":
        el.text = ""
    return el


class ContactForm(Block):
    NAME = "contact-form"
    ARGUMENT = None
    OPTIONS = {"heading_level": [2, type_ranged_integer(2, 4)]}

    def on_create(self, parent):
        clinic = self.config.get("clinic") or {}
        form_cfg = clinic.get("form") or {}
        endpoint = str(form_cfg.get("endpoint") or "")
        provider = str(form_cfg.get("provider") or "generic")
        settings = PROVIDERS.get(provider, PROVIDERS["generic"])
        phone = clinic.get("phone") or {}
        self.empty, self.parent = not endpoint, parent
        if self.empty:
            return sub(parent, "div")  # removed in on_end: no endpoint, no form

        attrs = {
            "class": "clinic-form", "method": "post", "action": endpoint, "name": FORM_NAME,
            "data-clinic-form": provider, "data-accept": settings["accept"], "data-timeout-ms": "15000",
            "data-msg-sending": "Sending your message...",
            "data-msg-success": (f"Thank you. Your message has been sent. We reply within "
                                 f"{clinic.get('reply_within', 'one working day')}. We are not an emergency service. "
                                 + crisis_plain(self.config)),
            "data-msg-failure": ("Sorry, your message was not sent ({reason}). Everything you typed is still in "
                                 f"the form. Please try again, or call us on {phone.get('display', '')}."),
        }
        if provider == "netlify":
            attrs.update({"data-netlify": "true", "netlify-honeypot": settings["honeypot"]})
        wrap = sub(parent, "div", class_="clinic-form-section")
        # The heading belongs to the component: with no form, no orphan heading.
        sub(wrap, f"h{self.options['heading_level']}", self.argument or "Send us a message", id="send-us-a-message")
        sub(wrap, "p", "If you would rather not write anything down, that is fine: just call us during opening hours.")
        form = sub(wrap, "form", **{k.replace("-", "__"): v for k, v in attrs.items()})
        if provider == "netlify":
            sub(form, "input", type="hidden", name="form-name", value=FORM_NAME)

        notice = sub(form, "p", class_="clinic-form__notice")
        sub(notice, "strong", "Please do not include health details.").tail = (
            " Tell us only how to reach you and when. We will talk about the rest in person.")
        _field(form, "name", "Your name", autocomplete="name", required="required", maxlength="100")
        _field(form, "contact", "Phone number or email", "How should we get back to you?",
               required="required", maxlength="200", autocomplete="on")
        _field(form, "good_time", "A good time to reach you (optional)", "For example: weekday evenings.",
               maxlength="200")
        _field(form, "message", "Message (optional)", "A short note. Please leave out health details.",
               tag="textarea", rows="4", maxlength="1000")

        consent = sub(form, "div", class_="clinic-form__consent")
        sub(consent, "input", type="checkbox", id="cf-consent", name="consent", value="yes", required="required")
        label = sub(consent, "label", "I agree that the clinic may use these details to contact me, as the ",
                    for_="cf-consent")
        link(label, page_url(self.config, "privacy/"), "privacy notice", tail=" explains.")

        # A field people never see or fill in; form robots do, and are ignored.
        trap = sub(form, "div", class_="clinic-form__trap", aria__hidden="true")
        sub(trap, "label", "Leave this field empty", for_="cf-trap")
        sub(trap, "input", id="cf-trap", name=settings["honeypot"], type="text", tabindex="-1", autocomplete="off")

        sub(form, "button", "Send message", type="submit", class_="md-button md-button--primary clinic-form__submit")
        sub(form, "div", id="cf-status", class_="clinic-form__status", role="status", aria__live="polite",
            tabindex="-1")
        # No "not an emergency service" note here: the contact card beside the form
        # says it once for the page, and the message after sending says it again.
        return freeze(wrap)

    def on_end(self, block):
        if self.empty:
            self.parent.remove(block)
