"""Imported by the worker pool's fork server (sitrep/extract/pool.py): importing it loads every table the
extractor reads (lexicons, gazetteer, rules) by extracting one short text, so that the workers forked
from the server start with them loaded, shared until written, instead of loading them each."""

from __future__ import annotations

import os
import time

from sitrep.extract.run import extract_document
from sitrep.ingest.documents import build_document

# A warm-up text: extracting it reaches every table the extractor reads.
_TEXT = "Russian drones struck Kharkiv on Tuesday, killing two civilians, officials said.\n"

extract_document(build_document("warm-up", _TEXT, None))
# CPU seconds the server spent starting and loading: a forked worker's own clock starts at zero
LOAD_CPU_SECONDS = time.process_time()
LOADED_IN = os.getpid()  # the fork server's id in a worker forked from it
