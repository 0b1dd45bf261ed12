"""The `extract` fixture: the extractor over a hand-written text (make_doc and make_blog are in tests.helpers)."""

from __future__ import annotations

from datetime import datetime

import pytest

from tests.helpers import ANCHOR, make_doc


@pytest.fixture
def extract():
    from sitrep.extract.run import extract_document

    def run(text: str, anchor: datetime | None = ANCHOR) -> list[dict]:
        return extract_document(make_doc(text, anchor))

    return run
