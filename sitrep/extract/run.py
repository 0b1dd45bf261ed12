"""The extractor's stage order: sentences -> (actors, places, triggers -> heads, numbers, dates) ->
context -> roles -> candidates (dating) -> merge -> restatements -> aggregates/interceptions -> confidence ->
crosswalk and ACLED coding -> event records.

Public API used by the pipeline: `extract_document(doc, seconds)` and `extract_documents(docs, seconds)`;
`seconds` is a document's time budget (None: no limit): past it, DocumentTimeout (budget.py). Lexicons
and the gazetteer load once per process (module-level caches in each stage).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from sitrep.extract.budget import Deadline
from sitrep.extract.build import (
    Context,
    candidates_of,
    doc_countries,
    fill_from_context,
    target_state,
    update_context,
)
from sitrep.extract.confidence import score
from sitrep.extract.crosswalk import cameo_code, event_modes
from sitrep.extract.merge import (
    apply_interceptions,
    apply_quantities,
    mark_aggregates,
    merge,
    split_by_weapon,
)
from sitrep.extract.resolve import resolve_places
from sitrep.extract.restate import mark_summary_leads, restate
from sitrep.extract.sentence import analyse
from sitrep.extract.text import iter_sentences
from sitrep.model import Document, Segment


def extract_document(doc: Document, seconds: float | None = None) -> list[dict]:
    """Events of one document, in text order, as dicts keyed by sitrep.model.EVENT_COLUMNS. Raises
    DocumentTimeout when it takes longer than `seconds` (checked between sentences)."""
    if seconds is not None:
        _warm_up()  # the first document of a process must not pay for loading the lexicons
    deadline = Deadline(doc.document_id, seconds)
    analyses = []
    for s in iter_sentences(doc):
        deadline.check()
        analyses.append(analyse(s))
    countries = doc_countries(analyses)
    cands = []
    ctx = Context()
    doc_admins: set[tuple[str, str]] = set()
    for an in analyses:
        deadline.check()
        key = (an.sent.entry, an.sent.paragraph if an.sent.entry == 0 else None)
        if key != ctx.key:
            ctx = Context(key=key, home=ctx.home)
        an.resolved = resolve_places(an, ctx, countries, doc_admins)
        doc_admins.update((e.country, e.admin1) for _p, e, _n, _o in an.resolved if e.precision == "admin1")
        found = candidates_of(an, ctx, doc.document_id)
        if not an.heads and an.casualties.any and not an.cumulative:
            _toll_after(cands, an)
        for c in found:
            fill_from_context(c, ctx)
        update_context(ctx, an, found)
        if found and _toll_of_previous(cands, found):
            found = []
        for c in found:
            if c.place is not None and c.place.country and c.place.precision != "country":
                ctx.home = c.place.country
        cands.extend(found)
    _place_from_following(cands, analyses, deadline)
    events = merge(cands, deadline)
    events = restate(events, analyses, deadline)  # one event per happening told several times
    for e in events:
        target_state(e)
    mark_aggregates(events, deadline)
    mark_summary_leads(events, analyses, deadline)
    apply_quantities(events, analyses, deadline)
    apply_interceptions(events, analyses, deadline)
    events = split_by_weapon(events)
    out = []
    for e in events:
        e.confidence = score(e)
        out.append(e.to_record(doc.text, cameo_code, event_modes()))
    return out


_WARM_UP_TEXT = "Russian forces shelled Kyiv on Monday, killing 3 civilians, and Ukraine demanded talks."


@cache
def _warm_up() -> None:
    """Load the lexicons and the gazetteer (seconds, once per process) outside any document's budget."""
    doc = Document("warm-up", _WARM_UP_TEXT, None, segments=[Segment(0, 0, len(_WARM_UP_TEXT), None)])
    extract_document(doc)


def _toll_after(cands, an) -> None:
    """A toll in a sentence with no event of its own ("The strike hit a market. No one was hurt.")
    counts for the attack just before it in the same paragraph or entry, where that one has none."""
    sent = an.sent
    if not cands:
        return
    c = cands[-1]
    same = c.entry == sent.entry and (sent.entry != 0 or c.paragraph == sent.paragraph)
    if not same or c.event_type != "ASSAULT" or c.is_aggregate or sent.index - c.sentence > 2:
        return
    cas = an.casualties
    for f in ("fatalities", "injuries", "missing"):
        if getattr(c, f) is None and getattr(cas, f) is not None:
            setattr(c, f, getattr(cas, f))


RULE_TOLL_OF_PREVIOUS = "toll.of_previous"  # "X clashed with Y near Z. 2 soldiers were killed."


def _toll_of_previous(cands, found) -> bool:
    """A toll told in the next sentence of the same line, with no attacker and no place of its own
    ("Israeli troops clashed with Hezbollah near Kfar Kila. Two Israeli soldiers were killed."), is the
    toll of the attack just told when that one has none: it is added there, not made a second event."""
    if not cands:
        return False
    prev = cands[-1]
    if (
        prev.event_type != "ASSAULT"
        or prev.is_aggregate
        or prev.has_casualties
        or prev.factuality
        or prev.entry != found[0].entry
        or prev.paragraph != found[0].paragraph
        or found[0].sentence - prev.sentence != 1
    ):
        return False
    for c in found:
        if c.event_type != "ASSAULT" or c.factuality or not c.has_casualties or c.is_aggregate:
            return False
        if (c.actor1 is not None and not c.actor1_from_context) or not (
            c.place is None or c.place_from_context
        ):
            return False
    c = found[0]
    for f in ("fatalities", "injuries", "missing"):
        if getattr(prev, f) is None and getattr(c, f) is not None:
            setattr(prev, f, getattr(c, f))
    return True


def _place_from_following(cands, analyses, deadline: Deadline) -> None:
    """An event with no place takes one from the next sentences of its paragraph that make no event
    ("Two depots were set afire. The depots are in the Tambov region.")."""
    from sitrep.extract.build import PLACE_EVENTS, _event_place

    by_index = {an.sent.index: an for an in analyses}
    for c in cands:
        deadline.check()
        if c.place is not None and not c.place_from_context or c.event_type not in PLACE_EVENTS:
            continue
        k = c.sentence + 1
        while (
            k in by_index
            and by_index[k].sent.entry == c.entry
            and by_index[k].sent.paragraph <= c.paragraph + 1
            and not by_index[k].heads
        ):
            place = _event_place(by_index[k].resolved)
            if place is not None:
                c.place, c.place_name, c.named_place = place
                c.place_from_context = False
                break
            k += 1


def extract_documents(docs: Iterable[Document], seconds: float | None = None) -> list[dict]:
    """Events of all documents, in order; `seconds` is each document's budget."""
    out: list[dict] = []
    for doc in docs:
        out.extend(extract_document(doc, seconds))
    return out
