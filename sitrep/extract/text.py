"""Stage 1: segment text -> paragraphs -> sentences -> tokens, all with offsets into Document.text.

One compiled regex tokenizes; sentences end at . ! ? (not after a known abbreviation or an initial)
or at a line break, unless the line break only wraps a hard-wrapped paragraph (sitrep/extract/wrap.py).
A possessive "'s" is its own token so "Ukraine's" yields "Ukraine".
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import NamedTuple

from sitrep.extract.lexicon import read_tsv
from sitrep.extract.wrap import soft_breaks
from sitrep.model import Document, Segment

# Possessive quantifiers (++, *+): a token never gives back what it took, so the regex engine keeps no
# backtracking state (same tokens, fewer instructions). The leading whitespace is captured rather than
# skipped, so that findall gives each token with the gap before it and no match object is built
# (tokenize counts offsets itself): every character that is not whitespace starts some alternative.
_TOKEN = re.compile(
    r"(\s*+)("  # the gap before the token
    # words first: the alternatives start with different characters, words are most
    r"[A-Za-z\u00C0-\u024F]++(?:['\u2019](?![sS]\b)[A-Za-z\u00C0-\u024F]++|[-.][A-Za-z0-9\u00C0-\u024F]++)*+"
    r"|\d++(?:[.,]\d++)*+(?:-[A-Za-z]++)*+"  # 4.8 / 10,000 / 43-year-old
    r"|['\u2019][sS]\b"
    r"|[^\sA-Za-z\d])"
)
# Words after which a period does not end the sentence.
_ABBREVIATIONS = frozenset(row["word"] for row in read_tsv("lexicons/abbreviations.tsv"))
_SENTENCE_END = frozenset(".!?")
# The most tokens one sentence holds. The longest sentence of the bench corpus, the seeds and the gold
# files has 67 tokens, and prose sentences rarely pass 100 words; a run of thousands of tokens without
# a stop is a list, a table or a paste, not a sentence. A longer one is read as several sentences of at
# most this many tokens (cut after a comma or semicolon where one is near the limit), so that no
# sentence makes the per-sentence stages do more than a bounded amount of work.
MAX_SENTENCE_TOKENS = 2_000
_PIECE_BREAKS = frozenset(",;")


class Token(NamedTuple):
    text: str
    low: str
    start: int  # offset in Document.text
    end: int
    is_cap: bool  # starts with a capital letter


_new_token = tuple.__new__  # builds a Token without NamedTuple's Python-level __new__ (hot path)


def _word_form(s: str) -> tuple[str, bool]:
    """(lower case, starts with a capital) of a token's text; a possessive "'s" is "'s" whatever its case."""
    if s[0] in "'\u2019" and len(s) == 2:
        return "'s", False
    return s.lower().replace("\u2019", "'"), s[0].isupper()


# Token text -> _word_form: a text repeats few distinct words, so most tokens are one dict lookup. Cleared
# when it grows past _FORMS_KEPT (a long run reads many distinct numbers and names).
_FORMS: dict[str, tuple[str, bool]] = {}
_FORMS_KEPT = 200_000


def tokenize(text: str, base: int) -> list[Token]:
    out: list[Token] = []
    append = out.append
    forms = _FORMS
    if len(forms) > _FORMS_KEPT:
        forms.clear()
    end = base
    for gap, s in _TOKEN.findall(text):
        start = end + len(gap)
        end = start + len(s)
        form = forms.get(s)
        if form is None:
            form = forms[s] = _word_form(s)
        append(_new_token(Token, (s, form[0], start, end, form[1])))
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


def _capped(tokens: list[Token], limit: int = MAX_SENTENCE_TOKENS) -> list[list[Token]]:
    """The tokens in pieces of at most `limit`, each cut after the last comma or semicolon of its
    second half if there is one, else at the limit."""
    if len(tokens) <= limit:
        return [tokens]
    out: list[list[Token]] = []
    begin = 0
    while len(tokens) - begin > limit:
        cut = begin + limit
        for k in range(cut - 1, begin + limit // 2 - 1, -1):
            if tokens[k].text in _PIECE_BREAKS:
                cut = k + 1
                break
        out.append(tokens[begin:cut])
        begin = cut
    out.append(tokens[begin:])
    return out


def sentences_of(doc: Document) -> list[Sentence]:
    """Every sentence of the document's segments, in text order."""
    return list(iter_sentences(doc))


def iter_sentences(doc: Document) -> Iterator[Sentence]:
    """The sentences of sentences_of one at a time, so that a caller can stop between them."""
    index = 0
    paragraph = 0
    for seg in doc.segments:
        entry = getattr(seg, "entry", seg.index)
        anchor = seg.anchor_time or doc.published_at
        column = seg.start - (doc.text.rfind("\n", 0, seg.start) + 1)
        for group in _line_groups(doc.text[seg.start : seg.end], seg.start, column):
            for found in _split_sentences(_group_tokens(group)):
                for toks in _capped(found) if len(found) > MAX_SENTENCE_TOKENS else (found,):
                    if not toks:
                        continue
                    yield Sentence(
                        index=index,
                        paragraph=paragraph,
                        segment=seg,
                        entry=entry,
                        start=toks[0].start,
                        end=toks[-1].end,
                        tokens=toks,
                        anchor=anchor,
                        lows=[t.low for t in toks],
                    )
                    index += 1
            paragraph += 1


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
