"""Per-sentence analysis: runs the lexicon stages (actors, places, triggers, numbers, dates) over one
sentence and keeps their results together for the role, context and merge stages."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from sitrep.extract.actors import Actor, bare_agents, find_actors
from sitrep.extract.campaign import is_campaign_toll
from sitrep.extract.care import care_starts
from sitrep.extract.dates import DATE_START, MONTHS, DateRef, find_dates
from sitrep.extract.divisions import unknown_places
from sitrep.extract.gazetteer import compact_word, gazetteer
from sitrep.extract.heads import select_heads
from sitrep.extract.lexicon import PhraseMatcher, tsv_matcher, word_set
from sitrep.extract.numbers import Casualties, Quantity, casualties_in, numbers_in, weapon_matcher, weapons_in
from sitrep.extract.places import Place, blocked_names, clock_zones, find_places
from sitrep.extract.recalled import clause_bounds, event_links, has_cue, intervals, piece
from sitrep.extract.text import Sentence
from sitrep.extract.triggers import Trigger, find_triggers
from sitrep.extract.verbal import VERBAL, content_openers


@dataclass(slots=True)
class Analysis:
    sent: Sentence
    actors: list[Actor]
    places: list[Place]
    triggers: list[Trigger]
    heads: list[Trigger]
    casualties: Casualties
    quantity: Quantity
    dates: list[DateRef]
    intercept: bool
    cumulative: bool = False  # a running or period total ("killed since the war began"), not one incident
    past_wars: list = field(default_factory=list)  # (start, end, _) of names of past wars ("World War II")
    openers: list = field(default_factory=list)  # where a verbal event's content may begin (verbal.py)
    resolved: list = field(default_factory=list)  # (Place, Entry) after context disambiguation
    weapons: list = field(default_factory=list)  # (start, end, _) of the weapon words (--explain quotes them)
    # lookups the role stage builds on first use (roles.py): starts of `actors`; ends of the active
    # verb triggers with the triggers
    actor_starts: list[int] | None = None
    background: bool = False  # an attack of the sentence was history, not news (dating.is_background)
    dateline: int = 0  # tokens of the sentence's dateline ("KYIV, Sept 9 -"): no actor, place or date
    active_verbs: tuple[list[int], list[Trigger]] | None = None
    # a clause recalling another attack, cut off this sentence (recalled.py), and the days from this
    # sentence's event to it when the text counts them ("two days after": -2)
    recalled: Analysis | None = None
    recalled_days: int | None = None


def actor_starts(an: Analysis) -> list[int]:
    """Start tokens of the sentence's actors, which are in text order (built on first use)."""
    if an.actor_starts is None:
        an.actor_starts = [a.start for a in an.actors]
    return an.actor_starts


def _place_word(tok) -> bool:
    """A capitalised word the gazetteer knows as a place name (a dateline city), and no actor's acronym."""
    return (
        len(tok.text) > 2
        and compact_word[tok.low] in gazetteer().index
        and compact_word[tok.low] not in blocked_names()
    )


RULE_DATELINE = "place.not_dateline"  # a dateline's place is neither an actor nor an event's place


def dateline_end(toks) -> int:
    """Tokens of a dateline ("KYIV, Sept 9 -", "GOMA, Democratic Republic of Congo, March 3 (Reuters) -"):
    where and when the report was filed, not where or when the event happened. A long one must hold a
    month or an agency tag in brackets before its dash; a one-word one ("KABUL -", "QUETTA:") must be a
    place the gazetteer knows, not an acronym ("UN - ...")."""
    if not toks or not (toks[0].text.isupper() and len(toks[0].text) > 1):
        return 0
    dated = False
    for k, t in enumerate(toks[:20]):
        dash = t.text in ("-", "\u2013", "\u2014", ":")
        if dash and (k > 1 or k == 1 and _place_word(toks[0])) and (k < 10 or dated):
            return k + 1
        dated = dated or t.low in MONTHS or t.text == "("
    return 0


@cache
def past_war_matcher() -> PhraseMatcher:
    """Names of past wars and eras (lexicons/historical_periods.tsv): what happens in them is history."""
    return tsv_matcher("lexicons/historical_periods.tsv", "phrase")


@cache
def cumulative_matcher() -> PhraseMatcher:
    return tsv_matcher("lexicons/cumulative.tsv", "phrase")


# After "since", these open a period ("since last week", "since the coup", "since early June").
_PERIOD_OPENERS = word_set("lexicons/date_cues.tsv", "period_opener")


def is_cumulative(lows: list[str]) -> bool:
    """The sentence counts over a period: a cue from lexicons/cumulative.tsv, "since" + a date, or a toll a
    campaign has taken ("the insurgency has killed 6,000", sitrep/extract/campaign.py)."""
    if cumulative_matcher().find(lows) or is_campaign_toll(lows):
        return True
    for k, w in enumerate(lows[:-1]):
        if w == "since":
            nxt = lows[k + 1].split("-", 1)[0]  # "mid-March"
            if nxt in _PERIOD_OPENERS or nxt in DATE_START or nxt[:1].isdigit():
                return True
    return False


_GENERIC_OPENERS = frozenset((",", ";", ":", "-", "(")) | word_set("lexicons/role_cues.tsv", "article")


def _opens(lows: list[str], a: Actor) -> bool:
    """A generic state noun ("soldiers", "the military") reads a following word as its verb only where it
    opens a clause ("On Monday, the military shelled"), not as an object ("pull the troops back")."""
    k = a.start - 1
    if k >= 0 and lows[k] in ("the", "a", "an"):
        k -= 1
    return k < 0 or lows[k] in _GENERIC_OPENERS or lows[k] in ("and", "but", "then")


def analyse(sent: Sentence) -> Analysis:
    toks, lows = sent.tokens, sent.lows
    # the dateline ("CAIRO, May 6 -") says where the report was filed: no actor, place or date in it
    dateline = dateline_end(toks)
    actors = find_actors(toks, lows)
    if dateline:
        actors = [a for a in actors if a.start >= dateline]
    blocked: set[int] = set()
    for a in actors:
        if a.kind not in ("country", "capital"):
            blocked.update(range(a.start, a.end))
        elif a.end - a.start > 1 and a.type:  # "Ukraine's military intelligence service HUR"
            blocked.update(range(a.start + 1, a.end))
    weapon_tokens: set[int] = set()  # all weapon words: no place is read in them
    compound: set[int] = set()  # multiword weapon names ("attack drones"): no trigger is read in them
    weapons = weapon_matcher().find(lows)
    for s, e, _ in weapons:
        weapon_tokens.update(range(s, e))
        if e - s > 1:
            compound.update(range(s, e))
    blocked |= weapon_tokens
    blocked.update(range(dateline))
    places = find_places(toks, blocked)
    if places:
        places = clock_zones(toks, places)
        unknown = unknown_places(toks, places, blocked)
        if unknown:
            places = sorted(places + unknown, key=lambda p: p.start)
        cared = care_starts(lows, [p.start for p in places])
        for p in places if cared else ():
            p.care = p.start in cared
    place_tokens = {k for p in places for k in range(p.start, p.end)}
    # a country or capital read as a place after a locative ("in Ukraine") is not an actor there
    if places:
        # (any token of the place: "in southern Lebanon" holds the country "Lebanon")
        in_place = {k for p in places if p.in_place for k in range(p.start, p.end)}
        located = {k for p in places if p.locative for k in range(p.start, p.end)}
        actors = [
            a
            for a in actors
            if not (
                (a.kind == "country" and a.start in in_place) or (a.kind == "capital" and a.start in located)
            )
        ]
    taken = {k for a in actors for k in range(a.start, a.end)} | place_tokens
    actors += bare_agents(toks, lows, taken)
    actors.sort(key=lambda a: a.start)
    subject_ends = {
        a.end - 1
        for a in actors
        if a.kind != "weapon_origin"
        and (a.kind != "demonym" or a.type)
        and (a.kind != "generic" or _opens(lows, a))
    }
    # words of a proper name ("Three Brotherhood Alliance") are no triggers
    names = {
        k
        for a in actors
        if a.kind not in ("country", "capital")
        for k in range(a.start + 1, a.end)
        if toks[k].is_cap
    }
    triggers = find_triggers(toks, lows, subject_ends, compound | names)
    chosen = select_heads(triggers, lows)
    heads, triggers = chosen.heads, chosen.triggers  # triggers as re-read ("did not agree": a rejection)
    nums = numbers_in(lows)
    intercept = bool(triggers) and any("intercept" in t.d.flags for t in triggers)
    cas = casualties_in(lows, nums)
    qty = weapons_in(lows, nums, intercept, weapons)
    dates = [d for d in find_dates(toks, lows, sent.anchor) if d.start >= dateline]
    cumulative = cas.any and is_cumulative(lows)
    past_wars = past_war_matcher().find(lows) if heads else []  # read while the sentence scan is at hand
    # read only for sentences with a verbal event: where what was said begins
    openers = content_openers(toks, lows) if any(h.event_type in VERBAL for h in heads) else []
    an = Analysis(
        sent, actors, places, triggers, heads, cas, qty, dates, intercept, cumulative, past_wars, openers
    )
    an.weapons = weapons
    an.dateline = dateline
    return an


def analyse_sentence(sent: Sentence) -> Analysis:
    """analyse(), with a clause that recalls another attack and its toll ("..., a day after a drone strike
    killed 12 people") cut off and analysed on its own (Analysis.recalled; sitrep/extract/recalled.py)."""
    if has_cue(sent.lows):
        split = _split_recalled(sent)
        if split is not None:
            return split
    return analyse(sent)


def _split_recalled(sent: Sentence) -> Analysis | None:
    lows = sent.lows
    dateline = dateline_end(sent.tokens)
    for iv in intervals(lows):
        bounds = clause_bounds(lows, iv, dateline)
        if bounds is None:
            continue
        lo, hi = bounds
        tail = analyse(piece(sent, lo, hi))
        if (
            tail.cumulative
            or not tail.casualties.any
            or not any(h.event_type == "ASSAULT" for h in tail.heads)
        ):
            continue  # no attack with a toll of its own: the interval only dates ("killed two days after")
        if lo > dateline and lows[lo - 1] in event_links():
            return tail  # "The raid came two days after a quadcopter killed two": only the attack is news
        if lo > dateline:
            end = lo
            while end > 1 and lows[end - 1] in (",", ";", "-", "\u2014"):
                end -= 1
            main = analyse(piece(sent, 0, end))
        elif hi + 1 < len(lows):
            main = analyse(piece(sent, hi + 1, len(lows), keep=(0, dateline) if dateline else None))
        else:
            return None
        main.recalled = tail
        main.recalled_days = iv.days
        return main
    return None
