"""Per-word caches for the tests the stages run on every token of a sentence.

A stage that looks for where something may start ("a number", "a date", "a place name") tests each token;
texts repeat few distinct words, so the test's answer is kept per word and a token costs one dict lookup
(the speed round of issue 12 §6). The answer must depend on the word alone, and on data loaded once.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

KEPT = 200_000  # distinct words kept per cache; past it the cache starts again (a long run of numbers)


class WordCache(dict):
    """word -> test(word), computed on first use: `cache[word]`."""

    __slots__ = ("_test",)

    def __init__(self, test: Callable[[str], Any]) -> None:
        super().__init__()
        self._test = test

    def __missing__(self, word: str) -> Any:
        if len(self) >= KEPT:
            self.clear()
        value = self[word] = self._test(word)
        return value
