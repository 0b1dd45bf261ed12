"""Clustering time of sitrep/happen for 10,000 and 100,000 synthetic events (`make bench`, or alone:
`python -m bench.happenings`).

The events are seeded and shaped like a conflict feed: happenings over two years in 15 countries, 8
admin1 per country and 6 towns each, told by 1-4 outlets whose reports differ as real ones do (a region-
only report, a null mode, a missing actor, a report filed after midnight, a rising toll).
"""

from __future__ import annotations

import json
import random
import time
from datetime import UTC, date, datetime, timedelta

from sitrep.happen import happenings_table

MODES = ["aerial", "drone", "artillery", "explosives", "firearms", None]
TYPES = ["ASSAULT"] * 8 + ["ACCUSE", "COERCE", "MOBILIZE", "PROTEST"]


def synthetic_events(count: int, seed: int = 13) -> tuple[list[dict], dict[str, int]]:
    """About `count` events and, for each, the synthetic happening it tells."""
    rng = random.Random(seed)
    countries = [f"C{n:02d}" for n in range(15)]
    towns = {
        (c, a, t): (rng.uniform(-30, 60), rng.uniform(-20, 100))
        for c in countries
        for a in range(8)
        for t in range(6)
    }
    keys = list(towns)
    events: list[dict] = []
    truth: dict[str, int] = {}
    happening = 0
    start = date(2024, 1, 1)
    while len(events) < count:
        happening += 1
        country, admin, town = rng.choice(keys)
        lat, lon = towns[(country, admin, town)]
        day = start + timedelta(days=rng.randrange(730))
        kind, mode = rng.choice(TYPES), rng.choice(MODES)
        toll = rng.choice([None, 0, 1, 2, 3, 5, 8, 12])
        for report in range(rng.choice([1, 1, 2, 2, 3, 4])):
            document = f"d{happening}-{report}"
            published = datetime(day.year, day.month, day.day, 10, tzinfo=UTC) + timedelta(hours=5 * report)
            event_day = day
            if report and rng.random() < 0.1:  # filed after midnight: "overnight" is the next day
                published = datetime(day.year, day.month, day.day, 23, tzinfo=UTC) + timedelta(hours=2)
                event_day = day + timedelta(days=1)
            region_only = report and rng.random() < 0.15
            event_id = f"e{happening}-{report}"
            events.append(
                {
                    "event_id": event_id,
                    "document_id": document,
                    "published_at": published.isoformat(),
                    "outlet": f"outlet{rng.randrange(40)}",
                    "event_type": kind,
                    "event_mode": None if (kind != "ASSAULT" or rng.random() < 0.2) else mode,
                    "actor1_name": None if rng.random() < 0.2 else f"forces of {country}",
                    "actor1_country": None if rng.random() < 0.2 else country,
                    "actor2_name": "civilians",
                    "actor2_country": country,
                    "location_name": None if region_only else f"town {country}-{admin}-{town}",
                    "admin1": f"region {country}-{admin}",
                    "country": country,
                    "latitude": None if region_only else lat,
                    "longitude": None if region_only else lon,
                    "event_date": event_day.isoformat(),
                    "date_precision": "day",
                    "fatalities": None if toll is None else toll + report,
                    "injuries": None,
                    "is_aggregate": False,
                }
            )
            truth[event_id] = happening
    return events[:count], truth


def clustering_seconds(count: int) -> dict:
    events, truth = synthetic_events(count)
    started, cpu = time.perf_counter(), time.process_time()
    links, rows = happenings_table(events)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    predicted = dict(zip(links["event_id"], links["happening_id"], strict=True))
    by_truth: dict[int, set] = {}
    for event_id, happening in truth.items():
        if event_id in predicted:
            by_truth.setdefault(happening, set()).add(predicted[event_id])
    whole = sum(1 for found in by_truth.values() if len(found) == 1) / len(by_truth)
    return {
        "events": len(events),
        "happenings": len(rows),
        "true_happenings": len(by_truth),
        "kept_whole_share": round(whole, 3),
        "seconds": round(seconds, 2),
        # the machine is shared: CPU time of this process says what the code costs when others are busy
        "cpu_seconds": round(cpu, 2),
    }


def main() -> dict:
    results = {n: clustering_seconds(n) for n in (10_000, 100_000)}
    ratio = results[100_000]["seconds"] / results[10_000]["seconds"]
    cpu_ratio = results[100_000]["cpu_seconds"] / results[10_000]["cpu_seconds"]
    for r in results.values():
        print(
            f"  happenings: {r['events']:>7,} events -> {r['happenings']:>6,} happenings in {r['seconds']:>6} s "
            f"(CPU {r['cpu_seconds']} s; "
            f"{r['kept_whole_share']:.1%} of the {r['true_happenings']:,} synthetic happenings kept whole)",
            flush=True,
        )
    print(
        f"  happenings: 100,000 / 10,000 time ratio {ratio:.1f} (CPU {cpu_ratio:.1f})  [linear: 10]",
        flush=True,
    )
    return {
        "10000": results[10_000],
        "100000": results[100_000],
        "ratio_100k_over_10k": round(ratio, 2),
        "cpu_ratio_100k_over_10k": round(cpu_ratio, 2),
    }


if __name__ == "__main__":
    print(json.dumps(main(), indent=2))
