"""The run summary names documents in a language the coder does not read and documents with no event."""

from __future__ import annotations

from sitrep.model import Document, Rejection
from sitrep.report import summary_markdown
from sitrep.run_notes import document_notes, note_lines, quarantine_notes, terminal_lines


def doc(document_id: str, language: str | None) -> Document:
    return Document(document_id, "text\n", None, source=f"{document_id}.txt", language=language)


def test_a_french_report_with_no_event_is_named_twice():
    notes = document_notes([doc("kharkiv", "en"), doc("fr_wire", "fr")], [{"document_id": "kharkiv"}])
    assert notes == {"no_event": ["fr_wire.txt"], "other_language": [("fr", "fr_wire.txt")]}
    assert note_lines(notes) == [
        "1 document not in English (French, fr): fr_wire.txt",
        "1 document with no event: fr_wire.txt",
    ]


def test_an_unknown_language_is_no_finding_and_english_documents_with_events_say_nothing():
    notes = document_notes(
        [doc("a", "en"), doc("caption", None)], [{"document_id": "a"}, {"document_id": "caption"}]
    )
    assert note_lines(notes) == []


def test_several_languages_are_counted_most_frequent_first_and_long_lists_are_cut():
    documents = [doc(f"de{n}", "de") for n in range(3)] + [doc("uk0", "uk")]
    lines = note_lines(document_notes(documents, []), limit=2)
    assert lines == [
        "4 documents not in English (German, de; Ukrainian, uk): de0.txt, de1.txt and 2 more",
        "4 documents with no event: de0.txt, de1.txt and 2 more",
    ]


SUMMARY = {
    "run_id": "run-1",
    "status": "succeeded",
    "documents_seen": 3,
    "documents_new": 3,
    "documents_unchanged": 0,
    "events_extracted": 5,
    "events_loaded": 5,
    "quarantined": 1,
    "checks_passed": 29,
    "checks_failed": 1,
    "report": "warehouse/reports/latest.md",
    "data_docs": "warehouse/reports/index.html",
    "no_event": ["fr_wire.txt", "budget.txt"],
    "other_language": [("fr", "fr_wire.txt")],
    "quarantine": quarantine_notes(
        [Rejection("ingest", "photo.txt", "binary", "photo.txt: binary content (PNG image), not text")]
    ),
}


def test_the_terminal_summary_ends_with_the_notes_and_the_quarantine_in_words():
    assert terminal_lines(SUMMARY)[-3:] == [
        "  note        1 document not in English (French, fr): fr_wire.txt",
        "  note        2 documents with no event: fr_wire.txt, budget.txt",
        "  quarantine  photo.txt: binary content (PNG image), not text",
    ]


def test_latest_md_has_the_notes_the_quarantine_and_the_failed_checks_in_words():
    failed = {
        "suite": "events",
        "expectation": "expect_column_values_to_be_between(fatalities)",
        "success": False,
        "element_count": 5,
        "unexpected_count": 1,
        "detail": "the number killed is between 0 and 1,000,000. 1 of 5 events fails: a.txt, ...",
    }
    markdown = summary_markdown(SUMMARY, [failed])
    assert "## Documents to look at\n\n- 1 document not in English (French, fr): fr_wire.txt\n" in markdown
    assert "- 2 documents with no event: fr_wire.txt, budget.txt\n" in markdown
    assert "## Quarantined in this run\n\n- photo.txt: binary content (PNG image), not text\n" in markdown
    assert (
        "## Failed checks\n\n- events: the number killed is between 0 and 1,000,000. 1 of 5 events fails"
        in markdown
    )
