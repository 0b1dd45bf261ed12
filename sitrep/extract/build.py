"""Stage: build candidates. Turns analysed sentences into event candidates and fills what a sentence
omits from its discourse context (the paragraph, or the live-blog entry): the attacker ("Russian attacks
on Donetsk region ... A guided bomb killed one"), the place ("Rozkishne" in a Donetsk paragraph is the
Donetsk one), the date ("on Wednesday" earlier in the paragraph).
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field, replace
from functools import cache

from sitrep.extract.actors import Actor
from sitrep.extract.candidate import Candidate
from sitrep.extract.dating import event_date_ref, in_clause, is_background, outside_asides, set_date
from sitrep.extract.gazetteer import Entry, gazetteer
from sitrep.extract.heads import NOT_CODED, relative_aside
from sitrep.extract.lexicon import read_tsv, word_set
from sitrep.extract.numbers import weapon_modes
from sitrep.extract.resolve import dateline_countries, needs_support
from sitrep.extract.roles import assign
from sitrep.extract.sentence import Analysis, actor_starts
from sitrep.extract.spans import marks
from sitrep.extract.triggers import CLAUSE_BREAK, Trigger
from sitrep.extract.verbal import SAYING, VERBAL, VISIT_MODES, content_start

PLACE_EVENTS = frozenset({"ASSAULT", "PROTEST", "COERCE", "MOBILIZE", "RETREAT"})
LOCAL_TYPES = frozenset(
    {"civilians", "protesters", "police", "rioters"}
)  # actors without a country of their own


@dataclass(slots=True)
class Context:
    """What the current entry (or paragraph of an article) has named so far."""

    key: tuple = ()
    admins: set[tuple[str, str]] = field(default_factory=set)  # (country, admin1) named so far
    latest_admin: dict[str, tuple[str, str]] = field(default_factory=dict)  # country -> the last one named
    place: tuple[Entry, str | None, bool] | None = None
    attacker: Actor | None = None
    date: tuple | None = None  # (date, precision) stated earlier in the paragraph
    date_paragraph: int = -1
    home: str | None = None  # country of the last place an event of the document happened at


def doc_countries(analyses: list[Analysis]) -> set[str]:
    """The countries the document is about (rule place.focus_country): those of its actors (demonyms,
    national forces and groups), of its places with one country only (admin1 names, unambiguous towns)
    and of its dateline. A name that needs support (lexicons/place_support.tsv) gives none."""
    out: set[str] = set(dateline_countries(analyses[0])) if analyses else set()
    for an in analyses:
        out.update(a.code for a in an.actors if a.code and len(a.code) == 3)
        for p in an.places:
            kinds = {c.country for c in p.candidates}
            if len(kinds) == 1 and not needs_support(p.text):
                out.update(kinds)
    return out


def _event_place(resolved: list[tuple], locative_only: bool = False) -> tuple[Entry, str | None, bool] | None:
    """The most precise place of the sentence. A verbal event takes only a place the text says it
    happened at ("talks in Cairo"), not a capital standing for its government ("Tokyo will provide")."""
    rank = {"place": 0, "admin1": 1, "country": 2}
    if locative_only:
        usable = [r for r in resolved if r[0].locative and not r[0].after_on]
    else:
        usable = [r for r in resolved if r[0].locative or r[1].precision != "country"]
    if not usable:
        return None
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
    return best[1], best[3], best[2]


def _aside_after(lows: list[str], cut: int, k: int) -> bool:
    """A participle clause after the content tells of the speaker again ("asked the US to press Israel,
    speaking to reporters in Beirut"): a place in it is where the words were said."""
    commas = marks(lows).participle_commas()  # j for each ", <word>ing" of the sentence
    i = bisect_left(commas, cut)
    return i < len(commas) and commas[i] < k - 1


def _said_place(an: Analysis, t: Trigger) -> tuple[Entry, str | None, bool] | None:
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
    return _event_place(kept, locative_only=True)


def candidates_of(an: Analysis, ctx: Context, document_id: str) -> list[Candidate]:
    sent = an.sent
    resolved = an.resolved
    place = _event_place(resolved)
    said_place = _event_place(resolved, locative_only=True)
    # dates: first expression in the sentence, else one stated earlier in the paragraph, else the anchor
    date_ref = event_date_ref(an)
    out: list[Candidate] = []
    for t in an.heads:
        if t.factuality in NOT_CODED or not _is_event(an, t):
            continue  # "no shelling was reported", "did not fire": the text says it did not happen
        if t.factuality == "figurative":
            if not (an.casualties.any or an.quantity.weapon):
                continue  # "a new salvo in the battle against inflation", "kept attacking down the left"
            t.factuality = None  # "hours before kick-off, a Russian drone hit a warehouse"
        a1, a2 = assign(an, t)
        etype, mode = _retype(an, t)
        c = Candidate(
            document_id=document_id,
            event_type=etype,
            mode=mode,
            factuality=t.factuality,
            trigger_pos=t.d.pos,
            sentence=sent.index,
            paragraph=sent.paragraph,
            entry=sent.entry,
            evidence_start=sent.start,
            evidence_end=sent.end,
            actor1=a1,
            actor2=a2,
        )
        ref = outside_asides(an, t, date_ref)
        if ref is not None and ref.future and ref.start >= t.end and not t.factuality and etype in SAYING:
            ref = None  # "called on both sides to resume talks next week": the call happened today
        set_date(c, ref, ctx, sent)
        if c.event_type in PLACE_EVENTS:
            if place is not None:
                c.place, c.place_name, c.named_place = place
        else:
            here = _said_place(an, t) if c.event_type in VERBAL else said_place
            if here is not None and here[0].precision != "country":
                c.place, c.place_name, c.named_place = here
        if c.event_type == "ASSAULT":
            c.anaphoric = _anaphoric(an)
            _fill_assault(an, c, t)
            c.mode = c.mode or _noun_mode(an, t)
            # a toll over a period ("killed since the war began", "killed in 2024") sums incidents
            c.is_aggregate = c.has_casualties and (
                an.cumulative or (c.date_precision == "year" and in_clause(sent, t, ref))
            )
        if not c.is_aggregate and is_background(c, an, t, ref):
            continue
        elif c.event_type == "AID":
            q = an.quantity
            c.mode = c.mode or q.aid_mode
            c.weapon, c.quantity, c.quantity_unit = q.weapon, q.quantity, q.unit
            if q.weapon in ("weapons", None) and q.aid_mode == "military":
                c.mode = "military"
            if c.actor2 is None:
                c.actor2 = _receiving_country(resolved)
        out.append(c)
        if t.has("mutual") and c.actor1 is not None and c.actor2 is not None:
            # "X and Y exchanged prisoners": each side released the other's, one event per direction
            out.append(replace(c, actor1=c.actor2, actor2=c.actor1, split_key="reverse"))
    return out


def _receiving_country(resolved: list[tuple]) -> Actor | None:
    """Aid that "arrived in Ukraine" with no recipient named goes to that country (a place read after
    "in", not a capital standing for its government)."""
    for p, e, _named, _o in resolved:
        if e.precision == "country" and p.in_place:
            return Actor(-1, -1, e.name, e.country, None, "state")
    return None


DEFINITE = word_set("lexicons/clause_cues.tsv", "definite")


def _anaphoric(an: Analysis) -> bool:
    """The sentence names an attack as already known ("the strike hit the tents", "the battle left 18
    soldiers dead"): it restates an attack told before rather than reporting a new one."""
    lows = an.sent.lows
    for o in an.triggers:
        if o.d.pos == "noun" and o.start > 0 and lows[o.start - 1] in DEFINITE and o.event_type == "ASSAULT":
            return True
    return False


def _noun_mode(an: Analysis, t: Trigger) -> str | None:
    """An attack verb with no means of its own and no weapon named takes the means of an attack noun
    in its sentence ("an Israeli airstrike hit a house" is aerial)."""
    for o in an.triggers:
        if (
            o is not t
            and o.d.pos == "noun"
            and o.event_type == "ASSAULT"
            and o.d.mode
            and not o.has("intercept")
        ):
            return o.d.mode
    return None


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
        return _retype(an, t)[0] != t.event_type  # "sent troops", "fired into the sea"
    return True


@cache
def _retype_rules() -> dict[tuple[str, str], list[tuple[str, str, str]]]:
    rules: dict[tuple[str, str], list[tuple[str, str, str]]] = {}
    for r in read_tsv("lexicons/retype.tsv"):
        rules.setdefault((r["event_type"], r["lemma"]), []).append(
            (r["object"], r["new_type"], r["new_mode"])
        )
    return rules


def _retype(an: Analysis, t: Trigger) -> tuple[str, str | None]:
    """The object may change the type: "seized a tanker" is COERCE, "sent troops" MOBILIZE
    (sitrep/data/lexicons/retype.tsv)."""
    rules = _retype_rules()
    window = an.sent.lows[t.end : t.end + 8]
    for key in ((t.event_type, t.d.lemma), (t.event_type, "*")):
        for obj, new_type, new_mode in rules.get(key, ()):
            if obj in window:
                return new_type, new_mode or None
    return t.event_type, t.d.mode or None


def _fill_assault(an: Analysis, c: Candidate, t: Trigger) -> None:
    cas, q = an.casualties, an.quantity
    c.fatalities, c.injuries, c.missing = cas.fatalities, cas.injuries, cas.missing
    c.victim_type = cas.victim_type
    if q.assault_mode and (c.mode in (None, "ground", "aerial") or q.assault_mode in ("drone", "naval")):
        c.mode = q.assault_mode
    # goods that are no weapon ("six aid workers") count nothing in an attack
    modes = weapon_modes()
    by_weapon = {w: n for w, n in q.by_weapon.items() if w in modes}
    if by_weapon:
        c.by_weapon = by_weapon
        c.quantity = sum(n for n in by_weapon.values() if n > 0) or None
        c.quantity_unit = " and ".join(w if w.endswith("s") else f"{w}s" for w in by_weapon)
    c.weapon = q.weapon if q.weapon in modes else None
    if c.actor2 is None and cas.victim_type:
        country = c.place.country if c.place else None
        c.actor2 = Actor(
            -1,
            -1,
            cas.victim_type if cas.victim_type != "state_forces" else "soldiers",
            country,
            cas.victim_type,
            "victims",
        )


def update_context(ctx: Context, an: Analysis, cands: list[Candidate]) -> None:
    for _p, e, _named, _o in an.resolved:
        if e.precision == "admin1" and (e.country, e.admin1) not in ctx.admins:
            ctx.admins.add((e.country, e.admin1))
            ctx.latest_admin[e.country] = (e.country, e.admin1)
    place = _event_place(an.resolved)
    if place is not None and place[0].precision != "country":
        ctx.place = place
    for c in cands:
        if c.event_type == "ASSAULT" and c.actor1 is not None and not c.actor1_from_context:
            ctx.attacker = c.actor1
    # an attacker named in a phrase without its own event ("Russian attacks on ..." as a subject)
    for t in an.triggers:
        if t.event_type == "ASSAULT" and t.d.pos == "noun" and ctx.attacker is None:
            ctx.attacker = _coded_actor_before(an, t)
    # "next week" dates no later sentence's event, nor a date inside an aside about an actor
    lows = an.sent.lows
    stated = next((d for d in an.dates if not d.future and relative_aside(lows, d.start) is None), None)
    if stated is not None:
        ctx.date = (stated.value, stated.precision)
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


NON_STATE_TYPES = frozenset(("rebels", "militia"))


def target_state(c: Candidate) -> None:
    """An attack with no named target on a place of another country, or by a non-state group or an
    unclaimed one (a depot, a pipeline, a bus): the target is that state (name and code, no type), as
    for a salvo against a whole country. A protest with no named target addresses the state where it
    is held; an arrest or dispersal with none holds people of that country."""
    if c.event_type == "PROTEST" and c.actor2 is None and c.place is not None and c.place.country:
        entry = gazetteer().countries.get(c.place.country)
        c.actor2 = Actor(-1, -1, entry.name if entry else c.place.country, c.place.country, None, "state")
        return
    if c.event_type == "COERCE" and c.actor2 is None and c.place is not None and c.place.country:
        # "soldiers arrested seven suspects in Bunia": the unnamed people held are of that country
        c.actor2 = Actor(-1, -1, "civilians", c.place.country, "civilians", "victims")
        return
    if c.event_type != "ASSAULT" or c.actor2 is not None or c.place is None:
        return
    country = c.place.country
    # a group hitting a depot or a power station in its own country attacks that state
    if country and (c.actor1 is None or country != c.actor1.code or c.actor1.type in NON_STATE_TYPES):
        entry = gazetteer().countries.get(country)
        c.actor2 = Actor(-1, -1, entry.name if entry else country, country, None, "state")


def _home_state(c: Candidate, ctx: Context) -> None:
    """ "The junta", "government troops", "security forces" name the state where the event happens:
    the place's country, else that of the document's last event place ("Beijing urged the junta").
    Words said abroad ("talks in Jeddah") take the document's place first."""
    here = c.place.country if c.place and c.place.country else None
    for side in ("actor1", "actor2"):
        a = getattr(c, side)
        if a is not None and a.kind == "home" and a.code is None:
            code = here or ctx.home if c.event_type in PLACE_EVENTS else ctx.home or here
            if code:
                setattr(c, side, replace(a, code=code))


def fill_from_context(c: Candidate, ctx: Context) -> None:
    if c.event_type == "ASSAULT" and c.actor1 is None and ctx.attacker is not None:
        if c.actor2 is None or ctx.attacker.code != c.actor2.code:
            c.actor1, c.actor1_from_context = ctx.attacker, True
    if c.place is None and c.event_type in PLACE_EVENTS and ctx.place is not None:
        c.place, c.place_name, c.named_place = ctx.place
        c.place_from_context = True
    _home_state(c, ctx)
    # civilians, protesters and police act where they live: the place's country is theirs; words said
    # nowhere named ("the farmers demanded") are said where the document's events happen
    home = c.place.country if c.place else ctx.home if c.event_type in VERBAL else None
    if home:
        for side in ("actor1", "actor2"):
            a = getattr(c, side)
            if a is None or a.type not in LOCAL_TYPES or a.code is not None:
                continue
            if side == "actor1" and c.event_type == "ASSAULT" and a.type == "civilians":
                continue  # "8 civilians killed": victims misread as the attacker stay unknown
            setattr(c, side, replace(a, code=home))
