"""Second pass over the groups: two groups whose tolls restate each other are one happening.

The first pass (clustering.merge_groups) joins reports only where every pair agrees on place and date;
an outlet writing from the region's capital ("QUETTA -") or a report dating last night's strike to the
day it was filed then leaves one happening in two groups, and both count its dead. Here two groups merge
when, beyond agreeing on family, country and admin1, they state one toll: the same dead counted by two
outlets (the smaller toll at least `restate_ratio` of the larger, e.g. 6 and 8), from `restate_min_toll`
up (small tolls repeat across unrelated strikes). Hard negatives stay apart: no cross pair may contradict
on mode, actor or speaker, reports of two days must name one place, and a date a report gives for a day
before it was filed is firm (see `_days_agree`): a report dating last night's strike, or falling back
on, the day it was filed may join the strike's group, the same town's strike of another day may not.
Settings in sitrep/data/happening_rules.tsv.

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
    told: dict = field(default_factory=dict)  # document -> the tolls it states in the group
    regions: set = field(default_factory=set)
    places: set = field(default_factory=set)
    firm_days: set = field(default_factory=set)  # day-precision dates given by reports of a later day
    weak_days: set = field(default_factory=set)  # dates that are the report's own publication day


def link_restated_tolls(frame: pd.DataFrame, group: np.ndarray, rules: Rules) -> np.ndarray:
    """`group` with the groups whose tolls restate each other merged (a new array; input order free)."""
    min_toll, ratio = rules.setting("restate_min_toll"), rules.setting("restate_ratio")
    weak_days = rules.setting("restate_weak_days")
    same_toll = rules.setting("restate_same_toll")
    tolls = pd.to_numeric(frame["fatalities"], errors="coerce").to_numpy(float)
    tolled = ~frame["aggregate"].to_numpy(bool) & (tolls >= min_toll)
    located = ~frame["place_optional"].to_numpy(bool) & frame["country"].notna().to_numpy()
    heads = np.unique(group[tolled & located & frame["lo"].notna().to_numpy()])
    summary = _group_summary(frame, group, heads)
    heads = summary["head"].to_numpy()
    if len(heads) < 2:
        return group
    members = _members(group, heads)
    gi, gj = _window_pairs(summary, summary.index.to_numpy(), summary["block"], rules.reach_days())
    if not len(gi):
        return group
    pairs = list(zip(heads[gi].tolist(), heads[gj].tolist(), strict=True))
    columns = {
        "lo": frame["lo"].to_numpy(float), "hi": frame["hi"].to_numpy(float),
        "document": frame["document_id"].to_numpy(object), "region": frame["region"].to_numpy(object),
        "place": frame["place"].to_numpy(object), "pub_day": frame["pub_day"].to_numpy(float),
    }  # fmt: skip
    groups = {h: _describe(columns, h, members[h], tolls, tolled) for h in heads.tolist()}
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
        if _restated(left, right) < ratio or not _may_join(left, right, agreeing, weak_days, same_toll):
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
    """One row per candidate group placed in one admin1: its block (family|country|admin1), first and last
    day, for the window. A group with no admin1 (a nation-wide salvo) restates no local toll."""
    rows = frame.assign(head=group)[np.isin(group, heads)]
    grouped = rows.groupby("head", sort=True)
    regions = rows[rows["region"] != ""].groupby("head")["region"]
    summary = pd.DataFrame(
        {
            "lo": grouped["lo"].min(),
            "hi": grouped["hi"].max(),
            "block": grouped["family"].first()
            + "|"
            + grouped["country"].first().fillna("")
            + "|"
            + regions.first(),
            "regions": regions.nunique(),
        }
    )
    summary = summary[summary["regions"] == 1].reset_index()
    summary["document_id"] = summary["head"]  # every group its own "document": all pairs are wanted
    return summary


def _describe(
    columns: dict[str, np.ndarray], head: int, rows: np.ndarray, tolls: np.ndarray, tolled: np.ndarray
) -> _Group:
    lo, hi = columns["lo"][rows], columns["hi"][rows]
    stated = rows[tolled[rows]]
    told: dict = {}
    for document, toll in zip(columns["document"][stated].tolist(), tolls[stated].tolist(), strict=True):
        told.setdefault(document, set()).add(toll)
    day = hi == lo
    weak = day & (columns["pub_day"][rows] == lo)
    return _Group(
        parts=[head],
        tolls=tolls[stated],
        documents=set(columns["document"][rows]),
        told=told,
        regions={r for r in columns["region"][rows] if r},
        places={p for p in columns["place"][rows] if p},
        firm_days=set(lo[day & ~weak].tolist()),
        weak_days=set(lo[weak].tolist()),
    )


def _joined(left: _Group, right: _Group) -> _Group:
    return _Group(
        parts=left.parts + right.parts,
        tolls=np.concatenate([left.tolls, right.tolls]),
        documents=left.documents | right.documents,
        told={
            d: left.told.get(d, set()) | right.told.get(d, set())
            for d in left.told.keys() | right.told.keys()
        },
        regions=left.regions | right.regions,
        places=left.places | right.places,
        firm_days=left.firm_days | right.firm_days,
        weak_days=left.weak_days | right.weak_days,
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


def _may_join(left: _Group, right: _Group, agreeing: set, weak_days: float, same_toll: float) -> bool:
    """No document in both, one admin1, dates that may be one day (`_days_agree`; two days must share a
    named place or state one toll of at least `same_toll` dead), and every pair of their first-pass
    groups agreeing."""
    if not _told_once(left, right) or len(left.regions | right.regions) > 1:
        return False
    if not _days_agree(left, right, weak_days):
        return False
    days = left.firm_days | left.weak_days | right.firm_days | right.weak_days
    if len(days) > 1 and not left.places & right.places and not _same_toll(left, right, same_toll):
        return False
    return all((min(a, b), max(a, b)) in agreeing for a in left.parts for b in right.parts)


def _same_toll(left: _Group, right: _Group, at_least: float) -> bool:
    """Both groups state one toll of at least `at_least` dead (a vague report of the day after telling
    the same 13 dead names no town, yet no other strike of the region that week counts 13)."""
    return any(toll >= at_least for toll in set(left.tolls.tolist()) & set(right.tolls.tolist()))


def _told_once(left: _Group, right: _Group) -> bool:
    """No document in both groups, or one that states the same toll in both: it told its happening twice
    (a lead dated the day it was filed, a detail paragraph with the attack's day), not two incidents."""
    return all(
        left.told.get(d) and left.told.get(d) == right.told.get(d) for d in left.documents & right.documents
    )


def _days_agree(left: _Group, right: _Group, weak_days: float) -> bool:
    """A date a report gives for a day before it was filed is firm: two groups never join two firm days
    they did not already hold. A date that is the report's own publication day is weak (last night's
    strike told as today's, or the day the extractor fell back on): it may lie up to `weak_days` after
    the firm day, never before it, and the merged group holds at most one such later day, so groups
    never chain day after day. Without a firm day, weak days must be one day."""
    firm = left.firm_days | right.firm_days
    if len(firm) > max(len(left.firm_days), len(right.firm_days)):
        return False
    later = (left.weak_days | right.weak_days) - firm
    if len(later) > 1:
        return False
    if not firm or not later:
        return True
    day = next(iter(later))
    return max(firm) <= day <= min(firm) + weak_days
