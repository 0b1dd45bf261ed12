"""Owner of an event's type, mode and factuality (decide.py). The trigger gives all three
(lexicons/triggers.tsv, modality.tsv; heads.py may reread a trigger); its object may change the type
("seized a tanker" is COERCE: lexicons/retype.tsv); a date ahead makes it planned; the weapons or goods
counted, an attack noun, or a merged sentence may name the means.
"""

from __future__ import annotations

from functools import cache

from sitrep.extract.candidate import Candidate
from sitrep.extract.decide import Span, decide, span, weapon_words, words_of
from sitrep.extract.lexicon import read_tsv, word_set
from sitrep.extract.sentence import Analysis
from sitrep.extract.triggers import Trigger
from sitrep.extract.verbal import SAYING

CONDITIONS = word_set("lexicons/clause_cues.tsv", "condition")
SPEECH_WORDS = word_set("lexicons/date_cues.tsv", "attribution")  # said, says, announced, told ...


@cache
def _retype_rules() -> dict[tuple[str, str], list[tuple[str, str, str]]]:
    rules: dict[tuple[str, str], list[tuple[str, str, str]]] = {}
    for r in read_tsv("lexicons/retype.tsv"):
        rules.setdefault((r["event_type"], r["lemma"]), []).append(
            (r["object"], r["new_type"], r["new_mode"])
        )
    return rules


def _retype_match(an: Analysis, t: Trigger) -> tuple[str, str | None, int] | None:
    """(new type, new mode, token of the object) when the object changes the type."""
    rules = _retype_rules()
    lows = an.sent.lows
    window = lows[t.end : t.end + 8]
    # a passive verb's object is its subject, before it ("1,000 more soldiers would be sent")
    before = lows[max(0, t.start - 6) : t.start] if t.passive else []
    for key in ((t.event_type, t.d.lemma), (t.event_type, "*")):
        for obj, new_type, new_mode in rules.get(key, ()):
            if obj in window:
                return new_type, new_mode or None, t.end + window.index(obj)
            if obj in before:
                return new_type, new_mode or None, t.start - len(before) + before.index(obj)
    return None


def retype(an: Analysis, t: Trigger) -> tuple[str, str | None]:
    """The object may change the type: "seized a tanker" is COERCE, "sent troops" MOBILIZE
    (sitrep/data/lexicons/retype.tsv)."""
    m = _retype_match(an, t)
    return (m[0], m[1]) if m else (t.event_type, t.d.mode or None)


def trigger_kind(c: Candidate, an: Analysis, t: Trigger, figurative: bool) -> None:
    """Type, mode and factuality as the trigger and its object read. `figurative`: a figurative
    trigger kept because the sentence counts casualties or weapons: it happened."""
    here = span(an, t.start, t.end)
    m = _retype_match(an, t)
    if m is None:
        decide(c, "event_type", t.event_type, t.rule, here)
        decide(c, "mode", t.d.mode or None, "mode.trigger_lexicon", here)
    else:
        obj = span(an, m[2], m[2] + 1)
        decide(c, "event_type", m[0], "type.object_retype", obj)
        decide(c, "mode", m[1], "mode.object_retype", obj)
    rule = "factuality.figurative_with_toll" if figurative else "factuality.trigger_modality"
    decide(c, "factuality", t.factuality, rule, here)
    if t.factuality == "denied" and c.event_type in SAYING:
        decide(c, "factuality", None, "factuality.saying_not_denied", here)
    elif t.factuality == "hypothetical":
        would = reported_plan(an, t)
        if would is not None:
            decide(c, "factuality", "planned", "factuality.reported_plan", span(an, would, would + 1))


def reported_plan(an: Analysis, t: Trigger) -> int | None:
    """The "would" before t (up to 8 words) when it follows a reported-speech verb and the sentence
    states no condition: future in the past, a plan told ("Germany said it would deliver two launchers",
    "police said soldiers would be deployed"), not a hypothesis ("would release them if ...")."""
    lows = an.sent.lows
    would = next((j for j in range(t.start - 1, max(-1, t.start - 9), -1) if lows[j] == "would"), None)
    if would is None or not CONDITIONS.isdisjoint(lows):
        return None
    return would if not SPEECH_WORDS.isdisjoint(lows[max(0, would - 12) : would]) else None


def planned_by_date(c: Candidate, an: Analysis, ref) -> None:
    """An event dated ahead ("talks next week") is planned."""
    if ref is not None and ref.future and not c.factuality:
        decide(c, "factuality", "planned", "factuality.future_date", span(an, ref.start, ref.end))


def assault_mode(c: Candidate, an: Analysis, t: Trigger) -> None:
    """The weapons counted name an attack's means ("drones hit": drone); an attack verb with no means
    of its own and no weapon named takes the means of an attack noun in its sentence ("an Israeli
    airstrike hit a house" is aerial)."""
    q = an.quantity
    if q.assault_mode and (c.mode in (None, "ground", "aerial") or q.assault_mode in ("drone", "naval")):
        decide(c, "mode", q.assault_mode, "mode.weapon_named", weapon_words(an))
    if c.mode:
        return
    for o in an.triggers:
        if (
            o is not t
            and o.d.pos == "noun"
            and o.event_type == "ASSAULT"
            and o.d.mode
            and not o.has("intercept")
        ):
            decide(c, "mode", o.d.mode, "mode.attack_noun", span(an, o.start, o.end))
            return


def aid_mode(c: Candidate, an: Analysis) -> None:
    """The goods of a transfer name its mode; weapons of a military transfer make it military."""
    q = an.quantity
    if not c.mode and q.aid_mode:
        decide(c, "mode", q.aid_mode, "mode.aid_goods", weapon_words(an))
    if q.weapon in ("weapons", None) and q.aid_mode == "military":
        decide(c, "mode", "military", "mode.military_aid", weapon_words(an))


def weapons_mode(c: Candidate, mode: str | None, words: Span = None) -> None:
    """Weapons counted in a later sentence name the means of an attack still ground, aerial or none."""
    if mode and c.mode in (None, "ground", "aerial"):
        decide(c, "mode", mode, "mode.weapon_count_after", words)


def part_mode(c: Candidate, mode: str | None) -> None:
    """One weapon kind's part of a salvo takes that weapon's means."""
    decide(c, "mode", mode or c.mode, "mode.weapon_of_part", words_of(c, "quantity"))


def absorb(k: Candidate, c: Candidate) -> None:
    """A merged sentence names the means of an event with none, or a more specific one than ground."""
    if k.mode is None or (c.mode and k.mode in ("ground",) and c.mode != "ground"):
        decide(k, "mode", c.mode, "mode.merged", words_of(c, "mode"))


def restated(k: Candidate, c: Candidate, rule: str) -> None:
    """A restatement (restate.py `rule`) names the means of an event with none."""
    if k.mode is None and c.mode is not None:
        decide(k, "mode", c.mode, rule, words_of(c, "mode"))
