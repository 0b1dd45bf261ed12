"""Places the text puts inside others: a possessive country ("Bulgaria's Pleven province") fixes the
country of the place it owns, and an apposition ("Nikopol, a Danube town in ... Pleven province")
puts a place in the division that follows it, even when the gazetteer only knows a namesake elsewhere.
"""

from __future__ import annotations

from sitrep.extract.gazetteer import Entry, compact, gazetteer
from sitrep.extract.text import Token

APPOSITION_SPAN = 8  # tokens between ", a ... town in" and the containing place


def possessive_country(toks: list[Token], start: int) -> str | None:
    """The country code of "<Country>'s" right before token `start` (names of up to three tokens)."""
    if start < 2 or toks[start - 1].low != "'s":
        return None
    gaz = gazetteer()
    key = ""
    for k in range(start - 2, max(-1, start - 5), -1):
        key = compact(toks[k].low) + key
        for c in gaz.lookup(key):
            if c.precision == "country":
                return c.country
    return None


def owned_candidates(cands: list[Entry], toks: list[Token], start: int) -> list[Entry]:
    """The candidates in the possessive country before the place, if any (else none)."""
    owner = possessive_country(toks, start)
    return [c for c in cands if c.country == owner] if owner else []


def _in_apposition(toks: list[Token], end: int, start: int) -> bool:
    """ ", a Danube town in" between a place ending at `end` and one starting at `start`."""
    between = [t.low for t in toks[end:start]]
    if not between or between[0] != "," or len(between) > APPOSITION_SPAN or "in" not in between:
        return False
    return "," not in between[1:] and between[1:2] in (["a"], ["an"], ["the"])


def apply_containment(toks: list[Token], resolved: list[tuple]) -> list[tuple]:
    """(Place, Entry, named, override) rows with each appositive place moved into its container: a
    candidate there if the gazetteer has one, else the container itself under the place's own name."""
    out = list(resolved)
    for i in range(len(out) - 1):
        p, e, named, override = out[i]
        q, qe = out[i + 1][0], out[i + 1][1]
        if not _in_apposition(toks, p.end, q.start):
            continue
        if e.country == qe.country and (qe.precision != "admin1" or e.admin1 == qe.admin1):
            continue
        inside = [
            c
            for c in p.candidates
            if c.country == qe.country and (qe.precision != "admin1" or c.admin1 == qe.admin1)
        ]
        if inside:
            out[i] = (p, max(inside, key=lambda c: c.population), inside[0].precision == "place", override)
        else:
            out[i] = (p, qe, True, p.text)
    return out
