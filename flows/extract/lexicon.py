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
        self._keys: set[str] = set()

    def add(self, phrase: str | tuple[str, ...], payload: Any) -> None:
        key = phrase if isinstance(phrase, tuple) else split_phrase(phrase)
        if not key:
            return
        bucket = self._by_first.setdefault(key[0], [])
        self._keys.add(key[0])
        if any(existing == key for existing, _ in bucket):
            return  # first entry wins: files list preferred readings first
        bucket.append((key, payload))
        bucket.sort(key=lambda item: -len(item[0]))

    def __contains__(self, word: str) -> bool:
        return word in self._by_first

    def finditer(self, lows: Sequence[str]) -> Iterator[tuple[int, int, Any]]:
        """(start token, end token exclusive, payload) for each match, left to right."""
        return iter(self.find(lows))

    def find(self, lows: Sequence[str]) -> list[tuple[int, int, Any]]:
        """The matches of `finditer` as a list."""
        positions = _positions(lows)
        present = self._keys.intersection(positions)  # most lexicons have no word in most sentences
        if not present:
            return []
        if len(present) == 1:
            hits = positions[next(iter(present))]
        else:
            hits = sorted(i for w in present for i in positions[w])
        by_first = self._by_first
        out = []
        nxt = 0
        for i in hits:
            if i < nxt:
                continue
            for key, payload in by_first[lows[i]]:
                k = len(key)
                if k == 1 or tuple(lows[i : i + k]) == key:
                    out.append((i, i + k, payload))
                    nxt = i + k
                    break
        return out


_LAST = threading.local()  # per thread: extraction may run in several threads of one worker


def _positions(lows: Sequence[str]) -> dict[str, list[int]]:
    """Where each word of a sentence stands, built once and kept for the next matcher run over the
    same token list (a sentence is matched against a dozen lexicons in a row)."""
    last = getattr(_LAST, "pair", None)
    if last is None or last[0] is not lows:
        positions: dict[str, list[int]] = {}
        for i, w in enumerate(lows):
            if w in positions:
                positions[w].append(i)
            else:
                positions[w] = [i]
        last = _LAST.pair = (lows, positions)
    return last[1]
