"""Later and stated tolls (sitrep/extract/tolls.py, numbers.py): a stated toll restates, an update in the
next paragraph or a revised figure raises the attack's dead, a month's total does not."""

from sitrep.extract.numbers import casualties_in, numbers_in
from sitrep.extract.run import extract_document
from sitrep.extract.text import tokenize
from tests.helpers import make_doc


def _assaults(text: str) -> list[dict]:
    return [e for e in extract_document(make_doc(text)) if e["event_type"] == "ASSAULT"]


def test_a_stated_toll_of_the_enemy_side_restates_and_adds_nothing():
    text = (
        "Nine members of the Maute Group were killed in a clash with Army troops in Butig on Saturday, the "
        "military said. One soldier was killed and two others were wounded in the hour-long firefight. "
        '"The death toll on the enemy side is now nine," he said, correcting an earlier figure of seven.'
    )
    tolls = [e["fatalities"] for e in _assaults(text)]
    assert tolls and max(tolls) <= 10 and sum(t or 0 for t in tolls) <= 10


def test_an_update_toll_in_the_next_paragraph_raises_the_attack_but_a_month_total_does_not():
    attack = "Gunmen killed at least 30 people in overnight attacks on villages near Bokkos on Tuesday.\n\n"
    raised = _assaults(attack + '"We have now buried 52 people," the council chairman said.\n')
    assert [e["fatalities"] for e in raised] == [52]
    month = _assaults(attack + "The council has now counted 38 deaths in December.\n")
    assert [e["fatalities"] for e in month] == [30]


def test_a_revised_number_after_a_first_count_is_the_toll_but_a_smaller_one_is_not():
    def dead(s: str):
        lows = [t.low for t in tokenize(s, 0)]
        return casualties_in(lows, numbers_in(lows)).fatalities

    assert dead("The Taliban said 46 people were killed; local elders later put the number at 51.") == 51
    assert dead("The Taliban said 46 people were killed; local elders later put the number at 40.") == 46
    assert dead("A strike killed 5 people, bringing the death toll from the week's fighting to 40.") == 5
