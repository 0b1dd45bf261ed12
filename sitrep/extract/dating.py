"""Stage helper: which date an event takes, and when a dated event is background history.

An event takes the first date of its sentence that is not the date of its attribution and not inside an
aside about an actor, else the date stated earlier in its paragraph, else the report's anchor day.
Planned and hypothetical events look forward or get no date. An event dated in an earlier year (in its
clause, or by its paragraph) is background, not news. This module owns the event date (decide.py).
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from sitrep.extract.candidate import Candidate
from sitrep.extract.dates import forward, is_possessive
from sitrep.extract.decide import decide, span, words_of
from sitrep.extract.heads import relative_aside
from sitrep.extract.lexicon import word_set
from sitrep.extract.sentence import Analysis
from sitrep.extract.spans import marks
from sitrep.extract.triggers import CLAUSE_BREAK, Trigger
from sitrep.extract.verbal import SAYING

if TYPE_CHECKING:
    from sitrep.extract.build import Context


def in_clause(sent, t: Trigger, ref) -> bool:
    """The date stands in the trigger's clause: no clause break between them."""
    if ref is None:
        return False
    lo, hi = sorted((t.end, ref.start))
    return marks(sent.lows).none_in(CLAUSE_BREAK, lo, hi)


def is_background(c: Candidate, an: Analysis, t: Trigger, ref) -> bool:
    """The event is history the report looks back on, not news (one of the three cases below)."""
    sent = an.sent
    return (
        _dated_background(c, sent, t, ref)
        or bool(an.dates and _old_in_clause(an, t))
        or (c.date_precision == "year" and _old_from_paragraph(c, sent))
        or _in_past_war(an, t)
    )


def _in_past_war(an: Analysis, t: Trigger) -> bool:
    """The trigger's clause names a past war or era ("Soviet troops who fought in World War II"):
    history, like a clause dated by an earlier year (lexicons/historical_periods.tsv)."""
    lows = an.sent.lows
    for s, e, _ in an.past_wars:
        lo, hi = (t.end, s) if s >= t.end else (e, t.start)
        if marks(lows).none_in(CLAUSE_BREAK, lo, hi):
            return True
    return False


def _dated_background(c: Candidate, sent, t: Trigger, ref) -> bool:
    """An event dated only by an earlier year ("expelled French troops in 2022") or by a month over a
    year before the report is background history, not news of an event. The date must stand in the
    trigger's clause ("demanded that the government reinstate a ban imposed in 2023" is today's)."""
    if not c.date_explicit or sent.anchor is None or c.event_date is None or not in_clause(sent, t, ref):
        return False
    anchor = sent.anchor.date()
    if c.date_precision == "year":
        return c.event_date.year < anchor.year
    return c.date_precision == "month" and (anchor - c.event_date).days > OLD_DAYS


def _old_from_paragraph(c: Candidate, sent) -> bool:
    """An undated sentence in a paragraph dated by an earlier year tells that year's story ("Russian
    forces occupied Bucha in early 2022. Residents were shot in the streets")."""
    if c.date_explicit or c.event_date is None or sent.anchor is None or c.date_precision != "year":
        return False
    return c.event_date.year < sent.anchor.year


def _old_in_clause(an: Analysis, t: Trigger) -> bool:
    """Any date of the trigger's clause that lies in an earlier year than the report makes it background,
    not only the sentence's first date ("sentenced on Wednesday for helping Russian forces abduct
    activists during the occupation of Kherson in 2022"; "In 2017 ..., and in 2022 it fired a missile")."""
    anchor = an.sent.anchor
    if anchor is None:
        return False
    for d in an.dates:
        if _old(d, anchor.date()) and (in_clause(an.sent, t, d) or _opens_sentence(an, d)):
            return True
    return False


def _opens_sentence(an: Analysis, d) -> bool:
    """A date that opens the sentence dates its main clause past the commas ("Two years ago today, in the
    early hours of 6 June 2023, the dam was destroyed")."""
    return d.start - an.dateline <= 1


def _old(d, anchor) -> bool:
    """Dated in an earlier year, or a month or a day over a year before the report ("in the early hours of
    6 June 2023" in a 2025 feature)."""
    if d.precision == "year":
        return d.value.year < anchor.year
    return (anchor - d.value).days > OLD_DAYS


OLD_DAYS = 400  # a month or day this long before the report is history (a year and a margin)


def toll_of_background(prev: Analysis | None, an: Analysis, found: list[Candidate]) -> bool:
    """A toll told just after an attack of history, with no date and no attacker of its own ("the dam was
    destroyed on 6 June 2023 ... At least 59 people died on the Ukrainian-held bank"), is that history's
    toll, not news: the caller drops `found`."""
    if prev is None or not prev.background or an.dates or not found:
        return False
    if an.sent.index - prev.sent.index != 1 or an.sent.entry != prev.sent.entry:
        return False
    if any(not t.has("casualty") for t in an.heads if t.event_type == "ASSAULT"):
        return False  # "Russian shelling killed five": an attack of its own
    return all(
        c.event_type == "ASSAULT"
        and c.has_casualties
        and (c.actor1 is None or c.actor1_from_context or c.actor1.type == c.victim_type)
        for c in found
    )


_CUES = "lexicons/date_cues.tsv"
SPEECH_WORDS = word_set(_CUES, "attribution")  # "..., X said on Wednesday"


def event_date_ref(an: Analysis):
    """The first date of the sentence that is not the date of its attribution ("..., X said on
    Wednesday"); that one only when nothing else is dated. Dates of a later death or a toll's rise are
    none (`_dates_of_the_attack`)."""
    lows = an.sent.lows
    dates = _dates_of_the_attack(an)
    plain = [d for d in dates if SPEECH_WORDS.isdisjoint(lows[max(0, d.start - 3) : d.start])]
    if plain:
        return plain[0]
    return dates[0] if dates and not an.heads[:1] == [] and _all_happened(an) else None


TOLL_NOUN, TOLL_RISE = word_set(_CUES, "toll_noun"), word_set(_CUES, "toll_rise")
WOUND_NOUN, LATER_DEATH = word_set(_CUES, "wound_noun"), word_set(_CUES, "later_death")
RULE_DATE_OF_LATER_DEATH = "date.of_later_death"


def _dates_of_the_attack(an: Analysis) -> list:
    """The sentence's dates less those of what came after the attack. In a sentence telling a toll that
    rose or the death of the wounded, a possessive date names the attack's day ("The toll from Saturday's
    ambush rose to nine on Monday"; "A third soldier died on Monday night from wounds suffered in Sunday's
    drone attack"): it alone dates the event, as the conventions code a later death (the attack's date).
    Without one, a date between the death verb and its wounds dates the death ("died on Monday night at
    the hospital from wounds ...") and is left out; a date well after the wounds names the attack's time
    ("died from injuries he sustained when a bomb hit the car on Thursday")."""
    lows = an.sent.lows
    if not an.dates:
        return an.dates
    words = set(lows)
    rise = not TOLL_NOUN.isdisjoint(words) and not TOLL_RISE.isdisjoint(words)
    death = not WOUND_NOUN.isdisjoint(words) and not LATER_DEATH.isdisjoint(words)
    if not (rise or death):
        return an.dates
    possessive = [d for d in an.dates if is_possessive(lows, d)]
    if possessive or not death:
        return possessive or an.dates
    verb = next(k for k, w in enumerate(lows) if w in LATER_DEATH)
    wound = next((k for k, w in enumerate(lows) if w in WOUND_NOUN and k > verb), None)
    if wound is None:
        return an.dates
    return [d for d in an.dates if not (verb < d.start and _of_the_death(an, wound, d.start))]


WOUND_REACH = 2  # "died of their wounds on Monday": a date this close after the wounds is still the death's


def _of_the_death(an: Analysis, wound: int, start: int) -> bool:
    """A date after the wounds dates the death when it is close to them or only where the victim died
    stands between ("died of his wounds in hospital in Mombasa on Tuesday"); past a clause break or
    another verb it dates the attack ("from wounds sustained when a bomb hit the car on Thursday")."""
    if start <= wound + WOUND_REACH:
        return True
    between = an.sent.lows[wound + 1 : start]
    return CLAUSE_BREAK.isdisjoint(between) and not any(wound < t.start < start for t in an.triggers)


def in_own_clause(an: Analysis, t: Trigger, ref):
    """The sentence's first date stands outside the trigger's clause while another date that is not an
    attribution's stands in it ("families spent Thursday digging graves for 41 people killed when
    fighters raided the village on Wednesday"): the trigger's own clause dates its event. A first date
    that names its event ("Tuesday's strike") keeps it."""
    lows = an.sent.lows
    if ref is None or in_clause(an.sent, t, ref) or is_possessive(lows, ref):
        return ref  # "the toll from Tuesday's strike rose after two more died": Tuesday's strike
    for d in an.dates:
        if d is ref or d.precision != "day" or d.future:
            continue  # only a day names when one event happened ("this year" is a comparison's)
        if SPEECH_WORDS.isdisjoint(lows[max(0, d.start - 3) : d.start]) and in_clause(an.sent, t, d):
            return d
    return ref


def outside_asides(an: Analysis, t: Trigger, ref):
    """A date inside an aside about someone does not date an event outside it ("The junta, which seized
    power in 2021, bombed ... on Tuesday"): take the sentence's next date outside such asides."""
    if ref is None:
        return None
    lows = an.sent.lows
    for d in [ref, *(d for d in an.dates if d.start > ref.start)]:
        if _history_of_another_clause(an, t, d):
            continue
        aside = relative_aside(lows, d.start)
        if aside is None or aside[0] < t.start < aside[1]:
            return d
    return None


RULE_HISTORY_OF_ANOTHER_CLAUSE = "date.history_of_another_clause"


def _history_of_another_clause(an: Analysis, t: Trigger, d) -> bool:
    """An earlier year's date in a relative clause after the trigger's, past a comma, tells the story of
    another subject ("killed five people, according to the TNLA, which withdrew from the town last year"):
    it does not date the event (which then takes the paragraph's date or the anchor's). A date opening the
    sentence still dates its main clause, and one in a main clause after an aside ("Viv Ansanm, an alliance
    of gangs that controls the capital, was formed in 2023") still dates the sentence."""
    anchor = an.sent.anchor
    if anchor is None or d.start < t.end or not _old(d, anchor.date()) or _opens_sentence(an, d):
        return False
    lows = an.sent.lows
    if in_clause(an.sent, t, d) or is_possessive(lows, d):
        return False
    opens = max((k for k in range(t.end, d.start) if lows[k] in CLAUSE_BREAK), default=t.end)
    return not RELATIVE_OPENERS.isdisjoint(lows[opens : d.start])


RELATIVE_OPENERS = word_set(_CUES, "relative_opener")  # "which", "who": a clause about someone else


def _all_happened(an: Analysis) -> bool:
    return all(t.factuality is None for t in an.heads)


def set_date(c: Candidate, an: Analysis, date_ref, ctx: Context) -> None:
    """The sentence's date, else one stated earlier in the paragraph, else the anchor day. A planned
    or hypothetical event with no date, or only a vague one ("next week"), gets none."""
    sent = an.sent
    unreal = c.factuality in ("planned", "hypothetical")
    if date_ref is not None:
        if unreal and date_ref.vague:
            return
        value, rule = date_ref.value, "date.in_sentence"
        if unreal and sent.anchor is not None and not date_ref.future:
            value, rule = forward(date_ref, sent.anchor.date()), "date.forward_for_planned"
        decide(c, "date", (value, date_ref.precision, True), rule, span(an, date_ref.start, date_ref.end))
    elif unreal:
        return
    elif (
        ctx.date
        and ctx.date_paragraph == sent.paragraph
        and (c.event_type not in SAYING or _same_day(sent.lows))
    ):
        decide(c, "date", (*ctx.date, False), "date.from_paragraph", ctx.date_words)
    elif ctx.earlier_date and _same_day(sent.lows):
        # "The same day, a unit stationed in Tera repelled an attack": the day the paragraph before stated
        decide(c, "date", (*ctx.earlier_date, False), "date.same_day", ctx.earlier_date_words)
    elif sent.anchor is not None:
        decide(c, "date", (sent.anchor.date(), "day", False), "date.report_anchor")


def own_day(an: Analysis, t: Trigger, ref) -> bool:
    """The event's day is stated in the trigger's own clause, and is no statement's day ("On Wednesday, a
    drone struck the market"; not "said in a statement on Sunday that its forces had killed 45")."""
    if ref is None or ref.precision != "day" or ref.future:
        return False
    lows = an.sent.lows
    if lows[t.start] in LATER_DEATH:
        return (
            False  # "Two more people died in hospital on Wednesday": the death's day, maybe not the attack's
        )
    between = lows[ref.end : t.start] if ref.start < t.start else lows[t.end : ref.start]
    if ref.start < t.start and between[:1] == [","]:
        between = between[1:]  # a fronted date: "On Wednesday, a drone struck"
    if not CLAUSE_BREAK.isdisjoint(between):
        return False
    return SPEECH_WORDS.isdisjoint(between) and SPEECH_WORDS.isdisjoint(
        lows[max(0, ref.start - 3) : ref.start]
    )


def dates_agree(k: Candidate, c: Candidate) -> bool:
    """Two events may be one happening by their dates: unless both state their own day in their clause and
    the days differ ("killed 14 on Tuesday ... On Wednesday a drone struck the camp": two attacks). A
    restatement ("The attack, late on Thursday, targeted farmers") names the attack told: it is not asked."""
    if not (k.own_day and c.own_day) or c.anaphoric:
        return True
    return k.event_date is None or c.event_date is None or k.event_date == c.event_date


def absorb(k: Candidate, c: Candidate) -> None:
    """A merged sentence that states a date dates an event that states none, or a day one only a
    month or a year."""
    if c.date_explicit and (not k.date_explicit or (k.date_precision != "day" and c.date_precision == "day")):
        value = (c.event_date, c.date_precision, True)
        decide(k, "date", value, "date.merged", words_of(c, "date"))
        k.own_day = c.own_day  # the headline's event now has the lead's day: a later day is another event


def restated(k: Candidate, c: Candidate, rule: str) -> None:
    """A restatement (restate.py `rule`) that states a date dates an event that states none."""
    if c.date_explicit and not k.date_explicit:
        decide(k, "date", (c.event_date, c.date_precision, True), rule, words_of(c, "date"))


def from_summary(s: Candidate, p: Candidate) -> None:
    """A part of a summary that states no date happened when the summary did."""
    if s.date_explicit and not p.date_explicit:
        decide(p, "date", (s.event_date, s.date_precision, False), "date.from_summary", words_of(s, "date"))


def from_main_of_recall(main: Candidate, recalled: Candidate, days: int | None) -> None:
    """A recalled attack ("two days after a bomber killed nine") happened `days` from the main event of its
    sentence, when the text counts them and states the main event's day (recalled.py)."""
    if days is None or recalled.date_explicit or not main.date_explicit or main.date_precision != "day":
        return
    if main.event_date is not None:
        value = (main.event_date + timedelta(days=days), "day", True)
        decide(recalled, "date", value, "date.interval_of_recalled", words_of(main, "date"))


DAY_PARTS = word_set(_CUES, "day_part")  # "the same night", "that evening": still the day stated before


def _same_day(lows: list[str]) -> bool:
    """ "the same day", "that day", "the same night": the sentence points back to the date stated before."""
    return any(
        w in ("same", "that") and (n == "day" or n in DAY_PARTS) for w, n in zip(lows, lows[1:], strict=False)
    )
