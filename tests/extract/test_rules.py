"""The extractor's named rules: each field group has one owner module that decides it (decide.py), every
rule id used in the code is listed in sitrep/data/rules.tsv and every listed one is used, and
`explained` output names the rule and the words behind each field."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from sitrep.extract.decide import FIELDS, OWNERS
from sitrep.extract.lexicon import read_tsv
from tests.helpers import make_doc

EXTRACT = Path(__file__).resolve().parents[2] / "sitrep" / "extract"
RULE_ID = re.compile(r"^(type|mode|factuality|actors|place|date|casualties|quantities)\.[a-z_]+$")
# restate.py's rules hand a restatement's fields to every owner (its ids are its own constants)
RESTATE_ID = re.compile(r"^restate\.[a-z_]+$")
GROUP_OWNER = {
    "type": "kinds",
    "mode": "kinds",
    "factuality": "kinds",
    "actors": "roles",
    "place": "locate",
    "date": "dating",
    "casualties": "tolls",
    "quantities": "quantities",
}
CANDIDATE_ATTRS = {a for attrs in FIELDS.values() for a in attrs}
NOT_CANDIDATES = ("ctx", "t", "cas", "q")  # context, trigger, casualties and quantity of a sentence


def _modules():
    for path in sorted(EXTRACT.glob("*.py")):
        yield path.stem, ast.parse(path.read_text(encoding="utf-8"))


def _decide_calls():
    """(module, field, rule) of every decide(...) call; field or rule None when it is not a literal (a
    loop over the counts: the module must then own some field)."""
    for module, tree in _modules():
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "decide":
                field, rule = node.args[1], node.args[3]
                yield (
                    module,
                    field.value if isinstance(field, ast.Constant) else None,
                    rule.value if isinstance(rule, ast.Constant) else None,
                )


def _listed() -> dict[str, set[str]]:
    return {r["id"]: set(r["field"].split(",")) for r in read_tsv("rules.tsv")}


def test_each_field_is_decided_only_by_its_owner_module():
    calls = list(_decide_calls())
    assert len(calls) > 50
    wrong = [(m, f) for m, f, _r in calls if (OWNERS[f] if f else m) != m or m not in OWNERS.values()]
    assert wrong == []


def test_no_module_sets_a_candidate_field_but_through_decide():
    """Only decide.py assigns a decided attribute of a candidate (attributes of the same name of a
    context, a trigger, or the counts of a sentence, ctx.place, t.factuality, q.weapon, are no
    candidate's; numbers.py counts, it decides nothing)."""
    found = []
    for module, tree in _modules():
        if module == "decide":
            continue
        for node in ast.walk(tree):
            targets = node.targets if isinstance(node, ast.Assign) else []
            for t in targets:
                for el in t.elts if isinstance(t, ast.Tuple) else [t]:
                    base = getattr(getattr(el, "value", None), "id", None)
                    if (
                        isinstance(el, ast.Attribute)
                        and el.attr in CANDIDATE_ATTRS
                        and base not in NOT_CANDIDATES
                    ):
                        found.append(f"{module}: {base}.{el.attr}")
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "id", None) == "setattr"
                and module != "numbers"
            ):
                found.append(f"{module}: setattr")
            # a copy or a new candidate with a decided field given (Candidate() needs the three that
            # kinds.trigger_kind decides right after)
            func = getattr(node, "func", None)
            name = getattr(func, "id", None) or getattr(func, "attr", None)
            first = getattr(node.args[0], "id", None) if isinstance(node, ast.Call) and node.args else None
            if (
                isinstance(node, ast.Call)
                and name in ("replace", "copy", "Candidate")
                and first not in NOT_CANDIDATES
            ):
                allowed = {"event_type", "mode", "factuality"} if name == "Candidate" else set()
                found += [
                    f"{module}: {name}({k.arg}=)" for k in node.keywords if k.arg in CANDIDATE_ATTRS - allowed
                ]
    assert found == []


def test_every_rule_id_in_the_code_is_listed_with_its_field_and_owner():
    listed = _listed()
    for module, field, rule in _decide_calls():
        if rule is None or field is None:
            continue
        assert rule in listed, f"{rule} ({module}) is not in sitrep/data/rules.tsv"
        assert field in listed[rule], f"{rule} sets {field}; rules.tsv says {sorted(listed[rule])}"
    for rule, fields in listed.items():
        if RESTATE_ID.match(rule):
            assert fields <= set(FIELDS), (rule, fields)
            continue
        assert RULE_ID.match(rule), rule
        assert fields <= set(FIELDS), (rule, fields)
        assert all(OWNERS[f] == GROUP_OWNER[rule.split(".")[0]] for f in fields), rule


def test_every_listed_rule_id_is_used_in_the_code():
    used = set()
    for _module, tree in _modules():
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and RULE_ID.match(node.value):
                used.add(node.value)
    used.discard("actors.tsv")  # a file name, not a rule
    assert {r for r in _listed() if not RESTATE_ID.match(r)} == used
    from sitrep.extract.restate import RULES

    # habitual and background drop, detail merges (each field's owner decides with its own merge rule):
    # none sets a field
    assert {r for r in _listed() if RESTATE_ID.match(r)} == set(RULES) - {
        "restate.habitual",
        "restate.background",
        "restate.detail",
    }


def _explained(text: str) -> list[dict]:
    from sitrep.extract.run import extract_document

    return [r["explain"] for r in extract_document(make_doc(text), explained=True)]


def test_explain_names_the_passive_agent_rule_and_its_words_for_actor1():
    (ex,) = _explained("Two villages near Kherson were shelled by Russian forces on Monday.")
    assert ex["trigger"]["words"] == "shelled"
    assert ex["trigger"]["lexicon"]["event_type"] == "ASSAULT"
    a1 = ex["fields"]["actor1"]
    assert a1["rule"] == "actors.passive_agent"
    assert a1["words"] == "Russian forces"
    assert a1["value"][1] == "RUS"
    assert ex["fields"]["event_date"]["rule"] == "date.in_sentence"
    assert ex["fields"]["event_date"]["words"] == "Monday"
    # the ACLED coding names the rows of its two tables that matched
    assert ex["fields"]["acled"]["rule"].split()[0].startswith("acled.")


def test_explain_names_the_toll_after_rule_for_a_toll_in_the_next_sentence():
    (ex,) = _explained("A Russian missile hit a market in Kharkiv. Four people were hurt.")
    injuries = ex["fields"]["injuries"]
    assert (injuries["value"], injuries["rule"]) == (4, "casualties.toll_after")
    assert "Four" in injuries["words"]
    assert ex["fields"]["place"]["rule"] == "place.in_sentence"


def test_explain_names_the_context_rule_for_an_attacker_named_before():
    events = _explained(
        "Russian forces shelled Kherson on Monday. In Mykolaiv, a guided bomb destroyed a school."
    )
    assert events[-1]["fields"]["actor1"]["rule"] == "actors.attacker_from_context"
    assert events[-1]["fields"]["actor1"]["words"] == "Russian forces"


@pytest.mark.parametrize("explained", [False, True])
def test_explained_output_differs_from_plain_output_only_by_the_explain_key(explained):
    from sitrep.extract.run import extract_document

    text = "Ukrainian drones hit an oil depot in the Bryansk region, the governor said."
    plain = extract_document(make_doc(text))
    out = extract_document(make_doc(text), explained=explained)
    assert [{k: v for k, v in r.items() if k != "explain"} for r in out] == plain
    assert all(("explain" in r) == explained for r in out)


def test_explain_of_a_salvo_split_by_weapon_quotes_the_weapons_and_the_interception():
    missiles, drones = _explained(
        "Russia launched nine missiles and 27 drones at Kyiv overnight. "
        "Five of the missiles and all of the drones were downed."
    )
    for part, weapon in ((missiles, "missile"), (drones, "drone")):
        assert part["fields"]["weapon"] == {
            "value": weapon,
            "rule": "quantities.split_by_weapon",
            "words": "missiles and 27 drones",
        }
        assert part["fields"]["intercepted"]["words"].endswith("were downed.")
    assert missiles["fields"]["intercepted"]["value"] == 5


def test_explain_names_the_rereading_of_a_negated_agreement_as_the_type_rule():
    (ex,) = _explained("Poland did not agree to the plan.")
    assert ex["fields"]["event_type"] == {
        "value": "REJECT",
        "rule": "type.negated_agreement",
        "words": "agree",
    }
    assert ex["trigger"]["lexicon"]["phrase"] == "agree"


def test_explain_names_the_toll_of_previous_rule_when_the_next_sentence_only_counts_the_dead():
    (ex,) = _explained(
        "Israeli troops clashed with Hezbollah near Kfar Kila. Two Israeli soldiers were killed."
    )
    assert ex["fields"]["fatalities"] == {"value": 2, "rule": "casualties.toll_of_previous", "words": "Two"}


def test_explain_names_the_country_aid_arrived_in_as_its_recipient():
    (ex,) = _explained("A convoy of 40 trucks of food aid arrived in Sudan on Monday, the UN said.")
    assert ex["fields"]["actor2"]["rule"] == "actors.aid_received_in"
    assert ex["fields"]["actor2"]["words"] == "Sudan"


def test_explain_names_the_restatement_rule_that_raised_a_toll():
    text = (
        "A Russian missile hit a school in Kharkiv on Monday, killing four people.\n\n"
        "Later, the governor said the death toll had risen to seven."
    )
    (ex,) = _explained(text)
    assert (ex["fields"]["fatalities"]["value"], ex["fields"]["fatalities"]["rule"]) == (
        7,
        "restate.running_total",
    )
