"""Stage: merge and aggregates. One event per real-world happening.

1. Merge: a candidate that repeats an earlier event of the same entry (headline, lead, later details)
   is folded into it: same type and factuality, compatible actors (equal or one unknown), compatible
   places (same division, or one unknown), no conflicting casualty counts. In an article (no live-blog
   entries) candidates further apart than one paragraph merge only when both actors are named and equal.
2. Aggregates: an attack with casualties located at a division or country, followed in the same entry
   by attacks with casualties at named places inside it whose counts add up to no more than its own,
   is a summary: it is kept with is_aggregate = true and its casualties are not counted (NULL), so that
   sum(fatalities) over all events equals the people reported killed.
3. Interceptions: "five of the missiles and all of the UAVs were downed" adds an intercepted count to
   the attack of the entry that launched them.
"""

from __future__ import annotations

from dataclasses import replace

from sitrep.extract.budget import NO_DEADLINE, Deadline
from sitrep.extract.candidate import Candidate
from sitrep.extract.numbers import weapon_modes
from sitrep.extract.sentence import Analysis

ANAPHORA_REACH = 2  # paragraphs back that "the strike" may point to


def _same_actor(a, b) -> bool:
    if a is None or b is None:
        return True
    return a.code == b.code or a.code is None or b.code is None


def _place_compatible(k: Candidate, c: Candidate) -> bool:
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


def _more_precise(c: Candidate, k: Candidate) -> bool:
    return c.named_place and not k.named_place


def _compatible(k: Candidate, c: Candidate) -> bool:
    if k.event_type != c.event_type or k.factuality != c.factuality or k.is_aggregate != c.is_aggregate:
        return False  # a period total is not a repeat of an incident
    if k.split_key != c.split_key:
        return False  # the two directions of an exchange are two events
    a1k = None if k.actor1_from_context else k.actor1
    a1c = None if c.actor1_from_context else c.actor1
    if not (_same_actor(a1k, a1c) and _same_actor(k.actor2, c.actor2)):
        return False
    if not _place_compatible(k, c):
        return False
    if k.entry != c.entry:
        return False
    restated = _restates(k, c)
    if k.has_casualties and c.has_casualties:
        # a count at a named place inside a summary is a part of it, not a repeat; a restatement may
        # leave out the place ("Nine people were killed when the strike hit the tents")
        if _more_precise(c, k) or (_more_precise(k, c) and not restated):
            return False
    last = max(k.paragraph, k.last_paragraph)
    if restated:
        return True  # "The battle left 18 soldiers dead": the attack just reported, in other words
    if k.entry == 0 and abs(last - c.paragraph) > 0:
        strong = (
            a1k is not None
            and a1c is not None
            and k.actor2 is not None
            and c.actor2 is not None
            and a1k.code == a1c.code
            and k.actor2.code == c.actor2.code
        )
        return strong
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


def _absorb(k: Candidate, c: Candidate) -> None:
    k.merged += 1
    k.last_paragraph = max(k.paragraph, k.last_paragraph, c.paragraph)
    if k.actor1 is None or (k.actor1_from_context and c.actor1 is not None and not c.actor1_from_context):
        k.actor1, k.actor1_from_context = c.actor1, c.actor1_from_context
    if k.actor2 is None or (k.actor2.code is None and c.actor2 is not None and c.actor2.code):
        k.actor2 = c.actor2 or k.actor2
    if c.place is not None and (
        k.place is None or k.place_from_context or (_more_precise(c, k) and not c.place_from_context)
    ):
        k.place, k.place_name, k.named_place, k.place_from_context = (
            c.place,
            c.place_name,
            c.named_place,
            c.place_from_context,
        )
    if c.date_explicit and (not k.date_explicit or (k.date_precision != "day" and c.date_precision == "day")):
        k.event_date, k.date_precision, k.date_explicit = c.event_date, c.date_precision, True
    for f in ("fatalities", "injuries", "missing"):
        kv, cv = getattr(k, f), getattr(c, f)
        if cv is not None and (kv is None or cv > kv):
            setattr(k, f, cv)
    k.victim_type = k.victim_type or c.victim_type
    if k.mode is None or (c.mode and k.mode in ("ground",) and c.mode != "ground"):
        k.mode = c.mode
    for f in ("weapon", "quantity", "quantity_unit", "intercepted"):
        if getattr(k, f) is None and getattr(c, f) is not None:
            setattr(k, f, getattr(c, f))
    for w, n in c.by_weapon.items():
        k.by_weapon.setdefault(w, n)
    if k.trigger_pos != "verb":
        k.trigger_pos = c.trigger_pos
    # the evidence grows to cover what was merged when it stays short
    if c.evidence_end - k.evidence_start <= 700 and c.evidence_start >= k.evidence_start:
        k.evidence_end = max(k.evidence_end, c.evidence_end)


# The document-wide steps below compare each event with the others of its document: `deadline` is
# checked once per event, so a document of many thousands of events stops within its time budget.


def merge(cands: list[Candidate], deadline: Deadline = NO_DEADLINE) -> list[Candidate]:
    kept: list[Candidate] = []
    for c in cands:
        deadline.check()
        target = next((k for k in reversed(kept) if _compatible(k, c)), None)
        if target is None:
            kept.append(c)
        else:
            _absorb(target, c)
    return kept


def mark_aggregates(events: list[Candidate], deadline: Deadline = NO_DEADLINE) -> None:
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
        ]
        if not parts:
            continue
        killed = sum(p.fatalities or 0 for p in parts)
        hurt = sum(p.injuries or 0 for p in parts)
        if killed <= (s.fatalities or 0) and hurt <= (s.injuries or 0) and (killed or hurt):
            s.is_aggregate = True
            _share_with_parts(s, parts)


def _share_with_parts(s: Candidate, parts: list[Candidate]) -> None:
    """The parts of a summary happened when it did, were done by its attacker and hit its victims,
    unless they say otherwise ("Russian strikes ... killed seven on Sunday. In Kupiansk, shelling killed three.")."""
    for p in parts:
        if s.date_explicit and not p.date_explicit:
            p.event_date, p.date_precision = s.event_date, s.date_precision
        if p.actor1 is None and s.actor1 is not None:
            p.actor1, p.actor1_from_context = s.actor1, True
        if p.actor2 is None and s.actor2 is not None:
            p.actor2 = s.actor2  # "Twenty were killed in ...": the summary's victims


def apply_interceptions(
    events: list[Candidate], analyses: list[Analysis], deadline: Deadline = NO_DEADLINE
) -> None:
    """Counts of downed/intercepted weapons go to the last attack of their entry that launched some."""
    for an in analyses:
        deadline.check()
        if not an.intercept or not an.quantity.by_weapon:
            continue
        if an.quantity.downed:  # "35 of 40 drones": the sentence states both counts
            target = None
            for e in events:
                if e.event_type == "ASSAULT" and e.sentence <= an.sent.index and e.entry == an.sent.entry:
                    target = e
            if target is None:  # "did not shoot down 35 of 40 drones": no attack was coded to take it
                continue
            target.intercepted_by.update(an.quantity.downed)
            target.intercepted = sum(target.intercepted_by.values())
            continue
        attack = None
        for e in events:
            if (
                e.event_type == "ASSAULT"
                and e.entry == an.sent.entry
                and e.sentence <= an.sent.index
                and e.by_weapon
            ):
                attack = e
        if attack is None:
            continue
        total = 0.0
        for weapon, n in an.quantity.by_weapon.items():
            launched = attack.by_weapon.get(weapon)
            got = launched if n < 0 and launched else max(n, 0)
            attack.intercepted_by[weapon] = got
            total += got
        attack.intercepted = total or None


def apply_quantities(
    events: list[Candidate], analyses: list[Analysis], deadline: Deadline = NO_DEADLINE
) -> None:
    """Weapons counted in a sentence that makes no event ("The Russians used nine missiles and 27
    drones.") belong to the attack of their entry."""
    for an in analyses:
        deadline.check()
        q = an.quantity
        if an.heads or an.intercept or q.quantity is None:
            continue
        attack = None
        for e in events:
            if e.event_type == "ASSAULT" and e.entry == an.sent.entry and e.sentence <= an.sent.index:
                attack = e
        if attack is None or attack.quantity is not None:
            continue
        attack.quantity, attack.quantity_unit = q.quantity, q.unit
        attack.weapon = attack.weapon or q.weapon
        attack.by_weapon.update(q.by_weapon)
        if q.assault_mode and attack.mode in (None, "ground", "aerial"):
            attack.mode = q.assault_mode


def split_by_weapon(events: list[Candidate]) -> list[Candidate]:
    """A salvo of two weapon kinds ("nine missiles and 27 drones") is one event per kind, each with its
    own quantity and interceptions. Attacks with casualties stay whole (the counts cannot be split)."""
    out: list[Candidate] = []
    modes = weapon_modes()
    for e in events:
        counted = {w: n for w, n in e.by_weapon.items() if n > 0}
        if e.event_type != "ASSAULT" or len(counted) < 2 or e.has_casualties or e.is_aggregate:
            out.append(e)
            continue
        for weapon, n in counted.items():
            part = replace(e, by_weapon={weapon: n}, intercepted_by={}, split_key=weapon)
            part.weapon, part.quantity = weapon, n
            part.quantity_unit = weapon if weapon.endswith("s") else f"{weapon}s"
            part.intercepted = e.intercepted_by.get(weapon) if e.intercepted_by else None
            part.mode = modes.get(weapon) or e.mode
            out.append(part)
    return out
