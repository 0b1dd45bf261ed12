"""Stage: place resolution. Which gazetteer reading each place of a sentence takes, from what its
sentence, paragraph and document name: a division named nearby, a possessive country, the paragraph's
division for a small namesake elsewhere.
"""

from __future__ import annotations

import math
from functools import cache, lru_cache
from typing import TYPE_CHECKING

from sitrep.extract.containment import apply_containment, owned_candidates
from sitrep.extract.dates import MONTHS
from sitrep.extract.divisions import LEVEL_WORDS, division_after
from sitrep.extract.gazetteer import Entry, compact, compact_word, gazetteer, key_of
from sitrep.extract.lexicon import read_tsv
from sitrep.extract.places import choose
from sitrep.extract.sentence import Analysis

if TYPE_CHECKING:
    from sitrep.extract.build import Context

SMALL_PLACE = 50_000  # a village the gazetteer puts elsewhere than its paragraph says is the paragraph's
RULE_NEEDS_SUPPORT = "place.needs_support"  # a name that is also a common word needs the document's support
RULE_FOCUS_COUNTRY = "place.focus_country"  # readings in the countries the document is about come first


@cache
def _support() -> dict[str, str]:
    """compact(name) -> the support its reading as a place needs (lexicons/place_support.tsv)."""
    return {compact(key_of(r["name"])): r["support"] for r in read_tsv("lexicons/place_support.tsv")}


@lru_cache(maxsize=1 << 14)  # called for every place of every sentence: names repeat
def needs_support(name: str) -> str | None:
    """focus | division when the name is a place only with that support, else None."""
    return _support().get(compact(key_of(name)))


def dateline_countries(an: Analysis) -> set[str]:
    """Countries of the places a dateline names ("BOSASO, Somalia, Feb 2 (Horn Observer) -"): where the
    report was filed, so what the document is about, though never an event's place."""
    end = an.dateline
    if not end:
        return set()
    gaz = gazetteer()
    toks = an.sent.tokens
    out: set[str] = set()
    for k in range(end):
        nxt = toks[k + 1].text if k + 1 < end else ""
        if toks[k].text == "(" or toks[k].low in MONTHS or nxt[:1].isdigit():
            break  # the date ("May 14", "March 6") and the agency after it name no place
        if not toks[k].is_cap:
            continue  # a name starts with a capital
        key = ""
        for j in range(k + 1, min(end, k + 4) + 1):
            key += compact_word[toks[j - 1].low]  # the names toks[k:j], one token longer each time
            kinds = {c.country for c in gaz.lookup(key)}
            if len(kinds) == 1:
                out |= kinds
    return out


def division_of(e: Entry) -> Entry | None:
    """The admin1 entry of a town or division."""
    return gazetteer().admin1.get((e.country, e.admin1))


def dateline_town(an: Analysis, countries: set[str]) -> Entry | None:
    """The town (or division) a dateline names first ("CULIACAN, Sin. -", "SAGAING -"), read in the
    document's countries (the most populous such reading): where the report was filed, so its division hints
    at the divisions of small namesakes and is the division of last resort (locate.from_document), but the
    town is never an event's."""
    end = an.dateline
    if not end:
        return None
    gaz = gazetteer()
    toks = an.sent.tokens
    k = next((k for k in range(end) if toks[k].is_cap), None)
    if k is None:
        return None
    best, key = None, ""
    for j in range(k + 1, min(end, k + 4) + 1):
        key += compact_word[toks[j - 1].low]
        for c in gaz.lookup(key):
            if c.precision != "country" and c.admin1 and c.country in countries:
                if best is None or c.population > best.population:
                    best = c
    return best


def resolve_places(
    an: Analysis,
    ctx: Context,
    countries: set[str],
    doc_admins: set[tuple[str, str]] = frozenset(),
    doc_names: dict[str, tuple] | None = None,
) -> list[tuple]:
    """(Place, Entry, named_place, name override) for each place of the sentence. `doc_admins` are the
    divisions named earlier in the document (a weaker hint than the paragraph's); `doc_names` the towns the
    text itself placed (by a division after them or their paragraph's, not by the gazetteer alone), by name:
    said again in a sentence naming no division, a name is the same town (`RULE_SAME_NAME`; "Nasir, Upper
    Nile state ... on Ulang, near Nasir"). This call adds the sentence's such towns to it."""
    out = _resolve(an, ctx, countries, doc_admins, doc_names or {})
    if doc_names is not None:
        for p, e, named, override in out:
            if named and override is not None:
                doc_names.setdefault(compact(key_of(p.text)), (e, named, override))
    return out


RULE_SAME_NAME = "place.same_name"


def _resolve(
    an: Analysis, ctx: Context, countries: set[str], doc_admins: set[tuple[str, str]], doc_names: dict
) -> list[tuple]:
    if not an.places:
        return []
    gaz = gazetteer()
    # each place's division readings ("Gaza" the city is also read as the Gaza Strip's division)
    readings = [[(c.country, c.admin1) for c in p.candidates if c.precision == "admin1"] for p in an.places]
    counts: dict[tuple[str, str], int] = {}
    for r in readings:
        for a in r:
            counts[a] = counts.get(a, 0) + 1
    by_country: dict[str, list[tuple[int, tuple[str, str]]]] = {}
    for k, r in enumerate(readings):
        for a in r:
            by_country.setdefault(a[0], []).append((k, a))
    total = sum(len(r) for r in readings)
    toks = an.sent.tokens
    places_at = {p.start: p for p in an.places}
    out = []
    for i, p in enumerate(an.places):
        if not p.candidates:  # a name the gazetteer lacks, placed by the division after it
            out.append((p, p.entry, True, p.text))
            continue
        division = division_after(toks, p.end, places_at)
        cands = p.candidates
        if division is None and doc_names and total == len(readings[i]) and not readings[i]:
            # a town the text placed itself before (by a division or its paragraph), said again where the
            # sentence names no division
            seen = doc_names.get(compact(key_of(p.text)))
            if seen is not None:
                out.append((p, *seen))
                continue
        if division is not None:
            inside = [c for c in cands if division.holds(c)]
            home = division.admin_entry() if not inside and not division.by_town else None
            if home is not None:
                # "Tonga, Upper Nile state", "El Aguaje, Aguililla (Michoacan)": the division named holds none
                # of the name's readings, so the place is one the gazetteer lacks, in that division
                out.append((p, home, True, p.text))
                continue
            cands = inside or cands
        need = needs_support(p.text)
        if need is not None and not (division is not None and cands is not p.candidates):
            cands = [c for c in cands if c.country in countries] if need == "focus" else []
            if not cands:
                continue  # "University of Machakos", "the Boni Forest": no place of that name here
        elif countries and division is None:
            # a name shared across countries reads as the one in a country the document is about
            focus = [c for c in cands if c.country in countries]
            if focus and len(focus) < len(cands):
                cands = focus
            elif not focus and (
                far_namesake(cands) or (p.end < len(toks) and toks[p.end].low in LEVEL_WORDS)
            ):
                # "Lido beach in Mogadishu" is no Lido in Italy (`RULE_FAR_NAMESAKE`); "Kani township" in a
                # report on Myanmar is no town in Japan: a division of the country the gazetteer lacks
                continue
        # a name's own division reading supports its towns ("Gaza" city in "Gaza Strip") but not
        # itself over a bigger namesake ("Washington" the state against the capital)
        own_counts = _NO_COUNTS
        if readings[i]:
            own_counts = {}
            for a in readings[i]:
                own_counts[a] = own_counts.get(a, 0) + 1
        # with no division reading in the sentence, the paragraph's divisions are all there is
        nearby = _Nearby(counts, own_counts, ctx.admins) if total else ctx.admins
        own = set(readings[i])
        # "Bulgaria's Pleven province": the owner's namesake; none there ("Israel's Gaza offensive")
        # leaves all candidates
        cands = owned_candidates(cands, toks, p.start) or cands
        e = choose(cands, nearby, countries, own, doc_admins)
        named = e.precision == "place"
        override = None
        any_nearby = total > len(readings[i]) or ctx.admins
        if (
            division is None
            and named
            and any_nearby
            and (e.country, e.admin1) not in nearby
            and e.population < SMALL_PLACE
            and (e.country, e.admin1) not in doc_admins  # its own division was named before: no namesake
        ):
            # the paragraph's division wins over a namesake elsewhere: the sentence's first other
            # division of that country, else the last one the paragraph named
            same_country = next((a for k, a in by_country.get(e.country, ()) if k != i), None)
            same_country = same_country or ctx.latest_admin.get(e.country)
            if same_country:
                adm = gaz.admin1.get(same_country)
                if adm is not None and not near_division(e, adm):
                    override = p.text
                    e = adm
        out.append((p, e, named, override))
    return apply_containment(toks, out)


_NO_COUNTS: dict[tuple[str, str], int] = {}

RULE_FAR_NAMESAKE = "place.far_namesake"  # a small town outside every country the document is about
FAR_NAMESAKE_POPULATION = 100_000


def far_namesake(cands) -> bool:
    """Every reading is a town of under FAR_NAMESAKE_POPULATION outside the document's countries: the
    text's place is one the gazetteer lacks ("the Wadi al-Shay area" near Kirkuk is no Wadi in Karnataka,
    "Mir Ali" no Mir in Belarus), so the name is no place of the event (`RULE_FAR_NAMESAKE`)."""
    return all(c.precision == "place" and c.population < FAR_NAMESAKE_POPULATION for c in cands)


RULE_SELF_SUPPORT = "place.self_support"  # a small town abroad does not add its own country to the focus
FOCUS_NEAR_KM = 1000.0


def is_small_town(cands) -> bool:
    """Every reading is a town of under FAR_NAMESAKE_POPULATION: a name that may be a namesake of a
    village the gazetteer lacks."""
    return far_namesake(cands)


@cache
def _division_points() -> dict[str, tuple[tuple[float, float], ...]]:
    """country -> the centres of its divisions (gazetteer admin1 entries with coordinates)."""
    out: dict[str, list[tuple[float, float]]] = {}
    for (country, _name), e in gazetteer().admin1.items():
        if e.lat is not None and e.lon is not None:
            out.setdefault(country, []).append((e.lat, e.lon))
    return {k: tuple(v) for k, v in out.items()}


def near_countries(cands, countries: set[str]) -> bool:
    """A reading lies within FOCUS_NEAR_KM of a division centre of one of `countries` (a border town of a
    neighbour: "Nuseirat" in a report on Israel; not "Mir" in Belarus in a report on Pakistan)."""
    points = _division_points()
    for c in cands:
        if c.lat is None or c.lon is None:
            return True  # no coordinates: nothing to judge by
        for country in countries:
            if any(km(c.lat, c.lon, la, lo) <= FOCUS_NEAR_KM for la, lo in points.get(country, ())):
                return True
    return False


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (lat1, lon1, lat2, lon2))
    a = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(a))


RULE_NEAR_DIVISION = "place.near_division"  # a town close to the division named beside it is that town
NEAR_DIVISION_KM = 50.0


def near_division(e, adm) -> bool:
    """The town lies within NEAR_DIVISION_KM of the named division's centre: "near Kiswah, south of
    Damascus" is Al Kiswah in Rural Damascus, just outside the city's division, no namesake elsewhere
    (`RULE_NEAR_DIVISION`)."""
    if None in (e.lat, e.lon, adm.lat, adm.lon):
        return False
    return km(e.lat, e.lon, adm.lat, adm.lon) <= NEAR_DIVISION_KM


class _Nearby:
    """The divisions named near a place, as `choose` asks about them: the other places' division
    readings in the sentence and those the paragraph named before. Counted, not listed per place, so a
    sentence listing thousands of places costs its length, not its length squared."""

    __slots__ = ("counts", "own", "before")

    def __init__(self, counts: dict, own: dict, before: set[tuple[str, str]]) -> None:
        self.counts, self.own, self.before = counts, own, before

    def __contains__(self, key: object) -> bool:
        return self.counts.get(key, 0) > self.own.get(key, 0) or key in self.before
