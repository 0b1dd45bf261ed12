from datetime import UTC, date, datetime

from sitrep.extract.dates import find_dates
from sitrep.extract.text import tokenize

THURSDAY = datetime(2024, 6, 20, 9, 30, tzinfo=UTC)


def dates_of(text: str, anchor=THURSDAY):
    toks = tokenize(text, 0)
    return find_dates(toks, [t.low for t in toks], anchor)


def test_weekday_in_a_thursday_entry_is_the_day_before():
    (ref,) = dates_of("Three houses burned on Wednesday.")
    assert ref.value == date(2024, 6, 19) and ref.precision == "day"


def test_same_weekday_as_anchor_is_the_anchor_day():
    (ref,) = dates_of("Shelling resumed on Thursday.")
    assert ref.value == date(2024, 6, 20)


def test_day_month_year_is_parsed_with_day_precision():
    (ref,) = dates_of("On 3 March 2023, troops entered the town.")
    assert ref.value == date(2023, 3, 3) and ref.precision == "day"


def test_month_day_without_year_takes_the_anchor_year():
    (ref,) = dates_of("Two boats were hit on May 30 near the coast.")
    assert ref.value == date(2024, 5, 30)


def test_month_day_after_the_anchor_belongs_to_the_previous_year():
    (ref,) = dates_of("The bridge was struck on December 12.")
    assert ref.value == date(2023, 12, 12)


def test_last_month_has_month_precision():
    (ref,) = dates_of("The raid happened last month.")
    assert ref.value == date(2024, 5, 1) and ref.precision == "month"


def test_next_week_points_to_the_future():
    (ref,) = dates_of("The minister will travel to Ankara next week.")
    assert ref.future and ref.value == date(2024, 6, 27)


def test_yesterday_is_one_day_before_the_anchor():
    (ref,) = dates_of("Drones hit a depot yesterday.")
    assert ref.value == date(2024, 6, 19)


def test_date_after_since_is_not_an_event_date():
    assert dates_of("It was his first trip since 2019.") == []


def test_modal_may_is_not_a_month():
    assert dates_of("Officials may visit the area.") == []


def test_year_after_in_has_year_precision():
    (ref,) = dates_of("The country left the alliance in 1999.")
    assert ref.value == date(1999, 1, 1) and ref.precision == "year"


def test_event_date_falls_back_to_the_anchor(extract):
    (ev,) = extract("Artillery shelled the village of Velyka Pysarivka in the Sumy region.")
    assert ev["event_date"] == date(2024, 6, 20) and ev["date_precision"] == "day"


def test_planned_event_with_vague_time_has_no_date(extract):
    (ev,) = extract("Norway will deliver six F-16 jets to Ukraine next year.")
    assert (ev["factuality"], ev["event_mode"], ev["event_date"]) == ("planned", "military", None)


def test_planned_weekday_looks_forward(extract):
    (ev,) = extract("The foreign ministers will meet in Vienna on Tuesday.")
    assert ev["event_date"] == date(2024, 6, 25)


def test_a_weekday_with_a_possessive_after_from_names_the_day_of_what_follows():
    # "the toll from Sunday's shelling rose": Sunday is the shelling's day, not the start of a period
    (ref,) = dates_of("The toll from Sunday's shelling rose to 23.")
    assert ref.value == date(2024, 6, 16)
    (ref,) = dates_of("The toll from Saturday night's raid has risen to 40.")
    assert ref.value == date(2024, 6, 15)
    assert dates_of("Prices have risen since Sunday.") == []


def test_a_night_from_one_day_to_the_next_takes_its_first_day():
    (ref,) = dates_of("In the night of 2 to 3 March 2025, gunmen attacked the post.")
    assert ref.value == date(2025, 3, 2)
    (ref,) = dates_of("The toll rose to 12 on 3 March 2025.")  # "to" without a range opener
    assert ref.value == date(2025, 3, 3)


def test_the_triggers_own_clause_dates_the_event_not_the_first_date_of_the_sentence(extract):
    # anchor Thursday 20 June 2024: the burial was on Thursday, the raid that killed them on Wednesday
    events = extract(
        "Villagers spent Thursday digging graves for 12 people killed when gunmen raided the village "
        "of Tarbaj on Wednesday afternoon."
    )
    assert [ev["event_date"] for ev in events if ev["event_type"] == "ASSAULT"] == [date(2024, 6, 19)]


def test_a_date_that_names_its_event_keeps_dating_it(extract):
    (ev,) = extract(
        "The toll from Tuesday's airstrike on Kharkiv rose to nine after two of the wounded died on Thursday."
    )
    assert ev["event_date"] == date(2024, 6, 18)


def test_a_day_with_an_ordinal_suffix_before_the_month_is_a_date():
    # "abducted on 25th February" (the tokenizer splits "25" "th"), "the 3rd of March"
    (ref,) = dates_of("Pupils abducted on 25th February were freed.")
    assert ref.value == date(2024, 2, 25) and ref.precision == "day"
    (ref,) = dates_of("The convoy was hit on the 3rd of March 2023.")
    assert ref.value == date(2023, 3, 3)
    assert dates_of("The 1st battalion moved north.") == []
