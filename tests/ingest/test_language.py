"""The language of each document, detected at ingest (ISO 639-1), so that the run can say what it cannot read."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from sitrep.ingest.documents import build_document
from sitrep.ingest.inbox import ingest_inbox
from sitrep.ingest.language import detect_language, document_language

FRENCH = (
    "KHARKIV, 12 juin (Reuters) - Des frappes de drones russes ont tué trois civils et blessé douze autres "
    "mardi soir à Kharkiv, a annoncé le gouverneur régional.\n\nLes frappes ont touché un immeuble "
    "résidentiel et une station-service dans le quartier de Saltivka, selon les services de secours.\n"
)
ENGLISH = (
    "Russian drones struck Kharkiv on Tuesday night, killing three civilians, the regional governor said.\n"
)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        (FRENCH, "fr"),
        (ENGLISH, "en"),
        (
            "Russische Drohnen haben in der Nacht die Hafenstadt Odessa angegriffen, zwei Menschen starben.",
            "de",
        ),
        ("Російські війська обстріляли Херсон у вівторок, загинули двоє людей.", "uk"),
        ("Российские войска обстреляли Херсон во вторник, погибли два человека.", "ru"),
        ("قصفت القوات الروسية مدينة خيرسون يوم الثلاثاء مما أسفر عن مقتل شخصين.", "ar"),
        ("Las fuerzas rusas bombardearon Jersón el martes y mataron a dos personas.", "es"),
    ],
)
def test_news_sentences_are_told_apart_by_language(text, code):
    assert detect_language(text) == code


@pytest.mark.parametrize("text", ["Kyiv, Kharkiv, Odesa.", "UPDATE 1445 GMT:", "", "12 / 06 / 2024 - 14:45"])
def test_too_little_text_or_no_clear_winner_gives_no_language(text):
    assert detect_language(text) is None


def test_the_language_is_that_of_the_readable_passages_not_the_page_furniture():
    # An English report whose page furniture (credit and link lines) is French stays English.
    text = (
        "Photo : AFP / archives de la rédaction\n\nLire aussi : les dernières nouvelles du front\n\n"
        + ENGLISH
    )
    document = build_document("d", text, datetime(2024, 6, 12, tzinfo=UTC))
    assert document_language(document) == "en"


def test_ingest_records_the_language_of_each_new_document(tmp_path: Path):
    (tmp_path / "fr_wire.txt").write_text(FRENCH, encoding="utf-8")
    (tmp_path / "kharkiv.txt").write_text(ENGLISH, encoding="utf-8")
    (tmp_path / "dateline.txt").write_text("KYIV, June 12\n", encoding="utf-8")
    documents = ingest_inbox(tmp_path, {}, max_bytes=10_000).documents
    assert {d.document_id: d.language for d in documents} == {
        "dateline": None,
        "fr_wire": "fr",
        "kharkiv": "en",
    }
