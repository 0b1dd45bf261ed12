"""Why the clustering splits gold happenings, and which wrong pairs it makes (issue 13 sections 2-3).

A development tool, never run on the blind sets. For a gold file whose events carry `happening_id`, it
extracts every report, pairs predicted with gold events as `sitrep eval` does, clusters all predicted
events, then lists:

- every gold pair of paired events that ends in two predicted happenings, with both events' type, mode,
  date, place, admin1 and actors, and the first reason the pair was lost: not a candidate (family,
  country block, dates too far), a matching rule that rejected it (places, dates, modes, actors), or the
  group merge (a document in both groups: often a spare event of one report; a veto; two countries; too
  few agreeing cross pairs);
- every predicted pair the gold keeps apart (the precision side).

Usage: python -m bench.happening_splits [GOLD.jsonl] [--cache FILE] [--wrong]
`--cache` keeps the extractor output in a pickle (the extractor is not this tool's subject).
"""

from __future__ import annotations

import argparse
import pickle
from collections import Counter
from pathlib import Path

import numpy as np

from sitrep.evaluate import load_gold
from sitrep.evaluate_happenings import paired_events
from sitrep.happen.blocking import candidate_pairs
from sitrep.happen.frame import prepare
from sitrep.happen.matching import (
    actors_agree,
    dates_agree,
    matching_pairs,
    modes_agree,
    places_agree,
)
from sitrep.happen.rules import load_rules
from sitrep.happen.run import cluster_events

BLIND = ("blind",)
SHOWN = [
    "event_type", "event_mode", "event_date", "date_precision", "location_name", "admin1", "country",
    "actor1_name", "actor1_country", "actor2_name", "fatalities",
]  # fmt: skip


def predicted_events(path: Path, cache: Path | None) -> tuple[list[dict], dict[str, str], list[dict]]:
    """(events as the happening scorer builds them, event_id -> gold happening_id, gold records)."""
    records = load_gold(path)
    if cache and cache.exists():
        predicted = pickle.loads(cache.read_bytes())
    else:
        from sitrep.extract_cli import extract_records

        predicted = extract_records(records)
        if cache:
            cache.write_bytes(pickle.dumps(predicted))
    events, gold_of = paired_events(records, predicted)
    return events, gold_of, records


def pair_reason(frame, row_of, a: str, b: str, rules, candidates: set, groups) -> str:
    x, y = sorted((row_of[a], row_of[b]))
    f = frame
    if f.at[x, "family"] != f.at[y, "family"]:
        return f"family {f.at[x, 'family']}|{f.at[y, 'family']}"
    if (x, y) not in candidates:
        if f.at[x, "aggregate"] or f.at[y, "aggregate"]:
            return "aggregate"
        if f.at[x, "block"] != f.at[y, "block"]:
            return "block (country)"
        return "dates too far (blocking)"
    i, j = np.array([x]), np.array([y])
    failed = [
        name
        for name, test in (
            ("places", places_agree),
            ("dates", dates_agree),
            ("modes", modes_agree),
            ("actors", actors_agree),
        )
        if not test(f, i, j, rules)[0]
    ]
    if failed:
        return "rule " + "+".join(failed)
    ga, gb = groups[x], groups[y]
    docs_a = set(f.loc[groups == ga, "document_id"])
    docs_b = set(f.loc[groups == gb, "document_id"])
    if docs_a & docs_b:
        shared = sorted(docs_a & docs_b)
        rows = f.index[f["document_id"].isin(shared) & np.isin(groups, [ga, gb])]
        return "merge: one document in both groups\n" + "\n".join(
            f"      spare? {describe(f, r)}" for r in rows
        )
    return "merge: agreement share, veto or country"


def describe(frame, row: int) -> str:
    values = [str(frame.at[row, c]) if frame.at[row, c] is not None else "-" for c in SHOWN]
    return f"{frame.at[row, 'document_id']:<6} " + " | ".join(values)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("gold", nargs="?", default="tests/gold/happenings.jsonl")
    parser.add_argument("--cache", type=Path)
    parser.add_argument("--wrong", action="store_true", help="also list the pairs the gold keeps apart")
    args = parser.parse_args()
    path = Path(args.gold)
    if any(word in path.name for word in BLIND):
        raise SystemExit("blind sets are not for development tools")
    rules = load_rules()
    events, gold_of, _ = predicted_events(path, args.cache)
    frame = cluster_events(events, rules)
    base = prepare(events, rules)
    ci, cj = candidate_pairs(base, rules.setting("date_slack_days"))
    candidates = {(min(a, b), max(a, b)) for a, b in zip(ci.tolist(), cj.tolist(), strict=True)}
    mi, mj, _, vi, vj = matching_pairs(base, ci, cj, rules)
    row_of = dict(zip(frame["event_id"], frame.index, strict=True))
    hid = frame["happening_id"].to_numpy(object)
    groups = np.array(hid)
    paired = sorted(gold_of)
    by_gold: dict[str, list[str]] = {}
    for event_id in paired:
        by_gold.setdefault(gold_of[event_id], []).append(event_id)
    classes: Counter = Counter()
    for gold_id, members in sorted(by_gold.items()):
        for n, a in enumerate(members):
            for b in members[n + 1 :]:
                if hid[row_of[a]] == hid[row_of[b]]:
                    continue
                reason = pair_reason(frame, row_of, a, b, rules, candidates, groups)
                classes[reason.split("\n")[0]] += 1
                print(f"{gold_id}  {reason}")
                print("   " + describe(frame, row_of[a]))
                print("   " + describe(frame, row_of[b]))
    print("\nsplit gold pairs by first reason:")
    for reason, count in classes.most_common():
        print(f"  {count:>4}  {reason}")
    if args.wrong:
        print("\npredicted pairs the gold keeps apart:")
        for n, a in enumerate(paired):
            for b in paired[n + 1 :]:
                if hid[row_of[a]] == hid[row_of[b]] and gold_of[a] != gold_of[b]:
                    print(f"{gold_of[a]} vs {gold_of[b]}")
                    print("   " + describe(frame, row_of[a]))
                    print("   " + describe(frame, row_of[b]))
    print(f"\n{len(mi)} matching pairs, {len(vi)} vetoes, {len(ci)} candidates")


if __name__ == "__main__":
    main()
