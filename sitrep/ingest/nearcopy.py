"""Near-copies: the same wire story reprinted with a new headline, a trimmed end or an added intro.

Each text becomes a set of hashed word shingles (runs of N words); a new text whose shingles are mostly
(containment >= threshold, settings in sitrep/data/ingest/near_copy.toml) in an earlier text is a copy
of it. Shingles that many earlier texts share (a house style, a template) count as not shared. The shingle sets are stored in the warehouse, so texts of earlier runs are compared too.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from sitrep.config import DATA_DIR

_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class NearCopySettings:
    shingle_words: int
    threshold: float
    min_shingles: int
    common_in: int


@lru_cache(maxsize=1)
def settings() -> NearCopySettings:
    data = tomllib.loads((DATA_DIR / "ingest" / "near_copy.toml").read_text(encoding="utf-8"))
    return NearCopySettings(
        int(data["shingle_words"]),
        float(data["threshold"]),
        int(data["min_shingles"]),
        int(data["common_in"]),
    )


def shingles(text: str, words: int | None = None) -> frozenset[int]:
    """Hashes (signed 64-bit, to fit a DuckDB BIGINT) of every run of `words` lower-cased words (all the
    words as one run when there are fewer)."""
    size = words or settings().shingle_words
    tokens = _WORD.findall(text.lower())
    if len(tokens) > size:
        # the runs as one zip over the word list shifted by 0..size-1 words: no slice per run
        runs = map(" ".join, zip(*(tokens[shift:] for shift in range(size)), strict=False))
    else:
        runs = [" ".join(tokens)] if tokens else []
    blake2b, from_bytes = hashlib.blake2b, int.from_bytes
    return frozenset(
        [
            from_bytes(
                blake2b(run.encode("utf-8", "surrogatepass"), digest_size=8).digest(), "big", signed=True
            )
            for run in runs
        ]
    )


def containment(a: frozenset[int], b: frozenset[int]) -> float:
    """Share of the smaller set's shingles that are in the other."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


class ShingleIndex:
    """Texts seen so far (earlier runs first, then this run's in inbox order), by shingle."""

    def __init__(self, known: dict[str, frozenset[int]] | None = None) -> None:
        self._sets: dict[str, frozenset[int]] = {}  # insertion order: earlier runs, then inbox order
        self._order: dict[str, int] = {}  # a text's place in that order (the earlier one wins a tie)
        self._postings: dict[int, list[str]] = {}
        # The loaded texts are indexed when a new text first needs comparing: a run with nothing new
        # (a no-op rerun) never builds the postings of everything loaded.
        self._known = known or {}

    def _index_known(self) -> None:
        known, self._known = self._known, {}
        for document_id, shingle_set in known.items():
            self.add(document_id, shingle_set)

    def add(self, document_id: str, shingle_set: frozenset[int]) -> None:
        if self._known:
            self._index_known()
        if document_id in self._sets:
            return
        self._sets[document_id] = shingle_set
        self._order[document_id] = len(self._order)
        for shingle in shingle_set:
            self._postings.setdefault(shingle, []).append(document_id)

    def best_match(self, shingle_set: frozenset[int], exclude: str | None = None) -> tuple[str, float] | None:
        """The earliest-added text this one is a near-copy of, with its containment; None when none is."""
        config = settings()
        if len(shingle_set) < config.min_shingles:
            return None
        if self._known:
            self._index_known()
        shared: Counter[str] = Counter()
        for shingle in shingle_set:
            holders = self._postings.get(shingle, ())
            if len(holders) < config.common_in:  # boilerplate many texts share is no sign of a copy
                shared.update(holders)
        # Only the texts sharing a shingle are scored (walking every text seen made a run quadratic:
        # 11 s of 10,000 documents' ingest); the highest score wins, the earliest text a tie.
        best: tuple[str, float] | None = None
        for document_id in sorted(shared, key=self._order.__getitem__):
            other = self._sets[document_id]
            if document_id == exclude or len(other) < config.min_shingles:
                continue
            score = shared[document_id] / min(len(shingle_set), len(other))
            if score >= config.threshold and (best is None or score > best[1]):
                best = (document_id, score)
        return best
