"""Bytes -> text, or a reason why not. The first gate every source passes."""

from __future__ import annotations

import codecs
import csv
import re
import unicodedata
from functools import lru_cache

from sitrep.config import DATA_DIR
from sitrep.ingest.html import Page, read_page


class RejectedInput(Exception):
    """A source that cannot become a document. `reason` is a short code, the message is for humans."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


@lru_cache(maxsize=1)
def binary_magics() -> list[tuple[re.Pattern[bytes], str]]:
    """(pattern, kind) of binary formats a scraper may drop by mistake, from data/ingest/magic.tsv."""
    with (DATA_DIR / "ingest" / "magic.tsv").open(encoding="utf-8") as handle:
        rows = csv.DictReader((line for line in handle if not line.startswith("#")), delimiter="\t")
        return [(_magic_pattern(int(row["offset"]), row["hex"]), row["kind"]) for row in rows]


def _magic_pattern(offset: int, hex_bytes: str) -> re.Pattern[bytes]:
    pairs = [hex_bytes[i : i + 2] for i in range(0, len(hex_bytes), 2)]
    body = b"".join(b"." if pair == "??" else re.escape(bytes.fromhex(pair)) for pair in pairs)
    return re.compile(b"\\A.{%d}" % offset + body, re.DOTALL)


def binary_kind(data: bytes) -> str | None:
    """What binary format the bytes start as ("PNG image"), or None."""
    return next((kind for pattern, kind in binary_magics() if pattern.match(data)), None)


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# An HTML page may open with an XML prolog or comments before its first tag.
_HTML_START = re.compile(
    rb"^\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--.*?-->\s*)*(<!doctype html|<html|<head|<body)",
    re.IGNORECASE | re.DOTALL,
)


def decode_bytes(data: bytes) -> str:
    """Decode a source file. Raises RejectedInput with a reason a user understands."""
    return decode_source(data)[0]


def decode_source(data: bytes) -> tuple[str, Page | None]:
    """The source's text, and for an HTML page what the page says about itself (else None)."""
    if not data:
        raise RejectedInput("empty", "the file is empty")
    kind = binary_kind(data[:64])
    if kind:
        raise RejectedInput("binary", f"binary content ({kind}), not text")
    text = _decode_text(data)
    if "\x00" in text:
        # A few stray NULs in otherwise good text are scraper noise; many mean a binary file.
        if text.count("\x00") > max(8, len(text) // 100):
            raise RejectedInput("binary", "binary content (many NUL bytes), not text")
        text = text.replace("\x00", "")
    page = None
    if _HTML_START.match(data[:4096]) or _HTML_START.match(text[:4096].encode("utf-8", "replace")):
        page = read_page(text)
        text = page.text
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if len(_CONTROL.findall(text[:4096])) > 20:
        raise RejectedInput("binary", "binary content (control characters), not text")
    if not text.strip():
        raise RejectedInput("blank", "the file holds only whitespace")
    return text, page


def _decode_text(data: bytes) -> str:
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as err:
            raise RejectedInput("encoding", f"UTF-16 byte order mark but invalid UTF-16: {err}") from err
    if _looks_like_bomless_utf16(data):
        for codec in ("utf-16-le", "utf-16-be"):
            try:
                decoded = data.decode(codec)
            except UnicodeDecodeError:
                continue
            if decoded[:2000].count(" ") * 40 >= min(len(decoded), 2000):  # prose has spaces
                return decoded
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        utf8_error = err
    # Windows-1252 is what legacy news CMSs and Word exports produce; accept it only when the bytes
    # that are not ASCII are few and decode (otherwise it is mojibake or binary).
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        raise RejectedInput(
            "encoding", f"not valid UTF-8 ({utf8_error.reason} at byte {utf8_error.start}) nor Windows-1252"
        ) from utf8_error
    # Legacy text has a few accented letters and typographic punctuation; random bytes decode to
    # symbols, controls and long runs of non-ASCII.
    non_ascii = [ch for ch in text if ord(ch) > 0x7F]
    odd = sum(1 for ch in non_ascii if unicodedata.category(ch)[0] not in "LPZ")
    if len(non_ascii) > max(8, len(text) // 3) or odd > max(2, len(non_ascii) // 10):
        raise RejectedInput(
            "encoding",
            f"not valid UTF-8 ({utf8_error.reason} at byte {utf8_error.start}) nor plausible Windows-1252",
        )
    return text


def _looks_like_bomless_utf16(data: bytes) -> bool:
    """ASCII-range text in UTF-16 without a BOM: every other byte is zero, in one of the two lanes."""
    sample = data[:2048]
    if len(sample) < 8 or len(sample) % 2:
        return False
    even_zero = sample[0::2].count(0) / (len(sample) // 2)
    odd_zero = sample[1::2].count(0) / (len(sample) // 2)
    return (even_zero > 0.9 and odd_zero < 0.1) or (odd_zero > 0.9 and even_zero < 0.1)
