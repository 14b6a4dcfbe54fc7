"""Every crisis line of the clinic's region, with tap-to-call and tap-to-text
links, the emergency number first, and a directory for other countries.

    /// crisis-lines
    ///

    /// crisis-lines
        buttons: true
    ///

The lines come from the region's preset (mkdocs.yml `extra: crisis_presets:`),
chosen by `extra: clinic: crisis: region:`. A line may have `call`, `display`,
`press` (the menu option to choose after calling), `text`, `keyword`, `chat`
(an https link to the line's chat page), `tty` (a number for a text telephone,
for deaf and hard-of-hearing callers; `tty_display` is how it is written) and
`note`.

`buttons: true` (the crisis page) shows each line as a card with large call,
text and chat buttons, for a thumb on a phone; the CSS is in
overrides/assets/crisis.css.
"""
from __future__ import annotations

import datetime

from pymdownx.blocks.block import Block, type_boolean

from ..formats import date_long, preset
from .html import freeze, link, sub


def _is_https(url) -> bool:
    # A chat link is the only web address a preset carries: never javascript: or http.
    return isinstance(url, str) and url.startswith("https://")


def sms_href(line: dict) -> str:
    keyword = line.get("keyword")
    return f"sms:{line['text']}" + (f"?&body={keyword}" if keyword else "")


def ways(line: dict) -> list[tuple[str, str, str]]:
    """(kind, href, words) for each way to reach a line, in the order people use them."""
    out = []
    if line.get("call"):
        number = str(line.get("display") or line["call"])
        words = f"Call {number}" + (f", then press {line['press']}" if line.get("press") else "")
        out.append(("call", f"tel:{line['call']}", words))
    if line.get("text"):
        keyword = line.get("keyword")
        out.append(("text", sms_href(line), f"Text {keyword} to {line['text']}" if keyword else f"Text {line['text']}"))
    if line.get("tty"):
        out.append(("tty", f"tel:{line['tty']}", f"TTY {line.get('tty_display') or line['tty']}"))
    if _is_https(line.get("chat")):
        out.append(("chat", line["chat"], "Chat online"))
    return out


def _sentence(li, line: dict) -> None:
    """'call 988, then press 1, or text 838255', with the numbers as tap links."""
    parts = ways(line)
    for i, (kind, href, _) in enumerate(parts):
        if i:
            _append(li, " or " if len(parts) == 2 and not line.get("press") else (", or " if i == len(parts) - 1 else ", "))
        if kind == "call":
            _append(li, "call ")
            a = link(li, href, str(line.get("display") or line["call"]))
            if line.get("press"):
                a.tail = f", then press {line['press']}"
        elif kind == "text":
            _append(li, f"text {line['keyword']} to " if line.get("keyword") else "text ")
            link(li, href, str(line["text"]))
        elif kind == "tty":
            _append(li, "TTY ")
            link(li, href, str(line.get("tty_display") or line["tty"]))
        else:
            link(li, href, "chat online")


def _append(parent, text: str) -> None:
    if len(parent):
        parent[-1].tail = (parent[-1].tail or "") + text
    else:
        parent.text = (parent.text or "") + text


def _buttons(parent, name: str, parts) -> None:
    actions = sub(parent, "p", class_="clinic-crisis-line__actions")
    for kind, href, words in parts:
        a = link(actions, href, words, class_=f"clinic-crisis-button clinic-crisis-button--{kind}")
        # Several lines share 988: the hidden name tells a screen reader which one this is.
        sub(a, "span", f", {name}", class_="clinic-visually-hidden")


def render(parent, config: dict, buttons: bool = False):
    """The region's crisis lines as a box under `parent` (also used by the PHQ-9 check)."""
    p = preset(config)
    region = ((config.get("clinic") or {}).get("crisis") or {}).get("region", "")
    box = sub(parent, "div", class_="clinic-crisis-lines" + (" clinic-crisis-lines--buttons" if buttons else ""))
    items = sub(box, "ul", class_="clinic-crisis-lines__list")
    emergency = p.get("emergency") or {}
    label = str(emergency.get("label", "Emergency"))
    li = sub(items, "li", class_="clinic-crisis-lines__emergency")
    if buttons:
        sub(li, "strong", label, class_="clinic-crisis-line__name")
        sub(li, "span", "If you or someone else is in danger now.", class_="clinic-crisis-lines__note")
        _buttons(li, label, [("call", f"tel:{emergency.get('e164', '')}", f"Call {emergency.get('number', '')}")])
    else:
        sub(li, "strong", f"{label}:").tail = " if you or someone else is in danger now, call "
        link(li, f"tel:{emergency.get('e164', '')}", str(emergency.get("number", "")), tail=".")
    for line in p.get("lines") or []:
        name = str(line.get("name", ""))
        li = sub(items, "li", class_="clinic-crisis-line")
        if buttons:
            sub(li, "strong", name, class_="clinic-crisis-line__name")
            if line.get("note"):
                sub(li, "span", f"{line['note']}.", class_="clinic-crisis-lines__note")
            _buttons(li, name, ways(line))
            continue
        sub(li, "strong", f"{name}:").tail = " "
        _sentence(li, line)
        if line.get("note"):
            li[-1].tail = (li[-1].tail or "") + ". "
            sub(li, "span", f"{line['note']}.", class_="clinic-crisis-lines__note")
    elsewhere = config.get("elsewhere") or {}
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


class CrisisLines(Block):
    NAME = "crisis-lines"
    ARGUMENT = False
    OPTIONS = {"buttons": [False, type_boolean]}

    def on_create(self, parent):
        return render(parent, self.config, self.options["buttons"])
