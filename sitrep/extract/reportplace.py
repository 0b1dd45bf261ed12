"""The place a report's heading says it tells of: a header line "Kadugli | Sunday 8 March 2026", a live blog's
clock "(all times Tbilisi)". Events with no place of their own, told before any place in another division,
happened there (locate.from_document, `RULE_REPORT_PLACE`). Unlike a dateline's town (where a wire filed
from, never an event's place), such a heading names the place the whole report is about.
"""

from __future__ import annotations

import re
from functools import cache

from sitrep.extract.gazetteer import Entry, compact, gazetteer, key_of
from sitrep.extract.places import ZONE_AFTER, ZONE_BEFORE

HEAD_LINES = 3  # lines of the heading read: a title, a source line, a "Town | date" line
_NAME = r"([A-Z][\w'\- ]{1,30}?)"
_BAR = re.compile(r"^\s*" + _NAME + r"\s*\|[^\n|]*\d")  # "Kadugli | Sunday 8 March 2026"


@cache
def _zones() -> tuple[re.Pattern, re.Pattern]:
    """ "(all times Tbilisi)", "(Sanaa time)" with the words of lexicons/place_cues.tsv zone_before/_after."""
    before = "|".join(sorted(ZONE_BEFORE))
    after = "|".join(sorted(ZONE_AFTER))
    return (
        re.compile(r"\((?:\w+ )?(?:" + before + r")\s+" + _NAME + r"\s*\)"),
        re.compile(r"\(" + _NAME + r"\s+(?:" + after + r")\)"),
    )


def report_place(text: str, body_start: int, countries: set[str]) -> Entry | None:
    """The town the heading names (the lines before the body and the body's first line), read in the
    document's countries when it has a namesake elsewhere; None when the heading names none."""
    end = text.find("\n", body_start)
    lines = text[: end if end >= 0 else len(text)].splitlines()
    for line in [ln for ln in lines if ln.strip()][:HEAD_LINES]:
        for pattern in (_BAR, *_zones()):
            m = pattern.search(line)
            if m is None:
                continue
            town = _town(m.group(1).strip(), countries)
            if town is not None:
                return town
    return None


def _town(name: str, countries: set[str]) -> Entry | None:
    towns = [e for e in gazetteer().lookup(compact(key_of(name))) if e.precision == "place"]
    local = [e for e in towns if e.country in countries] or towns
    return max(local, key=lambda e: e.population, default=None)
