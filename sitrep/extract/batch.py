"""A batch of documents to events, as the pipeline's extract task runs it: a document the extractor fails
on, or that takes longer than its budget, becomes a quarantine row instead of stopping the batch. Plain
Python (no Prefect), so the tests and a Dask worker call it as it is."""

from __future__ import annotations

from sitrep.extract.budget import DocumentTimeout, timeout_rejection
from sitrep.extract.run import extract_document
from sitrep.model import Document, Rejection


def extract_documents(documents: list[Document], doc_seconds: float) -> tuple[list[dict], list[Rejection]]:
    """Events of `documents` and the quarantine rows of those left out (reason "timeout" or
    "extractor_error")."""
    events: list[dict] = []
    rejected: list[Rejection] = []
    for document in documents:
        try:
            events.extend(extract_document(document, doc_seconds))
        except DocumentTimeout as err:
            rejected.append(timeout_rejection(document, err.seconds))
        except Exception as err:  # noqa: BLE001 - one bad document must not stop the run
            rejected.append(
                Rejection(
                    "extract",
                    document.document_id,
                    "extractor_error",
                    f"{document.source or document.document_id}: the event coder failed on this text "
                    f"({type(err).__name__}: {err}); the run went on without it",
                    document.content_hash,
                )
            )
    return events, rejected
