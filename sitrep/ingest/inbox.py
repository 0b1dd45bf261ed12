"""The inbox: which files are there, which are new or changed, which must be refused and why."""

from __future__ import annotations

import os
import stat
import tomllib
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

from sitrep.config import SOURCES_FILE
from sitrep.ingest.decode import RejectedInput, decode_source
from sitrep.ingest.documents import build_document, content_hash
from sitrep.ingest.html import Page
from sitrep.ingest.timeparse import parse_published_at
from sitrep.model import Document, Rejection


@dataclass(frozen=True)
class SourceFile:
    """A file name under which a document was seen (one document may have several)."""

    path: str
    document_id: str
    content_hash: str


@dataclass
class IngestResult:
    documents: list[Document] = field(default_factory=list)  # new or changed: to extract
    unchanged: list[str] = field(default_factory=list)  # document ids already loaded with this content
    sources: list[SourceFile] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)
    metadata: dict[str, dict] = field(default_factory=dict)


class BadMetadata(Exception):
    pass


def load_metadata(inbox: Path) -> dict[str, dict]:
    """The sidecar's entries by file name; BadMetadata when it cannot be read."""
    path = inbox / SOURCES_FILE
    if not path.exists():
        return {}
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except (tomllib.TOMLDecodeError, OSError, UnicodeDecodeError) as err:
        raise BadMetadata(f"{SOURCES_FILE} cannot be read ({err}); texts load without its metadata") from err


def metadata_time(meta: dict) -> datetime | None:
    """published_at of a sources.toml entry; a TOML date-time without zone is taken as UTC."""
    value = meta.get("published_at")
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=UTC)
    if isinstance(value, str) and value.strip():
        try:
            return parse_published_at(value)
        except ValueError:
            return None  # an unreadable date in the sidecar: fall back to the dateline, as without one
    return None


def inbox_files(inbox: Path) -> list[Path]:
    """Candidate source files, sorted for a stable order; hidden files and the sidecar are not sources."""
    if not inbox.is_dir():
        raise FileNotFoundError(f"inbox {inbox} is not a directory")
    files = []
    for root, dirs, names in os.walk(inbox, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in names:
            if name.startswith(".") or name == SOURCES_FILE:
                continue
            files.append(Path(root, name))
    # Sorted by path components (Path's own order), compared as tuples: cheaper than Path.__lt__.
    return sorted(files, key=lambda path: path.parts)


def printable_name(relative: Path) -> str:
    """A file name that is not valid UTF-8 keeps a readable, storable form."""
    return os.fsencode(str(relative)).decode("utf-8", "replace")


def document_id_for(path: Path, inbox: Path) -> str:
    """The file's path under the inbox without its extension: stable across content changes."""
    return _document_id(path.relative_to(inbox))


def _document_id(relative: Path) -> str:
    return printable_name(relative.with_suffix("")).replace(os.sep, "/")


def read_source(path: Path, inbox: Path, max_bytes: int) -> bytes:
    """The file's bytes, or RejectedInput for what must not be read."""
    try:
        info = os.lstat(path)  # one system call tells a link from a file; stat follows only links
    except OSError as err:
        raise RejectedInput("unreadable", f"cannot stat the file: {err.strerror}") from err
    if stat.S_ISLNK(info.st_mode):
        target = path.resolve()
        if not target.is_relative_to(inbox.resolve()):
            raise RejectedInput(
                "symlink_outside_inbox", f"symbolic link to {target}, outside the inbox: refused"
            )
        try:
            info = path.stat()
        except OSError as err:
            raise RejectedInput("unreadable", f"cannot stat the file: {err.strerror}") from err
    if not stat.S_ISREG(info.st_mode):
        raise RejectedInput("not_a_file", "not a regular file (a pipe, socket or device): refused")
    size = info.st_size
    if size > max_bytes:
        raise RejectedInput(
            "too_large", f"{size:,} bytes, over the limit of {max_bytes:,} (SITREP_MAX_BYTES)"
        )
    try:
        with open(path, "rb") as handle:
            return handle.read(max_bytes + 1)
    except OSError as err:
        raise RejectedInput("unreadable", f"cannot read the file: {err.strerror}") from err


def ingest_inbox(inbox: Path, known_hashes: dict[str, str], max_bytes: int) -> IngestResult:
    """Read every file in the inbox. known_hashes maps document id -> content hash already loaded."""
    result = IngestResult()
    try:
        result.metadata = load_metadata(inbox)
    except BadMetadata as err:
        result.rejected.append(Rejection("ingest", SOURCES_FILE, "bad_metadata", str(err)))
    seen_hashes: dict[str, str] = {}  # content hash -> document id (same content under two names)
    loaded_ids = {digest: doc_id for doc_id, digest in known_hashes.items()}
    taken_this_run: set[str] = set()
    for path in inbox_files(inbox):
        relative = path.relative_to(inbox)
        name = printable_name(relative)
        try:
            data = read_source(path, inbox, max_bytes)
            text, page = decode_source(data)
        except RejectedInput as err:
            result.rejected.append(Rejection("ingest", name, err.reason, str(err)))
            continue
        digest = content_hash(text)
        document_id = _document_id(relative)
        if document_id in taken_this_run:
            # a.txt and a.html: the second keeps its suffix so both stay distinct documents
            document_id = name.replace(os.sep, "/")
        taken_this_run.add(document_id)
        # The same content under a second name is one document, seen under two names.
        owner = seen_hashes.get(digest) or loaded_ids.get(digest)
        if owner is not None and owner != document_id:
            result.sources.append(SourceFile(name, owner, digest))
            continue
        seen_hashes[digest] = document_id
        result.sources.append(SourceFile(name, document_id, digest))
        if known_hashes.get(document_id) == digest:
            result.unchanged.append(document_id)
            continue
        meta = result.metadata.get(name) or result.metadata.get(path.name) or {}
        result.documents.append(document_from_file(document_id, text, path, name, meta, page))
    return result


def document_from_file(
    document_id: str, text: str, path: Path, source: str, meta: dict, page: Page | None = None
) -> Document:
    """A decoded file as a Document; its modification time is the last fallback for the date."""
    mtime = datetime.fromtimestamp(path.stat().st_mtime, tz=UTC)
    return document_from_source(document_id, text, source, meta, page, mtime)


def document_from_source(
    document_id: str, text: str, source: str, meta: dict, page: Page | None, fallback_time: datetime
) -> Document:
    """Each field from sources.toml (meta), else from what an HTML page says about itself; the date falls
    back further to the dateline, then fallback_time. date_source says which one gave it."""
    page = page or Page("")  # plain text: no page metadata
    published_at, date_source = metadata_time(meta), "metadata"
    if published_at is None and page.published_at is not None:
        published_at, date_source = page.published_at, "page_metadata"
    return build_document(
        document_id,
        text,
        published_at,
        title=meta.get("title") or page.title,
        publisher=meta.get("publisher") or page.site_name,
        url=meta.get("url") or page.url,
        source=source,
        fallback_time=fallback_time,
        date_source=date_source,
        language=page.language,
    )
