"""Candidate pairs: events of the same block (family and country) whose dates may agree.

Sorting by (block, first day) and cutting each event's window with a binary search gives every pair
whose date intervals lie within the slack of each other, without comparing events of other blocks or
other weeks: 100,000 events make a few hundred thousand candidates, not 5 billion.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

# Blocks are spaced this many days apart on one number line, so a window never crosses into the next.
_BLOCK_STRIDE = 10_000_000.0


def candidate_pairs(frame: pd.DataFrame, slack_days: float) -> tuple[np.ndarray, np.ndarray]:
    """(i, j) row numbers of `frame` with i < j in sort order: same block, intervals within the slack,
    different documents. Events without a date and aggregates take part in no pair.

    An event with no place at all (no country: the text named none the extractor could read) is also
    paired with the located events of its family, since it cannot say which country's block it is in."""
    usable = frame["lo"].notna() & ~frame["aggregate"]
    i, j = _window_pairs(frame, frame.index[usable].to_numpy(), frame["block"], slack_days)
    unlocated = usable & frame["country"].isna() & (frame["place_level"] == 0)
    families = set(frame.loc[unlocated, "family"])
    if families:
        rows = frame.index[usable & frame["family"].isin(families)].to_numpy()
        x, y = _window_pairs(frame, rows, frame["family"], slack_days)
        lone = unlocated.to_numpy()
        keep = lone[x] != lone[y]  # unlocated with located: the pairs the first pass could not see
        i, j = np.concatenate([i, x[keep]]), np.concatenate([j, y[keep]])
    return i, j


def _window_pairs(
    frame: pd.DataFrame, usable: np.ndarray, block: pd.Series, slack_days: float
) -> tuple[np.ndarray, np.ndarray]:
    if len(usable) < 2:
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)
    codes = pd.factorize(block.loc[usable], sort=True)[0].astype(float)
    lo = frame.loc[usable, "lo"].to_numpy(float)
    hi = frame.loc[usable, "hi"].to_numpy(float)
    order = np.lexsort((lo, codes))
    rows, key_lo = usable[order], codes[order] * _BLOCK_STRIDE + lo[order]
    key_hi = codes[order] * _BLOCK_STRIDE + hi[order] + slack_days
    # A coarse (month, year) interval may reach past events sorted after it; window ends never shrink.
    ends = np.maximum.accumulate(np.searchsorted(key_lo, key_hi, side="right"))
    starts = np.arange(len(rows)) + 1
    left, right = _following(np.maximum(ends - starts, 0))
    i, j = rows[left], rows[right]
    docs = frame["document_id"].to_numpy(object)
    keep = docs[i] != docs[j]
    return i[keep], j[keep]


def document_pairs(frame: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """(i, j) row numbers, i < j, of two events of one document and one family (aggregates and undated
    events left out): the extractor may tell one happening as two events (a detail sentence with a place
    or mode of its own), and the matcher tests whether the two could be one.

    Sorting by (document, family) keeps this linear in the events when documents have few events each."""
    usable = frame.index[frame["lo"].notna() & ~frame["aggregate"]].to_numpy()
    if len(usable) < 2:
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)
    key = frame.loc[usable, "document_id"].astype(str) + "\x00" + frame.loc[usable, "family"].astype(str)
    codes = pd.factorize(key, sort=True)[0]
    order = np.argsort(codes, kind="stable")
    rows, codes = usable[order], codes[order]
    ends = np.searchsorted(codes, codes, side="right")
    left, right = _following(ends - np.arange(len(rows)) - 1)
    i, j = rows[left], rows[right]
    return np.minimum(i, j), np.maximum(i, j)


def _following(counts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(left, right) positions: each position k paired with the counts[k] positions right after it."""
    left = np.repeat(np.arange(len(counts)), counts)
    offsets = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)
    return left, left + 1 + offsets
