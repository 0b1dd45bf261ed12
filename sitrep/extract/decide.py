"""The one way a field of an event candidate changes: `decide(c, field, value, rule, words)` sets the
field and records the rule (an id of sitrep/data/rules.tsv) and the words of the text that made it, so
that `sitrep extract --explain` can say why an event is coded so.

Each field group has ONE owner module (OWNERS below): only it calls `decide` for its fields; the other
stages hand it evidence. tests/extract/test_rules.py holds the code to that.
"""

from __future__ import annotations

from typing import Any

# field -> the Candidate attributes it sets together (a tuple value sets them in this order)
FIELDS: dict[str, tuple[str, ...]] = {
    "event_type": ("event_type",),
    "mode": ("mode",),
    "factuality": ("factuality",),
    "actor1": ("actor1", "actor1_from_context"),
    "actor2": ("actor2",),
    "place": ("place", "place_name", "named_place", "place_from_context"),
    "date": ("event_date", "date_precision", "date_explicit"),
    "fatalities": ("fatalities",),
    "injuries": ("injuries",),
    "missing": ("missing",),
    "victim_type": ("victim_type",),
    "is_aggregate": ("is_aggregate",),
    "weapon": ("weapon",),
    "quantity": ("quantity",),
    "quantity_unit": ("quantity_unit",),
    "by_weapon": ("by_weapon",),
    "intercepted": ("intercepted",),
}

# field -> the module (under sitrep/extract/) that decides it; rules.tsv's first word of an id names
# the group: type/mode/factuality -> kinds, actors -> roles, place -> locate, date -> dating,
# casualties -> tolls, quantities -> quantities
OWNERS: dict[str, str] = {
    "event_type": "kinds",
    "mode": "kinds",
    "factuality": "kinds",
    "actor1": "roles",
    "actor2": "roles",
    "place": "locate",
    "date": "dating",
    "fatalities": "tolls",
    "injuries": "tolls",
    "missing": "tolls",
    "victim_type": "tolls",
    "is_aggregate": "tolls",
    "weapon": "quantities",
    "quantity": "quantities",
    "quantity_unit": "quantities",
    "by_weapon": "quantities",
    "intercepted": "quantities",
}

Span = tuple[int, int] | None  # character offsets into Document.text; None: the event's sentence


def decide(c: Any, field: str, value: Any, rule: str, words: Span = None) -> None:
    """Set `field` of candidate `c` to `value` because of `rule`, read in `words`."""
    attrs = FIELDS[field]
    if len(attrs) == 1:
        setattr(c, attrs[0], value)
    else:
        for attr, v in zip(attrs, value, strict=True):
            setattr(c, attr, v)
    c.why[field] = (rule, words)


def span(an: Any, start: int, end: int) -> Span:
    """Character span of tokens [start, end) of an analysed sentence (None when there are none: an
    actor or place made up from context has start -1)."""
    toks = an.sent.tokens
    if start < 0 or end <= start or end > len(toks):
        return None
    return toks[start].start, toks[end - 1].end


def words_of(c: Any, field: str) -> Span:
    """The words that set `field` of `c` (to pass on when another candidate takes it over)."""
    why = c.why.get(field)
    return why[1] if why else None


def weapon_words(an: Any) -> Span:
    """The words from the sentence's first weapon to its last ("missiles and 27 drones")."""
    return span(an, an.weapons[0][0], an.weapons[-1][1]) if an.weapons else None
