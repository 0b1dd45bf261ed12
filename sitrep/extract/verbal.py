"""Verbal events (statements, requests, accusations, threats, talks): whom they address and where they
were said. A verbal event's words split into the verb's own phrase ("Japan protested to Pyongyang",
"called on M23", "met Egypt's foreign minister in Cairo") and its content ("... to open a corridor from
Sake", "... of bombing civilians in Kachin State"). The addressee and the place where the words were said
stand before the content; actors and places inside it are only talked about
(lexicons/content_openers.tsv).
"""

from __future__ import annotations

from bisect import bisect_left
from functools import cache

from sitrep.extract.lexicon import read_tsv, word_set

# Reactions and statements: they happen when reported, not on a date of the events they talk about.
SAYING = frozenset({"ACCUSE", "DEMAND", "REQUEST", "SUPPORT", "REJECT", "THREATEN"})
VERBAL = SAYING | {"CONSULT"}  # statements and talks: an addressee and a place where words were said
_NOT_VERBS = word_set("lexicons/clause_cues.tsv", "determiner")  # "to the UN" opens no infinitive
VISIT_MODES = frozenset({"visit"})  # "visited Kyiv", "a visit to Tokyo": the place is the one visited


@cache
def _openers() -> dict[str, str]:
    return {r["word"]: r["when"] for r in read_tsv("lexicons/content_openers.tsv")}


def content_openers(toks, lows: list[str]) -> list[int]:
    """Positions of the words that open a verbal event's content; read once per sentence in analyse."""
    rules = _openers()
    out = []
    n = len(lows)
    for k, w in enumerate(lows):
        when = rules.get(w)
        if when is None:
            continue
        if when == "gerund" and not (k + 1 < n and lows[k + 1].endswith("ing")):
            continue
        if when == "infinitive" and not (
            k + 1 < n and lows[k + 1].isalpha() and not toks[k + 1].is_cap and lows[k + 1] not in _NOT_VERBS
        ):
            continue
        out.append(k)
    return out


def content_start(openers: list[int], t, n: int) -> int:
    """Where the content of the verbal trigger `t` begins: the first opener at or after its end (the
    sentence end if none). "demanded that X ..." is read by clause_after_that before this."""
    i = bisect_left(openers, t.end)
    return openers[i] if i < len(openers) else n


def clause_after_that(openers: list[int], lows: list[str], t) -> tuple[int, int] | None:
    """ "demanded that North Korea halt ...": the span of the that-clause's subject region."""
    if t.end < len(lows) and lows[t.end] == "that":
        i = bisect_left(openers, t.end + 1)
        return t.end + 1, openers[i] if i < len(openers) else len(lows)
    return None
