"""Words per second of extract_documents on one core, over the seed texts repeated.

Run: `python -m sitrep.extract.speed [--repeat N] [--seeds DIR]`; prints one JSON line
({"words": ..., "seconds": ..., "words_per_second": ..., "events": ...}). Start-up (loading lexicons
and the gazetteer) is measured separately and left out of the rate. The bench harness may call
`measure()` directly.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from sitrep.model import Document, Segment

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def _document(doc_id: str, text: str) -> Document:
    try:
        from sitrep.ingest.documents import build_document

        return build_document(doc_id, text, None)
    except ImportError:  # ingest not installed: one segment over the whole text
        return Document(doc_id, text, None, segments=[Segment(0, 0, len(text), None)])


def measure(repeat: int = 20, seeds: Path = SEEDS) -> dict:
    from sitrep.extract.run import extract_document, extract_documents

    texts = [(p.name, p.read_text(encoding="utf-8")) for p in sorted(seeds.glob("*.txt"))]
    docs = [_document(f"{name}#{i}", text) for i in range(repeat) for name, text in texts]
    words = sum(len(d.text[s.start : s.end].split()) for d in docs for s in d.segments)
    t0 = time.perf_counter()
    extract_document(docs[0])  # loads lexicons and the gazetteer
    startup = time.perf_counter() - t0
    t0, c0 = time.perf_counter(), time.process_time()
    events = extract_documents(docs)
    seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
    return {
        "words": words,
        "seconds": round(seconds, 3),
        "words_per_second": round(words / seconds) if seconds else None,
        # CPU time of this process: the one-core rate without other processes' contention
        "words_per_cpu_second": round(words / cpu) if cpu else None,
        "events": len(events),
        "startup_seconds": round(startup, 3),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=20)
    ap.add_argument("--seeds", type=Path, default=SEEDS)
    args = ap.parse_args()
    print(json.dumps(measure(args.repeat, args.seeds)))


if __name__ == "__main__":
    main()
