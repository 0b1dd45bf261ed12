"""Villages the gazetteer lacks, in a document that names one division: "attacked an army post at Ngouboua"
in a report whose other places all lie in Chad's Lac province is Ngouboua, Lac; "in Duran" (GeoNames knows
only a Duran in the Philippines) in an Ecuadorian report placed in Guayas is Duran, Guayas.

The division is the only admin1 the document's places lie in (not counting the dateline's town, where the
report was filed, nor hospitals the wounded were taken to: care.py). With none or two divisions named, or a
report filed from another country, the village stays unplaced: its division would be a guess
(locate.RULE_VILLAGE_IN_DIVISION).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from sitrep.extract.dates import MONTHS
from sitrep.extract.decide import span
from sitrep.extract.gazetteer import Entry, compact, gazetteer, key_of
from sitrep.extract.lexicon import word_set
from sitrep.extract.locate import PLACE_EVENTS, EventPlace
from sitrep.extract.places import (
    DIVISION_LEVELS,
    FACILITIES,
    OBJECT_VERBS,
    REGION_WORDS,
    SETTLEMENT_HEADS,
    STREET_WORDS,
    blocked_names,
)

if TYPE_CHECKING:
    from sitrep.extract.candidate import Candidate
    from sitrep.extract.sentence import Analysis

OPENERS = word_set("lexicons/place_cues.tsv", "unknown_opener") | OBJECT_VERBS
MAX_NAME_TOKENS = 3
ARTICLES = word_set("lexicons/place_cues.tsv", "article")
_NOT_AFTER = frozenset(("'s", "\u2019s")) | DIVISION_LEVELS | STREET_WORDS | REGION_WORDS | FACILITIES


def sole_division(analyses: Sequence[Analysis]) -> Entry | None:
    """The one admin1 all the document's towns and divisions lie in (not hospitals the wounded were taken
    to: care.py; not the dateline's town, where the report was filed); None when it names none or two. A
    country named bare ("shells fired from Myanmar") does not count: an event whose own sentence names
    another country is left alone (place_villages)."""
    seen: set[tuple[str, str]] = set()
    for an in analyses:
        for p, e, *_ in an.resolved:
            if not p.care and e.precision != "country" and e.admin1:
                seen.add((e.country, e.admin1))
                if len(seen) > 1:
                    return None
    return gazetteer().admin1.get(next(iter(seen))) if seen else None


def village_places(
    events: list[Candidate], analyses: Sequence[Analysis], filed: Entry | None
) -> Iterator[tuple[Candidate, EventPlace]]:
    """(event, place) for the events with no place of their own whose sentence names a village the gazetteer
    lacks after a locative ("at Ngouboua", "a raid on Tourou"): the village in the document's one division
    (`sole_division`), unless the report was filed (`filed`: the dateline's town) from another country.
    locate.from_villages decides them."""
    wanting = [
        c for c in events if c.event_type in PLACE_EVENTS and (c.place is None or c.place_from_context)
    ]
    if not wanting:
        return
    by_index = {an.sent.index: an for an in analyses}
    division = None
    for c in wanting:
        an = by_index.get(c.sentence)
        found = loose_name(an) if an is not None else None
        if found is None:
            continue
        if division is None:
            division = sole_division(analyses) or False
            if division and filed is not None and filed.country != division.country:
                division = False  # filed from Ankara, the places in Iraq: the village may be in either
        if division is False:
            return
        start, end, name = found  # name None: a district, so the division only
        if any(e.country != division.country for _p, e, *_ in an.resolved if e.precision == "country"):
            continue  # "raided Kirawa in Nigeria" in a report filed from Cameroon
        yield c, (division, name, name is not None, span(an, start, end))


def loose_name(an: Analysis) -> tuple[int, int, str | None] | None:
    """The first capitalised name after a locative or a place-object verb ("in Ghumdhum", "near Kolofata",
    "raided Tourou"; "a raid on Tourou") that no place, actor or date of the sentence holds, nor a name of
    lexicons/not_places.tsv: a village the gazetteer lacks (or knows only far away); its name is None
    when a division word follows ("in Kani township"): a district, which places the event in its division
    only."""
    toks, lows = an.sent.tokens, an.sent.lows
    taken = {k for p, *_ in an.resolved for k in range(p.start, p.end)}
    taken |= {k for a in an.actors for k in range(a.start, a.end)}
    taken |= {k for d in an.dates for k in range(d.start, d.end)}
    taken |= set(range(an.dateline))
    nouns = {t.end for t in an.triggers if t.d.pos == "noun"}
    n = len(toks)
    for i in range(2, n):
        if not _named(toks[i].text) or i in taken or toks[i - 1].is_cap:
            continue
        before = lows[i - 1]
        settlement = before == "of" and lows[i - 2] in SETTLEMENT_HEADS  # "the village of al-Funduq"
        if before not in OPENERS and not settlement and not (before == "on" and i - 1 in nouns):
            continue
        j = i
        while j < n and j - i < MAX_NAME_TOKENS and _named(toks[j].text) and j not in taken:
            j += 1
        if j < n and toks[j].low in DIVISION_LEVELS and not _address_goes_on(toks, j + 1):
            return i, j, None  # "in Kani township": a district the gazetteer lacks, in the division
        if j < n and (toks[j].is_cap or toks[j].low in _NOT_AFTER or _address_goes_on(toks, j)):
            # a longer name, an owner ("at Reuters's office"), a district ("in Hodan district"), a street ("at
            # Commercial Avenue"), a site named after a person ("targeted Ben Gurion airport"), or a part of the
            # place named after it ("in Barangay Tuayan, Datu Hoffer")
            continue
        words = toks[i:j]
        if any(t.low in MONTHS or not _wordlike(t.text) or t.text.isupper() for t in words):
            continue  # "in May", "at 5", "in NATO"
        name = " ".join(t.text for t in words)
        if compact(key_of(name)) in blocked_names():
            continue
        return i, j, name
    return None


def _named(text: str) -> bool:
    """A capitalised word, or one after the Arabic article ("al-Funduq", "ad-Damazin")."""
    if text[:1].isupper():
        return True
    head, dash, rest = text.partition("-")
    return bool(dash) and head in ARTICLES and rest[:1].isupper()


def _address_goes_on(toks, j: int) -> bool:
    """ "(" or ", " and a name after the name: "Barangay Tuayan, Datu Hoffer", "Commercial Avenue, Bamenda"."""
    return toks[j].text == "(" or (toks[j].text == "," and j + 1 < len(toks) and toks[j + 1].is_cap)


def _wordlike(text: str) -> bool:
    """Letters, maybe with a hyphen or an apostrophe inside ("Bint-Jbeil", "N'Gouboua")."""
    return text.replace("-", "").replace("'", "").isalpha()
