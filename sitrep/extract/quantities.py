"""Owner of an event's weapons and counts (decide.py): weapon, quantity, quantity_unit, by_weapon and
intercepted. An attack counts the weapons its sentence names, a transfer its goods; a later sentence
without an event of its own may count an attack's weapons ("The Russians used nine missiles and 27
drones.") or those downed of them; a salvo of two weapon kinds is one event per kind.
"""

from __future__ import annotations

from sitrep.extract import kinds
from sitrep.extract.budget import NO_DEADLINE, Deadline
from sitrep.extract.candidate import Candidate
from sitrep.extract.decide import decide, weapon_words, words_of
from sitrep.extract.numbers import weapon_modes
from sitrep.extract.sentence import Analysis


def _unit(weapon: str) -> str:
    return weapon if weapon.endswith("s") else f"{weapon}s"


def of_assault(c: Candidate, an: Analysis) -> None:
    """An attack counts the weapons its sentence names; goods that are no weapon ("six aid workers")
    count nothing in an attack."""
    q = an.quantity
    modes = weapon_modes()
    by_weapon = {w: n for w, n in q.by_weapon.items() if w in modes}
    words = weapon_words(an)
    if by_weapon:
        rule = "quantities.weapons_counted"
        decide(c, "by_weapon", by_weapon, rule, words)
        decide(c, "quantity", sum(n for n in by_weapon.values() if n > 0) or None, rule, words)
        decide(c, "quantity_unit", " and ".join(_unit(w) for w in by_weapon), rule, words)
    decide(c, "weapon", q.weapon if q.weapon in modes else None, "quantities.weapon_named", words)


def of_aid(c: Candidate, an: Analysis) -> None:
    """A transfer carries the goods its sentence names."""
    q = an.quantity
    words = weapon_words(an)
    decide(c, "weapon", q.weapon, "quantities.aid_goods", words)
    decide(c, "quantity", q.quantity, "quantities.aid_goods", words)
    decide(c, "quantity_unit", q.unit, "quantities.aid_goods", words)


def absorb(k: Candidate, c: Candidate) -> None:
    """A merged sentence gives what the event does not count."""
    for f in ("weapon", "quantity", "quantity_unit", "intercepted"):
        if getattr(k, f) is None and getattr(c, f) is not None:
            decide(k, f, getattr(c, f), "quantities.merged", words_of(c, f))
    if not c.by_weapon.keys() <= k.by_weapon.keys():
        merged = dict(k.by_weapon)
        for w, n in c.by_weapon.items():
            merged.setdefault(w, n)
        decide(k, "by_weapon", merged, "quantities.merged", words_of(c, "by_weapon"))


def count_after(events: list[Candidate], analyses: list[Analysis], deadline: Deadline = NO_DEADLINE) -> None:
    """Weapons counted in a sentence that makes no event ("The Russians used nine missiles and 27
    drones.") belong to the attack of their entry. `deadline` is checked once per sentence."""
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
        words = (an.sent.start, an.sent.end)
        decide(attack, "quantity", q.quantity, "quantities.count_after", words)
        decide(attack, "quantity_unit", q.unit, "quantities.count_after", words)
        if not attack.weapon:
            decide(attack, "weapon", q.weapon, "quantities.count_after", words)
        decide(attack, "by_weapon", {**attack.by_weapon, **q.by_weapon}, "quantities.count_after", words)
        kinds.weapons_mode(attack, q.assault_mode, words)


def interceptions(
    events: list[Candidate], analyses: list[Analysis], deadline: Deadline = NO_DEADLINE
) -> None:
    """Counts of downed/intercepted weapons go to the last attack of their entry that launched some."""
    for an in analyses:
        deadline.check()
        if not an.intercept or not an.quantity.by_weapon:
            continue
        words = (an.sent.start, an.sent.end)
        if an.quantity.downed:  # "35 of 40 drones": the sentence states both counts
            target = None
            for e in events:
                if e.event_type == "ASSAULT" and e.sentence <= an.sent.index and e.entry == an.sent.entry:
                    target = e
            if target is None:  # "did not shoot down 35 of 40 drones": no attack was coded to take it
                continue
            target.intercepted_by.update(an.quantity.downed)
            decide(target, "intercepted", sum(target.intercepted_by.values()), "quantities.downed_of", words)
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
        decide(attack, "intercepted", total or None, "quantities.intercepted_of", words)


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
            part = e.copy(intercepted_by={}, split_key=weapon)
            words = words_of(e, "by_weapon")
            decide(part, "by_weapon", {weapon: n}, "quantities.split_by_weapon", words)
            decide(part, "weapon", weapon, "quantities.split_by_weapon", words)
            decide(part, "quantity", n, "quantities.split_by_weapon", words)
            decide(part, "quantity_unit", _unit(weapon), "quantities.split_by_weapon", words)
            intercepted = e.intercepted_by.get(weapon) if e.intercepted_by else None
            decide(part, "intercepted", intercepted, "quantities.split_by_weapon", words_of(e, "intercepted"))
            kinds.part_mode(part, modes.get(weapon))
            out.append(part)
    return out


def restated(k: Candidate, c: Candidate, rule: str) -> None:
    """A restatement (restate.py `rule`) names the weapon of an event with none."""
    if k.weapon is None and c.weapon is not None:
        decide(k, "weapon", c.weapon, rule, words_of(c, "weapon"))
