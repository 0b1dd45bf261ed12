"""A report that states only an increment ("two more people died", "a fourth person has died") does not
replace the happening's total (sitrep/happen/increments.py, tolls.py): real extractor, real clustering."""

from __future__ import annotations

import pytest

from sitrep.happen import happenings_table
from sitrep.happen.increments import INCREMENT, TOTAL, read_toll
from tests.helpers import extracted_reports

STRIKE = "Saturday's Russian missile strike on an apartment building in Kharkiv, the regional governor said."
FIRST = (
    "KHARKIV, April 11 (Wire) - A Russian missile struck an apartment building in Kharkiv on Saturday, "
    "killing nine people, the regional governor said."
)
TWO_MORE = f"Two more people died in hospital on Sunday from wounds suffered in {STRIKE}"
FOURTH = f"A fourth person has died of wounds suffered in {STRIKE}"
RISEN = f"The death toll from {STRIKE[:-30]} has risen to 12, the regional governor said on Sunday."


def _happenings(*reports: tuple[str, str, str]):
    """(id, published_at, text) reports -> the happening rows of their events."""
    return happenings_table(extracted_reports(*reports))[1]


def _toll(*reports: tuple[str, str, str]) -> int:
    rows = _happenings(*reports)
    assert len(rows) == 1, rows  # the reports are one happening
    return int(rows.loc[0, "fatalities"])


def test_two_more_dead_add_to_the_total_told_before():
    assert (
        _toll(("a", "2026-04-11T23:30:00+03:00", FIRST), ("b", "2026-04-12T15:00:00+03:00", TWO_MORE)) == 11
    )


def test_the_same_increment_told_by_two_outlets_adds_once():
    assert (
        _toll(
            ("a", "2026-04-11T23:30:00+03:00", FIRST),
            ("b", "2026-04-12T15:00:00+03:00", TWO_MORE),
            ("c", "2026-04-12T16:00:00+03:00", TWO_MORE.replace("Two more people", "Two more residents")),
        )
        == 11
    )


def test_a_total_told_after_an_increment_replaces_both():
    reports = (
        ("a", "2026-04-11T23:30:00+03:00", FIRST),
        ("b", "2026-04-12T15:00:00+03:00", TWO_MORE),
        ("c", "2026-04-12T19:00:00+03:00", RISEN),
    )
    assert _toll(*reports) == 12


def test_an_ordinal_victim_is_the_toll_it_names():
    first = FIRST.replace("killing nine people", "killing three people")
    assert _toll(("a", "2026-04-11T23:30:00+03:00", first), ("b", "2026-04-12T15:00:00+03:00", FOURTH)) == 4


def test_an_increment_alone_is_the_happenings_figure():
    rows = _happenings(("b", "2026-04-12T15:00:00+03:00", TWO_MORE))
    assert rows["fatalities"].tolist() == [2]


@pytest.mark.parametrize(
    ("evidence", "fatalities", "expected"),
    [
        ("Two of the injured died in hospital overnight, a relative said.", 2, (INCREMENT, 2)),
        ("Another two civilians were killed.", 2, (INCREMENT, 2)),
        ("A third Syrian soldier has died of wounds.", 1, (TOTAL, 3)),
        # the hard negatives: an ordinal that counts attacks, and a total that names its increment
        ("A second car bomb killed a policeman in the market.", 1, (TOTAL, 1)),
        ("Two more people died, bringing the number of dead to nine.", 9, (TOTAL, 9)),
        (None, 4, (TOTAL, 4)),
    ],
)
def test_read_toll(evidence, fatalities, expected):
    assert read_toll(evidence, fatalities) == expected
