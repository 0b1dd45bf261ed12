"""Stage: build candidates. Turns analysed sentences into event candidates (which heads make events,
and the order in which the owner modules decide their fields), and keeps the discourse context (the
paragraph, or the live-blog entry) that later sentences take what they omit from: the attacker
("Russian attacks on Donetsk region ... A guided bomb killed one"), the place, the date ("on
Wednesday" earlier in the paragraph).
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field
from functools import cache

from sitrep.extract import dating, kinds, locate, quantities, roles, tolls
from sitrep.extract.actors import Actor
from sitrep.extract.candidate import Candidate
from sitrep.extract.dating import event_date_ref, in_clause, in_own_clause, is_background, outside_asides
from sitrep.extract.decide import Span, span, words_of
from sitrep.extract.heads import NOT_CODED, relative_aside, select_heads
from sitrep.extract.homes import Focus
from sitrep.extract.lexicon import read_tsv, word_set
from sitrep.extract.locate import EventPlace, event_place
from sitrep.extract.resolve import dateline_countries, is_small_town, near_countries, needs_support
from sitrep.extract.sentence import Analysis, actor_starts
from sitrep.extract.triggers import CLAUSE_BREAK, Trigger
from sitrep.extract.verbal import SAYING


@dataclass(slots=True)
class Context:
    """What the current entry (or paragraph of an article) has named so far."""

    key: tuple = ()
    admins: set[tuple[str, str]] = field(default_factory=set)  # (country, admin1) named so far
    latest_admin: dict[str, tuple[str, str]] = field(default_factory=dict)  # country -> the last one named
    place: EventPlace | None = None
    attacker: Actor | None = None
    attacker_words: Span = None
    date: tuple | None = None  # (date, precision) stated earlier in the paragraph
    date_words: Span = None
    date_paragraph: int = -1
    # the day an earlier paragraph or entry stated last: "The same day, ..." opening a paragraph points to it
    earlier_date: tuple | None = None
    earlier_date_words: Span = None
    home: str | None = None  # country of the last place an event of the document happened at
    town: EventPlace | None = None  # the last town an event happened at: "the town" later means it
    named_town: EventPlace | None = None  # the last town named as a place, with or without an event
    focus: Focus = field(default_factory=Focus)  # the document's countries and national actors (homes.py)


def doc_countries(analyses: list[Analysis]) -> set[str]:
    """The countries the document is about (rule place.focus_country): those of its actors (demonyms,
    national forces and groups), of its places with one country only (admin1 names, unambiguous towns)
    and of its dateline. A name that needs support (lexicons/place_support.tsv) gives none. A small town
    supports its own country only when the document's actors and other places name none, or one within
    FOCUS_NEAR_KM of it ("Mir Ali" in a Pakistani log is no support for Belarus's Mir: `RULE_SELF_SUPPORT`)."""
    out: set[str] = set(dateline_countries(analyses[0])) if analyses else set()
    small: list = []  # single-country small towns: they support their country only near the others
    for an in analyses:
        out.update(a.code for a in an.actors if a.code and len(a.code) == 3)
        for p in an.places:
            kinds = {c.country for c in p.candidates}
            if len(kinds) == 1 and not needs_support(p.text):
                if is_small_town(p.candidates):
                    small.append(p.candidates)
                else:
                    out.update(kinds)
    anchors = set(out)
    for cands in small:
        if not anchors or cands[0].country in anchors or near_countries(cands, anchors):
            out.add(cands[0].country)
    return out


def candidates_of(an: Analysis, ctx: Context, document_id: str) -> list[Candidate]:
    """The events of one sentence, each field decided by its owner module, in this order: type, mode
    and factuality (kinds), actors (roles), date (dating), place (locate), casualties (tolls),
    weapons and counts (quantities), then the means those name (kinds) and the victims (roles)."""
    sent = an.sent
    place = event_place(an, an.resolved)
    said_place = event_place(an, an.resolved, locative_only=True)
    # dates: first expression in the sentence, else one stated earlier in the paragraph, else the anchor
    date_ref = event_date_ref(an)
    out: list[Candidate] = []
    for t in an.heads:
        if t.factuality in NOT_CODED:
            continue  # "no shelling was reported", "did not fire": the text says it did not happen
        if not _is_event(an, t):
            t = _casualty_head(an, t)
            if t is None:
                continue
        figurative = t.factuality == "figurative"
        if figurative:
            if not (an.casualties.any or an.quantity.weapon):
                continue  # "a new salvo in the battle against inflation", "kept attacking down the left"
            t.factuality = None  # "hours before kick-off, a Russian drone hit a warehouse"
        c = Candidate(
            document_id=document_id,
            event_type=t.event_type,
            mode=None,
            factuality=None,
            trigger_pos=t.d.pos,
            sentence=sent.index,
            paragraph=sent.paragraph,
            entry=sent.entry,
            evidence_start=sent.start,
            evidence_end=sent.end,
            trigger=(*span(an, t.start, t.end), t.d.lemma, t.d.pos, t.d.event_type, t.d.mode),
        )
        kinds.trigger_kind(c, an, t, figurative)
        roles.decide_actors(c, an, t)
        if t.has("civilian") and c.actor1 is not None and c.actor1.type in ARMED_TYPES:
            continue  # "BLA fighters blocked the highway": no protest
        ref = outside_asides(an, t, in_own_clause(an, t, date_ref))
        if (
            ref is not None
            and ref.future
            and ref.start >= t.end
            and not t.factuality
            and c.event_type in SAYING
        ):
            ref = None  # "called on both sides to resume talks next week": the call happened today
        kinds.planned_by_date(c, an, ref)
        dating.set_date(c, an, ref, ctx)
        c.own_day = c.date_explicit and dating.own_day(an, t, ref)
        locate.in_sentence(c, an, t, place, said_place)
        if c.event_type == "ASSAULT":
            c.anaphoric = _anaphoric(an)
            # a toll over a period ("killed since the war began", "killed in 2024") sums incidents
            period = an.cumulative or (c.date_precision == "year" and in_clause(sent, t, ref))
            tolls.in_sentence(c, an, period)
            quantities.of_assault(c, an)
            kinds.assault_mode(c, an, t)
            roles.victims_counted(c, an)
        if not c.is_aggregate and is_background(c, an, t, ref):
            an.background = an.background or c.event_type == "ASSAULT"
            continue
        if c.event_type == "AID":
            kinds.aid_mode(c, an)
            quantities.of_aid(c, an)
            roles.receiving_country(c, an)
        out.append(c)
        if t.has("mutual") and c.actor1 is not None and c.actor2 is not None:
            out.append(roles.exchange_reverse(c))
    return out


ARMED_TYPES = frozenset(("state_forces", "rebels", "militia"))  # actors whose road block is no protest
HEADLINE_WORDS = 20  # a title line is short; a lead that lost its final period is longer
HEADLINE_LINES = 3  # a title stands among the article's first lines (over a source line, a dateline)
_ENDS = frozenset(".!?\"”'’")


def headline_sentences(analyses: list[Analysis]) -> set[int]:
    """Indexes of the sentences that are title lines over the lead: among the article's first lines, a
    paragraph of one short sentence without a final full stop ("Two soldiers killed in Abu Sayyaf ambush
    in Sulu"), with more paragraphs after it. Their events are the lead's, told in short
    (merge.fold_headlines). A hard-wrapped line ends without a stop too, but shares its paragraph."""
    out: set[int] = set()
    first = analyses[: HEADLINE_LINES + 1]
    for k, an in enumerate(first[:HEADLINE_LINES]):
        sent, toks = an.sent, an.sent.tokens
        alone = (k == 0 or first[k - 1].sent.paragraph != sent.paragraph) and (
            k + 1 < len(first) and first[k + 1].sent.paragraph != sent.paragraph
        )
        if (
            alone
            and sent.entry == 0
            and toks
            and len(toks) <= HEADLINE_WORDS
            and toks[-1].text[-1:] not in _ENDS
        ):
            out.add(sent.index)
    return out


DEFINITE = word_set("lexicons/clause_cues.tsv", "definite")


def _casualty_head(an: Analysis, t: Trigger) -> Trigger | None:
    """An attack verb that needs an object and has none ("launched an operation", no weapon launched) heads
    no event; the casualty verb it was chosen over in its sentence ("... and neutralised six of its
    members") does: the sentence tells an attack by its toll. None when there is no such verb."""
    if t.event_type != "ASSAULT" or not t.has("object") or not an.casualties.fatalities:
        return None
    dropped = select_heads(an.triggers, an.sent.lows, trace=True).trace or []
    return next(
        (
            o
            for rule, o in dropped
            if rule == "heads.one_per_event_type" and o.event_type == "ASSAULT" and o.has("casualty")
        ),
        None,
    )


def _anaphoric(an: Analysis) -> bool:
    """The sentence names an attack as already known ("the strike hit the tents", "the battle left 18
    soldiers dead"): it restates an attack told before rather than reporting a new one."""
    lows = an.sent.lows
    for o in an.triggers:
        if o.d.pos == "noun" and o.start > 0 and lows[o.start - 1] in DEFINITE and o.event_type == "ASSAULT":
            return True
    return False


@cache
def _object_rules() -> dict[str, tuple[frozenset[str], frozenset[str]]]:
    """lemma -> (words after it, words before it) that show it is no event."""
    after: dict[str, set[str]] = {}
    before: dict[str, set[str]] = {}
    for r in read_tsv("lexicons/not_event_objects.tsv"):
        (after if r["side"] == "after" else before).setdefault(r["lemma"], set()).add(r["word"])
    return {
        k: (frozenset(after.get(k, ())), frozenset(before.get(k, ()))) for k in after.keys() | before.keys()
    }


def _object_says_no_event(an: Analysis, t: Trigger) -> bool:
    """The word next to the trigger shows it is no act of war ("a report released on Tuesday", "fired
    their coach", "jailed two prisoners for 20 years"): lexicons/not_event_objects.tsv."""
    after, before = _object_rules()[t.d.lemma]
    lows = an.sent.lows
    for w in lows[t.end : t.end + 8]:
        if w in CLAUSE_BREAK:
            break
        if w in after:
            return True
    return not before.isdisjoint(lows[max(0, t.start - 2) : t.start])


def _is_event(an: Analysis, t: Trigger) -> bool:
    if t.d.lemma in _object_rules() and _object_says_no_event(an, t):
        return False
    if t.has("relief"):  # "a convoy carrying food reached the city"; troops reaching a town are no aid
        return an.quantity.aid_mode == "humanitarian"
    if t.has("object"):
        q = an.quantity
        if q.weapon is not None or q.aid_mode is not None:
            return True
        return kinds.retype(an, t)[0] != t.event_type  # "sent troops", "fired into the sea"
    return True


def update_context(ctx: Context, an: Analysis, cands: list[Candidate]) -> None:
    for _p, e, _named, _o in an.resolved:
        if e.precision == "admin1" and (e.country, e.admin1) not in ctx.admins:
            ctx.admins.add((e.country, e.admin1))
            ctx.latest_admin[e.country] = (e.country, e.admin1)
    place = event_place(an, an.resolved)
    if place is not None and place[0].precision != "country":
        ctx.place = place
        if place[2] and place[0].precision == "place":
            # "the town" later means the last town an event happened at (not a quote's "sleeps in Hinche"),
            # else the last town named
            if any(c.place is place[0] for c in cands):
                ctx.town = place
            ctx.named_town = place
    for c in cands:
        if c.event_type == "ASSAULT" and c.actor1 is not None and not c.actor1_from_context:
            ctx.attacker, ctx.attacker_words = c.actor1, words_of(c, "actor1")
    # an attacker named in a phrase without its own event ("Russian attacks on ..." as a subject)
    for t in an.triggers:
        if t.event_type == "ASSAULT" and t.d.pos == "noun" and ctx.attacker is None:
            ctx.attacker = _coded_actor_before(an, t)
            ctx.attacker_words = span(an, ctx.attacker.start, ctx.attacker.end) if ctx.attacker else None
    # "next week" dates no later sentence's event, nor a date inside an aside about an actor
    lows = an.sent.lows
    stated = next((d for d in an.dates if not d.future and relative_aside(lows, d.start) is None), None)
    if stated is not None:
        ctx.date = (stated.value, stated.precision)
        ctx.date_words = span(an, stated.start, stated.end)
        ctx.date_paragraph = an.sent.paragraph


def _coded_actor_before(an: Analysis, t: Trigger) -> Actor | None:
    """The last actor with a code ending at most 4 words before t. Actors are in text order and do not
    overlap, so only those just before t are looked at."""
    p = bisect_left(actor_starts(an), t.start) - 1  # the last actor starting before t
    while p >= 0 and an.actors[p].end >= t.start - 4:
        a = an.actors[p]
        if a.end <= t.start and a.code:
            return a
        p -= 1
    return None
