"""Hard-wrapped text: which single newlines inside a paragraph only wrap a line.

E-mail and plain-text wire copy break every line at 60-80 columns, so a newline there is a space, not
the end of a sentence or a paragraph. A line break is a wrap when the next line's first word would not
have fitted on the line within the block's width (the longest line of the block) and the next line
does not start a unit of its own (a list item, a live-blog entry, a dateline: lexicons/line_starts.tsv
and ingest/entry_markers.tsv; an indented line). A short line before the break (a heading) ends it.

A wrap that falls at a sentence end joins the lines too, so that the sentences stay one paragraph
(one context for actors and places), as in the unwrapped text. Blocks whose longest line is over 100
characters (one paragraph per line) or under 40 (lists, tables) are never wrapped text.
"""

from __future__ import annotations

import re
from functools import cache

from sitrep.extract.lexicon import read_tsv

MAX_WRAP_WIDTH = 100  # wider lines are paragraphs written on one line, not wrapped text
MIN_WRAP_WIDTH = 40  # narrower blocks are lists or tables of short lines ("Killed: 5"), not wrapped prose
_NUMBERED = re.compile(r"(\d{1,2})([.)])\s+\S")


@cache
def _line_starts() -> tuple[re.Pattern[str], ...]:
    """Case matters in a dateline's capitals; live-blog markers are matched as ingest matches them."""
    own = [re.compile(row["pattern"]) for row in read_tsv("lexicons/line_starts.tsv")]
    markers = [re.compile(row["pattern"], re.IGNORECASE) for row in read_tsv("ingest/entry_markers.tsv")]
    return (*own, *markers)


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _item_number(line: str) -> tuple[int, str] | None:
    match = _NUMBERED.match(line.lstrip())
    return (int(match.group(1)), match.group(2)) if match else None


def _starts_anew(lines: list[str], i: int) -> bool:
    """Does lines[i] open a unit of its own (never the wrapped rest of lines[i - 1])?"""
    line, rest = lines[i], lines[i].lstrip()
    if _indent(line) > _indent(lines[i - 1]):  # an indented first line opens a paragraph
        return True
    item = _item_number(line)
    if item is not None:  # item 1, or the next number after an earlier item of the block
        number, mark = item
        return number == 1 or any(_item_number(before) == (number - 1, mark) for before in lines[:i])
    return any(pattern.match(rest) for pattern in _line_starts())


def soft_breaks(lines: list[str], first_column: int = 0) -> list[bool]:
    """For each break between lines[i] and lines[i + 1] of a block without blank lines: is it a wrap?

    first_column: where the first line starts on its line of the text (after a live-blog marker such
    as "UPDATE 1040 GMT: ", which the wrapping counted)."""
    breaks = [False] * (len(lines) - 1)
    if not breaks:
        return breaks
    ends = [line.rstrip() for line in lines]
    ends[0] = " " * first_column + ends[0]
    width = max(len(line) for line in ends)
    if not MIN_WRAP_WIDTH <= width <= MAX_WRAP_WIDTH:
        return breaks
    for i in range(len(breaks)):
        words = lines[i + 1].split(maxsplit=1)
        if not words or len(ends[i]) + 1 + len(words[0]) <= width:
            continue  # the word would have fitted: the line was ended on purpose
        if _starts_anew(lines, i + 1):
            continue
        breaks[i] = True
    return breaks
