"""The two extractor throughput figures of `make bench` alone (gold texts, then the generated corpus),
each in a fresh process pinned to one core; about a minute instead of the whole bench.

Run: `.venv/bin/python -m bench.extractor_speed [--repeats N] [--gold-only]`. Use it when a change touches
the per-sentence path; `make bench` remains the reference (it also runs the end-to-end parts).
"""

from __future__ import annotations

import argparse

from bench.corpus import generate
from bench.run import CORPUS, child_json, throughput_line

GENERATED = 3_000  # documents of the generated corpus, as make bench measures


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--gold-only", action="store_true", help="skip the generated corpus")
    args = ap.parse_args()
    print("extractor throughput on the gold texts (hand-written news), one core ...", flush=True)
    gold = child_json(
        "from bench.run import gold_words_per_second; "
        f"print(json.dumps(gold_words_per_second({args.repeats})))"
    )
    print(throughput_line(gold), flush=True)
    if args.gold_only:
        return
    generate(CORPUS, GENERATED)  # seeded: the same first documents as make bench's 10,000
    print("extractor throughput on the generated corpus, one core ...", flush=True)
    generated = child_json(
        "from bench.run import extractor_words_per_second, CORPUS; "
        f"print(json.dumps(extractor_words_per_second(sorted(CORPUS.glob('*.txt'))[:{GENERATED}], {args.repeats})))"
    )
    print(throughput_line(generated), flush=True)


if __name__ == "__main__":
    main()
