"""The frames the suites check: events and documents, with the derived columns the checks need.

Each frame carries `file`, the name the document came in under, so a failed check can say where to look.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from sitrep.model import EVENT_COLUMNS, Document


def file_name(document: Document) -> str:
    return document.source or document.document_id


def events_for_checks(events: list[dict], documents: Sequence[Document] = ()) -> pd.DataFrame:
    frame = pd.DataFrame(events, columns=EVENT_COLUMNS)
    frame = frame.astype(object).where(frame.notna(), None)
    frame["event_year"] = [None if d is None else int(str(d)[:4]) for d in frame["event_date"]]
    for column in (
        "fatalities",
        "injuries",
        "missing",
        "quantity",
        "intercepted",
        "latitude",
        "longitude",
        "confidence",
        "event_year",
    ):
        frame[column] = pd.to_numeric(frame[column], errors="coerce")
    files = {d.document_id: file_name(d) for d in documents}
    frame["file"] = [files.get(doc_id, doc_id) for doc_id in frame["document_id"]]
    return frame


def documents_for_checks(documents: list[Document]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "document_id": d.document_id,
                "content_hash": d.content_hash,
                "characters": len(d.text),
                "segments": len(d.segments),
                "date_source": d.date_source,
                "published_year": d.published_at.year if d.published_at else None,
                "file": file_name(d),
            }
            for d in documents
        ],
        columns=[
            "document_id",
            "content_hash",
            "characters",
            "segments",
            "date_source",
            "published_year",
            "file",
        ],
    )
