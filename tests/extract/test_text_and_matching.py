"""Tokenizer, sentence splitter and phrase matcher: the invariants the speed work relies on."""

from hypothesis import given, settings
from hypothesis import strategies as st

from sitrep.extract.lexicon import PhraseMatcher
from sitrep.extract.text import _split_sentences, tokenize

# pieces with the characters the tokenizer treats specially: apostrophes, hyphens, abbreviations,
# a capital whose lower case is longer (İ), a non-Latin digit
TEXTS = st.lists(
    st.sampled_from(list("abcXYZ éÉİß’'-.,!?0123456 \t\n") + ["Kyiv", "U.S.", "Mr.", "’s", "٣"]),
    max_size=40,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(TEXTS, st.integers(min_value=0, max_value=1000))
def test_tokens_point_at_their_text_and_cover_every_visible_character(text, base):
    tokens = tokenize(text, base)
    covered = 0
    for tok in tokens:
        assert text[tok.start - base : tok.end - base] == tok.text
        covered += len(tok.text)
        assert tok.low == (
            "'s"
            if tok.text in ("'s", "'S", "\u2019s", "\u2019S")
            else tok.text.lower().replace("\u2019", "'")
        )
        assert tok.is_cap == tok.text[0].isupper()
    assert covered == sum(1 for ch in text if not ch.isspace())


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_sentence_split_keeps_every_token_in_order(text):
    tokens = tokenize(text, 0)
    assert [t for sentence in _split_sentences(tokens) for t in sentence] == tokens


def test_sentences_end_at_marks_but_not_after_abbreviations_or_initials():
    tokens = tokenize("Mr. Smith met J. Doe in the U.S. on Monday. Shelling resumed! Was it over? no", 0)
    sentences = [" ".join(t.text for t in s) for s in _split_sentences(tokens)]
    assert sentences == [
        "Mr . Smith met J . Doe in the U.S . on Monday .",
        "Shelling resumed !",
        "Was it over ? no",
    ]


def _lows(text):
    return [t.low for t in tokenize(text, 0)]


def test_matcher_prefers_the_longest_phrase_and_never_overlaps():
    m = PhraseMatcher()
    m.add("air strike", "long")
    m.add("air", "short")
    m.add("strike", "verb")
    lows = _lows("An air strike and a strike from the air")
    assert m.find(lows) == [(1, 3, "long"), (5, 6, "verb"), (8, 9, "short")]


def test_matcher_created_after_a_sentence_was_scanned_still_sees_it():
    # the scan of a sentence is shared by all matchers; a lexicon that loads later must not miss words
    lows = _lows("Drones hit a depot near the border")
    first = PhraseMatcher()
    first.add("depot", 1)
    assert first.find(lows) == [(3, 4, 1)]
    later = PhraseMatcher()
    later.add("border", 2)
    assert later.find(lows) == [(6, 7, 2)]
    assert first.find(lows) == [(3, 4, 1)]


def test_match_at_reads_only_from_the_given_token():
    m = PhraseMatcher()
    m.add("defence ministry", "government")
    m.add("defence", "military")
    lows = _lows("the defence ministry said")
    assert m.match_at(lows, 1) == (3, "government")
    assert m.match_at(lows, 2) is None
    assert m.match_at(_lows("defence forces"), 0) == (1, "military")
