"""A fast answer for clearly English text, before the language model: most of an English inbox is
decided by counting function words (a few microseconds), and only the rest goes to py3langid (half a
millisecond a text: it walks the text's bytes in Python). The word lists are data
(sitrep/data/ingest/english_words.tsv); the rule never answers anything but "English" or "ask the model"."""

from __future__ import annotations

import csv
import re
from functools import lru_cache

from sitrep.config import DATA_DIR

_WORD = re.compile(r"[^\W\d_]+")  # runs of letters: the words of any script
_MIN_SHARE = 0.15  # English and shared words make at least this share of the words
_MIN_ENGLISH = 1  # and one of them at least is a word only English writes


@lru_cache(maxsize=1)
def _word_kinds() -> dict[str, str]:
    """word -> english | shared | foreign, from data/ingest/english_words.tsv."""
    with (DATA_DIR / "ingest" / "english_words.tsv").open(encoding="utf-8") as handle:
        rows = csv.DictReader((line for line in handle if not line.startswith("#")), delimiter="\t")
        return {row["word"]: row["kind"] for row in rows}


def clearly_english(sample: str) -> bool:
    """True when `sample` reads as English by its function words alone; False: ask the model."""
    kinds = _word_kinds()
    english = shared = 0
    words = _WORD.findall(sample)
    for word in words:
        kind = kinds.get(word.lower())
        if kind is None:
            continue
        if kind == "foreign":
            return False
        if kind == "english":
            english += 1
        else:
            shared += 1
    return english >= _MIN_ENGLISH and english + shared >= _MIN_SHARE * len(words)
