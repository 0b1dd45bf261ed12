"""Stage: heads. Which triggers of a sentence make events ("select"): content verbs over support verbs
and generic nouns, one head per event type, no head inside an aside about an actor, in a complement
("agreed to reopen", "accused Israel of targeting") or in a participle describing a noun.
"""

from __future__ import annotations

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

RELATIVE_OPENERS = frozenset("which who whose".split())


def relative_aside(lows: list[str], k: int) -> tuple[int, int] | None:
    """The comma-bounded relative aside (", which seized power in 2021,") holding token k, if any:
    background about someone, not the sentence's news."""
    j = k - 1
    while j >= 0 and lows[j] != ",":
        j -= 1
    if j < 0 or lows[j + 1] not in RELATIVE_OPENERS or "," not in lows[k + 1 :]:
        return None
    return j, lows.index(",", k + 1)


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


def _threat_content(t: Trigger, triggers: list[Trigger]) -> bool:
    """What a threat says might happen ("warned that it would strike if attacked") is the threat's
    content: the THREATEN verb before it heads, not a hypothetical event."""
    return any(o.start < t.start and o.event_type == "THREATEN" and o.d.pos == "verb" for o in triggers)


GERUND_OPENERS = frozenset({"of", "against"})
ASKING = frozenset({"REQUEST", "DEMAND"})


def _asked_for(t: Trigger, lows: list[str], asking: list[Trigger]) -> bool:
    """What a request or a demand (`asking`: its verbs in the sentence) asks for ("asked for an arms
    embargo on the RSF", "urged the junta to release detained politicians") has not happened."""
    for o in asking:
        if o.start < t.start and t.start - o.end <= 10 and CLAUSE_BREAK.isdisjoint(lows[o.end : t.start]):
            return True
    return False


def _content_of_saying(t: Trigger, lows: list[str], triggers: list[Trigger]) -> bool:
    """A gerund that completes an accusation, a refusal or a demand ("accused the army of staging",
    "ruled out sending") is what was said, not a happening."""
    if t.d.pos != "verb" or not lows[t.start].endswith("ing"):
        return False
    j = _prev_word(lows, t.start)
    for o in triggers:
        if o.start >= t.start or o.event_type not in COMPLEMENT_TAKERS or o.d.pos != "verb":
            continue
        if o.end == j + 1:
            return True  # "ruled out sending"
        if (
            j >= 0
            and lows[j] in GERUND_OPENERS
            and t.start - o.end <= 8
            and CLAUSE_BREAK.isdisjoint(lows[o.end : j])
        ):
            return True  # "accused Israel of targeting", "warned Moldova against hosting"
    return False


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
        asking = [o for o in triggers if o.event_type in ASKING and o.d.pos == "verb"]
        kept = []
        for t in heads:
            infinitive = t.start > 0 and lows[t.start - 1] == "to" and t.d.pos == "verb"
            # ", targeting ...": a participle after a comma describes the event before it
            participle = t.start > 0 and lows[t.start - 1] == "," and lows[t.start].endswith("ing")
            if infinitive and any(
                o.start < t.start
                and o.d.pos == "verb"
                and (not o.has("light") or (o.has("clause") and "to" in lows[o.end : t.start - 1]))
                and not o.has("intercept")
                for o in triggers
            ):
                continue  # "agreed to reopen" is a reopening; "agreed to set up a force to fight" no fight
            if infinitive and t.has("mutual") and any(o.start < t.start and o.has("light") for o in triggers):
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
            if reduced and any(o.start < t.start and not o.has("intercept") for o in triggers):
                continue
            if t.end < len(lows) and lows[t.end] == "of" and _described(t, lows) and t is not triggers[0]:
                continue  # "sanctions on 12 Russian banks accused of helping Moscow"
            if t.factuality in UNREAL and t is not triggers[0] and _threat_content(t, triggers):
                continue  # "warned that his country would use nuclear weapons if attacked"
            if (
                t is not triggers[0]
                and lows[t.start].endswith("ing")
                and _content_of_saying(t, lows, triggers)
            ):
                continue  # "accused Israel of deliberately targeting", "ruled out sending missiles"
            if asking and _asked_for(t, lows, asking):
                continue
            if participle and any(
                o.start < t.start and not o.has("weak") and not o.has("light") and not o.has("intercept")
                for o in triggers
            ):
                continue
            if (
                t.factuality in ("denied", "negated")
                and t.event_type in NEGATED_TO_REJECT
                and negated_before(lows, t.start)
            ):
                t.d = TriggerDef("REJECT", "", t.d.pos, t.d.flags - {"light"}, t.d.lemma)
                t.factuality = None
            kept.append(t)
        heads = kept
    # demands voiced by protesters are their protest ("protesters ... who were demanding an end")
    if any(t.event_type == "PROTEST" for t in triggers):
        for t in heads:
            if t.event_type == "DEMAND":
                t.d = TriggerDef("PROTEST", "demonstrate", t.d.pos, t.d.flags, t.d.lemma)
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
