"""Reads a Markdown source file the way the checks need it: front matter with
line numbers, and the body split into typed pieces that keep their line numbers.

MkDocs ignores malformed front matter silently and pymdownx shows an unknown
block as plain text, so the checks read the source themselves.
"""
from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

FENCE = re.compile(r"^\s*(```|~~~)")
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+(.*)$")
BLOCK_START = re.compile(r"^(\s*)(/{3,})\s*([\w-]+)\s*(?:\|\s*(.*))?$")
BLOCK_END = re.compile(r"^\s*/{3,}\s*$")
ADMONITION = re.compile(r"^\s*(!!!|\?\?\?\+?)\s+([\w-]+)(?:\s+\"(.*)\")?\s*$")
FOOTNOTE_DEF = re.compile(r"^\[\^[^\]]+\]:")
TABLE_ROW = re.compile(r"^\s*\|")
HTML_LINE = re.compile(r"^\s*</?[a-zA-Z!]")
COMMENT = re.compile(r"<!--.*?-->", re.S)


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml when present: 5x faster
    """YAML loader that keeps dates as dates, and an impossible date such as
    2026-13-01 as text, so the review-dates rule can name it."""


def _timestamp(loader, node):
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError:
        return loader.construct_scalar(node)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)


@dataclass
class Piece:
    kind: str  # paragraph | item | heading | block | admonition | code | table | html | footnote
    line: int  # 1-based line in the file
    text: str
    extra: dict = field(default_factory=dict)


@dataclass
class Source:
    path: Path
    rel: str  # path as shown in messages, e.g. docs/what-is-ipt.md
    text: str
    meta: dict | None  # None when the front matter could not be read
    meta_lines: dict  # key -> line
    meta_error: tuple[int, str] | None
    body_start: int  # line number of the first body line
    pieces: list[Piece]
    # (line, message, fix) when the file could not be read as an article at all:
    # not UTF-8, or over MAX_BYTES. Its other checks are then skipped.
    unreadable: tuple[int, str, str] | None = None

    @property
    def lines(self) -> list[str]:
        return self.text.splitlines()


def _front_matter(text: str):
    """Return (meta, key lines, error, body start line)."""
    lines = text.splitlines()
    if not lines or lines[0].strip() != "---":
        return {}, {}, None, 1
    end = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), None)
    if end is None:
        return None, {}, (1, "the top of the page has no closing `---` line"), 1
    block = "\n".join(lines[1:end])
    try:
        node = yaml.compose(block, Loader=_Loader)
        meta = yaml.load(block, Loader=_Loader)
    except yaml.YAMLError as err:
        return None, {}, _yaml_trouble(lines[1:end], err), end + 2
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        return None, {}, (2, "the top of the page must be `name: value` lines"), end + 2
    key_lines = {}
    if isinstance(node, yaml.MappingNode):
        for k, _v in node.value:
            key_lines[str(k.value)] = k.start_mark.line + 2
    return meta, key_lines, None, end + 2


FIELD = re.compile(r"^([A-Za-z_][\w-]*)\s*:(?:\s+(.*?))?\s*$")
SPECIAL_START = "@`%&*!"


def _closing_quote(value: str) -> int:
    """Index of the quote that closes `value` (which starts with one), or -1."""
    quote, i = value[0], 1
    while i < len(value):
        if quote == '"' and value[i] == "\\":
            i += 2
            continue
        if value[i] == quote:
            if quote == "'" and value[i + 1:i + 2] == "'":  # '' is a quote inside '...'
                i += 2
                continue
            return i
        i += 1
    return -1


def _yaml_trouble(block: list[str], err: yaml.YAMLError) -> tuple[int, str, str]:
    """(line, message, fix) for front matter YAML cannot read. YAML reports where
    it gave up, often lines after the mistake (an unclosed quote runs on to the
    next quote or to the end), so the lines are read for the usual mistakes first,
    up to that point; YAML's own words are the last resort."""
    mark = getattr(err, "problem_mark", None)
    gave_up = mark.line + 2 if mark else len(block) + 1
    for no, text in enumerate(block, 2):
        if no > gave_up:
            break
        if "\t" in text:
            return no, "this line has a tab in it", "use spaces instead of the tab"
        if not text.strip() or text.lstrip().startswith("#") or text[0] in " -":
            continue  # blank, a comment, or part of the value above
        m = FIELD.match(text)
        if not m:
            return (no, "this line is not `name: value`",
                    "write the field's name, a colon, a space and the value, e.g. `title: My page`; "
                    "if the text belongs to the line above, join it to that line")
        name, value = m.group(1), m.group(2) or ""
        if value[:1] in ('"', "'"):
            q = value[0]
            close = _closing_quote(value)
            if close < 0:
                return (no, f"the value of `{name}` opens a quote ({q}) that is never closed",
                        f"put a {q} at the end of the value on this line, or remove the opening {q}"
                        + ("; to show a \" inside the text, put the whole value in single quotes instead" if q == '"' else ""))
            rest = value[close + 1:].strip()
            if rest and not rest.startswith("#"):
                return (no, f"the value of `{name}` has more text after its closing quote ({q})",
                        f"put the quotes around the whole value: {name}: {q}...{q}")
            continue
        if value[:1] in ("[", "{"):
            pair = "]" if value[0] == "[" else "}"
            if value.count(value[0]) != value.count(pair):
                return (no, f"the value of `{name}` opens a {value[0]} that is not closed on this line",
                        f"close it with {pair} on the same line, e.g. {name}: [one, two]")
            continue
        if value[:1] in SPECIAL_START:
            return (no, f"the value of `{name}` starts with {value[0]}, a sign the top of the page reads as an instruction",
                    f"put the whole value in double quotes: {name}: \"{value}\"")
        if re.search(r":(\s|$)", value):
            from .typography import as_line, meant  # curly quotes around it go: they would show on the page

            return (no, f"the value of `{name}` has a colon followed by a space, which the top of the page "
                        "reads as a new field",
                    f"write the line as: {as_line(name, meant(value) + (':' if value.rstrip().endswith(':') and name not in ('title', 'description') else ''))}")
    # Nothing usual found: YAML's words, at the line where it gave up (for a
    # quoted value, where the quote opens).
    context = getattr(err, "context", None) or ""
    if "quoted scalar" in context and getattr(err, "context_mark", None):
        mark = err.context_mark
    line = mark.line + 2 if mark else 2
    problem = getattr(err, "problem", None) or str(err).splitlines()[0]
    return (line, f"the top of the page cannot be read here ({problem})",
            "make every line `name: value`; put double quotes around a value that has a colon or starts "
            "with a quote or a sign such as [ { @ * &; close the block with `---`")


def _pieces(lines: list[str], start: int) -> list[Piece]:
    pieces: list[Piece] = []
    i = start - 1
    para: list[str] = []
    para_line = 0
    in_comment = False

    def flush():
        nonlocal para
        if para:
            kind = "item" if LIST_ITEM.match(para[0]) else "paragraph"
            pieces.append(Piece(kind, para_line, " ".join(s.strip() for s in para)))
        para = []

    while i < len(lines):
        raw = lines[i]
        line_no = i + 1
        stripped = raw.strip()
        if in_comment:
            if "-->" in raw:
                in_comment = False
            i += 1
            continue
        if stripped.startswith("<!--") and "-->" not in stripped:
            flush()
            in_comment = True
            i += 1
            continue
        if FENCE.match(raw):
            flush()
            fence = FENCE.match(raw).group(1)
            j = i + 1
            while j < len(lines) and not lines[j].strip().startswith(fence):
                j += 1
            pieces.append(Piece("code", line_no, "\n".join(lines[i + 1:j]), {"info": stripped[3:].strip()}))
            i = j + 1
            continue
        if not stripped:
            flush()
            i += 1
            continue
        m = HEADING.match(raw)
        if m:
            flush()
            pieces.append(Piece("heading", line_no, m.group(2), {"level": len(m.group(1))}))
            i += 1
            continue
        m = BLOCK_START.match(raw)
        if m:
            flush()
            options, j = {}, i + 1
            # Options are indented `key: value` lines right after the header.
            opt_lines = []
            while j < len(lines) and lines[j].startswith("    ") and re.match(r"^\s+[\w-]+\s*:", lines[j]):
                opt_lines.append((j + 1, lines[j]))
                j += 1
            pieces.append(Piece("block", line_no, m.group(3).lower(), {
                "argument": (m.group(4) or "").strip(), "options": opt_lines, "indent": m.group(1)}))
            i = j
            continue
        if BLOCK_END.match(raw):
            flush()
            pieces.append(Piece("block-end", line_no, ""))
            i += 1
            continue
        m = ADMONITION.match(raw)
        if m:
            flush()
            pieces.append(Piece("admonition", line_no, m.group(2).lower(), {"title": m.group(3) or ""}))
            i += 1
            continue
        if FOOTNOTE_DEF.match(stripped):
            flush()
            pieces.append(Piece("footnote", line_no, stripped))
            i += 1
            continue
        if TABLE_ROW.match(raw):
            flush()
            pieces.append(Piece("table", line_no, stripped))
            i += 1
            continue
        if HTML_LINE.match(raw) and not para:
            flush()
            pieces.append(Piece("html", line_no, stripped))
            i += 1
            continue
        if LIST_ITEM.match(raw) and para:
            flush()
        if not para:
            para_line = line_no
        para.append(raw)
        i += 1
    flush()
    return pieces


# The largest article the build takes (EDITING.md says so). Python-Markdown is
# slow on huge input (about 22 s per MB here), and no real article comes close.
MAX_BYTES = 200 * 1024


def read(path: Path, root: Path) -> Source:
    """The file as the checks need it. A byte-order mark is dropped (some
    Windows editors add one; MkDocs drops it too); a file that is not UTF-8 or
    is too big is returned empty with `unreadable` set, so the caller can name
    it and go on with the other files."""
    rel = path.relative_to(root).as_posix()
    data = path.read_bytes()
    unreadable = None
    if len(data) > MAX_BYTES:
        unreadable = (1, f"the file has {len(data) // 1024} KB; the limit is {MAX_BYTES // 1024} KB",
                      "split it into shorter articles, or move long material to a linked PDF")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as err:
            line = data[:err.start].count(b"\n") + 1
            unreadable = (line, f"the file is not UTF-8 text (byte 0x{data[err.start]:02x} on this line)",
                          "save the file as UTF-8 in your editor (\"Save with encoding\"), or retype the odd "
                          "character; text pasted from a word processor often causes this")
    if unreadable:
        return Source(path, rel, "", {}, {}, None, 1, [], unreadable)
    meta, key_lines, error, body_start = _front_matter(text)
    return Source(path, rel, text, meta, key_lines, error, body_start, _pieces(text.splitlines(), body_start))


def is_date(value) -> bool:
    return isinstance(value, _dt.date) and not isinstance(value, _dt.datetime)
