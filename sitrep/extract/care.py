"""Care places: where the wounded were taken, treated or died ("evacuated to hospital in N'Djamena", "died in
hospital in Nampula", "airlifted to Nairobi"), not where they were hit. Such a place is no event's place
(locate.event_place skips it), so an attack told with its casualties' hospital keeps the attack's place and a
later death is not placed at the hospital's town (`RULE_CARE_PLACE`).

The cues are the `care` rows of lexicons/restate.tsv: a transfer ("taken to", "flown to") marks the place after
it; a care site ("hospital", "clinic") only where the sentence tells of care or a later death
(lexicons/place_cues.tsv `care_verb`) and the site is where someone was ("in/at/to (the) hospital in X"), not
what was hit ("an air strike on a hospital in Gaza City", "shelled the hospital in Kherson").
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from sitrep.extract.lexicon import PhraseMatcher, read_tsv, word_set

RULE_CARE_PLACE = "place.care_place"
CARE_GAP = 4  # words between the cue and the place it names ("taken to the main hospital in Mora")
SITE_LOCATIVES = frozenset(("in", "at", "to", "into"))
SITE_MODIFIERS = 2  # words between the locative and the site ("at the military hospital")
CARE_VERBS = word_set("lexicons/place_cues.tsv", "care_verb")


@cache
def _cues() -> PhraseMatcher:
    """care cue -> True for a transfer ("taken to"), False for a site ("hospital")."""
    m = PhraseMatcher()
    for row in read_tsv("lexicons/restate.tsv"):
        if row["kind"] == "care":
            m.add(row["cue"], row["cue"].split()[-1] == "to")
    return m


def care_starts(lows: Sequence[str], starts: Sequence[int]) -> set[int]:
    """The starts (among `starts`, the sentence's places) of the places that are care places."""
    found = _cues().find(lows)
    if not found:  # most sentences name no hospital and no transfer
        return set()
    ends = []
    cared = None
    for s, e, transfer in found:
        if not transfer:
            if cared is None:
                cared = not CARE_VERBS.isdisjoint(lows)
            if not cared or not _stayed_at(lows, s):
                continue
        ends.append(e)
    return {p for p in starts if any(p - CARE_GAP <= e <= p and _plain(lows, e, p) for e in ends)}


def _plain(lows: Sequence[str], a: int, b: int) -> bool:
    """Only words between the cue and the place ("hospital in", "to the main hospital in"), no comma: "died
    in hospital this morning, the Sinaloa prosecutor said" names no care place."""
    return all(w.isalpha() for w in lows[a:b])


def _stayed_at(lows: Sequence[str], site: int) -> bool:
    """ "in hospital", "at the military hospital", "to a hospital": someone was at the site."""
    k = site - 1
    while k >= 0 and site - k <= SITE_MODIFIERS and lows[k] not in SITE_LOCATIVES:
        k -= 1
    return k >= 0 and lows[k] in SITE_LOCATIVES
