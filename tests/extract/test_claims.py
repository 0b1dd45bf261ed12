"""A party's claim told inside a report (sitrep/extract/claims.py, lexicons/claim_cues.tsv): its figure is
no toll when the report states its own toll of the same victims, and stays the toll when the report states
none. The texts are new (not gold sentences)."""

from __future__ import annotations

import pytest

from tests.extract.test_restate import attacks, killed


@pytest.mark.parametrize(
    ("text", "dead"),
    [
        # the claim in the next paragraph, a claim verb with an infinitive
        (
            "Gunmen attacked an army post near Gao on Monday, killing six soldiers, officials said.\n"
            "The Islamic State Sahel Province claimed to have killed 35 soldiers.",
            6,
        ),
        # the group speaking of its own fighters, after the claim of the attack
        (
            "At least 11 soldiers died when militants stormed a base in Kidal on Tuesday, a security source said.\n"
            "JNIM claimed the raid, saying its fighters had killed 50 soldiers.",
            11,
        ),
        # the claim and the report's toll in one sentence, past "but"
        (
            "Al Shabaab said its fighters had killed 25 soldiers in an attack near Kismayo on Sunday, but "
            "a local official said three soldiers died.",
            3,
        ),
    ],
)
def test_a_claim_beside_the_reports_own_toll_is_no_toll(extract, text, dead):
    events = extract(text)
    assert len(attacks(events)) == 1
    assert killed(events) == dead


@pytest.mark.parametrize(
    ("text", "dead"),
    [
        # no toll of the report's own: the claim is the toll
        (
            "The Islamic State said in a statement that its fighters had killed seven soldiers in an attack "
            "near Mocimboa da Praia on Thursday. The army did not comment.",
            7,
        ),
        # the other side's losses a party gives still add
        (
            "Jihadists ambushed an army patrol near Djibo on Sunday, killing five soldiers. The army said its "
            "troops killed 12 assailants.",
            17,
        ),
        # a claim dating its own attack keeps its toll
        (
            "Rebels detonated a bomb under a police truck near Dantewada on Monday, killing four policemen. "
            "The truck was returning from an operation in which police said they had killed three rebels on "
            "Saturday.",
            7,
        ),
    ],
)
def test_counts_that_are_no_competing_claim_stay(extract, text, dead):
    assert killed(extract(text)) == dead


def test_a_death_in_hospital_elsewhere_dates_the_death_not_the_attack(extract):
    """Class (c) of happenings_errors_stop19.md (dating.py `_of_the_death`): "died of his wounds in hospital
    in Peshawar on Sunday" is dated by the death, so the toll update joins the attack of Friday."""
    events = extract(
        "Gunmen attacked a police station near Kohat on Friday night, killing two policemen and wounding four.\n"
        "One of the wounded policemen died of his wounds in hospital in Peshawar on Sunday, raising the toll "
        "to three."
    )
    assert [(str(e["event_date"]), e["fatalities"]) for e in attacks(events)] == [("2024-06-14", 3)]
