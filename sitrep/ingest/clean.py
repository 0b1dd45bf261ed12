"""Page furniture and character normalisation that keep every offset valid.

Cleaning never rewrites the text's length: characters are replaced one for one, and furniture is left
out by choosing which paragraphs to read, so offsets of evidence always point into the decoded text.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache

from sitrep.config import DATA_DIR

# One-for-one replacements: exotic spaces and zero-width characters become plain spaces.
_SPACE_LIKE = dict.fromkeys(
    map(ord, "\u00a0\u2007\u202f\u2009\u200a\u2002\u2003\u200b\u200c\u200d\ufeff\t"), " "
)

# A paragraph is prose when it holds a sentence end or is a list item; headings, captions and
# bylines are not (they repeat the lead or carry no event).
_SENTENCE_END = re.compile(r"[.!?:;][\"'”’)\]]*\s*$|[.!?][\"'”’)\]]*\s")
_BULLET = re.compile(r"^\s*[•\-–*·▪]\s+")
_PARAGRAPH = re.compile(r"[^\n]+(?:\n[^\n]+)*")


@dataclass(frozen=True)
class Paragraph:
    start: int
    end: int
    text: str


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def replace_lone_surrogates(text: str) -> str:
    """Lone surrogates (a JSON escape such as \\ud800) cannot be stored or hashed: U+FFFD, one for one."""
    return _LONE_SURROGATE.sub("\ufffd", text)


def normalise_characters(text: str) -> str:
    """One-for-one: odd spaces become spaces, lone surrogates become U+FFFD."""
    return replace_lone_surrogates(text.translate(_SPACE_LIKE))


@lru_cache(maxsize=1)
def furniture_patterns() -> list[tuple[str, re.Pattern[str]]]:
    path = DATA_DIR / "ingest" / "furniture.tsv"
    with path.open(encoding="utf-8") as handle:
        rows = csv.DictReader((line for line in handle if not line.startswith("#")), delimiter="\t")
        return [(row["kind"], re.compile(row["pattern"], re.IGNORECASE)) for row in rows]


def paragraphs(text: str) -> list[Paragraph]:
    """Blank-line separated paragraphs with their offsets (a single newline stays inside)."""
    found = []
    for match in _PARAGRAPH.finditer(text):
        body = match.group()
        stripped = body.strip()
        if stripped:
            lead = len(body) - len(body.lstrip())
            start = match.start() + lead
            found.append(Paragraph(start, start + len(stripped), stripped))
    return found


def furniture_kind(paragraph: str) -> str | None:
    """The kind of page furniture this paragraph is, or None when it is article text."""
    for kind, pattern in furniture_patterns():
        if pattern.match(paragraph):
            return kind
    if not _SENTENCE_END.search(paragraph) and not _BULLET.match(paragraph):
        return "heading"
    return None


def furniture_kinds(texts: list[str]) -> list[str | None]:
    """furniture_kind of each paragraph of one text, and a rule that needs the whole text: a text is
    never only headings. When no paragraph is prose, the last heading (a line without final
    punctuation, such as a one-line report) is body text."""
    kinds = [furniture_kind(text) for text in texts]
    if None not in kinds and "heading" in kinds:
        kinds[len(kinds) - 1 - kinds[::-1].index("heading")] = None
    return kinds
