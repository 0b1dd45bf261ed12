"""Stage: crosswalk. PLOVER (type, mode, target type) -> CAMEO root code, ACLED event type and
sub-event type, from sitrep/data/crosswalk.tsv (first matching row wins, '*' matches anything)."""

from __future__ import annotations

from functools import cache

from sitrep.extract.lexicon import read_tsv


@cache
def _rows() -> list[tuple[str, str, str, str | None, str | None, str | None]]:
    return [
        (
            r["event_type"],
            r["mode"],
            r["target"],
            r["cameo_code"] or None,
            r["acled_event_type"] or None,
            r["acled_sub_event_type"] or None,
        )
        for r in read_tsv("crosswalk.tsv")
    ]


@cache
def crosswalk(
    event_type: str, mode: str | None, target: str | None
) -> tuple[str | None, str | None, str | None]:
    """(cameo_code, acled_event_type, acled_sub_event_type) for one PLOVER event."""
    for etype, emode, etarget, cameo, acled, sub in _rows():
        if etype not in ("*", event_type):
            continue
        if emode not in ("*", mode or ""):
            continue
        if etarget not in ("*", target or ""):
            continue
        return cameo, acled, sub
    return None, None, None


@cache
def event_modes() -> dict[tuple[str, str], str | None]:
    """(event_type, internal mode) -> PLOVER event_mode (sitrep/data/lexicons/modes.tsv)."""
    return {(r["event_type"], r["mode"]): r["event_mode"] or None for r in read_tsv("lexicons/modes.tsv")}
