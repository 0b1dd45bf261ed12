"""Stage: ACLED coding. An event's ACLED event type, sub-event type and the categories of its two ACLED
actors (inter1, inter2), decided the way ACLED's codebook decides: by who acts on whom and with what, not
by the PLOVER type alone.

Two first-match tables do the work: sitrep/data/acled_rules.tsv (type and sub-type, and which PLOVER actor
is ACLED actor1) and sitrep/data/acled_actor_rules.tsv (each ACLED actor's category); both look for word
cues of sitrep/data/acled_cues.tsv. Each decision carries the id of the rows that made it, for --explain.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import NamedTuple

from sitrep.extract.lexicon import read_tsv

ANY, ABSENT = "*", "-"


# Side and AcledCoding are NamedTuples, not frozen dataclasses: two Sides and a coding are built for each
# event, and a NamedTuple builds faster.
class Side(NamedTuple):
    """One PLOVER actor as the tables see it."""

    name: str | None
    code: str | None
    type: str | None  # PLOVER actor type; "state" for a state named alone; None when there is no actor

    @property
    def present(self) -> bool:
        return self.name is not None or self.type is not None


class AcledCoding(NamedTuple):
    event_type: str | None
    sub_event_type: str | None
    inter1: str | None
    inter2: str | None
    rule: str  # id of the acled_rules.tsv row
    inter_rules: tuple[str, str]  # ids of the acled_actor_rules.tsv rows for ACLED actor1 and actor2
    swapped: bool = False  # ACLED names the event's actor2 first: inter1 describes actor2


class _Cell:
    """One table cell: '*' anything, '-' absent, 'a|b' alternatives, a leading '!' negates."""

    __slots__ = ("any", "negate", "values")

    def __init__(self, text: str) -> None:
        self.any = text in ("", ANY)
        self.negate = text.startswith("!")
        self.values = frozenset(text.lstrip("!").split("|"))

    def __call__(self, value: str | None) -> bool:
        if self.any:
            return True
        return ((value or ABSENT) in self.values) != self.negate


@cache
def _cues() -> dict[str, re.Pattern[str]]:
    """cue -> a pattern of its phrases, each ending a word. The pattern opens with the phrases (has_cue
    checks that a match also starts a word): so the regex engine skips to the phrases' first letters
    instead of trying every position, which halves the time of the ACLED stage's cue checks."""
    phrases: dict[str, list[str]] = {}
    for row in read_tsv("acled_cues.tsv"):
        phrases.setdefault(row["cue"], []).append(re.escape(row["phrase"].lower()).replace(r"\ ", r"\s+"))
    return {
        cue: re.compile(r"(?:" + "|".join(sorted(ps, key=len, reverse=True)) + r")(?![\w-])")
        for cue, ps in phrases.items()
    }


_WORD_CHAR = re.compile(r"[\w-]")


def has_cue(cue: str, text: str | None) -> bool:
    """The cue (sitrep/data/acled_cues.tsv) occurs in the text as whole words."""
    pattern = _cues().get(cue)
    if pattern is None:
        raise KeyError(f"unknown ACLED cue {cue!r} (sitrep/data/acled_cues.tsv)")
    if not text:
        return False
    low = _lower(text)
    found = pattern.search(low)
    while found is not None:
        start = found.start()
        if start == 0 or not _WORD_CHAR.match(low, start - 1):
            return True  # the phrase starts a word too
        found = pattern.search(low, start + 1)  # inside a word ("flashmob"): a phrase may start later
    return False


@lru_cache(maxsize=64)  # the tables ask several cues of one event's evidence in a row
def _lower(text: str) -> str:
    return text.lower()


def _cue_cell(text: str):
    if text in ("", ANY):
        return lambda _text: True
    negate, cue = text.startswith("!"), text.lstrip("!")
    _cues()[cue]  # an unknown cue fails at load, not on the first event that reaches the row
    return lambda value: has_cue(cue, value) != negate


_TYPE_COLUMNS = (
    "event_type",
    "mode",
    "factuality",
    "actor1",
    "target",
    "weapon",
    "intercepted",
    "casualties",
)


@cache
def _type_rules() -> list[tuple[str, tuple[_Cell, ...], object, str | None, str | None, bool]]:
    rows = []
    for r in read_tsv("acled_rules.tsv"):
        cells = tuple(_Cell(r[c]) for c in _TYPE_COLUMNS)
        swap = r["order"] == "21"
        rows.append(
            (
                r["id"],
                cells,
                _cue_cell(r["cue"]),
                r["acled_event_type"] or None,
                r["acled_sub_event_type"] or None,
                swap,
            )
        )
    return rows


# The rows whose cells match a tuple of values, in table order (only the word cue is left to check): a text
# repeats few combinations, and matching every cell of every row per event was a fifth of the extractor.
@lru_cache(maxsize=1 << 12)
def _type_rows_matching(values: tuple) -> tuple[int, ...]:
    return tuple(
        i for i, r in enumerate(_type_rules()) if all(c(v) for c, v in zip(r[1], values, strict=True))
    )


@lru_cache(maxsize=1 << 12)
def _actor_rows_matching(values: tuple) -> tuple[int, ...]:
    return tuple(
        i for i, r in enumerate(_actor_rules()) if all(c(v) for c, v in zip(r[1], values, strict=True))
    )


_ACTOR_COLUMNS = ("acled_event_type", "acled_sub_event_type", "position", "actor_type", "abroad")


@cache
def _actor_rules() -> list[tuple[str, tuple[_Cell, ...], object, str | None]]:
    return [
        (r["id"], tuple(_Cell(r[c]) for c in _ACTOR_COLUMNS), _cue_cell(r["name"]), r["inter"] or None)
        for r in read_tsv("acled_actor_rules.tsv")
    ]


def side(name: str | None, code: str | None, actor_type: str | None) -> Side:
    """A PLOVER actor; a state named alone ("Ukraine", code and no type) gets the type 'state'."""
    if actor_type is None and name is not None and code and len(code) == 3:
        actor_type = "state"
    return Side(name, code, actor_type)


def _casualties(fatalities: int | None, injuries: int | None) -> str:
    if fatalities:
        return "killed"
    return "hurt" if injuries else "none"


def code_event(
    *,
    event_type: str,
    mode: str | None,
    factuality: str | None,
    actor1: Side,
    actor2: Side,
    victim_type: str | None,
    weapon: str | None,
    intercepted: float | None,
    fatalities: int | None,
    injuries: int | None,
    country: str | None,
    evidence: str,
) -> AcledCoding:
    """ACLED type, sub-type and actor categories of one event (first matching row of each table)."""
    interception = bool(intercepted) or mode == "intercept" or has_cue("interception", evidence)
    # the target: actor2, or the people the toll counts when there is no actor2 or it is only the state
    # where the event happened ("gunmen killed 5 villagers" in Nigeria)
    target = actor2.type if actor2.present else None
    if target in (None, "state") and victim_type:
        target = victim_type
    values = (
        event_type,
        mode,
        factuality or "happened",
        actor1.type,
        target,
        weapon,
        "yes" if interception else "no",
        _casualties(fatalities, injuries),
    )
    rules = _type_rules()
    row = next((rules[i] for i in _type_rows_matching(values) if rules[i][2](evidence)), None)
    if row is None:  # the table ends with a catch-all row; an edited table without one codes nothing
        return AcledCoding(None, None, None, None, "", ("", ""))
    rule_id, _cells, _cue, acled_type, sub_type, swap = row
    if acled_type is None:
        return AcledCoding(None, None, None, None, rule_id, ("", ""))
    first, second = _acled_order(actor1, actor2, swap)
    # the place of an unlocated attack is the target's country ("Russia launched 40 drones at Ukraine")
    where = country or (actor2.code if actor2.code and len(actor2.code) == 3 else None)
    inter1, id1 = _category(acled_type, sub_type, "1", first, where)
    inter2, id2 = _category(acled_type, sub_type, "2", second, where)
    return AcledCoding(acled_type, sub_type, inter1, inter2, rule_id, (id1, id2), first is not actor1)


def _acled_order(actor1: Side, actor2: Side, swap: bool) -> tuple[Side, Side]:
    """ACLED's actor order. A swapping row puts PLOVER actor2 first (the interceptor of a salvo, the
    crowd a police action met) unless there is no actor2, or actor1 is itself named as the interceptor
    ("Ukrainian air defence shot down 20 drones")."""
    if not swap or not actor2.present or has_cue("interception", actor1.name):
        return actor1, actor2
    return actor2, actor1


def _category(
    acled_type: str, sub_type: str | None, position: str, actor: Side, where: str | None
) -> tuple[str | None, str]:
    abroad = bool(actor.code) and (len(actor.code) != 3 or (where is not None and actor.code != where))
    values = (
        acled_type,
        sub_type,
        position,
        actor.type if actor.present else None,
        "yes" if abroad else "no",
    )
    rules = _actor_rules()
    for i in _actor_rows_matching(values):
        rule_id, _cells, name_cue, inter = rules[i]
        if name_cue(actor.name):
            return inter, rule_id
    return None, ""
