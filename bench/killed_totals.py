"""The analyst's first figure, people killed, measured two ways on every gold file (issue 13 section 3):

- extracted: sum(fatalities) over the extractor's happened, non-aggregate events, against the sum over
  the gold events (what `sitrep eval` prints as "fatalities reported");
- warehouse: the gold texts run through the real Prefect flow (ingest with near-copy detection, extract,
  validate, load) into a temporary warehouse, then sum(fatalities) over mart.happenings, against the gold
  people killed counted once: the happenings TSV beside the gold file when there is one
  (tests/gold/happenings.tsv), else the sum over the gold events.

Usage: python -m bench.killed_totals [GOLD.jsonl ...]   (default: the five gold files of issue 13)
Prints one line per file and the table as JSON. The blind ACLED set is never read.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "gold"
FILES = ("dev.jsonl", "heldout.jsonl", "heldout2.jsonl", "restatements.jsonl", "happenings.jsonl")


def load_records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def gold_killed(path: Path, records: list[dict]) -> tuple[int, int]:
    """(killed summed over gold events, killed counted once per happening)."""
    from sitrep.evaluate_happenings import gold_tolls

    summed = sum(int(e["fatalities"] or 0) for r in records for e in r["events"] if not e["is_aggregate"])
    tolls = gold_tolls(path.with_suffix(".tsv"))
    return summed, (sum(v for v in tolls.values() if v is not None) if tolls else summed)


def extracted_killed(records: list[dict]) -> int:
    from sitrep.extract_cli import extract_records

    return sum(
        int(e["fatalities"] or 0)
        for events in extract_records(records).values()
        for e in events
        if not e["is_aggregate"] and e["factuality"] == "happened"
    )


def write_inbox(inbox: Path, records: list[dict]) -> None:
    """One text file per gold document, its outlet and publication time in sources.toml."""
    inbox.mkdir(parents=True)
    with (inbox / "sources.toml").open("w", encoding="utf-8") as toml:
        for r in records:
            name = f"{r['id']}.txt"
            (inbox / name).write_text(r["text"], encoding="utf-8")
            publisher = json.dumps(r.get("outlet") or r.get("source") or "gold")
            toml.write(f'["{name}"]\npublisher = {publisher}\npublished_at = {r["published_at"]}\n\n')


def warehouse_killed(records: list[dict], work: Path) -> int:
    """Run the real flow on the texts; people killed summed over mart.happenings."""
    import duckdb
    from sitrep.flows.pipeline import run_pipeline

    from sitrep.config import Settings

    write_inbox(work / "inbox", records)
    settings = Settings(warehouse=work / "wh" / "sitrep.duckdb", inbox=work / "inbox")
    run_pipeline(settings)
    with duckdb.connect(str(settings.warehouse), read_only=True) as con:
        return int(con.execute("SELECT coalesce(sum(fatalities), 0) FROM mart.happenings").fetchone()[0])


def error(predicted: int, gold: int) -> float:
    return (predicted - gold) / gold if gold else 0.0


def measure(paths: list[Path]) -> list[dict]:
    from prefect.testing.utilities import prefect_test_harness

    rows = []
    with tempfile.TemporaryDirectory() as tmp, prefect_test_harness(server_startup_timeout=180):
        for path in paths:
            records = load_records(path)
            summed, once = gold_killed(path, records)
            extracted = extracted_killed(records)
            stored = warehouse_killed(records, Path(tmp) / path.stem)
            rows.append(
                {
                    "file": path.name,
                    "gold_killed_summed": summed,
                    "extracted_killed": extracted,
                    "extracted_error": round(error(extracted, summed), 4),
                    "gold_killed_once": once,
                    "happenings_killed": stored,
                    "happenings_error": round(error(stored, once), 4),
                }
            )
            print(
                f"{path.name:<20} extracted {extracted:>5} vs gold {summed:>5} ({error(extracted, summed):+.1%})   "
                f"mart.happenings {stored:>5} vs gold {once:>5} ({error(stored, once):+.1%})",
                flush=True,
            )
    return rows


def main(argv: list[str]) -> None:
    os.environ.setdefault("DO_NOT_TRACK", "1")
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    paths = [Path(a) for a in argv] or [GOLD / name for name in FILES]
    if any("blind" in p.name for p in paths):
        raise SystemExit("the blind set is reporting only: not measured here")
    print(json.dumps(measure(paths), indent=1))


if __name__ == "__main__":
    main(sys.argv[1:])
