"""Footnote markers kept out of the search index.

Material's search plugin indexes each page's HTML and skips elements with
`data-search-exclude`; without this, its excerpts ran markers into the words
("ones.46"). Register it in mkdocs.yml `markdown_extensions:` as
`- clinicsite.footnote_marks`, after `footnotes`. (The comma between two
touching markers is the theme's: overrides/partials/content.html.)
"""
from __future__ import annotations

from markdown import Extension
from markdown.treeprocessors import Treeprocessor


class FootnoteMarks(Treeprocessor):
    def run(self, root):
        for el in root.iter("sup"):
            if str(el.get("id", "")).startswith("fnref"):
                el.set("data-search-exclude", "")


class FootnoteMarksExtension(Extension):
    def extendMarkdown(self, md):
        # After the inline patterns (priority 20) have turned [^1] into markers.
        md.treeprocessors.register(FootnoteMarks(md), "clinic_footnote_marks", 15)


def makeExtension(**kwargs):
    return FootnoteMarksExtension(**kwargs)
