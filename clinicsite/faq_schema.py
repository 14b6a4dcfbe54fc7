"""Describes a page of questions and answers to search engines (schema.org
FAQPage, as JSON-LD), built from the page's own expandable answers
(`/// details | Question`), so the markup can never drift from the words.

It applies to a page with three or more expandable answers at its top level.
"""
from __future__ import annotations

import html
import json
import re
import xml.etree.ElementTree as etree

from markdown import Extension
from markdown.treeprocessors import Treeprocessor
from markdown.util import AMP_SUBSTITUTE, AtomicString

MIN_QUESTIONS = 3


def _text(el, top=True) -> str:
    """The words of an element, without footnote markers."""
    parts = [] if el.tag == "sup" else [el.text or ""]
    if el.tag != "sup":
        parts += [_text(child, False) for child in el]
    if not top:
        parts.append(el.tail or "")
    return " ".join(" ".join(parts).split())


class FaqTreeprocessor(Treeprocessor):
    def plain(self, text: str) -> str:
        """Put back what Python-Markdown set aside (inline HTML, "&"), as words only."""
        stash = self.md.htmlStash.rawHtmlBlocks
        text = re.sub(r"\x02wzxhzdk:(\d+)\x03",
                      lambda m: re.sub(r"<[^>]+>", "", str(stash[int(m.group(1))])), text)
        return html.unescape(text.replace(AMP_SUBSTITUTE, "&"))

    def run(self, root):
        pairs = []
        for details in root.findall("details"):
            if "clinic-sources" in str(details.get("class", "")).split():
                continue  # the page's folded footnotes (clinicsite.footnote_marks), not a question
            summary = details.find("summary")
            if summary is None:
                continue
            answer = [child for child in details if child is not summary]
            question = self.plain(" ".join("".join(summary.itertext()).split()))
            text = self.plain(" ".join(filter(None, (_text(child) for child in answer))))
            if question and text:
                pairs.append((question, text))
        if len(pairs) < MIN_QUESTIONS:
            return
        data = {"@context": "https://schema.org", "@type": "FAQPage", "mainEntity": [
            {"@type": "Question", "name": q, "acceptedAnswer": {"@type": "Answer", "text": a}} for q, a in pairs]}
        script = etree.SubElement(root, "script", {"type": "application/ld+json"})
        # "<" escaped so the data can never close the script element early.
        script.text = AtomicString(json.dumps(data, ensure_ascii=False).replace("<", "\\u003c"))


class FaqSchemaExtension(Extension):
    def extendMarkdown(self, md):
        # After inline parsing (priority 20), so answers are plain words.
        md.treeprocessors.register(FaqTreeprocessor(md), "clinic_faq_schema", 5)


def makeExtension(**kwargs):
    return FaqSchemaExtension(**kwargs)
