"""Hard-wrapped text (e-mail, plain-text wire copy): a single newline inside a paragraph is a space, so a
wrapped paragraph gives the events of the same paragraph on one line."""

from __future__ import annotations

import json
import textwrap
from datetime import UTC, datetime
from pathlib import Path

import pytest

from sitrep.extract.run import extract_document
from sitrep.extract.text import sentences_of
from sitrep.extract.wrap import soft_breaks
from sitrep.ingest.documents import build_document

GOLD = Path(__file__).resolve().parents[1] / "gold"
WHEN = datetime(2024, 6, 20, 12, tzinfo=UTC)
# what "the same events" means: type, mode, factuality, place, casualties, actors, date, counts
FIELDS = (
    "event_type", "event_mode", "factuality", "location_name", "admin1", "country", "fatalities",
    "injuries", "missing", "actor1_country", "actor2_country", "event_date", "quantity", "intercepted",
)  # fmt: skip


def events(text: str, when: datetime = WHEN) -> list[tuple]:
    document = build_document("wrap", text, when)
    return sorted(tuple(str(e[f]) for f in FIELDS) for e in extract_document(document))


def gold_paragraphs(name: str) -> list[tuple[str, datetime]]:
    """Every line of the gold texts long enough to wrap, with its record's publication time."""
    out = []
    for line in (GOLD / name).read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        when = datetime.fromisoformat(record["published_at"]) if record.get("published_at") else WHEN
        out += [(p, when) for p in record["text"].split("\n") if len(p) >= 90]
    return out


@pytest.mark.parametrize("width", [60, 66, 72])
def test_every_dev_gold_paragraph_wrapped_gives_the_events_of_the_unwrapped_one(width):
    paragraphs = gold_paragraphs("dev.jsonl")
    assert len(paragraphs) > 250
    differing = [
        wrapped
        for paragraph, when in paragraphs
        if events(wrapped := textwrap.fill(paragraph, width), when) != events(paragraph, when)
    ]
    assert differing == []


def test_one_wrapped_attack_is_one_event_with_its_place_and_casualties():
    text = (
        "Russian forces shelled the centre of Kherson on Thursday morning, hitting a\n"
        "bus stop and a pharmacy. Three civilians were killed and eight wounded, the\n"
        "regional governor said.\n"
    )
    (event,) = extract_document(build_document("mail", text, WHEN))
    assert (event["location_name"], event["fatalities"], event["injuries"]) == ("Kherson", 3, 8)
    assert event["actor1_country"] == "RUS"


def test_a_word_split_at_its_hyphen_is_one_word_again():
    paragraph = (
        "Further north, fighters of the Allied Democratic Forces killed twenty-three villagers in overnight raids on "
        "farms outside Beni, local civil society leaders said."
    )
    # the narrowest width from 60 up at which the wrapping breaks "twenty-three" at its hyphen
    wrapped = next(w for n in range(60, 80) if "twenty-\nthree" in (w := textwrap.fill(paragraph, n)))
    assert events(wrapped) == events(paragraph)
    assert events(wrapped)[0][FIELDS.index("fatalities")] == "23"


def test_a_blank_line_still_ends_the_paragraph_and_the_sentence():
    text = "Kherson was shelled. Russian forces fired on the centre on Thursday, hitting a\n\nbus stop.\n"
    sentences = sentences_of(build_document("blank", text, WHEN))
    assert [s.tokens[-1].text for s in sentences] == [".", "a", "."]
    assert sentences[1].paragraph != sentences[2].paragraph


LONG = "Russian forces shelled the centre of Kherson on Thursday morning, hitting"


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        # the next word would not fit: a wrap, also after a sentence end
        ([LONG, "a bus stop. Three people were killed, the governor said in a"], [True]),
        ([LONG + ".", "Three people were killed, the governor said on Friday."], [True]),
        # a short line (a heading) ends on purpose
        (["Kherson under fire", LONG + " a bus stop and a pharmacy."], [False]),
        # a list item, a live-blog entry, a dateline, an indented first line start anew
        ([LONG, "- Three people were killed in the attack on the bus stop."], [False]),
        ([LONG, "UPDATE 1445 GMT: Three people were killed in the attack."], [False]),
        ([LONG, "KYIV, June 20 (Reuters) - Three people were killed, he said."], [False]),
        ([LONG, "    Three people were killed in the attack, the governor said."], [False]),
        # "7." is item 7 only after item 6; else the end of a wrapped sentence ("risen to\n7.")
        ([LONG + " the", "7. Another 29 people were injured in the attack, he said."], [True]),
        (["6. " + LONG, "7. Another 29 people were injured in the attack, he said."], [False]),
        (["1. " + LONG, "the bus stop, the governor said on Friday morning, he added."], [True]),
        # one paragraph per line (over 100 characters) and short lines (a table) are never wrapped
        ([LONG + " a bus stop and a pharmacy in the centre.", "Three people were killed."], [False]),
        (["Killed: 5", "Wounded: 12", "Missing: 3"], [False, False]),
    ],
)
def test_which_single_newlines_are_wraps(lines, expected):
    assert soft_breaks(lines) == expected


def test_a_live_blog_marker_counts_in_the_width_of_its_line():
    # "UPDATE 1040 GMT: " is cut from the entry's text, but the wrapping counted it
    text = (
        "UPDATE 1040 GMT: Three Palestinians were killed by Israeli\n"
        "gunfire near an aid distribution point in Rafah, the health\n"
        "ministry said. Another 21 were wounded.\n"
    )
    one_line = " ".join(text.split("\n")).strip() + "\n"
    assert events(text) == events(one_line)
    assert events(text)[0][:2] == ("ASSAULT", "firearms")
