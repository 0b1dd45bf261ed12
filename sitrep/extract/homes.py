"""Which state a generic state actor belongs to. "The military", "soldiers", "the defence ministry",
"the energy minister" name no country; the document does. One country in the document's contest: the
event's place, else the paragraph's last place, else the document's focus country. Two or more
countries with armed or state actors (a war between states, an occupation): the place proves nothing
(Israeli jets strike in Lebanon), so the nearest national cue of the same kind before the actor decides
("Israeli warplanes struck ... The army said it had also hit"), or nothing.

The owner of the actor fields (roles) applies the code and records the rule id returned here.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field

from sitrep.extract.actors import LOCAL, Actor
from sitrep.extract.lexicon import word_set
from sitrep.extract.numbers import weapon_matcher
from sitrep.extract.sentence import Analysis

RULE_HOME_STATE = "actors.home_state"  # the event's place, or the paragraph's last one
RULE_FOCUS_COUNTRY = "actors.focus_country"  # no place: the one country the document is about
RULE_NEAREST_NATIONAL = "actors.nearest_national"  # contested document: the last actor of that kind's state
RULE_FOCUS_AMBIGUOUS = "actors.focus_ambiguous"  # contested document and no cue: no country

# actor types whose countries make a document contested (armed or state actors, not civilians)
_CONTENDERS = word_set("lexicons/actor_homes.tsv", "contender")
# actor kinds with no type that stand for a government ("Niger said") or for armed forces ("Israeli
# warplanes struck"): national cues of generic actors of that type, and contenders
_STATE_KINDS = word_set("lexicons/actor_homes.tsv", "state_kind")
_FORCES_KINDS = word_set("lexicons/actor_homes.tsv", "forces_kind")


def _cue_type(atype: str | None, kind: str) -> str | None:
    """The type an actor stands for as a national cue: its own, else its kind's."""
    if atype is not None:
        return atype
    if kind in _FORCES_KINDS:
        return "state_forces"
    return "government" if kind in _STATE_KINDS else None


def _contends(an: Analysis, a: Actor) -> bool:
    """An armed or state actor; a bare demonym only before a weapon ("Israeli warplanes"), not in
    "Russian flags"."""
    if a.type is not None:
        return a.type in _CONTENDERS
    lows = an.sent.lows
    return (
        a.kind in _FORCES_KINDS and a.end < len(lows) and weapon_matcher().match_at(lows, a.end) is not None
    )


@dataclass(slots=True)
class Focus:
    """What the whole document says about countries: its focus countries (build.doc_countries) and
    the national actors it names, in text order."""

    countries: set[str] = field(default_factory=set)
    contenders: set[str] = field(default_factory=set)
    cues: list[tuple[int, int, str, str | None, str]] = field(
        default_factory=list
    )  # sent, start, code, type, kind
    keys: list[tuple[int, int]] = field(default_factory=list)

    def nearest(self, actor_type: str | None, sentence: int, start: int) -> str | None:
        """The code of the last national actor of `actor_type` before (sentence, start)."""
        k = bisect_left(self.keys, (sentence, start if start >= 0 else 1 << 30))
        for _s, _st, code, atype, kind in reversed(self.cues[:k]):
            if _cue_type(atype, kind) == actor_type:
                return code
        return None


def document_focus(analyses: list[Analysis], countries: set[str]) -> Focus:
    f = Focus(countries=set(countries))
    for an in analyses:
        for a in an.actors:
            if not _national(a):
                continue
            if _contends(an, a):
                f.contenders.add(a.code)
            f.cues.append((an.sent.index, a.start, a.code, a.type, a.kind))
    f.keys = [(s, st) for s, st, *_ in f.cues]
    return f


def _national(a: Actor) -> bool:
    return (
        bool(a.code)
        and len(a.code) == 3
        and a.kind not in ("weapon_origin", "home", "generic", "agent", LOCAL, "victims")
    )


def home_code(
    a: Actor,
    sentence: int,
    here: str | None,
    paragraph_home: str | None,
    place_first: bool,
    focus: Focus,
    local: bool = False,
) -> tuple[str | None, str]:
    """(code, rule) for a generic state actor `a` of the event in `sentence`. `here` is the country of
    the event's place, `paragraph_home` that of the document's last event place; `place_first` for
    events that happen somewhere (words said abroad take the document's place first). A `local` actor (a
    target: "ambushed a military patrol near Lawdar"; an agentless arrest) is of the place's state even in
    a contested document."""
    if len(focus.contenders) >= 2 and not (local and here):
        code = focus.nearest(a.type, sentence, a.start)
        return (code, RULE_NEAREST_NATIONAL) if code else (None, RULE_FOCUS_AMBIGUOUS)
    code = here or paragraph_home if place_first else paragraph_home or here
    if code:
        return code, RULE_HOME_STATE
    only = single_focus(focus)
    return (only, RULE_FOCUS_COUNTRY) if only else (None, RULE_FOCUS_AMBIGUOUS)


def single_focus(focus: Focus) -> str | None:
    """The one country the document is about: that of all its armed and state actors, else that of all
    its actors and places; None when there are several."""
    only = focus.contenders or focus.countries
    return next(iter(only)) if len(only) == 1 else None
