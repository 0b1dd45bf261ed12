"""A clause that recalls another attack ("Fano stormed Dangila on Monday, a day after a drone strike on a
market killed 12 people"; "Three days after militants killed seven policemen, troops raided ..."): an
event of its own, told beside the sentence's main event. Its toll and means are never the main event's.

The clause opens with an interval (lexicons/clause_cues.tsv interval_unit + interval_link: "a day
after", "two weeks before", "hours after") and is split off only when it tells an attack with a toll of
its own; otherwise ("killed five two days after the attack") the sentence is read whole, as before.
A clause in the middle or at the end runs to the end of the sentence; one that opens the sentence runs to
its first comma. The clause's event is dated from the main event's day and the interval, when both say.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from sitrep.extract.lexicon import read_tsv, word_set
from sitrep.extract.numbers import number_words
from sitrep.extract.text import Sentence

_CUES = "lexicons/clause_cues.tsv"


@cache
def _unit_days() -> dict[str, int | None]:
    """Time unit -> days it counts (None: too vague), from lexicons/interval_units.tsv."""
    return {r["unit"]: int(r["days"]) if r["days"] else None for r in read_tsv("lexicons/interval_units.tsv")}


def _units():
    return _unit_days().keys()


@cache
def _links() -> frozenset[str]:
    return word_set(_CUES, "interval_link")


@cache
def event_links() -> frozenset[str]:
    """Verbs whose subject only names a told event ("The protest came two days after ...")."""
    return word_set(_CUES, "event_link")


@dataclass(slots=True)
class Interval:
    start: int  # first token of the clause (the count, or the unit of a bare plural)
    link: int  # the "after" / "before" token
    days: int | None  # signed days from the main event to the recalled one, when the text counts them


def _count(low: str) -> float | None:
    if low in ("the", "a", "an"):
        return 1
    if low.isdigit():
        return float(low)
    found = number_words().get(low)
    return found[0] if found else None


def intervals(lows: list[str]) -> list[Interval]:
    """Every "<count> <unit> after/before" of the sentence (a bare plural needs no count), last first: the
    last one opens the innermost clause ("pulled back hours before dawn, a day after a strike killed 12")."""
    links, units = _links(), _units()
    out = []
    for k in range(len(lows) - 1, 0, -1):
        if lows[k] not in links or lows[k - 1] not in units:
            continue
        unit = lows[k - 1]
        n = _count(lows[k - 2]) if k >= 2 else None
        if n is None and not unit.endswith("s"):
            continue  # "the day after" needs its count; "hours after" does not
        start = k - 2 if n is not None else k - 1
        per = _unit_days()[unit]
        days = None if per is None or (n is None and per) else int((n or 0) * per)
        if days is not None and lows[k] == "after":
            days = -days
        out.append(Interval(start, k, days))
    return out


def clause_bounds(lows: list[str], iv: Interval, body_start: int) -> tuple[int, int] | None:
    """Token span of the recalled clause: from the interval to the sentence's end, or to the first comma
    when the interval opens the sentence (after its dateline)."""
    if iv.start > body_start:
        end = len(lows)
        while end > iv.link + 1 and lows[end - 1] in (".", "!", "?"):
            end -= 1
        return (iv.start, end)
    comma = next((j for j in range(iv.link + 1, len(lows)) if lows[j] == ","), None)
    return (iv.start, comma) if comma is not None else None


def piece(sent: Sentence, lo: int, hi: int, keep: tuple[int, int] | None = None) -> Sentence:
    """The sentence cut to tokens [lo, hi) (and `keep`, a leading dateline span, before them)."""
    toks = sent.tokens[lo:hi]
    if keep is not None:
        toks = sent.tokens[keep[0] : keep[1]] + toks
    return Sentence(
        index=sent.index,
        paragraph=sent.paragraph,
        segment=sent.segment,
        entry=sent.entry,
        start=toks[0].start,
        end=toks[-1].end,
        tokens=toks,
        anchor=sent.anchor,
        lows=[t.low for t in toks],
    )


def has_cue(lows: list[str]) -> bool:
    """Cheap gate before any work: an interval link right after a unit word."""
    links, units = _links(), _units()
    if links.isdisjoint(lows):
        return False  # most sentences: one set operation in C
    return any(w in links and k and lows[k - 1] in units for k, w in enumerate(lows))


def recall_apart(k, c) -> bool:
    """Whether k and c (candidates, k told first) may be one happening as far as recalling goes: a recalled
    attack is not its sentence's main event, nor what a later "the fighting" names; a later account of it
    at a place of its own may still repeat it (merge.py, restate.py)."""
    if c.recalled:
        return k.sentence != c.sentence
    if k.recalled:
        return not c.anaphoric and c.place is not None and not c.place_from_context
    return True
