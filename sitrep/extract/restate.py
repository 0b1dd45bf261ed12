"""Stage: restatements. Which events of one document tell the same happening, and which figure is its toll.

Real reports tell one attack several times: a lead and a later detail ("the attack killed five"), a
quote restating the lead, a running total beside the incident ("this brought the toll to six"), the same
sentence twice (a standfirst repeated as the first paragraph, a live-blog entry quoting an earlier one),
and a summary lead over attacks told one by one afterwards. An extractor that codes every telling counts
the dead several times. The rules below run after `merge` (which folds repeats that state no cue, within
one entry) and decide with cues from lexicons/restate.tsv:

- restate.same_sentence: a sentence that repeats an earlier one (nearly every word sequence of the shorter
  is in the longer) on the same date is the same event.
- restate.anaphoric_toll: a later attack that names its attack as known ("that attack", "the strike", "the
  blasts", "the attackers"), at a compatible place and date, is the earlier attack; its toll is the later,
  more complete figure.
- restate.running_total: "bringing the death toll to nine", "the number of dead has risen to three" updates
  the toll of the attack it follows (also across live-blog entries when it names the attack's place),
  unless the figure adds up several attacks told before (that is a summary, left as it is).
- restate.quoted_toll: a quote giving a toll ("'Three civilians have been killed,' the governor wrote") with
  no place or date of its own restates the attack just told.
- restate.habitual: "comes under Russian fire almost every day" with no count of its own is no event.
- restate.background: "Culiacan has been gripped by fighting since September", "the ADF has killed
  thousands of civilians": an attack sentence with a period cue, no count of its own and no day stated
  tells a state of affairs, not a happening: no event.
- restate.detail: an attack sentence that adds nothing to say it is another happening (no attacker, place or
  date of its own, no "a bomb"/"separately" cue: "More than 20 people were injured.", "They just came and
  bombed," a quote) details the attack told just before it, up to DETAIL_REACH paragraphs back: merged
  into it, so its casualties add to that attack (merge.absorb) instead of making a second one.
- restate.summary_lead: an attack with a toll followed by two or more attacks at places it names or
  contains, whose tolls add up to no more than its own, is a summary (is_aggregate, its casualties not
  counted).

Every rule keeps: the same event type and factuality, compatible attackers, a compatible place (the same,
one inside the other, one unknown, or the later sentence names the earlier's place) and date (the same, an
undated restatement, or a later report on it within a few days), and no cue that the sentence tells
another happening ("separately", "the first strike", "a day earlier").
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from datetime import timedelta
from functools import cache

from sitrep.extract import dating, kinds, locate, quantities, roles, tolls
from sitrep.extract.budget import NO_DEADLINE, Deadline
from sitrep.extract.candidate import Candidate
from sitrep.extract.lexicon import PhraseMatcher, read_tsv
from sitrep.extract.merge import absorb
from sitrep.extract.numbers import numbers_in
from sitrep.extract.recalled import recall_apart
from sitrep.extract.sentence import Analysis, is_cumulative
from sitrep.extract.wordcache import WordCache

SAME_SENTENCE = "restate.same_sentence"
ANAPHORIC_TOLL = "restate.anaphoric_toll"
RUNNING_TOTAL = "restate.running_total"
QUOTED_TOLL = "restate.quoted_toll"
HABITUAL = "restate.habitual"
BACKGROUND = "restate.background"
SUMMARY_LEAD = "restate.summary_lead"
DETAIL = "restate.detail"
TOLL_UPDATE = "restate.toll_update"
RULES = (
    TOLL_UPDATE,
    SAME_SENTENCE,
    ANAPHORIC_TOLL,
    RUNNING_TOTAL,
    QUOTED_TOLL,
    HABITUAL,
    BACKGROUND,
    DETAIL,
    SUMMARY_LEAD,
)

MAX_BACK = 40  # earlier events a restatement is compared with, the nearest first
REACH = 4  # paragraphs back that a restatement in an article may point to
CARE_GAP = 4  # words between "hospital"/"evacuated to" and the place it names
DETAIL_REACH = 2  # paragraphs after an attack that may hold its details
QUOTE_REACH = 2  # a quote restates an attack of its own or the previous two paragraphs
LATER_REPORT_DAYS = 3  # "on Sunday the ministry said that attack killed 34": dated by the saying
SHINGLE = 4  # words per shingle when comparing two sentences
SAME_SHARE = 0.8  # share of the shorter sentence's shingles found in the longer one
MIN_WORDS = 8  # shorter sentences are too plain to call repeats
DEFINITE_GAP = 4  # words allowed between a determiner and its head ("the cowardly attack")
COUNTS = ("fatalities", "injuries", "missing")
_WORD = re.compile(r"\w")  # a word or a number, not a punctuation token
_IS_WORD = WordCache(lambda w: _WORD.match(w) is not None)


@cache
def cues() -> dict[str, PhraseMatcher]:
    """kind -> matcher of its cues (lexicons/restate.tsv)."""
    out: dict[str, PhraseMatcher] = {}
    for row in read_tsv("lexicons/restate.tsv"):
        out.setdefault(row["kind"], PhraseMatcher()).add(row["cue"], True)
    return out


def _has(kind: str, lows: list[str]) -> bool:
    return bool(cues()[kind].find(lows))


TOTAL_REACH = 20  # tokens from a toll's name to its figure ("the death toll from the strike ... to 17")


def stated_total(lows: list[str]) -> tuple[str, int] | None:
    """A toll the sentence says changed or states, as (count field, figure): "the death toll ... has risen
    to 17", "the toll of the attack stood at 31",
    "raising the number of dead from the shelling to 13", "the number of injured rose to seven". None
    for a period total ("has risen to 40,000 since the war began"), which no single attack holds."""
    if not _has("rise", lows) or is_cumulative(lows):
        return None
    nums = None
    for kind, field in (("toll", "fatalities"), ("toll_injured", "injuries")):
        for _s, e, _ in cues()[kind].find(lows):
            nums = nums if nums is not None else numbers_in(lows)
            for k in range(e, min(len(lows) - 1, e + TOTAL_REACH)):
                if lows[k] in ("to", "at") and k + 1 in nums and math.isfinite(nums[k + 1].value):
                    return field, int(nums[k + 1].value)
    return None


def definite_reference(lows: list[str], opener: str = "determiner") -> bool:
    """The sentence names an attack, its means or its doers as already known ("that attack", "the
    cowardly attack", "the mortars"), and not as one of several ("the first strike"). With opener
    "indefinite": it introduces one ("an Israeli strike on a house")."""
    heads = {s: e for s, e, _ in cues()["head"].find(lows)}
    parts = {s for s, _e, _ in cues()["part"].find(lows)}
    stops = {s for s, _e, _ in cues()["gap_stop"].find(lows)}
    for s, _e, _ in cues()[opener].find(lows):
        for k in range(s + 1, min(len(lows), s + 2 + DEFINITE_GAP)):
            if k in parts or k in stops:
                break
            if k in heads:
                return True
    return False


class _Sentences:
    """What the rules ask of each sentence, computed once."""

    def __init__(self, analyses: list[Analysis]) -> None:
        self.by_index = {an.sent.index: an for an in analyses}
        self._shingles: dict[int, tuple[set[tuple[str, ...]], int]] = {}
        self._flags: dict[tuple, bool] = {}

    def has(self, kind: str, index: int) -> bool:
        """The sentence holds a cue of this kind ("definite": a definite reference to an attack)."""
        key = (kind, index)
        if key not in self._flags:
            lows = self.lows(index)
            if kind in ("definite", "indefinite"):
                self._flags[key] = definite_reference(lows, "determiner" if kind == "definite" else kind)
            else:
                self._flags[key] = _has(kind, lows)
        return self._flags[key]

    def updates(self, c: Candidate) -> bool:
        """Some sentence merged into c says a toll changed, or points back at an earlier report."""
        key = ("update", c.sentence, c.evidence_end)
        if key not in self._flags:
            told = self.span_lows(c)
            tolled = _has("toll", told) or _has("toll_injured", told)
            self._flags[key] = _has("update", told) or (tolled and _has("rise", told))
        return self._flags[key]

    def lows(self, index: int) -> list[str]:
        an = self.by_index.get(index)
        return an.sent.lows if an else []

    def span_lows(self, c: Candidate) -> list[str]:
        """Words of every sentence merged into c (its evidence span), in order."""
        parts: list[list[str]] = []
        for index in range(c.sentence, len(self.by_index) + c.sentence):
            an = self.by_index.get(index)
            if an is None or (index > c.sentence and an.sent.start >= c.evidence_end):
                break
            parts.append(an.sent.lows)
        # one sentence (most events): its own list, whose lexicon scan is kept (lexicon.PhraseMatcher.find)
        return parts[0] if len(parts) == 1 else [w for lows in parts for w in lows]

    def shingles(self, index: int) -> tuple[set[tuple[str, ...]], int]:
        if index not in self._shingles:
            is_word = _IS_WORD
            words = [w for w in self.lows(index) if is_word[w]]
            # every run of SHINGLE words in a row (zip of the list shifted by 0..SHINGLE-1 words)
            grams = set(zip(*(words[k:] for k in range(SHINGLE)), strict=False))  # the shorter lists end it
            self._shingles[index] = (grams, len(words))
        return self._shingles[index]

    def repeats(self, a: int, b: int) -> bool:
        (ga, na), (gb, nb) = self.shingles(a), self.shingles(b)
        if min(na, nb) < MIN_WORDS or not ga or not gb:
            return False
        short, long_ = (ga, gb) if len(ga) <= len(gb) else (gb, ga)
        return len(short & long_) >= SAME_SHARE * len(short)

    def paragraph_header(self, k: Candidate, c: Candidate) -> bool:
        """A sentence of c's paragraph between k and c names a place or a date ("11/11 - Mayo-Sava,
        Amchide. IED on the road to the market. 2 civilians injured."): c reports what it sets out."""
        index = c.sentence - 1
        while index > k.sentence and index in self.by_index:
            an = self.by_index[index]
            if an.sent.paragraph != c.paragraph:
                return False
            if an.resolved or an.dates:
                return True
            index -= 1
        return False

    def only_care_places(self, c: Candidate) -> bool:
        """Every place c's sentence names is where victims were taken ("were wounded and taken to the
        hospital in Mora"), not where anything happened."""
        an = self.by_index.get(c.sentence)
        if an is None or not an.places:
            return False
        care = [e for _s, e, _ in cues()["care"].find(an.sent.lows)]
        return all(any(p.start - CARE_GAP <= e <= p.start for e in care) for p in an.places)

    def names_place_of(self, index: int, k: Candidate) -> bool:
        """The sentence names the place of event k ("the toll in Deou had risen to 23")."""
        an = self.by_index.get(index)
        if an is None or k.place is None:
            return False
        return any(e.name == k.place.name and e.country == k.place.country for _p, e, *_ in an.resolved)


def _actors_agree(k: Candidate, c: Candidate) -> bool:
    if k.actor1_from_context or c.actor1_from_context or k.actor1 is None or c.actor1 is None:
        return True
    return k.actor1.code is None or c.actor1.code is None or k.actor1.code == c.actor1.code


def _place_agrees(k: Candidate, c: Candidate, sents: _Sentences) -> bool:
    """The places agree, or c's sentence names k's place ("the toll in Deou had risen to 23")."""
    return locate.places_agree(k, c) or sents.names_place_of(c.sentence, k)


def _date_agrees(k: Candidate, c: Candidate, later_report: bool) -> bool:
    if not c.date_explicit or not k.date_explicit or c.event_date is None or k.event_date is None:
        return True
    if c.event_date == k.event_date:
        return True
    gap = c.event_date - k.event_date
    return later_report and timedelta(0) < gap <= timedelta(days=LATER_REPORT_DAYS)


def _near(k: Candidate, c: Candidate, reach: int) -> bool:
    last = max(k.paragraph, k.last_paragraph)  # k may already hold sentences after c (merge)
    return k.paragraph <= c.paragraph and c.paragraph - last <= reach


def _is_part(k: Candidate, c: Candidate) -> bool:
    """c is a place inside k's with a smaller toll: a part of a summary, not a repeat of it."""
    if not (c.named_place and not k.named_place and c.place is not None and not c.place_from_context):
        return False
    return (c.fatalities or 0) < (k.fatalities or 0) or (c.injuries or 0) < (k.injuries or 0)


def _same_toll(k: Candidate, c: Candidate) -> bool:
    return bool(k.fatalities) and k.fatalities == c.fatalities


def _raises_toll(k: Candidate, c: Candidate, sents: _Sentences) -> bool:
    """c, which names its attack as known, carries a running total at least k's ("The cowardly attack
    killed seven ... Two of the wounded later died, bringing the death toll to nine"): k's toll updated."""
    return bool(k.fatalities) and (c.fatalities or 0) >= (k.fatalities or 0) and sents.updates(c)


def _is_smaller(c: Candidate, k: Candidate) -> bool:
    """c states fewer dead than k: not a later, fuller toll of k (a part of it, or another attack)."""
    return c.fatalities is not None and k.fatalities is not None and c.fatalities < k.fatalities


def _rule_for(k: Candidate, c: Candidate, sents: _Sentences) -> str | None:
    """The rule by which c tells k's happening again, or None."""
    if k.event_type != c.event_type or k.factuality != c.factuality or k.split_key != c.split_key:
        return None
    if k.is_aggregate or not _actors_agree(k, c) or not recall_apart(k, c):
        return None
    if not dating.dates_agree(k, c):
        return None  # each states its own day in its clause, and they differ: two attacks (merge asks it too)
    if sents.repeats(k.sentence, c.sentence):
        return SAME_SENTENCE if _date_agrees(k, c, False) else None
    if c.event_type != "ASSAULT":
        return None
    # a landmine blast is not the drone attack told before it; a toll update names no means
    other_means = bool(k.mode and c.mode and k.mode != c.mode)
    if sents.has("separate", c.sentence) or _is_part(k, c):
        return None
    definite = sents.has("definite", c.sentence)
    if not _place_agrees(k, c, sents) and not (definite and (_same_toll(k, c) or _raises_toll(k, c, sents))):
        return None  # "The cowardly attack killed seven ..., taken to hospital in Mogadishu": the same seven
    same_entry = k.entry == c.entry
    cross_entry = not same_entry and c.named_place and sents.names_place_of(c.sentence, k)
    if not (same_entry or cross_entry):
        return None
    if same_entry and k.entry == 0 and not _near(k, c, REACH):
        return None
    # a toll update may sit in a sentence merge() folded into c
    if c.has_casualties and sents.updates(c) and _date_agrees(k, c, True) and not _is_smaller(c, k):
        return RUNNING_TOTAL
    if c.is_aggregate:
        return None
    if other_means:
        return None
    if sents.has("indefinite", c.sentence) and c.date_explicit:
        return None  # "On Wednesday morning, an Israeli strike on a house ...": a new attack, dated anew
    if _is_smaller(c, k):
        return None  # "No one was hurt in that attack": another attack than k, which killed people
    if definite and _date_agrees(k, c, True):
        return ANAPHORIC_TOLL
    if (
        c.has_casualties
        and same_entry
        and not _is_smaller(c, k)
        and sents.has("quote", c.sentence)
        and (c.place is None or c.place_from_context or sents.names_place_of(c.sentence, k))
        and _date_agrees(k, c, True)
        and (k.entry != 0 or _near(k, c, QUOTE_REACH))
    ):
        return QUOTED_TOLL
    return None


def _sums_several(kept: list[Candidate], k: Candidate, c: Candidate, sents: _Sentences) -> bool:
    """A running total at least as large as k's toll plus the toll of another attack told before it
    ("the total number of dead since Friday rose to 52" after 38 and 14) adds up several attacks."""
    if c.fatalities is None or k.fatalities is None:
        return False
    others = [
        o
        for o in kept
        if o is not k and not o.is_aggregate and o.fatalities and o.event_type == k.event_type
        and _place_agrees(o, c, sents)
    ]  # fmt: skip
    return any(k.fatalities + o.fatalities <= c.fatalities for o in others)


def _fold(k: Candidate, c: Candidate, rule: str) -> None:
    """c told k again: k keeps its own date and place unless it had none; the toll is the larger
    figure (tolls rise as bodies are found), the latest one for a running total. Each field's owner
    decides what k takes (`restated` of tolls, locate, dating, roles, kinds, quantities)."""
    k.merged += 1
    k.last_paragraph = max(k.paragraph, k.last_paragraph, c.paragraph)
    tolls.restated(k, c, rule, latest=rule == RUNNING_TOTAL)
    locate.restated(k, c, rule)
    dating.restated(k, c, rule)
    roles.restated(k, c, rule)
    kinds.restated(k, c, rule)
    quantities.restated(k, c, rule)
    tolls.restated_victims(k, c, rule)


def _take_stated_total(c: Candidate, sents: _Sentences) -> None:
    """An attack whose sentence says its toll rose ("The death toll from an Israeli airstrike on a school
    has risen to 17") has that toll."""
    if c.event_type != "ASSAULT":
        return
    total = stated_total(sents.span_lows(c))
    if total is not None:  # the text's own statement of the toll beats counts added up from its parts
        tolls.stated_total(c, total[0], total[1], RUNNING_TOTAL)


def _habitual(c: Candidate, sents: _Sentences) -> bool:
    return c.event_type == "ASSAULT" and not c.has_casualties and sents.has("habitual", c.sentence)


def _says_nothing_new(k: Candidate, c: Candidate, sents: _Sentences) -> bool:
    """c names no place or date of its own, no other attacker than k's (an unnamed one may be k's), and no smaller toll
    than k's (a smaller one may be a part of k, told as its own attack)."""
    if c.date_explicit:
        return False
    if c.place is not None and not c.place_from_context and not sents.only_care_places(c):
        return False
    if (
        c.place_from_context
        and c.place is not None
        and k.place is not None
        and c.named_place
        and k.named_place
        and c.place != k.place
    ):
        return False  # "11 June, Vovchansk: ... Two soldiers were killed": the place its paragraph names
    if not _actors_agree(k, c):
        return False
    return not (k.mode and c.mode and k.mode != c.mode) and not _is_smaller(c, k)


def _detailed(kept: list[Candidate], c: Candidate, sents: _Sentences) -> Candidate | None:
    """The attack c details (restate.detail), or None: the nearest attack kept before c, in its entry and
    up to DETAIL_REACH paragraphs back, when c says nothing new (_says_nothing_new), does not introduce
    an attack ("a roadside bomb"), pick one of several ("the first strike") or say it is another one
    ("separately", "also")."""
    if c.event_type != "ASSAULT" or c.is_aggregate:
        return None
    k = next((o for o in reversed(kept) if o.event_type == "ASSAULT" and not o.is_aggregate), None)
    if k is None or k.entry != c.entry or k.factuality != c.factuality or k.split_key != c.split_key:
        return None
    if k.entry == 0 and not _near(k, c, DETAIL_REACH):
        return None
    if not _says_nothing_new(k, c, sents) or sents.paragraph_header(k, c):
        return None
    if any(sents.has(kind, c.sentence) for kind in ("separate", "indefinite", "part")):
        return None
    return k


@cache
def _death_triggers() -> frozenset[str]:
    """Trigger phrases (lexicons/triggers.tsv) that tell a death, not an attack: restate.tsv `death`."""
    return frozenset(r["cue"] for r in read_tsv("lexicons/restate.tsv") if r["kind"] == "death")


_MORE = frozenset(("more", "another", "further", "additional"))
UPDATE_ENTRIES = 3  # live-blog entries back that a later death ("one of the wounded has died") may update


def _of_wounded(c: Candidate, sents: _Sentences) -> bool:
    """c's dead were counted as wounded before: "two of the injured died", "four wounded men died", "died
    of his wounds"."""
    return sents.has("wounds", c.sentence) or (
        "fatalities" in c.added and any(w in sents.lows(c.sentence) for w in ("wounded", "injured"))
    )


def _updated(kept: list[Candidate], c: Candidate, sents: _Sentences) -> Candidate | None:
    """The attack whose toll c updates (restate.toll_update), or None. c tells deaths only ("died",
    "succumbed": no attack word, no attacker or means of its own) of people told before (a count told as
    more or of the wounded, "a third officer", or "died of his wounds"); the attack is the nearest kept
    before it with casualties, in its entry within REACH paragraphs, or in one of the UPDATE_ENTRIES live-blog
    entries before; "a third officer died" updates an attack that killed two. Where and when the victims died
    (a hospital's town, the next day) is no new place or date of the attack."""
    if c.event_type != "ASSAULT" or c.is_aggregate or c.mode or not c.fatalities or c.stated_toll:
        return None
    if (
        (c.actor1 is not None and not c.actor1_from_context)
        or not c.trigger
        or c.trigger[2] not in _death_triggers()
    ):
        return None
    if not ("fatalities" in c.added or sents.has("wounds", c.sentence)):
        return None
    lows = sents.lows(c.sentence)
    if stated_total(lows) is not None:
        return None  # "..., bringing the toll to three": restate.running_total
    ordinal = _ordinal(lows)
    for k in reversed(kept):
        if (
            k.event_type != "ASSAULT"
            or k.is_aggregate
            or k.factuality != c.factuality
            or not (k.fatalities or k.injuries)  # "No one was hurt": not the attack whose wounded died
        ):
            continue
        if k.entry == c.entry:
            near = k.entry != 0 or c.paragraph - max(k.paragraph, k.last_paragraph) <= REACH
        else:
            near = 0 < c.entry - k.entry <= UPDATE_ENTRIES and k.entry != 0
        if not near:
            return None
        if ordinal is not None and (k.fatalities or 0) != ordinal - 1:
            return None  # "a third car bomb", or the third of another count
        return k
    return None


def _ordinal_total(kept: list[Candidate], c: Candidate, sents: _Sentences) -> None:
    """A report that opens with a later death ("A third soldier died on Sunday ... from wounds sustained in
    Saturday's drone attack", "A fifth person has died"), with no toll of the attack told before it in its
    entry: the ordinal is the attack's toll."""
    if c.event_type != "ASSAULT" or c.fatalities != 1 or "fatalities" not in c.added:
        return
    n = _ordinal(sents.lows(c.sentence))
    if n is None or any(k.entry == c.entry and k.fatalities for k in kept):
        return
    tolls.stated_total(c, "fatalities", n, TOLL_UPDATE)


def _ordinal(lows: list[str]) -> int | None:
    """n of "a/an <ordinal>" before a person ("a third officer"): the dead were n - 1 before."""
    for i in range(len(lows) - 1):
        if lows[i] in ("a", "an") and lows[i + 1] in _ORDINAL_VALUES:
            return _ORDINAL_VALUES[lows[i + 1]]
    return None


_ORDINAL_VALUES = {r["word"]: int(r["value"]) for r in read_tsv("lexicons/ordinals.tsv")}


def _background(c: Candidate, sents: _Sentences) -> bool:
    """An attack sentence over a stretch of time that lasts till now ("has seen heavy fighting since
    2015") with no count of its own and no day stated (restate.background)."""
    if c.event_type != "ASSAULT" or c.has_casualties or (c.date_explicit and c.date_precision == "day"):
        return False
    if sents.has("recent", c.sentence):
        return False  # "have fought in the streets since Monday": news
    return sents.has("period", c.sentence) and sents.has("present", c.sentence)


def _targets(kept: list[Candidate], c: Candidate, sents: _Sentences) -> list[Candidate]:
    """The earlier events c may restate, the likeliest first: one on a date c's sentence names ("Update
    to the 03/03 entry"), then, when c gives a toll, the nearest with a toll of its own (a detail sentence
    without one, "the jet dropped two bombs on the monastery", is not what a toll is given for), then
    the nearest."""
    named = {d.value for d in sents.by_index[c.sentence].dates} if c.sentence in sents.by_index else set()
    order = kept[: -MAX_BACK - 1 : -1]  # restatements point back at recent events; bounds the work
    # a date the text gives, not the report's day an undated event took ("Abu Shouk camp was shelled")
    dated = [
        k for k in order if k.event_date in named and k.why.get("date", ("",))[0] != "date.report_anchor"
    ]
    tolled = [k for k in order if k.has_casualties] if c.has_casualties else []
    seen: set[int] = set()
    out = []
    for k in dated + tolled + order:
        if id(k) not in seen:
            seen.add(id(k))
            out.append(k)
    return out


Note = Callable[[str, int, int], None]  # (rule id, sentence kept, sentence folded or marked)


def _ignore(rule: str, kept: int, other: int) -> None:
    pass


def restate(
    events: list[Candidate], analyses: list[Analysis], deadline: Deadline = NO_DEADLINE, note: Note = _ignore
) -> list[Candidate]:
    """The events of one document, each happening once (restatements folded into the first telling).
    `note` hears each decision with its rule id."""
    sents = _Sentences(analyses)
    kept: list[Candidate] = []
    for c in events:
        deadline.check()
        _take_stated_total(c, sents)
        if _habitual(c, sents):
            note(HABITUAL, c.sentence, c.sentence)
            continue
        if _background(c, sents):
            note(BACKGROUND, c.sentence, c.sentence)
            continue
        k = _updated(kept, c, sents)
        if k is not None:
            of_wounded = _of_wounded(c, sents)
            # "two of the injured died" adds to a toll told with its wounded; told without them ("the 23
            # people killed ... Two of the injured died"), the toll may already count them
            lows = sents.lows(c.sentence)
            told_more = _ordinal(lows) is not None or not _MORE.isdisjoint(lows)  # "two more of the wounded"
            adds = told_more or not of_wounded or bool(k.injuries)
            tolls.toll_update(k, c, TOLL_UPDATE, of_wounded, adds)
            note(TOLL_UPDATE, k.sentence, c.sentence)
            continue
        _ordinal_total(kept, c, sents)
        for k in _targets(kept, c, sents):
            rule = _rule_for(k, c, sents)
            if rule is None:
                continue
            if rule == RUNNING_TOTAL and _sums_several(kept, k, c, sents):
                continue
            _fold(k, c, rule)
            note(rule, k.sentence, c.sentence)
            break
        else:
            k = _detailed(kept, c, sents)
            if k is None:
                kept.append(c)
            else:
                absorb(k, c, widen=False)
                note(DETAIL, k.sentence, c.sentence)
    _toll_updates(kept, sents, deadline, note)
    return kept


def _toll_updates(events: list[Candidate], sents: _Sentences, deadline: Deadline, note: Note) -> None:
    """A sentence with a toll and a running-total cue but no event of its own ("Two of the injured died
    later, raising the death toll to 13") updates the attack it follows in its entry."""
    told = {e.sentence for e in events}
    for index, an in sents.by_index.items():
        deadline.check()
        total = stated_total(an.sent.lows) if not an.heads and index not in told else None
        if total is None:
            continue
        before = [
            e for e in events if e.sentence < index and e.event_type == "ASSAULT" and not e.is_aggregate
        ]
        if not before:
            continue
        k = before[-1]
        if k.entry != an.sent.entry or (
            k.entry == 0 and an.sent.paragraph - max(k.paragraph, k.last_paragraph) > REACH
        ):
            continue
        field, figure = total
        mine = getattr(k, field)
        if mine is not None and any(
            o is not k and getattr(o, field) and mine + getattr(o, field) <= figure for o in before
        ):
            continue  # the figure adds up several attacks
        if mine is None or figure > mine:
            tolls.stated_total(k, field, figure, RUNNING_TOTAL, (an.sent.start, an.sent.end))
            note(RUNNING_TOTAL, k.sentence, index)


def mark_summary_leads(
    events: list[Candidate], analyses: list[Analysis], deadline: Deadline = NO_DEADLINE, note: Note = _ignore
) -> None:
    """An attack told as several ("Israeli air strikes across the Gaza Strip killed 29", "drones attacked
    Kherson and Nikopol, killing two") followed by two or more attacks inside it whose tolls add up to no
    more than its own is their summary: is_aggregate, its casualties not counted."""
    sents = _Sentences(analyses)
    for i, s in enumerate(events):
        deadline.check()
        if s.event_type != "ASSAULT" or s.is_aggregate or not s.fatalities:
            continue
        an = sents.by_index.get(s.sentence)
        if an is None:
            continue
        places = {(e.name, e.country) for _p, e, *_ in an.resolved}
        plural = _has("plural", an.sent.lows) or _several_attacks(an)
        if not (plural or len(places) > 1 or (s.place is not None and not s.named_place)):
            continue
        parts = []
        for p in events[i + 1 :]:
            if p.paragraph - max(s.paragraph, s.last_paragraph) > SUMMARY_REACH:
                break  # events are in text order: the rest are further still
            if _part_of(s, p, sents, plural):
                parts.append(p)
        if len(parts) < 2:
            continue
        # "killed at least 19 on 3 and 4 September" sums the parts as first told: 11 + 8, though two of
        # the wounded died later and raised the first to 13
        killed = sum(tolls.first_told(p) for p in parts)
        hurt = sum(p.injuries or 0 for p in parts)
        if 0 < killed <= s.fatalities and (s.injuries is None or hurt <= s.injuries):
            tolls.summary_lead(s, SUMMARY_LEAD)
            note(SUMMARY_LEAD, s.sentence, parts[0].sentence)


def _several_attacks(an: Analysis) -> bool:
    """The sentence names two attacks or more ("Shelling and a drone strike in El Fasher killed 19"): it
    may sum them, as a plural does."""
    return sum(1 for t in an.triggers if t.event_type == "ASSAULT" and not t.has("casualty")) > 1


SUMMARY_REACH = 6  # paragraphs after a summary that may hold its parts


def _part_of(s: Candidate, p: Candidate, sents: _Sentences, plural: bool) -> bool:
    """p may be one of the attacks summary s adds up: an attack with a toll told soon after it, at a
    place s names or contains (or at no stated place, when s speaks of several attacks)."""
    if p.event_type != "ASSAULT" or p.is_aggregate or not p.has_casualties or p.entry != s.entry:
        return False
    if p.paragraph - max(s.paragraph, s.last_paragraph) > SUMMARY_REACH or p.paragraph < s.paragraph:
        return False
    if tolls.other_side(s, p):
        return False  # "Junta airstrikes killed 14 ...": a resistance ambush told after is no part of it
    if p.place is None or p.place_from_context:
        return plural
    if s.place is None:
        return True
    if p.place.country != s.place.country:
        return False
    if sents.names_place_of(s.sentence, p):
        return True
    return not s.named_place and (s.place.precision == "country" or p.place.admin1 == s.place.admin1)
