"""Hostile files in the inbox: each one refused with its reason or loaded decoded; the run goes on; a rerun adds nothing.

One real flow run over a copy of the seeds plus every hostile file (flow runs cost seconds), then a second run.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import duckdb
import pytest

from sitrep.load.warehouse import orphan_keys
from tests.helpers import warehouse_fingerprint

pytest.importorskip("sitrep.extract.run", reason="the flow needs the extractor (sitrep/extract/run.py)")

REPO = Path(__file__).resolve().parents[2]
MAX_BYTES = 1_500_000  # small enough that a 2 MB file is over it, big enough for the 1 MB single line
PROSE = (
    "Drones struck the river port of Izmail overnight, the regional governor said. "
    "Two grain warehouses burned and a crane collapsed.\n\n"
    "Air defence units shot down eleven of the fifteen drones, the air force said on Telegram.\n"
)
UTF16_TEXT = "Kyiv \u2014 \u201cMissiles\u201d hit the power grid on 12 April 2024. Repairs began at dawn.\n"
CP1252_TEXT = (
    "The minister said the talks were \u201cconstructive\u201d \u2013 but no date was set for the next round. "
    "Officials declined to comment on the delegation\u2019s schedule, citing security concerns.\n"
)
NUL_TEXT = "Shelling hit the village of Vovchansk on 2 June 2024. Three houses were destroyed.\n"
DUPLICATE = "Partisans sabotaged a railway line near Melitopol on 9 May 2024, the resistance group said.\n"
HTML_PAGE = (
    "<!DOCTYPE html><html><head><title>Port strike</title><style>p {color: red}</style>"
    "<script>var tracker = 'HIDDEN_SCRIPT_TOKEN';</script></head><body><nav>Home | World</nav>"
    "<p>Drones struck the port of Odesa on 3 March 2024, the navy said.</p>"
    "<p>Two ships were damaged &amp; one sailor was wounded.</p></body></html>"
)
# No unreadable (mode 000) file here: the flow runs in this process, and as root (CI) it reads a file whatever
# its mode. tests/ingest/test_inbox.py::test_unreadable_file_is_refused covers that refusal, as root in a
# child process the kernel holds to the mode bits.
REJECTED_AT_INGEST = {
    "empty.txt": "empty",
    "blank.txt": "blank",
    "image.txt": "binary",
    "latin_garbage.txt": "encoding",
    "oversize.txt": "too_large",
    "link_outside.txt": "symlink_outside_inbox",
}
LOADED = {  # document id -> the decoded text its content hash must be of (None: not checked here)
    "nul_inside": NUL_TEXT,
    "utf16": UTF16_TEXT,
    "cp1252": CP1252_TEXT,
    "page": None,
    "dup_a": DUPLICATE,
}


def plant_hostile_files(inbox: Path, outside: Path) -> None:
    (inbox / "empty.txt").write_bytes(b"")
    (inbox / "blank.txt").write_bytes(b"  \n\t\n   \r\n")
    (inbox / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 16)
    (inbox / "nul_inside.txt").write_bytes(NUL_TEXT.replace("village", "vil\x00lage").encode() + b"\x00\x00")
    (inbox / "latin_garbage.txt").write_bytes(b"Troops \x81\x8d\x8f moved \x90\x9d north. " * 10)
    (inbox / "utf16.txt").write_bytes(UTF16_TEXT.encode("utf-16"))
    (inbox / "cp1252.txt").write_bytes(CP1252_TEXT.encode("cp1252"))
    (inbox / "page.html").write_text(HTML_PAGE)
    (inbox / "oversize.txt").write_bytes(PROSE.encode() * (2_000_000 // len(PROSE) + 1))
    (inbox / "one_line.txt").write_text(("convoy moved slowly along the road " * 30_000)[:1_000_000])
    secret = outside / "secret.txt"
    secret.write_text("Private notes that must never reach the warehouse. They mention Kharkiv.\n")
    (inbox / "link_outside.txt").symlink_to(secret)
    (inbox / "dup_a.txt").write_text(DUPLICATE)
    (inbox / "dup_b.txt").write_text(DUPLICATE)


@pytest.fixture(scope="module")
def hostile(prefect_harness, tmp_path_factory):
    from sitrep.flows.pipeline import run_pipeline

    from sitrep.config import Settings

    root = tmp_path_factory.mktemp("hostile")
    inbox = root / "inbox"
    shutil.copytree(REPO / "seeds", inbox)
    outside = root / "outside"
    outside.mkdir()
    plant_hostile_files(inbox, outside)
    settings = Settings(warehouse=root / "wh" / "sitrep.duckdb", inbox=inbox, max_bytes=MAX_BYTES)
    first = run_pipeline(settings)
    with duckdb.connect(str(settings.warehouse), read_only=True) as con:
        before = warehouse_fingerprint(con)
    second = run_pipeline(settings)
    with duckdb.connect(str(settings.warehouse), read_only=True) as con:
        after = warehouse_fingerprint(con)
    return settings, first, second, before, after


def query(settings, sql: str, params: list | None = None) -> list[tuple]:
    with duckdb.connect(str(settings.warehouse), read_only=True) as con:
        return con.execute(sql, params or []).fetchall()


def test_the_run_succeeds_despite_the_hostile_files(hostile):
    settings, first, second, *_ = hostile
    assert first["status"] == "succeeded" and second["status"] == "succeeded"
    assert query(settings, "SELECT count(*), count(*) FILTER (WHERE status = 'succeeded') FROM etl_run") == [
        (2, 2)
    ]


def test_each_refused_file_is_quarantined_once_with_its_reason(hostile):
    settings, *_ = hostile
    rows = query(
        settings, "SELECT source, reason, count(*) FROM quarantine WHERE stage = 'ingest' GROUP BY 1, 2"
    )
    assert {source: reason for source, reason, _ in rows} == REJECTED_AT_INGEST
    assert all(count == 1 for *_, count in rows)
    details = dict(query(settings, "SELECT source, detail FROM quarantine WHERE stage = 'ingest'"))
    assert "PNG" in details["image.txt"]
    assert "over the limit of 1,500,000" in details["oversize.txt"]
    assert "outside the inbox" in details["link_outside.txt"]


def test_the_symlinked_secret_is_nowhere_in_the_warehouse(hostile):
    settings, *_ = hostile
    assert query(
        settings,
        "SELECT count(*) FROM dim_document WHERE document_id LIKE '%link%' OR document_id LIKE '%secret%'",
    ) == [(0,)]
    assert query(settings, "SELECT count(*) FROM fact_event WHERE evidence LIKE '%Private notes%'") == [(0,)]


def test_each_decodable_file_is_a_document_with_the_decoded_text(hostile):
    settings, *_ = hostile
    documents = dict(query(settings, "SELECT document_id, content_hash FROM dim_document"))
    assert set(LOADED) | {"000_297ce01fbae54819", "002_2df3635b8cf17e36"} == set(documents)
    for document_id, text in LOADED.items():
        if text is not None:
            assert documents[document_id] == hashlib.sha256(text.encode()).hexdigest(), document_id


def test_html_page_is_read_as_its_visible_text(hostile):
    from sitrep.ingest.decode import decode_bytes

    settings, *_ = hostile
    (characters,) = query(settings, "SELECT characters FROM dim_document WHERE document_id = 'page'")[0]
    visible = decode_bytes(HTML_PAGE.encode())
    assert characters == len(visible)
    assert "HIDDEN_SCRIPT_TOKEN" not in visible and "Drones struck the port of Odesa" in visible
    assert query(
        settings,
        "SELECT count(*) FROM fact_event f JOIN dim_document d USING (document_key) "
        "WHERE d.document_id = 'page' AND f.evidence LIKE '%<%'",
    ) == [(0,)]


def test_same_content_under_two_names_is_one_document_with_both_names(hostile):
    settings, *_ = hostile
    assert query(
        settings, "SELECT path, document_id FROM document_source WHERE path LIKE 'dup_%' ORDER BY 1"
    ) == [("dup_a.txt", "dup_a"), ("dup_b.txt", "dup_a")]
    assert query(settings, "SELECT count(*) FROM dim_document WHERE document_id LIKE 'dup_%'") == [(1,)]


def test_one_megabyte_line_without_sentences_is_quarantined_as_a_document_without_prose(hostile):
    settings, *_ = hostile
    assert query(settings, "SELECT stage, reason FROM quarantine WHERE source = 'one_line'") == [
        ("validate", "expect_column_values_to_be_between(segments)")
    ]
    assert query(settings, "SELECT count(*) FROM dim_document WHERE document_id = 'one_line'") == [(0,)]
    (detail,) = query(settings, "SELECT detail FROM quarantine WHERE source = 'one_line'")[0]
    assert detail.startswith("one_line.txt: nothing left to read once page furniture")
    (check,) = query(
        settings,
        "SELECT detail FROM dq_result WHERE expectation = 'expect_column_values_to_be_between(segments)' "
        "AND NOT success",
    )[0]
    assert "1 of " in check and "one_line.txt: nothing left to read" in check


def test_the_extractor_does_not_fail_on_any_decoded_hostile_text(hostile):
    settings, *_ = hostile
    assert query(settings, "SELECT source, detail FROM quarantine WHERE stage = 'extract'") == []


def test_every_fact_key_points_at_a_dimension_row_and_offsets_at_the_evidence(hostile):
    settings, *_ = hostile
    with duckdb.connect(str(settings.warehouse), read_only=True) as con:
        assert set(orphan_keys(con).values()) == {0}
    assert query(
        settings,
        "SELECT count(*) FROM fact_event WHERE evidence_end - evidence_start <> length(evidence) "
        "OR evidence_start < 0",
    ) == [(0,)]


def test_a_second_run_adds_no_rows(hostile):
    _, first, second, before, after = hostile
    assert after == before
    assert second["documents_unchanged"] == first["documents_new"] - 1  # all but the quarantined one_line
