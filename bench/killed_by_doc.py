"""People killed per gold document: the gold sum against the extractor's, to find where a file's killed
error (bench/killed_totals.py) comes from. Prints each document whose figures differ, with the gold and
extracted tolls and their evidence, and the file's totals.

Usage: python -m bench.killed_by_doc GOLD.jsonl [...]   (never a blind set)
       python -m bench.killed_by_doc --happenings tests/gold/happenings.jsonl   (per happening)
"""

from __future__ import annotations

import sys
from pathlib import Path

from bench.killed_totals import load_records


def _killed(events: list[dict], happened: bool) -> list[tuple[int, str]]:
    return [
        (int(e["fatalities"] or 0), (e.get("evidence") or "")[:110])
        for e in events
        if not e["is_aggregate"] and (not happened or e["factuality"] == "happened") and e["fatalities"]
    ]


def report(path: Path) -> tuple[int, int]:
    from sitrep.extract_cli import extract_records

    records = load_records(path)
    extracted = extract_records(records)
    gold_total = pred_total = 0
    for r in records:
        gold = _killed(r["events"], happened=False)
        pred = _killed(extracted.get(r["id"], []), happened=True)
        g, p = sum(n for n, _ in gold), sum(n for n, _ in pred)
        gold_total, pred_total = gold_total + g, pred_total + p
        if g != p:
            print(f"{r['id']}: gold {g} extracted {p} ({p - g:+d})")
            for n, ev in gold:
                print(f"   gold {n:>4}  {ev}")
            for n, ev in pred:
                print(f"   pred {n:>4}  {ev}")
    print(f"{path.name}: gold {gold_total} extracted {pred_total}")
    return gold_total, pred_total


def main(argv: list[str]) -> None:
    if any("blind" in a for a in argv):
        raise SystemExit("the blind sets are reporting only: not measured here")
    if argv[:1] == ["--happenings"]:
        happenings_report(Path(argv[1]))
        return
    for a in argv:
        report(Path(a))


def happenings_report(path: Path) -> None:
    """Per happening: the gold toll (the TSV beside the file) against the toll of the predicted happening
    holding most of its reports, then predicted happenings with a toll that hold no gold report."""
    from collections import Counter, defaultdict

    from sitrep.evaluate_happenings import gold_tolls, paired_events
    from sitrep.extract_cli import extract_records
    from sitrep.happen import happenings_table

    records = load_records(path)
    predicted = extract_records(records)
    events, gold_of = paired_events(records, predicted)
    members, rows = happenings_table(events)
    happening_of = dict(zip(members["event_id"], members["happening_id"], strict=True))
    toll_of = dict(zip(rows["happening_id"], rows["fatalities"], strict=True))
    holders: dict[str, Counter] = defaultdict(Counter)
    for ev, gold in gold_of.items():
        holders[gold][happening_of[ev]] += 1
    claimed = set()
    for gold, toll in sorted(gold_tolls(path.with_suffix(".tsv")).items()):
        held = holders.get(gold)
        claimed.update(held or ())
        tolls = {h: toll_of.get(h) for h in held or ()}
        if any((t or 0) != (toll or 0) for t in tolls.values()) or (toll and not held):
            print(f"{gold}: gold {toll} predicted {tolls}")
    for h, toll in toll_of.items():
        if toll and h not in claimed:
            evs = [e for e in events if happening_of.get(e["event_id"]) == h and e["fatalities"]]
            print(
                f"unpaired {h}: {toll}  "
                + " | ".join(f"{e['document_id']}: {e['evidence'][:90]}" for e in evs)
            )


if __name__ == "__main__":
    main(sys.argv[1:])
