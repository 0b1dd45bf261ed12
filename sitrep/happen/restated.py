"""Second pass over the groups: two groups whose tolls restate each other are one happening.

The first pass (clustering.merge_groups) joins reports only where every pair agrees on place and date;
an outlet writing from the region's capital ("QUETTA -") or a report dating last night's strike to the
day it was filed then leaves one happening in two groups, and both count its dead. Here two groups merge
when, beyond agreeing on family, country and admin1, they state one toll: the same dead counted by two
outlets (the smaller toll at least `restate_ratio` of the larger, e.g. 6 and 8), from `restate_min_toll`
up (small tolls repeat across unrelated strikes). Hard negatives stay apart: reports of two different
days must name one place, a merged group may span at most `date_slack_days`, and no cross pair may
contradict on mode, actor or speaker. Settings in sitrep/data/happening_rules.tsv.

Only groups with such a toll take part, paired by blocks of (family, country) and a date window as in
`blocking`; the pair checks run vectorised once, so the pass costs little beside the first.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from sitrep.happen.blocking import _window_pairs
from sitrep.happen.matching import actors_agree, different_speakers, modes_agree
from sitrep.happen.rules import Rules


@dataclass
class _Group:
    """What the merge checks need of one group (or of several already merged)."""

    parts: list[int]  # the first pass's groups it is made of
    tolls: np.ndarray
    documents: set = field(default_factory=set)
    regions: set = field(default_factory=set)
    places: set = field(default_factory=set)
    first_day: float = np.inf  # of its day-precision members
    last_day: float = -np.inf
    lo: float = np.inf  # of its date intervals
    hi: float = -np.inf


def link_restated_tolls(frame: pd.DataFrame, group: np.ndarray, rules: Rules) -> np.ndarray:
    """`group` with the groups whose tolls restate each other merged (a new array; input order free)."""
    min_toll, ratio = rules.setting("restate_min_toll"), rules.setting("restate_ratio")
    slack = rules.setting("date_slack_days")
    tolls = pd.to_numeric(frame["fatalities"], errors="coerce").to_numpy(float)
    tolled = ~frame["aggregate"].to_numpy(bool) & (tolls >= min_toll)
    located = ~frame["place_optional"].to_numpy(bool) & frame["country"].notna().to_numpy()
    heads = np.unique(group[tolled & located & frame["lo"].notna().to_numpy()])
    if len(heads) < 2:
        return group
    members = _members(group, heads)
    summary = _group_summary(frame, group, heads)
    gi, gj = _window_pairs(summary, summary.index.to_numpy(), summary["block"], slack)
    if not len(gi):
        return group
    pairs = list(zip(heads[gi].tolist(), heads[gj].tolist(), strict=True))
    columns = {
        "lo": frame["lo"].to_numpy(float), "hi": frame["hi"].to_numpy(float),
        "document": frame["document_id"].to_numpy(object), "region": frame["region"].to_numpy(object),
        "place": frame["place"].to_numpy(object),
    }  # fmt: skip
    groups = {
        h: _describe(columns, h, members[h], tolls[members[h][tolled[members[h]]]]) for h in heads.tolist()
    }
    best = np.array([_restated(groups[a], groups[b]) for a, b in pairs])
    keep = best >= ratio
    pairs, best = [p for p, k in zip(pairs, keep, strict=True) if k], best[keep]
    agreeing = _agreeing_pairs(frame, pairs, members, rules)
    order = np.lexsort((np.array([min(p) for p in pairs]), -best)) if pairs else []
    root = {h: h for h in groups}
    group = group.copy()
    for k in order:
        a, b = root[pairs[k][0]], root[pairs[k][1]]
        if a == b:
            continue
        left, right = groups[a], groups[b]
        if _restated(left, right) < ratio or not _may_join(left, right, agreeing, slack):
            continue
        keep_id, drop_id = min(a, b), max(a, b)
        groups[keep_id] = _joined(left, right)
        del groups[drop_id]
        for part in groups[keep_id].parts:
            root[part] = keep_id
    for part, head in root.items():
        if part != head:
            group[members[part]] = head
    return group


def _members(group: np.ndarray, heads: np.ndarray) -> dict[int, np.ndarray]:
    """Group number -> its rows, for the candidate groups (one sort, not one scan per group)."""
    order = np.argsort(group, kind="stable")
    starts = np.searchsorted(group[order], heads, side="left")
    ends = np.searchsorted(group[order], heads, side="right")
    return {h: order[s:e] for h, s, e in zip(heads.tolist(), starts, ends, strict=True)}


def _group_summary(frame: pd.DataFrame, group: np.ndarray, heads: np.ndarray) -> pd.DataFrame:
    """One row per candidate group: its block (family|country), first and last day, for the window."""
    rows = frame.assign(head=group)[np.isin(group, heads)]
    grouped = rows.groupby("head", sort=True)
    summary = pd.DataFrame(
        {
            "lo": grouped["lo"].min(),
            "hi": grouped["hi"].max(),
            "block": grouped["family"].first() + "|" + grouped["country"].first().fillna(""),
        }
    ).reset_index()
    summary["document_id"] = summary["head"]  # every group its own "document": all pairs are wanted
    return summary


def _describe(columns: dict[str, np.ndarray], head: int, rows: np.ndarray, tolls: np.ndarray) -> _Group:
    lo, hi = columns["lo"][rows], columns["hi"][rows]
    days = lo[hi == lo]
    return _Group(
        parts=[head],
        tolls=tolls,
        documents=set(columns["document"][rows]),
        regions={r for r in columns["region"][rows] if r},
        places={p for p in columns["place"][rows] if p},
        first_day=days.min() if len(days) else np.inf,
        last_day=days.max() if len(days) else -np.inf,
        lo=np.nanmin(lo) if np.isfinite(lo).any() else np.inf,
        hi=np.nanmax(hi) if np.isfinite(hi).any() else -np.inf,
    )


def _joined(left: _Group, right: _Group) -> _Group:
    return _Group(
        parts=left.parts + right.parts,
        tolls=np.concatenate([left.tolls, right.tolls]),
        documents=left.documents | right.documents,
        regions=left.regions | right.regions,
        places=left.places | right.places,
        first_day=min(left.first_day, right.first_day),
        last_day=max(left.last_day, right.last_day),
        lo=min(left.lo, right.lo),
        hi=max(left.hi, right.hi),
    )


def _restated(left: _Group, right: _Group) -> float:
    """The closest ratio (smaller / larger) between a toll of one group and a toll of the other."""
    if not len(left.tolls) or not len(right.tolls):
        return 0.0
    small = np.minimum.outer(left.tolls, right.tolls)
    return float((small / np.maximum.outer(left.tolls, right.tolls)).max())


def _agreeing_pairs(
    frame: pd.DataFrame, pairs: list[tuple[int, int]], members: dict[int, np.ndarray], rules: Rules
) -> set[tuple[int, int]]:
    """The group pairs none of whose cross pairs of events contradict on mode, actors or speaker."""
    if not pairs:
        return set()
    sizes = [(len(members[a]), len(members[b])) for a, b in pairs]
    i = np.concatenate([np.repeat(members[a], len(members[b])) for a, b in pairs])
    j = np.concatenate([np.tile(members[b], len(members[a])) for a, b in pairs])
    ok = modes_agree(frame, i, j, rules) & actors_agree(frame, i, j, rules) & ~different_speakers(frame, i, j)
    bounds = np.cumsum([0] + [x * y for x, y in sizes])
    return {
        (min(p), max(p))
        for p, start, end in zip(pairs, bounds[:-1], bounds[1:], strict=True)
        if ok[start:end].all()
    }


def _may_join(left: _Group, right: _Group, agreeing: set, slack: float) -> bool:
    """No document in both, one admin1, a day span within the slack (two days must share a named place),
    and every pair of their first-pass groups agreeing."""
    if left.documents & right.documents or len(left.regions | right.regions) > 1:
        return False
    if max(left.last_day, right.last_day) - min(left.first_day, right.first_day) > slack:
        return False
    overlap = max(left.lo, right.lo) <= min(left.hi, right.hi)
    if not overlap and not left.places & right.places:
        return False
    return all((min(a, b), max(a, b)) in agreeing for a in left.parts for b in right.parts)
