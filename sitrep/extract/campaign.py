"""A toll that a conflict as a whole has taken: "The insurgency, which began in Mocimboa da Praia in October
2017, has killed more than 6,000 people". A campaign noun (sitrep/data/lexicons/campaign_nouns.tsv) before
a present-perfect toll verb makes the sentence a running total, never one incident's dead."""

from __future__ import annotations

from functools import cache

from sitrep.extract.lexicon import PhraseMatcher, tsv_matcher, word_set

_PERFECT = word_set("lexicons/number_cues.tsv", "perfect_aux")
_BETWEEN = word_set("lexicons/number_cues.tsv", "perfect_adverb")  # "has now killed"
_TOLL_VERBS = word_set("lexicons/number_cues.tsv", "campaign_toll_verb")


@cache
def campaign_matcher() -> PhraseMatcher:
    return tsv_matcher("lexicons/campaign_nouns.tsv", "phrase")


def is_campaign_toll(lows: list[str]) -> bool:
    """A campaign noun comes before "has/have (already) killed|claimed|left|cost" in the sentence."""
    starts = [i for i, _j, _ in campaign_matcher().find(lows)]
    if not starts:
        return False
    first = min(starts)
    for k, w in enumerate(lows):
        if w in _PERFECT and k > first:
            m = k + 1
            while m < len(lows) and lows[m] in _BETWEEN:
                m += 1
            if m < len(lows) and lows[m] in _TOLL_VERBS:
                return True
    return False
