"""Comments stay in the source: a Python-Markdown extension that removes HTML
comments from every page's HTML (staff notes, the `wording-ok` mark).

A Markdown extension rather than a MkDocs plugin so that it also runs under
Zensical. It removes comments from the finished HTML of each page, after raw
HTML has been put back; code is escaped by then (`&lt;!--`), so a comment shown
in a code example stays visible. The blog's excerpt mark (`<!-- more -->`) is
kept, because the blog plugin splits the post's HTML on it; the publishing step
(clinicsite/publish.py) removes it from the built pages.
"""
from __future__ import annotations

import re

from markdown import Extension
from markdown.postprocessors import Postprocessor

# Ends at the first `-->`, or at `--!>`, which browsers also accept.
COMMENT = re.compile(r"<!--.*?--!?>", re.S)
EXCERPT_MARK = "<!-- more -->"


def strip_comments(html: str, keep: str = EXCERPT_MARK) -> str:
    parts = html.split(keep) if keep else [html]
    return keep.join(COMMENT.sub("", part) for part in parts)


class _Strip(Postprocessor):
    def __init__(self, md, keep: str):
        super().__init__(md)
        self.keep = keep

    def run(self, text: str) -> str:
        return strip_comments(text, self.keep) if "<!--" in text else text


class CommentsExtension(Extension):
    def __init__(self, **kwargs):
        self.config = {"keep": [EXCERPT_MARK, "a comment left in place for the blog's excerpt; empty: none"]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md):
        # After every built-in postprocessor (raw HTML is restored at 30).
        md.postprocessors.register(_Strip(md, self.getConfig("keep")), "clinic_comments", 1)


def makeExtension(**kwargs):
    return CommentsExtension(**kwargs)
