"""Matching pairs -> happenings: group merging, best pair first, with stable ids.

Single-link (union-find over every matching pair) chains: a region-only report that agrees with two
strikes in different towns of its admin1 would glue them into one. Here two groups merge only when no
document appears in both (save a document's told-twice events, joined in a second pass when other reports
support both sides), no pair of them names two different places, and at least `min_agreement` of their cross pairs agree (1 is complete link; the
rules file sets 0.5, so one misdated or mis-moded report does not keep the others apart). Pairs are taken
by score, then by event ids, so the result is a function of the set of events, never of their order.
"""

from __future__ import annotations

import hashlib

import numpy as np
import pandas as pd


def merge_groups(
    n: int,
    i: np.ndarray,
    j: np.ndarray,
    scores: np.ndarray,
    documents: np.ndarray,
    min_agreement: float = 1.0,
    vetoes: tuple[np.ndarray, np.ndarray] | None = None,
    countries: np.ndarray | None = None,
    one_document: tuple[np.ndarray, np.ndarray] | None = None,
) -> np.ndarray:
    """A group number per row 0..n-1 (rows in no pair stay alone).

    Two groups merge when at least `min_agreement` of their cross pairs agree, none is vetoed, and they
    are not placed in two different countries (`countries`: "" where a row says none). A report with no
    country agrees with any, so without this it could bridge a strike in one country and one in another.

    `one_document`: pairs of events of one document that agree on every rule (the extractor told one
    happening twice: a detail sentence with a place or a mode of its own). Two groups that share a
    document may merge (in a second pass, after every merge that needs none of them) when each side also
    holds a report of another document, and each of the shared document's events in one group forms such
    a pair with each in the other; such pairs count neither for nor against the agreement share. Other
    pairs of one document keep their groups apart: only other reports say two events of one text are one
    happening (a raid after a strike at the same town and day is another)."""
    group = np.arange(n)
    members: dict[int, list[int]] = {}
    docs: dict[int, set] = {}
    country = np.full(n, "", dtype=object) if countries is None else countries.copy()
    # A pair as one integer (x * n + y, both orders): set lookups on ints, not tuples.
    agree = set((i * n + j).tolist()) | set((j * n + i).tolist())
    same_document: set[int] = set()
    if one_document is not None:
        x, y = one_document
        same_document = set((x * n + y).tolist()) | set((y * n + x).tolist())
    veto: set[int] = set()
    if vetoes is not None:
        veto = set((vetoes[0] * n + vetoes[1]).tolist()) | set((vetoes[1] * n + vetoes[0]).tolist())
    # i < j row numbers are in event_id order (frame sorted by id), so ties break by ids. A first pass
    # keeps every document's events apart; the second lets one document's told-twice events meet, so a
    # spare event can only join groups, never pull a report away from the group it would have joined.
    order = np.lexsort((j, i, -scores))
    for told_twice in (frozenset(), same_document) if same_document else (frozenset(),):
        for k in order:
            a, b = group[i[k]], group[j[k]]
            if a == b:
                continue
            left, right = members.get(a, [a]), members.get(b, [b])
            left_docs = docs.get(a, {documents[a]})
            right_docs = docs.get(b, {documents[b]})
            if country[a] and country[b] and country[a] != country[b]:
                continue
            shared = left_docs & right_docs
            if shared and not (left_docs - shared and right_docs - shared):
                continue  # a told-twice event joins only a group that other reports already support
            agreeing, cross = _agreement(left, right, shared, documents, agree, told_twice, n)
            if agreeing < min_agreement * cross:
                continue
            if veto and any(x * n + y in veto for x in left for y in right):
                continue
            if len(left) < len(right):
                a, b, left, right, left_docs, right_docs = b, a, right, left, right_docs, left_docs
            group[right] = a
            country[a] = country[a] or country[b]
            members[a] = left + right
            docs[a] = left_docs | right_docs
            members.pop(b, None)
            docs.pop(b, None)
    return group


def _agreement(
    left: list,
    right: list,
    shared: set,
    documents: np.ndarray,
    agree: set,
    same_document: set | frozenset,
    n: int,
) -> tuple[int, float]:
    """(agreeing cross pairs, cross pairs of different documents) of two groups; (0, inf) when an event
    of a shared document cannot be one happening with its document's event on the other side."""
    if not shared:
        return sum(x * n + y in agree for x in left for y in right), len(left) * len(right)
    agreeing = cross = 0
    for x in left:
        for y in right:
            if documents[x] != documents[y]:
                cross += 1
                agreeing += x * n + y in agree
            elif x * n + y not in same_document:
                return 0, np.inf
    return agreeing, cross


def happening_ids(frame: pd.DataFrame, group: np.ndarray) -> pd.Series:
    """Id of each row's happening: a hash of its earliest member (first published, then smallest event id).

    A later report joining a happening never changes its id; only a report published before all of its
    members (a late back-fill) does.
    """
    order = pd.DataFrame(
        {
            "group": group,
            "published": frame["pub_seconds"].fillna(np.inf).to_numpy(float),
            "event_id": frame["event_id"].to_numpy(object),
        }
    ).sort_values(["group", "published", "event_id"])
    earliest = order.groupby("group", sort=False)["event_id"].first()
    ids = {
        g: "H" + hashlib.blake2b(str(e).encode("utf-8"), digest_size=8).hexdigest()
        for g, e in earliest.items()
    }
    return pd.Series([ids[g] for g in group], index=frame.index, name="happening_id")
