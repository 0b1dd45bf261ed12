"""Quarantine and dq_result rows say what failed in words, with the file name; the code stays in its column."""

from __future__ import annotations

import json
from string import Formatter

from sitrep.config import EXPECTATIONS_DIR
from sitrep.validate.wording import ANY, plain, wordings

PLACEHOLDERS = {
    "column",
    "value",
    "bounds",
    "value_set",
    "regex",
    "column_A",
    "value_A",
    "column_B",
    "value_B",
}


def rejection(outcomes, suite: str, source: str):
    (found,) = [r for r in outcomes[suite].rejections if r.source == source]
    return found


def dq_row(outcomes, suite: str, expectation: str) -> dict:
    (found,) = [row for row in outcomes[suite].results if row["expectation"] == expectation]
    return found


def test_a_document_with_nothing_to_read_is_quarantined_with_its_file_name_in_words(checked):
    outcomes, _ = checked
    hollow = rejection(outcomes, "documents", "hollow")
    assert hollow.reason == "expect_column_values_to_be_between(segments)"
    assert hollow.detail == (
        "news/hollow.html: nothing left to read once page furniture (captions, credits, link lines, "
        "headings) is set aside: 0 readable passages, expected at least 1"
    )


def test_an_event_with_a_negative_toll_names_its_file_the_event_and_the_bounds(checked):
    outcomes, _ = checked
    negative = rejection(outcomes, "events", "e-negative")
    assert negative.reason == "expect_column_values_to_be_between(fatalities)"
    assert negative.detail == (
        "kharkiv.txt, ASSAULT event at characters 40-80: -3 killed, expected a number between 0 and 1,000,000"
    )


def test_more_intercepted_than_launched_is_said_with_both_numbers(checked):
    outcomes, _ = checked
    downed = rejection(outcomes, "events", "e-downed")
    assert downed.detail.endswith(": 9 intercepted of 5 launched: more shot down than were launched")
    assert "expect_" not in downed.detail


def test_dq_result_rows_say_the_rule_how_many_failed_and_where(checked):
    outcomes, _ = checked
    failed = dq_row(outcomes, "events", "expect_column_values_to_be_between(fatalities)")
    assert failed["success"] is False
    assert failed["detail"] == (
        "the number killed is between 0 and 1,000,000. 1 of 3 events fails: kharkiv.txt, ASSAULT event at "
        "characters 40-80: -3 killed, expected a number between 0 and 1,000,000"
    )
    passed = dq_row(outcomes, "documents", "expect_column_values_to_be_between(published_year)")
    assert passed["detail"] == "published in a year between 1900 and 2100. All 2 documents pass"


def test_the_same_column_gets_the_words_of_its_suite(checked):
    outcomes, _ = checked
    in_events = dq_row(outcomes, "events", "expect_column_values_to_not_be_null(document_id)")
    in_documents = dq_row(outcomes, "documents", "expect_column_values_to_not_be_null(document_id)")
    assert in_events["detail"].startswith("every event names its document.")
    assert in_documents["detail"].startswith("every document has an id.")


def test_every_expectation_of_the_suites_has_words_of_its_own():
    # A new expectation without a line would fall back to "{column} is {value}, expected ...": say it better.
    table = wordings()
    for suite_file in EXPECTATIONS_DIR.glob("*.json"):
        suite = json.loads(suite_file.read_text())
        for expectation in suite["expectations"]:
            column = expectation["kwargs"].get("column") or expectation["kwargs"].get("column_A")
            keys = {(expectation["type"], suite["name"], column), (expectation["type"], ANY, column)}
            assert keys & set(table), f"{suite['name']}: {expectation['type']}({column}) has no wording line"


def test_templates_use_only_known_placeholders():
    for key, templates in wordings().items():
        for template in templates:
            names = {name for _, name, _, _ in Formatter().parse(template) if name}
            assert names <= PLACEHOLDERS, (key, names - PLACEHOLDERS)


def test_values_are_written_as_a_person_writes_them():
    assert [plain(v) for v in (3.0, -3, 1000000, 2100, None, float("nan"), 0.5, "UKR")] == [
        "3",
        "-3",
        "1,000,000",
        "2100",
        "missing",
        "missing",
        "0.5",
        "UKR",
    ]
