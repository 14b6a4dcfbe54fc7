"""The spelling check: every word of the prose staff write (titles,
descriptions, headings, paragraphs, list items, table cells, box titles), in US
English, against pyspellchecker's English dictionary (US spellings: it does
not know "colour") and the clinic's own word list.

Not checked: code, link and image addresses, HTML tags and comments, footnote
definitions (a source is cited as it was published), component options.

Words the dictionary does not know but the clinic uses (names, clinical terms)
go in `spelling.txt` next to mkdocs.yml, one a line, or, for one page only, in
that page's `spelling:` list at the top of the page. Case does not matter.
"""
from __future__ import annotations

import difflib
import functools
import marshal
import re
import sys
from pathlib import Path

from .problems import Problem
from .source import BLOCK_START, Source

WORD_LIST = "spelling.txt"
# What is not prose, removed from a line before its words are read.
NOT_PROSE = re.compile(
    r"<!--.*?(?:-->|$)"                 # an HTML comment (the rest of the line if it goes on)
    r"|`[^`]*`"                         # inline code
    r"|\]\([^)]*\)|\]\[[^\]]*\]"        # a link's or picture's address, a reference
    r"|<[^>]+>"                         # an HTML tag or an autolink
    r"|\b(?:https?://|www\.)\S+"        # a bare address
    r"|\S+@\S+\.\w+"                    # an email address
    r"|\[\^[^\]]+\]"                    # a footnote marker
    r"|\{[^}]*\}"                       # attributes: { #id .class }
    r"|:[\w+-]+:"                       # an icon or emoji, :material-phone:
    r"|&\w+;"                           # an HTML entity
)
SKIP_LINE = re.compile(
    r"^\s*\[\^[^\]]+\]:"                # a footnote definition: the sources
    r"|^\s*\[[^\]]+\]:\s*\S+"           # a reference link's address
    r"|^\s*\|?[\s:|-]*-{3,}[\s:|-]*$"   # a table's separator row
)
WORD = re.compile(r"[A-Za-z]+(?:['\u2019][A-Za-z]+)*")


@functools.lru_cache(maxsize=1)
def dictionary():
    """pyspellchecker's English dictionary, loaded once per process (about half
    a second): only for suggestions, when a page has an unknown word."""
    from spellchecker import SpellChecker

    return SpellChecker(language="en", distance=2)


def _cache() -> Path:
    import spellchecker

    return Path(sys.prefix) / ".cache" / f"spelling-en-{spellchecker.__version__}.marshal"


@functools.lru_cache(maxsize=1)
def english() -> dict:
    """The dictionary's words (word -> frequency). A marshal copy kept inside
    the virtual environment loads in a tenth of the time of the package's
    compressed JSON (the check command's whole budget is two seconds); it is
    rebuilt whenever pyspellchecker's version changes. As readability.py does."""
    cache = _cache()
    try:
        table = marshal.loads(cache.read_bytes())
        if isinstance(table, dict) and table:
            return table
    except (OSError, ValueError, EOFError, TypeError):
        pass
    table = dict(dictionary().word_frequency.dictionary)
    try:
        cache.parent.mkdir(exist_ok=True)
        cache.write_bytes(marshal.dumps(table))
    except OSError:
        pass  # a read-only environment: no cache, only slower
    return table


@functools.lru_cache(maxsize=8)
def _site_words(path: Path, mtime_ns: int) -> frozenset[str]:
    text = path.read_text(encoding="utf-8")
    return frozenset(w.lower() for line in text.splitlines()
                     for w in [line.split("#", 1)[0].strip()] if w)


def site_words(root: Path) -> frozenset[str]:
    """The clinic's own word list (spelling.txt), re-read only when it changes."""
    path = Path(root) / WORD_LIST
    try:
        return _site_words(path, path.stat().st_mtime_ns)
    except (OSError, UnicodeDecodeError):
        return frozenset()


def prose_lines(src: Source):
    """(line number, text) of every piece of prose in the page."""
    meta = src.meta or {}
    for name in ("title", "description"):
        if isinstance(meta.get(name), str):
            yield src.meta_lines.get(name, 1), meta[name]
    options = {no for piece in src.pieces if piece.kind == "block" for no, _ in piece.extra["options"]}
    in_code, fence = False, ""
    for no, line in enumerate(src.lines, 1):
        if no < src.body_start or no in options:
            continue
        stripped = line.strip()
        if in_code:
            in_code = not stripped.startswith(fence)
            continue
        if stripped.startswith(("```", "~~~")):
            in_code, fence = True, stripped[:3]
            continue
        if SKIP_LINE.match(line):
            continue
        block = BLOCK_START.match(line)
        if block:
            line = block.group(4) or ""  # only the box's title is prose
        yield no, NOT_PROSE.sub(" ", line)


def unknown_words(words, known: frozenset[str]) -> list[str]:
    english_words = english()  # membership is all we need here
    out = []
    for word in words:
        plain = word.replace("\u2019", "'")
        lower = plain.lower()
        if lower in english_words or lower in known:
            continue
        base = lower[:-2] if lower.endswith("'s") else lower
        if len(base) < 2 or base in english_words or base in known:
            continue
        out.append(plain)
    return out


def suggestions(word: str, own: frozenset[str] = frozenset()) -> list[str]:
    """Up to three known words close to `word`, the most common first: one edit
    away (pyspellchecker), else the closest of the words that start with the
    same letter and are about as long (difflib; pyspellchecker's two-edit search
    takes seconds per word)."""
    checker = dictionary()
    lower = word.lower()
    edits = checker.edit_distance_1(lower)
    found = (checker.known(edits) | (edits & own)) - {lower}
    if not found:
        found = set(difflib.get_close_matches(lower, _similar(lower[:1], len(lower)), n=6, cutoff=0.75))
    best = sorted(found, key=lambda w: (-checker.word_frequency[w], w))[:3]
    return [w.capitalize() if word[:1].isupper() else w for w in best]


@functools.lru_cache(maxsize=256)
def _similar(first: str, size: int) -> tuple[str, ...]:
    return tuple(w for w in dictionary().word_frequency.keys()
                 if w[:1] == first and abs(len(w) - size) <= 2)


# British forms the site's writers meet most often, each with its US form. Stems
# that take -ise/-isation are expanded below; everything matches as whole words.
_IZE = ["organ", "recogn", "real", "apolog", "special", "minim", "maxim", "emphas", "critic", "summar",
        "priorit", "util", "normal", "stabil", "hospital", "author", "categor", "mobil", "social",
        "sympath", "final", "memor", "personal", "custom", "optim", "visual", "character", "familiar",
        "general", "civil", "stigmat", "legitim", "trivial", "patron", "jeopard", "symbol", "vandal"]
BRITISH = {
    **{f"{s}{uk}": f"{s}{us}" for s in _IZE for uk, us in (("ise", "ize"), ("ised", "ized"), ("ises", "izes"),
                                                          ("ising", "izing"), ("isation", "ization"),
                                                          ("isations", "izations"))},
    **{f"{w}{end}": f"{w[:-1]}{end}" for w in ("behaviou", "colou", "favou", "honou", "labou", "neighbou",
                                                "humou", "rumou", "flavou", "endeavou", "harbou", "vigou",
                                                "odou", "armou", "savou")
       for end in ("r", "rs", "red", "ring", "ral", "rally", "rite", "rites", "rable", "rably", "rful",
                   "rhood", "rhoods", "rless")},
    "centre": "center", "centres": "centers", "centred": "centered", "theatre": "theater", "metre": "meter",
    "metres": "meters", "litre": "liter", "fibre": "fiber", "calibre": "caliber", "sombre": "somber",
    "licence": "license", "licences": "licenses", "licenced": "licensed", "defence": "defense",
    "offence": "offense", "offences": "offenses", "pretence": "pretense",
    "practise": "practice", "practised": "practiced", "practises": "practices", "practising": "practicing",
    "analyse": "analyze", "analysed": "analyzed", "analyses": None, "analysing": "analyzing",
    "paralyse": "paralyze", "paralysed": "paralyzed",
    "programme": "program", "programmes": "programs",
    "counselling": "counseling", "counsellor": "counselor", "counsellors": "counselors",
    "counselled": "counseled", "travelled": "traveled", "travelling": "traveling", "traveller": "traveler",
    "cancelled": "canceled", "cancelling": "canceling", "labelled": "labeled", "labelling": "labeling",
    "modelling": "modeling", "modelled": "modeled", "fuelled": "fueled", "signalling": "signaling",
    "marvellous": "marvelous", "jewellery": "jewelry", "instalment": "installment",
    "enrol": "enroll", "enrols": "enrolls", "enrolment": "enrollment", "enrolments": "enrollments",
    "fulfil": "fulfill", "fulfils": "fulfills", "fulfilment": "fulfillment", "skilful": "skillful",
    "wilful": "willful", "judgement": "judgment", "judgements": "judgments", "ageing": "aging",
    "grey": "gray", "sceptical": "skeptical", "mould": "mold", "cheque": "check", "cheques": "checks",
    "tyre": "tire", "tyres": "tires", "mum": "mom", "mums": "moms", "whilst": "while", "amongst": "among",
    "learnt": "learned", "speciality": "specialty", "paediatric": "pediatric", "paediatrician": "pediatrician",
    "anaesthetic": "anesthetic", "oestrogen": "estrogen", "haemorrhage": "hemorrhage", "manoeuvre": "maneuver",
    "aeroplane": "airplane", "pyjamas": "pajamas", "storey": "story", "draught": "draft", "plough": "plow",
}
BRITISH = {uk: us for uk, us in BRITISH.items() if us}  # "analyses" is also the US plural of analysis


def check_spelling(src: Source, ctx) -> list[Problem]:
    """Each unknown word once per line, with up to three suggestions."""
    own = (src.meta or {}).get("spelling")
    known = site_words(ctx.root) | {str(w).lower() for w in own if isinstance(w, (str, int))} \
        if isinstance(own, list) else site_words(ctx.root)
    known = known | BRITISH.keys()  # the us-spelling rule names those, with their US form
    severity = "error" if ctx.production else "warning"
    out = []
    for no, text in prose_lines(src):
        seen = set()
        for word in unknown_words(WORD.findall(text), known):
            if word.lower() in seen:
                continue
            seen.add(word.lower())
            close = suggestions(word, known)
            shown = " or ".join(f'"{w}"' for w in close)
            hint = f"did you mean {shown}?" if close else "check the spelling"
            out.append(Problem(src.rel, no, "spelling", f"\"{word}\" is not in the US English dictionary",
                               f"{hint} If \"{word}\" is right (a name or a term), add it to the page's "
                               f"`spelling:` list at the top of the page, or to {WORD_LIST} for the whole site",
                               severity))
    return out
