"""Owner of an event's place (decide.py): the most precise place its sentence says it happened at (a
verbal event only where the words were said), else the place its paragraph or entry named, else one
the next sentences of its paragraph give; a merged sentence may name a more precise one.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from typing import TYPE_CHECKING

from sitrep.extract.candidate import Candidate
from sitrep.extract.decide import decide, span, words_of
from sitrep.extract.gazetteer import Entry, compact_word, gazetteer
from sitrep.extract.lexicon import word_set
from sitrep.extract.places import ANAPHOR_DIVISION, ANAPHOR_TOWN, REGION_WORDS
from sitrep.extract.sentence import Analysis
from sitrep.extract.spans import marks
from sitrep.extract.triggers import Trigger
from sitrep.extract.verbal import VERBAL, VISIT_MODES, content_start

if TYPE_CHECKING:
    from sitrep.extract.budget import Deadline
    from sitrep.extract.build import Context

PLACE_EVENTS = frozenset({"ASSAULT", "PROTEST", "COERCE", "MOBILIZE", "RETREAT"})
# words of the open sea and of ships ("in the Gulf of Aden", "the bulk carrier"): an event told with them and no
# place of its own happened at sea, where the conventions give no place (`RULE_AT_SEA`)
AT_SEA = word_set("lexicons/place_cues.tsv", "at_sea")
RULE_AT_SEA = "place.at_sea"
_PRECISION_RANK = {"place": 0, "admin1": 1, "country": 2}

# (entry, name as the text gives it, a populated place is named, char span of the name)
EventPlace = tuple[Entry, str | None, bool, tuple[int, int] | None]


def event_place(an: Analysis, resolved: list[tuple], locative_only: bool = False) -> EventPlace | None:
    """The most precise place of the sentence. A verbal event takes only a place the text says it
    happened at ("talks in Cairo"), not a capital standing for its government ("Tokyo will provide")."""
    if not resolved:  # most sentences name no place
        return None
    rank = _PRECISION_RANK
    # where the wounded were taken or died is no event's place (care.py)
    if locative_only:
        usable = [r for r in resolved if r[0].locative and not r[0].after_on and not r[0].care]
    else:
        usable = [r for r in resolved if (r[0].locative or r[1].precision != "country") and not r[0].care]
    if not usable:
        return None
    if len(usable) > 1 and any(r[0].broad for r in usable):
        # "Nabatieh in southern Lebanon": the division named beats the one a direction names in its country
        named = {r[1].country for r in usable if not r[0].broad and r[1].precision != "country"}
        usable = [r for r in usable if not (r[0].broad and r[1].country in named)]
    spanned = _spanned(an, usable)
    if spanned is not None:
        usable = [spanned]
    # where the text says it happened ("across the Gaza Strip") beats a name that only qualifies
    # someone ("the Gaza health ministry said")
    best = min(
        usable,
        key=lambda r: (
            r[1].precision == "country",
            not r[0].locative,
            0 if r[2] else rank[r[1].precision] + 1,
            r[0].start,
        ),
    )
    entry = best[1]
    if entry.precision == "admin1" and not any(r[1].precision == "place" for r in usable):
        entry = _one_country(an, entry, usable)
    return entry, best[3], best[2], span(an, best[0].start, best[0].end)


RULE_SEVERAL_DIVISIONS = "place.several_divisions"
RULE_SPANNED = "place.spanned"  # "strikes across the Gaza Strip killed 29 ..., as mediators in Cairo ..."
SPANNING = word_set("lexicons/place_cues.tsv", "spanning")


def _spanned(an: Analysis, usable: list[tuple]) -> tuple | None:
    """The first place of the sentence is a division or country the event spans ("across the Gaza Strip",
    "throughout Sudan"): a town named later in the sentence belongs to another clause (`RULE_SPANNED`)."""
    first = min(usable, key=lambda r: r[0].start)
    if first[1].precision == "place" or first[0].broad:
        return (
            None  # "across southern Lebanon ..., hours after rockets were fired towards Metula": not spanned
        )
    k = first[0].start - 1
    lows = an.sent.lows
    while k >= 0 and lows[k] == "the":
        k -= 1
    return first if k >= 0 and lows[k] in SPANNING else None


_LIST_WORDS = frozenset((",", "and", "or", "the", "/", "&"))


def _one_country(an: Analysis, entry: Entry, usable: list[tuple]) -> Entry:
    """Several divisions of one country and no town ("drones over the Belgorod and Kursk regions"): the
    event is in that country, in none of the divisions alone (`RULE_SEVERAL_DIVISIONS`)."""
    rows = sorted(
        (r for r in usable if r[1].precision == "admin1" and r[1].country == entry.country and r[0].locative),
        key=lambda r: r[0].start,
    )
    # only divisions listed together ("the Belgorod and Kursk regions"), not "labourers from Punjab ... in
    # Kech district"
    lows = an.sent.lows
    others = set()
    for a, b in zip(rows, rows[1:], strict=False):
        if all(w in _LIST_WORDS or w in REGION_WORDS for w in lows[a[0].end : b[0].start]):
            others |= {a[1].admin1, b[1].admin1}
    if len(others) < 2:
        return entry
    return gazetteer().countries.get(entry.country, entry)


def _aside_after(lows: list[str], cut: int, k: int) -> bool:
    """A participle clause after the content tells of the speaker again ("asked the US to press Israel,
    speaking to reporters in Beirut"): a place in it is where the words were said."""
    commas = marks(lows).participle_commas()  # j for each ", <word>ing" of the sentence
    i = bisect_left(commas, cut)
    return i < len(commas) and commas[i] < k - 1


def _said_place(an: Analysis, t: Trigger) -> EventPlace | None:
    """Where a verbal event took place: a place in the verb's own phrase ("met ... in Cairo", "visited
    Kyiv", "speaking in Beirut"), not one named in what was said ("called on M23 to open a corridor from
    Sake"), one that qualifies the addressee ("armed groups in Ituri"), or the addressee itself
    ("protested to Pyongyang"; a visit's "to Tokyo" is the place visited)."""
    lows = an.sent.lows
    cut = content_start(an.openers, t, len(lows))
    if t.end < len(lows) and lows[t.end] == "that":
        cut = t.end
    actor_ends = {a.end for a in an.actors}
    kept = []
    for r in an.resolved:
        p = r[0]
        if p.start >= t.end:
            if p.start >= cut and not _aside_after(lows, cut, p.start):
                continue
            prev = p.start - 1
            while prev > t.end and lows[prev] == "the":
                prev -= 1
            if lows[prev] == "to" and t.d.mode not in VISIT_MODES:
                continue  # "protested to Pyongyang": whom it was said to
            if lows[prev] in ("in", "from") and prev in actor_ends and t.event_type != "CONSULT":
                continue  # "armed groups in Ituri": where the addressee is (but "met X in Cairo")
        kept.append(r)
    return event_place(an, kept, locative_only=True)


def _take(c: Candidate, place: EventPlace, from_context: bool, rule: str) -> None:
    entry, name, named, words = place
    decide(c, "place", (entry, name, named, from_context), rule, words)


def in_sentence(
    c: Candidate, an: Analysis, t: Trigger, place: EventPlace | None, said: EventPlace | None
) -> None:
    """The place of a new candidate from its own sentence: `place` (event_place of the sentence) for
    events that happen somewhere, `said` (only places after a locative) or the verbal event's own
    phrase for the others, never a country alone."""
    if c.event_type in PLACE_EVENTS:
        if place is not None:
            _take(c, place, False, "place.in_sentence")
        elif not AT_SEA.isdisjoint(an.sent.lows):
            c.at_sea = _at_sea(an)  # "a missile hit the tanker in the Red Sea": no town's (`RULE_AT_SEA`)
    else:
        here = _said_place(an, t) if c.event_type in VERBAL else said
        if here is not None and here[0].precision != "country":
            _take(c, here, False, "place.said_at" if c.event_type in VERBAL else "place.locative")


def _at_sea(an: Analysis) -> bool:
    """A sea or ship word outside the names of actors ("the Black Sea Fleet" destroying boats off Novorossiysk
    is no event at sea by that name)."""
    named = {k for a in an.actors for k in range(a.start, a.end)}
    return any(w in AT_SEA and k not in named for k, w in enumerate(an.sent.lows))


def from_context(c: Candidate, ctx: Context, an: Analysis) -> None:
    """An event that happens somewhere and names no place happened at the paragraph's or entry's. One whose
    sentence points back at a place ("the town", "the county") keeps the last town the document named (or
    the one its sentence named before), for `from_anaphor` after merging (`RULE_ANAPHORA`)."""
    if c.place is not None or c.event_type not in PLACE_EVENTS or c.at_sea:
        return
    at = points_back(an.sent.lows, an.sent.tokens) if ctx.place is None else None
    if at is not None:
        town = _town_before(an, at[1], ctx.focus.countries) or ctx.town or ctx.named_town
        c.anaphor = (town, at[0]) if town is not None else None
    if ctx.place is not None:
        _take(c, ctx.place, True, "place.from_context")


def from_anaphor(cands: list[Candidate]) -> None:
    """Events whose sentence says "the town" (or "the county") and that still have no place, or only one
    from context, happened at the town it points back to (or its division). Run after merging and
    restating: the place the text only implies joins no events. It overrides a place the next sentences
    gave ("north of the town" is the town told before, not one named after)."""
    for c in cands:
        if c.anaphor is None or not (
            c.place is None or c.place_from_context or c.why["place"][0] == FOLLOWING
        ):
            continue  # (the next sentence's place kept a separate event apart while merging; "the town" says more)
        town, kind = c.anaphor
        # the sentence itself says where ("on the edge of the town"): no place from context
        if kind == "town":
            _take(c, town, False, RULE_ANAPHORA)
        else:
            entry = town[0]
            division = gazetteer().admin1.get((entry.country, entry.admin1), entry)
            _take(c, (division, None, False, None), False, RULE_ANAPHORA)


def _town_before(an: Analysis, k: int, countries: set[str]) -> EventPlace | None:
    """A town of the document's countries named earlier in the sentence though not as a place ("Residents of
    Beledweyne said a bomb struck a minibus on the road out of the town"): the nearest before token k."""
    toks = an.sent.tokens
    gaz = gazetteer()
    for i in range(k - 1, 0, -1):
        if not toks[i].is_cap or toks[i - 1].is_cap:
            continue
        towns = [
            e
            for e in gaz.lookup(compact_word[toks[i].low])
            if e.precision == "place" and e.country in countries
        ]
        if towns:
            return max(towns, key=lambda e: e.population), toks[i].text, True, span(an, i, i + 1)
    return None


RULE_ANAPHORA = "place.anaphora"  # "the town", "the village", "the county": the last town the document named
ANAPHOR_GAP = 1  # words between "the" and the head ("the besieged town", "the western edge of the town")


def points_back(lows: list[str], toks) -> tuple[str, int] | None:
    """("town", k) when the sentence names a settlement only by its kind at token k ("the town", "the
    besieged city"), ("division", k) for "the county", "the district"; None otherwise, or when a name
    follows ("the town of X" names its own place, which the gazetteer may lack)."""
    n = len(lows)
    for k, w in enumerate(lows):
        kind = "town" if w in ANAPHOR_TOWN else "division" if w in ANAPHOR_DIVISION else None
        if kind is None or toks[k].is_cap or "the" not in lows[max(0, k - 1 - ANAPHOR_GAP) : k]:
            continue  # (not "the Centre region": a name)
        if k + 1 < n and lows[k + 1] == "of":
            continue  # "the town of Ngouboua", "the village of al-Funduq"
        if k + 1 < n and toks[k + 1].is_cap:
            continue  # "the area Kaboul": a name after the head
        return kind, k
    return None


FOLLOWING = "place.from_following"


def from_following(cands: list[Candidate], analyses: list[Analysis], deadline: Deadline) -> None:
    """An event with no place takes one from the next sentences of its paragraph that make no event
    ("Two depots were set afire. The depots are in the Tambov region.")."""
    by_index = {an.sent.index: an for an in analyses}
    for c in cands:
        deadline.check()
        if c.place is not None and not c.place_from_context or c.event_type not in PLACE_EVENTS or c.at_sea:
            continue
        k = c.sentence + 1
        while (
            k in by_index
            and by_index[k].sent.entry == c.entry
            and by_index[k].sent.paragraph <= c.paragraph + 1
            and not by_index[k].heads
        ):
            following = by_index[k]
            place = event_place(
                following, [r for r in following.resolved if not _destination(following, r[0])]
            )
            if place is not None:
                _take(c, place, False, FOLLOWING)
                break
            k += 1


_DESTINATION = frozenset(("to", "towards", "toward"))


def _destination(an: Analysis, p) -> bool:
    """ "families walked down to Petion-Ville": where people went after the event, not where it happened."""
    k = p.start - 1
    while k >= 0 and an.sent.lows[k] == "the":
        k -= 1
    return k >= 0 and an.sent.lows[k] in _DESTINATION


RULE_DOCUMENT_PLACE = "place.from_document"
RULE_VILLAGE_IN_DIVISION = "place.village_in_division"


def from_villages(found: Iterable[tuple[Candidate, EventPlace]]) -> None:
    """A village the gazetteer lacks, in the document's one division (villages.py), is the place of an event
    that has none of its own ("attacked an army post at Ngouboua"; `RULE_VILLAGE_IN_DIVISION`)."""
    for c, place in found:
        _take(c, place, False, RULE_VILLAGE_IN_DIVISION)


RULE_DATELINE_DIVISION = "place.dateline_division"
RULE_REPORT_PLACE = "place.report_place"  # reportplace.py: the town a report's heading names


def from_document(cands: list[Candidate], home: Entry | None = None, report: Entry | None = None) -> None:
    """An event that happens somewhere and has no place, in a document whose events so far all happened in
    one division, happened in that division ("Police dispersed them with stun grenades" two paragraphs
    after the raid in Rio de Janeiro); with two divisions told, it stays unknown. Run after merging and
    restating, so a place from afar joins no events. With no place told before it, or only the dateline's
    division, it takes `home`: that division (given for one-country documents only;
    `RULE_DATELINE_DIVISION`). The town a heading names (`report`: "Kadugli | Sunday 8 March 2026", "all
    times Tbilisi", reportplace.py) comes first, while no event happened in another division."""
    seen: set[tuple[str, str | None]] = set()
    last = None
    for c in cands:
        if c.at_sea:
            continue
        if c.place is not None and not c.place_from_context and c.place.precision != "country":
            seen.add((c.place.country, c.place.admin1))
            last = c
        elif (
            c.place is None
            and c.event_type in PLACE_EVENTS
            and report is not None
            and home_only(seen, report)
        ):
            decide(c, "place", (report, None, True, True), RULE_REPORT_PLACE, None)
        elif c.place is None and c.event_type in PLACE_EVENTS and last is not None and len(seen) == 1:
            # the division only: the town is a guess, and a guessed town would keep apart reports of one
            # happening that name another (sitrep/happen)
            division = gazetteer().admin1.get((last.place.country, last.place.admin1), last.place)
            decide(c, "place", (division, None, False, True), RULE_DOCUMENT_PLACE, words_of(last, "place"))
        elif c.place is None and c.event_type in PLACE_EVENTS and home is not None and home_only(seen, home):
            # no place told yet in a one-country report: the division it was filed from (`home`)
            decide(c, "place", (home, None, False, True), RULE_DATELINE_DIVISION, None)


def home_only(seen: set[tuple[str, str | None]], home: Entry) -> bool:
    """The document's events so far happened nowhere or only in the dateline's division."""
    return not seen or seen == {(home.country, home.admin1)}


def places_agree(k: Candidate, c: Candidate) -> bool:
    """The two events' places may be one: same division and named place, one less precise inside the
    other's country, or one unknown or taken from context (merge and restate ask this)."""
    if k.place is None or c.place is None or c.place_from_context or k.place_from_context:
        return True
    if k.place.country != c.place.country:
        return False
    if k.place.precision == "country" or c.place.precision == "country":
        return True
    if k.place.admin1 != c.place.admin1:
        return False
    if k.named_place and c.named_place:
        return (k.place_name or k.place.name) == (c.place_name or c.place.name)
    return True


def more_precise(c: Candidate, k: Candidate) -> bool:
    return c.named_place and not k.named_place


def absorb(k: Candidate, c: Candidate) -> None:
    """A merged sentence gives the place of an event with none or one from context, or a named place
    where the event has only a division or a country."""
    if c.place is not None and (
        k.place is None or k.place_from_context or (more_precise(c, k) and not c.place_from_context)
    ):
        value = (c.place, c.place_name, c.named_place, c.place_from_context)
        decide(k, "place", value, "place.merged", words_of(c, "place"))


def restated(k: Candidate, c: Candidate, rule: str) -> None:
    """A restatement (restate.py `rule`) gives its place to an event with none or one from context."""
    if (k.place is None or k.place_from_context) and c.place is not None and not c.place_from_context:
        decide(k, "place", (c.place, c.place_name, c.named_place, False), rule, words_of(c, "place"))
