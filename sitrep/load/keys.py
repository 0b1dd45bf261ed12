"""Deterministic surrogate keys: the same natural key always gets the same integer, in any run."""

from __future__ import annotations

import hashlib

UNKNOWN_KEY = 0


def surrogate_key(*parts: object) -> int:
    """A positive 60-bit integer from the natural key; 0 (the unknown member) when every part is empty."""
    if all(part is None or part == "" for part in parts):
        return UNKNOWN_KEY
    text = "\x1f".join("" if part is None else str(part) for part in parts)
    return int(hashlib.blake2b(text.encode("utf-8"), digest_size=8).hexdigest(), 16) >> 4


def date_key(value: object) -> int:
    """yyyymmdd of a date (or ISO string), 0 when unknown."""
    if value is None or value == "":
        return UNKNOWN_KEY
    text = value.isoformat() if hasattr(value, "isoformat") else str(value)
    return int(text[:10].replace("-", ""))
