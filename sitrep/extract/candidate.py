"""The working record of one event while the stages fill it, and its conversion to the output dict."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from datetime import date

from sitrep.extract.acled import AcledCoding, code_event, side
from sitrep.extract.actors import Actor
from sitrep.extract.gazetteer import Entry
from sitrep.model import EVENT_COLUMNS


@dataclass(slots=True)
class Candidate:
    document_id: str
    event_type: str
    mode: str | None
    factuality: str | None
    trigger_pos: str  # verb | noun
    sentence: int
    paragraph: int
    entry: int
    evidence_start: int
    evidence_end: int
    actor1: Actor | None = None
    actor1_from_context: bool = False
    actor2: Actor | None = None
    place: Entry | None = None
    place_name: str | None = None  # the name as the text gives it when the gazetteer lacks the place there
    named_place: bool = False  # a populated place (not only a division or a country) is named
    place_from_context: bool = False
    event_date: date | None = None
    date_precision: str | None = None
    date_explicit: bool = False
    own_day: bool = (
        False  # its day is stated in its own clause, not a statement's ("On Wednesday, a drone struck")
    )
    fatalities: int | None = None
    injuries: int | None = None
    missing: int | None = None
    victim_type: str | None = None
    added: frozenset[str] = frozenset()  # counts that add to a toll told before ("three more died")
    stated_toll: bool = False  # the dead are a stated toll ("the death toll ... is now nine"): it restates
    first_fatalities: int | None = None  # the toll first told, before a running total raised it (restate.py)
    other_dead: int = 0  # dead of the other side added to the toll ("troops killed 11 of the insurgents")
    weapon: str | None = None
    quantity: float | None = None
    quantity_unit: str | None = None
    intercepted: float | None = None
    by_weapon: dict[str, float] = field(default_factory=dict)
    is_aggregate: bool = False
    confidence: float = 0.0
    merged: int = 0  # how many sentences were merged into this event
    intercepted_by: dict[str, float] = field(default_factory=dict)
    split_key: str = ""
    anaphor: tuple | None = None  # (EventPlace, kind) "the town" points back to (locate.from_anaphor)
    at_sea: bool = False  # told at sea ("hit a tanker in the Red Sea"): no place from context (locate.py)
    anaphoric: bool = False  # names its attack as known ("the strike", "the fighting"): a restatement
    last_paragraph: int = -1  # the latest paragraph merged into this event
    headline: bool = False  # told in a title line above the lead ("Two soldiers killed in ambush in Sulu")
    recalled: bool = False  # told in a clause recalling another attack ("a day after a strike killed 12")
    # why each field has its value: field -> (rule id of sitrep/data/rules.tsv, words); set by decide.py
    why: dict[str, tuple[str, tuple[int, int] | None]] = field(default_factory=dict)
    # the trigger: (char start, char end, lexicon phrase, pos, event type, mode) of its lexicon entry
    trigger: tuple = ()

    def copy(self, **changes) -> Candidate:
        """A copy with its own record of why (dataclasses.replace would share the dict)."""
        return replace(self, why=dict(self.why), **changes)

    @property
    def has_casualties(self) -> bool:
        return self.fatalities is not None or self.injuries is not None or self.missing is not None

    def acled_coding(self, evidence: str) -> AcledCoding:
        """ACLED type, sub-type and actor categories, with the ids of the table rows (acled.py)."""
        a1, a2, p = self.actor1, self.actor2, self.place
        return code_event(
            event_type=self.event_type,
            mode=self.mode,
            factuality=self.factuality,
            actor1=side(a1.name, a1.code, a1.type) if a1 else side(None, None, None),
            actor2=side(a2.name, a2.code, a2.type) if a2 else side(None, None, None),
            victim_type=self.victim_type,
            weapon=self.weapon,
            intercepted=self.intercepted,
            fatalities=self.fatalities,
            injuries=self.injuries,
            country=p.country if p else None,
            evidence=evidence,
        )

    def to_record(self, text: str, cameo_code, modes: dict[tuple[str, str], str | None]) -> dict:
        a1, a2, p = self.actor1, self.actor2, self.place
        event_mode = modes.get((self.event_type, self.mode or ""))
        target = a2.type if a2 else None
        cameo = cameo_code(self.event_type, self.mode, target)
        evidence = text[self.evidence_start : self.evidence_end]
        acled = self.acled_coding(evidence)
        key = f"{self.document_id}:{self.evidence_start}:{self.evidence_end}:{self.event_type}"
        if self.split_key:  # one event per weapon kind read from the same sentence
            key += f":{self.split_key}"
        rec = {
            "event_id": hashlib.sha1(key.encode("utf-8")).hexdigest()[:16],
            "event_date": self.event_date,
            "date_precision": self.date_precision if self.event_date else None,
            "event_type": self.event_type,
            "event_mode": event_mode or None,
            "factuality": self.factuality or "happened",
            "actor1_name": a1.name if a1 else None,
            "actor1_country": a1.code if a1 else None,
            "actor1_type": a1.type if a1 else None,
            "actor2_name": a2.name if a2 else None,
            "actor2_country": a2.code if a2 else None,
            "actor2_type": a2.type if a2 else None,
            # a division or a country alone is no named location (admin1/country carry it)
            "location_name": (self.place_name or p.name)
            if p and (self.named_place or self.place_name)
            else None,
            "admin1": p.admin1 if p else None,
            "country": p.country if p else None,
            "latitude": p.lat if p else None,
            "longitude": p.lon if p else None,
            "location_precision": p.precision if p else None,
            "fatalities": None if self.is_aggregate else self.fatalities,
            "injuries": None if self.is_aggregate else self.injuries,
            "missing": None if self.is_aggregate else self.missing,
            "weapon": self.weapon,
            "quantity": self.quantity,
            "quantity_unit": self.quantity_unit,
            "intercepted": self.intercepted,
            "is_aggregate": self.is_aggregate,
            "cameo_code": cameo,
            "acled_event_type": acled.event_type,
            "acled_sub_event_type": acled.sub_event_type,
            "inter1": acled.inter1,
            "inter2": acled.inter2,
            "acled_swapped": acled.swapped,
            "document_id": self.document_id,
            "evidence": evidence,
            "evidence_start": self.evidence_start,
            "evidence_end": self.evidence_end,
            "confidence": round(self.confidence, 3),
        }
        assert list(rec) == EVENT_COLUMNS, "event keys drifted from sitrep.model.EVENT_COLUMNS"
        return rec
