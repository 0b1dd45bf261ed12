"""Third pass: a report that names only a region joins the one located happening of its region it may be.

The first pass lets a region-only report join a town's reports of its admin1 on the same day, but a
vague report is often dated the day it was filed ("today's" toll update, a communique's date) while the
located reports give the attack's day. Such a report stays a happening of its own and counts its toll a
second time.

Here a vague group (every member names an admin1 and no town, all one admin1) joins a candidate group
when:
- the candidate holds a report at a town of that admin1, and every member of the candidate lies there
  too (a member naming no admin1 or no country contradicts none);
- every cross pair agrees on family, mode and actors (`matching.modes_agree`, `actors_agree`) and no
  document is in both;
- every cross pair's dates overlap, or the vague report is dated the day it was filed and that day lies
  at most `date_slack_days` after the other's (the filing day of a report of last night's attack);
- and no other candidate competes: exactly one group passes. Two strikes in one province the day before
  a vague report could each be what it tells, so it joins neither (the hard negatives of
  tests/gold/happenings.jsonl: the same admin1 on consecutive days, another target the same day).

A report placed only in a country joins nothing here: it is as often a nation-wide salvo ("Russia launched
87 drones at Ukraine overnight", HA21) as a vague report of the one strike of the day in that country.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from sitrep.happen.blocking import _window_pairs
from sitrep.happen.matching import actors_agree, different_speakers, modes_agree
from sitrep.happen.rules import Rules


def join_vague_reports(frame: pd.DataFrame, group: np.ndarray, rules: Rules) -> np.ndarray:
    """`group` with each vague group merged into its one candidate (a new array; input order free)."""
    level = frame["place_level"].to_numpy(int)
    country = frame["country"].fillna("").to_numpy(object)
    located = ~frame["place_optional"].to_numpy(bool) & (country != "")
    usable = located & frame["lo"].notna().to_numpy() & ~frame["aggregate"].to_numpy(bool)
    vague_group = _vague_groups(frame, group, usable)
    vague = np.isin(group, list(vague_group)) & usable
    if not vague.any():
        return group
    i, j = _window_pairs(frame, np.flatnonzero(usable), frame["block"], rules.setting("date_slack_days"))
    one_vague = vague[i] != vague[j]
    i, j = i[one_vague], j[one_vague]
    swap = ~vague[i]
    i, j = np.where(swap, j, i), np.where(swap, i, j)  # i: the vague report, j: the other
    j_group = group[j]
    keep = (level[j] > 0) & (j_group != group[i])
    i, j, j_group = i[keep], j[keep], j_group[keep]
    if not len(i):
        return group
    region = frame["region"].to_numpy(object)
    inside = (region[i] == "") | (region[j] == region[i])
    more_precise = inside & (level[j] > level[i])
    candidates: dict[int, set[int]] = {}
    for g_vague, g_other in set(
        zip(group[i][more_precise].tolist(), j_group[more_precise].tolist(), strict=True)
    ):
        candidates.setdefault(g_vague, set()).add(g_other)
    out = group.copy()
    documents = frame["document_id"].to_numpy(object)
    members = _members(group)
    # members without a date or a country agree with any (as in the first pass); documents count all
    dated = {g: rows[usable[rows]] for g, rows in members.items()}
    for g_vague in sorted(candidates):
        fits = [
            g
            for g in sorted(candidates[g_vague])
            if _fits(frame, dated[g_vague], dated[g], rules)
            and not set(documents[members[g_vague]]) & set(documents[members[g]])
        ]
        if len(fits) == 1:
            out[members[g_vague]] = out[members[fits[0]][0]]
    return out


def _members(group: np.ndarray) -> dict[int, np.ndarray]:
    order = np.argsort(group, kind="stable")
    heads, starts = np.unique(group[order], return_index=True)
    return dict(zip(heads.tolist(), np.split(order, starts[1:]), strict=True))


def _vague_groups(frame: pd.DataFrame, group: np.ndarray, usable: np.ndarray) -> set[int]:
    """Groups whose members name one admin1 and no town (members naming less contradict none)."""
    rows = frame.assign(group=group)[usable]
    by = rows.groupby("group")
    summary = pd.DataFrame(
        {
            "level": by["place_level"].max(),
            "countries": by["country"].nunique(),
            "regions": rows[rows["region"] != ""].groupby("group")["region"].nunique(),
        }
    ).fillna({"regions": 0})
    every = frame.assign(group=group).groupby("group")["place_level"].max()  # members not usable too
    vague = summary[(summary["level"] == 1) & (summary["countries"] == 1) & (summary["regions"] == 1)]
    return {g for g in vague.index.tolist() if every[g] <= 1}


def _fits(frame: pd.DataFrame, vague: np.ndarray, other: np.ndarray, rules: Rules) -> bool:
    """Every cross pair of the two groups may be one happening (see the module docstring)."""
    # The checks read whole columns; on the two groups' rows alone each candidate costs its own size,
    # not the whole frame's (a first run's 23,000 events made this pass 17 s of the happenings stage).
    frame = frame.iloc[np.concatenate([vague, other])].reset_index(drop=True)
    first = np.arange(len(vague))
    i, j = np.repeat(first, len(other)), np.tile(np.arange(len(vague), len(frame)), len(vague))
    family = frame["family"].to_numpy(object)
    country = frame["country"].fillna("").to_numpy(object)
    region = frame["region"].to_numpy(object)
    if (family[i] != family[j]).any():
        return False
    if ((country[j] != "") & (country[j] != country[i])).any():
        return False
    if ((region[i] != "") & (region[j] != "") & (region[j] != region[i])).any():
        return False
    if not (modes_agree(frame, i, j, rules) & actors_agree(frame, i, j, rules)).all():
        return False
    if different_speakers(frame, i, j).any():
        return False
    return bool(_dates_may_agree(frame, i, j, rules).all())


def _dates_may_agree(frame: pd.DataFrame, i: np.ndarray, j: np.ndarray, rules: Rules) -> np.ndarray:
    """The intervals overlap, or the vague report i is dated the day it was filed, up to
    `date_slack_days` after the other's date (a toll update or communique dated its own day)."""
    lo, hi = frame["lo"].to_numpy(float), frame["hi"].to_numpy(float)
    pub_day = frame["pub_day"].to_numpy(float)
    overlap = np.maximum(lo[i], lo[j]) <= np.minimum(hi[i], hi[j])
    weak = (lo[i] == hi[i]) & (pub_day[i] == lo[i])
    late = (lo[i] > hi[j]) & (lo[i] - hi[j] <= rules.setting("date_slack_days"))
    return overlap | (weak & late)
