"""Stage: triggers. Words that say an event happened (sitrep/data/lexicons/triggers.tsv), with their
PLOVER type and mode, voice (active/passive) and factuality (sitrep/data/lexicons/modality.tsv).

Verb lemmas are inflected by rule (-s, -ed, -ing, with the usual spelling changes); irregular forms are
listed in the lexicon. Which triggers of a sentence make events is decided in `sitrep.extract.heads.select`.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, replace
from functools import cache

from sitrep.extract.lexicon import PhraseMatcher, read_tsv, split_phrase, word_set
from sitrep.extract.text import Token

# Word groups of lexicons/trigger_cues.tsv (what each group means is in its header).
_CUES = "lexicons/trigger_cues.tsv"
BE_AUX = word_set(_CUES, "be_aux")
ADVERBS = word_set(_CUES, "adverb")
CLAUSE_BREAK = word_set(_CUES, "clause_break")


@dataclass(frozen=True, slots=True)
class TriggerDef:
    event_type: str
    mode: str
    pos: str
    flags: frozenset[str]
    lemma: str
    closer: frozenset[str] = frozenset()  # "hold ... responsible": a word that must follow in the clause


@dataclass(slots=True)
class Trigger:
    start: int
    end: int
    d: TriggerDef
    passive: bool = False
    factuality: str | None = None  # planned | threatened | denied | negated | hypothetical | None (happened)
    rule: str = "type.trigger_lexicon"  # the rule (sitrep/data/rules.tsv) that gave its type

    @property
    def event_type(self) -> str:
        return self.d.event_type

    def has(self, flag: str) -> bool:
        return flag in self.d.flags


def _inflect(word: str) -> list[str]:
    forms = [word]
    vowels = "aeiou"
    if word.endswith("e"):
        forms += [word + "s", word + "d", word[:-1] + "ing"]
    elif word.endswith("y") and word[-2:-1] not in vowels:
        forms += [word[:-1] + "ies", word[:-1] + "ied", word + "ing"]
    elif word.endswith(("s", "sh", "ch", "x", "z")):
        forms += [word + "es", word + "ed", word + "ing"]
    else:
        forms += [word + "s", word + "ed", word + "ing"]
        # one-syllable consonant-vowel-consonant verbs double the consonant (ship -> shipped)
        if (
            len(word) <= 4
            and word[-1] not in "wxy" + vowels
            and word[-2] in vowels
            and word[-3] not in vowels
        ):
            forms += [word + word[-1] + "ed", word + word[-1] + "ing"]
    return forms


@cache
def trigger_matcher() -> PhraseMatcher:
    """Surface form -> every reading of it ("attacks" is a verb and a noun; context decides)."""
    readings: dict[tuple[str, ...], list[TriggerDef]] = {}
    for row in read_tsv("lexicons/triggers.tsv"):
        if not row["event_type"]:
            continue  # a row that only lists place_object forms ("besieged")
        flags = frozenset(f for f in row["flags"].split(",") if f)
        d = TriggerDef(row["event_type"], row["mode"], row["pos"], flags, row["phrase"])
        words = split_phrase(row["phrase"])
        surface: list[tuple[str, ...]] = []
        if row["pos"] == "verb" and "listed" not in flags:
            surface += [(f, *words[1:]) for f in _inflect(words[0])]
        else:
            surface.append(words)
        listed = [split_phrase(f) for f in row["forms"].split("|") if f]
        surface += listed
        for s in surface:
            if d not in readings.setdefault(s, []):
                readings[s].append(d)
            if row["pos"] == "verb":
                FORMS.setdefault(s[0], _form_of(s[0], words[0]))
        if row["pos"] == "verb":
            for (
                s
            ) in listed:  # a listed irregular form is a past form even when it equals the lemma (hit, set)
                if _form_of(s[0], words[0]) == "base" and s[0] == words[0]:
                    FORMS[s[0]] = "past"
    # a split phrase ("exchanged ... prisoners"): its first part heads, one of its last words must follow
    closers: dict[tuple[tuple[str, ...], TriggerDef], set[str]] = {}
    for s, defs in list(readings.items()):
        if "." in s:  # the tokenizer splits "..." into three "." tokens
            del readings[s]
            for d in defs:
                closers.setdefault((s[: s.index(".")], d), set()).add(s[-1])
    for (head, d), words in closers.items():
        readings.setdefault(head, []).append(replace(d, closer=frozenset(words)))
    # phrases that hold a trigger word but tell of no event ("air raid alert"): the longer match wins
    for row in read_tsv("lexicons/not_triggers.tsv"):
        readings.setdefault(split_phrase(row["phrase"]), []).insert(0, NO_EVENT)
    m = PhraseMatcher()
    for s, defs in readings.items():
        m.add(s, tuple(defs))
    return m


@cache
def place_object_forms() -> frozenset[str]:
    """Verb forms whose object is read as a place ("shelled Nikopol", "recaptured Sinja"): the
    place_object column of triggers.tsv."""
    return frozenset(
        f for row in read_tsv("lexicons/triggers.tsv") for f in row["place_object"].split("|") if f
    )


NO_EVENT = TriggerDef("", "", "noun", frozenset(), "")  # a reading that makes no trigger

FORMS: dict[str, str] = {}  # verb surface form -> base | past | ing (filled with the matcher)


def _form_of(word: str, lemma: str) -> str:
    if word.endswith("ing"):
        return "ing"
    if word == lemma or word in (lemma + "s", lemma + "es", lemma[:-1] + "ies"):
        return "base"
    return "past"  # -ed and the irregular forms the lexicon lists (struck, withdrew, shot)


# Words after which a base or -s form reads as a verb ("they attack", "to supply", "will send").
VERB_CUES = word_set(_CUES, "verb_cue")
# Words after which a form reads as a noun or an adjective ("the attacks", "new targeted measures").
NOUN_CUES = word_set(_CUES, "noun_cue")
IRREGULAR_PARTICIPLES = word_set(_CUES, "irregular_participle")


def verb_form(first: str) -> str:
    form = FORMS.get(first)
    if form:
        return form
    if first.endswith("ing"):
        return "ing"
    if first.endswith(("ed", "en")) or first in IRREGULAR_PARTICIPLES:
        return "past"
    return "base"


def _reading(
    defs: tuple[TriggerDef, ...], lows: list[str], s: int, subject_ends: set[int]
) -> TriggerDef | None:
    """Choose the verb or the noun reading of a form from the word before it."""
    verbs = [d for d in defs if d.pos == "verb"]
    nouns = [d for d in defs if d.pos != "verb"]
    j = s - 1
    while j >= 0 and lows[j] in ADVERBS:
        j -= 1
    prev = lows[j] if j >= 0 else ""
    form = verb_form(lows[s])
    if verbs:
        if form == "base":
            if prev in VERB_CUES or (j in subject_ends):
                return verbs[0]
        elif form == "past":
            if prev not in NOUN_CUES:
                return verbs[0]
        elif prev not in NOUN_CUES:
            return verbs[0]
    return nouns[0] if nouns else None


@cache
def modality_matcher() -> PhraseMatcher:
    m = PhraseMatcher()
    for row in read_tsv("lexicons/modality.tsv"):
        m.add(row["cue"], (row["mode"], row["scope"]))
    for row in read_tsv("lexicons/figurative.tsv"):  # same scan: sport and economy words
        m.add(row["cue"], ("figurative", "sentence"))
    return m


def _is_passive(lows: list[str], i: int, end: int) -> bool:
    """be + participle ("were killed"), or a participle followed by "by" ("killed by shelling")."""
    if verb_form(lows[i]) != "past":
        return False
    j = i - 1
    while j >= 0 and lows[j] in ADVERBS:
        j -= 1
    if j >= 0 and lows[j] in BE_AUX:
        return True
    return end < len(lows) and lows[end] == "by"


def _factuality(
    lows: list[str], i: int, cues: list[tuple[int, int, str, int]], cue_starts: list[int]
) -> str | None:
    """A cue in the clause before the trigger (up to 8 tokens back), else a sentence-wide cue. The
    clause is checked from the cue's end, so a cue may hold a clause word ("years since"). `cues` are
    sorted, `cue_starts` their starts: only the cues of the 8 tokens before are looked at."""
    best = None
    for _pos, end, mode, _at in cues[bisect_left(cue_starts, max(0, i - 8)) : bisect_left(cue_starts, i)]:
        if CLAUSE_BREAK.isdisjoint(lows[end:i]):
            best = mode  # the nearest cue before the trigger wins
    if best:
        return best
    for pos, _end, mode, at in cues:  # sentence-wide cues sort first (position -1)
        if pos >= 0:
            break
        if mode == "denied" and not _denial_covers(lows, at, i):
            continue
        return mode
    return None


RELATIVES = frozenset({"which", "who"})
OWN_CLAIM = word_set(_CUES, "own_claim")


def _denial_covers(lows: list[str], at: int, i: int) -> bool:
    """A denial covers what follows it ("denied that troops had been deployed"), not an event the
    sentence asserted before it ("captured the village, the ministry said; Kyiv denied losing it": it
    happened, tests/gold/README.md), nor anything outside a relative aside it stands in ("The RSF, which
    denies targeting civilians, said it had shot down a drone"), nor what the denier asserts instead
    ("denied that civilians were targeted, saying the army had struck a camp")."""
    if at > i or not OWN_CLAIM.isdisjoint(lows[at:i]):
        return False  # "denied that civilians were targeted, saying the aircraft had struck a camp"
    return not (at > 0 and lows[at - 1] in RELATIVES and not CLAUSE_BREAK.isdisjoint(lows[at:i]))


# Cues that qualify the whole sentence rather than one trigger (lexicons/modality.tsv):
# "figurative": a sport or economy word ("derby", "inflation"): its war words are metaphors unless
#   the sentence counts casualties or names a weapon (decided in build);
# "speculation": an onlooker speaks ("analysts said"): what might happen is no party's plan or threat.
SENTENCE_FLAGS = frozenset({"figurative", "speculation"})
UNREAL = frozenset({"hypothetical", "planned"})


NEGATIONS = word_set(_CUES, "negation")


def negated_before(lows: list[str], i: int) -> bool:
    return not NEGATIONS.isdisjoint(lows[max(0, i - 3) : i])


def _month_may(toks: list[Token], lows: list[str], s: int) -> bool:
    """ "May" the month ("SEOUL, May 28 -", "on 3 May"), not the modal verb."""
    if lows[s] != "may":
        return False
    nxt = lows[s + 1] if s + 1 < len(lows) else ""
    prev = lows[s - 1] if s else ""
    return nxt[:1].isdigit() or prev[:1].isdigit() or (s > 0 and toks[s].text == "May")


def find_triggers(
    toks: list[Token], lows: list[str], subject_ends: set[int] = frozenset(), blocked: set[int] = frozenset()
) -> list[Trigger]:
    """Triggers of a sentence. subject_ends: last token index of each actor that may be a subject;
    blocked: tokens inside weapon names ("attack drones" is no attack)."""
    cues: list[tuple[int, int, str, int]] = []
    flags: set[str] = set()
    for s, e, (mode, scope) in modality_matcher().find(lows):
        if e - s == 1 and _month_may(toks, lows, s):  # "May Allah grant" is a prayer, not the month
            continue
        if mode in SENTENCE_FLAGS:
            flags.add(mode)
            continue
        cues.append((s, e, mode, s))
        if scope == "sentence":
            cues.append((-1, -1, mode, s))
    cues.sort()
    cue_starts = [c[0] for c in cues]
    out = []
    for s, e, defs in trigger_matcher().find(lows):
        if blocked and not blocked.isdisjoint(range(s, e)):
            continue
        # a split phrase whose last word follows ("left eight people dead") beats the plain verb ("left")
        closed = [x for x in defs if x is not NO_EVENT and x.closer and _closed(lows, e, x.closer)]
        d = closed[0] if closed else _reading(defs, lows, s, subject_ends)
        if d is None or d is NO_EVENT or (d.closer and not _closed(lows, e, d.closer)):
            continue
        t = Trigger(s, e, d)
        if d.pos == "verb":
            t.passive = _is_passive(lows, s, e)
            if t.passive and t.has("active"):
                continue
        t.factuality = _factuality(lows, s, cues, cue_starts)
        if t.has("promise") and t.factuality is None:
            t.factuality = "planned"
        if flags:
            t.factuality = _flagged(t, flags)
        out.append(t)
    return out


def _flagged(t: Trigger, flags: set[str]) -> str | None:
    """An onlooker's guess about what might happen is no event; a war word in a sport or economy
    sentence is a metaphor ("figurative", dropped in build unless the sentence counts victims)."""
    if "speculation" in flags and t.factuality in UNREAL:
        return "speculated"
    if "figurative" in flags and t.factuality in (None, *UNREAL) and t.event_type == "ASSAULT":
        return "figurative"
    return t.factuality


def _closed(lows: list[str], e: int, closer: frozenset[str]) -> bool:
    """The last word of a split phrase follows within its clause ("holds [the army] responsible")."""
    for k in range(e, min(len(lows), e + 8)):
        if lows[k] in closer:
            return True
        if lows[k] in CLAUSE_BREAK:
            return False
    return False
