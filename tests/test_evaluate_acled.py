"""The ACLED coding scorer (sitrep/evaluate_acled.py) on hand-written gold/predicted pairs, and
`sitrep eval` on the ACLED-coded development set."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from sitrep.cli import app
from sitrep.evaluate_acled import NONE, format_acled, has_acled, largest_type_confusions, score_acled

GOLD_DIR = Path(__file__).parent / "gold"
VAC, BAT, ERV, SD = (
    "Violence against civilians",
    "Battles",
    "Explosions/Remote violence",
    "Strategic developments",
)

SENTENCES = [
    "Gunmen killed five villagers in Alpha.",
    "Troops clashed with rebels in Beta.",
    "A drone hit a market in Gamma.",
    "The minister accused the rebels of lying.",
    "The governor accused the army of abuses.",
]
TEXT = " ".join(SENTENCES)


def event(n: int, event_type: str, acled: str | None, sub: str | None, **extra) -> dict:
    return {
        "event_type": event_type,
        "acled_event_type": acled,
        "acled_sub_event_type": sub,
        "evidence": SENTENCES[n],
        **extra,
    }


def gold_and_predicted() -> tuple[list[dict], dict[str, list[dict]]]:
    gold = [
        event(0, "ASSAULT", VAC, "Attack"),
        event(1, "ASSAULT", BAT, "Armed clash"),
        event(2, "ASSAULT", ERV, "Air/drone strike"),
        event(3, "ACCUSE", None, None),
        event(4, "ACCUSE", None, None),
    ]
    predicted = [
        event(0, "ASSAULT", BAT, "Armed clash"),  # wrong type
        event(1, "ASSAULT", BAT, "Armed clash"),  # right
        event(2, "ASSAULT", ERV, "Shelling/artillery/missile attack"),  # right type, wrong sub-type
        event(3, "ACCUSE", None, None),  # null = null: right
        event(4, "ACCUSE", SD, "Other"),  # ACLED codes nothing here: wrong
    ]
    return [{"id": "d1", "text": TEXT, "events": gold}], {"d1": predicted}


def test_type_and_sub_type_accuracy_over_matched_events():
    records, predicted = gold_and_predicted()
    report = score_acled(records, predicted, aliases={})
    assert report.matched == 5
    assert (report.type_correct, report.sub_type_correct) == (3, 2)
    assert report.type_accuracy == 0.6
    assert report.sub_type_accuracy == 0.4


def test_confusion_table_counts_gold_type_by_predicted_type():
    records, predicted = gold_and_predicted()
    report = score_acled(records, predicted, aliases={})
    assert report.confusion == {
        VAC: {BAT: 1},
        BAT: {BAT: 1},
        ERV: {ERV: 1},
        NONE: {NONE: 1, SD: 1},
    }
    assert largest_type_confusions(report) == [(NONE, SD, 1), (VAC, BAT, 1)]
    assert report.sub_type_confusions == [
        ("(none)", "Other", 1),
        ("Air/drone strike", "Shelling/artillery/missile attack", 1),
        ("Attack", "Armed clash", 1),
    ]


def test_sub_type_confusions_rank_by_frequency_and_keep_ten():
    sentences = [f"Gunmen attacked village number {n}." for n in range(14)]
    gold = [{"event_type": "ASSAULT", "acled_event_type": VAC, "acled_sub_event_type": "Attack",
             "evidence": s} for s in sentences]  # fmt: skip
    predicted = [{**g, "acled_event_type": BAT, "acled_sub_event_type": "Armed clash"} for g in gold[:3]]
    predicted += [{**g, "acled_sub_event_type": f"Other{n}"} for n, g in enumerate(gold[3:])]
    records = [{"id": "d", "text": " ".join(sentences), "events": gold}]
    report = score_acled(records, {"d": predicted}, aliases={})
    assert report.sub_type_confusions[0] == ("Attack", "Armed clash", 3)
    assert len(report.sub_type_confusions) == 10
    assert report.sub_type_correct == 0


def test_null_types_agree_whether_missing_none_or_empty():
    gold = [event(3, "ACCUSE", None, None), event(4, "ACCUSE", None, None)]
    records = [{"id": "d1", "text": TEXT, "events": gold}]
    predicted = [
        {"event_type": "ACCUSE", "evidence": SENTENCES[3]},  # no ACLED keys at all
        event(4, "ACCUSE", "", ""),
    ]
    report = score_acled(records, {"d1": predicted}, aliases={})
    assert (report.matched, report.type_correct, report.sub_type_correct) == (2, 2, 2)
    assert report.confusion == {NONE: {NONE: 2}}
    assert report.sub_type_confusions == []
    assert report.coded_gold == 0


def test_unmatched_acled_coded_gold_events_are_counted_missed():
    records, predicted = gold_and_predicted()
    records[0]["events"].append(event(0, "ASSAULT", VAC, "Attack", is_aggregate=True))  # optional
    # drop the predictions for the Beta clash (coded) and the minister's accusation (not coded)
    kept = [p for p in predicted["d1"] if p["evidence"] not in (SENTENCES[1], SENTENCES[3])]
    report = score_acled(records, {"d1": kept}, aliases={})
    assert report.coded_gold == 3
    assert report.coded_missed == 1
    assert abs(report.coded_recall - 2 / 3) < 1e-9
    assert report.matched == 3


def test_has_acled_only_when_the_gold_carries_the_keys():
    records, _ = gold_and_predicted()
    assert has_acled(records)
    plain = [{"id": "d", "text": TEXT, "events": [{"event_type": "ASSAULT", "evidence": SENTENCES[0]}]}]
    assert not has_acled(plain)


def test_text_block_shows_accuracy_and_the_confusion_rows():
    records, predicted = gold_and_predicted()
    text = format_acled(score_acled(records, predicted, aliases={}))
    assert "event type      0.600  (3/5)" in text
    assert "sub-event type  0.400  (2/5)" in text
    row = next(line for line in text.splitlines() if line.strip().startswith("VIO "))
    assert row.split()[-5:] == ["1", ".", ".", ".", "."]  # gold VAC -> predicted Battles


def _acled_coded(path: Path) -> int:
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return sum(
        1 for r in records for e in r["events"] if e.get("acled_event_type") and not e.get("is_aggregate")
    )


def test_eval_json_on_acled_dev_carries_the_acled_figures():
    result = CliRunner().invoke(app, ["eval", str(GOLD_DIR / "acled_dev.jsonl"), "--format", "json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    acled = out["acled"]
    assert acled["matched"] == out["true_positives"]
    assert 0 < acled["sub_type_correct"] <= acled["type_correct"] <= acled["matched"]
    assert acled["type_accuracy"] == round(acled["type_correct"] / acled["matched"], 4)
    assert sum(n for row in acled["confusion"].values() for n in row.values()) == acled["matched"]
    assert acled["coded_gold"] == _acled_coded(GOLD_DIR / "acled_dev.jsonl")
    assert 0 <= acled["coded_missed"] <= out["false_negatives"]
    assert len(acled["sub_type_confusions"]) == 10


def test_eval_on_a_gold_file_without_acled_keys_prints_no_acled_block():
    dev = str(GOLD_DIR / "dev.jsonl")
    as_json = CliRunner().invoke(app, ["eval", dev, "--format", "json"])
    assert as_json.exit_code == 0 and "acled" not in json.loads(as_json.output)
    as_text = CliRunner().invoke(app, ["eval", dev])
    assert as_text.exit_code == 0 and "ACLED" not in as_text.output


def test_inter_categories_are_scored_and_either_category_is_right_for_the_disputed_actors():
    gold = [
        event(0, "ASSAULT", VAC, "Attack", inter1="Political militias", inter2="Civilians"),
        event(
            1,
            "ASSAULT",
            BAT,
            "Armed clash",
            actor1_name="Houthis",
            inter1="Rebel groups",
            inter2="State forces",
        ),
        event(2, "ASSAULT", ERV, "Air/drone strike", actor1_name="Hamas", inter1="Rebel groups", inter2=None),
    ]
    predicted = [
        event(0, "ASSAULT", VAC, "Attack", inter1="Political militias", inter2="Civilians"),
        event(1, "ASSAULT", BAT, "Armed clash", inter1="State forces", inter2="State forces"),  # accepted
        event(2, "ASSAULT", ERV, "Air/drone strike", inter1="State forces", inter2="Civilians"),  # both wrong
    ]
    report = score_acled([{"id": "d1", "text": TEXT, "events": gold}], {"d1": predicted}, aliases={})
    assert report.inter_matched == 3
    assert (report.inter1_correct, report.inter2_correct) == (2, 2)
    assert "inter1          0.667  (2/3)" in format_acled(report)
