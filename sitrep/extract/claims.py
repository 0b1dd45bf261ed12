"""Stage: claims. A party's claim told inside a report ("Al Shabaab ... claimed to have killed 47 soldiers",
"JNIM claimed the ambush, saying its fighters had killed 31 soldiers") is that party's figure, not the
report's toll, when the report states its own toll of the same victims near it ("At least seven Somali
soldiers were killed ..."): the claim's counts are set aside before any event is built, so they neither
raise the attack's toll nor make a toll of their own. A report that states no toll of its own keeps the
claim's (the gold convention: the only figure given is the toll). The other side's losses a party gives
("the army said its troops killed 14 assailants") are other victims: they stay, and add as both sides' dead.

Cues are data (lexicons/claim_cues.tsv). Cost: one phrase scan of the sentences that count dead.
"""

from __future__ import annotations

from functools import cache

from sitrep.extract.lexicon import PhraseMatcher, tsv_matcher
from sitrep.extract.numbers import Casualties, casualties_in, numbers_in
from sitrep.extract.sentence import Analysis

_CUES = "lexicons/claim_cues.tsv"
# how many paragraphs before or after the claim the report's own toll may stand (a claim is told beside
# the attack it claims: in its paragraph, the one before, or the lead two paragraphs up)
REACH = 2
_MASK = "_"  # stands for a claim's words when the rest of the sentence is counted again


@cache
def _cues() -> PhraseMatcher:
    return tsv_matcher(_CUES, "cue", lambda row: row["kind"])


def claim_span(lows: list[str]) -> tuple[int, int] | None:
    """Tokens of the first claim clause of a sentence: from its cue to a break ("but", ";") or the end."""
    found = _cues().find(lows)
    start = next((s for s, _e, kind in found if kind == "claim"), None)
    if start is None:
        return None
    end = next((s for s, _e, kind in found if kind == "break" and s > start), len(lows))
    return start, end


def _masked(lows: list[str], start: int, end: int, inside: bool) -> list[str]:
    """The sentence with the claim's words (inside=False) or all other words (inside=True) masked."""
    if inside:
        return [w if start <= k < end else _MASK for k, w in enumerate(lows)]
    return [_MASK if start <= k < end else w for k, w in enumerate(lows)]


def _count(lows: list[str]) -> Casualties:
    return casualties_in(lows, numbers_in(lows))


def _same_victims(a: Casualties, b: Casualties) -> bool:
    return a.victim_type is None or b.victim_type is None or a.victim_type == b.victim_type


def _states_toll(an: Analysis, claimed: Casualties) -> bool:
    """The sentence states a toll of its own (no claim, no period total) of the claim's victims."""
    cas = an.casualties
    return cas.fatalities is not None and not an.cumulative and _same_victims(cas, claimed)


def set_aside(analyses: list[Analysis]) -> None:
    """Drops the counts of each party's claim whose report states its own toll of the same victims (in
    the claim's sentence, or in its entry within REACH paragraphs): the sentence keeps the counts told
    outside the claim ("..., but a regional official said four soldiers died"). A claim that dates what it
    claims and has no toll beside it in its sentence tells an attack of its own, and keeps its counts."""
    claims = {}
    for i, an in enumerate(analyses):
        if an.casualties.fatalities is None or an.cumulative:
            continue
        found = claim_span(an.sent.lows)
        if found is not None:
            claims[i] = found
    for i, (start, end) in claims.items():
        an = analyses[i]
        lows = an.sent.lows
        claimed = _count(_masked(lows, start, end, inside=True))
        if claimed.fatalities is None:
            continue
        rest = _count(_masked(lows, start, end, inside=False))
        own = rest.fatalities is not None and _same_victims(rest, claimed)
        # "security forces said they had killed five Maoists on Saturday": a claim that dates what it
        # claims, with no competing toll in its sentence, tells an attack of its own
        dated = any(start <= d.start < end for d in an.dates)
        if own or (not dated and _toll_near(analyses, i, claims, claimed)):
            an.casualties = rest


def _toll_near(analyses: list[Analysis], i: int, claims: dict, claimed: Casualties) -> bool:
    """A sentence of the claim's entry, no claim itself, within REACH paragraphs, states a toll of the
    claim's victims."""
    return any(j not in claims and _states_toll(analyses[j], claimed) for j in _neighbours(analyses, i))


def _neighbours(analyses: list[Analysis], i: int):
    """Indexes of the sentences of sentence i's entry within REACH paragraphs, nearest first each way."""
    sent = analyses[i].sent
    for step in (range(i - 1, -1, -1), range(i + 1, len(analyses))):
        for j in step:
            other = analyses[j].sent
            if other.entry != sent.entry or abs(other.paragraph - sent.paragraph) > REACH:
                break
            yield j
