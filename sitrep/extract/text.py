"""Stage 1: segment text -> paragraphs -> sentences -> tokens, all with offsets into Document.text.

One compiled regex tokenizes; sentences end at . ! ? (not after a known abbreviation or an initial)
or at a line break, unless the line break only wraps a hard-wrapped paragraph (sitrep/extract/wrap.py).
A possessive "'s" is its own token so "Ukraine's" yields "Ukraine".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import NamedTuple

from sitrep.extract.wrap import soft_breaks
from sitrep.model import Document, Segment

_TOKEN = re.compile(  # words first: the alternatives start with different characters, words are most
    r"[A-Za-z\u00C0-\u024F]+(?:['\u2019](?![sS]\b)[A-Za-z\u00C0-\u024F]+|[-.][A-Za-z0-9\u00C0-\u024F]+)*"
    r"|\d+(?:[.,]\d+)*(?:-[A-Za-z]+)*"  # 4.8 / 10,000 / 43-year-old
    r"|['\u2019][sS]\b"
    r"|[^\sA-Za-z\d]"
)
# Words after which a period does not end the sentence.
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr lt col gen maj capt sgt st jr sr no vs etc inc corp co gov sen rep adm cmdr "
    "jan feb mar apr aug sep sept oct nov dec a.m p.m u.s u.k u.n e.g i.e".split()
)
_SENTENCE_END = frozenset(".!?")


class Token(NamedTuple):
    text: str
    low: str
    start: int  # offset in Document.text
    end: int
    is_cap: bool  # starts with a capital letter


_new_token = tuple.__new__  # builds a Token without NamedTuple's Python-level __new__ (hot path)


def tokenize(text: str, base: int) -> list[Token]:
    out: list[Token] = []
    append = out.append
    for m in _TOKEN.finditer(text):
        s = m.group()
        start, end = m.span()
        if s[0] in "'\u2019" and len(s) == 2:
            append(_new_token(Token, (s, "'s", base + start, base + end, False)))
        else:
            low = s.lower()
            if "\u2019" in low:
                low = low.replace("\u2019", "'")
            append(_new_token(Token, (s, low, base + start, base + end, s[0].isupper())))
    return out


@dataclass(slots=True)
class Sentence:
    index: int  # position in the document's sentence list
    paragraph: int  # document-wide paragraph number
    segment: Segment
    entry: int  # discourse context: segments of one live-blog entry share it
    start: int
    end: int
    tokens: list[Token]
    anchor: datetime | None
    lows: list[str] = field(default_factory=list)


def _split_sentences(tokens: list[Token]) -> list[list[Token]]:
    out: list[list[Token]] = []
    begin = 0
    last = len(tokens) - 1
    for i in [i for i, tok in enumerate(tokens) if tok.text in _SENTENCE_END]:
        if tokens[i].text == ".":
            prev = tokens[i - 1].low if i else ""
            if prev in _ABBREVIATIONS or (len(prev) == 1 and prev.isalpha()):
                continue
        if i < last and tokens[i + 1].text[:1].islower():
            continue
        out.append(tokens[begin : i + 1])
        begin = i + 1
    if begin <= last:
        out.append(tokens[begin:])
    return out


def sentences_of(doc: Document) -> list[Sentence]:
    """Every sentence of the document's segments, in text order."""
    out: list[Sentence] = []
    paragraph = 0
    for seg in doc.segments:
        entry = getattr(seg, "entry", seg.index)
        anchor = seg.anchor_time or doc.published_at
        column = seg.start - (doc.text.rfind("\n", 0, seg.start) + 1)
        for group in _line_groups(doc.text[seg.start : seg.end], seg.start, column):
            tokens = _group_tokens(group)
            for toks in _split_sentences(tokens):
                if not toks:
                    continue
                sent = Sentence(
                    index=len(out),
                    paragraph=paragraph,
                    segment=seg,
                    entry=entry,
                    start=toks[0].start,
                    end=toks[-1].end,
                    tokens=toks,
                    anchor=anchor,
                    lows=[t.low for t in toks],
                )
                out.append(sent)
            paragraph += 1
    return out


def _group_tokens(group: list[tuple[str, int]]) -> list[Token]:
    """Tokens of a group of wrapped lines; a word the wrapping split at its hyphen ("twenty-" at a line
    end, "three" on the next) is one token again, as in the unwrapped text."""
    tokens = tokenize(*group[0])
    for line, line_start in group[1:]:
        more = tokenize(line, line_start)
        if (
            len(tokens) > 1
            and more
            and tokens[-1].text == "-"
            and tokens[-2].end == tokens[-1].start
            and tokens[-2].text[-1:].isalpha()
            and more[0].text[:1].isalpha()
        ):
            head, tail = tokens[-2], more[0]
            text = f"{head.text}-{tail.text}"
            joined = _new_token(Token, (text, f"{head.low}-{tail.low}", head.start, tail.end, head.is_cap))
            tokens[-2:] = [joined]
            more = more[1:]
        tokens.extend(more)
    return tokens


def _line_groups(body: str, base: int, column: int = 0) -> list[list[tuple[str, int]]]:
    """The body's non-blank lines (with their offsets), grouped so that a group is one stretch of text:
    a line on its own, or the lines of a hard-wrapped paragraph that only wrapping separates."""
    groups: list[list[tuple[str, int]]] = []
    block: list[tuple[str, int]] = []

    def close_block() -> None:
        if block:
            first_column = column if block[0][1] == base else 0
            breaks = soft_breaks([line for line, _ in block], first_column)
            groups.append([block[0]])
            for soft, line in zip(breaks, block[1:], strict=True):
                if soft:
                    groups[-1].append(line)
                else:
                    groups.append([line])
            block.clear()

    pos = 0
    for line in body.split("\n"):
        if line.strip():
            block.append((line, base + pos))
        else:
            close_block()
        pos += len(line) + 1
    close_block()
    return groups
