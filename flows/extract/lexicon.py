"""Lexicon loading and phrase matching over tokens.

Lexicons are TSV files under flows/data (lines starting with '#' are comments, the first other line is
the header). A PhraseMatcher indexes phrases by their first token, so matching a sentence costs one dict
lookup per token (an Aho-Corasick-like scan without building an automaton).
"""

from __future__ import annotations

import csv
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


def read_tsv(name: str) -> list[dict[str, str]]:
    """Rows of a commented TSV file under flows/data, as dicts keyed by its header."""
    with open(DATA_DIR / name, encoding="utf-8") as fh:
        lines = [line for line in fh if line.strip() and not line.startswith("#")]
    rows = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    return [{k: (v or "").strip() for k, v in row.items() if k is not None} for row in rows]


def split_phrase(phrase: str) -> tuple[str, ...]:
    """A phrase as the token tuple the tokenizer would produce (lower case)."""
    from flows.extract.text import tokenize  # local import: text has no dependency back on lexicon

    return tuple(tok.low for tok in tokenize(phrase, 0))


class PhraseMatcher:
    """Finds lexicon phrases in a token sequence, longest match first, without overlaps."""

    def __init__(self) -> None:
        self._by_first: dict[str, list[tuple[tuple[str, ...], Any]]] = {}
        self._bit = _new_bit()

    def add(self, phrase: str | tuple[str, ...], payload: Any) -> None:
        key = phrase if isinstance(phrase, tuple) else split_phrase(phrase)
        if not key:
            return
        bucket = self._by_first.setdefault(key[0], [])
        _FIRST_BITS[key[0]] = _FIRST_BITS.get(key[0], 0) | self._bit
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

    def finditer(self, lows: Sequence[str]) -> Iterator[tuple[int, int, Any]]:
        """(start token, end token exclusive, payload) for each match, left to right."""
        return iter(self.find(lows))

    def find(self, lows: Sequence[str]) -> list[tuple[int, int, Any]]:
        """The matches of `finditer` as a list."""
        last = getattr(_LAST, "scan", None)
        if last is None or last[0] is not lows:
            last = _LAST.scan = _scan(lows)
        if not last[1] & self._bit:  # most lexicons have no word in most sentences
            return []
        by_first = self._by_first
        out = []
        nxt = 0
        for i in last[2]:
            if i < nxt:
                continue
            bucket = by_first.get(lows[i])
            if bucket is None:
                continue
            for key, payload in bucket:
                k = len(key)
                if k == 1 or tuple(lows[i : i + k]) == key:
                    out.append((i, i + k, payload))
                    nxt = i + k
                    break
        return out


# Every matcher has one bit; a word maps to the bits of the matchers with a phrase starting with it,
# so one pass over a sentence tells which matchers can match there and at which tokens.
_FIRST_BITS: dict[str, int] = {}
_BITS = [0]
_BITS_LOCK = threading.Lock()


def _new_bit() -> int:
    with _BITS_LOCK:
        _BITS[0] += 1
        return 1 << _BITS[0]


_LAST = threading.local()  # per thread: extraction may run in several threads of one worker


def _forget_scans() -> None:
    """A phrase added after a sentence was scanned (a lexicon loading on first use) must be seen."""
    global _LAST
    _LAST = threading.local()


def _scan(lows: Sequence[str]) -> tuple[Sequence[str], int, list[int]]:
    """(the tokens, the bits of all matchers with a phrase starting in them, the tokens where one
    may start). Kept for the next matcher run over the same token list (a sentence is matched
    against a dozen lexicons in a row)."""
    bits = _FIRST_BITS
    hits = [i for i, w in enumerate(lows) if w in bits]
    mask = 0
    for i in hits:
        mask |= bits[lows[i]]
    return lows, mask, hits
