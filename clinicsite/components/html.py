"""HTML helpers of the components: elements built with ElementTree (which
escapes every text and attribute), and the pieces several components share.
How a fact is worded lives in clinicsite/formats.py."""
from __future__ import annotations

import xml.etree.ElementTree as etree
from urllib.parse import urlsplit

from markdown.util import AtomicString

from ..formats import preset


def page_url(config: dict, page: str) -> str:
    """The address of a page of the site, e.g. page_url(config, "contact/").

    A Markdown extension does not know which page it is on, so it cannot write
    a relative link; it writes the path from the site's root, taken from
    `site_url` (so the site also works under a subpath such as /clinic/).
    Both MkDocs and Zensical leave such a link as it is."""
    return (urlsplit(str(config.get("site_url") or "/")).path.rstrip("/") or "") + "/" + page


def sub(parent, tag: str, text: str | None = None, **attrs) -> etree.Element:
    """A child element; `class_` becomes `class`. ElementTree escapes on output."""
    el = etree.SubElement(parent, tag, {k.rstrip("_").replace("__", "-"): str(v) for k, v in attrs.items()})
    if text is not None:
        el.text = text
    return el


def link(parent, href: str, text: str, tail: str | None = None, **attrs) -> etree.Element:
    a = sub(parent, "a", text, href=href, **attrs)
    if tail is not None:
        a.tail = tail
    return a


def crisis_sentence(parent, config: dict) -> None:
    """Appends 'In a crisis, call 988 or text 988. In an emergency, call 911.'
    with tap-to-call and tap-to-text links, from the region's preset."""
    p = preset(config)
    main = (p.get("lines") or [{}])[0]
    emergency = p.get("emergency") or {}
    _append_text(parent, "In a crisis, ")
    contact_ways(parent, main)
    _append_text(parent, f" ({main.get('name', '')}). In an emergency, call ")
    link(parent, f"tel:{emergency.get('e164', '')}", str(emergency.get("number", "")), tail=".")


def contact_ways(parent, line: dict) -> None:
    """'call 988 or text 988' / 'text HOME to 741741', as tap links."""
    number = str(line.get("display") or line.get("call") or "")
    if line.get("call"):
        _append_text(parent, "call ")
        link(parent, f"tel:{line['call']}", number)
    if line.get("call") and line.get("text"):
        _append_text(parent, " or ")
    if line.get("text"):
        keyword = line.get("keyword")
        _append_text(parent, f"text {keyword} to " if keyword else "text ")
        body = f"?&body={keyword}" if keyword else ""
        link(parent, f"sms:{line['text']}{body}", str(line["text"]))


def freeze(el: etree.Element) -> etree.Element:
    """Mark every text of `el` as final, so Markdown's inline syntax never runs
    on a clinic fact: a `<`, `*` or `&` in a fact is shown as typed, not parsed."""
    for node in el.iter():
        if node.text:
            node.text = AtomicString(node.text)
        if node.tail:
            node.tail = AtomicString(node.tail)
    return el


def _append_text(parent, text: str) -> None:
    if len(parent):
        last = parent[-1]
        last.tail = (last.tail or "") + text
    else:
        parent.text = (parent.text or "") + text


def not_emergency(parent, config: dict) -> etree.Element:
    """The note beside every contact route: reply time, not an emergency service, crisis line."""
    clinic = config.get("clinic") or {}
    p = sub(parent, "p", class_="clinic-note")
    sub(p, "strong", "We are not an emergency service.").tail = (
        f" We reply within {clinic.get('reply_within', 'one working day')}. ")
    crisis_sentence(p, config)
    return p


SAMPLE_TITLE = "Sample value: replace it in mkdocs.yml, or confirm it, before launch"


def sample_mark(parent, clinic: dict, keys, words: str) -> etree.Element:
    """Writes `words` into `parent`; when a fact they come from is still the
    sample the site ships with (and not confirmed), inside a <mark> the preview
    shows like a placeholder. A production build refuses samples, so no
    visitor ever sees one."""
    from ..facts import sample_facts

    samples = sample_facts(clinic)
    if any(k in samples for k in keys):
        return sub(parent, "mark", words, class_="clinic-sample", title=SAMPLE_TITLE)
    parent.text = (parent.text or "") + words
    return parent
