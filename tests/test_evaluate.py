"""The scorer behind `sitrep eval`, driven with hand-made predictions (no extractor)."""

from __future__ import annotations

import copy
import json

import pytest

from sitrep.evaluate import (
    GoldFormatError,
    evaluate_file,
    load_admin1_aliases,
    load_gold,
    score,
)
from sitrep.evaluate_report import format_report, report_to_dict

TEXT = (
    "Four civilians were killed by Russian attacks on Donetsk region. "
    "A guided bomb killed one person in Kostiantynivka. "
    "Three civilians were slain by cluster munitions in Rozkishne. "
    "Romania is sending a Patriot system to Ukraine."
)


def _event(evidence: str, **fields) -> dict:
    base = {
        "event_type": "ASSAULT",
        "event_mode": "aerial",
        "actor1_name": "Russian forces",
        "actor1_country": "RUS",
        "actor2_name": "civilians",
        "actor2_country": "UKR",
        "admin1": "Donetsk",
        "country": "UKR",
        "location_name": None,
        "event_date": "2024-06-21",
        "fatalities": None,
        "injuries": None,
        "is_aggregate": False,
        "evidence": evidence,
    }
    base.update(fields)
    return base


GOLD = [
    {
        "id": "d1",
        "text": TEXT,
        "events": [
            _event("Four civilians were killed by Russian attacks on Donetsk region.", is_aggregate=True),
            _event(
                "A guided bomb killed one person in Kostiantynivka.",
                location_name="Kostiantynivka",
                fatalities=1,
            ),
            _event(
                "Three civilians were slain by cluster munitions in Rozkishne.",
                event_mode="artillery",
                location_name="Rozkishne",
                fatalities=3,
            ),
            _event(
                "Romania is sending a Patriot system to Ukraine.",
                event_type="AID",
                event_mode="military",
                actor1_name="Romania",
                actor1_country="ROU",
                actor2_name="Ukraine",
                admin1=None,
                country=None,
            ),
        ],
    }
]


def _perfect() -> dict[str, list[dict]]:
    return {"d1": [copy.deepcopy(e) for e in GOLD[0]["events"] if not e["is_aggregate"]]}


def test_perfect_predictions_score_f1_one():
    report = score(GOLD, _perfect(), aliases={})
    assert (report.true_positives, report.false_positives, report.false_negatives) == (3, 0, 0)
    assert report.f1 == 1.0
    assert all(report.field_accuracy(name) == 1.0 for name in report.field_total)


def test_missing_event_lowers_recall_and_is_listed():
    preds = _perfect()
    del preds["d1"][1]  # the Rozkishne strike
    report = score(GOLD, preds, aliases={})
    assert report.recall == pytest.approx(2 / 3)
    assert report.precision == 1.0
    assert [m["evidence"] for m in report.missed] == [GOLD[0]["events"][2]["evidence"]]


def test_invented_event_lowers_precision():
    preds = _perfect()
    preds["d1"].append(_event("Romania is sending a Patriot system to Ukraine.", event_type="PROTEST"))
    report = score(GOLD, preds, aliases={})
    assert report.precision == pytest.approx(3 / 4)
    assert report.recall == 1.0
    assert report.invented[0]["event_type"] == "PROTEST"


def test_wrong_event_type_does_not_match_and_is_reported_as_confusion():
    preds = _perfect()
    preds["d1"][2]["event_type"] = "SUPPORT"  # the AID event read as SUPPORT
    report = score(GOLD, preds, aliases={})
    assert (report.true_positives, report.false_positives, report.false_negatives) == (2, 1, 1)
    assert report.type_confusions[0]["gold_type"] == "AID"
    assert report.type_confusions[0]["predicted_type"] == "SUPPORT"


def test_wrong_fatalities_lowers_fatalities_accuracy_only():
    preds = _perfect()
    preds["d1"][1]["fatalities"] = 2
    report = score(GOLD, preds, aliases={})
    assert report.f1 == 1.0
    assert report.field_accuracy("fatalities") == pytest.approx(2 / 3)
    assert report.field_accuracy("admin1") == 1.0
    assert report.field_errors[0]["field"] == "fatalities"
    assert (report.field_errors[0]["gold"], report.field_errors[0]["predicted"]) == (3, 2)


def test_null_fatalities_equal_null_but_not_zero():
    preds = _perfect()
    preds["d1"][2]["fatalities"] = 0  # gold says nothing about deaths in the AID event
    report = score(GOLD, preds, aliases={})
    assert report.field_accuracy("fatalities") == pytest.approx(2 / 3)


def test_admin1_variant_matches_through_alias_file(tmp_path):
    alias_file = tmp_path / "admin1.tsv"
    alias_file.write_text(
        "# test aliases\ncountry_iso3\tadmin1\tvariants\tlat\tlon\n"
        "UKR\tZaporizhia\tZaporozhye|Zaporizhzhia|Zaporiz'ka oblast\t47.5\t35.5\n",
        encoding="utf-8",
    )
    gold = copy.deepcopy(GOLD)
    gold[0]["events"][1]["admin1"] = "Zaporizhia"
    preds = _perfect()
    preds["d1"][0]["admin1"] = "ZAPOROZHYE"
    with_aliases = score(gold, preds, aliases=load_admin1_aliases(alias_file))
    without = score(gold, preds, aliases={})
    assert with_aliases.field_accuracy("admin1") == 1.0
    assert without.field_accuracy("admin1") == pytest.approx(2 / 3)


def test_missing_alias_file_gives_empty_map(tmp_path):
    assert load_admin1_aliases(tmp_path / "absent.tsv") == {}


def test_gold_aggregate_is_optional_both_ways():
    aggregate = copy.deepcopy(GOLD[0]["events"][0])
    without = score(GOLD, _perfect(), aliases={})
    preds = _perfect()
    preds["d1"].append(aggregate)
    matched = score(GOLD, preds, aliases={})
    assert without.false_negatives == 0
    assert (matched.true_positives, matched.false_positives, matched.aggregate_matches) == (3, 0, 1)


def test_unmatched_predicted_aggregate_is_not_invented():
    preds = _perfect()
    summary = _event("Romania is sending a Patriot system to Ukraine.", is_aggregate=True, admin1="Kherson")
    preds["d1"].append(summary)  # an ASSAULT summary that matches no gold ASSAULT
    report = score(GOLD, preds, aliases={})
    assert report.false_positives == 0
    assert report.ignored_predicted_aggregates == 1


def test_each_prediction_matches_one_gold_event_only():
    # two predictions of the same Kostiantynivka strike: one matches, the duplicate is invented
    gold = copy.deepcopy(GOLD)
    del gold[0]["events"][0]  # without the aggregate, which would absorb the duplicate
    preds = _perfect()
    preds["d1"].append(copy.deepcopy(preds["d1"][0]))
    report = score(gold, preds, aliases={})
    assert (report.true_positives, report.false_positives) == (3, 1)


def test_best_scoring_pair_wins_among_same_type_events():
    # predictions in reverse order still pair with the events whose evidence they cite
    preds = {"d1": list(reversed(_perfect()["d1"]))}
    report = score(GOLD, preds, aliases={})
    assert report.field_accuracy("fatalities") == 1.0


def test_prediction_without_span_overlap_matches_on_fields():
    preds = _perfect()
    preds["d1"][0]["evidence"] = "headline: bomb hits Kostiantynivka"  # not in the text
    report = score(GOLD, preds, aliases={})
    assert report.true_positives == 3


def test_prediction_offsets_are_used_when_given():
    ev = "Three civilians were slain by cluster munitions in Rozkishne."
    start = TEXT.index(ev)
    preds = _perfect()
    preds["d1"][1].update(
        evidence="(sentence)", evidence_start=start, evidence_end=start + len(ev), admin1="X"
    )
    preds["d1"][1]["event_date"] = None
    report = score(GOLD, preds, aliases={})
    assert report.true_positives == 3


def test_actor_compares_name_when_gold_has_no_code():
    gold = copy.deepcopy(GOLD)
    gold[0]["events"][1].update(actor1_name="unidentified gunmen", actor1_country=None)
    preds = _perfect()
    preds["d1"][0].update(actor1_name="Unidentified  Gunmen", actor1_country=None)
    assert score(gold, preds, aliases={}).field_accuracy("actor1") == 1.0


def test_document_without_predictions_misses_all_its_events():
    report = score(GOLD, {}, aliases={})
    assert (report.false_negatives, report.recall) == (3, 0.0)


def test_fatality_totals_skip_aggregates():
    report = score(GOLD, _perfect(), aliases={})
    assert (report.gold_fatalities, report.predicted_fatalities) == (4, 4)


def test_load_gold_names_line_of_malformed_json(tmp_path):
    path = tmp_path / "g.jsonl"
    path.write_text(json.dumps(GOLD[0]) + "\n\n{not json\n", encoding="utf-8")
    with pytest.raises(GoldFormatError, match=r"g\.jsonl:3: not valid JSON"):
        load_gold(path)


def test_load_gold_rejects_record_without_events(tmp_path):
    path = tmp_path / "g.jsonl"
    path.write_text(json.dumps({"id": "x", "text": "t"}) + "\n", encoding="utf-8")
    with pytest.raises(GoldFormatError, match=r":1: missing key\(s\) events"):
        load_gold(path)


def test_evaluate_file_feeds_records_to_extract_fn(tmp_path):
    path = tmp_path / "g.jsonl"
    path.write_text(json.dumps(GOLD[0]) + "\n", encoding="utf-8")
    seen = []

    def fake_extract(records):
        seen.extend(r["id"] for r in records)
        return _perfect()

    report = evaluate_file(path, fake_extract)
    assert seen == ["d1"]
    assert report.f1 == 1.0


def test_report_formats_as_text_and_json():
    preds = _perfect()
    preds["d1"][1]["fatalities"] = 5
    report = score(GOLD, preds, aliases={})
    text = format_report(report)
    data = json.loads(json.dumps(report_to_dict(report)))
    assert "F1 1.000" in text
    assert "fatalities: 3 ≠ 5" in text
    assert data["field_accuracy"]["fatalities"] == pytest.approx(0.6667)
    assert data["f1"] == 1.0


def test_project_alias_file_maps_zaporozhye_to_zaporizhia():
    from sitrep.evaluate import DEFAULT_ALIASES

    if not DEFAULT_ALIASES.exists():
        pytest.skip("sitrep/data/admin1.tsv not built")
    aliases = load_admin1_aliases()
    gold = copy.deepcopy(GOLD)
    gold[0]["events"][1]["admin1"] = "Zaporizhia"
    preds = _perfect()
    preds["d1"][0]["admin1"] = "Zaporozhye"
    assert score(gold, preds, aliases=aliases).field_accuracy("admin1") == 1.0


def _mode_accuracy(gold_mode: str, **predicted) -> float:
    """event_mode accuracy of one AID event coded with gold_mode, predicted with the given fields."""
    gold = copy.deepcopy(GOLD)
    gold[0]["events"][3]["event_mode"] = gold_mode
    preds = _perfect()
    preds["d1"][2].update(predicted)
    return score(gold, preds, aliases={}).field_accuracy("event_mode")


def test_a_gold_factuality_in_event_mode_is_compared_with_the_predicted_factuality():
    # the gold sets code "is sending" as planned in event_mode; the extractor says factuality planned
    assert _mode_accuracy("planned", event_mode="military", factuality="planned") == 1.0
    assert _mode_accuracy("planned", event_mode="military", factuality="happened") == pytest.approx(2 / 3)


def test_a_gold_mode_needs_a_happened_prediction_with_that_mode():
    assert _mode_accuracy("military", event_mode="military", factuality="happened") == 1.0
    assert _mode_accuracy("military", event_mode="military", factuality="planned") == pytest.approx(2 / 3)
    # output without a factuality column (older sitrep) is compared on event_mode alone
    assert _mode_accuracy("military", event_mode="military") == 1.0


def test_a_threat_keeps_threatened_as_its_mode():
    assert _mode_accuracy("threatened", event_mode="threatened", factuality="happened") == 1.0
