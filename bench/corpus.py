"""Deterministic synthetic corpus for the benchmark, built from the project's own lexicons and gazetteer.

Three styles (wire report, live blog, incident note); the same seed gives byte-identical files. The texts
are for measuring speed and growth, not quality: they are not a gold set.
"""

from __future__ import annotations

import csv
import random
from datetime import date, timedelta
from pathlib import Path

from sitrep.config import DATA_DIR

NUMBER_WORDS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "a dozen"]


def _rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader((line for line in handle if not line.startswith("#")), delimiter="\t"))


def vocabulary() -> dict[str, list]:
    places = [
        r
        for r in _rows(DATA_DIR / "gazetteer.tsv")
        if r["country_iso3"] in {"UKR", "RUS", "SDN", "SOM", "SYR", "PSE"}
        and int(r.get("population") or 0) >= 5000
    ]
    demonyms = [
        r["phrase"]
        for r in _rows(DATA_DIR / "actors.tsv")
        if r.get("kind") == "demonym" and r["phrase"][:1].isupper()
    ]
    weapons = sorted(
        {r["phrase"] for r in _rows(DATA_DIR / "lexicons" / "weapons.tsv") if not r["phrase"].endswith("s")}
    )
    return {"places": places, "demonyms": demonyms[:60], "weapons": weapons[:40]}


def wire(rng: random.Random, v: dict, day: date) -> str:
    place = rng.choice(v["places"])
    a, b = rng.sample(v["demonyms"], 2)
    killed, wounded = rng.randint(1, 12), rng.randint(0, 20)
    return (
        f"{a} strike kills {killed} in {place['name']}\n\n{day:%d %B %Y}\n\n"
        f"{a} forces struck {place['name']} in the {place['admin1']} region with a {rng.choice(v['weapons'])} "
        f"on {day:%A}, killing {killed} civilians and wounding {wounded}, local officials said. "
        f"The {b} defence ministry said its troops had returned fire. "
        f"Officials said {rng.choice(NUMBER_WORDS)} houses were damaged and power lines were cut.\n\n"
        f"The attack came a day after {b} officials met {a} envoys to discuss a ceasefire.\n"
    )


def live_blog(rng: random.Random, v: dict, day: date) -> str:
    entries = []
    for hour in sorted(rng.sample(range(6, 22), 4), reverse=True):
        place = rng.choice(v["places"])
        a = rng.choice(v["demonyms"])
        n = rng.randint(5, 60)
        entries.append(
            f"UPDATE {hour:02d}{rng.randint(0, 59):02d} GMT:\n\n"
            f"{a} forces launched {n} drones and {rng.randint(1, 9)} missiles overnight at targets in the "
            f"{place['admin1']} region. {rng.randint(0, n)} of the drones were shot down. "
            f"{rng.choice(NUMBER_WORDS).capitalize()} people were wounded in {place['name']}.\n"
        )
    return f"Live blog, {day:%d %B %Y}\n\n" + "\n\n".join(entries)


def incident_note(rng: random.Random, v: dict, day: date) -> str:
    place = rng.choice(v["places"])
    a = rng.choice(v["demonyms"])
    return (
        f"On {day:%d %B %Y}, {a} forces shelled {place['name']} ({place['admin1']}). "
        f"{rng.choice(NUMBER_WORDS).capitalize()} civilians were killed.\n"
    )


STYLES = [wire, live_blog, incident_note]


def generate(directory: Path, count: int, seed: int = 20240620) -> list[Path]:
    """Write `count` documents (and return their paths); existing files with the same names are replaced."""
    rng = random.Random(seed)
    v = vocabulary()
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    start = date(2024, 1, 1)
    for number in range(count):
        day = start + timedelta(days=rng.randint(0, 365))
        text = STYLES[number % len(STYLES)](rng, v, day)
        path = directory / f"doc_{number:06d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def words(paths: list[Path]) -> int:
    return sum(len(p.read_text(encoding="utf-8").split()) for p in paths)
