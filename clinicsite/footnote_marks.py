"""Footnotes as a clinic's site shows them: markers kept out of the search
index, and the list of sources folded under one "Sources" heading.

Material's search plugin indexes each page's HTML and skips elements with
`data-search-exclude`; without this, its excerpts ran markers into the words
("ones.46"). A page's sources are for checking, not for reading through: a
wall of footnotes at the end of a short article buries the call to action, so
they sit in a closed `<details>`, one tap to open. The footnote list inside is
the footnotes extension's own (`div.footnote`, ids `fn:N`), so a marker's
tooltip (Material reads the note by its id) and the back-links still work, and
a marker's link opens the list (browsers open a closed `<details>` that holds
the target of a link). Done in Markdown, not in a template or a plugin, so
Zensical does it too.

Register it in mkdocs.yml `markdown_extensions:` as
`- clinicsite.footnote_marks`, after `footnotes`. (The comma between two
touching markers is the theme's: overrides/partials/content.html.)
"""
from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown import Extension
from markdown.treeprocessors import Treeprocessor


class FootnoteMarks(Treeprocessor):
    def run(self, root):
        for el in root.iter("sup"):
            if str(el.get("id", "")).startswith("fnref"):
                el.set("data-search-exclude", "")


class SourcesFold(Treeprocessor):
    def run(self, root):
        for i, el in enumerate(list(root)):
            if el.tag == "div" and "footnote" in str(el.get("class", "")).split():
                fold = etree.Element("details", {"class": "clinic-sources"})
                summary = etree.SubElement(fold, "summary", {"class": "clinic-sources__title"})
                summary.text = "Sources"
                for rule in el.findall("hr"):  # the summary is the divider now
                    el.remove(rule)
                root.remove(el)
                fold.append(el)
                root.insert(i, fold)


class FootnoteMarksExtension(Extension):
    def extendMarkdown(self, md):
        # After the inline patterns (priority 20) have turned [^1] into markers.
        md.treeprocessors.register(FootnoteMarks(md), "clinic_footnote_marks", 15)
        # After the footnotes extension has written its list (priority 50, duplicates 15).
        md.treeprocessors.register(SourcesFold(md), "clinic_sources_fold", 14)


def makeExtension(**kwargs):
    return FootnoteMarksExtension(**kwargs)
