"""Stage: merge. One event per real-world happening.

A candidate that repeats an earlier event of the same entry (headline, lead, later details) is folded
into it: same type and factuality, compatible actors (equal or one unknown), compatible places (same
division, or one unknown), dates that agree when both are stated, no conflicting casualty counts. In an article (no live-blog entries)
candidates further apart than one paragraph merge only when both actors are named and equal. What the
repeat adds to each field is the field owner's call (`absorb` of roles, locate, dating, tolls, kinds,
quantities). Aggregates are tolls.py's, interceptions and weapon splits quantities.py's.
"""

from __future__ import annotations

from sitrep.extract import dating, kinds, locate, quantities, roles, tolls
from sitrep.extract.budget import NO_DEADLINE, Deadline
from sitrep.extract.candidate import Candidate
from sitrep.extract.locate import more_precise
from sitrep.extract.recalled import recall_apart

ANAPHORA_REACH = 2  # paragraphs back that "the strike" may point to
# Earlier events of the same kind a candidate is compared with: far more than a news text holds (the gold
# texts hold at most a few dozen), few enough that an 8,000-sentence document merges in linear time.
MERGE_REACH = 200


def _same_actor(a, b) -> bool:
    if a is None or b is None:
        return True
    ca, cb = roles.own_code(a), roles.own_code(b)
    return ca == cb or ca is None or cb is None


def _two_sides(k: Candidate, c: Candidate, a1k, a1c) -> bool:
    """A state's forces and an armed group of the same country attack, and not the same target: two
    events ("CODECO killed 23 villagers ... the army launched an operation against the militia": both code
    COD, yet the army's operation is no repeat of the militia's attack). Against one target they may be
    allies told as one operation ("the army and VDP recaptured Barani ... 3 VDP were also killed"); a
    side that names the attack told ("troops repelled the attack and killed 20 assailants") fights in it."""
    if c.anaphoric or a1k is None or a1c is None or not roles.state_and_group(a1k, a1c):
        return False
    if roles.own_code(a1k) is None or roles.own_code(a1k) != roles.own_code(a1c):
        return False  # an unknown side ("gunmen") may be misread; other codes already differ
    t1, t2 = k.actor2, c.actor2
    one_target = roles.same_side(t1, t2) and (t1.type is None or t2.type is None or t1.type == t2.type)
    return not one_target  # villagers and fighters are two targets even when both are "local" nouns


def _compatible(k: Candidate, c: Candidate) -> bool:
    if k.event_type != c.event_type or k.factuality != c.factuality or k.is_aggregate != c.is_aggregate:
        return False  # a period total is not a repeat of an incident
    if k.split_key != c.split_key:
        return False  # the two directions of an exchange are two events
    a1k = None if k.actor1_from_context else k.actor1
    a1c = None if c.actor1_from_context else c.actor1
    if not (_same_actor(a1k, a1c) and _same_actor(k.actor2, c.actor2)) or _two_sides(k, c, a1k, a1c):
        return False
    if not locate.places_agree(k, c) or not dating.dates_agree(k, c):
        return False  # "killed 14 on Tuesday ... On Wednesday a drone struck the camp": two attacks
    if k.entry != c.entry or not recall_apart(k, c):
        return False
    restated = _restates(k, c)
    if k.has_casualties and c.has_casualties:
        # a count at a named place inside a summary is a part of it, not a repeat; a restatement may
        # leave out the place ("Nine people were killed when the strike hit the tents")
        if more_precise(c, k) or (more_precise(k, c) and not restated):
            return False
    last = max(k.paragraph, k.last_paragraph)
    if restated:
        return True  # "The battle left 18 soldiers dead": the attack just reported, in other words
    if k.entry == 0 and abs(last - c.paragraph) > 0:
        if c.has_casualties and not k.has_casualties and k.place is not None and more_precise(c, k):
            # a paragraph on, an impact at a named place with its toll is no repeat of a salvo told over a
            # country or a region ("Russia attacked Ukraine overnight ... In the Kherson region, shelling
            # wounded a woman in Bilozerka")
            return False
        return roles.same_side(a1k, a1c) and roles.same_side(k.actor2, c.actor2)
    return True


def _restates(k: Candidate, c: Candidate) -> bool:
    """In an article, c names k's attack as known ("the strike", "the fighting") within a few
    paragraphs, or goes on in the paragraph of such a restatement."""
    if k.entry != 0:
        return False
    last = max(k.paragraph, k.last_paragraph)
    if c.anaphoric and 0 <= c.paragraph - last <= ANAPHORA_REACH:
        return True
    return k.last_paragraph > k.paragraph and c.paragraph == k.last_paragraph


def absorb(k: Candidate, c: Candidate, widen: bool = True) -> None:
    """k takes from its repeat c what each field's owner lets it take (`widen`: and its evidence grows
    over c when it stays short; restate.py's detail sentences a paragraph or two on do not widen it)."""
    k.merged += 1
    k.last_paragraph = max(k.paragraph, k.last_paragraph, c.paragraph)
    roles.absorb(k, c)
    locate.absorb(k, c)
    dating.absorb(k, c)
    tolls.absorb(k, c)
    kinds.absorb(k, c)
    quantities.absorb(k, c)
    if k.trigger_pos != "verb":
        k.trigger_pos = c.trigger_pos
    # the evidence grows to cover what was merged when it stays short
    if widen and c.evidence_end - k.evidence_start <= 700 and c.evidence_start >= k.evidence_start:
        k.evidence_end = max(k.evidence_end, c.evidence_end)


# The document-wide steps below compare each event with the others of its document: `deadline` is
# checked once per event, so a document of many thousands of events stops within its time budget.


def _kind(c: Candidate) -> tuple:
    """What two events must share to be one (the first test of _compatible; no owner's absorb changes it)."""
    return (c.event_type, c.factuality, c.is_aggregate, c.split_key, c.entry)


def merge(cands: list[Candidate], deadline: Deadline = NO_DEADLINE) -> list[Candidate]:
    """Each candidate is folded into the latest earlier event it repeats, else kept. It is compared only with
    the last MERGE_REACH kept events of its kind, so that a document of thousands of events stays linear."""
    kept: list[Candidate] = []
    by_kind: dict[tuple, list[Candidate]] = {}
    for c in cands:
        deadline.check()
        same_kind = by_kind.setdefault(_kind(c), [])
        target = next((k for k in reversed(same_kind[-MERGE_REACH:]) if _compatible(k, c)), None)
        if target is None:
            kept.append(c)
            same_kind.append(c)
        else:
            absorb(target, c)
    return kept


def fold_headlines(events: list[Candidate], deadline: Deadline = NO_DEADLINE) -> list[Candidate]:
    """A title line's event ("Gunmen kill three in Guayaquil") is the first event of its type and
    factuality told under it, in other words: folded into that one (its evidence stays the body's), when
    their actors may be one and their places are in one country. A title line with no such event below stays an event."""
    # a title that merge() already joined to its lead is that event (its evidence runs over the lead)
    heads = [h for h in events if h.headline and not h.recalled and h.last_paragraph <= h.paragraph]
    if not heads:
        return events
    gone: set[int] = set()
    for h in heads:
        deadline.check()
        body = next(
            (
                k
                for k in events
                if not k.headline
                and k.sentence > h.sentence
                and k.event_type == h.event_type
                and k.factuality == h.factuality
                and k.is_aggregate == h.is_aggregate
                and id(k) not in gone
            ),
            None,
        )
        if body is None or not (_same_actor(h.actor1, body.actor1) and _same_actor(h.actor2, body.actor2)):
            continue
        if h.actor1 and body.actor1 and roles.state_and_group(h.actor1, body.actor1):
            continue  # "army retakes presidential palace" is not the RSF drone strike told first
        if h.place is not None and body.place is not None and h.place.country != body.place.country:
            continue  # a title names the region loosely ("in Sulu" over "in Patikul town"): its country must agree
        absorb(body, h, widen=False)
        gone.add(id(h))
    return [e for e in events if id(e) not in gone]


def fold_denials(events: list[Candidate], deadline: Deadline = NO_DEADLINE) -> list[Candidate]:
    """A denial of an event the report asserts ("ELN guerrillas attacked a military base ... The guerrilla
    group denied that it had attacked the base") is not coded (tests/gold/README.md: the event happened,
    the denial is left out): a denied event whose attacker is named and may be the attacker of a happened
    event of its type and entry, at a place that may be one, goes."""
    denied = [c for c in events if c.factuality == "denied"]
    if not denied:
        return events
    gone: set[int] = set()
    for c in denied:
        deadline.check()
        if c.actor1 is None or c.actor1_from_context:
            continue
        for k in events:
            if (
                k.factuality is None
                and k.event_type == c.event_type
                and k.entry == c.entry
                and k.actor1 is not None
                and _same_actor(k.actor1, c.actor1)
                and not roles.state_and_group(k.actor1, c.actor1)
                and locate.places_agree(k, c)
            ):
                gone.add(id(c))
                break
    return [e for e in events if id(e) not in gone]
