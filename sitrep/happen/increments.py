"""Whether a report's toll is a total or only an increment on a total told before.

A later report often states only the deaths since the last count: "two more people died", "two of the
wounded died in hospital" (an increment: the happening's toll is the last total plus it), or "a fifth
person has died of wounds" (an ordinal: the toll is now five). Taking such a report's figure as the
latest total would lower the happening's toll to the increment. The extractor reads these counts with
the cues of lexicons/number_cues.tsv (`numbers.is_addition`); here the event's evidence is read again
with the same cues, only for events whose toll is stated (a few per happening), so the per-sentence
path of the extractor is untouched.
"""

from __future__ import annotations

from functools import cache

from sitrep.extract.lexicon import read_tsv
from sitrep.extract.numbers import is_addition, numbers_in, one_victim_words
from sitrep.extract.text import tokenize

TOTAL, INCREMENT = "total", "increment"
ORDINAL_REACH = (
    3  # words from the ordinal to its person noun ("a third Syrian soldier", "a fourth police officer")
)


@cache
def ordinal_values() -> dict[str, int]:
    """ "fifth" -> 5 (lexicons/ordinal_numbers.tsv)."""
    return {row["word"]: int(row["value"]) for row in read_tsv("lexicons/ordinal_numbers.tsv")}


def read_toll(evidence: str | None, fatalities: float) -> tuple[str, float]:
    """(TOTAL or INCREMENT, the toll it stands for) of a report's stated toll.

    The toll is an increment when every count in the evidence equal to it adds to a toll told before
    ("two more", "another two", "two of the wounded"); "a <ordinal>" with a toll of one is the total the
    ordinal names ("a third soldier died" = 3). Any other reading, or no such count found, is a total."""
    if not evidence:
        return TOTAL, fatalities
    lows = [t.low for t in tokenize(evidence, 0)]
    if fatalities == 1 and (nth := _nth_victim(lows)):
        return TOTAL, float(nth)
    counts = [n for n in numbers_in(lows).values() if n.value == fatalities]
    if counts and all(is_addition(lows, n) for n in counts):
        return INCREMENT, fatalities
    return TOTAL, fatalities


def _nth_victim(lows: list[str]) -> int | None:
    """N of "a <Nth> <person noun>" ("a fifth person", "a third Syrian soldier"); None when the ordinal
    counts something else ("a second car bomb")."""
    ordinals, persons = ordinal_values(), one_victim_words()
    for k in range(1, len(lows) - 1):
        if lows[k] in ordinals and lows[k - 1] in ("a", "an"):
            if any(low in persons for low in lows[k + 1 : k + 1 + ORDINAL_REACH]):
                return ordinals[lows[k]]
    return None
