"""spans.Marks answers what slicing the sentence answered, by the direct scan on short spans and
sentences and by its indexes on long ones: both paths checked against the plain definitions."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from sitrep.extract.spans import RELATIVE_OPENERS, Marks
from sitrep.extract.triggers import CLAUSE_BREAK

WORDS = st.sampled_from([",", ",", "which", "who", "the", "army", "to", "while", ";", "killed", "("])
SENTENCES = st.lists(WORDS, min_size=0, max_size=200)  # past the 64-token direct-scan limit


def aside_by_definition(lows: list[str], k: int) -> tuple[int, int] | None:
    """The comma-bounded relative aside holding token k, by scanning (the code Marks replaced)."""
    j = k - 1
    while j >= 0 and lows[j] != ",":
        j -= 1
    if j < 0 or lows[j + 1] not in RELATIVE_OPENERS or "," not in lows[k + 1 :]:
        return None
    return j, lows.index(",", k + 1)


@settings(max_examples=300, deadline=None)
@given(lows=SENTENCES)
def test_relative_aside_is_the_scan_for_every_token(lows):
    marks = Marks(lows)
    assert [marks.relative_aside(k) for k in range(len(lows))] == [
        aside_by_definition(lows, k) for k in range(len(lows))
    ]


@settings(max_examples=300, deadline=None)
@given(lows=SENTENCES, bounds=st.lists(st.tuples(st.integers(-5, 210), st.integers(-5, 210)), max_size=30))
def test_none_in_is_isdisjoint_of_the_slice(lows, bounds):
    marks = Marks(lows)
    for lo, hi in bounds:
        assert marks.none_in(CLAUSE_BREAK, lo, hi) == CLAUSE_BREAK.isdisjoint(lows[lo:hi]), (lo, hi)


def test_participle_commas_are_the_commas_before_an_ing_word():
    lows = "he said , speaking to reporters , that troops , fighting , held".split()
    assert Marks(lows).participle_commas() == [2, 9]
