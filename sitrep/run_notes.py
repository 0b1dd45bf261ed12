"""What a person should look at after a run: documents in a language the coder does not read, documents
that gave no event, and what went to quarantine. Shared by the terminal summary, latest.md and the
Prefect artifact, so that all three say the same thing."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from sitrep.ingest.language import CODER_LANGUAGES
from sitrep.model import Document, Rejection


def document_notes(documents: Iterable[Document], events: Iterable[dict]) -> dict[str, list]:
    """File names of the run's documents that gave no event, and (language, file) of those the coder
    does not read (an unknown language is not reported: too short to tell is no finding)."""
    documents = list(documents)
    coded = {event["document_id"] for event in events}
    return {
        "no_event": [_file(d) for d in documents if d.document_id not in coded],
        "other_language": [
            (d.language, _file(d)) for d in documents if d.language and d.language not in CODER_LANGUAGES
        ],
    }


def quarantine_notes(rejections: Iterable[Rejection]) -> list[str]:
    """One line per rejection of the run: what failed, in words, with the file name."""
    return [rejection.detail for rejection in rejections]


def language_name(code: str) -> str:
    import pycountry

    found = pycountry.languages.get(alpha_2=code)
    return found.name if found else code


def note_lines(summary: dict, limit: int | None = None) -> list[str]:
    """The notes as lines: '1 document not in English (French, fr): wire.txt'; at most `limit` names each."""
    lines = []
    other = summary.get("other_language") or []
    if other:
        readable = " or ".join(language_name(code) for code in sorted(CODER_LANGUAGES))
        counts = Counter(code for code, _ in other)
        languages = "; ".join(f"{language_name(code)}, {code}" for code, _ in counts.most_common())
        lines.append(
            f"{_count(len(other), 'document')} not in {readable} ({languages}): "
            f"{_names([name for _, name in other], limit)}"
        )
    no_event = summary.get("no_event") or []
    if no_event:
        lines.append(f"{_count(len(no_event), 'document')} with no event: {_names(no_event, limit)}")
    return lines


def _file(document: Document) -> str:
    return document.source or document.document_id


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _names(names: list[str], limit: int | None) -> str:
    if limit is None or len(names) <= limit:
        return ", ".join(names)
    return f"{', '.join(names[:limit])} and {len(names) - limit} more"


TERMINAL_NAMES = 10  # names per line in the terminal; latest.md has the rest


def processes(workers: int) -> str:
    """How the extract stage ran: in the run's own process or on worker processes (SITREP_WORKERS)."""
    return "in the run's own process" if workers == 1 else f"on {workers} worker processes"


def terminal_lines(summary: dict) -> list[str]:
    """What `sitrep run` prints when the run ends."""
    lines = [
        f"run {summary['run_id']}: {summary['status']}",
        f"  documents   {summary['documents_seen']} seen, {summary['documents_new']} new or changed,"
        f" {summary['documents_unchanged']} unchanged",
        f"  events      {summary['events_extracted']} extracted, {summary['events_loaded']} loaded",
        *(
            [f"  extraction  {processes(summary['extract_workers'])}"]
            if summary.get("extract_workers")
            else []
        ),
        f"  quarantined {summary['quarantined']}",
        f"  checks      {summary['checks_passed']} passed, {summary['checks_failed']} failed",
        f"  report      {summary['report']}  (Data Docs: {summary['data_docs']})",
    ]
    lines += [f"  note        {line}" for line in note_lines(summary, TERMINAL_NAMES)]
    quarantine = summary.get("quarantine") or []
    lines += [f"  quarantine  {' '.join(detail.split())}" for detail in quarantine[:TERMINAL_NAMES]]
    if len(quarantine) > TERMINAL_NAMES:
        lines.append(f"  quarantine  and {len(quarantine) - TERMINAL_NAMES} more in {summary['report']}")
    return lines
