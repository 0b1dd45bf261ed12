"""Extraction time grows linearly with a sentence's length, and no sentence is longer than the cap.

The linearity guard counts work, not seconds: the Python lines the extractor executes on a sentence of
n tokens and of 4n tokens. Linear code executes about 4 times as many; each quadratic spot found in
issue 11 (a relative-aside scan per trigger, a list of the other places per place, a walk over a run
of names per actor, a recursion per coordinated verb) made it 10 to 14 times as many at these lengths.
Work done inside C (a slice, `x in list`) is not counted: `make bench` times the same shapes.
"""

from __future__ import annotations

import sys
from collections import Counter
from datetime import UTC, datetime

import pytest

from sitrep.extract.run import extract_document
from sitrep.extract.text import MAX_SENTENCE_TOKENS, _capped, sentences_of, tokenize
from sitrep.model import Document, Segment

ANCHOR = datetime(2024, 6, 5, 12, tzinfo=UTC)
N = 300  # tokens of the short sentence; 4 * N stays under MAX_SENTENCE_TOKENS


def one_segment(text: str) -> Document:
    """The text as one segment: the extractor alone, without ingest's furniture rules."""
    return Document("long", text, ANCHOR, segments=[Segment(0, 0, len(text), ANCHOR)])


# Sentence shapes of about n tokens, each once quadratic somewhere in the extractor.
SHAPES = {
    "a trigger on every word": lambda n: "killed " * n,
    "a list of places": lambda n: "Shelling hit " + "Kharkiv, Nikopol, Kherson, Sumy, " * (n // 8) + "today",
    "coordinated verbs": lambda n: "Russian forces " + "shelled Nikopol and " * (n // 3) + "withdrew",
    "titles after titles": lambda n: "Russian President " * (n // 2) + "visited Kyiv",
    "skippable place names": lambda n: "Shelling hit " + "South West Port Capital " * (n // 4) + "Kyiv",
    "accusations and demands": lambda n: (
        "Ukraine accused Russia of shelling and demanded that Moscow stop " * (n // 10)
    ),
    "quotes and parentheses": lambda n: (
        'Russian forces ( which ( shelled Kyiv ) said " it killed 3 " ) ' * (n // 14)
    ),
}


def lines_executed(text: str) -> int:
    """Python line events inside sitrep while extracting the text."""
    counts: Counter[str] = Counter()

    def local(frame, event, arg):
        if event == "line":
            counts["lines"] += 1
        return local

    def on_call(frame, event, arg):
        return local if "sitrep" in frame.f_code.co_filename else None

    document = one_segment(text)
    sys.settrace(on_call)
    try:
        extract_document(document)
    finally:
        sys.settrace(None)
    return counts["lines"]


@pytest.mark.skipif(sys.gettrace() is not None, reason="a debugger or coverage owns the trace hook")
@pytest.mark.parametrize("shape", list(SHAPES))
def test_work_grows_linearly_with_sentence_length(shape):
    extract_document(one_segment("Russian forces shelled Kyiv on Monday."))  # lexicons load outside the count
    make = SHAPES[shape]
    short, long = make(N), make(4 * N)
    assert len(tokenize(long, 0)) <= MAX_SENTENCE_TOKENS  # one sentence each, not pieces
    ratio = lines_executed(long) / lines_executed(short)
    assert 3 < ratio < 5, f"{shape}: 4x the tokens cost {ratio:.1f}x the work"


def test_a_long_coordination_of_verbs_does_not_exhaust_the_stack():
    # each "killed and" shares the subject of the verb before it: 990 links, once one recursion each
    text = "Russian forces shelled Kyiv and " + "killed and " * 990 + "withdrew."
    events = extract_document(one_segment(text))
    assert {e["event_type"] for e in events} >= {"ASSAULT", "RETREAT"}
    assert all(e["actor1_country"] == "RUS" for e in events)


def test_a_sentence_over_the_cap_is_read_in_pieces_cut_after_a_comma():
    tokens = tokenize("Kyiv, Kharkiv and Odesa, " * 1000, 0)  # 6,000 tokens, a comma every 3 then 2
    pieces = _capped(tokens)
    assert [t for piece in pieces for t in piece] == tokens  # nothing lost, nothing repeated
    assert all(len(piece) <= MAX_SENTENCE_TOKENS for piece in pieces)
    assert all(piece[-1].text == "," for piece in pieces[:-1])
    assert len(pieces[0]) > MAX_SENTENCE_TOKENS - 5  # cut at the last comma before the limit


def test_a_run_without_commas_is_cut_at_the_cap():
    pieces = _capped(tokenize("killed " * 5000, 0))
    assert [len(p) for p in pieces] == [MAX_SENTENCE_TOKENS, MAX_SENTENCE_TOKENS, 1000]


def test_an_event_beyond_the_cap_is_still_read():
    text = "Tanks " * 3000 + ", Russian forces shelled Nikopol on Monday, killing 3 civilians."
    document = one_segment(text)
    sentences = sentences_of(document)
    assert len(sentences) == 2 and max(len(s.tokens) for s in sentences) <= MAX_SENTENCE_TOKENS
    events = extract_document(document)
    assert [(e["event_type"], e["location_name"], e["fatalities"]) for e in events] == [
        ("ASSAULT", "Nikopol", 3)
    ]
    # the evidence is the piece that holds the event: from the cut at 2,000 tokens to the stop
    assert events[0]["evidence_start"] == len("Tanks ") * MAX_SENTENCE_TOKENS
    assert events[0]["evidence"].endswith(", Russian forces shelled Nikopol on Monday, killing 3 civilians.")


def test_merging_the_events_of_a_long_document_grows_linearly(monkeypatch):
    # 8,000 attacks in one document once took 51 s: each was compared with every earlier event
    from sitrep.extract import merge
    from sitrep.extract.lexicon import read_tsv

    towns = sorted(
        {r["name"] for r in read_tsv("gazetteer.tsv") if r["country_iso3"] == "UKR" and " " not in r["name"]}
    )
    calls = Counter()
    compatible = merge._compatible

    def counted(k, c):
        calls["n"] += 1
        return compatible(k, c)

    monkeypatch.setattr(merge, "_compatible", counted)

    def comparisons(n: int) -> int:
        calls.clear()
        text = " ".join(f"Russian forces shelled {town} on Monday." for town in towns[:n])
        extract_document(one_segment(text))
        return calls["n"]

    # each event is compared with at most MERGE_REACH earlier ones; with every earlier one, 1,200 distinct
    # attacks take about 720,000 comparisons
    assert comparisons(4 * N) <= 4 * N * merge.MERGE_REACH < (4 * N) ** 2 / 2
