"""The inbox: what is read, what is refused and why, what is already loaded, and under which names."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from sitrep.ingest.inbox import RejectedBefore, document_id_for, inbox_files, ingest_inbox
from tests.helpers import AWKWARD, assert_every_awkward_name_is_accounted_for, plant_awkward_names, write_raw

ARTICLE = "Drones struck the river port overnight, the governor said. Two warehouses burned.\n"
OTHER = "Talks between the delegations resumed in the capital. No statement followed.\n"


@pytest.fixture()
def inbox(tmp_path: Path) -> Path:
    folder = tmp_path / "inbox"
    folder.mkdir()
    return folder


def reasons(result) -> dict[str, str]:
    return {r.source: r.reason for r in result.rejected}


def test_new_text_becomes_a_document_named_after_its_path(inbox):
    (inbox / "sub").mkdir()
    (inbox / "sub" / "port.txt").write_text(ARTICLE)
    result = ingest_inbox(inbox, {}, max_bytes=10_000)
    assert [d.document_id for d in result.documents] == ["sub/port"]
    assert result.documents[0].text == ARTICLE and result.documents[0].source == "sub/port.txt"
    assert [(s.path, s.document_id) for s in result.sources] == [("sub/port.txt", "sub/port")]
    assert result.rejected == [] and result.unchanged == []


def test_hidden_files_and_the_sidecar_are_not_sources(inbox):
    (inbox / ".partial.txt").write_text(ARTICLE)
    (inbox / ".git").mkdir()
    (inbox / ".git" / "x.txt").write_text(ARTICLE)
    (inbox / "sources.toml").write_text("")
    (inbox / "a.txt").write_text(ARTICLE)
    assert inbox_files(inbox) == [inbox / "a.txt"]


def test_missing_inbox_is_a_clear_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="not a directory"):
        ingest_inbox(tmp_path / "nowhere", {}, 1000)


def test_file_over_the_size_limit_is_refused_as_too_large(inbox):
    (inbox / "big.txt").write_text(ARTICLE * 100)
    (inbox / "ok.txt").write_text(ARTICLE)
    result = ingest_inbox(inbox, {}, max_bytes=1000)
    assert reasons(result) == {"big.txt": "too_large"}
    assert "over the limit of 1,000" in result.rejected[0].detail
    assert [d.document_id for d in result.documents] == ["ok"]


def test_symlink_pointing_outside_the_inbox_is_refused(inbox, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("Private notes. Not for the warehouse.\n")
    (inbox / "link.txt").symlink_to(secret)
    result = ingest_inbox(inbox, {}, max_bytes=10_000)
    assert reasons(result) == {"link.txt": "symlink_outside_inbox"}
    assert result.documents == []


def test_symlink_to_a_directory_outside_the_inbox_is_refused_not_followed(inbox, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "private.txt").write_text("Private notes. Not for the warehouse.\n")
    (inbox / "linked_dir").symlink_to(outside, target_is_directory=True)
    (inbox / "a.txt").write_text(ARTICLE)
    result = ingest_inbox(inbox, {}, max_bytes=10_000)
    assert reasons(result) == {"linked_dir": "symlink_outside_inbox"}
    assert f"symbolic link to {outside.resolve()}, outside the inbox" in result.rejected[0].detail
    assert [d.document_id for d in result.documents] == ["a"]
    assert all("private" not in s.path for s in result.sources)


def test_symlink_to_a_directory_inside_the_inbox_is_noted_and_its_files_read_once(inbox):
    (inbox / "real").mkdir()
    (inbox / "real" / "a.txt").write_text(ARTICLE)
    (inbox / "alias").symlink_to(inbox / "real", target_is_directory=True)
    result = ingest_inbox(inbox, {}, max_bytes=10_000)
    assert reasons(result) == {"alias": "symlink_to_folder"}
    assert [(s.path, s.document_id) for s in result.sources] == [("real/a.txt", "real/a")]


@pytest.mark.parametrize(
    "links",
    [
        pytest.param([("a", "b"), ("b", "a")], id="a-to-b-to-a"),
        pytest.param([("self", "self")], id="self-to-self"),
        pytest.param([("loop.txt", "loop.txt/child")], id="through-itself"),
    ],
)
def test_symlink_loop_is_refused_and_the_run_goes_on(inbox, links):
    for name, target in links:
        (inbox / name).symlink_to(inbox / target)
    (inbox / "ok.txt").write_text(ARTICLE)
    result = ingest_inbox(inbox, {}, max_bytes=10_000)
    assert reasons(result) == dict.fromkeys((name for name, _ in links), "symlink_loop")
    assert all("loop" in r.detail for r in result.rejected)
    assert [d.document_id for d in result.documents] == ["ok"]


def test_symlink_inside_the_inbox_is_one_document_under_two_names(inbox):
    (inbox / "a.txt").write_text(ARTICLE)
    (inbox / "b.txt").symlink_to(inbox / "a.txt")
    result = ingest_inbox(inbox, {}, max_bytes=10_000)
    assert result.rejected == []
    assert [d.document_id for d in result.documents] == ["a"]
    assert sorted((s.path, s.document_id) for s in result.sources) == [("a.txt", "a"), ("b.txt", "a")]


def test_dangling_symlink_is_refused_not_fatal(inbox):
    (inbox / "gone.txt").symlink_to(inbox / "never-there.txt")
    (inbox / "a.txt").write_text(ARTICLE)
    result = ingest_inbox(inbox, {}, max_bytes=10_000)
    assert reasons(result) == {"gone.txt": "unreadable"}
    assert [d.document_id for d in result.documents] == ["a"]


# The inbox scan in a child process; prints what it refused (reason, detail) and which documents it read.
SCAN_IN_A_CHILD = """
import json, sys
from pathlib import Path
from sitrep.ingest.inbox import ingest_inbox

result = ingest_inbox(Path(sys.argv[1]), {}, max_bytes=10_000)
print(json.dumps({
    "refused": {r.source: [r.reason, r.detail] for r in result.rejected},
    "documents": [d.document_id for d in result.documents],
}))
"""
# Drops root's power to read and search any file (CAP_DAC_OVERRIDE 1, CAP_DAC_READ_SEARCH 2) from the
# capability bounding set, then executes its arguments: a program root executes gets the capabilities
# of the bounding and inheritable sets only, so the mode bits bind it. Exits CANNOT_DROP, saying why on
# stderr, when the capabilities cannot go (the test then skips; any other failure of the child fails it).
CANNOT_DROP = 77
WITHOUT_ROOTS_FILE_ACCESS = f"""
import ctypes, os, sys

def cannot(reason):
    print(reason, file=sys.stderr)
    sys.exit({CANNOT_DROP})

status = dict(line.split(":", 1) for line in open("/proc/self/status"))
if int(status["CapInh"], 16) & 0b110:
    cannot("the inheritable capabilities keep root's file access")
libc = ctypes.CDLL(None, use_errno=True)
for capability in (1, 2):
    if libc.prctl(24, capability, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
        cannot(f"cannot drop capability {{capability}}: {{os.strerror(ctypes.get_errno())}}")
os.execv(sys.argv[1], sys.argv[1:])
"""


def scan_without_roots_file_access(inbox: Path) -> dict:
    """ingest_inbox(inbox) in a root child that has dropped its file-access capabilities, so the kernel
    holds it to the mode bits as the files' owner (no mocks); skips when the capabilities can't go."""
    drop = [sys.executable, "-c", WITHOUT_ROOTS_FILE_ACCESS]
    scan = subprocess.run(
        [*drop, sys.executable, "-c", SCAN_IN_A_CHILD, str(inbox)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    if scan.returncode == CANNOT_DROP:
        pytest.skip(f"as root, cannot run a child held to file modes: {scan.stderr.strip()}")
    assert scan.returncode == 0, scan.stderr
    return json.loads(scan.stdout)


def test_unreadable_file_is_refused(inbox):
    if os.geteuid() == 0:
        # Root reads files whatever their mode: the scan runs in a child process that the kernel holds
        # to the mode bits, next to a readable file to show the child could read the inbox.
        (inbox / "ok.txt").write_text(ARTICLE)
        (inbox / "ok.txt").chmod(0o644)
        (inbox / "locked.txt").write_text(OTHER)
        (inbox / "locked.txt").chmod(0)
        seen = scan_without_roots_file_access(inbox)
        assert {source: reason for source, (reason, _) in seen["refused"].items()} == {
            "locked.txt": "unreadable"
        }
        assert seen["refused"]["locked.txt"][1] == "locked.txt: cannot read the file: Permission denied"
        assert seen["documents"] == ["ok"]
        return
    locked = inbox / "locked.txt"
    locked.write_text(ARTICLE)
    locked.chmod(0)
    try:
        result = ingest_inbox(inbox, {}, max_bytes=10_000)
    finally:
        locked.chmod(0o644)
    assert reasons(result) == {"locked.txt": "unreadable"}


def test_same_content_under_two_names_is_one_document_with_both_names(inbox):
    (inbox / "a.txt").write_text(ARTICLE)
    (inbox / "copy_of_a.txt").write_text(ARTICLE)
    result = ingest_inbox(inbox, {}, max_bytes=10_000)
    assert [d.document_id for d in result.documents] == ["a"]
    assert sorted((s.path, s.document_id) for s in result.sources) == [("a.txt", "a"), ("copy_of_a.txt", "a")]
    assert len({s.content_hash for s in result.sources}) == 1


def test_unchanged_content_is_listed_as_unchanged_not_rebuilt(inbox):
    (inbox / "a.txt").write_text(ARTICLE)
    (inbox / "b.txt").write_text(OTHER)
    first = ingest_inbox(inbox, {}, max_bytes=10_000)
    known = {d.document_id: d.content_hash for d in first.documents}
    (inbox / "b.txt").write_text(OTHER + "A second paragraph arrived later.\n")
    second = ingest_inbox(inbox, known, max_bytes=10_000)
    assert second.unchanged == ["a"]
    assert [d.document_id for d in second.documents] == ["b"]
    assert second.documents[0].content_hash != known["b"]
    assert {s.path for s in second.sources} == {"a.txt", "b.txt"}


def test_copy_of_an_already_loaded_text_is_a_new_name_of_the_loaded_document(inbox):
    (inbox / "a.txt").write_text(ARTICLE)
    known = {d.document_id: d.content_hash for d in ingest_inbox(inbox, {}, 10_000).documents}
    (inbox / "a.txt").unlink()
    (inbox / "renamed.txt").write_text(ARTICLE)
    result = ingest_inbox(inbox, known, max_bytes=10_000)
    assert result.documents == []
    assert [(s.path, s.document_id) for s in result.sources] == [("renamed.txt", "a")]


def test_sources_toml_metadata_is_applied(inbox):
    (inbox / "a.txt").write_text("14 June 2024, 14:43\n\n" + ARTICLE)
    (inbox / "b.txt").write_text(OTHER)
    (inbox / "sources.toml").write_text(
        '["a.txt"]\ntitle = "Port hit"\npublisher = "Example Wire"\nurl = "https://example.org/port"\n'
        "published_at = 2024-06-20T09:30:00+03:00\n\n"
        '["b.txt"]\ntitle = "Talks"\npublished_at = 2024-06-21T08:00:00\n'
    )
    result = ingest_inbox(inbox, {}, max_bytes=10_000)
    by_id = {d.document_id: d for d in result.documents}
    a, b = by_id["a"], by_id["b"]
    assert (a.title, a.publisher, a.url) == ("Port hit", "Example Wire", "https://example.org/port")
    assert a.published_at == datetime(2024, 6, 20, 6, 30, tzinfo=UTC)  # metadata wins over dateline
    assert (a.date_inferred, a.date_source) == (False, "metadata")
    assert b.published_at == datetime(2024, 6, 21, 8, 0, tzinfo=UTC)  # zone-less is taken as UTC
    assert b.published_at.tzinfo is not None


def test_text_without_metadata_or_dateline_takes_the_file_time(inbox):
    path = inbox / "a.txt"
    path.write_text(ARTICLE)
    stamp = datetime(2023, 11, 5, 12, 0, tzinfo=UTC).timestamp()
    os.utime(path, (stamp, stamp))
    (document,) = ingest_inbox(inbox, {}, max_bytes=10_000).documents
    assert document.published_at == datetime(2023, 11, 5, 12, 0, tzinfo=UTC)
    assert (document.date_inferred, document.date_source) == (True, "file_time")


def test_rejected_file_does_not_stop_the_others(inbox):
    (inbox / "empty.txt").write_bytes(b"")
    (inbox / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 100)
    (inbox / "ok.txt").write_text(ARTICLE)
    result = ingest_inbox(inbox, {}, max_bytes=10_000)
    assert reasons(result) == {"empty.txt": "empty", "image.txt": "binary"}
    assert all(r.stage == "ingest" for r in result.rejected)
    assert [d.document_id for d in result.documents] == ["ok"]


def test_every_refusal_detail_starts_with_the_file_name_and_says_why_in_words(inbox):
    (inbox / "news").mkdir()
    (inbox / "news" / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 100)
    (inbox / "report.doc").write_bytes(bytes.fromhex("d0cf11e0a1b11ae1") + b"\x00" * 100)
    (inbox / "empty.txt").write_bytes(b"")
    details = {r.source: r.detail for r in ingest_inbox(inbox, {}, max_bytes=10_000).rejected}
    assert details == {
        "empty.txt": "empty.txt: the file is empty",
        "news/photo.txt": "news/photo.txt: binary content (PNG image), not text",
        "report.doc": "report.doc: binary content (old Microsoft Office document (doc, xls, ppt)), not text",
    }


def test_one_megabyte_single_line_goes_through_ingest(inbox):
    (inbox / "wall.txt").write_text("x" * 1_000_000)
    result = ingest_inbox(inbox, {}, max_bytes=2_000_000)
    assert [len(d.text) for d in result.documents] == [1_000_000]


def test_document_id_is_the_relative_path_without_extension(inbox):
    assert document_id_for(inbox / "2024" / "06" / "report.v2.txt", inbox) == "2024/06/report.v2"


def test_two_files_with_the_same_stem_get_different_document_ids(inbox):
    (inbox / "a.txt").write_text(ARTICLE)
    (inbox / "a.html").write_text(f"<html><body><p>{OTHER}</p></body></html>")
    result = ingest_inbox(inbox, {}, max_bytes=10_000)
    ids = [d.document_id for d in result.documents]
    assert len(ids) == len(set(ids))


def _unblock_fifo(path: Path) -> None:
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_NONBLOCK))  # a blocked reader now sees end of file
    except OSError:
        pass  # nobody is reading it


def test_named_pipe_in_the_inbox_is_refused_without_blocking(inbox):
    import threading

    (inbox / "a.txt").write_text(ARTICLE)
    fifo = inbox / "pipe.txt"
    os.mkfifo(fifo)
    outcome = {}
    worker = threading.Thread(
        target=lambda: outcome.update(result=ingest_inbox(inbox, {}, 10_000)), daemon=True
    )
    worker.start()
    worker.join(timeout=2)
    finished = not worker.is_alive()
    _unblock_fifo(fifo)
    worker.join(timeout=5)
    assert finished, "ingest blocked on the named pipe"
    assert reasons(outcome["result"]) == {"pipe.txt": "not_a_file"}


def test_broken_sources_toml_is_quarantined_and_the_texts_still_load(inbox):
    (inbox / "a.txt").write_text(ARTICLE)
    (inbox / "sources.toml").write_text('["a.txt"\ntitle = \n')
    result = ingest_inbox(inbox, {}, max_bytes=10_000)
    assert [d.document_id for d in result.documents] == ["a"]
    assert reasons(result) == {"sources.toml": "bad_metadata"}


def test_sources_toml_date_without_time_is_used(inbox):
    (inbox / "a.txt").write_text(ARTICLE)
    (inbox / "sources.toml").write_text('["a.txt"]\npublished_at = 2024-06-20\n')
    (document,) = ingest_inbox(inbox, {}, max_bytes=10_000).documents
    assert document.published_at == datetime(2024, 6, 20, tzinfo=UTC)
    assert document.date_source == "metadata"


def test_file_name_that_is_not_utf8_cannot_break_the_load(inbox):
    os.close(os.open(os.fsencode(inbox) + b"/caf\xe9.txt", os.O_WRONLY | os.O_CREAT, 0o644))
    (inbox / os.fsdecode(b"caf\xe9.txt")).write_text(ARTICLE)
    result = ingest_inbox(inbox, {}, max_bytes=10_000)
    names = [d.document_id for d in result.documents] + [d.source for d in result.documents]
    names += [s.path for s in result.sources] + [s.document_id for s in result.sources]
    names += [r.source for r in result.rejected]
    for name in names:
        name.encode("utf-8")  # what DuckDB needs of every string
    assert len(result.documents) + len(result.rejected) == 1


def test_names_differing_only_in_bytes_that_are_not_utf8_are_two_documents(inbox):
    write_raw(inbox, b"r\xe9port.txt", ARTICLE.encode())
    write_raw(inbox, b"r\xe8port.txt", OTHER.encode())
    result = ingest_inbox(inbox, {}, max_bytes=10_000)
    assert sorted((s.path, s.document_id) for s in result.sources) == [
        ("r\\xe8port.txt", "r\\xe8port"),
        ("r\\xe9port.txt", "r\\xe9port"),
    ]
    assert sorted(d.text for d in result.documents) == sorted([ARTICLE, OTHER])


def test_a_utf8_name_that_spells_an_escape_does_not_take_the_escaped_name(inbox):
    write_raw(inbox, b"caf\xe9.txt", ARTICLE.encode())
    (inbox / "caf\\xe9.txt").write_text(OTHER)  # a real backslash in the name
    result = ingest_inbox(inbox, {}, max_bytes=10_000)
    paths = [s.path for s in result.sources]
    ids = [d.document_id for d in result.documents]
    assert len(set(paths)) == 2 and len(set(ids)) == 2
    assert "caf\\xe9.txt" in paths


def test_every_awkward_name_ends_as_one_document_or_one_refusal(inbox):
    plant_awkward_names(inbox)
    result = ingest_inbox(inbox, {}, max_bytes=10_000)
    loaded = {s.path: s.document_id for s in result.sources}
    refused = reasons(result)
    assert len(loaded) + len(refused) == len(AWKWARD)
    assert len(set(loaded.values())) == len(loaded) == len(result.documents)  # one document per name
    for name in [*loaded, *refused, *loaded.values()]:
        name.encode("utf-8")  # every stored string is valid UTF-8
    assert_every_awkward_name_is_accounted_for(loaded, refused)


def remembered(result) -> RejectedBefore:
    """What the warehouse keeps of a run's refusals, as the next run gets it."""
    return RejectedBefore(files=frozenset((r.source, r.content_hash) for r in result.rejected))


def test_a_refused_file_is_not_refused_again_while_its_content_is_the_same(inbox):
    (inbox / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 100)
    (inbox / "ok.txt").write_text(ARTICLE)
    first = ingest_inbox(inbox, {}, max_bytes=10_000)
    assert reasons(first) == {"image.txt": "binary"} and first.rejected[0].content_hash
    known = {d.document_id: d.content_hash for d in first.documents}
    second = ingest_inbox(inbox, known, max_bytes=10_000, rejected_before=remembered(first))
    assert (second.rejected, second.rejected_before, second.unchanged) == ([], ["image.txt"], ["ok"])
    (inbox / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x01" * 100)
    third = ingest_inbox(inbox, known, max_bytes=10_000, rejected_before=remembered(first))
    assert reasons(third) == {"image.txt": "binary"} and third.rejected_before == []
    assert third.rejected[0].content_hash != first.rejected[0].content_hash


def test_a_refused_file_read_again_is_loaded_once_it_is_fixed(inbox):
    (inbox / "a.txt").write_bytes(b"")
    first = ingest_inbox(inbox, {}, max_bytes=10_000)
    (inbox / "a.txt").write_text(ARTICLE)
    second = ingest_inbox(inbox, {}, max_bytes=10_000, rejected_before=remembered(first))
    assert second.rejected == [] and [d.document_id for d in second.documents] == ["a"]


def test_a_file_refused_unread_is_remembered_by_why(inbox, tmp_path):
    (tmp_path / "one.txt").write_text(ARTICLE)
    (tmp_path / "two.txt").write_text(ARTICLE)
    (inbox / "link.txt").symlink_to(tmp_path / "one.txt")
    (inbox / "loop").symlink_to(inbox / "loop")
    (inbox / "big.txt").write_text(ARTICLE * 20)
    first = ingest_inbox(inbox, {}, max_bytes=1_000)
    assert set(reasons(first).values()) == {"symlink_outside_inbox", "symlink_loop", "too_large"}
    second = ingest_inbox(inbox, {}, max_bytes=1_000, rejected_before=remembered(first))
    assert second.rejected == [] and sorted(second.rejected_before) == ["big.txt", "link.txt", "loop"]
    (inbox / "link.txt").unlink()
    (inbox / "link.txt").symlink_to(tmp_path / "two.txt")  # a new target
    (inbox / "big.txt").write_text(ARTICLE * 21)  # a new size
    third = ingest_inbox(inbox, {}, max_bytes=1_000, rejected_before=remembered(first))
    assert sorted(reasons(third)) == ["big.txt", "link.txt"] and third.rejected_before == ["loop"]


def test_a_text_refused_by_the_checks_or_forgotten_is_skipped_until_it_changes(inbox):
    (inbox / "a.txt").write_text(ARTICLE)
    (inbox / "copy.txt").write_text(ARTICLE)
    refused = RejectedBefore(contents=frozenset({ingest_inbox(inbox, {}, 10_000).documents[0].content_hash}))
    second = ingest_inbox(inbox, {}, max_bytes=10_000, rejected_before=refused)
    assert (second.documents, second.sources, second.rejected) == ([], [], [])
    assert second.rejected_before == ["a.txt", "copy.txt"]  # the same text under any name
    (inbox / "a.txt").write_text(ARTICLE + "A second paragraph arrived later.\n")
    third = ingest_inbox(inbox, {}, max_bytes=10_000, rejected_before=refused)
    assert [d.document_id for d in third.documents] == ["a"] and third.rejected_before == ["copy.txt"]


def test_a_broken_sidecar_is_refused_once_while_it_is_the_same(inbox):
    (inbox / "a.txt").write_text(ARTICLE)
    (inbox / "sources.toml").write_text('["a.txt"\ntitle = \n')
    first = ingest_inbox(inbox, {}, max_bytes=10_000)
    second = ingest_inbox(inbox, {}, max_bytes=10_000, rejected_before=remembered(first))
    assert reasons(first) == {"sources.toml": "bad_metadata"} and second.rejected == []
    assert second.rejected_before == [] and [d.document_id for d in second.documents] == ["a"]
