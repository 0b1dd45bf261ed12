"""The happening stages in order: prepare -> candidate pairs -> matching pairs -> groups -> rows."""

from __future__ import annotations

import pandas as pd

from sitrep.happen.blocking import candidate_pairs, document_pairs
from sitrep.happen.clustering import happening_ids, merge_groups
from sitrep.happen.frame import prepare
from sitrep.happen.matching import matching_pairs, told_twice
from sitrep.happen.restated import link_restated_tolls
from sitrep.happen.rules import Rules, load_rules
from sitrep.happen.tolls import happening_rows
from sitrep.happen.vague import join_vague_reports


def cluster_events(events: pd.DataFrame | list[dict], rules: Rules | None = None) -> pd.DataFrame:
    """The prepared events (sorted by event_id) with a `happening_id` column."""
    rules = rules or load_rules()
    frame = prepare(events, rules)
    i, j = candidate_pairs(frame, rules.setting("date_slack_days"))
    i, j, scores, vi, vj = matching_pairs(frame, i, j, rules)
    di, dj = document_pairs(frame)
    keep = told_twice(frame, di, dj, rules)
    di, dj = di[keep], dj[keep]
    documents = frame["document_id"].to_numpy(object)
    # Where a statement was made says nothing of what it is about: only located families keep a country.
    countries = frame["country"].fillna("").where(~frame["place_optional"], "").to_numpy(object)
    group = merge_groups(
        len(frame), i, j, scores, documents, rules.setting("min_agreement"), (vi, vj), countries, (di, dj)
    )
    group = link_restated_tolls(frame, group, rules)
    group = join_vague_reports(frame, group, rules)
    frame["happening_id"] = happening_ids(frame, group)
    return frame


def happenings_table(
    events: pd.DataFrame | list[dict], rules: Rules | None = None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(event_id -> happening_id, one row per happening)."""
    frame = cluster_events(events, rules)
    return frame[["event_id", "happening_id"]].copy(), happening_rows(frame)
