"""`make bench`, sentence length: extraction time against the length of one sentence (issue 11).

One sentence of each shape at 1x, 2x, 4x and 8x a base length (8x is MAX_SENTENCE_TOKENS, the most one
sentence holds), timed on one core. When every stage is linear in the sentence's length, time(8x) /
time(1x) is about 8 (target <= 10); one quadratic stage makes it tend to 64. Then one run-on line of
400 KB of each shape, which the extractor reads as pieces of at most MAX_SENTENCE_TOKENS.

Run alone: `python -m bench.lengths` (prints one JSON object).
"""

from __future__ import annotations

import json
import os
import statistics
import time
from datetime import UTC, datetime

from sitrep.extract.text import MAX_SENTENCE_TOKENS, tokenize

PLACES = "Kharkiv Nikopol Kherson Sumy Donetsk Odesa Zaporizhzhia Dnipro".split()
# shape -> (opening, repeated unit, closing); the units are the pathological sentences
SHAPES = {
    "trigger on every word": ("", "killed ", "."),
    "list of places": ("Shelling hit ", "".join(f"{p}, " for p in PLACES), "overnight."),
    "run of numbers": ("Officials counted ", "12 345 6,789 3.5 ", "people killed."),
    "coordinated clauses": ("", "Russian forces shelled Nikopol and ", "withdrew."),
    "quotes and parentheses": ("", '"Russian troops attacked Kyiv" (the army said), which killed 3, ', "."),
}
MULTIPLES = (1, 2, 4, 8)
BASE_TOKENS = MAX_SENTENCE_TOKENS // 8
LONG_LINE_BYTES = 400_000
ROUNDS = 7  # the fastest round counts (timeit's convention on a shared machine)
MIN_ROUND_SECONDS = 0.2


def sentence(shape: str, tokens: int) -> str:
    """A sentence of the shape with at most `tokens` tokens (whole units)."""
    opening, unit, closing = SHAPES[shape]
    fixed = len(tokenize(opening + closing, 0))
    units = max(1, (tokens - fixed) // len(tokenize(unit, 0)))
    return opening + unit * units + closing


def _document(text: str):
    from sitrep.ingest.documents import build_document

    return build_document("bench", text, datetime(2024, 6, 5, 12, tzinfo=UTC))


def seconds_per_extraction(text: str) -> float:
    """CPU seconds of one extraction: the fastest of ROUNDS rounds, each extracting the text as often as
    fills MIN_ROUND_SECONDS. CPU time of this process, not wall time: other processes on the machine
    move wall times of milliseconds by more than the ratios this measures."""
    from sitrep.extract.run import extract_document

    document = _document(text)
    started = time.process_time()
    extract_document(document)
    repeat = max(1, int(MIN_ROUND_SECONDS / max(time.process_time() - started, 1e-6)))
    best = float("inf")
    for _ in range(ROUNDS):
        started = time.process_time()
        for _ in range(repeat):
            extract_document(document)
        best = min(best, (time.process_time() - started) / repeat)
    return best


def measure() -> dict:
    """Seconds per extraction by shape and length, the 8x / 1x ratios, and the 400 KB lines."""
    from sitrep.extract.run import extract_document

    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    extract_document(_document("Russian forces shelled Kyiv on Monday, killing 3 civilians."))  # lexicons
    out: dict = {"base_tokens": BASE_TOKENS, "max_sentence_tokens": MAX_SENTENCE_TOKENS, "shapes": {}}
    for shape in SHAPES:
        texts = [sentence(shape, BASE_TOKENS * m) for m in MULTIPLES]
        seconds = [seconds_per_extraction(t) for t in texts]
        opening, unit, closing = SHAPES[shape]
        line = opening + unit * (LONG_LINE_BYTES // len(unit)) + closing
        started = time.perf_counter()  # wall time: what a run waits
        extract_document(_document(line))
        out["shapes"][shape] = {
            "tokens": [len(tokenize(t, 0)) for t in texts],
            "seconds": [round(s, 5) for s in seconds],
            "ratios": [round(s / seconds[0], 2) for s in seconds],
            "long_line_bytes": len(line.encode("utf-8")),
            "long_line_seconds": round(time.perf_counter() - started, 2),
        }
    out["worst_ratio_8x"] = max(v["ratios"][-1] for v in out["shapes"].values())
    out["median_ratio_8x"] = round(statistics.median(v["ratios"][-1] for v in out["shapes"].values()), 2)
    return out


def report(result: dict) -> str:
    """The figures as lines for the bench's printout."""
    lines = [f"  {'shape':24} {'tokens (1x..8x)':>22}  {'time ratio 1x/2x/4x/8x':>26}  {'400 KB line':>11}"]
    for shape, v in result["shapes"].items():
        tokens = "/".join(str(t) for t in v["tokens"])
        ratios = " / ".join(f"{r:g}" for r in v["ratios"])
        lines.append(f"  {shape:24} {tokens:>22}  {ratios:>26}  {v['long_line_seconds']:>9} s")
    lines.append(f"  worst 8x/1x ratio {result['worst_ratio_8x']}  [<= 10]")
    return "\n".join(lines)


if __name__ == "__main__":
    print(json.dumps(measure()))
