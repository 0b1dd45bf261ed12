"""Helpers shared by several test modules: hand-built documents, event records and warehouses, a private copy
of the seeds, the star tables runs are compared on, the check that a command failed with one line, and the
place finder's names of a text. One copy of each: a test module imports them, never redefines them.

Imported as `from tests.helpers import ...`: pytest runs from the repository root (`python -m pytest`, as in
the Makefile), which puts the root on sys.path, and tests/ is a namespace package.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from datetime import UTC, date, datetime
from functools import cache
from pathlib import Path

import duckdb

from sitrep.config import Settings
from sitrep.extract.places import find_places
from sitrep.extract.text import tokenize
from sitrep.load import snapshots, warehouse
from sitrep.load.warehouse import STAR_TABLES
from sitrep.model import EVENT_COLUMNS, Document, Rejection, Segment

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"

# Star tables that log the runs themselves (run ids, times): they differ between runs by design.
RUN_LOG_TABLES = ("etl_run", "quarantine", "dq_result")
# Star tables holding the loaded data (dimensions, facts, document names): two runs over the same
# inputs must leave them equal.
LOADED_TABLES = [table for table in STAR_TABLES if table not in RUN_LOG_TABLES]


ANCHOR = datetime(2024, 6, 20, 12, 0, tzinfo=UTC)  # make_doc's publication time, a Thursday


def make_doc(text: str, anchor: datetime | None = ANCHOR, doc_id: str = "t1") -> Document:
    """One segment over the whole text (what ingest gives an article)."""
    return Document(doc_id, text, anchor, segments=[Segment(0, 0, len(text), anchor)])


def make_blog(entries: list[tuple[datetime, str]], doc_id: str = "blog") -> Document:
    """A live blog: one segment per entry, each with its own time and entry number."""
    text, segments = "", []
    for i, (when, body) in enumerate(entries):
        start = len(text)
        text += body + "\n\n"
        segments.append(Segment(i, start, start + len(body), when, entry=i + 1))
    return Document(doc_id, text, entries[0][0], segments=segments)


def event_record(event_id: str, document_id: str = "doc", **values) -> dict:
    """An event dict keyed by exactly EVENT_COLUMNS, in order: the given values, None elsewhere."""
    unknown = sorted(set(values) - set(EVENT_COLUMNS))
    if unknown:
        raise KeyError(f"not event columns: {', '.join(unknown)}")
    record = dict.fromkeys(EVENT_COLUMNS)
    record.update(event_id=event_id, document_id=document_id, **values)
    return record


def drone_strike_event(event_id: str, document_id: str, **values) -> dict:
    """A fully coded event (a Russian drone strike on Kharkiv, 2024-06-20); keyword values override fields."""
    return event_record(
        event_id,
        document_id,
        **{
            "event_date": "2024-06-20",
            "date_precision": "day",
            "event_type": "ASSAULT",
            "event_mode": "drone",
            "factuality": "happened",
            "actor1_name": "Russian forces",
            "actor1_country": "RUS",
            "actor1_type": "state_forces",
            "actor2_name": "civilians",
            "actor2_country": "UKR",
            "actor2_type": "civilians",
            "location_name": "Kharkiv",
            "admin1": "Kharkiv",
            "country": "UKR",
            "latitude": 49.99,
            "longitude": 36.23,
            "location_precision": "place",
            "fatalities": 2,
            "injuries": 5,
            "weapon": "drone",
            "is_aggregate": False,
            "cameo_code": "19",
            "acled_event_type": "Explosions/Remote violence",
            "acled_sub_event_type": "Air/drone strike",
            "evidence": "Drones struck Kharkiv, killing two.",
            "evidence_start": 0,
            "evidence_end": 35,
            "confidence": 0.8,
            **values,
        },
    )


def warehouse_fingerprint(con: duckdb.DuckDBPyConnection) -> dict[str, tuple]:
    """Row count and order-free content hash of each loaded table, and of the quarantine's refusals."""
    state = {
        table: con.execute(f"SELECT count(*), coalesce(sum(hash(t)), 0)::VARCHAR FROM {table} t").fetchone()
        for table in LOADED_TABLES
    }
    state["quarantine"] = con.execute(
        "SELECT count(*), coalesce(sum(hash(stage, source, reason, detail)), 0)::VARCHAR FROM quarantine"
    ).fetchone()
    return state


def write_raw(folder: Path, raw_name: bytes, content: bytes) -> None:
    """A file under a name given as raw bytes (it need not be UTF-8)."""
    with open(os.path.join(os.fsencode(folder), raw_name), "wb") as handle:
        handle.write(content)


# Awkward file names, each with its own content: (raw name, content, the name sitrep stores for it,
# what becomes of it). None as stored name: the name its escape would give is taken by a UTF-8 name
# that spells it, so it is that escape with a mark ('caf\\xe9.txt~<hash>').
AWKWARD: list[tuple[bytes, bytes, str | None, str]] = [
    (
        b"r\xe9port.txt",
        b"Drones struck the port of Izmail, the governor said. One crane fell.\n",
        "r\\xe9port.txt",
        "loaded",
    ),
    (
        b"r\xe8port.txt",
        b"Shelling hit Kupiansk overnight, the governor said. Two houses burned.\n",
        "r\\xe8port.txt",
        "loaded",
    ),
    (b"r\xe9port", b"Talks resumed in Geneva, the ministry said. No date was set.\n", "r\\xe9port", "loaded"),
    (b"caf\xe9.txt", b"Missiles hit the grid near Lviv, officials said. Power failed.\n", None, "loaded"),
    (
        b"caf\\xe9.txt",
        b"A convoy moved towards Pokrovsk, the army said. Roads were closed.\n",
        "caf\\xe9.txt",
        "loaded",
    ),
    (
        b"with spaces in it.txt",
        b"Partisans blew up a rail line, the group said. Trains stopped.\n",
        "with spaces in it.txt",
        "loaded",
    ),
    (
        b"new\nline.txt",
        b"Air defence shot down six drones over Odesa, the navy said.\n",
        "new\nline.txt",
        "loaded",
    ),
    (
        b"x" * 245 + b".txt",
        b"A ferry was damaged in Kherson, the mayor said. Nobody was hurt.\n",
        "x" * 245 + ".txt",
        "loaded",
    ),
    (
        b"Report.txt",
        b"Sanctions were widened by the EU, the council said. Banks were listed.\n",
        "Report.txt",
        "loaded",
    ),
    (
        b"report.txt",
        b"Aid arrived in Kharkiv by train, the UN said. Twelve wagons came.\n",
        "report.txt",
        "loaded",
    ),
    (
        "caf\u00e9 nfc.txt".encode(),
        b"Troops withdrew from a village, the ministry said. Fighting went on.\n",
        "caf\u00e9 nfc.txt",
        "loaded",
    ),
    (
        "cafe\u0301 nfc.txt".encode(),
        b"Mines were cleared near Izium, the police said. Two fields reopened.\n",
        "cafe\u0301 nfc.txt",
        "loaded",
    ),
    (b"good.txt", b"Drones hit an oil depot in Belgorod, the Russian governor said.\n", "good.txt", "loaded"),
    (b"empty.txt", b"", "empty.txt", "empty"),
    (b"image.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "image.txt", "binary"),
]


def plant_awkward_names(folder: Path) -> None:
    for raw_name, content, *_ in AWKWARD:
        write_raw(folder, raw_name, content)
    assert len(os.listdir(os.fsencode(folder))) >= len(AWKWARD), "the file system merged two names"


def assert_every_awkward_name_is_accounted_for(loaded: dict[str, str], refused: dict[str, str]) -> None:
    """loaded: stored name -> document id; refused: stored name -> reason. Each awkward file is in exactly
    one of them, under the name it should have, with its fate."""
    fates = {name: "loaded" for name in loaded} | refused
    assert len(fates) == len(loaded) + len(refused) == len(AWKWARD)
    marked = [name for name in fates if name.startswith("caf\\xe9.txt~")]
    assert len(marked) == 1
    assert {name: fate for _, _, name, fate in AWKWARD if name is not None} | {marked[0]: "loaded"} == fates


def shelling_event(event_id: str, day: str, fatalities: int | None) -> dict:
    """Russian artillery shelling Kupiansk (Kharkiv) on `day`, the evidence being document 'doc''s first line."""
    return event_record(
        event_id,
        "doc",
        event_date=day,
        date_precision="day",
        event_type="ASSAULT",
        event_mode="artillery",
        actor1_name="Russian forces",
        actor1_country="RUS",
        location_name="Kupiansk",
        admin1="Kharkiv",
        country="UKR",
        fatalities=fatalities,
        evidence="Shelling hit Kupiansk.",
        evidence_start=0,
        evidence_end=22,
        confidence=0.7,
    )


def build_warehouse(root: Path, with_snapshots: bool = False) -> Settings:
    """A warehouse under root/wh loaded by hand (no extractor, no Prefect) with a row in every star table.

    One document 'doc' (published 2024-06-20) with two events: e1 on 2024-06-19 with 2 killed, e2 on
    2024-06-20 with no toll. The run that loaded them, run-1, succeeded: 5 checks passed, 1 failed
    (events: not_null(confidence), 1 unexpected, with its detail in words), 1 file quarantined (x.png,
    binary, with its detail in words), Data Docs at
    /r/index.html. with_snapshots: run-1 also wrote the Parquet snapshots of 2024-06-21.
    """
    settings = Settings(warehouse=root / "wh" / "sitrep.duckdb", inbox=root / "inbox")
    shutil.copytree(_built_warehouse(with_snapshots), settings.warehouse_dir)
    return settings


def empty_warehouse(path: Path) -> duckdb.DuckDBPyConnection:
    """A connection to a new warehouse file at path with the schema and nothing loaded (a copy of one
    made by warehouse.ensure_schema once per test process)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(_schema_only(), path)
    return warehouse.connect(path)


def _scratch() -> Path:
    """A folder for what a test process builds once, removed when the process ends."""
    folder = Path(tempfile.mkdtemp(prefix="sitrep-tests-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return folder


@cache
def _schema_only() -> Path:
    path = _scratch() / "schema.duckdb"
    with warehouse.connect(path) as con:
        warehouse.ensure_schema(con)
    return path


@cache
def _built_warehouse(with_snapshots: bool) -> Path:
    """The warehouse folder build_warehouse describes, built once per test process: each test gets a
    copy (copying costs a twentieth of the load)."""
    root = _scratch()
    settings = Settings(warehouse=root / "wh" / "sitrep.duckdb", inbox=root / "inbox")
    doc = Document("doc", "Shelling hit Kupiansk.\n", datetime(2024, 6, 20, tzinfo=UTC), content_hash="h")
    events = [shelling_event("e1", "2024-06-19", 2), shelling_event("e2", "2024-06-20", None)]
    check = {
        "run_id": "run-1",
        "suite": "events",
        "expectation": "not_null(confidence)",
        "column_name": "confidence",
        "success": False,
        "element_count": 2,
        "unexpected_count": 1,
        "checked_at": datetime(2024, 6, 21, tzinfo=UTC),
        "detail": "every event has a confidence score. 1 of 2 events fails: doc.txt: no score",
    }
    summary = {
        "events_loaded": 2,
        "checks_passed": 5,
        "checks_failed": 1,
        "quarantined": 1,
        "report_path": "/r/index.html",
    }
    with warehouse.connect(settings.warehouse) as con:
        warehouse.ensure_schema(con)
        con.execute("BEGIN TRANSACTION")
        warehouse.start_run(con, "run-1")
        warehouse.load_batch(con, [doc], events, [("doc.txt", "doc", "h")])
        warehouse.record_rejections(
            con,
            "run-1",
            [Rejection("ingest", "x.png", "binary", "x.png: binary content (PNG image), not text")],
        )
        warehouse.record_checks(con, [check])
        warehouse.finish_run(con, "run-1", "succeeded", summary)
        con.execute("COMMIT")
        if with_snapshots:
            snapshots.write_snapshots(con, settings.snapshots_dir, date(2024, 6, 21), "run-1")
    return settings.warehouse_dir


def one_line_failure(result, code: int | None = None) -> str:
    """The line a failed `sitrep` command (a typer CliRunner result) printed: it exited non-zero (with
    `code` when given), printed nothing on stdout and one `sitrep: ...` line on stderr, no traceback."""
    assert result.exit_code not in (0, None), result.output
    if code is not None:
        assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("sitrep: "), result.stderr
    assert result.stdout == "", result.stdout
    return lines[0]


def places(text: str) -> list[str]:
    """The place names the place finder reads in text, in order (no document context)."""
    return [p.text for p in find_places(tokenize(text, 0), set())]


def copy_seeds(root: Path) -> Path:
    """A private copy of seeds/ at root/inbox, which a test may add files to; returns the inbox."""
    inbox = root / "inbox"
    shutil.copytree(SEEDS, inbox)
    return inbox


def alive(pids: set[int]) -> list[str]:
    """Which of these processes still run (zombies do not count), with their command lines."""
    import psutil

    left = []
    for pid in pids:
        try:
            process = psutil.Process(pid)
            if process.status() != psutil.STATUS_ZOMBIE:
                left.append(f"{pid} {' '.join(process.cmdline())[:120]}")
        except psutil.NoSuchProcess:
            pass
    return left


def extracted_reports(*reports: tuple[str, str, str]) -> list[dict]:
    """(id, published_at, text) reports -> their events as the happening stage reads them (the real
    extractor; document_id, published_at and outlet, one outlet per report, added)."""
    from sitrep.extract_cli import extract_records

    records = [{"id": i, "published_at": when, "text": text, "events": []} for i, when, text in reports]
    extracted = extract_records(records)
    return [
        {**event, "document_id": r["id"], "published_at": r["published_at"], "outlet": r["id"]}
        for r in records
        for event in extracted[r["id"]]
    ]
