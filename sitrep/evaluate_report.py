"""The output of `sitrep eval`: an EvalReport (sitrep/evaluate.py, the scoring) as a text report or as JSON.

Formatting only: every figure comes from the report; nothing here scores.
"""

from __future__ import annotations

import re
from dataclasses import asdict
from typing import Any

from sitrep.evaluate import EvalReport


def report_to_dict(report: EvalReport) -> dict[str, Any]:
    """JSON-ready summary: headline figures, per-field accuracy, and every example list."""
    out = asdict(report)
    out.update(
        precision=round(report.precision, 4),
        recall=round(report.recall, 4),
        f1=round(report.f1, 4),
        killed_error=round(report.killed_error, 4),
        field_accuracy={name: round(report.field_accuracy(name), 4) for name in report.field_total},
    )
    return out


def _clip(text: Any, width: int = 100) -> str:
    text = re.sub(r"\s+", " ", str(text or ""))
    return text if len(text) <= width else text[: width - 1] + "…"


def format_report(report: EvalReport, max_examples: int = 20, after_fields: str | None = None) -> str:
    """A readable text report: headline figures, field accuracy, then examples of each kind of error.

    `after_fields`, when given, is a block printed after the field accuracy (e.g. the ACLED coding).
    """
    lines = [
        (
            f"documents {report.documents}   gold events {report.gold_events} "
            f"(+{report.gold_aggregates} optional aggregates)   predicted {report.predicted_events}"
        ),
        (
            f"precision {report.precision:.3f}   recall {report.recall:.3f}   F1 {report.f1:.3f}   "
            f"(TP {report.true_positives}, FP {report.false_positives}, FN {report.false_negatives})"
        ),
        (
            f"aggregates: {report.aggregate_matches} matched (not scored), "
            f"{report.ignored_predicted_aggregates} unmatched predicted aggregates ignored"
        ),
        (
            f"fatalities reported: gold {report.gold_fatalities}, predicted {report.predicted_fatalities} "
            f"(killed {report.killed_error:+.1%})"
        ),
        "",
        f"field accuracy on {report.true_positives} matched events:",
    ]
    for name in report.field_total:
        lines.append(
            f"  {name:<11} {report.field_accuracy(name):.3f}  "
            f"({report.field_correct[name]}/{report.field_total[name]})"
        )
    if after_fields:
        lines += ["", after_fields]
    sections = [
        ("missed gold events", report.missed, lambda e: ""),
        ("invented predictions", report.invented, lambda e: ""),
        ("type confusions", report.type_confusions, lambda e: f"gold {e['gold_type']} ≠ "),
        (
            "field errors",
            report.field_errors,
            lambda e: f"{e['field']}: {e['gold']!r} ≠ {e['predicted']!r}  ",
        ),
    ]
    for title, items, lead in sections:
        if not items:
            continue
        shown = items[:max_examples]
        lines += [
            "",
            f"{title} ({len(items)}" + (f", first {len(shown)})" if len(shown) < len(items) else ")"),
        ]
        for e in shown:
            kind = e.get("predicted_type") or e["event_type"]
            lines.append(f"  {e['document_id']:<6} {lead(e)}{kind:<9} {_clip(e['evidence'])}")
    return "\n".join(lines)
