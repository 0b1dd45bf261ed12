"""The two types every stage shares: a Document (ingest's output) and the event record (extract's output).

The event record is a plain dict whose keys are exactly EVENT_COLUMNS, the columns of `mart.events`;
`sitrep extract` prints it as JSON, the loader writes it to the star schema. Keeping it a dict of
primitives lets batches cross process boundaries (Dask) and land in pandas without conversion.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

# name -> (SQL type, description). The order is the order of `mart.events` and of `sitrep extract` output.
EVENT_SCHEMA: dict[str, tuple[str, str]] = {
    "event_id": ("VARCHAR", "Stable id: hash of document id, evidence offsets and event type."),
    "event_date": ("DATE", "Day the event happened (first day of the month/year when less precise)."),
    "date_precision": (
        "VARCHAR",
        "day | weekend | month | year: how much of event_date the text states (weekend: its Saturday and Sunday).",
    ),
    "event_type": ("VARCHAR", "PLOVER root: ASSAULT, AID, AGREE, SANCTION, DEMAND, CONSULT, ..."),
    "event_mode": (
        "VARCHAR",
        "PLOVER mode (aerial, drone, military, ...; a THREATEN event's is threatened), whether or not "
        "the event happened; NULL when none applies.",
    ),
    "factuality": (
        "VARCHAR",
        "Whether the event took place: happened, planned, threatened, denied or hypothetical.",
    ),
    "actor1_name": ("VARCHAR", "Initiator as named in the text (normalised)."),
    "actor1_country": ("VARCHAR", "ISO 3166-1 alpha-3 country or organisation code (EU, NATO, ...)."),
    "actor1_type": ("VARCHAR", "state_forces | government | civilians | rebels | organisation | ..."),
    "actor2_name": ("VARCHAR", "Target / recipient as named in the text."),
    "actor2_country": ("VARCHAR", "ISO 3166-1 alpha-3 country or organisation code."),
    "actor2_type": ("VARCHAR", "state_forces | government | civilians | rebels | organisation | ..."),
    "location_name": ("VARCHAR", "Most precise place named for the event."),
    "admin1": ("VARCHAR", "First-level administrative division (GeoNames English name)."),
    "country": ("VARCHAR", "ISO 3166-1 alpha-3 of the place."),
    "latitude": ("DOUBLE", "WGS84 latitude of the place (of the admin1 or country when less precise)."),
    "longitude": ("DOUBLE", "WGS84 longitude."),
    "location_precision": ("VARCHAR", "place | admin1 | country: what the coordinates stand for."),
    "fatalities": ("INTEGER", "People reported killed; NULL when not stated, and for aggregates."),
    "injuries": ("INTEGER", "People reported wounded; NULL when not stated, and for aggregates."),
    "missing": ("INTEGER", "People reported missing or captured; NULL when not stated."),
    "weapon": ("VARCHAR", "Weapon class from the weapons lexicon (missile, drone, artillery shell, ...)."),
    "quantity": ("DOUBLE", "How many units (launched, supplied, delivered)."),
    "quantity_unit": ("VARCHAR", "What quantity counts (artillery shells, missiles, drones, ...)."),
    "intercepted": ("DOUBLE", "How many of the launched units were shot down / intercepted."),
    "is_aggregate": (
        "BOOLEAN",
        "A summary of other events in the same text; its casualties are not counted.",
    ),
    "cameo_code": ("VARCHAR", "CAMEO root code (two digits) from the crosswalk."),
    "acled_event_type": (
        "VARCHAR",
        "ACLED event type, decided by actors and means (sitrep/data/acled_rules.tsv); NULL: ACLED does not "
        "code the event (statements, plans).",
    ),
    "acled_sub_event_type": ("VARCHAR", "ACLED sub-event type (sitrep/data/acled_rules.tsv)."),
    "inter1": (
        "VARCHAR",
        "ACLED category of ACLED's actor1 (State forces, Rebel groups, Political militias, Identity militias, "
        "Rioters, Protesters, Civilians, External/Other forces; sitrep/data/acled_actor_rules.tsv). In ACLED's "
        "order: usually actor1's, but actor2's where ACLED names that side first (the interceptor of a downed "
        "salvo, the crowd a police action met, the side taking over ground another left).",
    ),
    "inter2": ("VARCHAR", "ACLED category of ACLED's other actor (see inter1); NULL when there is none."),
    "acled_swapped": (
        "BOOLEAN",
        "true when ACLED names actor2 first (see inter1): inter1 then describes actor2_name, inter2 actor1_name.",
    ),
    "document_id": ("VARCHAR", "Source document."),
    "evidence": ("VARCHAR", "The sentence(s) the event was read from."),
    "evidence_start": ("INTEGER", "Character offset of the evidence in the document's decoded text."),
    "evidence_end": ("INTEGER", "End offset (exclusive)."),
    "confidence": ("DOUBLE", "0..1, see README: explicit trigger, actors, place and date raise it."),
}
EVENT_COLUMNS: list[str] = list(EVENT_SCHEMA)
# mart.events adds the happening each event belongs to (set by the loader, sitrep/load/happenings.py).
MART_EVENT_COLUMNS: list[str] = [*EVENT_COLUMNS, "happening_id"]

# The columns of dim_document (sql/ddl/010_dimensions.sql), in its order: one row per source document.
DOCUMENT_SCHEMA: dict[str, tuple[str, str]] = {
    "document_key": ("BIGINT", "Surrogate key: hash of document_id."),
    "document_id": ("VARCHAR", "The file's path under the inbox without its extension (or the record id)."),
    "title": ("VARCHAR", "Title from sources.toml."),
    "publisher": ("VARCHAR", "Publisher from sources.toml."),
    "source": (
        "VARCHAR",
        "The file name it came in under (the first, when the same text came under several).",
    ),
    "url": ("VARCHAR", "URL from sources.toml."),
    "published_at": (
        "TIMESTAMP WITH TIME ZONE",
        "Publication time: sources.toml, else the dateline, else the file's time.",
    ),
    "date_inferred": ("BOOLEAN", "true when published_at did not come from sources.toml."),
    "date_source": ("VARCHAR", "metadata | dateline | file_time | record: where published_at came from."),
    "content_hash": ("VARCHAR", "SHA-256 of the decoded text: an unchanged file is not read again."),
    "characters": ("INTEGER", "Length of the decoded text."),
    "segments": ("INTEGER", "Readable passages (page furniture left out; one or more per live-blog entry)."),
    "language": (
        "VARCHAR",
        "ISO 639-1 code of the readable text (en, fr, uk, ...), detected at ingest; NULL when too short to tell. "
        "The coder reads English: other languages are still coded, and listed in the run summary.",
    ),
}

# factuality values of events that did not (yet) happen. The gold sets code these in event_mode.
NON_FACTUAL_MODES = ("planned", "threatened", "denied", "hypothetical")
FACTUALITY_VALUES = ("happened", *NON_FACTUAL_MODES)


@dataclass(frozen=True)
class Segment:
    """A stretch of a document that reads as one unit: a live-blog entry, or the whole article body.

    start/end are offsets into Document.text; anchor_time is the time relative dates resolve against
    (the entry's time for a live blog, else the document's publication time).
    """

    index: int
    start: int
    end: int
    anchor_time: datetime | None
    heading: str | None = None
    # Segments of the same live-blog entry share an entry number: they are one discourse context
    # (a paragraph may take its actor from an earlier paragraph of the same entry).
    entry: int = 0


@dataclass
class Document:
    """One source text after ingest.

    `text` is the decoded text with newlines normalised; cleaning never rewrites it, it only chooses the
    segments to read (page furniture is left out), so every offset points into `text`.
    """

    document_id: str
    text: str
    published_at: datetime | None
    date_inferred: bool = False
    # metadata (sources.toml) | page_metadata (an HTML page's meta tags) | dateline | file_time | record
    date_source: str = "metadata"
    title: str | None = None
    source: str | None = None
    publisher: str | None = None
    url: str | None = None
    # ISO 639-1: what an HTML page declares, then what ingest detects (sitrep.ingest.language); None: unknown
    language: str | None = None
    content_hash: str = ""
    segments: list[Segment] = field(default_factory=list)

    def segment_text(self, segment: Segment) -> str:
        return self.text[segment.start : segment.end]


@dataclass(frozen=True)
class Rejection:
    """An input or row that did not load, and why: one row of the `quarantine` table."""

    stage: str  # ingest | extract | validate | load
    source: str  # file path, record id or document id
    reason: str  # short code: empty, binary, encoding, too_large, symlink_outside_inbox, expectation name...
    detail: str  # one sentence for a human
    content_hash: str = ""
