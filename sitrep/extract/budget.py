"""A document's time budget, checked cooperatively: extraction runs in threads and on Dask workers,
where a signal cannot interrupt it, so the extractor asks `Deadline.check()` between sentences (and
between candidates in the document-wide merge), and stops with DocumentTimeout once time is up."""

from __future__ import annotations

import time

from sitrep.model import Document, Rejection


class DocumentTimeout(Exception):
    """Extracting one document took longer than its budget."""

    def __init__(self, document_id: str, seconds: float) -> None:
        super().__init__(f"extracting {document_id} took longer than its budget of {seconds:g} s")
        self.document_id = document_id
        self.seconds = seconds


class Deadline:
    """`seconds` from now for `document_id`; None: no limit."""

    __slots__ = ("document_id", "seconds", "_at")

    def __init__(self, document_id: str, seconds: float | None) -> None:
        self.document_id = document_id
        self.seconds = seconds
        self._at = None if seconds is None else time.monotonic() + seconds

    def check(self) -> None:
        """Raise DocumentTimeout once the budget is spent."""
        if self._at is not None and time.monotonic() > self._at:
            raise DocumentTimeout(self.document_id, self.seconds)


NO_DEADLINE = Deadline("", None)


def timeout_rejection(doc: Document, seconds: float) -> Rejection:
    """The quarantine row of a document that ran out of time: one sentence naming the file and the budget."""
    where = doc.source or doc.document_id
    detail = (
        f"{where}: extraction took longer than the budget of {seconds:g} s per document "
        "(SITREP_DOC_SECONDS), so the document was left out"
    )
    return Rejection("extract", doc.document_id, "timeout", detail, doc.content_hash)
