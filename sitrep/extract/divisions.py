"""Places the text puts in a division: "Tarbaj (Wajir)", "Kayole, Nairobi", "Bulo Burti, Hiraan",
"Siakago (Mbeere North, Embu)", "Kankara LGA (Katsina)", "Suarez, Cauca". The division (an admin1, an
admin2 of sitrep/data/admin2.tsv, or a country) decides among the place's namesakes; a small place the
gazetteer lacks takes the division's admin1 under its own name.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from sitrep.extract.districts import district_admins
from sitrep.extract.gazetteer import Entry, compact, gazetteer, key_of
from sitrep.extract.lexicon import word_set
from sitrep.extract.places import OBJECT_VERBS, SETTLEMENT_HEADS, Place
from sitrep.extract.text import Token

RULE_IN_DIVISION = "place.in_division"  # a place read inside the division the text names after it
RULE_UNKNOWN_IN_DIVISION = "place.unknown_in_division"  # a name the gazetteer lacks, placed by its division

# Words between a place and its division that name the place's own level ("Kankara LGA (Katsina)").
LEVEL_WORDS = word_set("lexicons/place_cues.tsv", "division_level")
# Words before a name the gazetteer lacks that make it a place ("in Kayole, Nairobi").
UNKNOWN_OPENERS = word_set("lexicons/place_cues.tsv", "unknown_opener")
# A form's label before a colon and a name ("Location: Dinara village, Ouallam department").
LABELS = word_set("lexicons/place_cues.tsv", "label")
# Words after a name the gazetteer lacks that say what it is ("Kitaya village", "the Bidibidi settlement").
UNIT_WORDS = LEVEL_WORDS | SETTLEMENT_HEADS | word_set("lexicons/place_cues.tsv", "unknown_unit")
POSSESSIVE = ("'s", "\u2019s")
MAX_UNKNOWN_TOKENS = 3
BRACKET_SPAN = 8  # tokens a bracketed division may run to: "(Mbeere North sub-county, Embu)"
REGION_AFTER = frozenset("state region province governorate".split())
# Unions asked about for each token: built once, not at each question.
_LEVEL_OR_REGION = LEVEL_WORDS | REGION_AFTER
_NAME_OPENERS = UNKNOWN_OPENERS | OBJECT_VERBS


@dataclass(frozen=True, slots=True)
class Division:
    """Where the text says a place lies: (country, admin1) pairs, and whole countries."""

    admins: frozenset[tuple[str, str]]
    countries: frozenset[str]
    by_town: bool = False  # only a town was named ("Kayole, Nairobi"): its division, a weaker statement

    def holds(self, c: Entry) -> bool:
        if c.precision == "country":
            return False
        return (c.country, c.admin1) in self.admins or c.country in self.countries

    def admin_entry(self) -> Entry | None:
        """The one admin1 the division names (None when it names several or only a country)."""
        if len(self.admins) != 1:
            return None
        return gazetteer().admin1.get(next(iter(self.admins)))


@lru_cache(maxsize=1 << 12)  # asked for each place after a comma or a bracket: names repeat
def _admin2_named(name: str) -> frozenset[tuple[str, str]]:
    """The (country, admin1) pairs of the second-level divisions named so (districts.py)."""
    return frozenset((e.country, e.name) for e in district_admins(compact(key_of(name))))


def _readings(p: Place) -> tuple[set[tuple[str, str]], set[str]]:
    admins = {(c.country, c.admin1) for c in p.candidates if c.precision == "admin1"}
    admins |= _admin2_named(p.text)
    countries = {c.country for c in p.candidates if c.precision == "country"}
    return admins, countries


def division_after(toks: list[Token], end: int, places_at: dict[int, Place]) -> Division | None:
    """The division named right after a place ending at token `end`: "(Y)", "(Z, Y)", ", Y", ", Y (W)",
    with an optional level word first ("LGA (Y)"). The last qualifier wins ("(Mbeere North, Embu)",
    "Kemise, Oromia Zone (Amhara)"). A town named as the division ("Kayole, Nairobi") counts through its
    own admin1 when no division is named."""
    n = len(toks)
    k = end
    if k < n and toks[k].low in LEVEL_WORDS:
        k += 1
    if k >= n or toks[k].text not in ("(", ","):
        return None
    found: Division | None = None
    towns: set[tuple[str, str]] = set()
    bracket = toks[k].text == "("
    close = k + BRACKET_SPAN if bracket else k + 2  # ", Y": Y must come right after the comma
    k += 1
    while k < min(n, close):
        t = toks[k]
        if t.text == ")":
            break
        q = places_at.get(k)
        if q is None:
            k += 1
            continue
        a, c = _readings(q)
        if a or c:
            found = Division(frozenset(a), frozenset(c))
        else:
            towns |= {(e.country, e.admin1) for e in q.candidates if e.admin1}
        k = q.end
        if k < n and toks[k].low in _LEVEL_OR_REGION:
            k += 1
        if not bracket:
            if _list_goes_on(toks, k, places_at):
                return None  # "in Kramatorsk, Sloviansk and Lyman": a list of places, not an address
            if k >= n or toks[k].text != "(":
                break
            bracket, close = True, k + BRACKET_SPAN  # ", Y (W)": the bracket says more
            k += 1
    if found is None and towns:
        found = Division(frozenset(towns), frozenset(), by_town=True)
    return found


def _list_goes_on(toks: list[Token], k: int, places_at: dict[int, Place]) -> bool:
    """After "X, Y" comes "and Z" or ", Z": the names are a list ("Suarez, Cauca, on Tuesday" is none)."""
    if k >= len(toks):
        return False
    return toks[k].low in ("and", "or") or (toks[k].text == "," and k + 1 in places_at)


def unknown_places(toks: list[Token], places: Sequence[Place], blocked: set[int]) -> list[Place]:
    """Names the gazetteer lacks that the text puts in a known division: places with no candidates of their
    own. The name follows a locative or a verb whose object is a place ("in Kayole, Nairobi", "raided
    Kolofata (Mayo-Sava, Far North)", "at the Bidibidi settlement in Yumbe district") or a division's
    possessive ("in Enga province's Wapenamanda district"), and the division is named after it (maybe past a
    unit word: "Kitaya village (Mtwara)"), after its unit word and "in", or in that possessive."""
    if not places:
        return []
    places_at = {p.start: p for p in places}
    places_ending = {p.end: p for p in places}
    taken = {k for p in places for k in range(p.start, p.end)} | blocked
    out = []
    n = len(toks)
    for i in range(1, n):
        if not toks[i].is_cap or i in taken:
            continue
        before = i - 1
        while before > 0 and toks[before].low == "the":
            before -= 1
        owner = _possessor(toks, i, places_ending)
        level_owner = i >= 2 and toks[i - 1].low in POSSESSIVE and toks[i - 2].low in _LEVEL_OR_REGION
        labelled = toks[before].text == ":" and before > 0 and toks[before - 1].low in LABELS  # "Location: X"
        if toks[before].low not in _NAME_OPENERS and owner is None and not level_owner and not labelled:
            continue
        j = i
        while j < n and j - i < MAX_UNKNOWN_TOKENS and toks[j].is_cap and j not in taken:
            j += 1
        if j == i or (j < n and toks[j].is_cap and toks[j].low not in LEVEL_WORDS):
            continue
        unit = j < n and toks[j].low in UNIT_WORDS
        division = division_after(toks, j, places_at) or (unit and division_after(toks, j + 1, places_at))
        if division is None and unit and j + 2 < n and toks[j + 1].low == "in":
            # "the Bidibidi settlement in Yumbe district", "Mankien village in South Sudan's Unity state"; a
            # camp in a town is the town's ("the Abu Shouk camp in El Fasher": the most precise place known)
            q = _place_after_owner(toks, j + 2, places_at)
            if q is not None and (any(_readings(q)) or (q.end < n and toks[q.end].low in LEVEL_WORDS)):
                division = _division_of(q)
        if not division and not unit and j + 1 < n and toks[j].low == "in" and toks[i - 1].low != "the":
            # "at Chesogon in Marakwet East": a district or division after "in" places the name (not "the
            # Congress in Lima": a building)
            q = _place_after_owner(toks, j + 1, places_at)
            if q is not None and any(_readings(q)):
                division = _division_of(q)
        if division is None and unit and owner is not None:
            division = _division_of(owner)  # "Enga province's Wapenamanda district"
        entry = division.admin_entry() if division else None
        if entry is not None:
            text = " ".join(t.text for t in toks[i:j])
            out.append(Place(i, j, entry, True, text, True, False, ()))
    return out


def _division_of(q: Place) -> Division | None:
    """The division a place names: its division readings, else the admin1 of its towns."""
    a, c = _readings(q)
    if a or c:
        return Division(frozenset(a), frozenset(c))
    towns = {(e.country, e.admin1) for e in q.candidates if e.admin1}
    return Division(frozenset(towns), frozenset(), by_town=True) if towns else None


def _place_after_owner(toks: list[Token], k: int, places_at: dict[int, Place]) -> Place | None:
    """The place at token k, or the one after a country's possessive there ("South Sudan's Unity state":
    the places stage reads no place in a possessor country)."""
    if k in places_at:
        return places_at[k]
    end = k
    while end < min(len(toks), k + 4) and toks[end].is_cap:
        end += 1
    if end > k and end < len(toks) and toks[end].low in POSSESSIVE:
        return places_at.get(end + 1)
    return None


def _possessor(toks: list[Token], i: int, places_ending: dict[int, Place]) -> Place | None:
    """The place whose possessive stands right before token i: "Enga province's X", "Mayom county's X"."""
    k = i - 1
    if k < 1 or toks[k].low not in POSSESSIVE:
        return None
    if toks[k - 1].low in _LEVEL_OR_REGION:
        k -= 1
    return places_ending.get(k)


RULE_SAME_UNKNOWN = "place.same_unknown"


def recall_unknown(analyses: Sequence) -> None:
    """A name the gazetteer lacks that the text placed once ("at Chesogon in Marakwet East") is that place
    again where a later sentence names it with no division ("protested in Chesogon", "the market of Dinara"):
    such places are added to the analyses (`RULE_SAME_UNKNOWN`). Documents with none cost nothing."""
    known: dict[tuple[str, ...], Place] = {}
    for an in analyses:
        for p in an.places:
            if not p.candidates and p.entry is not None:
                known.setdefault(tuple(t.low for t in an.sent.tokens[p.start : p.end]), p)
    if not known:
        return
    firsts = {k[0] for k in known}
    for an in analyses:
        toks = an.sent.tokens
        taken = {k for p in an.places for k in range(p.start, p.end)} | {
            k for a in an.actors for k in range(a.start, a.end)
        }
        added = []
        for i, t in enumerate(toks):
            if (
                t.low not in firsts
                or not t.is_cap
                or i in taken
                or i == 0
                or toks[i - 1].is_cap  # part of a longer name
            ):
                continue
            for name, p in known.items():
                j = i + len(name)
                if tuple(x.low for x in toks[i:j]) == name and not (j < len(toks) and toks[j].is_cap):
                    added.append(Place(i, j, p.entry, True, p.text, True, False, ()))
                    break
        if added:
            an.places = sorted([*an.places, *added], key=lambda p: p.start)
