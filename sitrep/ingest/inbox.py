"""The inbox: which files are there, which are new or changed, which must be refused and why."""

from __future__ import annotations

import errno
import hashlib
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
from sitrep.ingest.language import document_language
from sitrep.ingest.nearcopy import ShingleIndex, shingles
from sitrep.ingest.timeparse import parse_published_at
from sitrep.model import Document, Rejection


@dataclass(frozen=True)
class SourceFile:
    """A file name under which a document was seen (one document may have several)."""

    path: str
    document_id: str
    content_hash: str
    similarity: float | None = None  # a near-copy of document_id: the share of shingles they have in common


@dataclass(frozen=True)
class RejectedBefore:
    """What earlier runs refused, so that a file is read again only when it changed."""

    files: frozenset[tuple[str, str]] = frozenset()  # (file name, fingerprint) refused at ingest
    contents: frozenset[str] = frozenset()  # content hashes of texts the checks refused or a user forgot


@dataclass
class IngestResult:
    documents: list[Document] = field(default_factory=list)  # new or changed: to extract
    unchanged: list[str] = field(default_factory=list)  # document ids already loaded with this content
    rejected_before: list[str] = field(default_factory=list)  # file names refused before, unchanged since
    sources: list[SourceFile] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)
    metadata: dict[str, dict] = field(default_factory=dict)
    # each new document's shingles, computed here for the near-copy search and stored by the load
    shingles: dict[str, frozenset[int]] = field(default_factory=dict)

    @property
    def files_refused(self) -> int:
        """Files this run refused at ingest (the sidecar is not a text)."""
        return sum(1 for r in self.rejected if r.source != SOURCES_FILE)


class BadMetadata(Exception):
    def __init__(self, message: str, fingerprint: str) -> None:
        super().__init__(message)
        self.fingerprint = fingerprint


def load_metadata(inbox: Path) -> dict[str, dict]:
    """The sidecar's entries by file name; BadMetadata when it cannot be read."""
    path = inbox / SOURCES_FILE
    if not path.exists():
        return {}
    data = b""
    try:
        data = path.read_bytes()
        return tomllib.loads(data.decode("utf-8"))
    except (tomllib.TOMLDecodeError, OSError, UnicodeDecodeError) as err:
        message = f"{SOURCES_FILE} cannot be read ({err}); texts load without its metadata"
        raise BadMetadata(message, fingerprint(data) if data else refusal_fingerprint(message)) from err


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
        # A link to a folder is not walked into, but it is a candidate: read_source says what it is.
        files.extend(Path(root, d) for d in dirs if os.path.islink(os.path.join(root, d)))
        for name in names:
            if name.startswith(".") or name == SOURCES_FILE:
                continue
            files.append(Path(root, name))
    # Sorted by path components (Path's own order), compared as tuples: cheaper than Path.__lt__.
    return sorted(files, key=lambda path: path.parts)


def printable_name(relative: Path) -> str:
    """The name as storable text, from its raw bytes: a UTF-8 name as it is; in a name that is not
    UTF-8, each stray byte as \\xNN (and a backslash doubled), so that two such names stay apart."""
    raw = os.fsencode(relative)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.replace(b"\\", b"\\\\").decode("utf-8", "backslashreplace")


def document_id_for(path: Path, inbox: Path) -> str:
    """The file's path under the inbox without its extension: stable across content changes."""
    return _document_id(path.relative_to(inbox))


def _document_id(relative: Path) -> str:
    return printable_name(relative.with_suffix("")).replace(os.sep, "/")


def _first_free(candidates: list[str], relative: Path, taken: set[str]) -> str:
    """The first candidate no other file of this run holds; else the last one marked with a hash of
    the raw name (a UTF-8 name can spell the escape of another name: 'caf\\xe9' beside b'caf\\xe9')."""
    for candidate in candidates:
        if candidate not in taken:
            break
    else:
        mark = hashlib.blake2b(os.fsencode(relative), digest_size=4).hexdigest()
        candidate = f"{candidates[-1]}~{mark}"
    taken.add(candidate)
    return candidate


def read_source(path: Path, inbox: Path, max_bytes: int) -> bytes:
    """The file's bytes, or RejectedInput for what must not be read."""
    try:
        info = os.lstat(path)  # one system call tells a link from a file; stat follows only links
    except OSError as err:
        raise RejectedInput("unreadable", f"cannot stat the file: {err.strerror}") from err
    if stat.S_ISLNK(info.st_mode):
        info = _follow_link(path, inbox)
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


def _follow_link(path: Path, inbox: Path) -> os.stat_result:
    """What a symbolic link leads to, or RejectedInput: a loop, a way out of the inbox, a folder."""
    target = Path(os.path.realpath(path))  # never raises, even on a loop (it stops where it can)
    try:
        info: os.stat_result | OSError = os.stat(path)
    except OSError as err:
        info = err
    if isinstance(info, OSError) and info.errno == errno.ELOOP:
        raise RejectedInput("symlink_loop", "symbolic link loop (it leads back to itself): refused")
    if not target.is_relative_to(inbox.resolve()):
        raise RejectedInput("symlink_outside_inbox", f"symbolic link to {target}, outside the inbox: refused")
    if isinstance(info, OSError):
        raise RejectedInput("unreadable", f"cannot stat the file: {info.strerror}")
    if stat.S_ISDIR(info.st_mode):
        raise RejectedInput(
            "symlink_to_folder",
            f"symbolic link to the folder {target.relative_to(inbox.resolve())} in the inbox: not followed, "
            "its files are read under their own names",
        )
    return info


def fingerprint(data: bytes) -> str:
    """What a refused file is remembered by: the hash of its bytes."""
    return hashlib.sha256(data).hexdigest()


def refusal_fingerprint(detail: str) -> str:
    """A file refused unread (a link, a pipe, too large, unreadable) is remembered by why: the same
    refusal next run means nothing changed; a new target, size or permission is read again."""
    return hashlib.sha256(detail.encode("utf-8", "surrogatepass")).hexdigest()


def ingest_inbox(
    inbox: Path,
    known_hashes: dict[str, str],
    max_bytes: int,
    rejected_before: RejectedBefore | None = None,
    known_shingles: dict[str, frozenset[int]] | None = None,
) -> IngestResult:
    """Read every file in the inbox. known_hashes maps document id -> content hash already loaded;
    rejected_before holds what earlier runs refused: such a file is skipped while it is the same.
    known_shingles holds the loaded texts' shingles: a new text that nearly copies one of them (or an
    earlier file of this run) is recorded as another name of that document, not loaded again."""
    before = rejected_before or RejectedBefore()
    result = IngestResult()
    index = ShingleIndex(known_shingles)

    def refuse(name: str, reason: str, detail: str, digest: str) -> None:
        if (name, digest) in before.files:
            result.rejected_before.append(name)
        else:
            # The detail names the file: quarantine rows are read on their own, away from `source`.
            result.rejected.append(Rejection("ingest", name, reason, f"{name}: {detail}", digest))

    try:
        result.metadata = load_metadata(inbox)
    except BadMetadata as err:
        if (SOURCES_FILE, err.fingerprint) not in before.files:
            result.rejected.append(
                Rejection("ingest", SOURCES_FILE, "bad_metadata", str(err), err.fingerprint)
            )
    seen_hashes: dict[str, str] = {}  # content hash -> document id (same content under two names)
    loaded_ids = {digest: doc_id for doc_id, digest in known_hashes.items()}
    names_taken: set[str] = set()
    ids_taken: set[str] = set()
    for path in inbox_files(inbox):
        relative = path.relative_to(inbox)
        name = _first_free([printable_name(relative)], relative, names_taken)
        try:
            data = read_source(path, inbox, max_bytes)
        except RejectedInput as err:
            refuse(name, err.reason, str(err), refusal_fingerprint(f"{err.reason}: {err}"))
            continue
        raw_digest = fingerprint(data)
        if (name, raw_digest) in before.files:
            result.rejected_before.append(name)
            continue
        try:
            text, page = decode_source(data)
        except RejectedInput as err:
            refuse(name, err.reason, str(err), raw_digest)
            continue
        digest = content_hash(text)
        # a.txt and a.html: the second keeps its suffix so both stay distinct documents
        document_id = _first_free([_document_id(relative), name.replace(os.sep, "/")], relative, ids_taken)
        if digest in before.contents:
            result.rejected_before.append(name)  # refused by the checks or forgotten: same text again
            continue
        # The same content under a second name is one document, seen under two names.
        owner = seen_hashes.get(digest) or loaded_ids.get(digest)
        if owner is not None and owner != document_id:
            result.sources.append(SourceFile(name, owner, digest))
            continue
        if known_hashes.get(document_id) == digest:
            seen_hashes[digest] = document_id
            result.sources.append(SourceFile(name, document_id, digest))
            result.unchanged.append(document_id)
            continue
        meta = result.metadata.get(name) or result.metadata.get(path.name) or {}
        document = document_from_file(document_id, text, path, name, meta, page)
        shingle_set = shingles(document.text)
        # Only a text new to the warehouse can be a copy: a loaded document that changed keeps its id.
        match = None if document_id in known_hashes else index.best_match(shingle_set, exclude=document_id)
        if match is not None:
            result.sources.append(SourceFile(name, match[0], digest, round(match[1], 4)))
            continue
        index.add(document_id, shingle_set)
        result.shingles[document_id] = shingle_set
        seen_hashes[digest] = document_id
        result.sources.append(SourceFile(name, document_id, digest))
        document.language = document_language(document)
        result.documents.append(document)
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
