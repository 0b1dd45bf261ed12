"""The matching rules of sitrep/data/happening_rules.tsv, read once."""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

RULES_FILE = Path(__file__).resolve().parent.parent / "data" / "happening_rules.tsv"

# setting name -> default; the data file may override each.
DEFAULT_SETTINGS = {
    "date_slack_days": 1.0,  # a report filed after midnight may date the happening one day later
    "after_midnight_hours": 12.0,  # ... when it was published before this local hour of that later day
    "distance_km": 10.0,  # two named places closer than this are one place (a district and its city)
    "min_agreement": 1.0,  # share of cross pairs that must agree for two groups to merge (1: complete link)
    # second pass (sitrep/happen/restated.py): groups whose tolls restate each other merge
    "restate_min_toll": 3.0,  # tolls below this repeat across unrelated strikes and restate nothing
    "restate_ratio": 0.75,  # smaller / larger toll of the two groups at least this (1: only equal tolls)
    "restate_weak_days": 1.0,  # a date that is the report's publication day may be this many days late
    "restate_same_toll": 5.0,  # groups of two days stating one toll of this many dead need no shared place
}


@dataclass(frozen=True)
class Rules:
    families: dict[str, str]  # "ASSAULT" or "ASSAULT/planned" -> family
    compatible_modes: frozenset[frozenset[str]]
    modes_at_place: frozenset[frozenset[str]] = frozenset()  # compatible when both name one place
    options: dict[str, frozenset[str]] = field(default_factory=dict)  # family -> {require_actor1, ...}
    settings: dict[str, float] = field(default_factory=dict)

    def family(self, event_type: str | None, event_mode: str | None) -> str:
        """The family of a (type, mode): the most specific row, else the type itself."""
        kind = (event_type or "").upper()
        if event_mode and f"{kind}/{event_mode}" in self.families:
            return self.families[f"{kind}/{event_mode}"]
        return self.families.get(kind, kind.lower() or "unknown")

    def modes_agree(self, a: str | None, b: str | None) -> bool:
        return not a or not b or a == b or frozenset((a, b)) in self.compatible_modes

    def modes_agree_at_place(self, a: str, b: str) -> bool:
        return frozenset((a, b)) in self.modes_at_place

    def has(self, family: str, option: str) -> bool:
        return option in self.options.get(family, frozenset())

    def setting(self, name: str) -> float:
        return self.settings.get(name, DEFAULT_SETTINGS[name])

    def reach_days(self) -> float:
        """How many days apart two events of one happening may be dated, by either pass: the first pass's
        slack or the second's weak days (sitrep/load/happenings.py cuts its segments by it)."""
        return max(self.setting("date_slack_days"), self.setting("restate_weak_days"))


class RulesError(ValueError):
    """A line of the rules file that cannot be read; the message names the file and line."""


@lru_cache(maxsize=4)
def load_rules(path: Path = RULES_FILE) -> Rules:
    families: dict[str, str] = {}
    modes: set[frozenset[str]] = set()
    modes_at_place: set[frozenset[str]] = set()
    options: dict[str, set[str]] = {}
    settings: dict[str, float] = {}
    with path.open(encoding="utf-8") as fh:
        lines = [(n, ln) for n, ln in enumerate(fh, start=1) if ln.strip() and not ln.startswith("#")]
    rows = csv.reader((ln for _, ln in lines), delimiter="\t")
    for lineno, row in zip((n for n, _ in lines), rows, strict=True):
        if row[:1] == ["kind"]:
            continue
        if len(row) < 3:
            raise RulesError(f"{path}:{lineno}: expected kind, key, value separated by tabs")
        kind, key, value = (cell.strip() for cell in row[:3])
        if kind == "family":
            families[key] = value
        elif kind == "modes":
            modes.add(frozenset(key.split("|")))
        elif kind == "modes_at_place":
            modes_at_place.add(frozenset(key.split("|")))
        elif kind == "option":
            options.setdefault(key, set()).add(value)
        elif kind == "setting":
            if key not in DEFAULT_SETTINGS:
                raise RulesError(f"{path}:{lineno}: unknown setting {key!r}")
            settings[key] = float(value)
        else:
            raise RulesError(f"{path}:{lineno}: unknown kind {kind!r}")
    return Rules(
        families,
        frozenset(modes),
        frozenset(modes_at_place),
        {family: frozenset(names) for family, names in options.items()},
        settings,
    )
