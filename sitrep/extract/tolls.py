"""Owner of an event's casualties (decide.py): fatalities, injuries, missing, the victims' type and
is_aggregate. An attack takes the counts of its sentence, else those of the next sentence without an
event of its own; a merged sentence may give a higher count. A toll over a period, or a summary whose
parts at named places add up to no more than it, is an aggregate: kept, its counts not summed.
"""

from __future__ import annotations

from sitrep.extract import dating, roles
from sitrep.extract.budget import NO_DEADLINE, Deadline
from sitrep.extract.candidate import Candidate
from sitrep.extract.decide import decide, span, words_of
from sitrep.extract.lexicon import read_tsv, word_set
from sitrep.extract.sentence import Analysis

COUNTS = ("fatalities", "injuries", "missing")


def _words(an: Analysis):
    used = an.casualties.used
    return span(an, min(used), max(used) + 1) if used else None


def in_sentence(c: Candidate, an: Analysis, period: bool) -> None:
    """An attack's counts are its sentence's; `period`: they sum a period ("killed since the war
    began", "killed in 2024"), so the event is an aggregate."""
    cas = an.casualties
    words = _words(an)
    for f in COUNTS:
        decide(c, f, getattr(cas, f), "casualties.in_sentence", words)
    decide(c, "victim_type", cas.victim_type, "casualties.in_sentence", words)
    c.added = frozenset(cas.added)
    c.stated_toll = cas.stated
    total = c.has_casualties and period
    decide(c, "is_aggregate", total, "casualties.period_total" if total else "casualties.one_incident", words)


def toll_after(cands: list[Candidate], an: Analysis) -> None:
    """A toll in a sentence with no event of its own ("The strike hit a market. No one was hurt.")
    counts for the attack just before it in the same paragraph or entry, where that one has none."""
    sent = an.sent
    if not cands:
        return
    c = cands[-1]
    same = c.entry == sent.entry and (
        sent.entry != 0 or c.paragraph == sent.paragraph or _next_paragraph(c, an) or _first_toll(c, an)
    )
    if not same or c.event_type != "ASSAULT" or c.is_aggregate or sent.index - c.sentence > 2:
        return
    _give_toll(c, an)


TOLL_BEFORE_REACH = 2  # sentences after a toll with no event that the attack it belongs to may be told in


def toll_before(c: Candidate, an: Analysis) -> None:
    """A toll told before any attack of its entry, in a sentence with no event ("... conducted an
    operation near Jilib. 32 Khawarij terrorists were eliminated. // Two soldiers were martyred during the
    fighting."): it counts for the first attack told right after it, in its paragraph or the next."""
    sent = an.sent
    if (
        c.event_type != "ASSAULT"
        or c.is_aggregate
        or c.factuality
        or c.entry != sent.entry
        or not 0 < c.sentence - sent.index <= TOLL_BEFORE_REACH
        or c.paragraph - sent.paragraph > 1
    ):
        return
    _give_toll(c, an)


def _give_toll(c: Candidate, an: Analysis) -> None:
    """c takes the toll of sentence `an`, which has no event of its own."""
    cas = an.casualties
    other = _other_sides_dead(c, cas)
    for f in COUNTS:
        kv, cv = getattr(c, f), getattr(cas, f)
        if cv is not None and kv is not None and f in cas.added:
            _keep_first(c, f)
            decide(c, f, kv + cv, "casualties.added", _words(an))
        elif f == "fatalities" and cv is not None and kv is not None and other:
            _both_sides(c, cv, _words(an))
        elif kv is None and cv is not None:
            decide(c, f, cv, "casualties.toll_after", _words(an))
            if c.victim_type is None and cas.victim_type and f == "fatalities":
                decide(c, "victim_type", cas.victim_type, "casualties.toll_after", _words(an))
        elif f == "fatalities" and cv is not None and kv is not None and cv > kv:
            # no event of its own and more dead: the later, fuller toll ("27 soldiers had been killed.
            # Local officials later said the number of dead soldiers was 33.")
            stated_total(c, f, cv, "casualties.toll_after", _words(an))


def _other_sides_dead(c: Candidate, cas) -> bool:
    """The toll after attack c counts the other side of the fight than c's own dead (c's attackers, "Troops
    killed 17 of the attackers"; fighters of another kind than c's dead, "killing four soldiers. Nineteen
    terrorists were neutralised"; the enemy a statement names, "two constables embraced martyrdom. Six
    khawarij were sent to hell"): both sides' dead add up. Not a restated toll ("the death toll is now 9")."""
    if cas.stated or c.stated_toll:
        return False
    mine, theirs = c.victim_type, cas.victim_type
    if theirs is not None and c.actor1 is not None and c.actor1.type == theirs and mine != theirs:
        return True
    # the enemy a statement names are the other side of whoever's dead it told first (civilians, its own
    # men), unless those were fighters of an armed group too
    return sides_differ(mine, theirs) or (cas.enemy and _SIDES.get(mine or "") != "armed")


def _first_toll(c: Candidate, an: Analysis) -> bool:
    """The paragraph right after an attack told with no count opens with its toll, at no other place
    ("Fano militiamen overran a federal army camp on the outskirts of Weldiya ... // A health worker in
    Weldiya said the hospital had received the bodies of 16 soldiers and nine fighters.")."""
    if c.has_casualties or an.sent.paragraph - c.paragraph != 1 or an.sent.index - c.sentence != 1:
        return False
    if any(d.precision != "day" for d in an.dates):
        return False
    name = c.place.name if c.place is not None else None
    return all(e.name == name for _p, e, *_ in an.resolved if e.precision != "country")


def _next_paragraph(c: Candidate, an: Analysis) -> bool:
    """A toll told as an update in the paragraph after its attack ("... shooting residents, survivors said.
    // "We have now buried 52 people.""), when it names no month or year of its own: "38 deaths in December"
    counts a period, not the attack before it."""
    return (
        an.sent.paragraph - c.paragraph == 1
        and not _UPDATE_CUES.isdisjoint(an.sent.lows)
        and all(d.precision == "day" for d in an.dates)
    )


# a toll told as an update ("have now buried 52", "the toll has risen to"): only such a toll may reach back
# over a paragraph break ("Nine lives were lost." may restate any attack told before)
_UPDATE_CUES = word_set("lexicons/number_cues.tsv", "toll_adverb") | frozenset(
    r["cue"] for r in read_tsv("lexicons/restate.tsv") if r["kind"] == "rise" and " " not in r["cue"]
)


def toll_of_previous(cands: list[Candidate], found: list[Candidate]) -> bool:
    """A toll told in the next sentence of the same line, with no attacker and no place of its own
    ("Israeli troops clashed with Hezbollah near Kfar Kila. Two Israeli soldiers were killed."), is the
    toll of the attack just told when that one has none of its counts: it is added there, not made a
    second event (True: the caller drops `found`)."""
    if not cands:
        return False
    prev = cands[-1]
    fought = [c for c in found if c.event_type == "ASSAULT"]
    if len(fought) == 1 and _attackers_toll(prev, fought[0]):
        # "Troops had killed 11 of the insurgents before they withdrew": the withdrawal stays an event
        found.remove(fought[0])
        return not found
    if (
        prev.event_type != "ASSAULT"
        or prev.is_aggregate
        or _counts_overlap(prev, found[0])
        or prev.factuality
        or prev.entry != found[0].entry
        or prev.paragraph != found[0].paragraph
        or found[0].sentence - prev.sentence != 1
    ):
        return False
    for c in found:
        if c.event_type != "ASSAULT" or c.factuality or not c.has_casualties or c.is_aggregate:
            return False
        if (c.actor1 is not None and not c.actor1_from_context) or not (
            c.place is None or c.place_from_context
        ):
            return False
    c = found[0]
    for f in COUNTS:
        if getattr(prev, f) is None and getattr(c, f) is not None:
            decide(prev, f, getattr(c, f), "casualties.toll_of_previous", words_of(c, f))
    if prev.victim_type is None and c.victim_type is not None:
        decide(prev, "victim_type", c.victim_type, "casualties.toll_of_previous", words_of(c, "victim_type"))
    return True


def _counts_overlap(prev: Candidate, c: Candidate) -> bool:
    """prev already has a count c gives: c may be another attack's toll. Counts prev lacks complete it
    ("Fourteen people lost their lives when the bus ran over a mine. Seven wounded were taken to hospital")."""
    return any(getattr(prev, f) is not None and getattr(c, f) is not None for f in COUNTS)


def _attackers_toll(prev: Candidate, c: Candidate) -> bool:
    """The next sentence tells how many of the attack's attackers were killed ("Militants attacked a
    checkpoint, killing three policemen. Police returned fire and killed two of the attackers."): both
    sides' dead are the one fight's toll, added to it, not a second event."""
    if (
        prev.event_type != "ASSAULT"
        or c.event_type != "ASSAULT"
        or prev.is_aggregate
        or c.is_aggregate
        or prev.factuality
        or c.factuality
        or prev.fatalities is None
        or c.fatalities is None
        or c.stated_toll  # "the death toll on the enemy side is now nine" restates, adds nothing
        or prev.entry != c.entry
        or c.paragraph - prev.paragraph not in (0, 1)  # the same paragraph, or the next line
        or c.sentence - prev.sentence != 1
        or not (c.place is None or c.place_from_context)
        or not attackers_killed(prev, c)
        or not (c.paragraph != prev.paragraph or _other_attacker(prev, c))
    ):
        return False
    _both_sides(prev, c.fatalities, words_of(c, "fatalities"))
    return True


def _both_sides(k: Candidate, dead: int, words) -> None:
    """k's toll adds the other side's `dead`, kept apart so that a later stated toll of one side ("the
    toll among the troops rose to six") does not drop them."""
    decide(k, "fatalities", (k.fatalities or 0) + dead, "casualties.both_sides", words)
    k.other_dead += dead


def _other_attacker(prev: Candidate, c: Candidate) -> bool:
    """c names its own attacker, not prev's (the defenders who "returned fire"), so merge.py would keep it
    apart (as it keeps a sentence of the next line without both actors); otherwise merge folds it into
    prev and `absorb` adds the toll."""
    a1, p1 = c.actor1, prev.actor1
    return (
        a1 is not None
        and not c.actor1_from_context
        and (p1 is None or a1.code != p1.code or a1.type != p1.type)
    )


def absorb(k: Candidate, c: Candidate) -> None:
    """A merged sentence gives a count the event lacks, or a higher one, or one that adds to it ("Three
    more people died of their wounds")."""
    for f in COUNTS:
        kv, cv = getattr(k, f), getattr(c, f)
        if cv is not None and kv is not None and f in c.added:
            _keep_first(k, f)
            decide(k, f, kv + cv, "casualties.added", words_of(c, f))
        elif (
            cv is not None
            and kv is not None
            and f == "fatalities"
            and attackers_killed(k, c)
            and not c.stated_toll
        ):
            _both_sides(k, cv, words_of(c, f))
        elif cv is not None and (kv is None or cv > kv):
            if c.stated_toll:
                _keep_first(k, f)  # "killing six ... raising the number of dead to eight": six first told
            decide(k, f, cv, "casualties.merged", words_of(c, f))
            if f == "fatalities":
                k.stated_toll = c.stated_toll  # the toll it now holds is the stated one, or no longer
    if not k.victim_type and c.victim_type:
        decide(k, "victim_type", c.victim_type, "casualties.merged", words_of(c, "victim_type"))


def attackers_killed(k: Candidate, c: Candidate) -> bool:
    """c's dead are k's attackers, k's are their victims ("Jihadists ambushed a convoy, killing 12
    soldiers. The army said troops killed about 20 assailants"), or the two count the dead of two fighting
    sides (soldiers and insurgents, whoever attacked): two sides' losses in one fight add up."""
    a1 = k.actor1
    if c.victim_type is None or k.victim_type is None or c.victim_type == k.victim_type:
        return False
    if _same_attacker(k, c):
        return False  # "The Israeli military said it had killed a commander": whom the attack killed
    return (a1 is not None and a1.type == c.victim_type) or sides_differ(k.victim_type, c.victim_type)


# rules (rules.tsv) that read c's actor1 as the subject or speaker of its own sentence
_TOLD_BY_SUBJECT = frozenset(("actors.subject", "actors.speaker_pronoun"))


def _same_attacker(k: Candidate, c: Candidate) -> bool:
    """c names k's attacker in its own sentence (one code, no other actor type): c tells whom k's attacker
    killed, not the other side's losses."""
    a, b = k.actor1, c.actor1
    if a is None or b is None or a.code is None or a.code != b.code:
        return False
    if c.why.get("actor1", ("",))[0] not in _TOLD_BY_SUBJECT:
        return False  # "Three soldiers also died", "five attackers were also killed": no killer named there
    return a.type is None or b.type is None or a.type == b.type


# which fighting side a victims' actor type is on: the state's forces, or an armed group
_SIDES = {r["actor_type"]: r["side"] for r in read_tsv("lexicons/victim_sides.tsv")}


def sides_differ(a: str | None, b: str | None) -> bool:
    """Victims of two fighting sides ("soldiers", "insurgents"); civilians and unknown people are none."""
    sa, sb = _SIDES.get(a or ""), _SIDES.get(b or "")
    return sa is not None and sb is not None and sa != sb


def restated(k: Candidate, c: Candidate, rule: str, latest: bool) -> None:
    """A restatement c of k (restate.py `rule`) gives the larger count, or for a running total
    (`latest`) the latest death toll."""
    for f in COUNTS:
        kv, cv = getattr(k, f), getattr(c, f)
        if cv is not None and (kv is None or cv > kv or (latest and f == "fatalities")):
            if latest and f == "fatalities":
                stated_total(k, f, cv, rule, words_of(c, f))  # the other side's dead stay
                continue
            decide(k, f, cv, rule, words_of(c, f))


def toll_update(k: Candidate, c: Candidate, rule: str, of_wounded: bool, adds: bool) -> None:
    """c tells more deaths after k's toll (restate.toll_update): a count told as more adds to k's dead when
    `adds`, else ("three died at the scene and one died of his wounds") it is k's toll if larger. The
    wounded who died (`of_wounded`) are no longer wounded."""
    if k.fatalities is not None and "fatalities" in c.added and adds:
        _keep_first(k, "fatalities")
        decide(k, "fatalities", k.fatalities + c.fatalities, rule, words_of(c, "fatalities"))
        if of_wounded and k.injuries:
            decide(k, "injuries", max(0, k.injuries - c.fatalities), rule, words_of(c, "fatalities"))
    elif k.fatalities is None or c.fatalities > k.fatalities:
        _keep_first(k, "fatalities")
        decide(k, "fatalities", c.fatalities, rule, words_of(c, "fatalities"))
    k.merged += 1
    k.last_paragraph = max(k.paragraph, k.last_paragraph, c.paragraph)


def restated_victims(k: Candidate, c: Candidate, rule: str) -> None:
    if k.victim_type is None and c.victim_type is not None:
        decide(k, "victim_type", c.victim_type, rule, words_of(c, "victim_type"))


def stated_total(c: Candidate, field: str, figure: int, rule: str, words=None) -> None:
    """The text states the toll ("the death toll has risen to 17"): it beats counts added up, but for the
    other side's dead when it states fewer than the event holds with them ("killing four soldiers ... The
    toll among the troops rose to six ... Troops had killed 11 of the insurgents": 17)."""
    _keep_first(c, field)
    if field == "fatalities" and c.other_dead and c.fatalities is not None and figure < c.fatalities:
        figure += c.other_dead
    decide(c, field, figure, rule, words)


def _keep_first(c: Candidate, field: str) -> None:
    """Before the dead grow ("two of the wounded died", "the toll rose to 13"): a summary told before
    the rise counted the first figure."""
    if field == "fatalities" and c.first_fatalities is None:
        c.first_fatalities = c.fatalities


def first_told(c: Candidate) -> int:
    """The dead an event was first told with: what a summary told before a later rise adds up."""
    return (c.first_fatalities if c.first_fatalities is not None else c.fatalities) or 0


def summary_lead(s: Candidate, rule: str) -> None:
    """An attack told as several, whose parts follow, is their summary (restate.py)."""
    decide(s, "is_aggregate", True, rule, words_of(s, "fatalities"))


def other_side(s: Candidate, p: Candidate) -> bool:
    """Both attackers are named, neither as the civilians it hit, and they are not the same side (another
    code or another actor type)."""
    a, b = s.actor1, p.actor1
    if a is None or b is None or s.actor1_from_context or p.actor1_from_context:
        return False
    if "civilians" in (a.type, b.type):
        return False  # "villagers fleeing fighting had taken shelter": the victims, read as the subject
    return (a.code, a.type) != (b.code, b.type)


def _another_day(s: Candidate, p: Candidate) -> bool:
    """Both state the day they happened and the days differ: p is a later attack, no part of s ("gunmen
    attacked Pont-Sonde on Thursday ... residents on Sunday lynched two men")."""
    return (
        s.date_explicit
        and p.date_explicit
        and s.date_precision == p.date_precision == "day"
        and s.event_date is not None
        and p.event_date != s.event_date
    )


def mark_aggregates(events: list[Candidate], deadline: Deadline = NO_DEADLINE) -> None:
    """An attack with casualties located at a division or country, followed in the same entry by
    attacks with casualties at named places inside it whose counts add up to no more than its own, is a
    summary: is_aggregate, so that sum(fatalities) over all events equals the people reported killed.
    A period total or an attack on another stated day is no part. `deadline` is checked once per event
    (a document of thousands of events stops within its budget)."""
    for i, s in enumerate(events):
        deadline.check()
        if s.event_type != "ASSAULT" or not s.has_casualties or s.named_place:
            continue
        parts = [
            p
            for p in events[i + 1 :]
            if p.entry == s.entry
            and p.event_type == "ASSAULT"
            and p.has_casualties
            and p.named_place
            and p.place is not None
            and (s.place is None or p.place.country == s.place.country)
            and (s.place is None or s.place.precision == "country" or p.place.admin1 == s.place.admin1)
            and not p.is_aggregate  # a period total ("over the past day ... killing") is no one attack
            and not _another_day(s, p)
        ]
        if not parts or (s.place is None and len(parts) < 2):
            continue  # a placeless toll and one attack after it: two attacks, not a summary and its part
        killed = sum(p.fatalities or 0 for p in parts)
        hurt = sum(p.injuries or 0 for p in parts)
        if killed <= (s.fatalities or 0) and hurt <= (s.injuries or 0) and (killed or hurt):
            decide(s, "is_aggregate", True, "casualties.summary_of_parts", words_of(s, "fatalities"))
            # the parts happened when the summary did, were done by its attacker and hit its victims,
            # unless they say otherwise ("Russian strikes ... killed seven on Sunday. In Kupiansk,
            # shelling killed three.")
            for p in parts:
                dating.from_summary(s, p)
                roles.from_summary(s, p)
