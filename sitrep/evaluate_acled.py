"""`sitrep eval` on a gold file whose events carry `acled_event_type` / `acled_sub_event_type`
(tests/gold/acled_dev.jsonl): how well the extractor's ACLED coding (sitrep/data/crosswalk.tsv) agrees
with the gold.

Events are paired as sitrep/evaluate.py pairs them (`match_document`); gold aggregates are optional there
and are left out here too. Over the matched events: ACLED event type and sub-event type accuracy (a gold
event ACLED does not code, null type, is right when the prediction is null too), the confusion table gold
type x predicted type, and the most frequent sub-type confusions. Over the gold events with an ACLED
type: how many no prediction matched. On the matched ACLED-coded gold events that carry them, the actor
categories inter1 and inter2 (either of two categories is right for the actors listed in
sitrep/data/acled_inter_either.tsv, on which the gold writers disagreed).
"""

from __future__ import annotations

import csv
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sitrep.evaluate import load_admin1_aliases, match_document

ACLED_KEYS = ("acled_event_type", "acled_sub_event_type")
INTER_KEYS = ("inter1", "inter2")
ACLED_TYPES = Path(__file__).parent / "data" / "acled_types.tsv"
INTER_EITHER = Path(__file__).parent / "data" / "acled_inter_either.tsv"
NONE = "(none)"  # the label of an event ACLED does not code
TOP_SUB_CONFUSIONS = 10


@dataclass
class AcledReport:
    matched: int = 0  # matched non-aggregate gold events: the accuracy denominator
    type_correct: int = 0
    sub_type_correct: int = 0
    # gold type -> predicted type -> count, NONE for a null type
    confusion: dict[str, dict[str, int]] = field(default_factory=dict)
    # (gold sub-type, predicted sub-type, count) for the pairs that differ, most frequent first
    sub_type_confusions: list[tuple[str, str, int]] = field(default_factory=list)
    coded_gold: int = 0  # non-aggregate gold events with an ACLED type
    coded_missed: int = 0  # ... that no predicted event matched
    inter_matched: int = 0  # matched ACLED-coded gold events that carry inter1/inter2
    inter1_correct: int = 0
    inter2_correct: int = 0

    @property
    def type_accuracy(self) -> float:
        return self.type_correct / self.matched if self.matched else 0.0

    @property
    def sub_type_accuracy(self) -> float:
        return self.sub_type_correct / self.matched if self.matched else 0.0

    @property
    def inter1_accuracy(self) -> float:
        return self.inter1_correct / self.inter_matched if self.inter_matched else 0.0

    @property
    def inter2_accuracy(self) -> float:
        return self.inter2_correct / self.inter_matched if self.inter_matched else 0.0

    @property
    def coded_recall(self) -> float:
        return (self.coded_gold - self.coded_missed) / self.coded_gold if self.coded_gold else 0.0


def has_acled(records: list[dict[str, Any]]) -> bool:
    """True when any gold event carries the ACLED keys (null values count: they say 'not coded')."""
    return any(all(k in e for k in ACLED_KEYS) for r in records for e in r["events"])


def _label(value: Any) -> str:
    return str(value).strip() if value is not None and str(value).strip() else NONE


def _read_either(path: Path = INTER_EITHER) -> dict[str, frozenset[str]]:
    with path.open(encoding="utf-8") as fh:
        rows = csv.DictReader((ln for ln in fh if not ln.startswith("#")), delimiter="\t")
        return {r["actor_name"]: frozenset(r["categories"].split("|")) for r in rows}


def inter_right(
    gold: dict[str, Any], predicted: dict[str, Any], key: str, either: dict[str, frozenset[str]]
) -> bool:
    """The predicted category equals the gold one, or both are among the accepted ones of an actor of the
    gold event listed in sitrep/data/acled_inter_either.tsv."""
    g, p = _label(gold.get(key)), _label(predicted.get(key))
    if g == p:
        return True
    for name in (gold.get("actor1_name"), gold.get("actor2_name")):
        accepted = either.get(name or "")
        if accepted and g in accepted and p in accepted:
            return True
    return False


def score_acled(
    records: list[dict[str, Any]],
    predicted_by_doc: dict[str, list[dict[str, Any]]],
    aliases: dict[str, set[str]] | None = None,
) -> AcledReport:
    aliases = load_admin1_aliases() if aliases is None else aliases
    either = _read_either()
    report = AcledReport()
    types: Counter = Counter()
    subs: Counter = Counter()
    for record in records:
        gold = record["events"]
        predicted = predicted_by_doc.get(record["id"], [])
        pairs = match_document(record["text"], gold, predicted, aliases)
        matched = {gi for gi, _ in pairs}
        for gi, g in enumerate(gold):
            if not g.get("is_aggregate") and _label(g.get("acled_event_type")) != NONE:
                report.coded_gold += 1
                report.coded_missed += gi not in matched
        for gi, pi in pairs:
            g, p = gold[gi], predicted[pi]
            if g.get("is_aggregate"):
                continue
            report.matched += 1
            gold_type, pred_type = _label(g.get("acled_event_type")), _label(p.get("acled_event_type"))
            gold_sub, pred_sub = _label(g.get("acled_sub_event_type")), _label(p.get("acled_sub_event_type"))
            types[gold_type, pred_type] += 1
            report.type_correct += gold_type == pred_type
            if gold_type == pred_type and gold_sub == pred_sub:  # a sub-type is right only under its type
                report.sub_type_correct += 1
            else:
                subs[gold_sub, pred_sub] += 1
            if gold_type != NONE and all(k in g for k in INTER_KEYS):
                report.inter_matched += 1
                report.inter1_correct += inter_right(g, p, "inter1", either)
                report.inter2_correct += inter_right(g, p, "inter2", either)
    for (gold_type, pred_type), n in sorted(types.items()):
        report.confusion.setdefault(gold_type, {})[pred_type] = n
    ranked = sorted(subs.items(), key=lambda kv: (-kv[1], kv[0]))
    report.sub_type_confusions = [(g, p, n) for (g, p), n in ranked[:TOP_SUB_CONFUSIONS]]
    return report


def _type_order(path: Path = ACLED_TYPES) -> list[str]:
    """ACLED's event types in codebook order (sitrep/data/acled_types.tsv)."""
    with path.open(encoding="utf-8") as fh:
        rows = csv.DictReader((ln for ln in fh if not ln.startswith("#")), delimiter="\t")
        return list(dict.fromkeys(r["event_type"] for r in rows))


def largest_type_confusions(report: AcledReport, n: int = 5) -> list[tuple[str, str, int]]:
    """The n largest off-diagonal cells of the confusion table: (gold type, predicted type, count)."""
    cells = [(g, p, c) for g, row in report.confusion.items() for p, c in row.items() if g != p]
    return sorted(cells, key=lambda t: (-t[2], t[0], t[1]))[:n]


def format_acled(report: AcledReport) -> str:
    seen = set(report.confusion) | {p for row in report.confusion.values() for p in row}
    order = [t for t in [*_type_order(), NONE] if t in seen] + sorted(seen - {*_type_order(), NONE})
    # Columns carry a short code (the first three letters) because the type names are long; rows say both.
    code = {t: ("none" if t == NONE else t[:3].upper()) for t in order}
    width = max((len(t) for t in order), default=0) + 5
    lines = [
        f"ACLED coding on {report.matched} matched events:",
        f"  event type      {report.type_accuracy:.3f}  ({report.type_correct}/{report.matched})",
        f"  sub-event type  {report.sub_type_accuracy:.3f}  ({report.sub_type_correct}/{report.matched})",
        f"  ACLED-coded gold events matched: {report.coded_recall:.3f} "
        f"({report.coded_gold - report.coded_missed}/{report.coded_gold}; {report.coded_missed} missed)",
    ]
    if report.inter_matched:
        lines += [
            f"  inter1          {report.inter1_accuracy:.3f}  ({report.inter1_correct}/{report.inter_matched})",
            f"  inter2          {report.inter2_accuracy:.3f}  ({report.inter2_correct}/{report.inter_matched})",
        ]
    lines += [
        "",
        "ACLED type confusion (rows gold, columns predicted):",
        "  " + " " * width + "".join(f"{code[t]:>6}" for t in order),
    ]
    for g in order:
        row = report.confusion.get(g, {})
        cells = "".join(f"{row.get(p, 0) or '.':>6}" for p in order)
        label = code[g] if g == NONE else f"{code[g]} {g}"
        lines.append(f"  {label:<{width}}{cells}")
    if report.sub_type_confusions:
        lines += ["", f"ACLED sub-event type confusions (top {TOP_SUB_CONFUSIONS}, gold -> predicted):"]
        lines += [f"  {n:>4}  {g} -> {p}" for g, p, n in report.sub_type_confusions]
    return "\n".join(lines)


def acled_to_dict(report: AcledReport) -> dict[str, Any]:
    return {
        "matched": report.matched,
        "type_correct": report.type_correct,
        "type_accuracy": round(report.type_accuracy, 4),
        "sub_type_correct": report.sub_type_correct,
        "sub_type_accuracy": round(report.sub_type_accuracy, 4),
        "confusion": report.confusion,
        "sub_type_confusions": [
            {"gold": g, "predicted": p, "count": n} for g, p, n in report.sub_type_confusions
        ],
        "coded_gold": report.coded_gold,
        "coded_missed": report.coded_missed,
        "coded_recall": round(report.coded_recall, 4),
        "inter_matched": report.inter_matched,
        "inter1_correct": report.inter1_correct,
        "inter1_accuracy": round(report.inter1_accuracy, 4),
        "inter2_correct": report.inter2_correct,
        "inter2_accuracy": round(report.inter2_accuracy, 4),
    }
