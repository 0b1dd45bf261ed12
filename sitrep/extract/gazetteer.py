"""The gazetteer: places, first-level divisions and countries, indexed by their folded token sequence.

Built once per process from the committed TSV files (sitrep/data/gazetteer.tsv, admin1.tsv) and the
actor lexicon's countries; a pickle of the built index is cached under sitrep/data/cache/ (git-ignored)
and reused while it is newer than its sources, so start-up stays well under a second.
"""

from __future__ import annotations

import math
import os
import pickle
import re
import unicodedata
from dataclasses import astuple, dataclass
from functools import cache, lru_cache

from sitrep.extract.lexicon import DATA_DIR, read_tsv, split_phrase, word_set
from sitrep.extract.wordcache import WordCache

# the file name carries the index format: a pickle of an older layout is never read
CACHE = DATA_DIR / "cache" / "gazetteer-compact3.pickle"
SOURCES = (
    "gazetteer.tsv",
    "admin1.tsv",
    "actors.tsv",
    "lexicons/place_cues.tsv",
    "lexicons/place_spellings.tsv",
)
MAX_NAME_TOKENS = 5


@dataclass(frozen=True, slots=True)
class Entry:
    name: str
    country: str  # ISO alpha-3
    admin1: str | None
    lat: float | None
    lon: float | None
    population: int
    precision: str  # place | admin1 | country
    primary: bool  # matched on the main name (not a variant)


def fold(low: str) -> str:
    return low.replace("'", "").replace("\u2019", "")


@lru_cache(maxsize=1 << 16)  # called for every capitalised token: vocabularies repeat
def compact(low: str) -> str:
    """A folded token or name without hyphens and spaces: "Huliai-Pole", "Huliai Pole" and
    "Huliaipole" are one key, so spelling variants need no gazetteer rows; so are the article's
    spellings "el-"/"al-"."""
    if " " in low:
        return "".join(compact(t) for t in low.split(" "))
    if not low.isascii():  # "Téra", "Culiacán": the gazetteer's names are ASCII
        low = "".join(ch for ch in unicodedata.normalize("NFKD", low) if not unicodedata.combining(ch))
    if low[:3] in ("el", "el-"):  # the Arabic article: "Deir el-Balah" is "Deir al-Balah"
        low = "al" + low[2:] if low == "el" or low[2] == "-" else low
    return low.replace("'", "").replace("\u2019", "").replace("-", "")


# compact() of one token's lower case, kept per word: the place stages fold every word of a candidate name
compact_word = WordCache(compact)

_PLAIN = re.compile(r"^[A-Za-z' -]+$")


def key_of(name: str) -> str:
    """The folded tokens of a name joined by spaces (the index key is its `compact` form)."""
    if _PLAIN.match(name):  # fast path, same result as the tokenizer for plain names
        return " ".join(fold(t) for t in name.lower().replace("'", "").split())
    return " ".join(fold(t) for t in split_phrase(name))


@dataclass(eq=False)  # hashed by identity: lookups are cached per gazetteer
class Gazetteer:
    """Entries are kept as plain tuples (fast to unpickle) and turned into Entry on lookup."""

    index: dict[str, list[tuple]]  # compact(name) -> entries
    admin1: dict[tuple[str, str], Entry]  # (country, canonical) -> admin1 entry
    countries: dict[str, Entry]
    first_tokens: frozenset[str]  # compact first tokens, and first parts of hyphenated names

    def lookup(self, key: str) -> tuple[Entry, ...]:
        return _entries(self, key)


@lru_cache(maxsize=1 << 14)  # a text names the same places again and again
def _entries(gaz: Gazetteer, key: str) -> tuple[Entry, ...]:
    return tuple(Entry(*t) for t in gaz.index.get(key, ()))


def _float(s: str) -> float | None:
    try:
        v = float(s)
    except ValueError:
        return None
    return None if math.isnan(v) else v


def _build() -> Gazetteer:
    index: dict[str, list[tuple]] = {}
    firsts: set[str] = set()

    def add(name: str, entry: Entry | tuple) -> None:
        k = key_of(name)
        if k and k.count(" ") < MAX_NAME_TOKENS:
            t = entry if isinstance(entry, tuple) else astuple(entry)
            rows = index.setdefault(compact(k), [])
            if t not in rows:  # "Huliai-Pole" and "Huliaipole" of one place: one row
                rows.append(t)
            head = k.split(" ", 1)[0]
            firsts.add(compact(head))
            firsts.add(head.split("-", 1)[0])  # "Huliai Pole" in a text reaches "Huliai-Pole"

    admin1: dict[tuple[str, str], Entry] = {}
    by_country: dict[str, list[tuple[float, float]]] = {}
    spellings: list[tuple[str, str, str]] = []  # (variant, country, admin1) of each division
    for row in read_tsv("admin1.tsv"):
        lat, lon = _float(row["lat"]), _float(row["lon"])
        e = Entry(row["admin1"], row["country_iso3"], row["admin1"], lat, lon, 0, "admin1", True)
        admin1[(e.country, e.name)] = e
        add(e.name, e)
        for v in filter(None, row["variants"].split("|")):
            add(v, Entry(e.name, e.country, e.name, lat, lon, 0, "admin1", False))
            spellings.append((v, e.country, e.name))
        if lat is not None and lon is not None:
            by_country.setdefault(e.country, []).append((lat, lon))

    countries: dict[str, Entry] = {}
    for row in read_tsv("actors.tsv"):
        if row["kind"] != "country":
            continue
        code = row["code"]
        pts = by_country.get(code, [])
        lat = sum(p[0] for p in pts) / len(pts) if pts else None
        lon = sum(p[1] for p in pts) / len(pts) if pts else None
        if code not in countries:
            countries[code] = Entry(row["phrase"], code, None, lat, lon, 0, "country", True)
        add(row["phrase"], countries[code])

    bare_names: list[tuple[str, tuple]] = []
    respell = _word_spellings()
    with open(DATA_DIR / "gazetteer.tsv", encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#") or line.startswith("name\t"):
                continue
            name, c3, adm, lat, lon, pop, variants = line.rstrip("\n").split("\t")
            fields = (name, c3, adm or None, float(lat), float(lon), int(pop), "place")
            add(name, (*fields, True))
            if variants:
                for v in variants.split("|"):
                    add(v, (*fields, False))
            bare = _without_article(name)
            if bare:
                bare_names.append((bare, fields))
            if c3 in respell:  # "Bent Jbeil" (a GeoNames variant) is also "Bint Jbeil"
                for n in [name, *filter(None, variants.split("|"))]:
                    for v in _respelled(n, respell[c3]):
                        add(v, (*fields, False))
    for bare, fields in bare_names:  # "Kiswah" for Al Kiswah, unless a place is named so already
        if compact(key_of(bare)) not in index:
            add(bare, (*fields, False))
    _capitals_take_division_spellings(spellings, index, add)
    return Gazetteer(index, admin1, countries, frozenset(firsts))


def _word_spellings() -> dict[str, dict[str, list[str]]]:
    """country -> gazetteer word -> the press's spellings of it (lexicons/place_spellings.tsv)."""
    out: dict[str, dict[str, list[str]]] = {}
    for row in read_tsv("lexicons/place_spellings.tsv"):
        out.setdefault(row["country_iso3"], {}).setdefault(row["gazetteer_word"], []).append(row["news_word"])
    return out


def _respelled(name: str, words: dict[str, list[str]]) -> list[str]:
    """The name with each listed word in the press's spelling ("Bent Jbail" -> "Bint Jbail")."""
    toks = name.split(" ")
    out = []
    for k, t in enumerate(toks):
        for news in words.get(t.lower(), ()):
            out.append(" ".join([*toks[:k], news.capitalize(), *toks[k + 1 :]]))
    return out


def _capitals_take_division_spellings(spellings, index, add) -> None:
    """A town named like its division also answers to the division's other spellings: "Hodeidah" is the
    city Al Hudaydah as well as its governorate, as "Kharkiv" is both (`places.choose` then reads the bare
    name as the city). Not a spelling with a division word ("Beqaa Governorate") or a Ukrainian oblast's
    adjective ("Kharkivska"), which name only the division."""
    for variant, country, name in spellings:
        low = variant.lower()
        if any(w in _cue_words("region") for w in low.split()) or low.endswith("ska"):
            continue
        for t in index.get(compact(key_of(name)), ()):
            if t[6] == "place" and t[1] == country and t[2] == name and t[0] == name:
                add(variant, (*t[:7], False))
                break


# The Arabic article as GeoNames writes it before a name ("Al Kiswah", "Ash Shaykh Zuwayd", "An Nusayrat"):
# news copy often drops it ("near Kiswah", "the Tabqa dam").
MIN_BARE_NAME = 4


def _without_article(name: str) -> str | None:
    head, sep, rest = name.replace("-", " ", 1).partition(" ")
    if sep and head.lower() in _cue_words("article") and len(rest) >= MIN_BARE_NAME:
        return name[len(head) + 1 :]
    return None


@cache
def _cue_words(group: str) -> frozenset[str]:
    return word_set("lexicons/place_cues.tsv", group)


@cache
def gazetteer() -> Gazetteer:
    """The process-wide gazetteer (cached pickle when fresh, else built from the TSV files)."""
    # the index is built by this module too: a change to it makes the pickle stale as well
    newest = max([(DATA_DIR / s).stat().st_mtime for s in SOURCES] + [os.stat(__file__).st_mtime])
    if CACHE.exists() and CACHE.stat().st_mtime >= newest:
        try:
            with open(CACHE, "rb") as fh:
                return pickle.load(fh)
        except Exception:  # a stale or foreign pickle: rebuild
            pass
    gaz = _build()
    try:
        CACHE.parent.mkdir(parents=True, exist_ok=True)
        tmp = CACHE.with_suffix(f".{os.getpid()}.tmp")  # own name: processes starting together (xdist)
        with open(tmp, "wb") as fh:
            pickle.dump(gaz, fh, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(CACHE)
    except OSError:  # read-only checkout: run without the cache
        pass
    return gaz
