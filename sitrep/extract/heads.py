"""Stage: heads. Which triggers of a sentence make events ("select"): content verbs over support verbs
and generic nouns, one head per event type, no head inside an aside about an actor, in a complement
("agreed to reopen", "accused Israel of targeting") or in a participle describing a noun.

The decision is SELECT_CHAIN (at the end of this module): small named rules in their order, each with a
stable id ("heads.drop_reported_speech") and a docstring saying what it drops and why.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import NamedTuple

from sitrep.extract.lexicon import word_set
from sitrep.extract.spans import marks
from sitrep.extract.triggers import (
    ADVERBS,
    BE_AUX,
    CLAUSE_BREAK,
    UNREAL,
    VERB_CUES,
    Trigger,
    TriggerDef,
    negated_before,
    verb_form,
)


def relative_aside(lows: list[str], k: int) -> tuple[int, int] | None:
    """The comma-bounded relative aside (", which seized power in 2021,") holding token k, if any:
    background about someone, not the sentence's news."""
    return marks(lows).relative_aside(k)


# Verbs whose gerund complement says what they are about, not an event of its own.
COMPLEMENT_TAKERS = frozenset({"ACCUSE", "REJECT", "DEMAND", "REQUEST", "THREATEN"})


def _prev_word(lows: list[str], k: int) -> int:
    """Index of the nearest word before k that is not an adverb (-1 at the start)."""
    j = k - 1
    while j >= 0 and lows[j] in ADVERBS:
        j -= 1
    return j


def _described(t: Trigger, lows: list[str]) -> bool:
    """A past participle right after a noun and before "of" describes that noun ("banks accused of
    helping", "a man convicted of spying"), as a reduced relative clause does."""
    if t.d.pos != "verb" or verb_form(lows[t.start]) != "past" or t.end >= len(lows) or lows[t.end] != "of":
        return False
    j = _prev_word(lows, t.start)
    return j >= 0 and lows[j] not in BE_AUX and lows[j] not in CLAUSE_BREAK and lows[j] not in VERB_CUES


GERUND_OPENERS = frozenset({"of", "against"})
ASKING = frozenset({"REQUEST", "DEMAND"})
_TO = frozenset({"to"})
_NONE = 1 << 62  # the position of "no such trigger": after every trigger


def _content_verb(o: Trigger) -> bool:
    return o.d.pos == "verb" and not o.has("light") and not o.has("intercept")


def _plain(o: Trigger) -> bool:
    return not o.has("weak") and not o.has("light") and not o.has("intercept")


def _clause_verb(o: Trigger) -> bool:
    return o.d.pos == "verb" and o.has("clause") and not o.has("intercept")


_RULES = {
    "content verb": _content_verb,
    "plain": _plain,
    "action": lambda o: not o.has("intercept"),
    "threat": lambda o: o.event_type == "THREATEN" and o.d.pos == "verb",
}


def _first(triggers: list[Trigger], rule) -> int:
    return next((k for k, o in enumerate(triggers) if rule(o)), _NONE)


class _FirstOf:
    """The position of the first trigger of `order` not yet `gone` (a trigger may stop meeting a rule)."""

    __slots__ = ("order", "i", "gone")

    def __init__(self, order: list[int], gone: set[int]) -> None:
        self.order, self.i, self.gone = order, 0, gone

    def first(self) -> int:
        while self.i < len(self.order) and self.order[self.i] in self.gone:
            self.i += 1  # gone for good: the pointer only moves on
        return self.order[self.i] if self.i < len(self.order) else _NONE


class _Earlier:
    """What stands before a head among a sentence's triggers. The triggers come in text order and do
    not overlap (find_triggers), so "o.start < t.start" is "o is earlier in the list", and their ends
    rise with their starts. Each rule keeps the position of its first trigger: a head asks in O(1)
    instead of scanning all the triggers before it (a trigger on every word cost the sentence's length
    squared). Each index is built on first use, from the triggers as they read then: most sentences
    need none."""

    # built on first use (class-level None until then)
    _pos: dict[int, int] | None = None
    _ends: list[int] | None = None
    _first: dict[str, int] | None = None
    _light: _FirstOf | None = None
    _clause_light: _FirstOf | None = None

    def __init__(self, triggers: list[Trigger], lows: list[str]) -> None:
        self.triggers, self.lows = triggers, lows
        self.gone: set[int] = set()  # positions of triggers that now read as rejections

    def pos(self, t: Trigger) -> int:
        if self._pos is None:
            self._pos = {id(o): k for k, o in enumerate(self.triggers)}
        return self._pos[id(t)]

    def ends(self) -> list[int]:
        if self._ends is None:
            self._ends = [o.end for o in self.triggers]
        return self._ends

    def first(self, rule: str) -> int:
        """Position of the first trigger meeting a rule of _RULES (_NONE: none)."""
        if self._first is None:
            self._first = {}
        if rule not in self._first:
            self._first[rule] = _first(self.triggers, _RULES[rule])
        return self._first[rule]

    def light(self) -> _FirstOf:
        if self._light is None:
            self._light = _FirstOf([k for k, o in enumerate(self.triggers) if o.has("light")], self.gone)
        return self._light

    def clause_light(self) -> _FirstOf:
        if self._clause_light is None:
            order = [k for k, o in enumerate(self.triggers) if o.has("light") and _clause_verb(o)]
            self._clause_light = _FirstOf(order, self.gone)
        return self._clause_light

    def before(self, rule: str, t: Trigger) -> bool:
        """A trigger meeting the rule stands before t."""
        return self.first(rule) < self.pos(t)

    def complement_of(self, t: Trigger) -> bool:
        """A content verb stands before t, or a light verb that takes a clause with "to" between them
        ("agreed to set up a force to fight")."""
        k = self.pos(t)
        if self.first("content verb") < k:
            return True
        f = self.clause_light().first()
        return f < k and not marks(self.lows).none_in(_TO, self.ends()[f], t.start - 1)

    def reread(self, old: Trigger, new: Trigger) -> None:
        """`old` now reads as `new` (a negated agreement as a rejection, a demand as a protest): later
        questions see `new` in its place, and a trigger that stopped being light no longer counts as
        light (a rule built later reads it so)."""
        k = self.pos(old)
        self.triggers[k] = new
        assert self._pos is not None  # built by pos()
        self._pos[id(new)] = k
        if not new.has("light"):
            self.gone.add(k)
        for rule in ("content verb", "plain"):
            if self._first is not None and rule in self._first and _RULES[rule](new):
                self._first[rule] = min(self._first[rule], k)

    def asked_for(self, t: Trigger, asking: set[int]) -> bool:
        """What a request or a demand (`asking`: positions of its verbs; "asked for an arms embargo on
        the RSF", "urged the junta to release detained politicians") up to 10 words before it, in its
        clause, asks for has not happened."""
        for p in range(self.pos(t) - 1, -1, -1):
            o = self.triggers[p]
            if t.start - o.end > 10:
                return False
            if p in asking and marks(self.lows).none_in(CLAUSE_BREAK, o.end, t.start):
                return True
        return False

    def content_of_saying(self, t: Trigger) -> bool:
        """A gerund that completes an accusation, a refusal or a demand ("accused the army of staging",
        "ruled out sending") is what was said, not a happening."""
        lows = self.lows
        if t.d.pos != "verb" or not lows[t.start].endswith("ing"):
            return False
        k = self.pos(t)
        j = _prev_word(lows, t.start)
        ends = self.ends()
        p = bisect_left(ends, j + 1, 0, k)
        if p < k and ends[p] == j + 1 and _takes_complement(self.triggers[p]):
            return True  # "ruled out sending"
        if j < 0 or lows[j] not in GERUND_OPENERS:
            return False
        for p in range(k - 1, -1, -1):  # "accused Israel of targeting", "warned Moldova against hosting"
            o = self.triggers[p]
            if t.start - o.end > 8:
                return False
            if _takes_complement(o) and marks(lows).none_in(CLAUSE_BREAK, o.end, j):
                return True
        return False


def _takes_complement(o: Trigger) -> bool:
    return o.event_type in COMPLEMENT_TAKERS and o.d.pos == "verb"


# Factualities that make no event: the text says it did not happen ("negated"), recalls it on an
# anniversary ("background": "four years since Russian troops withdrew"), tells of a habit rather than
# a happening ("habitual": "has bombed Sagaing repeatedly"), an onlooker guesses ("speculated"), or a
# wish is addressed to God ("prayer": "May Allah grant the martyrs paradise").
NOT_CODED = word_set("lexicons/factualities.tsv", "uncoded")
NEGATED_TO_REJECT = frozenset({"AGREE", "SUPPORT", "COOPERATE"})
_STRENGTH_FLAGS = frozenset({"weak", "light"})  # a trigger with either heads only when nothing else does
_COUNT_FLAGS = frozenset({"casualty", "intercept"})  # a count or an interception, not the action itself


# --- The chain ------------------------------------------------------------------------------------
# `select` runs SELECT_CHAIN in order. A trigger rule looks at one candidate head at a time (in the
# order of the list of candidates) and either drops it or keeps it, maybe re-read; the run of trigger
# rules in a row is applied to each candidate before the next candidate is looked at, because a
# candidate re-read as a rejection changes what the candidates after it stand behind. A sentence rule
# takes the candidates left and returns those it keeps. No rule changes a Trigger: a re-reading is a new
# Trigger that takes the old one's place (the sentence's triggers as re-read are `Selection.triggers`).
# Each rule has a stable id ("heads.drop_reported_speech") that explanations of an event name.


class _Sentence:
    """What the rules read about the sentence: its words, and its triggers as re-read so far with the
    index over them (`before`: what stands before a candidate)."""

    __slots__ = ("lows", "before", "first", "asking")

    def __init__(self, triggers: list[Trigger], lows: list[str]) -> None:
        self.lows = lows
        self.before = _Earlier(list(triggers), lows)  # a copy: re-readings replace entries in it
        self.first = triggers[0]  # the sentence's first trigger, as found
        # requests and demands: what they ask for has not happened
        self.asking = {k for k, o in enumerate(triggers) if o.event_type in ASKING and o.d.pos == "verb"}

    @property
    def triggers(self) -> list[Trigger]:
        return self.before.triggers

    def reread(self, old: Trigger, new: Trigger) -> Trigger:
        self.before.reread(old, new)
        return new


@dataclass(frozen=True, slots=True)
class TriggerRule:
    """Drops one candidate head (`drops` is true) or re-reads it (`reread` returns the new reading)."""

    id: str
    drops: Callable[[Trigger, _Sentence], bool] | None = None
    reread: Callable[[Trigger, _Sentence], Trigger | None] | None = None


@dataclass(frozen=True, slots=True)
class SentenceRule:
    """Keeps some of the candidate heads (maybe re-read), in a new list."""

    id: str
    keep: Callable[[list[Trigger], _Sentence], list[Trigger]]


def _infinitive(t: Trigger, lows: list[str]) -> bool:
    return t.start > 0 and lows[t.start - 1] == "to" and t.d.pos == "verb"


def drop_interceptions(heads: list[Trigger], s: _Sentence) -> list[Trigger]:
    """Drops interceptions: one adds to the attack it follows ("struck Kyiv with 40 drones; 35 were
    shot down"). A sentence with no attack of its own keeps its first interception, which stands for the
    salvo it reports ("air defences downed 12 drones over Odesa"); it goes last in the list."""
    kept = [t for t in heads if "intercept" not in t.d.flags]
    if not any(t.d.event_type == "ASSAULT" for t in kept):
        kept += [t for t in heads if "intercept" in t.d.flags][:1]
    return kept


def complement_infinitive(t: Trigger, s: _Sentence) -> bool:
    """Drops an infinitive after a content verb, or after a clause-taking support verb with "to"
    between: it is that verb's complement, not an event ("threatened to strike", "called on them to
    refuse", "agreed to set up a force to fight": no fight). The first infinitive after a clause verb
    heads ("agreed to reopen" is a reopening)."""
    return _infinitive(t, s.lows) and s.before.complement_of(t)


SEQUEL = word_set("lexicons/clause_cues.tsv", "sequel")


def attackers_leaving(t: Trigger, s: _Sentence) -> bool:
    """Drops a withdrawal told as the last step of an attack in its sentence ("fired on the post for an
    hour before withdrawing into the hills", "burned the market, then withdrew"): the attackers leaving
    ends their attack; it is no retreat of a side pushed back."""
    if t.event_type != "RETREAT" or t.d.pos != "verb":
        return False
    j = _prev_word(s.lows, t.start)
    if j < 0 or s.lows[j] not in SEQUEL:
        return False
    return any(o.event_type == "ASSAULT" and o.end <= j for o in s.triggers)


def agreed_exchange(t: Trigger, s: _Sentence) -> bool:
    """Drops a mutual action in an infinitive after a support verb: what both sides agreed is the
    agreement ("agreed to exchange prisoners" is an AGREE, not a CONCEDE)."""
    before = s.before
    return _infinitive(t, s.lows) and t.has("mutual") and before.light().first() < before.pos(t)


def reduced_relative(t: Trigger, s: _Sentence) -> bool:
    """Drops a passive participle with "by" right after a noun, after an action: it describes that noun
    ("a withdrawal demanded by the junta"), as a relative clause would."""
    lows = s.lows
    reduced = (
        t.passive
        and t.start > 0
        and lows[t.start - 1] not in BE_AUX
        and lows[t.start - 1] not in ADVERBS
        and t.end < len(lows)
        and lows[t.end] == "by"
    )
    return reduced and s.before.before("action", t)


_ATTRIBUTING = frozenset({"to", "on"})


def noun_participle(t: Trigger, s: _Sentence) -> bool:
    """Drops a participle that describes a noun or an actor, no event of its own: an accusation right
    after what it is about ("an attack attributed to ADF rebels", "killed by live fire attributed to
    settlers", "a bombing blamed on the PKK": the attack is the news, and no one is said to accuse), or
    help told of the actor ("units, supported by VDP, repelled an attack", "police backed by Kenyan
    officers launched a counter-offensive"; "was backed by" stays a statement of support)."""
    lows = s.lows
    if t.d.pos != "verb" or verb_form(lows[t.start]) != "past" or t.end >= len(lows):
        return False
    prev = lows[t.start - 1] if t.start else ""
    if t.event_type == "SUPPORT":  # ", supported by VDP," or "police backed by Kenyan officers"
        return lows[t.end] == "by" and prev not in BE_AUX and prev not in ADVERBS and bool(prev)
    # "attributed to" with no object between: a reduced relative about the noun before it ("killed by
    # live fire attributed to settlers"); "Police attributed the riot to ..." names its object first
    return t.event_type == "ACCUSE" and lows[t.end] in _ATTRIBUTING and prev not in BE_AUX


def _no_agent(t: Trigger, s: _Sentence) -> bool:
    """A passive trigger with no "by" agent in its clause."""
    if not t.passive:
        return False
    for w in s.lows[t.end : t.end + 8]:
        if w == "by":
            return False
        if w in CLAUSE_BREAK:
            break
    return True


def agentless_accusation(t: Trigger, s: _Sentence) -> bool:
    """Drops a passive accusation with no accuser ("the suspects were accused of sheltering the bomber",
    "after he was accused of stealing"): a charge told about someone, no party's accusation."""
    return t.event_type == "ACCUSE" and _no_agent(t, s)


def agentless_request(t: Trigger, s: _Sentence) -> bool:
    """Drops a passive request with no requester ("Residents are urged to share information", "Members
    of the public are asked not to approach the site"): a public notice, no party asking anyone; "the
    police call on the public to report" names its requester and stays a REQUEST."""
    return t.event_type == "REQUEST" and _no_agent(t, s)


def arrest_raid(t: Trigger, s: _Sentence) -> bool:
    """Drops a raid whose sentence arrests ("raided a village and arrested 20 villagers", "arrested six
    men during a raid"): the raid is how the arrest was made, one event, COERCE (as ACLED codes arrests)."""
    return t.has("sweep") and any(o.event_type == "COERCE" and o.d.mode == "arrest" for o in s.triggers)


_ATTACKERS = word_set("lexicons/clause_cues.tsv", "attackers")
_JOINED = 3  # words between two verbs of one chain ("looted and burned", "killing five and looting")


def attack_part(t: Trigger, s: _Sentence) -> bool:
    """Drops a deed that is a part of an attack (flag part: looting) when an attack verb is joined to it
    ("looted and burned homes", "killing five and looting shops") or its subject names the attackers of
    one told before ("The attackers looted shops and rustled cattle"): the attack is the event."""
    if not t.has("part"):
        return False
    lows = s.lows
    if t.start >= 2 and lows[t.start - 2] == "the" and lows[t.start - 1] in _ATTACKERS:
        return True
    near = (o for o in s.triggers if o.event_type == "ASSAULT" and o.d.pos == "verb")
    return any(o.start - t.end <= _JOINED and t.start - o.end <= _JOINED for o in near)


# "those who were killed here", "all who died": the dead remembered as a group, not a happening told
_GENERIC_DEAD = word_set("lexicons/clause_cues.tsv", "generic_dead")
_PERFECT = word_set("lexicons/number_cues.tsv", "perfect_aux")  # "those who have been killed"


def remembered_dead(t: Trigger, s: _Sentence) -> bool:
    """Drops a casualty verb in a relative clause about people in general ("We will never forget those
    who were murdered here"): a memory of the dead, with no count and no attack told."""
    lows = s.lows
    if not t.has("casualty"):
        return False
    j = t.start - 1
    while j >= 0 and (lows[j] in BE_AUX or lows[j] in ADVERBS or lows[j] in _PERFECT):
        j -= 1
    return j >= 1 and lows[j] == "who" and lows[j - 1] in _GENERIC_DEAD


def described_noun(t: Trigger, s: _Sentence) -> bool:
    """Drops a past participle between a noun and "of" (not the sentence's first trigger, unless a verb
    trigger follows it): it describes the noun ("sanctions on 12 Russian banks accused of helping Moscow",
    "a man accused of spying for Russia was arrested": no accusation)."""
    lows = s.lows
    if not (t.end < len(lows) and lows[t.end] == "of" and _described(t, lows)):
        return False
    return t is not s.first or any(o.start > t.start and o.d.pos == "verb" for o in s.triggers)


def threat_content(t: Trigger, s: _Sentence) -> bool:
    """Drops a planned or hypothetical action after a threat verb: it is what was threatened ("warned
    that his country would use nuclear weapons if attacked": no attack)."""
    return t.factuality in UNREAL and t is not s.first and s.before.before("threat", t)


def reported_speech(t: Trigger, s: _Sentence) -> bool:
    """Drops a gerund that completes an accusation, a refusal or a demand: it is what was said, not a
    happening ("accused Israel of deliberately targeting", "ruled out sending missiles")."""
    return t is not s.first and s.lows[t.start].endswith("ing") and s.before.content_of_saying(t)


def asked_for(t: Trigger, s: _Sentence) -> bool:
    """Drops what a request or a demand up to 10 words before, in its clause, asks for: it has not
    happened ("urged the junta to release detained politicians": no release)."""
    return bool(s.asking) and s.before.asked_for(t, s.asking)


def describing_participle(t: Trigger, s: _Sentence) -> bool:
    """Drops an -ing participle after a comma when a plain trigger stands before it: it describes that
    event (", targeting civilians")."""
    lows = s.lows
    participle = t.start > 0 and lows[t.start - 1] == "," and lows[t.start].endswith("ing")
    return participle and s.before.before("plain", t)


def negated_agreement(t: Trigger, s: _Sentence) -> Trigger | None:
    """Re-reads a denied or negated agreement, support or cooperation as a rejection ("did not agree to
    the plan", "refused to support the resolution" are REJECTs that happened); later candidates see it
    so. None: no re-reading."""
    if (
        t.factuality in ("denied", "negated")
        and t.event_type in NEGATED_TO_REJECT
        and negated_before(s.lows, t.start)
    ):
        d = TriggerDef("REJECT", "", t.d.pos, t.d.flags - {"light"}, t.d.lemma)
        return replace(t, d=d, factuality=None, rule="type.negated_agreement")
    return None


def protest_demands(heads: list[Trigger], s: _Sentence) -> list[Trigger]:
    """Re-reads demands as protest when the sentence tells of a protest: demands voiced by protesters
    are their protest ("protesters ... who were demanding an end to the war")."""
    if not any(t.event_type == "PROTEST" for t in s.triggers):
        return list(heads)
    out = []
    for t in heads:
        if t.event_type == "DEMAND":
            protest = TriggerDef("PROTEST", "demonstrate", t.d.pos, t.d.flags, t.d.lemma)
            t = s.reread(t, replace(t, d=protest, rule="type.protesters_demand"))
        out.append(t)
    return out


def drop_aside_heads(heads: list[Trigger], s: _Sentence) -> list[Trigger]:
    """Drops candidates inside a comma-bounded relative aside when one outside it is left: the aside is
    background about an actor ("Myanmar's military, which seized power in 2021, carried out an air
    strike": the strike heads, even when it is only a noun)."""
    if len(heads) <= 1:
        return list(heads)
    outside = [t for t in heads if relative_aside(s.lows, t.start) is None]
    return outside or list(heads)


def keep_strongest(heads: list[Trigger], s: _Sentence) -> list[Trigger]:
    """Keeps the candidates that are neither support verbs (light) nor generic nouns (weak); when all
    are, one of them: a generic noun over a support verb ("agreed a package of sanctions"), else the
    first support verb, else the first generic noun."""
    strong = [t for t in heads if _STRENGTH_FLAGS.isdisjoint(t.d.flags)]
    if strong:
        return strong
    light = [t for t in heads if "light" in t.d.flags]
    weak = [t for t in heads if "weak" in t.d.flags]
    return [weak[0]] if weak and light else (light[:1] or weak[:1])


def one_per_event_type(heads: list[Trigger], s: _Sentence) -> list[Trigger]:
    """Keeps one head per event type, in text order: a coded one over one that makes no event ("did not
    shell Kherson but struck Mykolaiv": the strike), an asserted one over a denied one, the main clause over an aside about an actor, a verb
    that is an event by itself over one that needs a weapon or aid object when a killing is joined to it
    by "and" ("launched an operation and neutralised eleven insurgents": the neutralising), an action over a count ("attacked" over "died"),
    then the first."""
    chosen = list(heads)
    if len(chosen) > 1:
        needs_object = _needs_object_before_kill(chosen, s.lows)
        chosen.sort(
            key=lambda t: (
                t.factuality in NOT_CODED,
                t.factuality == "denied",  # "denied that civilians were hit, saying it struck a camp"
                relative_aside(s.lows, t.start) is not None,
                id(t) in needs_object,
                not _COUNT_FLAGS.isdisjoint(t.d.flags),
                t.start,
            )
        )
    seen: set[str] = set()
    out = []
    for t in chosen:
        if t.event_type not in seen:
            seen.add(t.event_type)
            out.append(t)
    if len(out) > 1:
        out.sort(key=lambda t: t.start)
    return out


def _needs_object_before_kill(heads: list[Trigger], lows: list[str]) -> set[int]:
    """ids of the heads that need an object (launch, fire, send) and are followed, in their clause, by an
    active killing of their type joined by "and" ("conducted an operation in Bannu and killed three")."""
    out: set[int] = set()
    for t in heads:
        if not t.has("object"):
            continue
        for o in heads:
            if (
                o.start > t.end
                and o.event_type == t.event_type
                and o.has("casualty")
                and o.d.pos == "verb"
                and not o.passive
                and "and" in lows[max(t.end, o.start - 2) : o.start]
                and marks(lows).none_in(CLAUSE_BREAK, t.end, o.start)
            ):
                out.add(id(t))
                break
    return out


SELECT_CHAIN: tuple[TriggerRule | SentenceRule, ...] = (
    SentenceRule("heads.drop_interceptions", drop_interceptions),
    TriggerRule("heads.drop_complement_infinitive", drops=complement_infinitive),
    TriggerRule("heads.drop_agreed_exchange", drops=agreed_exchange),
    TriggerRule("heads.drop_attackers_leaving", drops=attackers_leaving),
    TriggerRule("heads.drop_reduced_relative", drops=reduced_relative),
    TriggerRule("heads.drop_noun_participle", drops=noun_participle),
    TriggerRule("heads.drop_agentless_accusation", drops=agentless_accusation),
    TriggerRule("heads.drop_agentless_request", drops=agentless_request),
    TriggerRule("heads.drop_arrest_raid", drops=arrest_raid),
    TriggerRule("heads.drop_attack_part", drops=attack_part),
    TriggerRule("heads.drop_described_noun", drops=described_noun),
    TriggerRule("heads.drop_remembered_dead", drops=remembered_dead),
    TriggerRule("heads.drop_threat_content", drops=threat_content),
    TriggerRule("heads.drop_reported_speech", drops=reported_speech),
    TriggerRule("heads.drop_asked_for", drops=asked_for),
    TriggerRule("heads.drop_describing_participle", drops=describing_participle),
    TriggerRule("heads.reread_negated_agreement", reread=negated_agreement),
    SentenceRule("heads.reread_protest_demands", protest_demands),
    SentenceRule("heads.drop_aside_heads", drop_aside_heads),
    SentenceRule("heads.keep_strongest", keep_strongest),
    SentenceRule("heads.one_per_event_type", one_per_event_type),
)
RULE_IDS = tuple(rule.id for rule in SELECT_CHAIN)


# A NamedTuple, not a frozen dataclass: one is built for each sentence, and a NamedTuple builds faster.
class Selection(NamedTuple):
    heads: list[Trigger]  # the triggers that head events, in text order
    triggers: list[Trigger]  # all the sentence's triggers, re-read ones in place of what they were
    # (rule id, trigger) for each candidate a rule dropped or re-read, when asked for (select(trace=True))
    trace: list[tuple[str, Trigger]] | None = None


def select_heads(triggers: list[Trigger], lows: list[str], trace: bool = False) -> Selection:
    """Runs SELECT_CHAIN over a sentence's triggers: content verbs head first; support verbs only when
    alone; generic nouns only when no verb trigger is in the sentence; interceptions never (they add to
    an attack); no complement, described noun or content of what was said or asked heads."""
    if not triggers:
        return Selection([], [], [] if trace else None)
    s = _Sentence(triggers, lows)
    log: list[tuple[str, Trigger]] | None = [] if trace else None
    heads = list(triggers)
    k = 0
    while k < len(SELECT_CHAIN):
        rule = SELECT_CHAIN[k]
        if isinstance(rule, SentenceRule):
            kept = rule.keep(heads, s)
            if log is not None:
                ids = {id(t) for t in kept}
                log += [(rule.id, t) for t in heads if id(t) not in ids]
            heads = kept
            k += 1
            continue
        run = []  # the trigger rules in a row from here, applied to each candidate in turn
        while k < len(SELECT_CHAIN) and isinstance(SELECT_CHAIN[k], TriggerRule):
            run.append(SELECT_CHAIN[k])
            k += 1
        heads = _each_candidate(run, heads, s, log)
    return Selection(heads, s.triggers, log)


def _each_candidate(
    run: list[TriggerRule], heads: list[Trigger], s: _Sentence, log: list[tuple[str, Trigger]] | None
) -> list[Trigger]:
    kept = []
    for t in heads:
        for rule in run:
            if rule.drops is not None and rule.drops(t, s):
                if log is not None:
                    log.append((rule.id, t))
                break
            new = rule.reread(t, s) if rule.reread is not None else None
            if new is not None:
                if log is not None:
                    log.append((rule.id, t))
                t = s.reread(t, new)
        else:
            kept.append(t)
    return kept


def select(triggers: list[Trigger], lows: list[str]) -> list[Trigger]:
    """The triggers that head events (select_heads(...).heads)."""
    return select_heads(triggers, lows).heads
