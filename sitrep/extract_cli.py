"""`sitrep extract` and `sitrep eval`: the flow's ingest and extract code, without Prefect or a database."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from itertools import islice
from pathlib import Path
from typing import TextIO

from sitrep.ingest.decode import RejectedInput, decode_source
from sitrep.ingest.inbox import BadMetadata, document_from_file, document_from_source, load_metadata
from sitrep.ingest.records import document_from_record, documents_from_jsonl
from sitrep.model import EVENT_COLUMNS, Document, Rejection
from sitrep.output import json_default

BATCH = 500  # documents per extractor call: bounded memory for 10,000-record inputs


def documents_from_files(paths: Iterable[str]) -> Iterator[Document | Rejection]:
    metadata_by_dir: dict[Path, dict] = {}
    for name in paths:
        if name == "-":
            data = sys.stdin.buffer.read()
            path = None
        else:
            path = Path(name)
            if not path.is_file():
                raise FileNotFoundError(f"no such file: {name}")
            data = path.read_bytes()
        try:
            text, page = decode_source(data)
        except RejectedInput as err:
            yield Rejection("ingest", name, err.reason, str(err))
            continue
        if path is None:
            yield document_from_source("stdin", text, "-", {}, page, datetime.now(UTC))
            continue
        if path.parent not in metadata_by_dir:
            try:
                metadata_by_dir[path.parent] = load_metadata(path.parent)
            except BadMetadata as err:
                yield Rejection("ingest", str(path.parent / "sources.toml"), "bad_metadata", str(err))
                metadata_by_dir[path.parent] = {}
        meta = metadata_by_dir[path.parent].get(path.name, {})
        yield document_from_file(path.stem, text, path, name, meta, page)


def event_json(event: dict) -> str:
    """One event as a JSON line: the mart.events columns, and its "explain" object when it has one."""
    row = {column: event.get(column) for column in EVENT_COLUMNS}
    if "explain" in event:
        row["explain"] = event["explain"]
    return json.dumps(row, default=json_default, ensure_ascii=False)


def extract_to_stream(
    files: list[str],
    jsonl: Path | None,
    out: TextIO,
    seconds: float | None = None,
    explained: bool = False,
    fmt: str = "json",
) -> tuple[int, list[Rejection]]:
    """Events of the inputs as JSON lines on `out` (`fmt` "text": as readable blocks); `explained`: with
    the rule and words behind each field (sitrep/extract/explain.py). Inputs refused, or over `seconds`
    of extraction each, come back as Rejections."""
    from sitrep.extract.budget import DocumentTimeout, timeout_rejection
    from sitrep.extract.explain import format_explained, format_legend, rules_of
    from sitrep.extract.run import extract_document

    items: Iterator[Document | Rejection]
    if jsonl is not None:
        if not jsonl.is_file():
            raise FileNotFoundError(f"no such file: {jsonl}")
        handle = jsonl.open(encoding="utf-8", errors="replace")
        items = documents_from_jsonl(handle, origin=str(jsonl))
    else:
        items = documents_from_files(files)
    written, problems = 0, []
    rules: set[str] = set()  # named in the --explain text, told at its end
    while batch := list(islice(items, BATCH)):
        documents = [item for item in batch if isinstance(item, Document)]
        problems += [item for item in batch if isinstance(item, Rejection)]
        for document in documents:
            try:
                events = extract_document(document, seconds, explained)
            except DocumentTimeout as err:
                problems.append(timeout_rejection(document, err.seconds))
                continue
            for event in events:
                written += 1
                if fmt == "text":
                    out.write(format_explained(event, written) + "\n\n")
                    rules |= rules_of(event)
                else:
                    out.write(event_json(event) + "\n")
    if rules:
        out.write(format_legend(rules) + "\n")
    return written, problems


def extract_records(records: list[dict]) -> dict[str, list[dict]]:
    """Gold-style records -> events per document id (for `sitrep eval`)."""
    from sitrep.extract.run import extract_documents

    by_doc: dict[str, list[dict]] = {str(r.get("id")): [] for r in records}
    documents = []
    for record in records:
        item = document_from_record(record, str(record.get("id")))
        if isinstance(item, Document):
            documents.append(item)
    for event in extract_documents(documents):
        by_doc.setdefault(event["document_id"], []).append(event)
    return by_doc
