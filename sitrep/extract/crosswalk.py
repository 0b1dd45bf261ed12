"""Stage: crosswalk. PLOVER (type, mode, target type) -> CAMEO root code, from sitrep/data/crosswalk.tsv
(first matching row wins, '*' matches anything). The ACLED coding is sitrep/extract/acled.py."""

from __future__ import annotations

from functools import cache

from sitrep.extract.lexicon import read_tsv


@cache
def _rows() -> list[tuple[str, str, str, str | None]]:
    return [
        (r["event_type"], r["mode"], r["target"], r["cameo_code"] or None) for r in read_tsv("crosswalk.tsv")
    ]


@cache
def cameo_code(event_type: str, mode: str | None, target: str | None) -> str | None:
    """The CAMEO root code of one PLOVER event."""
    for etype, emode, etarget, cameo in _rows():
        if etype not in ("*", event_type):
            continue
        if emode not in ("*", mode or ""):
            continue
        if etarget not in ("*", target or ""):
            continue
        return cameo
    return None


@cache
def event_modes() -> dict[tuple[str, str], str | None]:
    """(event_type, internal mode) -> PLOVER event_mode (sitrep/data/lexicons/modes.tsv)."""
    return {(r["event_type"], r["mode"]): r["event_mode"] or None for r in read_tsv("lexicons/modes.tsv")}
