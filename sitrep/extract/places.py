"""Stage: places. Gazetteer matches in a sentence, filtered (not every capitalised word is a place) and
disambiguated by context (admin1 and countries named nearby, population).

A candidate span is a run of capitalised tokens that the gazetteer knows. It is kept when it is a
country or a division, when a locative word precedes it ("in", "near", "the village of"), when a region
word follows it ("the Kherson region"), or when the place is large; it is dropped when it is part of a
longer name (a person, a unit: "Vladimir Putin"), follows a title, or is a stop-word, weapon or actor.
"""

from __future__ import annotations

import math
from collections.abc import Container, Sequence
from dataclasses import dataclass
from functools import cache

from sitrep.extract.dates import MONTHS
from sitrep.extract.districts import district_admins
from sitrep.extract.districts import first_tokens as district_first_tokens
from sitrep.extract.gazetteer import Entry, compact, compact_word, gazetteer
from sitrep.extract.lexicon import read_tsv, word_set
from sitrep.extract.text import Token
from sitrep.extract.triggers import place_object_forms
from sitrep.extract.wordcache import WordCache

# Word groups of lexicons/place_cues.tsv (what each group means is in its header).
_CUES = "lexicons/place_cues.tsv"
REGION_WORDS = word_set(_CUES, "region")
LOCATIVE = word_set(_CUES, "locative")
SKIPPABLE = word_set(_CUES, "skippable")  # "in the town of", "in Russian-occupied"
TITLES = word_set(_CUES, "title")
SUFFIXES = word_set(_CUES, "name_suffix")
BIG_PLACE = 500_000  # such places are kept without a locative cue


@dataclass(slots=True)
class Place:
    start: int  # token index in the sentence
    end: int
    entry: Entry
    locative: bool  # a locative word precedes it: the text says something happened there
    text: str
    in_place: bool = False  # "in/near/across X": X is where, not who (a country is then no actor)
    after_on: bool = False  # "called on Baku", "attack on Kyiv": a target, not where words were said
    candidates: Sequence[Entry] = ()  # every gazetteer reading of the name; `entry` is the first
    broad: bool = (
        False  # a division named by a direction ("southern Lebanon"): a named division beside it wins
    )
    care: bool = False  # where the wounded were taken or died ("in hospital in Nampula"): no event's place


@cache
def blocked_names() -> frozenset[str]:
    names = {compact(r["name"].lower()) for r in read_tsv("lexicons/not_places.tsv")}
    names |= {compact(r["phrase"].lower()) for r in read_tsv("lexicons/weapons.tsv")}
    names |= {
        compact(r["phrase"].lower())
        for r in read_tsv("actors.tsv")
        if r["kind"] in ("org", "group", "person", "demonym", "weapon_origin")
    }
    return frozenset(names)


# Verb forms whose object is often a place ("shelled Nikopol", "recaptured Sinja"): triggers.tsv.
OBJECT_VERBS = place_object_forms()
# Heads of a settlement phrase ("the town of X").
SETTLEMENT_HEADS = word_set(_CUES, "settlement_head")
# Words after a name that make it a street's ("Salah al-Din road", "Haifa Street"): no place of its own.
STREET_WORDS = word_set(_CUES, "street_word")
# Heads of a water body ("the Gulf of Aden"): the sea is no place of an event.
WATER_HEADS = word_set(_CUES, "water_head")
# Words after a name that make it a landform ("the Bekaa valley"): not the division or country of that name.
FEATURE_WORDS = word_set(_CUES, "feature_word")


class _Unskipped:
    """Where a walk back over SKIPPABLE words ("the town of", "eastern") from before token i stops:
    the nearest earlier token that is not skippable (-1: none). A walk of a few tokens is taken as it
    comes; past that, the answers for the whole sentence are computed once, so that a run of skippable
    place names ("South West Port ...") is not walked again for each name."""

    __slots__ = ("toks", "_last")
    SHORT = 8

    def __init__(self, toks: list[Token]) -> None:
        self.toks = toks
        self._last: list[int] | None = None

    def before(self, i: int) -> int:
        toks, j, floor = self.toks, i - 1, i - 1 - self.SHORT
        while j >= 0 and toks[j].low in SKIPPABLE:
            if j == floor:
                return self._long(j)
            j -= 1
        return j

    def _long(self, j: int) -> int:
        if self._last is None:  # _last[k]: the nearest token at or before k that is not skippable
            last, out = -1, []
            for k, t in enumerate(self.toks):
                if t.low not in SKIPPABLE:
                    last = k
                out.append(last)
            self._last = out
        return self._last[j]


def _locative_before(toks: list[Token], i: int, prior_place_end: int, unskipped: _Unskipped) -> bool:
    if (
        i >= 2
        and toks[i - 1].low == "of"
        and (toks[i - 2].low in SETTLEMENT_HEADS or toks[i - 2].low in FACILITIES)
    ):
        return True  # "the town of Bakhmut"; "the central market of Dilling", "the detachment of Djibo"
    j = unskipped.before(i)
    if j < 0:
        return False
    low = toks[j].low
    if low in LOCATIVE or low in OBJECT_VERBS:
        return True
    # a list of places: "in Toretsk and Rozkishne", "Vinnytsia, Kyiv, and Donetsk"
    return low in (",", "and", "or", "/") and prior_place_end >= j - 1 and prior_place_end > 0


# Words before a name that make it a party to the event, not its place.
PARTY_WORDS = word_set(_CUES, "party")
# "west of Rafah": a direction before "of" makes the name where it happened.
DIRECTIONS = word_set(_CUES, "direction")
DISTANCE_UNITS = word_set(_CUES, "distance_unit")
# "the Kenscoff police station", "Kadugli airport": a site after a name makes the name a place.
FACILITIES = word_set(_CUES, "facility")
FACILITY_MODIFIERS = word_set(_CUES, "facility_modifier")
# Words between a place and its division that name the place's own level ("Kankara LGA (Katsina)").
DIVISION_LEVELS = word_set(_CUES, "division_level")
LINE_PREFIX_TOKENS = 8  # "12:05 -", "5 November,", "14 Jan |": a log line's time before its first words

# "southern Lebanon": a lower-case direction that, with the name after it, names a division of the gazetteer
DIRECTION_ADJECTIVES = word_set(_CUES, "direction_adjective")
RULE_DIRECTIONAL = "place.directional_division"
RULE_LINE_START = "place.line_start"  # "12:05 - In Odesa, ...", "5 November, Bunia: ...": the line's place
RULE_DIRECTION_OF = "place.direction_of"  # "west of Rafah", "8 km north of Monywa"
RULE_SITE_AFTER = "place.site_after"  # "the Kenscoff police station", "Shwebo town"
RULE_ADDRESS = "place.address"  # "reached Kadugli, South Kordofan", "14 Jan | Monywa (Sagaing) |"
RULE_REGION_OF = "place.region_of"  # "the department of Arauca", "the state of Zamfara"


def _line_start(toks: list[Token], k: int) -> bool:
    """Only a log line's time or date stands before token k ("12:05 -", "5 November,", "14 Jan |"), so k
    starts the line's words (`RULE_LINE_START`)."""
    if k >= LINE_PREFIX_TOKENS:
        return False
    return all(t.low in MONTHS or not any(ch.isalpha() for ch in t.text) for t in toks[:k])


def _opener(toks: list[Token], k: int) -> bool:
    """A capitalised word that only starts the sentence ("In Kupiansk, ..."), not part of a name."""
    return toks[k].low == "," or (
        _line_start(toks, k) and (toks[k].low in LOCATIVE or toks[k].low in SKIPPABLE)
    )


def _heading_name(toks: list[Token], i: int, nxt: Token) -> bool:
    """A log line's heading names where its news happened: "El Obeid: An RSF drone hit ...", "13/03 -
    Bilozerka. Artillery strike ...", "15/01 - Kramatorsk, city centre ..." (`RULE_LINE_START`); a bare
    "Kyiv, ..." opening a sentence may be a dateline or a subject, so a comma or stop needs the line's time."""
    if not _line_start(toks, i):
        return False
    return nxt.text == ":" or (i > 0 and nxt.text in HEADING_MARKS)


HEADING_MARKS = frozenset({",", ".", "|", "(", "-", "\u2013", "\u2014"})


# "the town", "the city": a settlement named only by its kind (locate.points_back)
ANAPHOR_TOWN = word_set(_CUES, "anaphor_town")
ANAPHOR_DIVISION = word_set(_CUES, "anaphor_division")
RULE_CLOCK_ZONE = "place.clock_zone"  # a clock's zone is no place of its sentence
ZONE_AFTER = word_set(_CUES, "zone_after")  # "(Sanaa time)"
ZONE_BEFORE = word_set(_CUES, "zone_before")  # "(all times Tbilisi)"


def clock_zones(toks: list[Token], places: list[Place]) -> list[Place]:
    """places without the names of a clock's zone ("at 4:10 p.m. (Sanaa time)", "all times Tbilisi"): the
    time is told where the reader is, not where anything happened (`RULE_CLOCK_ZONE`)."""
    return [
        p
        for p in places
        if not (p.end < len(toks) and toks[p.end].low in ZONE_AFTER)
        and not (p.start > 0 and toks[p.start - 1].low in ZONE_BEFORE)
    ]


def _road_number(toks: list[Token], j: int) -> bool:
    """A road number and a street word follow the name: "the Mexico 15 highway", "the N1 road"."""
    return j + 1 < len(toks) and toks[j].text[:1].isdigit() and toks[j + 1].low in STREET_WORDS


def _qualifies_next(toks: list[Token], j: int, own: Sequence[Entry] = (), need_town: bool = False) -> bool:
    """ "the Caracas neighbourhood of Petare", "the El Aguaje area of Aguililla": the name only says where the
    settlement named after "of" lies; that one is the place (`RULE_QUALIFIER`). Not when one of the name's
    own readings (`own`) is a town in that place's division: "the Midyat district of Mardin" is the town
    Midyat, while "the Kyivskyi district of Kharkiv" is no Kyivskyi of Donetsk. `need_town`: only a town the
    gazetteer knows after "of" (a division word before "of" makes the name a district unless a town follows:
    "the Macomia district of Mozambique's Cabo Delgado province" is the district)."""
    if not (j + 2 < len(toks) and toks[j].low in SETTLEMENT_HEADS and toks[j + 1].low == "of"):
        return False
    if toks[j + 2].low == "the" and j + 3 < len(toks) and toks[j + 3].low in ANAPHOR_TOWN:
        return True  # "the Kyivskyi district of the city": a part of the town told before
    if not toks[j + 2].is_cap:
        return False
    # not "the Bokkos area of Plateau state": a division after "of" (no town of that name, or a region word
    # after it) is where the name lies
    gaz, key, k = gazetteer(), "", j + 2
    readings: tuple = ()
    while k < min(len(toks), j + 2 + MAX_DIVISION_TOKENS) and toks[k].is_cap:
        key += compact_word[toks[k].low]
        readings = gaz.lookup(key) or readings
        k += 1
    if k < len(toks) and toks[k].low in REGION_WORDS:
        return False
    homes = {(c.country, c.admin1) for c in readings}
    if any(c.precision == "place" and (c.country, c.admin1) in homes for c in own):
        return False
    if need_town:  # not "of Mozambique's Cabo Delgado province": a country, or an owner of what follows
        owner = k < len(toks) and toks[k].low in ("'s", "\u2019s")
        return (
            not owner
            and not any(c.precision == "country" for c in readings)
            and any(c.precision == "place" for c in readings)
        )
    return any(c.precision == "place" for c in readings) or not readings and not district_admins(key)


RULE_QUALIFIER = "place.qualifier"


def _part_of_the_town(toks: list[Token], i: int) -> bool:
    """ "the city's industrial Oleksandrivskyi district": the name is a part of the town told before, not a
    namesake district elsewhere (`RULE_QUALIFIER`)."""
    k = i - 1
    while k > 0 and i - k <= 2 and toks[k].low.isalpha() and not toks[k].is_cap:
        k -= 1  # "industrial"
    return k >= 1 and toks[k].low in ("'s", "\u2019s") and toks[k - 1].low in ANAPHOR_TOWN


def _direction_of(toks: list[Token], i: int) -> bool:
    """ "west of Rafah", "north of the town of X" (`RULE_DIRECTION_OF`)."""
    k = i - 1
    while k > 0 and toks[k].low in SKIPPABLE and toks[k].low != "of":
        k -= 1  # "north of the town of X": back to the first "of"
    if not (k >= 1 and toks[k].low == "of" and toks[k - 1].low in DIRECTIONS):
        return False
    # "a village some 30 kilometres north-west of Wad Madani": a measured offset describes another place
    return not (k >= 2 and toks[k - 2].low in DISTANCE_UNITS)


def _site_after(toks: list[Token], i: int, j: int) -> bool:
    """A settlement word after the name ("Shwebo town"), or "the" name and a site ("the Kenscoff police
    station", "the Bureij camp"): the text names something in that place (`RULE_SITE_AFTER`). Not "a Goma
    hospital": where the wounded died is not where they were hit."""
    n = len(toks)
    if j >= n:
        return False
    low = toks[j].low
    if low in SETTLEMENT_HEADS:
        return True
    if i == 0 or toks[i - 1].low != "the":
        return False
    k = j + 1 if low in FACILITY_MODIFIERS else j
    if k >= n or toks[k].low not in FACILITIES:
        return False
    # "the Dnipro dam in Zaporizhzhia", "the Al-Shifa hospital in Gaza City": the site is where "in" says
    return not (k + 1 < n and toks[k + 1].low in IN_WORDS)


def _address_after(toks: list[Token], j: int, cands: Sequence[Entry]) -> bool:
    """The name is followed by a division or country it lies in: "Kadugli, South Kordofan", "Monywa
    (Sagaing)", "Kankara LGA (Katsina)", "Bambari, Central African Republic" (`RULE_ADDRESS`)."""
    n = len(toks)
    if j < n and toks[j].low in DIVISION_LEVELS:
        j += 1
    if j + 1 >= n or toks[j].text not in ("(", ","):
        return False
    gaz = gazetteer()
    homes = {(c.country, c.admin1) for c in cands if c.precision == "place"}
    countries = {c.country for c in cands if c.precision == "place"}
    key = ""
    for k in range(j + 1, min(n, j + 1 + MAX_DIVISION_TOKENS)):
        if not toks[k].is_cap and toks[k].low not in NAME_PARTICLES:
            break  # (but "Lanao del Sur", "Valle del Cauca" go on)
        key += compact(toks[k].low)
        for e in gaz.lookup(key):
            if e.precision == "admin1" and (e.country, e.admin1) in homes:
                return True
            if e.precision == "country" and e.country in countries:
                return True
        if any((e.country, e.admin1) in homes for e in district_admins(key)):
            return True  # "Butig, Lanao del Sur": a district of the town's division
    return False


MAX_DIVISION_TOKENS = 4
# lower-case words inside a division's name ("Lanao del Sur", "Valle del Cauca")
NAME_PARTICLES = word_set(_CUES, "name_particle")


IN_WORDS = word_set(_CUES, "in")


def _in_before(toks: list[Token], i: int, unskipped: _Unskipped) -> bool:
    j = unskipped.before(i)
    return j >= 0 and toks[j].low in IN_WORDS


def _region_after(toks: list[Token], j: int) -> bool:
    """A region word after this name, possibly after a list of names ("Kyiv, and Donetsk regions")."""
    k = j
    while k < len(toks) and (toks[k].is_cap or toks[k].low in (",", "and")) and k < j + 12:
        if toks[k].low in REGION_WORDS:
            return True
        k += 1
    return k < len(toks) and toks[k].low in REGION_WORDS


# a word that, capitalised, starts some gazetteer name
_NAME_START = WordCache(lambda low: compact_word[low] in gazetteer().first_tokens)


def find_places(toks: list[Token], blocked: set[int]) -> list[Place]:
    """Places named in one sentence. `blocked` holds token indexes taken by actors, weapons, persons."""
    gaz = gazetteer()
    stop = blocked_names()
    out: list[Place] = []
    n = len(toks)
    last_end = -1
    # only a capitalised token that starts some gazetteer name can start a place
    may_start, fold = _NAME_START, compact_word
    starts = [
        k
        for k, t in enumerate(toks)
        if t.is_cap and (may_start[t.low] or _DISTRICT_START[t.low]) and k not in blocked
    ]
    i = 0
    unskipped = None  # built when a name is first checked for a locative before it
    for start in starts:
        if start < i:
            continue  # inside a name read already
        i = start
        tok = toks[i]
        if i == 0 and tok.text.isupper() and len(tok.text) > 2 and n > 1 and toks[1].text == ",":
            i += 1  # a dateline ("KYIV, Sept 9 -") names where the report was filed, not the event
            continue
        # longest known name starting here (keys grow one token at a time: no rejoining)
        best, best_key, key, broad = 0, "", "", False
        for j in range(i + 1, min(n, i + 5) + 1):
            t = toks[j - 1]
            if j - 1 in blocked:
                break
            key += fold[t.low]  # keys grow by compact tokens: hyphen/space variants meet
            # a name may end in a lower-case article word ("Deir al-Balah")
            capital = t.is_cap or ("-" in t.text and t.text.rsplit("-", 1)[1][:1].isupper())
            if capital and key in gaz.index and key not in stop:
                best, best_key = j, key
        if best and i > 0 and toks[i - 1].low in DIRECTION_ADJECTIVES and i - 1 not in blocked:
            # "southern Lebanon", "northern Israel": a division the gazetteer names so (`RULE_DIRECTIONAL`)
            led = fold[toks[i - 1].low] + best_key
            if any(c.precision == "admin1" for c in gaz.lookup(led)):
                i, best_key, broad = i - 1, led, True
        if not best:
            found = _district_at(toks, i, blocked, last_end)
            if found is None:
                i += 1
                continue
            out.append(found)
            last_end = found.end - 1
            i = found.end
            continue
        j, cands = best, gaz.lookup(best_key)
        if i >= 2 and toks[i - 1].low == "of" and toks[i - 2].low in WATER_HEADS:
            i = j
            continue
        prev = toks[i - 1].low if i else ""
        nxt = toks[j] if j < n else None
        # "the Republic of X", "the department of Arauca" (`RULE_REGION_OF`)
        region = _region_after(toks, j) or (prev == "of" and i >= 2 and toks[i - 2].low in REGION_WORDS)
        if nxt is not None and (nxt.low in STREET_WORDS or _road_number(toks, j)):
            i = j  # "Salah al-Din road" in Gaza is a street, not the Iraqi province; "the Mexico 15 highway"
            continue
        if nxt is not None and nxt.low in FEATURE_WORDS:
            cands = tuple(c for c in cands if c.precision == "place")
            if not cands:
                i = j  # "the Bekaa valley" spans more than the Beqaa governorate
                continue
        if prev in PARTY_WORDS and not region:
            i = j  # "cooperation with Washington": a party, not where it happened
            continue
        if prev == "the" and toks[j - 1].low in WATER_HEADS and not region:
            i = j  # "the Red Sea" is the water body; "the Red Sea state" is the division
            continue
        # a heading ("El Obeid: An RSF drone hit ...") says where the line's news happened
        if unskipped is None:
            unskipped = _Unskipped(toks)
        locative = (
            _locative_before(toks, i, last_end, unskipped)
            or (nxt is not None and _heading_name(toks, i, nxt))
            or _direction_of(toks, i)
            or _site_after(toks, i, j)
            or _address_after(toks, j, cands)
        ) and not _qualifies_next(toks, j)
        part_of_name = (
            nxt is not None
            and nxt.is_cap
            and nxt.low not in REGION_WORDS
            and nxt.low not in SUFFIXES
            and j not in blocked
            and compact_word[nxt.low] not in gaz.index
        ) or (i > 0 and toks[i - 1].is_cap and (i - 1) not in blocked and not _opener(toks, i - 1))
        if prev.rstrip(".") in TITLES or (part_of_name and not region):
            i = j
            continue
        if region and (_qualifies_next(toks, j, cands, need_town=True) or _part_of_the_town(toks, i)):
            i = j  # "the Kyivskyi district of Kharkiv": a part of the city after "of" (`RULE_QUALIFIER`)
            continue
        if region:
            admin = [c for c in cands if c.precision == "admin1"]
            cands = admin or _district_reading(cands, best_key, toks, i, j) or cands
        big = max(c.population for c in cands) >= BIG_PLACE
        kinds = {c.precision for c in cands}
        if not (region or locative or big or kinds & {"admin1", "country"}):
            i = j
            continue
        if nxt is not None and nxt.low == "'s" and kinds <= {"country"}:
            i = j  # "Ukraine's drone attacks": a possessor, not a place
            continue
        text = " ".join(t.text for t in toks[i:j])
        in_place = _in_before(toks, i, unskipped)
        out.append(Place(i, j, cands[0], locative or region, text, in_place, prev == "on", cands, broad))
        last_end = j - 1
        i = j
    return out


_DISTRICT_START = WordCache(lambda low: compact_word[low] in district_first_tokens())
RULE_DISTRICT = (
    "place.district"  # "Kurram district", "in Kech district", "Butig, Lanao del Sur": a district's division
)
MIN_DISTRICT_TOWN = 4  # letters of a district name read as its seat town after a locative ("in Mahas")


def _district_reading(cands: Sequence[Entry], key: str, toks: list[Token], i: int, j: int) -> list[Entry]:
    """A town's name right before a division word ("the Soum province", "Bannu district"): the district's
    seat when the gazetteer has a town of that name in the district's division ("Bannu district" is Bannu),
    else the district's division (Senegal's Soum is no part of Burkina's Soum province)."""
    if not (j < len(toks) and (toks[j].low in REGION_WORDS or toks[j].low in DIVISION_LEVELS)):
        if not (i >= 2 and toks[i - 1].low == "of" and toks[i - 2].low in REGION_WORDS):
            return []
    admins = district_admins(key)
    if not admins:
        return []
    homes = {(a.country, a.name) for a in admins}
    return [c for c in cands if (c.country, c.admin1) in homes] or list(admins)


def _district_at(toks: list[Token], i: int, blocked: Container[int], last_end: int) -> Place | None:
    """A district the gazetteer knows no place of, starting at token i (`RULE_DISTRICT`): before a division
    word ("Pakistan's Kurram district", "the district of Pataz") or after a place's comma or bracket ("Butig,
    Lanao del Sur") it reads as its division, with no town; after a locative ("fighting in Mahas") as a town
    of that name in the division, when the name is the district's alone."""
    n = len(toks)
    best, best_key, key = 0, "", ""
    for j in range(i + 1, min(n, i + 4) + 1):
        t = toks[j - 1]
        if j - 1 in blocked or not t.is_cap:
            break
        key += compact_word[t.low]
        if district_admins(key):
            best, best_key = j, key
    if not best:
        return None
    j, admins = best, district_admins(best_key)
    text = " ".join(t.text for t in toks[i:j])
    nxt = toks[j].low if j < n else ""
    prev = toks[i - 1].low if i else ""
    in_place = prev in IN_WORDS
    if j < n and toks[j].is_cap and nxt not in REGION_WORDS and nxt not in DIVISION_LEVELS:
        return None  # "Sheikh Zuweid": part of a longer name
    if (
        nxt in REGION_WORDS
        or nxt in DIVISION_LEVELS
        or (prev == "of" and i >= 2 and toks[i - 2].low in REGION_WORDS)
    ):
        return Place(i, j, admins[0], True, text, in_place, prev == "on", admins)
    if prev in ("(", ",") and last_end == i - 2:
        return Place(i, j, admins[0], False, text, False, False, admins)  # an address: the place before it
    if (
        prev in LOCATIVE
        and prev not in ("to", "from")
        and len(admins) == 1
        and len(text) >= MIN_DISTRICT_TOWN
    ):
        return Place(i, j, admins[0], True, text, in_place, False, ())  # the seat town, by its district
    return None


def choose(
    cands: list[Entry],
    admin_ctx: Container[tuple[str, str]],
    country_ctx: set[str],
    own: set[tuple[str, str]] = frozenset(),
    doc_admins: set[tuple[str, str]] = frozenset(),
) -> Entry:
    """The candidate the context supports: same admin1 as a division named nearby (or, for a town,
    by the same name: `own`), one named earlier in the document, a country of the document, a
    main-name match, a larger population."""

    def score(c: Entry) -> float:
        s = math.log10(c.population + 1) / 2
        key = (c.country, c.admin1)
        if key in admin_ctx or (c.precision == "place" and key in own):
            s += 3
        elif key in doc_admins:
            s += 1.5
        if c.country in country_ctx:
            s += 2
        if c.primary:
            s += 1
        if c.precision == "place" and c.admin1 and c.admin1 == c.name:
            s += 0.5  # a bare name shared by a division and its capital reads as the city
        if c.precision == "country":
            s += 5
        return s

    return max(cands, key=score)
