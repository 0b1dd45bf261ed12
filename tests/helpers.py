"""Helpers shared by several test modules: hand-built event records and the star tables runs are compared on.

Imported as `from tests.helpers import ...`: pytest runs from the repository root (`python -m pytest`, as in
the Makefile), which puts the root on sys.path, and tests/ is a namespace package.
"""

from __future__ import annotations

import os
from pathlib import Path

import duckdb

from sitrep.load.warehouse import STAR_TABLES
from sitrep.model import EVENT_COLUMNS

# Star tables that log the runs themselves (run ids, times): they differ between runs by design.
RUN_LOG_TABLES = ("etl_run", "quarantine", "dq_result")
# Star tables holding the loaded data (dimensions, facts, document names): two runs over the same
# inputs must leave them equal.
LOADED_TABLES = [table for table in STAR_TABLES if table not in RUN_LOG_TABLES]


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
