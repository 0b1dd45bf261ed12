import pytest

from sitrep.extract.numbers import casualties_in, numbers_in, weapons_in
from sitrep.extract.text import tokenize


def lows(text: str) -> list[str]:
    return [t.low for t in tokenize(text, 0)]


def casualties(text: str):
    ls = lows(text)
    return casualties_in(ls, numbers_in(ls))


def test_number_words_and_digits_are_read():
    nums = numbers_in(lows("twenty-seven, 1,200 and 4.8 million and a dozen"))
    assert sorted(n.value for n in nums.values()) == [12, 27, 1200, 4_800_000]


def test_killed_and_wounded_counts_are_separated():
    cas = casualties("Five soldiers were killed and seven wounded in the ambush.")
    assert (cas.fatalities, cas.injuries) == (5, 7)
    assert cas.victim_type == "state_forces"


def test_count_after_the_verb_is_read():
    cas = casualties("The blast killed at least 10 people and injured another.")
    assert (cas.fatalities, cas.injuries) == (10, 1)


def test_a_single_person_counts_as_one():
    cas = casualties("A 61-year-old woman was killed by shrapnel.")
    assert cas.fatalities == 1 and cas.victim_type == "civilians"


def test_part_of_a_count_is_not_added():
    cas = casualties("Four people were injured, two of them were hospitalised.")
    assert cas.injuries == 4


@pytest.mark.parametrize(
    "text",
    [
        "Two fishermen went missing and nine were wounded.",
        "Nine were wounded and two fishermen went missing.",
    ],
)
def test_missing_people_are_counted_apart(text):
    # counted in `missing`, and added neither to the killed nor to the wounded
    cas = casualties(text)
    assert (cas.fatalities, cas.injuries, cas.missing) == (None, 9, 2)


def test_ages_and_years_are_not_casualties():
    cas = casualties("The 40-year-old mayor said 2023 was hard.")
    assert not cas.any


def test_launched_weapons_are_summed_by_class():
    ls = lows("The enemy launched four missiles and 12 attack drones.")
    q = weapons_in(ls, numbers_in(ls), intercept=False)
    assert q.quantity == 16 and q.by_weapon == {"missile": 4, "drone": 12}


def test_interceptions_read_part_and_all():
    ls = lows("Three of the missiles and all of the drones were shot down.")
    q = weapons_in(ls, numbers_in(ls), intercept=True)
    assert q.by_weapon == {"missile": 3, "drone": -1}


def test_salvo_of_two_kinds_is_one_event_per_kind_with_its_interceptions(extract):
    events = extract(
        "Russian forces attacked Odesa overnight with six missiles and 20 drones. "
        "Two of the missiles and all of the drones were intercepted."
    )
    got = sorted(
        (e["weapon"], e["quantity"], e["intercepted"], e["event_mode"])
        for e in events
        if e["event_type"] == "ASSAULT"
    )
    assert got == [("drone", 20, 20, "drone"), ("missile", 6, 2, "aerial")]
    assert len({e["event_id"] for e in events}) == len(events)


@pytest.mark.parametrize(
    "sentence",
    ["Air defences shot down six Shahed drones over Kyiv.", "Russia launched 40 Shahed drones at Ukraine."],
)
def test_a_count_before_a_named_weapon_counts_once(sentence):
    # "Shahed drones" matches as "Shahed" and as "drones": the one number before them once counted twice
    ls = lows(sentence)
    q = weapons_in(ls, numbers_in(ls), intercept="shot down" in sentence)
    assert q.by_weapon == {"drone": 6 if "six" in sentence else 40}


@pytest.mark.parametrize("partitive", ["of", "out of"])
def test_downed_count_of_a_stated_salvo(extract, partitive):
    (event,) = extract(
        f"Russia launched drones overnight. Air defences intercepted 35 {partitive} 40 drones."
    )
    assert (event["quantity"], event["intercepted"]) == (40, 35)


def test_vague_amounts_are_not_counts():
    cas = casualties("Dozens of people were killed.")
    assert cas.fatalities is None


def test_no_casualties_gives_zero():
    cas = casualties("The drone hit a barn; no one was hurt.")
    assert (cas.fatalities, cas.injuries) == (0, 0)


def test_count_after_an_active_verb_wins_over_an_article_before_it():
    cas = casualties("In Mosul, a raid on a family compound killed 9 people, officials said.")
    assert cas.fatalities == 9
