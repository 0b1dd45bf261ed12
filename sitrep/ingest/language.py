"""The language a document is written in (ISO 639-1), detected at ingest.

py3langid (a maintained fork of langid.py: 97 languages, its model inside the wheel, numpy only, the
same answer every time) reads the document's readable passages. Too little text, or no clear winner,
gives None: the column stays NULL rather than guess. A clearly English sample is told by its function
words first (sitrep/ingest/english.py), without the model: the same answer, a hundred times cheaper.
"""

from __future__ import annotations

import threading
from functools import lru_cache

from sitrep.ingest.english import clearly_english
from sitrep.model import Document

CODER_LANGUAGES = frozenset({"en"})  # the lexicons are English: other languages give few or no events
_SAMPLE_CHARACTERS = 300  # enough to tell languages apart; more only costs time
_MIN_LETTERS = 20  # a headline or a caption alone is too short to tell
_MIN_PROBABILITY = 0.5  # the winner outweighs all the others together
_LOCK = threading.Lock()


@lru_cache(maxsize=1)
def _identifier():
    """The model (loaded once, 1-2 s), restricted to languages with an ISO 639-1 code: the column's
    codes are two letters, and dialect labels (arz, yue, pcm) then count for their language (ar, zh, en).
    Probabilities are normalised so that the threshold means something."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages([code for code in identifier.labels if len(code) == 2])
    return identifier


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when the text is too short or unclear."""
    sample = text[:_SAMPLE_CHARACTERS]
    if sum(map(str.isalpha, sample)) < _MIN_LETTERS:
        return None
    if clearly_english(sample):
        return "en"
    with _LOCK:  # the model is built once; threads share it
        identifier = _identifier()
    code, probability = identifier.classify(sample)
    return code if probability >= _MIN_PROBABILITY else None


def document_language(document: Document) -> str | None:
    """The language of what the coder will read: the readable passages, page furniture left out."""
    readable = "\n\n".join(document.segment_text(segment) for segment in document.segments)
    return detect_language(readable or document.text)
