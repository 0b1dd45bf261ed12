"""A report placed at the town where its victims were treated names no place of the happening.

"A third soldier died at the hospital in Cucuta from wounds suffered in Sunday's drone attack on the base
in Tibu": an event placed at Cucuta would keep the report apart from Tibu's reports (two found towns of
one admin1) and count its toll a second time. When every mention of the event's place in its evidence
stands right after a care cue (lexicons/restate.tsv `care`: "hospital in", "taken to", "airlifted to"),
or opens the evidence as its dateline, the matcher reads the report as naming only the place's admin1.
Only evidence holding a care word is read (a substring check gates the tokenizer).
"""

from __future__ import annotations

from functools import cache

from sitrep.extract.restate import CARE_GAP, cues
from sitrep.extract.text import tokenize
from sitrep.happen.frame import norm_name

DATELINE_ENDS = frozenset(("(", ",", "-", "\u2013", "\u2014", ":"))  # "CUCUTA (Outlet) -", "KYIV, May 2"


@cache
def _care_words() -> tuple[str, ...]:
    """The first word of each care cue, for the cheap gate."""
    return tuple(sorted({phrase.split()[0] for phrase in _care_phrases()}))


@cache
def _care_phrases() -> tuple[str, ...]:
    from sitrep.extract.lexicon import read_tsv

    return tuple(row["cue"] for row in read_tsv("lexicons/restate.tsv") if row["kind"] == "care")


def only_care_place(evidence: str | None, place: str | None) -> bool:
    """The place is named in the evidence only where victims were treated (or in its dateline)."""
    if not evidence or not place:
        return False
    lowered = evidence.lower()
    if not any(word in lowered for word in _care_words()):
        return False
    lows = [norm_name(t.text) or t.low for t in tokenize(evidence, 0)]
    name = norm_name(place).split()
    if not name:
        return False
    care_ends = [e for _s, e, _ in cues()["care"].find([t.low for t in tokenize(evidence, 0)])]
    mentions = [k for k in range(len(lows) - len(name) + 1) if lows[k : k + len(name)] == name]
    told = [k for k in mentions if not _dateline(lows, k, len(name))]
    return bool(told) and all(any(k - CARE_GAP <= e <= k for e in care_ends) for k in told)


def _dateline(lows: list[str], k: int, length: int) -> bool:
    """The name opens the evidence and a dateline mark follows it."""
    return k == 0 and k + length < len(lows) and lows[k + length] in DATELINE_ENDS
