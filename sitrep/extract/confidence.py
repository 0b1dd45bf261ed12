"""Stage: confidence. How sure the coder is that an event record is right, from what the text states.

    confidence = trigger + actor1 + actor2 + place + date + corroboration, clipped to [0.05, 0.99]

    trigger        0.40 for a verb trigger ("shelled", "supplied"), 0.25 for a noun ("attacks"),
                   minus 0.10 when the event did not (yet) happen (planned, threatened, denied,
                   hypothetical): the text is vaguer about such events
    actor1         0.20 when named in the sentence, 0.10 when taken from the paragraph or live-blog
                   entry, 0 when unknown
    actor2         0.10 when named (victims counted in the sentence count as named)
    place          0.15 for a populated place, 0.12 for an admin1, 0.06 for a country only; half of
                   that when the place comes from context
    date           0.05 when the sentence states a date; 0 when the anchor time is used
    corroboration  0.05 when other sentences (headline, lead, details) were merged into the event,
                   0.05 when casualties or quantities are counted

An event with an explicit verb trigger, both actors, a place and a date in one sentence scores 0.90+;
a bare noun trigger with nothing else around it about 0.25. The weights are priors, not fitted values.
"""

from __future__ import annotations

from sitrep.extract.candidate import Candidate

PLACE_WEIGHT = {"place": 0.15, "admin1": 0.12, "country": 0.06}


def score(c: Candidate) -> float:
    s = 0.40 if c.trigger_pos == "verb" else 0.25
    if c.factuality:
        s -= 0.10
    if c.actor1 is not None:
        s += 0.10 if c.actor1_from_context else 0.20
    if c.actor2 is not None:
        s += 0.10
    if c.place is not None:
        w = PLACE_WEIGHT.get(c.place.precision, 0.06)
        if c.named_place:
            w = PLACE_WEIGHT["place"]
        s += w / 2 if c.place_from_context else w
    if c.date_explicit:
        s += 0.05
    if c.merged:
        s += 0.05
    if c.has_casualties or c.quantity is not None:
        s += 0.05
    return max(0.05, min(0.99, s))
