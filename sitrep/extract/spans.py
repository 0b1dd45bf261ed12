"""Span questions about one sentence's words, answered without rescanning the sentence.

The stages ask, for many triggers, dates or places of a sentence, "is there a clause break between
here and there?", "which comma-bounded aside holds this token?". Asked by slicing the token list,
each question costs the length of the sentence, and a sentence with a trigger on every word costs its
length squared (a 400 KB run-on line took a minute). `marks(lows)` keeps, per sentence, prefix
counts and sorted positions that answer each question in O(1) or O(log n). Short spans and short
sentences are answered by the direct scan, which costs less there than building an index.
"""

from __future__ import annotations

import threading
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from itertools import accumulate, compress

from sitrep.extract.lexicon import word_set

RELATIVE_OPENERS = word_set("lexicons/clause_cues.tsv", "relative_opener")


# Below these sizes a question is answered by the direct scan, which costs less than building an
# index; above them by the index. Either way no question costs more than a constant or a log.
_DIRECT_SPAN = 32  # tokens of a span checked word by word
_DIRECT_SENTENCE = 64  # tokens of a sentence whose commas are scanned for each aside question
_COMMA = frozenset({","})


class Marks:
    """Indexes over one sentence's lower-cased tokens; each built on first use."""

    __slots__ = ("lows", "n", "_prefix", "_positions", "_participles")

    def __init__(self, lows: Sequence[str]) -> None:
        self.lows = lows
        self.n = len(lows)
        self._prefix: dict[frozenset[str], list[int]] = {}
        self._positions: dict[frozenset[str], list[int]] = {}
        self._participles: list[int] | None = None

    def none_in(self, words: frozenset[str], lo: int, hi: int) -> bool:
        """words.isdisjoint(lows[lo:hi]) (Python slice bounds)."""
        if hi - lo <= _DIRECT_SPAN and lo >= 0 and hi >= 0:
            return words.isdisjoint(self.lows[lo:hi])
        lo, hi, _ = slice(lo, hi).indices(self.n)
        if hi <= lo:
            return True
        counts = self._prefix.get(words)
        if counts is None:  # counts[k]: how many of the first k tokens are in words
            counts = self._prefix[words] = list(accumulate(map(words.__contains__, self.lows), initial=0))
        return counts[hi] == counts[lo]

    def positions(self, words: frozenset[str]) -> list[int]:
        """Sorted indexes of the tokens in `words`."""
        found = self._positions.get(words)
        if found is None:
            found = self._positions[words] = list(compress(range(self.n), map(words.__contains__, self.lows)))
        return found

    def participle_commas(self) -> list[int]:
        """Sorted indexes of the commas followed by an -ing word (", speaking to reporters")."""
        if self._participles is None:
            lows = self.lows
            self._participles = [
                j for j in self.positions(_COMMA) if j + 1 < self.n and lows[j + 1].endswith("ing")
            ]
        return self._participles

    def relative_aside(self, k: int) -> tuple[int, int] | None:
        """(opening comma, closing comma) of the ", which ... ," aside holding token k, if any."""
        lows = self.lows
        if self.n <= _DIRECT_SENTENCE:
            j = k - 1
            while j >= 0 and lows[j] != ",":
                j -= 1
            if j < 0 or lows[j + 1] not in RELATIVE_OPENERS or "," not in lows[k + 1 :]:
                return None
            return j, lows.index(",", k + 1)
        commas = self.positions(_COMMA)
        i = bisect_left(commas, k)  # commas[i - 1] is the last comma before k
        if i == 0:
            return None
        j = commas[i - 1]
        close = bisect_right(commas, k)  # the first comma after k
        if lows[j + 1] not in RELATIVE_OPENERS or close == len(commas):
            return None
        return j, commas[close]


_LAST = threading.local()  # per thread: extraction may run in several threads of one worker


def marks(lows: Sequence[str]) -> Marks:
    """The Marks of this token list. The last one built is kept (per thread) and reused while the same
    list is asked about: the stages handle one sentence at a time."""
    last = getattr(_LAST, "marks", None)
    if last is None or last.lows is not lows:
        last = _LAST.marks = Marks(lows)
    return last
