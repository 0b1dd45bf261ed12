"""Lexicon loading and phrase matching over tokens.

Lexicons are TSV files under sitrep/data (lines starting with '#' are comments, the first other line is
the header). A PhraseMatcher indexes phrases by their first token, so matching a sentence costs one dict
lookup per token (an Aho-Corasick-like scan without building an automaton).
"""

from __future__ import annotations

import csv
import itertools
import threading
from collections.abc import Callable, Sequence
from functools import cache
from typing import Any

from sitrep.config import DATA_DIR


def read_tsv(name: str) -> list[dict[str, str]]:
    """Rows of a commented TSV file under sitrep/data, as dicts keyed by its header."""
    with open(DATA_DIR / name, encoding="utf-8") as fh:
        lines = [line for line in fh if line.strip() and not line.startswith("#")]
    rows = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    return [{k: (v or "").strip() for k, v in row.items() if k is not None} for row in rows]


def word_set(name: str, group: str) -> frozenset[str]:
    """The words of one group of a word-list lexicon (columns `word`, `group`; a word may be in several
    groups), e.g. word_set("lexicons/place_cues.tsv", "locative"). An unknown group is an error, not an
    empty set: a typo must not silently switch a rule off."""
    groups = _word_groups(name)
    if group not in groups:
        raise KeyError(f"{name} has no group {group!r} (groups: {', '.join(sorted(groups))})")
    return groups[group]


@cache
def _word_groups(name: str) -> dict[str, frozenset[str]]:
    groups: dict[str, set[str]] = {}
    for row in read_tsv(name):
        groups.setdefault(row["group"], set()).add(row["word"])
    return {g: frozenset(ws) for g, ws in groups.items()}


def split_phrase(phrase: str) -> tuple[str, ...]:
    """A phrase as the token tuple the tokenizer would produce (lower case)."""
    from sitrep.extract.text import tokenize  # local import: text has no dependency back on lexicon

    return tuple(tok.low for tok in tokenize(phrase, 0))


def tsv_matcher(
    name: str, column: str, payload: Callable[[dict[str, str]], Any] = lambda row: True
) -> PhraseMatcher:
    """A PhraseMatcher over one column of a lexicon file, each phrase carrying payload(row)."""
    m = PhraseMatcher()
    for row in read_tsv(name):
        m.add(row[column], payload(row))
    return m


class PhraseMatcher:
    """Finds lexicon phrases in a token sequence, longest match first, without overlaps."""

    def __init__(self) -> None:
        self._by_first: dict[str, list[tuple[tuple[str, ...], Any]]] = {}
        self._id = next(_MATCHER_IDS)

    def add(self, phrase: str | tuple[str, ...], payload: Any) -> None:
        key = phrase if isinstance(phrase, tuple) else split_phrase(phrase)
        if not key:
            return
        bucket = self._by_first.setdefault(key[0], [])
        owners = _FIRST_WORD_OWNERS.get(key[0], ())
        if self._id not in owners:
            _FIRST_WORD_OWNERS[key[0]] = (*owners, self._id)
            _forget_scans()
        if any(existing == key for existing, _ in bucket):
            return  # first entry wins: files list preferred readings first
        bucket.append((key, payload))
        bucket.sort(key=lambda item: -len(item[0]))

    def __contains__(self, word: str) -> bool:
        return word in self._by_first

    def match_at(self, lows: Sequence[str], i: int) -> tuple[int, Any] | None:
        """(end token exclusive, payload) of the longest phrase starting at token i, if any."""
        for key, payload in self._by_first.get(lows[i], ()):
            k = len(key)
            if k == 1 or tuple(lows[i : i + k]) == key:
                return i + k, payload
        return None

    def find(self, lows: Sequence[str]) -> list[tuple[int, int, Any]]:
        """(start token, end token exclusive, payload) for each match, left to right."""
        cache = _LAST  # read once: a lexicon loading in another thread replaces it after updating owners
        scans = getattr(cache, "scans", None)
        if scans is None:
            scans = cache.scans = {}
        last = scans.get(id(lows))
        if last is None or last[0] is not lows:
            if len(scans) >= _SCANS_KEPT:
                scans.clear()
            last = scans[id(lows)] = (lows, _starts(lows))
        starts = last[1].get(self._id)
        if starts is None:  # most lexicons have no word in most sentences
            return []
        by_first = self._by_first
        out = []
        nxt = 0
        final = len(lows) - 1  # the last token
        for i in starts:
            if i < nxt:
                continue
            for key, payload in by_first[lows[i]]:
                k = len(key)
                # the second word first: most longer phrases differ there, and it needs no tuple built
                if k == 1 or (i < final and lows[i + 1] == key[1] and tuple(lows[i : i + k]) == key):
                    out.append((i, i + k, payload))
                    nxt = i + k
                    break
        return out


# A word maps to the matchers with a phrase starting with it, so one pass over a sentence tells each
# matcher at which tokens it may match.
_FIRST_WORD_OWNERS: dict[str, tuple[int, ...]] = {}
_MATCHER_IDS = itertools.count()  # next() on a count is atomic under the GIL
_LAST = threading.local()  # per thread: extraction may run in several threads of one worker
# Token lists whose scans are kept (keyed by id, each kept with its list so that the id is not reused):
# a sentence is matched against a dozen lexicons in a row, and the stages after the sentence analyses
# (restatements, summaries) ask again about the sentences of the document, which are mostly fewer.
_SCANS_KEPT = 64


def _forget_scans() -> None:
    """A phrase added after a sentence was scanned (a lexicon loading on first use) must be seen."""
    global _LAST
    _LAST = threading.local()


def _starts(lows: Sequence[str]) -> dict[int, list[int]]:
    """Matcher id -> tokens where one of its phrases may start. Kept for the next matcher runs over the
    same token list (_SCANS_KEPT)."""
    owners = _FIRST_WORD_OWNERS
    out: dict[int, list[int]] = {}
    for i in [i for i, w in enumerate(lows) if w in owners]:
        for m in owners[lows[i]]:
            got = out.get(m)
            if got is None:
                out[m] = [i]
            else:
                got.append(i)
    return out
