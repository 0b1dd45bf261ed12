"""`sitrep eval` on a gold file whose events carry `happening_id`: how well predicted events group into
happenings, and whether the happenings count each person once.

The predicted events of each document are paired with its gold events as sitrep/evaluate.py pairs them;
all predicted events are then clustered by sitrep/happen, and the paired ones are compared with the
gold grouping:
- pairwise precision / recall of "same happening" over pairs of paired events;
- B-cubed precision, recall and F1 over the paired events;
- the share of gold happenings with a stated toll whose predicted happening (the one holding most of its
  paired events) has exactly that toll;
- the killed total over all predicted happenings against the gold total (the TSV beside the gold file,
  e.g. tests/gold/happenings.tsv: one row per happening, its latest-report toll).
"""

from __future__ import annotations

import csv
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sitrep.evaluate import load_admin1_aliases, match_document
from sitrep.happen import happenings_table


@dataclass
class HappeningReport:
    gold_happenings: int = 0
    predicted_happenings: int = 0
    paired_events: int = 0
    pair_precision: float = 0.0
    pair_recall: float = 0.0
    bcubed_precision: float = 0.0
    bcubed_recall: float = 0.0
    tolls_exact: int = 0
    tolls_stated: int = 0
    gold_killed: int = 0
    predicted_killed: int = 0
    summed_killed: int = (
        0  # over predicted events, one count per report: what a warehouse without happenings says
    )

    @property
    def bcubed_f1(self) -> float:
        p, r = self.bcubed_precision, self.bcubed_recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def tolls_exact_share(self) -> float:
        return self.tolls_exact / self.tolls_stated if self.tolls_stated else 0.0

    @property
    def killed_error(self) -> float:
        return (self.predicted_killed - self.gold_killed) / self.gold_killed if self.gold_killed else 0.0


def has_happenings(records: list[dict[str, Any]]) -> bool:
    return any(e.get("happening_id") for r in records for e in r["events"])


def gold_tolls(path: Path) -> dict[str, int | None]:
    """happening_id -> latest-report fatalities from the TSV beside the gold file ({} when absent)."""
    if not path.exists():
        return {}
    with path.open(encoding="utf-8") as fh:
        rows = csv.DictReader((ln for ln in fh if not ln.startswith("#")), delimiter="\t")
        return {r["happening_id"]: int(r["fatalities"]) if r["fatalities"] else None for r in rows}


def _pairs_same(labels: list[str]) -> set[tuple[int, int]]:
    by: dict[str, list[int]] = defaultdict(list)
    for n, label in enumerate(labels):
        by[label].append(n)
    return {(a, b) for members in by.values() for x, a in enumerate(members) for b in members[x + 1 :]}


def _bcubed(gold: list[str], predicted: list[str]) -> tuple[float, float]:
    if not gold:
        return 0.0, 0.0
    both = Counter(zip(gold, predicted, strict=True))
    g, p = Counter(gold), Counter(predicted)
    precision = sum(both[(a, b)] / p[b] for a, b in zip(gold, predicted, strict=True)) / len(gold)
    recall = sum(both[(a, b)] / g[a] for a, b in zip(gold, predicted, strict=True)) / len(gold)
    return precision, recall


def paired_events(
    records: list[dict[str, Any]], predicted_by_doc: dict[str, list[dict[str, Any]]]
) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """(every predicted event with its document's id, time and outlet; event_id -> gold happening_id of the
    gold event it is paired with). The scorer and the bench tools (happening_splits, killed_by_doc) share it."""
    aliases = load_admin1_aliases()
    events, gold_of = [], {}
    for record in records:
        predicted = predicted_by_doc.get(record["id"], [])
        base = len(events)
        for n, event in enumerate(predicted):
            event_id = event.get("event_id") or f"{record['id']}#{n}"
            events.append(
                {**event, "event_id": event_id, "document_id": record["id"],
                 "published_at": record.get("published_at"), "outlet": record.get("outlet")}
            )  # fmt: skip
        for gi, pi in match_document(record["text"], record["events"], predicted, aliases):
            gold_event = record["events"][gi]
            if not gold_event.get("is_aggregate") and gold_event.get("happening_id"):
                gold_of[events[base + pi]["event_id"]] = gold_event["happening_id"]
    return events, gold_of


def score_happenings(
    records: list[dict[str, Any]],
    predicted_by_doc: dict[str, list[dict[str, Any]]],
    tolls: dict[str, int | None],
) -> HappeningReport:
    events, gold_of = paired_events(records, predicted_by_doc)
    members, rows = happenings_table(events) if events else (None, None)
    happening_of = dict(zip(members["event_id"], members["happening_id"], strict=True)) if events else {}
    report = HappeningReport(
        gold_happenings=len(
            {e["happening_id"] for r in records for e in r["events"] if e.get("happening_id")}
        ),
        predicted_happenings=0 if rows is None else len(rows),
        paired_events=len(gold_of),
    )
    paired = sorted(gold_of)
    gold_labels = [gold_of[e] for e in paired]
    predicted_labels = [happening_of[e] for e in paired]
    same_gold, same_predicted = _pairs_same(gold_labels), _pairs_same(predicted_labels)
    agreed = len(same_gold & same_predicted)
    report.pair_precision = agreed / len(same_predicted) if same_predicted else 0.0
    report.pair_recall = agreed / len(same_gold) if same_gold else 0.0
    report.bcubed_precision, report.bcubed_recall = _bcubed(gold_labels, predicted_labels)
    toll_of = {} if rows is None else dict(zip(rows["happening_id"], rows["fatalities"], strict=True))
    holders: dict[str, Counter] = defaultdict(Counter)
    for gold_id, predicted_id in zip(gold_labels, predicted_labels, strict=True):
        holders[gold_id][predicted_id] += 1
    for gold_id, fatalities in tolls.items():
        if fatalities is None:
            continue
        report.tolls_stated += 1
        if holders.get(gold_id):
            best = min(holders[gold_id].items(), key=lambda kv: (-kv[1], kv[0]))[0]
            report.tolls_exact += toll_of.get(best) == fatalities
    report.gold_killed = sum(v for v in tolls.values() if v is not None)
    report.predicted_killed = sum(int(v) for v in toll_of.values() if v is not None)
    report.summed_killed = sum(
        int(e["fatalities"]) for e in events if e.get("fatalities") is not None and not e.get("is_aggregate")
    )
    return report


def score_oracle(records: list[dict[str, Any]]) -> tuple[float, int]:
    """(B-cubed F1, killed over happenings) when the gold events themselves are clustered."""
    events, labels = [], {}
    for record in records:
        for n, event in enumerate(record["events"]):
            if event.get("is_aggregate") or not event.get("happening_id"):
                continue
            event_id = f"{record['id']}#{n}"
            labels[event_id] = event["happening_id"]
            events.append(
                {**event, "event_id": event_id, "document_id": record["id"],
                 "published_at": record.get("published_at"), "outlet": record.get("outlet")}
            )  # fmt: skip
    if not events:
        return 0.0, 0
    members, rows = happenings_table(events)
    predicted = dict(zip(members["event_id"], members["happening_id"], strict=True))
    paired = sorted(labels)
    precision, recall = _bcubed([labels[e] for e in paired], [predicted[e] for e in paired])
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return f1, sum(int(v) for v in rows["fatalities"] if v is not None)


def format_happenings(report: HappeningReport) -> str:
    return "\n".join(
        [
            f"happenings: gold {report.gold_happenings}, predicted {report.predicted_happenings} "
            f"(over {report.paired_events} predicted events paired with gold events)",
            f"  same happening, pairwise: precision {report.pair_precision:.3f}   recall {report.pair_recall:.3f}",
            f"  B-cubed: precision {report.bcubed_precision:.3f}   recall {report.bcubed_recall:.3f}   "
            f"F1 {report.bcubed_f1:.3f}",
            f"  fatalities exact: {report.tolls_exact_share:.3f} ({report.tolls_exact}/{report.tolls_stated} "
            "gold happenings with a stated toll)",
            f"  killed once per happening: predicted {report.predicted_killed}, gold {report.gold_killed} "
            f"({report.killed_error:+.1%}); summed over reports: {report.summed_killed}",
            f"  the gold events themselves clustered: B-cubed F1 {report.oracle_bcubed_f1:.3f}, "
            f"killed {report.oracle_killed}",
        ]
    )


def happenings_to_dict(report: HappeningReport) -> dict[str, Any]:
    from dataclasses import asdict

    out = asdict(report)
    out.update(
        bcubed_f1=round(report.bcubed_f1, 4),
        tolls_exact_share=round(report.tolls_exact_share, 4),
        killed_error=round(report.killed_error, 4),
    )
    return {k: round(v, 4) if isinstance(v, float) else v for k, v in out.items()}


def evaluate_happenings(
    path: Path, records: list[dict[str, Any]], predicted_by_doc: dict[str, list[dict[str, Any]]]
) -> HappeningReport:
    report = score_happenings(records, predicted_by_doc, gold_tolls(path.with_suffix(".tsv")))
    report.oracle_bcubed_f1, report.oracle_killed = score_oracle(records)
    return report
