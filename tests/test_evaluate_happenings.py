"""The happening scorer (sitrep/evaluate_happenings.py) on hand-written gold records."""

from __future__ import annotations

from sitrep.evaluate_happenings import _bcubed, has_happenings, score_happenings
from tests.helpers import drone_strike_event

TEXT = "Drones struck Kharkiv, killing two. Five were hurt.\n"


def record(doc_id: str, published: str, happening: str, **values) -> dict:
    gold = {**drone_strike_event("x", doc_id, **values), "happening_id": happening}
    return {"id": doc_id, "text": TEXT, "published_at": published, "outlet": doc_id, "events": [gold]}


def predicted(records: list[dict], **overrides) -> dict[str, list[dict]]:
    out = {}
    for r in records:
        event = {k: v for k, v in r["events"][0].items() if k != "happening_id"}
        out[r["id"]] = [{**event, "event_id": f"{r['id']}-e", **overrides.get(r["id"], {})}]
    return out


def test_perfect_grouping_scores_one_and_counts_the_latest_toll():
    records = [
        record("a", "2024-06-20T10:00:00+03:00", "H1", fatalities=2),
        record("b", "2024-06-20T20:00:00+03:00", "H1", fatalities=4),
    ]
    report = score_happenings(records, predicted(records), {"H1": 4})
    assert (report.bcubed_precision, report.bcubed_recall, report.pair_precision, report.pair_recall) == (
        1,
        1,
        1,
        1,
    )
    assert (report.tolls_exact, report.tolls_stated, report.predicted_killed, report.summed_killed) == (
        1,
        1,
        4,
        6,
    )


def test_a_split_happening_loses_recall_and_double_counts():
    records = [
        record("a", "2024-06-20T10:00:00+03:00", "H1", fatalities=2),
        record("b", "2024-06-20T20:00:00+03:00", "H1", fatalities=4),
    ]
    # the second report's event is read on the next day (published in the evening): two happenings
    report = score_happenings(records, predicted(records, b={"event_date": "2024-06-21"}), {"H1": 4})
    assert report.pair_recall == 0 and report.bcubed_recall == 0.5 and report.bcubed_precision == 1
    assert report.predicted_killed == 6 and report.killed_error == 0.5


def test_bcubed_of_known_clusterings():
    assert _bcubed(["g1", "g1", "g2"], ["p1", "p1", "p2"]) == (1.0, 1.0)
    precision, recall = _bcubed(["g1", "g1", "g2"], ["p", "p", "p"])
    assert (round(precision, 3), recall) == (round(5 / 9, 3), 1.0)


def test_gold_without_happening_ids_is_not_scored_for_happenings():
    plain = record("a", "2024-06-20T10:00:00+03:00", "H1")
    plain["events"][0].pop("happening_id")
    assert not has_happenings([plain])
