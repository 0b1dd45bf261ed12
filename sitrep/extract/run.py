"""The extractor's stage order: sentences -> (actors, places, triggers -> heads, numbers, dates) ->
places resolved -> candidates (each field decided by its owner: type, mode and factuality: kinds;
actors: roles; date: dating; place: locate; casualties: tolls; weapons and counts: quantities) ->
what the context adds -> merge -> restatements -> document-wide additions -> confidence -> crosswalk and ACLED
coding -> event records.
Every field change goes through decide.py with a rule id of sitrep/data/rules.tsv (`--explain`).

Public API used by the pipeline: `extract_document(doc, seconds)` and `extract_documents(docs, seconds)`;
`seconds` is a document's time budget (None: no limit): past it, DocumentTimeout (budget.py). Lexicons
and the gazetteer load once per process (module-level caches in each stage).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from sitrep.extract import claims, dating, locate, quantities, roles, tolls
from sitrep.extract.budget import Deadline
from sitrep.extract.build import Context, candidates_of, doc_countries, headline_sentences, update_context
from sitrep.extract.confidence import score
from sitrep.extract.crosswalk import cameo_code, event_modes
from sitrep.extract.divisions import recall_unknown
from sitrep.extract.explain import explain
from sitrep.extract.homes import document_focus
from sitrep.extract.merge import fold_denials, fold_headlines, merge
from sitrep.extract.reportplace import report_place
from sitrep.extract.resolve import dateline_town, division_of, resolve_places
from sitrep.extract.restate import mark_summary_leads, restate
from sitrep.extract.sentence import analyse_sentence
from sitrep.extract.text import iter_sentences
from sitrep.extract.villages import village_places
from sitrep.model import Document, Segment


def extract_document(doc: Document, seconds: float | None = None, explained: bool = False) -> list[dict]:
    """Events of one document, in text order, as dicts keyed by sitrep.model.EVENT_COLUMNS (`explained`:
    and an "explain" dict: the trigger, and the rule and words behind each field). Raises
    DocumentTimeout when it takes longer than `seconds` (checked between sentences)."""
    if seconds is not None:
        _warm_up()  # the first document of a process must not pay for loading the lexicons
    deadline = Deadline(doc.document_id, seconds)
    analyses = []
    for s in iter_sentences(doc):
        deadline.check()
        analyses.append(analyse_sentence(s))
    claims.set_aside(analyses)  # a party's claimed toll beside the report's own is no toll
    recall_unknown(analyses)  # a village the text placed once is that village again
    countries = doc_countries(analyses)
    focus = document_focus(analyses, countries)
    cands = []
    ctx = Context(focus=focus)
    # the dateline's division hints at the divisions of small places; it is no event's place
    filed = dateline_town(analyses[0], countries) if analyses else None  # where the report was filed
    home = division_of(filed) if filed is not None else None
    doc_admins: set[tuple[str, str]] = {(home.country, home.admin1)} if home is not None else set()
    doc_names: dict[str, tuple] = {}  # towns placed so far, by name: a name said again is the same town
    prev = None
    before = None  # a toll told before any attack of its entry, with no event of its own
    titles = headline_sentences(analyses)
    for an in analyses:
        deadline.check()
        key = (an.sent.entry, an.sent.paragraph if an.sent.entry == 0 else None)
        if key != ctx.key:
            ctx = Context(
                key=key,
                home=ctx.home,
                town=ctx.town,
                named_town=ctx.named_town,
                focus=focus,
                **_earlier_date(ctx),
            )
        an.resolved = resolve_places(an, ctx, countries, doc_admins, doc_names)
        doc_admins.update((e.country, e.admin1) for _p, e, _n, _o in an.resolved if e.precision == "admin1")
        found = candidates_of(an, ctx, doc.document_id)
        if an.sent.index in titles:
            for c in found:
                c.headline = True
        # a claim names the author of the attack its own sentence tells ("a landmine killed two soldiers;
        # the BLA claimed the blast"), else of the one just told
        told = [c for c in found if c.event_type == "ASSAULT" and c.trigger_pos == "verb"]
        # the events a toll of this sentence may complete: a recalled attack's clause is no story told on
        earlier = _told(cands)
        if roles.claimed([*earlier, *told[-1:]], an):
            found = [c for c in found if not (c.event_type == "ASSAULT" and c.trigger_pos == "noun")]
        # a sentence that makes no event ("27 apostates were sent to hell and ..." reads "sent" as a delivery
        # with nothing delivered) gives its toll to the attack before it, as one with no trigger does
        if not found and an.casualties.any and not an.cumulative:
            tolls.toll_after(earlier, an)
            roles.victims_after(earlier, an)
            if not any(c.event_type == "ASSAULT" and c.entry == an.sent.entry for c in earlier):
                before = an  # no attack told yet in its entry: the toll may be the next attack's
        elif before is not None:
            for c in found[:1]:
                tolls.toll_before(c, before)
            before = None
        for c in found:
            locate.from_context(c, ctx, an)
            roles.from_context(c, ctx)
        update_context(ctx, an, found)
        if found and tolls.toll_of_previous(earlier, found):
            roles.victims_of_toll(earlier[-1], found)
            found = []
        if dating.toll_of_background(prev, an, found):
            found = []
        prev = an
        for c in found:
            if c.place is not None and c.place.country and c.place.precision != "country":
                ctx.home = c.place.country
        cands.extend(found)
        if an.recalled is not None:
            cands.extend(_recalled_events(an, found, ctx, countries, doc_admins, doc.document_id))
    locate.from_following(cands, analyses, deadline)
    events = fold_headlines(merge(cands, deadline), deadline)  # a title line tells the lead's events
    events = fold_denials(events, deadline)  # a denial of an event the report asserts is not coded
    events = restate(events, analyses, deadline)  # one event per happening told several times
    # after merging: a place from afar joins no events; the dateline's division is the last resort of a
    # one-country document
    locate.from_anaphor(events)  # "returned to the town": the town told before
    locate.from_villages(
        village_places(events, analyses, filed)
    )  # "at Ngouboua" in a report whose places all lie in Lac
    report = report_place(doc.text, doc.segments[0].start, countries) if doc.segments else None
    locate.from_document(events, home if len(countries) == 1 else None, report)
    roles.claimed_document(events, analyses)  # a claim names the document's unnamed attackers
    roles.document_attacker(events, analyses)  # before target_state, which reads the attacker
    for e in events:
        roles.target_state(e)
    tolls.mark_aggregates(events, deadline)
    mark_summary_leads(events, analyses, deadline)
    quantities.count_after(events, analyses, deadline)
    quantities.interceptions(events, analyses, deadline)
    events = quantities.split_by_weapon(events)
    out = []
    for e in events:
        e.confidence = score(e)
        rec = e.to_record(doc.text, cameo_code, event_modes())
        if explained:
            rec["explain"] = explain(e, rec, doc.text)
        out.append(rec)
    return out


def _told(cands: list) -> list:
    """cands without the recalled attacks at their end (the stages after read only its last events)."""
    k = len(cands)
    while k and cands[k - 1].recalled:
        k -= 1
    return cands if k == len(cands) else cands[:k]


def _recalled_events(an, found, ctx: Context, countries, doc_admins, document_id: str) -> list:
    """The attack a clause of the sentence recalls ("a day after a drone strike killed 12"): its own
    events, dated from the main event and the interval; they set no context for the sentences after."""
    tail = an.recalled
    tail.resolved = resolve_places(tail, ctx, countries, doc_admins)
    out = candidates_of(tail, ctx, document_id)
    main = next((c for c in found if c.event_type == "ASSAULT"), found[0] if found else None)
    for c in out:
        c.recalled = True
        if main is not None:
            dating.from_main_of_recall(main, c, an.recalled_days)
    return out


_WARM_UP_TEXT = "Russian forces shelled Kyiv on Monday, killing 3 civilians, and Ukraine demanded talks."


@cache
def _warm_up() -> None:
    """Load the lexicons and the gazetteer (seconds, once per process) outside any document's budget."""
    doc = Document("warm-up", _WARM_UP_TEXT, None, segments=[Segment(0, 0, len(_WARM_UP_TEXT), None)])
    extract_document(doc)


def extract_documents(docs: Iterable[Document], seconds: float | None = None) -> list[dict]:
    """Events of all documents, in order; `seconds` is each document's budget."""
    out: list[dict] = []
    for doc in docs:
        out.extend(extract_document(doc, seconds))
    return out


def _earlier_date(ctx: Context) -> dict:
    """The last day the document stated before a new paragraph or entry (for "the same day")."""
    if ctx.date is not None:
        return {"earlier_date": ctx.date, "earlier_date_words": ctx.date_words}
    return {"earlier_date": ctx.earlier_date, "earlier_date_words": ctx.earlier_date_words}
