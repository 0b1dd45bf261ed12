"""`make bench`: extractor throughput, extraction time against sentence length (bench/lengths.py), HTML
page reading, end-to-end time for 1,000 and 10,000 documents, no-op rerun, memory, and the clustering
time of events into happenings for 10,000 and 100,000 synthetic events.

Prints the figures and writes bench/results.json. Targets (2-core machine) are printed beside the
figures; they are not asserted anywhere.

`python -m bench.run --documents 2000 --workers 1 2` runs only the end-to-end part: one `sitrep run` (and
its no-op rerun) over the first 2,000 generated documents for each worker count in turn, so that the
extract stage's wall and CPU seconds of both are taken in the same minutes (it writes no results file).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from bench.corpus import generate, words
from bench.happenings import main as happenings_bench
from bench.lengths import report as report_lengths

ROOT = Path(__file__).resolve().parent
CORPUS = ROOT / "corpus"
WORK = ROOT / "work"
ENV = {**os.environ, "DO_NOT_TRACK": "1", "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}


REPEATS = 5  # extractor passes; the figure is the fastest (timeit's convention), the median beside it


def extractor_words_per_second(paths: list[Path], repeats: int = REPEATS) -> dict:
    """Extract stage only, on the generated corpus: see words_per_second."""
    return words_per_second([(p.stem, p.read_text(encoding="utf-8"), None) for p in paths], repeats)


# Real-style text: every hand-written gold file except the blind set, whose first run is reserved for
# scoring. The generated corpus repeats the lexicons' own phrases; these texts are news in many styles.
GOLD_FILES = ["dev", "heldout", "heldout2", "restatements", "happenings", "acled_dev"]


def gold_words_per_second(repeats: int = REPEATS) -> dict:
    """Extract stage only, on the texts of the gold sets (hand-written news: wire, live blogs, notes)."""
    from sitrep.ingest.timeparse import parse_published_at

    texts = []
    for name in GOLD_FILES:
        for line in (
            (ROOT.parent / "tests" / "gold" / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()
        ):
            record = json.loads(line)
            texts.append((record["id"], record["text"], parse_published_at(record["published_at"])))
    return words_per_second(texts, repeats) | {"files": GOLD_FILES}


def throughput_line(figures: dict) -> str:
    return (
        f"  {figures['words_per_second']:,} words/s, fastest of {figures['repeats']} passes "
        f"(median {figures['median_words_per_second']:,}; {figures['words']:,} words in {figures['documents']:,} "
        "texts; target >= 100,000)\n"
        f"  {figures['words_per_cpu_second']:,} words per CPU-second, fastest "
        f"(median {figures['median_words_per_cpu_second']:,}; time.process_time: other processes' load left out)\n"
        f"  load average {figures['load_average'][0]} before the passes, {figures['load_average'][1]} after "
        "(the machine is shared: at load 7-8 on its 2 cores a CPU-second is ~0.6x one at load 0.4)"
    )


def words_per_second(texts: list[tuple], repeats: int = REPEATS) -> dict:
    """Extract stage only, one process (one core), no Prefect, no database. The machine is a shared
    VM whose speed drifts by +-15% from minute to minute, so the pass is repeated: the fastest pass is
    the one least disturbed by other work, the median says what a busy minute looks like."""
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    from sitrep.extract.run import extract_documents
    from sitrep.ingest.documents import build_document

    documents = [build_document(doc_id, text, published) for doc_id, text, published in texts]
    extract_documents(documents[:50])  # load lexicons and the gazetteer outside the timing
    load_before = os.getloadavg()[0]  # 1-minute load average: how busy the shared machine was
    seconds, cpu_seconds = [], []
    for _ in range(repeats):
        started, cpu_started = time.perf_counter(), time.process_time()
        events = extract_documents(documents)
        seconds.append(time.perf_counter() - started)
        cpu_seconds.append(time.process_time() - cpu_started)
    count = sum(len(text.split()) for _, text, _ in texts)
    fastest, median = min(seconds), statistics.median(seconds)
    return {
        "documents": len(documents),
        "words": count,
        "events": len(events),
        "repeats": repeats,
        "seconds": round(fastest, 3),
        "words_per_second": round(count / fastest),
        "median_words_per_second": round(count / median),
        "all_words_per_second": [round(count / s) for s in seconds],
        # CPU time of this process only (time.process_time): time the core spent on other processes is
        # left out, so this figure drops far less than the wall figures on a busy machine (shared caches
        # still slow it somewhat)
        "words_per_cpu_second": round(count / min(cpu_seconds)),
        "median_words_per_cpu_second": round(count / statistics.median(cpu_seconds)),
        "load_average": [round(load_before, 2), round(os.getloadavg()[0], 2)],
    }


def child_json(code: str) -> dict:
    """Run a measurement in a fresh process (it pins itself to one core) and read its JSON line."""
    child = subprocess.run(
        [sys.executable, "-c", "import json; " + code],
        env=ENV,
        capture_output=True,
        text=True,
        cwd=ROOT.parent,
    )
    if child.returncode != 0:
        sys.exit(f"bench: measurement failed:\n{child.stderr[-3000:]}")
    return json.loads(child.stdout.strip().splitlines()[-1])


def timed(command: list[str]) -> tuple[float, int]:
    started = time.perf_counter()
    result = subprocess.run(command, env=ENV, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"bench: {' '.join(command)} failed:\n{result.stderr[-3000:]}")
    return time.perf_counter() - started, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss


def prefect_startup() -> float:
    code = "from prefect import flow\n@flow\ndef noop():\n    return 1\nnoop()\n"
    seconds, _ = timed([sys.executable, "-c", code])
    return seconds


def end_to_end(count: int, corpus: list[Path], workers: int | None = None) -> dict:
    """`sitrep run` over the first `count` documents, then a no-op rerun; `workers`: SITREP_WORKERS
    (None: the default, the number of CPUs)."""
    inbox = WORK / f"inbox_{count}"
    warehouse = WORK / f"wh_{count}" / "sitrep.duckdb"
    shutil.rmtree(inbox, ignore_errors=True)
    shutil.rmtree(warehouse.parent, ignore_errors=True)
    inbox.mkdir(parents=True)
    for path in corpus[:count]:
        os.link(path, inbox / path.name)
    command = [
        sys.executable,
        "-m",
        "sitrep.cli",
        "run",
        "--inbox",
        str(inbox),
        "--warehouse",
        str(warehouse),
        *(["--workers", str(workers)] if workers else []),
    ]
    load_before = [round(value, 2) for value in os.getloadavg()]
    first, rss = timed(command)
    rerun, rss = timed(command)
    in_flow = flow_seconds(warehouse)
    return {
        "documents": count,
        "seconds": round(first, 2),
        "documents_per_second": round(count / first, 1),
        "noop_rerun_seconds": round(rerun, 2),
        # the runs' own durations from etl_run: no process or Prefect start-up in them
        "in_flow_seconds": in_flow[0],
        "noop_rerun_in_flow_seconds": in_flow[1],
        "peak_rss_mb": round(rss / 1024),
        # per run: stage -> [wall seconds, CPU seconds of the sitrep process], from etl_stage
        "stages": stage_seconds(warehouse),
        # the first run's extract stage: processes, wall and CPU seconds (the workers' CPU included)
        "extract": extract_stage(warehouse),
        "load_average_before": load_before,
        "load_average": [round(value, 2) for value in os.getloadavg()],
    }


def extract_stage(warehouse: Path) -> dict:
    """The extract stage of the warehouse's first run, from etl_stage."""
    import duckdb

    with duckdb.connect(str(warehouse), read_only=True) as con:
        workers, seconds, cpu_seconds = con.execute(
            "SELECT workers, seconds, cpu_seconds FROM etl_stage JOIN etl_run r USING (run_id) "
            "WHERE stage = 'extract' ORDER BY r.started_at LIMIT 1"
        ).fetchone()
    return {"workers": workers, "seconds": round(seconds, 2), "cpu_seconds": round(cpu_seconds, 2)}


def extract_line(run: dict) -> str:
    extract = run["extract"]
    return (
        f"  extract stage: {extract['workers']} process{'es' if extract['workers'] != 1 else ''}, "
        f"{extract['seconds']} s wall, {extract['cpu_seconds']} CPU s (workers included); "
        f"load average {run['load_average_before'][0]} before the run, {run['load_average'][0]} after"
    )


def stage_seconds(warehouse: Path) -> list[dict[str, list[float]]]:
    """Each succeeded run's stages (etl_stage), in run order: the run's own phase breakdown."""
    import duckdb

    with duckdb.connect(str(warehouse), read_only=True) as con:
        rows = con.execute(
            "SELECT run_id, stage, seconds, cpu_seconds FROM etl_stage JOIN etl_run r USING (run_id) "
            "WHERE r.status = 'succeeded' ORDER BY r.started_at, position"
        ).fetchall()
    runs: dict[str, dict[str, list[float]]] = {}
    for run_id, stage, seconds, cpu_seconds in rows:
        runs.setdefault(run_id, {})[stage] = [round(seconds, 2), round(cpu_seconds, 2)]
    return list(runs.values())


def flow_seconds(warehouse: Path) -> list[float]:
    """Durations of the warehouse's runs in order, as etl_run recorded them."""
    import duckdb

    with duckdb.connect(str(warehouse), read_only=True) as con:
        rows = con.execute(
            "SELECT epoch(ended_at - started_at) FROM etl_run WHERE status = 'succeeded' ORDER BY started_at"
        ).fetchall()
    return [round(r[0], 2) for r in rows]


def runs_only(count: int, worker_counts: list[int | None]) -> None:
    """`--documents N`: only the end-to-end runs, one per worker count, one after the other."""
    corpus = generate(CORPUS, 10_000)[:count]
    for workers in worker_counts:
        print(f"bench: sitrep run over {count:,} documents, workers {workers or 'default'} ...", flush=True)
        run = end_to_end(count, corpus, workers)
        stages = ", ".join(f"{stage} {wall}/{cpu}" for stage, (wall, cpu) in run["stages"][0].items())
        print(f"  {run['seconds']} s ({run['in_flow_seconds']} s inside the flow)", flush=True)
        print(f"  stages, wall/CPU s: {stages}", flush=True)
        print(extract_line(run), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description="sitrep benchmark (make bench runs all of it)")
    parser.add_argument("--documents", type=int, help="only the end-to-end run over this many documents")
    parser.add_argument("--workers", type=int, nargs="+", help="with --documents: SITREP_WORKERS of each run")
    options = parser.parse_args()
    if options.documents:
        runs_only(options.documents, options.workers or [None])
        return
    print("bench: generating the corpus (10,000 documents, seeded) ...", flush=True)
    corpus = generate(CORPUS, 10_000)
    print(f"bench: {words(corpus[:1000]):,} words in the first 1,000 documents", flush=True)
    results: dict = {}
    print("bench: extractor throughput on one core ...", flush=True)
    results["extractor"] = child_json(
        "from bench.run import extractor_words_per_second, CORPUS; "
        "print(json.dumps(extractor_words_per_second(sorted(CORPUS.glob('*.txt'))[:3000])))"
    )
    ext = results["extractor"]
    print(throughput_line(ext), flush=True)
    print("bench: extractor throughput on the gold texts (hand-written news), one core ...", flush=True)
    results["extractor_gold_texts"] = child_json(
        "from bench.run import gold_words_per_second; print(json.dumps(gold_words_per_second()))"
    )
    gold = results["extractor_gold_texts"]
    print(throughput_line(gold), flush=True)
    print("bench: reading 200 saved HTML pages, trafilatura vs html.parser ...", flush=True)
    results["html"] = child_json(
        "from bench.html_pages import pages_from, html_decode_seconds; from bench.run import CORPUS; "
        "print(json.dumps(html_decode_seconds(pages_from(sorted(CORPUS.glob('*.txt'))))))"
    )
    page = results["html"]
    print(
        f"  {page['trafilatura_seconds']} s with trafilatura, {page['html_parser_seconds']} s with html.parser "
        f"({page['slowdown']}x; {page['kilobytes_per_page']} kB a page; import {page['trafilatura_import_seconds']} s)",
        flush=True,
    )
    print("bench: clustering synthetic events into happenings ...", flush=True)
    results["happenings"] = happenings_bench()
    print("bench: extraction time against sentence length, one core ...", flush=True)
    results["sentence_length"] = child_json("from bench.lengths import measure; print(json.dumps(measure()))")
    print(report_lengths(results["sentence_length"]), flush=True)
    print("bench: Prefect start-up (a trivial flow) ...", flush=True)
    results["prefect_startup_seconds"] = round(prefect_startup(), 2)
    print(f"  {results['prefect_startup_seconds']} s", flush=True)
    for count in (1_000, 10_000):
        print(f"bench: sitrep run over {count:,} documents, then a no-op rerun ...", flush=True)
        results[f"run_{count}"] = end_to_end(count, corpus)
        print(f"  {results[f'run_{count}']}", flush=True)
        print(extract_line(results[f"run_{count}"]), flush=True)
    results["growth_ratio_10k_over_1k"] = round(
        results["run_10000"]["seconds"] / results["run_1000"]["seconds"], 2
    )
    startup = results["prefect_startup_seconds"]
    print(
        "\nfigures (targets in brackets):\n"
        f"  extractor            {ext['words_per_second']:>10,} words/s/core  [>= 100,000]"
        f"  (median of {ext['repeats']}: {ext['median_words_per_second']:,};"
        f" {ext['words_per_cpu_second']:,} per CPU-second)\n"
        f"  extractor, gold texts {gold['words_per_second']:>9,} words/s/core  [>= 100,000]"
        f"  (median {gold['median_words_per_second']:,}; {gold['words_per_cpu_second']:,} per CPU-second;"
        " hand-written news)\n"
        f"  10,000 docs run      {results['run_10000']['seconds']:>10} s  [<= 60 + start-up {startup} s]\n"
        f"  extract stage        {results['run_10000']['extract']['seconds']:>10} s  "
        f"(CPU {results['run_10000']['extract']['cpu_seconds']} s on {results['run_10000']['extract']['workers']}"
        " processes; SITREP_WORKERS)\n"
        f"  no-op rerun (10,000) {results['run_10000']['noop_rerun_seconds']:>10} s  [<= 5 + start-up]"
        f"  (inside the flow: {results['run_10000']['noop_rerun_in_flow_seconds']} s)\n"
        f"  peak memory          {results['run_10000']['peak_rss_mb']:>10} MB  [<= 2048]\n"
        f"  200 HTML pages       {page['trafilatura_seconds']:>10} s  (html.parser: {page['html_parser_seconds']} s)\n"
        f"  sentence 8x / 1x     {results['sentence_length']['worst_ratio_8x']:>10}  [<= 10]"
        f"  (worst of {len(results['sentence_length']['shapes'])} shapes; time ratio for 8x the tokens)\n"
        f"  growth 10k / 1k      {results['growth_ratio_10k_over_1k']:>10}  [<= 11]"
        f"  (inside the flow: {results['run_1000']['in_flow_seconds']} s -> "
        f"{results['run_10000']['in_flow_seconds']} s)\n"
        f"  happenings 10k/100k  {results['happenings']['10000']['seconds']:>10} s / "
        f"{results['happenings']['100000']['seconds']} s  (ratio {results['happenings']['ratio_100k_over_10k']}, "
        f"CPU {results['happenings']['10000']['cpu_seconds']} s / {results['happenings']['100000']['cpu_seconds']} s)"
    )
    (ROOT / "results.json").write_text(json.dumps(results, indent=2) + "\n")
    print(f"\nwritten to {ROOT / 'results.json'}")


if __name__ == "__main__":
    main()
