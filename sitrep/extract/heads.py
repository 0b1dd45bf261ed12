"""Stage: heads. Which triggers of a sentence make events ("select"): content verbs over support verbs
and generic nouns, one head per event type, no head inside an aside about an actor, in a complement
("agreed to reopen", "accused Israel of targeting") or in a participle describing a noun.
"""

from __future__ import annotations

from bisect import bisect_left

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

    def rejected(self, t: Trigger) -> None:
        """t now reads as a rejection: it is no longer light (a rule built later reads it so)."""
        k = self.pos(t)
        self.gone.add(k)
        for rule in ("content verb", "plain"):
            if self._first is not None and rule in self._first and _RULES[rule](t):
                self._first[rule] = min(self._first[rule], k)

    def asked_for(self, t: Trigger, asking: set[int]) -> bool:
        """What a request or a demand (`asking`: ids of its verbs; "asked for an arms embargo on the
        RSF", "urged the junta to release detained politicians") up to 10 words before it, in its
        clause, asks for has not happened."""
        for p in range(self.pos(t) - 1, -1, -1):
            o = self.triggers[p]
            if t.start - o.end > 10:
                return False
            if id(o) in asking and marks(self.lows).none_in(CLAUSE_BREAK, o.end, t.start):
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
# a happening ("habitual": "has bombed Sagaing repeatedly"), or an onlooker guesses ("speculated").
NOT_CODED = frozenset({"negated", "background", "habitual", "speculated"})
NEGATED_TO_REJECT = frozenset({"AGREE", "SUPPORT", "COOPERATE"})
_STRENGTH_FLAGS = frozenset({"weak", "light"})  # a trigger with either heads only when nothing else does
_COUNT_FLAGS = frozenset({"casualty", "intercept"})  # a count or an interception, not the action itself


def select(triggers: list[Trigger], lows: list[str] | None = None) -> list[Trigger]:
    """The triggers that head events: content verbs first; support verbs only when alone; generic nouns
    only when the sentence has no verb trigger; interceptions never (they add to an attack).
    An infinitive after another content trigger is its complement ("threatened to strike",
    "called on them to refuse"), not an event of its own. A negated agreement is a rejection."""
    if not triggers:
        return []
    heads = [t for t in triggers if "intercept" not in t.d.flags]
    if not any(t.d.event_type == "ASSAULT" for t in heads):
        # an interception with no attack of its own in the sentence stands for the salvo it reports
        heads += [t for t in triggers if "intercept" in t.d.flags][:1]
    if lows is not None:
        before = _Earlier(triggers, lows)
        asking = {id(o) for o in triggers if o.event_type in ASKING and o.d.pos == "verb"}
        kept = []
        for t in heads:
            infinitive = t.start > 0 and lows[t.start - 1] == "to" and t.d.pos == "verb"
            # ", targeting ...": a participle after a comma describes the event before it
            participle = t.start > 0 and lows[t.start - 1] == "," and lows[t.start].endswith("ing")
            if infinitive and before.complement_of(t):
                continue  # "agreed to reopen" is a reopening; "agreed to set up a force to fight" no fight
            if infinitive and t.has("mutual") and before.light().first() < before.pos(t):
                continue  # "agreed to exchange prisoners": what both sides agreed is the agreement
            # "a withdrawal demanded by the junta": a participle after a noun describes that noun
            reduced = (
                t.passive
                and t.start > 0
                and lows[t.start - 1] not in BE_AUX
                and lows[t.start - 1] not in ADVERBS
                and t.end < len(lows)
                and lows[t.end] == "by"
            )
            if reduced and before.before("action", t):
                continue
            if t.end < len(lows) and lows[t.end] == "of" and _described(t, lows) and t is not triggers[0]:
                continue  # "sanctions on 12 Russian banks accused of helping Moscow"
            # "warned that his country would use nuclear weapons if attacked": a threat's content
            if t.factuality in UNREAL and t is not triggers[0] and before.before("threat", t):
                continue
            if t is not triggers[0] and lows[t.start].endswith("ing") and before.content_of_saying(t):
                continue  # "accused Israel of deliberately targeting", "ruled out sending missiles"
            if asking and before.asked_for(t, asking):
                continue
            if participle and before.before("plain", t):
                continue
            if (
                t.factuality in ("denied", "negated")
                and t.event_type in NEGATED_TO_REJECT
                and negated_before(lows, t.start)
            ):
                t.d = TriggerDef("REJECT", "", t.d.pos, t.d.flags - {"light"}, t.d.lemma)
                t.factuality = None
                t.rule = "type.negated_agreement"
                before.rejected(t)
            kept.append(t)
        heads = kept
    # demands voiced by protesters are their protest ("protesters ... who were demanding an end")
    if any(t.event_type == "PROTEST" for t in triggers):
        for t in heads:
            if t.event_type == "DEMAND":
                t.d = TriggerDef("PROTEST", "demonstrate", t.d.pos, t.d.flags, t.d.lemma)
                t.rule = "type.protesters_demand"
    if lows is not None and len(heads) > 1:
        # "Myanmar's military, which seized power in 2021, carried out an air strike": the aside is
        # background about an actor; a trigger outside it heads even when it is only a noun
        outside = [t for t in heads if relative_aside(lows, t.start) is None]
        heads = outside or heads
    strong = [t for t in heads if _STRENGTH_FLAGS.isdisjoint(t.d.flags)]
    if strong:
        chosen = strong
    else:
        light = [t for t in heads if "light" in t.d.flags]
        weak = [t for t in heads if "weak" in t.d.flags]
        chosen = [weak[0]] if weak and light else (light[:1] or weak[:1])
    # one head per event type per sentence; an action ("attacked") heads rather than a count ("died")
    # and the main clause heads rather than an aside about an actor ("the junta, which seized power, bombed")
    if len(chosen) > 1:
        chosen = sorted(
            chosen,
            key=lambda t: (
                t.factuality in NOT_CODED,  # "did not shell Kherson but struck Mykolaiv": the strike heads
                lows is not None and relative_aside(lows, t.start) is not None,
                not _COUNT_FLAGS.isdisjoint(t.d.flags),
                t.start,
            ),
        )
    seen: set[str] = set()
    out = []
    for t in chosen:
        if t.event_type in seen:
            continue
        seen.add(t.event_type)
        out.append(t)
    if len(out) > 1:
        out.sort(key=lambda t: t.start)
    return out
