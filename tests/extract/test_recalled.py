"""A clause recalling another attack ("..., a day after a drone strike killed 12") is its own event
(sitrep/extract/recalled.py): its toll and means never go to the sentence's main event."""

from sitrep.extract.run import extract_document
from tests.helpers import make_doc


def _assaults(text: str) -> list[dict]:
    return [e for e in extract_document(make_doc(text)) if e["event_type"] == "ASSAULT"]


def test_a_recalled_strike_is_its_own_event_dated_from_the_interval():
    events = _assaults(
        "Militiamen stormed the town of Dangila on Monday and fought federal troops for hours, residents "
        "said, a day after a drone strike on a nearby market killed at least 12 people."
    )
    assert len(events) == 2
    main, recalled = events
    assert main["fatalities"] is None and main["event_mode"] != "drone"
    assert recalled["fatalities"] == 12 and recalled["event_mode"] == "drone"
    assert str(recalled["event_date"]) == "2024-06-16"  # Monday 17 June, a day after


def test_an_opening_interval_clause_ends_at_its_comma():
    events = _assaults(
        "Three days after militants killed seven policemen near Tank on Monday, troops raided a hideout in "
        "Bannu and killed five militants."
    )
    assert sorted(e["fatalities"] for e in events) == [5, 7]


def test_the_next_sentence_toll_goes_to_the_main_event_not_the_recalled_one():
    events = _assaults(
        "Gunmen attacked a base near Jalalaqsi on Friday, hours after a roadside bomb killed three soldiers "
        "near Buulobarde. Two soldiers were wounded in the fighting."
    )
    by_toll = {e["fatalities"]: e for e in events}
    assert by_toll[3]["injuries"] is None
    assert any(e["injuries"] == 2 and e["fatalities"] is None for e in events)


def test_an_interval_without_an_attack_of_its_own_keeps_the_sentence_whole():
    events = _assaults("Two of the wounded died two days after the attack on the market, which killed five.")
    assert len(events) == 1


def test_an_event_named_only_to_date_the_recalled_attack_gives_no_event_of_its_own():
    events = extract_document(
        make_doc(
            "The protest came two days after gunmen shot dead the leader of a packers' association on a "
            "road outside Buenavista, prosecutors said."
        )
    )
    assert [e["event_type"] for e in events] == ["ASSAULT"]
    assert events[0]["fatalities"] == 1
