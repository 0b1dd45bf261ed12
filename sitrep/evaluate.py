"""`sitrep eval`: score extracted events against the hand-written gold set (tests/gold/dev.jsonl).

Pure functions only (no Prefect, no DuckDB): the CLI loads the gold file, runs the extractor on its
documents through `evaluate_file`, and prints the EvalReport with sitrep/evaluate_report.py (text or JSON).

Matching, per document: a predicted event can match a gold event only when both have the same
event_type; among those candidates a similarity score (evidence span overlap, admin1, place, date,
actors) ranks the pairs and a greedy pass takes the best pair first, one-to-one. Greedy rather than
Hungarian keeps scipy out of the dependencies; documents hold a handful of events of each type, where the
two agree. A pair needs overlapping evidence spans, or else the same place and enough agreeing fields,
because the extractor may read an event from the headline while the gold cites the lead.

Aggregates (summary sentences whose parts are separate events): a gold aggregate is optional. If a
prediction matches it, the pair is counted in `aggregate_matches`, neither true nor false positive; if
nothing matches it, it is not missed. A predicted event flagged is_aggregate that matches nothing is
counted in `ignored_predicted_aggregates`, not as invented. Field accuracy is measured on the true
positives only (gold aggregates carry null casualties by convention, which would blur those figures).
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

EVENT_TYPES = (
    "ASSAULT", "AID", "AGREE", "SANCTION", "DEMAND", "CONSULT", "REQUEST", "THREATEN", "PROTEST",
    "MOBILIZE", "COERCE", "ACCUSE", "REJECT", "COOPERATE", "SUPPORT", "RETREAT", "CONCEDE",
)  # fmt: skip
RECORD_KEYS = ("id", "text", "events")
DEFAULT_ALIASES = Path(__file__).parent / "data" / "admin1.tsv"

# Similarity weights: the evidence span dominates; the other fields break ties between events of the same
# type in one document and allow a match when the spans do not overlap.
SPAN_WEIGHT = 3.0
FIELD_WEIGHTS = {"admin1": 1.0, "location": 1.0, "date": 1.0, "actor1": 0.5, "actor2": 0.5, "mode": 0.5}
MIN_FIELD_SCORE = 2.0  # without span overlap: the same place, and e.g. the same date


class GoldFormatError(ValueError):
    """A gold file line that cannot be read; the message names the file and line."""


# ---------------------------------------------------------------- loading


def load_gold(path: str | Path) -> list[dict[str, Any]]:
    """Read the gold JSONL file: one document with its events per line; blank lines are skipped."""
    path = Path(path)
    records: list[dict[str, Any]] = []
    seen: set[str] = set()
    with path.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            where = f"{path}:{lineno}"
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise GoldFormatError(f"{where}: not valid JSON ({exc.msg} at column {exc.colno})") from None
            _check_record(record, where)
            if record["id"] in seen:
                raise GoldFormatError(f"{where}: duplicate document id {record['id']!r}")
            seen.add(record["id"])
            records.append(record)
    return records


def _check_record(record: Any, where: str) -> None:
    if not isinstance(record, dict):
        raise GoldFormatError(f"{where}: a line must hold a JSON object")
    missing = [key for key in RECORD_KEYS if key not in record]
    if missing:
        raise GoldFormatError(f"{where}: missing key(s) {', '.join(missing)}")
    if not isinstance(record["text"], str) or not isinstance(record["events"], list):
        raise GoldFormatError(f"{where}: 'text' must be a string and 'events' a list")
    for n, event in enumerate(record["events"], start=1):
        if not isinstance(event, dict) or not event.get("event_type"):
            raise GoldFormatError(f"{where}: event {n} must be an object with an event_type")


def load_admin1_aliases(path: str | Path | None = DEFAULT_ALIASES) -> dict[str, set[str]]:
    """Map each admin1 spelling (case-folded) to the canonical names it may stand for.

    Reads sitrep/data/admin1.tsv (country_iso3, admin1, variants separated by '|', lat, lon; '#' lines
    are comments). An absent file gives an empty map: names then compare case-insensitively only.
    """
    if path is None or not Path(path).exists():
        return {}
    aliases: dict[str, set[str]] = {}
    with Path(path).open(encoding="utf-8") as fh:
        rows = csv.reader((ln for ln in fh if ln.strip() and not ln.startswith("#")), delimiter="\t")
        for row in rows:
            if len(row) < 2 or row[0].strip().lower() == "country_iso3":
                continue  # a plain header row
            canonical = _norm(row[1])
            variants = row[2].split("|") if len(row) > 2 else []
            for name in [row[1], *variants]:
                if name.strip():
                    aliases.setdefault(_norm(name), set()).add(canonical)
    return aliases


# ---------------------------------------------------------------- report type


@dataclass
class EvalReport:
    documents: int = 0
    gold_events: int = 0  # non-aggregate gold events: the recall denominator
    gold_aggregates: int = 0
    predicted_events: int = 0
    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0
    aggregate_matches: int = 0
    ignored_predicted_aggregates: int = 0
    gold_fatalities: int = 0  # summed over non-aggregate gold events
    predicted_fatalities: int = 0  # summed over non-aggregate predictions
    field_correct: dict[str, int] = field(default_factory=dict)
    field_total: dict[str, int] = field(default_factory=dict)
    missed: list[dict[str, Any]] = field(default_factory=list)
    invented: list[dict[str, Any]] = field(default_factory=list)
    type_confusions: list[dict[str, Any]] = field(default_factory=list)
    field_errors: list[dict[str, Any]] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return _ratio(self.true_positives, self.true_positives + self.false_positives)

    @property
    def killed_error(self) -> float:
        """(predicted - gold) / gold people killed: how far `sum(fatalities)` over the output is off."""
        gold = self.gold_fatalities
        return (self.predicted_fatalities - gold) / gold if gold else 0.0

    @property
    def recall(self) -> float:
        return _ratio(self.true_positives, self.true_positives + self.false_negatives)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def field_accuracy(self, name: str) -> float:
        return _ratio(self.field_correct.get(name, 0), self.field_total.get(name, 0))


def _ratio(num: int, den: int) -> float:
    return num / den if den else 0.0


# ---------------------------------------------------------------- field comparison


def _norm(value: Any) -> str:
    return re.sub(r"\s+", " ", str(value)).strip().casefold()


def _present(value: Any) -> bool:
    return value is not None and value != ""


def _same_text(a: Any, b: Any) -> bool:
    if not _present(a) or not _present(b):
        return not _present(a) and not _present(b)
    return _norm(a) == _norm(b)


def _same_number(a: Any, b: Any) -> bool:
    if a is None or b is None:
        return a is None and b is None
    try:
        return float(a) == float(b)
    except (TypeError, ValueError):
        return False


def _same_date(a: Any, b: Any) -> bool:
    if not _present(a) or not _present(b):
        return not _present(a) and not _present(b)
    return str(a)[:10] == str(b)[:10]


def _same_actor(gold: dict, pred: dict, side: str) -> bool:
    """Actors compare by country/organisation code when the gold has one, else by name."""
    code = gold.get(f"{side}_country")
    if _present(code):
        return _same_text(code, pred.get(f"{side}_country"))
    return _same_text(gold.get(f"{side}_name"), pred.get(f"{side}_name"))


def _same_admin1(a: Any, b: Any, aliases: dict[str, set[str]]) -> bool:
    if not _present(a) or not _present(b):
        return not _present(a) and not _present(b)
    na, nb = _norm(a), _norm(b)
    return na == nb or bool(aliases.get(na, {na}) & aliases.get(nb, {nb}))


def _field_checks(aliases: dict[str, set[str]]) -> dict[str, Callable[[dict, dict], bool]]:
    """The scored fields, in report order: name -> comparison of a (gold, predicted) pair."""
    return {
        "event_type": lambda g, p: _same_text(g.get("event_type"), p.get("event_type")),
        "event_mode": lambda g, p: _same_text(g.get("event_mode"), _gold_style_mode(p)),
        "actor1": lambda g, p: _same_actor(g, p, "actor1"),
        "actor2": lambda g, p: _same_actor(g, p, "actor2"),
        "admin1": lambda g, p: _same_admin1(g.get("admin1"), p.get("admin1"), aliases),
        "event_date": lambda g, p: _same_date(g.get("event_date"), p.get("event_date")),
        "fatalities": lambda g, p: _same_number(g.get("fatalities"), p.get("fatalities")),
        "injuries": lambda g, p: _same_number(g.get("injuries"), p.get("injuries")),
    }


def _gold_style_mode(pred: dict) -> Any:
    """The prediction's mode as the gold sets code it: an event that did not happen carries its
    factuality in the gold's event_mode (planned, threatened, denied, hypothetical), one that happened its
    mode. Predictions without a factuality (older output) are compared on event_mode alone."""
    factuality = pred.get("factuality")
    if _present(factuality) and factuality != "happened":
        return factuality
    return pred.get("event_mode")


def _field_value(event: dict, name: str) -> Any:
    if name in ("actor1", "actor2"):
        return event.get(f"{name}_country") or event.get(f"{name}_name")
    return event.get(name)


# ---------------------------------------------------------------- matching


def _gold_span(text: str, event: dict) -> tuple[int, int] | None:
    evidence = event.get("evidence") or ""
    start = text.find(evidence) if evidence else -1
    return (start, start + len(evidence)) if start >= 0 else None


def _pred_span(text: str, event: dict) -> tuple[int, int] | None:
    start, end = event.get("evidence_start"), event.get("evidence_end")
    if isinstance(start, int) and isinstance(end, int) and end > start:
        return (start, end)
    return _gold_span(text, event)


def _span_overlap(a: tuple[int, int] | None, b: tuple[int, int] | None) -> float:
    """Share of the shorter span covered by the other: 1.0 when one contains the other."""
    if a is None or b is None:
        return 0.0
    inter = min(a[1], b[1]) - max(a[0], b[0])
    return inter / min(a[1] - a[0], b[1] - b[0]) if inter > 0 else 0.0


def _similarity(text: str, gold: dict, pred: dict, aliases: dict[str, set[str]]) -> float | None:
    """Score of a candidate pair; None when they cannot match."""
    if _norm(gold.get("event_type", "")) != _norm(pred.get("event_type", "")):
        return None
    span = _span_overlap(_gold_span(text, gold), _pred_span(text, pred))
    agree = {
        "admin1": _present(gold.get("admin1"))
        and _same_admin1(gold.get("admin1"), pred.get("admin1"), aliases),
        "location": _present(gold.get("location_name"))
        and _same_text(gold.get("location_name"), pred.get("location_name")),
        "date": _present(gold.get("event_date"))
        and _same_date(gold.get("event_date"), pred.get("event_date")),
        "actor1": _present(_field_value(gold, "actor1")) and _same_actor(gold, pred, "actor1"),
        "actor2": _present(_field_value(gold, "actor2")) and _same_actor(gold, pred, "actor2"),
        "mode": _present(gold.get("event_mode"))
        and _same_text(gold.get("event_mode"), _gold_style_mode(pred)),
    }
    fields = sum(FIELD_WEIGHTS[name] for name, ok in agree.items() if ok)
    if span == 0.0 and not ((agree["admin1"] or agree["location"]) and fields >= MIN_FIELD_SCORE):
        return None
    return SPAN_WEIGHT * span + fields


def match_document(
    text: str, gold: list[dict], predicted: list[dict], aliases: dict[str, set[str]] | None = None
) -> list[tuple[int, int]]:
    """One-to-one (gold index, predicted index) pairs, greedy by best similarity."""
    aliases = aliases or {}
    candidates = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(predicted):
            sim = _similarity(text, g, p, aliases)
            if sim is not None:
                candidates.append((-sim, gi, pi))
    pairs, used_g, used_p = [], set(), set()
    for _, gi, pi in sorted(candidates):
        if gi not in used_g and pi not in used_p:
            pairs.append((gi, pi))
            used_g.add(gi)
            used_p.add(pi)
    return sorted(pairs)


# ---------------------------------------------------------------- scoring


def _example(doc_id: str, event: dict) -> dict[str, Any]:
    return {
        "document_id": doc_id,
        "event_type": event.get("event_type"),
        "event_mode": event.get("event_mode"),
        "evidence": event.get("evidence"),
    }


def score(
    gold_records: list[dict[str, Any]],
    predicted_events_by_doc: dict[str, list[dict[str, Any]]],
    aliases: dict[str, set[str]] | None = None,
) -> EvalReport:
    """Compare predictions with the gold, document by document (predictions for unknown ids are ignored).

    `aliases` defaults to sitrep/data/admin1.tsv when that file exists.
    """
    aliases = load_admin1_aliases() if aliases is None else aliases
    checks = _field_checks(aliases)
    report = EvalReport(documents=len(gold_records))
    report.field_correct = dict.fromkeys(checks, 0)
    report.field_total = dict.fromkeys(checks, 0)
    for rec in gold_records:
        doc_id, text, gold = rec["id"], rec["text"], rec["events"]
        predicted = list(predicted_events_by_doc.get(doc_id, []))
        report.predicted_events += len(predicted)
        report.gold_aggregates += sum(1 for g in gold if g.get("is_aggregate"))
        report.gold_events += sum(1 for g in gold if not g.get("is_aggregate"))
        report.gold_fatalities += sum(
            int(g.get("fatalities") or 0) for g in gold if not g.get("is_aggregate")
        )
        report.predicted_fatalities += sum(
            int(p.get("fatalities") or 0) for p in predicted if not p.get("is_aggregate")
        )
        pairs = match_document(text, gold, predicted, aliases)
        matched_g = {gi for gi, _ in pairs}
        matched_p = {pi for _, pi in pairs}
        for gi, pi in pairs:
            g, p = gold[gi], predicted[pi]
            if g.get("is_aggregate"):
                report.aggregate_matches += 1
                continue
            report.true_positives += 1
            for name, same in checks.items():
                report.field_total[name] += 1
                if same(g, p):
                    report.field_correct[name] += 1
                else:
                    report.field_errors.append(
                        {
                            **_example(doc_id, g),
                            "field": name,
                            "gold": _field_value(g, name),
                            "predicted": _gold_style_mode(p)
                            if name == "event_mode"
                            else _field_value(p, name),
                        }
                    )
        missed = [gi for gi, g in enumerate(gold) if gi not in matched_g and not g.get("is_aggregate")]
        invented = []
        for pi, p in enumerate(predicted):
            if pi in matched_p:
                continue
            if p.get("is_aggregate"):
                report.ignored_predicted_aggregates += 1
            else:
                invented.append(pi)
        report.false_negatives += len(missed)
        report.false_positives += len(invented)
        report.missed += [_example(doc_id, gold[gi]) for gi in missed]
        report.invented += [_example(doc_id, predicted[pi]) for pi in invented]
        report.type_confusions += _type_confusions(doc_id, text, gold, missed, predicted, invented)
    return report


def _type_confusions(
    doc_id: str, text: str, gold: list[dict], missed: list[int], predicted: list[dict], invented: list[int]
) -> list[dict[str, Any]]:
    """Missed gold and invented predictions whose evidence overlaps: likely the same event, other type."""
    out = []
    for gi in missed:
        for pi in invented:
            if _span_overlap(_gold_span(text, gold[gi]), _pred_span(text, predicted[pi])) >= 0.5:
                out.append(
                    {
                        **_example(doc_id, gold[gi]),
                        "gold_type": gold[gi].get("event_type"),
                        "predicted_type": predicted[pi].get("event_type"),
                    }
                )
    return out


def evaluate_file(
    path: str | Path, extract_fn: Callable[[list[dict[str, Any]]], dict[str, list[dict[str, Any]]]]
) -> EvalReport:
    """Load the gold file, let `extract_fn(records)` predict events per document id, and score them."""
    records = load_gold(path)
    return score(records, extract_fn(records))
