"""`sitrep extract --explain`: why each event is coded so, as text and as an "explain" object in JSON."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from sitrep.cli import app
from sitrep.model import EVENT_COLUMNS

TEXT = (
    "Two villages near Kherson were shelled by Russian forces on Monday.\n\n"
    "A Russian missile hit a market in Kharkiv. Four people were hurt.\n"
)


def invoke(*args: str):
    return CliRunner().invoke(app, list(args), env={"COLUMNS": "200"})


def test_explain_prints_trigger_rule_and_words_for_each_field(tmp_path):
    path = tmp_path / "report.txt"
    path.write_text(TEXT, encoding="utf-8")
    result = invoke("extract", str(path), "--explain")
    assert result.exit_code == 0, result.output
    first, second, legend = result.stdout.strip().split("\n\n")
    assert "trigger       'shelled' (lexicon: shell, verb, ASSAULT, artillery)" in first
    actor1 = next(line for line in first.splitlines() if line.lstrip().startswith("actor1"))
    assert "actors.passive_agent <- 'Russian forces'" in actor1
    injuries = next(line for line in second.splitlines() if line.lstrip().startswith("injuries"))
    assert "casualties.toll_after <- 'Four'" in injuries
    # the text ends with what each rule named does (sitrep/data/rules.tsv)
    assert legend.startswith("rules (sitrep/data/rules.tsv):")
    assert 'actors.passive_agent              the agent after "by" of a passive verb' in legend


def test_explain_as_json_adds_an_explain_object_to_each_event_line(tmp_path):
    path = tmp_path / "report.txt"
    path.write_text(TEXT, encoding="utf-8")
    result = invoke("extract", str(path), "--explain", "--format", "json")
    assert result.exit_code == 0, result.output
    events = [json.loads(line) for line in result.stdout.splitlines()]
    assert [list(e)[:-1] for e in events] == [EVENT_COLUMNS, EVENT_COLUMNS]
    assert events[0]["explain"]["fields"]["actor1"]["rule"] == "actors.passive_agent"
    assert events[1]["explain"]["fields"]["injuries"] == {
        "value": 4,
        "rule": "casualties.toll_after",
        "words": "Four",
    }
    plain = [json.loads(line) for line in invoke("extract", str(path)).stdout.splitlines()]
    assert [{k: v for k, v in e.items() if k != "explain"} for e in events] == plain


def test_text_format_without_explain_is_refused_in_one_line(tmp_path):
    path = tmp_path / "report.txt"
    path.write_text(TEXT, encoding="utf-8")
    result = invoke("extract", str(path), "--format", "text")
    assert result.exit_code == 2
    assert result.stderr.strip() == "sitrep: --format text: use json, or text with --explain"
