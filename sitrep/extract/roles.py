"""Stage: roles. Who acts (actor1) and who is acted upon (actor2) for one trigger.

Active verb: actor1 is the nearest actor before the verb in its clause, actor2 the first after it
(for transfers the recipient after "to"/"for" wins: "sent shells to Russia", else the object:
"supplied North Korea with technology"). Passive verb: actor1 is the agent after "by" or in the
attack phrase that follows ("set afire in Ukraine's drone attacks"), actor2 the subject. Noun trigger:
actor1 is the actor just before it ("Russian attacks"), actor2 the one after "on"/"against".
Symmetric events (AGREE, CONSULT, COOPERATE) with a coordinated subject ("Ukraine and the United States
signed") take the two conjuncts.

This module owns actor1 and actor2 (decide.py): besides the sentence's own roles it fills them from the
victims counted, from discourse context (the paragraph's attacker, the state a "junta" governs), from a
summary an event is part of, from a merged sentence, and names the state an unclaimed attack targets.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import replace
from functools import cache
from typing import TYPE_CHECKING

from sitrep.extract.actors import AGENT_KINDS, ARMED_TYPES, LOCAL, NAMED, Actor, counted
from sitrep.extract.candidate import Candidate
from sitrep.extract.decide import Span, decide, span, words_of
from sitrep.extract.gazetteer import gazetteer
from sitrep.extract.homes import RULE_FOCUS_COUNTRY, home_code, single_focus
from sitrep.extract.lexicon import read_tsv, word_set
from sitrep.extract.locate import PLACE_EVENTS
from sitrep.extract.numbers import weapon_matcher
from sitrep.extract.sentence import Analysis, actor_starts
from sitrep.extract.spans import marks
from sitrep.extract.triggers import BE_AUX, Trigger, verb_form
from sitrep.extract.verbal import VERBAL, VISIT_MODES, clause_after_that, content_start

if TYPE_CHECKING:
    from sitrep.extract.build import Context

SYMMETRIC = frozenset({"AGREE", "CONSULT", "COOPERATE"})
# Word groups of lexicons/role_cues.tsv (what each group means is in its header).
_CUES = "lexicons/role_cues.tsv"
_PLACE_CUES = "lexicons/place_cues.tsv"
HARD_BREAK = word_set(_CUES, "hard_break")
TARGET_PREPS = word_set(_CUES, "target_prep")
RECIPIENT_PREPS = word_set(_CUES, "recipient_prep")
_ARTICLES = word_set(_CUES, "article")
NOT_ACTORS = frozenset({"weapon_origin"})


def _usable(a: Actor) -> bool:
    return a.kind not in NOT_ACTORS and (a.code is not None or a.type is not None)


def _is_source(an: Analysis, a: Actor) -> bool:
    """An actor followed by a speech verb ("..., South Korea's military said") reports, not acts; so
    does one that only qualifies a speaker ("the Gaza civil defence agency said")."""
    lows = an.sent.lows
    for k in range(a.end, min(len(lows), a.end + 4)):
        if lows[k] in SPEECH:
            return True
        if not lows[k].isalpha() or lows[k] in NOT_SPEAKER_WORDS:
            return False
    return False


SPEECH = word_set(_CUES, "speech")
_LABEL_KINDS = frozenset(("country", "capital"))  # "Burkina Faso: Captain Traore met ...": a place label
PRONOUNS = word_set(_CUES, "pronoun")
POSSESSIVES = word_set(_CUES, "possessive")
# words that cannot stand inside a speaker's name between its qualifier and "said"
NOT_SPEAKER_WORDS = word_set(_CUES, "not_speaker")


def _left(an: Analysis, t: Trigger) -> list[Actor]:
    """Actors before the trigger in its clause. Speakers ("X said that ...") are sources, not
    participants, unless a pronoun right after the speech verb points back at them ("X says it will")."""
    lows = an.sent.lows
    start = 0
    for k in range(t.start - 1, -1, -1):
        if (lows[k] in HARD_BREAK and not _own_means_after(lows, k)) or (
            lows[k] == ":" and _speaker_label(an, k)
        ):
            start = k + 1
            break
    speech = next((k for k in range(t.start - 1, start - 1, -1) if lows[k] in SPEECH and k != t.start), None)
    if speech is not None:
        if lows[speech] in CLAIMS and _claimed(lows, speech, t):
            # "JNIM claimed the attack", "IS claimed responsibility for the bombing": the claimant acted
            return [a for a in an.actors if start <= a.start and a.end <= speech and _usable(a)]
        nxt = _speaker_word(an, speech, t.start)
        if nxt < len(lows) and lows[nxt] in POSSESSIVES:
            # "the army said its drones killed 20", "police said their officers killed six": the speaker
            # reports what its own forces did, so it is the actor
            speakers = [a for a in an.actors if start <= a.start and a.end <= speech and _usable(a)]
            if speakers:
                return speakers
        after = [a for a in an.actors if speech < a.start and a.end <= t.start and _usable(a)]
        if after:
            return after
        if nxt < len(lows) and lows[nxt] in PRONOUNS:
            return [a for a in an.actors if start <= a.start and a.end <= speech and _usable(a)]
        return []
    return [a for a in an.actors if start <= a.start and a.end <= t.start and _usable(a)]


def _speaker_label(an: Analysis, colon: int) -> bool:
    """An actor right before a colon labels who speaks ("Regional governor: a glide bomb struck"); a
    country or capital labels where ("Burkina Faso: Captain Traore met ...") and may act."""
    return any(a.end == colon and a.kind not in _LABEL_KINDS for a in _actors_before(an, colon))


_BEFORE_REACH = 12  # tokens before a position where the actors that end near it start


def _actors_before(an: Analysis, pos: int) -> list[Actor]:
    """The actors starting in the few tokens before `pos` (one slice of the text-ordered actors, so a long
    sentence of many triggers is not scanned whole for each)."""
    starts = actor_starts(an)
    return an.actors[bisect_left(starts, pos - _BEFORE_REACH) : bisect_left(starts, pos)]


def _own_means_after(lows: list[str], k: int) -> bool:
    """A break word followed by a possessive and a weapon ("committed a massacre when its drones
    targeted the market") goes on with the same subject: the clause before owns the means."""
    return (
        k + 2 < len(lows)
        and lows[k + 1] in POSSESSIVES
        and weapon_matcher().match_at(lows, k + 2) is not None
    )


CLAIMS = word_set(_CUES, "claim")
RULE_CLAIMED = "actors.claimed"  # "JNIM claimed the attack": the attack's actor1


def _claimed(lows: list[str], speech: int, t: Trigger) -> bool:
    """The trigger is what the claim verb claims: right after it, or after "responsibility for"."""
    k = speech + 1
    if k < len(lows) and lows[k] == "responsibility":
        k += 1
        if k < len(lows) and lows[k] in ("for", "of"):
            k += 1
    while k < t.start and lows[k] in _ARTICLES:
        k += 1
    return k == t.start


def claimant(an: Analysis, gap: int = 4) -> Actor | None:
    """The group a claim sentence names as the author of an attack told before ("JNIM claimed the
    attack the following day", "The Islamic State later claimed responsibility in a statement"): the
    actor at most `gap` words before a claim verb whose object is responsibility or an attack, an armed
    group first ("The Islamic State's Iraq branch claimed": not Iraq)."""
    lows = an.sent.lows
    attack_starts = {o.start for o in an.triggers if o.event_type == "ASSAULT"}
    for k, w in enumerate(lows):
        if w not in CLAIMS:
            continue
        j = k + 1
        while j < len(lows) and lows[j] in _ARTICLES:
            j += 1
        if not (j < len(lows) and (lows[j] == "responsibility" or j in attack_starts)):
            continue
        if not _NO_CLAIM.isdisjoint(lows[max(0, k - 3) : k]):
            continue  # "no group has claimed the attack"
        before = [a for a in an.actors if a.end <= k and k - a.end <= gap and _usable(a)]
        armed = [a for a in before if a.type in ARMED_TYPES]  # "the Islamic State's Iraq branch": the group
        if before:
            return (armed or before)[-1]
    return None


def _unnamed(a: Actor) -> bool:
    """An armed actor the text does not name ("militants stormed", "gunmen"): a later claim names it."""
    return a.kind in AGENT_KINDS and a.type == "rebels"  # a local group's code is only its place's


RULE_SPEAKER_PRONOUN = "actors.speaker_pronoun"  # "Chad's army said on Friday it had repelled": the army
SPEAKER_GAP = 6  # words of an adjunct ("on Friday", "late on Sunday") between the speech verb and "it"


def claimed(cands: list[Candidate], an: Analysis) -> bool:
    """ "JNIM claimed the attack", "The BLA claimed responsibility": the claimant is the author of the
    unclaimed attack just told in the same entry or paragraph (rule actors.claimed); the claim's own
    mention of "the attack" is then no second event (the caller drops it)."""
    if not cands:
        return False
    c = cands[-1]
    sent = an.sent
    same = c.entry == sent.entry and (sent.entry != 0 or sent.paragraph - c.paragraph <= 1)
    named = c.actor1 is not None and not c.actor1_from_context and not _unnamed(c.actor1)
    if not same or c.event_type != "ASSAULT" or named:
        return False
    who = claimant(an)
    if who is None:
        return False
    decide(c, "actor1", (who, False), RULE_CLAIMED, _actor_words(an, who))
    return True


def _speaker_word(an: Analysis, speech: int, before: int) -> int:
    """Where a pronoun standing for the speaker would be: right after the speech verb (past "that"), or
    after a short adjunct that names no actor ("said on Friday it had repelled", "said in a statement
    that its troops"). Returns the index to test, the word after the verb when there is none."""
    lows = an.sent.lows
    first = speech + 1 + (1 if speech + 1 < len(lows) and lows[speech + 1] == "that" else 0)
    starts = {a.start for a in an.actors}
    for k in range(speech + 1, min(before, speech + 1 + SPEAKER_GAP)):
        if k in starts or lows[k] in HARD_BREAK:
            break
        if lows[k] in PRONOUNS:  # a possessive counts only right after the verb ("said its forces")
            return k
    return first


def _right(an: Analysis, t: Trigger, limit: int = 14) -> list[Actor]:
    lows = an.sent.lows
    end = len(lows)
    for k in range(t.end, min(len(lows), t.end + limit)):
        if lows[k] in HARD_BREAK:
            end = k
            break
    else:
        end = min(len(lows), t.end + limit)
    starts = actor_starts(an)  # actors are in text order: the window's actors are one slice
    window = an.actors[bisect_left(starts, t.end) : bisect_left(starts, end)]
    return [
        a
        for a in window
        if _usable(a)
        and not _is_source(an, a)
        and not _place_qualifier(an, a)
        and not _possessor(an, a, window)
    ]


def _prep_before(an: Analysis, a: Actor) -> str:
    """The word that governs an actor, past articles and a count ("sanctions on 25 Russian officials")."""
    lows = an.sent.lows
    k = a.start - 1
    while k >= 0 and (lows[k] in _ARTICLES or lows[k][:1].isdigit()):
        k -= 1
    return lows[k] if k >= 0 else ""


QUANTITY_HEADS = word_set(_CUES, "quantity_head")
MEMBER_HEADS = word_set(_CUES, "member_head")
_OTHER_SIDE = word_set(
    _CUES, "other_side"
)  # "clashed with Z", "fought against Z": Z is the other side  # "gunmen of the Sinaloa Cartel": the group acts
RULE_MEMBERS_OF = "actors.members_of"  # "members of the 400 Mawozo gang kidnapped": the gang


def _governing_prep(an: Analysis, a: Actor) -> str:
    """The preposition before an actor, or before its member head ("clashed with gunmen of the X": with)."""
    prep = _prep_before(an, a)
    lows = an.sent.lows
    if prep in ("of", "from") and _head_before_of(lows, a) in MEMBER_HEADS:
        k = a.start - 1
        while k >= 0 and lows[k] in _ARTICLES:
            k -= 1
        k -= 2  # past "of" and the head
        while k >= 0 and (lows[k] in _ARTICLES or lows[k][:1].isdigit()):
            k -= 1
        return lows[k] if k >= 0 else ""
    return prep


def _head_before_of(lows: list[str], a: Actor) -> str:
    """The word before the "of" that governs an actor, past articles ("members of the X gang": members)."""
    k = a.start - 1
    while k >= 0 and lows[k] in _ARTICLES:
        k -= 1
    return lows[k - 1] if k >= 1 and lows[k] in ("of", "from") else ""


def _patient(lows: list[str], a: Actor) -> bool:
    """The actor is the subject of a passive verb right after it ("soldiers were killed")."""
    k = a.end
    return k + 1 < len(lows) and lows[k] in BE_AUX and verb_form(lows[k + 1]) == "past"


_NOT_SUBJECT_PREPS = word_set(_CUES, "not_subject_prep")  # "to Ukraine", "with Russia"
_OBJECT_PARTICIPLES = word_set(_CUES, "object_participle")  # "a school sheltering displaced families"


def _subject(left: list[Actor], an: Analysis) -> Actor | None:
    """The nearest actor before the verb; in a coordination "X and Y", X. Actors inside a
    prepositional phrase ("to Ukraine", "with Russia") are not subjects, but "hundreds of
    protesters" is."""
    lows = an.sent.lows

    def ok(a: Actor) -> bool:
        prep = _prep_before(an, a)
        if prep in ("of", "from"):
            head = _head_before_of(lows, a)
            return (
                head in QUANTITY_HEADS or head in MEMBER_HEADS or head[:1].isdigit() or _owned_means(lows, a)
            )
        if (a.kind == "generic" or a.kind in AGENT_KINDS) and _patient(lows, a):
            return False  # "two soldiers were killed when their vehicle struck a mine": no attacker
        if _place_qualifier(an, a) or (a.kind in AGENT_KINDS and _after_qualified_prep(lows, a)):
            return False
        if any(w in _OBJECT_PARTICIPLES for w in lows[max(0, a.start - 2) : a.start]):
            return False  # "a strike on a school sheltering displaced families killed 12"
        return prep not in _NOT_SUBJECT_PREPS

    cands = [a for a in left if ok(a)]
    if not cands:
        return None
    idx = left.index(cands[-1])
    while idx > 0 and _coordinated(an, left[idx - 1], left[idx]):
        idx -= 1  # "Mali, Burkina Faso and Niger agreed": the first of the list
    return left[idx]


# Nouns of a place a state's name or demonym may qualify ("the southern Ukrainian city of Kherson",
# "Pakistan's southwestern Balochistan province"), and the words that may stand between them.
_PLACE_NOUNS = (
    word_set(_PLACE_CUES, "settlement_head")
    | word_set(_PLACE_CUES, "region")
    | word_set(_PLACE_CUES, "division_level")
    | word_set(_CUES, "place_noun")
)
_PLACE_SKIPPABLE = word_set(_PLACE_CUES, "skippable")
_QUALIFIER_SPAN = 4  # words looked at after the state's name: "'s", adjectives, a proper name, the noun


def _place_qualifier(an: Analysis, a: Actor) -> bool:
    """A state's name or demonym with no role that only qualifies a place ("the southern Ukrainian city of
    Kherson", "the Italian port city of Bari", "Pakistan's southwestern Balochistan province", "above
    Haiti's capital", "the border with Congo") says where, not who: it is neither subject nor object."""
    if a.kind not in ("country", "demonym") or a.type is not None:
        return False
    toks, lows = an.sent.tokens, an.sent.lows
    k = a.start - 1
    while k >= 0 and lows[k] in _ARTICLES:
        k -= 1
    if k >= 1 and lows[k] in ("with", "of") and lows[k - 1] in _PLACE_NOUNS:
        return True  # "near the border with Congo", "the outskirts of Mali's capital"
    for k in range(a.end, min(len(lows), a.end + _QUALIFIER_SPAN)):
        if lows[k] in _PLACE_NOUNS:
            return True
        if not (lows[k] == "'s" or lows[k] in _PLACE_SKIPPABLE or (toks[k].is_cap and lows[k].isalpha())):
            return False
    return False


_POSSESSOR_GAP = 3  # words between "X's" and the actor it owns ("Sudan's paramilitary Rapid Support Forces")


def _possessor(an: Analysis, a: Actor, actors: list[Actor]) -> bool:
    """A state named only as the owner of the next actor ("by Sudan's paramilitary Rapid Support Forces",
    "by Russia's Wagner group") is not the party: the actor it owns is."""
    lows = an.sent.lows
    if (
        a.kind not in ("country", "demonym")
        or a.type is not None
        or a.end >= len(lows)
        or lows[a.end] != "'s"
    ):
        return False
    k = a.end + 1
    return any(
        o.start >= k and o.start - k <= _POSSESSOR_GAP and all(w.isalpha() for w in lows[k : o.start])
        for o in actors
        if o is not a
    )


def _after_qualified_prep(lows: list[str], a: Actor) -> bool:
    """An actor after a preposition and a participle that qualifies it ("a tent camp for displaced people",
    "on wounded soldiers") is inside that phrase, no subject."""
    k = a.start - 1
    while k >= 0 and lows[k] in _ARTICLES:
        k -= 1
    if k < 1 or not (lows[k].isalpha() and lows[k].endswith("ed")):
        return False
    k -= 1
    while k >= 0 and lows[k] in _ARTICLES:
        k -= 1
    return k >= 0 and lows[k] in _NOT_SUBJECT_PREPS


@cache
def owner_heads() -> frozenset[str]:
    return frozenset(r["word"] for r in read_tsv("lexicons/owner_heads.tsv"))


def _owned_means(lows: list[str], a: Actor) -> bool:
    """ "Aircraft of the military council bombed", "fighter jets of the junta's air force": the
    means or units before "of" belong to the actor after it, who acts through them."""
    k = a.start - 1
    while k >= 0 and lows[k] in _ARTICLES:
        k -= 1
    return k >= 1 and lows[k] == "of" and lows[k - 1] in owner_heads()


def _coordinated(an: Analysis, first: Actor, second: Actor) -> bool:
    """ "X and Y", "X and allied Y", "X, Y and Z": the second actor is a co-actor of the first, not a
    target. A comma alone joins them only when an "and" ends the list."""
    lows = an.sent.lows
    between = lows[first.end : second.start]
    if between == [","]:
        return second.end < len(lows) and lows[second.end] in (",", "and")
    return 0 < len(between) <= 3 and between[0] == "and" and all(w.isalpha() for w in between)


def _mutual(t: Trigger) -> bool:
    """Both conjuncts of the subject take part, each with the other ("X and Y signed", "clashed")."""
    return t.event_type in SYMMETRIC or t.has("reciprocal") or t.has("mutual")


def assign(an: Analysis, t: Trigger) -> tuple[Actor | None, str, Actor | None, str]:
    """(actor1, its rule id, actor2, its rule id) of a trigger, from its sentence alone."""
    left, right = _left(an, t), _right(an, t)
    a1 = a2 = None
    r1 = r2 = "actors.none_named"
    if t.d.pos != "verb":
        # a generic state noun modifies a noun trigger only right before it ("army shelling")
        near = [a for a in left if t.start - a.end <= 4 and (a.kind != "generic" or a.end == t.start)]
        a1, r1 = (near[-1], "actors.noun_modifier") if near else (None, r1)
        by = [a for a in right if _governing_prep(an, a) == "by"]
        if by:
            a1, r1 = by[0], "actors.noun_by_agent"
        tgt = [a for a in right if _prep_before(an, a) in TARGET_PREPS]
        a2, r2 = (tgt[0], "actors.noun_target") if tgt else (None, r2)
        if a1 is None:
            a1, r1 = _subject(left, an), "actors.subject"
        elif a2 is None and _mutual(t) and a1 in left:
            idx = left.index(a1)  # "Ukrainian and Polish border guards began joint patrols"
            if idx > 0 and _coordinated(an, left[idx - 1], a1):
                a1, a2 = left[idx - 1], a1
                r1 = r2 = "actors.coordinated_pair"
    elif t.passive:
        by = [a for a in right if _governing_prep(an, a) == "by"]
        agent, r1 = (by[0], "actors.passive_agent") if by else (None, r1)
        if agent is None:  # "set afire in Ukraine's drone attacks", "killed in a Russian strike"
            agent = next(
                (a for a in right if a.code and _prep_before(an, a) not in TARGET_PREPS | {"to"}), None
            )
            r1 = "actors.passive_attack_phrase"
        if agent is None and t.event_type == "ASSAULT":  # "were killed in a clash with army troops"
            agent, r1 = _clash_partner(an, right), RULE_CLASH_PARTNER
        a1 = agent
        # not an actor inside a phrase before the verb ("a man accused of spying for Russia was arrested")
        subj = [a for a in left if _prep_before(an, a) not in _NOT_SUBJECT_PREPS | {"by"}]
        a2, r2 = (subj[-1], "actors.passive_subject") if subj else (None, r2)
        if a2 is not None and a2.kind == "person" and t.event_type == "AGREE":  # "Signed by Presidents ..."
            a2, r2 = None, "actors.signed_by_persons"
    else:
        a1 = _active_subject(an, t, left, right)
        # after the verb only as the agent of a gerund read as a noun phrase ("Shelling by the RSF killed 11")
        r1 = "actors.gerund_by_agent" if a1 is not None and a1.start > t.start else "actors.subject"
        if t.event_type == "AID":
            rec = [a for a in right if _prep_before(an, a) in RECIPIENT_PREPS]
            a2 = rec[0] if rec else (right[0] if right and right[0].start == t.end else None)
            r2 = "actors.aid_recipient" if rec else "actors.object"
            if a2 is None and right:
                a2 = right[0]
        elif right:
            a2, r2 = right[0], "actors.object"
        # "X and Y clashed": each the other's; "X and Y clashed with Z": Z is the other side
        if _mutual(t) and a1 is not None and (a2 is None or _governing_prep(an, a2) not in _OTHER_SIDE):
            idx = left.index(a1) if a1 in left else -1
            if 0 <= idx < len(left) - 1 and _coordinated(an, a1, left[idx + 1]):
                a2, r2 = left[idx + 1], "actors.coordinated_pair"
    pair = _between_pair(an, t) if t.has("reciprocal") else None
    if pair is not None:  # "clashes between SSPDF troops and White Army youth": each side the other's
        (a1, a2), r1, r2 = pair, RULE_BETWEEN_PAIR, RULE_BETWEEN_PAIR
    elif t.has("defend"):
        a1, r1, a2, r2 = _repelled(an, t, left, right, a1, a2)
    elif t.has("undergo") and a1 is not None and _next_to_verb(an.sent.lows, a1, t):
        # "two soldiers died in an attack by JNIM": the subject is the victim, the agent after "by" attacked
        by = next((a for a in right if _governing_prep(an, a) == "by"), None)
        if by is None:  # "died of wounds sustained in Thursday's Israeli airstrike on an army post"
            by = next((a for a in right if a.code and _prep_before(an, a) not in TARGET_PREPS | {"to"}), None)
        a1, r1, a2, r2 = by, RULE_UNDERGONE_BY, a1, RULE_UNDERGONE
    if a1 is not None and _reduced_passive(an, t, a1):
        # "8 militants killed (army claim)": the people counted were killed, they did not kill
        a1, r1 = None, RULE_COUNTED_VICTIMS
        if a2 is None:
            a2, r2 = left[-1] if left else None, RULE_COUNTED_VICTIMS
    if t.event_type in VERBAL:
        before = a2
        a2 = _addressee(an, t, a1, a2, left, right)
        if a2 is not before:
            r2 = "actors.addressee"
    if a1 is not None and a2 is not None and a1.code == a2.code and a1.type == a2.type and _one_group(a1, a2):
        a2, r2 = None, "actors.not_self"
    if a1 is None:
        r1 = "actors.none_named"
    elif r1 == "actors.subject":
        r1 = _subject_rule(an, t, a1)
    if a2 is None and r2 not in ("actors.not_self", "actors.signed_by_persons", "actors.addressee"):
        r2 = "actors.none_named"
    return a1, r1, a2, r2


RULE_CLASH_PARTNER = "actors.passive_clash_partner"
RULE_BETWEEN_PAIR = "actors.between_pair"
_BETWEEN_GAP = 8  # words from a mutual trigger to "between" ("fighting broke out on Saturday between")
_CLAUSE_ENDS = frozenset((".", ";", ":"))
_PAIR_GAP = 3  # words before each side ("between the army and the Radaa Forces")


def _between_pair(an: Analysis, t: Trigger) -> tuple[Actor, Actor] | None:
    """The two sides of a mutual event named after "between" ("clashes between herders and farmers",
    "fighting broke out on Saturday between SSPDF troops and White Army youth"): the first actor after it
    and the one after the next "and", in the same clause."""
    lows = an.sent.lows
    stop = min(len(lows), t.end + _BETWEEN_GAP)
    k = next((m for m in range(t.end, stop) if lows[m] == "between" or lows[m] in _CLAUSE_ENDS), None)
    if k is None or lows[k] != "between":
        return None
    after = [a for a in an.actors if a.start > k and _usable(a)]
    if len(after) < 2 or after[0].start - k > _PAIR_GAP:
        return None
    first, second = after[0], after[1]
    joint = lows[first.end : second.start]
    if not joint or joint[0] != "and" or len(joint) > _PAIR_GAP:
        return None  # "fighting between the two groups killed 600 civilians": no pair named
    if LOCAL in (first.kind, second.kind):
        return None  # "Clash between FADM and NSAG": a group named by its noun alone proves no second side
    return first, second


RULE_REPELLED_ATTACKER = "actors.repelled_attacker"
RULE_UNDERGONE = "actors.undergone_by_subject"
RULE_UNDERGONE_BY = "actors.undergone_agent"
RULE_REPELLED_DEFENDER = "actors.repelled_defender"


_UNDERGO_GAP = 2  # words between a suffering subject and its verb ("soldiers have since died")


def _next_to_verb(lows: list[str], a: Actor, t: Trigger) -> bool:
    """The actor is the verb's own subject, not the qualifier of an attack noun before it ("the toll from
    Thursday's junta airstrike rose as two more died"): at most two plain words between them."""
    gap = lows[a.end : t.start]
    return (
        a.end <= t.start
        and len(gap) <= _UNDERGO_GAP
        and all(w.isalpha() and w not in _NOT_SUBJECT_PREPS for w in gap)
    )


def _repelled(
    an: Analysis, t: Trigger, left: list[Actor], right: list[Actor], a1: Actor | None, a2: Actor | None
) -> tuple[Actor | None, str, Actor | None, str]:
    """A defence verb ("troops repelled an attack by ISWAP", "an al-Shabaab assault on a base was repelled
    by troops"): the side that attacked is actor1, the defender actor2, as ACLED codes the attack. The
    attacker is the first actor of the attack's phrase that is not its target ("on the army base")."""
    not_target = TARGET_PREPS | _NOT_SUBJECT_PREPS
    if t.passive:
        defender = a1  # the agent after "by"
        attacker = next((a for a in left if _prep_before(an, a) not in not_target | {"by"}), None)
    else:
        defender = a1
        attacker = next((a for a in right if _prep_before(an, a) not in TARGET_PREPS), None)
    r1 = RULE_REPELLED_ATTACKER if attacker is not None else "actors.none_named"
    r2 = RULE_REPELLED_DEFENDER if defender is not None else "actors.none_named"
    return attacker, r1, defender, r2


def _clash_partner(an: Analysis, right: list[Actor]) -> Actor | None:
    """The armed side after "with"/"against" in the phrase after a passive casualty verb ("nine members of
    the group were killed in a clash with Army troops", "two soldiers were injured in a gunfight with
    militants"): it fought the victims. Not people "along with" them, nor civilians."""
    lows = an.sent.lows
    for a in right:
        k = a.start - 1  # the preposition, past articles and a few words that qualify the actor ("tribal")
        while k >= 0 and a.start - k <= _CLASH_GAP and lows[k] not in _OTHER_SIDE and lows[k].isalpha():
            k -= 1
        if (
            k >= 0
            and lows[k] in _OTHER_SIDE
            and a.type not in LOCAL_TYPES
            and not (k > 0 and lows[k - 1] == "along")
        ):
            return a
    return None


_CLASH_GAP = 3  # words between "with" and the actor ("with the tribal fighters")


def _one_group(a: Actor, b: Actor) -> bool:
    """Two groups named differently ("Degodia clan militia", "Garre clan militia") are two sides."""
    return not (a.kind in GROUP_KINDS and b.kind in GROUP_KINDS and not same_group_name(a.name, b.name))


RULE_COUNTED_VICTIMS = "actors.counted_victims"
_AFTER_REDUCED = word_set(_CUES, "after_reduced")  # "9 militants killed in", "... killed."


def _reduced_passive(an: Analysis, t: Trigger, a: Actor) -> bool:
    """ "8 militants killed (army claim)", "three soldiers killed in an ambush": a counted bare noun right
    before a casualty verb's past participle with no object is what the verb was done to ("200 residents
    protested in Basra" is a crowd that acted)."""
    lows = an.sent.lows
    if a.kind not in AGENT_KINDS or a.end != t.start or a.start == 0 or not counted(lows[a.start - 1]):
        return False
    if t.d.pos != "verb" or t.passive or not t.has("casualty") or verb_form(lows[t.start]) != "past":
        return False
    return t.end >= len(lows) or lows[t.end] in _AFTER_REDUCED


def _subject_rule(an: Analysis, t: Trigger, a1: Actor) -> str:
    """Which subject rule found actor1: a member head before it ("gunmen of the X cartel"), a claim
    ("X claimed the attack"), a pronoun after the speech verb ("X said on Friday it had"), or the plain
    subject."""
    lows = an.sent.lows
    if _head_before_of(lows, a1) in MEMBER_HEADS:
        return RULE_MEMBERS_OF
    speech = next((k for k in range(a1.end, t.start) if lows[k] in SPEECH), None)
    if speech is None:
        return "actors.subject"
    if lows[speech] in CLAIMS and _claimed(lows, speech, t):
        return RULE_CLAIMED
    k = _speaker_word(an, speech, t.start)
    return RULE_SPEAKER_PRONOUN if k < t.start and lows[k] in PRONOUNS else "actors.subject"


def _actor_words(an: Analysis, a: Actor | None) -> Span:
    return span(an, a.start, a.end) if a is not None else None


def decide_actors(c: Candidate, an: Analysis, t: Trigger) -> None:
    """actor1 and actor2 of a new candidate, as its sentence names them."""
    a1, r1, a2, r2 = assign(an, t)
    words1 = _actor_words(an, a1)
    if a1 is None and t.passive and c.event_type in AGENTLESS_STATE_ACTS:
        # "three officers were arrested in Bobo-Dioulasso": by that state (its country: _home_state)
        a1, r1, words1 = AUTHORITIES, RULE_AGENTLESS_ARREST, span(an, t.start, t.end)
    if a1 is None and a2 is not None and c.event_type == "ASSAULT" and _owns_projectile(an, t, a2):
        # "air defences destroyed 34 Ukrainian drones": the drones' state attacked (ACLED's disrupted
        # weapons use); the state defended is the place's (target_state)
        a1, r1, words1, a2 = a2, RULE_WEAPON_OWNER, _actor_words(an, a2), None
    decide(c, "actor1", (a1, False), r1, words1)
    decide(c, "actor2", a2, r2, _actor_words(an, a2))


RULE_WEAPON_OWNER = "actors.weapon_owner"
_DISRUPT_LEMMAS = word_set(_CUES, "disrupt_verb")  # "destroyed 34 drones": besides the intercept triggers
_PROJECTILES = word_set(_CUES, "projectile")  # weapons.tsv classes of what is shot down ("drone", "missile")


def _owns_projectile(an: Analysis, t: Trigger, a: Actor) -> bool:
    """An interception's object is a state's projectiles: a demonym or state name with no role, right
    before a projectile ("intercepted 12 Pakistani drones")."""
    if not (t.has("intercept") or t.d.lemma in _DISRUPT_LEMMAS) or a.type is not None or a.code is None:
        return False
    m = weapon_matcher().match_at(an.sent.lows, a.end)
    return m is not None and m[1][0] in _PROJECTILES


# A passive arrest without an agent was made by the state where it happened; its country is found as a
# generic state actor's (homes.py), else the arrest keeps no actor.
AGENTLESS_STATE_ACTS = frozenset({"COERCE"})
AUTHORITIES = Actor(-1, -1, "authorities", None, "government", "generic")
RULE_AGENTLESS_ARREST = "actors.agentless_arrest"


def _active_subject(an: Analysis, t: Trigger, left: list[Actor], right: list[Actor]) -> Actor | None:
    """actor1 of an active verb: the subject of the first verb of its coordination ("Seoul accused
    Pyongyang of ... and demanded": Seoul), else the agent after "by" of a gerund read as a noun phrase
    ("Shelling by the RSF killed 11"). Walked as a loop, not a recursion: a run of thousands of
    coordinated verbs ("shelled X and shelled Y and ...") must not exhaust the stack."""
    chain = [t]
    while (first := _coordinated_verb(an, chain[-1])) is not None:
        chain.append(first)
    root = chain[-1]
    a1 = _subject(left if root is t else _left(an, root), an)
    lows = an.sent.lows
    for v in reversed(chain):
        if a1 is None and v.end < len(lows) and lows[v.end] == "by":
            a1 = next(
                (a for a in (right if v is t else _right(an, v)) if _governing_prep(an, a) == "by"), None
            )
    return a1


def _coordinated_verb(an: Analysis, t: Trigger) -> Trigger | None:
    """The verb whose subject an active verb right after "and" or "but" shares ("Seoul accused
    Pyongyang of ... and demanded that ...": Seoul demanded; "did not shell Kherson but struck
    Mykolaiv"), when nothing but the conjunction breaks the clause between them."""
    lows = an.sent.lows
    k = t.start - 1
    if k < 1 or lows[k] not in ("and", "but"):
        return None
    if an.active_verbs is None:  # triggers are in text order and do not overlap: their ends rise
        verbs = [o for o in an.triggers if o.d.pos == "verb" and not o.passive]
        an.active_verbs = ([o.end for o in verbs], verbs)
    ends, verbs = an.active_verbs
    last = bisect_right(ends, k) - 1  # the last active verb ending by k
    if last < 0:
        return None
    o = verbs[last]
    return o if marks(lows).none_in(HARD_BREAK, o.end, k) else None


def _addressee(
    an: Analysis, t: Trigger, a1: Actor | None, a2: Actor | None, left: list[Actor], right: list[Actor]
) -> Actor | None:
    """Whom a verbal event addresses: an actor in the verb's own phrase, not one named in what was said
    ("accused the group of using civilians", "warned ... if they docked in Israeli ports"). "demanded
    that X stop" addresses X; "talks with X" X; "in a letter to X, Y asked" X; "protested to Pyongyang",
    "travelled to Ankara for talks", "visited Kyiv": the state of that place."""
    lows = an.sent.lows
    that = clause_after_that(an.openers, lows, t)
    if that is not None:
        return next((a for a in right if that[0] <= a.start < that[1]), None)
    cut = content_start(an.openers, t, len(lows))
    if cut == t.end < len(lows) and lows[cut] == "to" and t.event_type == "THREATEN":
        return a2  # "threatened to strike Polish territory": the threatened act's target
    if a2 is not None and a2.start >= cut:
        a2 = None
    if a2 is None and t.d.pos != "verb" and t.event_type == "CONSULT":
        a2 = next((a for a in right if a.start < cut and _prep_before(an, a) == "with"), None)
    if a2 is None:
        before = a1.start if a1 is not None else t.start
        a2 = next((a for a in left if a.end <= before and _prep_before(an, a) == "to"), None)
    if a2 is None:
        a2 = _visited_state(an, t, cut, a1)
    return a2


def _visited_state(an: Analysis, t: Trigger, cut: int, a1: Actor | None) -> Actor | None:
    """The state of a place the words went to: "protested to Pyongyang", "will travel to Pyongyang for
    talks", "visited Kyiv". None when it is the speaker's own country (a domestic visit)."""
    lows = an.sent.lows
    for p, e, _named, _o in an.resolved:
        if p.start >= cut or not e.country:
            continue
        prev = lows[p.start - 1] if p.start else ""
        to_place = prev == "to" and (p.start > t.end or t.event_type == "CONSULT")
        visited = p.start == t.end and t.d.mode in VISIT_MODES
        if (to_place or visited) and (a1 is None or a1.code != e.country):
            entry = gazetteer().countries.get(e.country)
            return Actor(-1, -1, entry.name if entry else e.country, e.country, None, "state")
    return None


# -- actors from beyond the trigger's own phrase --------------------------------------------------

LOCAL_TYPES = frozenset(
    {"civilians", "protesters", "police", "rioters"}
)  # actors without a country of their own
NON_STATE_TYPES = frozenset(("rebels", "militia"))


def victims_counted(c: Candidate, an: Analysis, rule: str = "actors.victims_counted") -> None:
    """An attack with no named target hit the victims its sentence counts ("killing 3 civilians")."""
    cas = an.casualties
    if c.actor2 is None and cas.victim_type:
        country = c.place.country if c.place else None
        victims = Actor(
            -1,
            -1,
            cas.victim_type if cas.victim_type != "state_forces" else "soldiers",
            country,
            cas.victim_type,
            "victims",
        )
        words = span(an, min(cas.used), max(cas.used) + 1) if cas.used else None
        decide(c, "actor2", victims, rule, words)


TOLL_REACH = 2  # sentences after an attack whose toll still counts for it (as tolls.toll_after reads it)


def victims_after(cands: list[Candidate], an: Analysis) -> None:
    """An attack with no named target hit the victims the toll right after it counts ("RSF shelled
    residential areas of El Fasher. 11 civilians were killed"): the sentence with no event of its own
    whose toll counts for the attack just told (tolls.toll_after) names its actor2 too."""
    if not cands:
        return
    c, sent = cands[-1], an.sent
    same = c.entry == sent.entry and (sent.entry != 0 or c.paragraph == sent.paragraph)
    if same and c.event_type == "ASSAULT" and not c.is_aggregate and sent.index - c.sentence <= TOLL_REACH:
        victims_counted(c, an, RULE_VICTIMS_AFTER)


RULE_VICTIMS_AFTER = "actors.victims_after"
_VICTIM_KINDS = frozenset(("victims", "agent", "generic"))  # people counted, not a named side


def victims_of_toll(prev: Candidate, found: list[Candidate]) -> None:
    """The toll sentence after an attack ("11 civilians were killed and 23 injured"), read as that attack's
    toll (tolls.toll_of_previous), names its actor2 when the attack names none and the dead are civilians
    (soldiers killed may be either side's: "Israeli troops clashed with Hezbollah. Two Israeli soldiers
    were killed")."""
    if prev.actor2 is not None or prev.event_type != "ASSAULT" or _reciprocal(prev):
        return  # (the dead of a clash are of its sides: target_state reads the other side)
    a1 = prev.actor1
    for c in found:
        v = c.actor2
        if v is None or v.kind not in _VICTIM_KINDS or v.type != "civilians":
            continue
        if v.code is None:  # "two soldiers were killed": of the attack's place's country
            if prev.place is None or not prev.place.country:
                continue
            v = replace(v, code=prev.place.country)
        if a1 is not None and a1.type == v.type and (a1.code is None or a1.code == v.code):
            continue
        decide(prev, "actor2", v, RULE_VICTIMS_AFTER, words_of(c, "actor2"))
        return


def receiving_country(c: Candidate, an: Analysis) -> None:
    """Aid that "arrived in Ukraine" with no recipient named goes to that country (a place read after
    "in", not a capital standing for its government)."""
    if c.actor2 is not None:
        return
    for p, e, _named, _o in an.resolved:
        if e.precision == "country" and p.in_place:
            state = Actor(-1, -1, e.name, e.country, None, "state")
            decide(c, "actor2", state, "actors.aid_received_in", span(an, p.start, p.end))
            return


def exchange_reverse(c: Candidate) -> Candidate:
    """ "X and Y exchanged prisoners": each side released the other's, one event per direction."""
    r = c.copy(split_key="reverse")
    decide(r, "actor1", (c.actor2, c.actor1_from_context), "actors.exchange_reverse", words_of(c, "actor2"))
    decide(r, "actor2", c.actor1, "actors.exchange_reverse", words_of(c, "actor1"))
    return r


def from_context(c: Candidate, ctx: Context) -> None:
    """What the paragraph or entry says of the actors: the attacker named before, the state of a
    "junta", the country of civilians, protesters and police."""
    if c.event_type == "ASSAULT" and c.actor1 is None and ctx.attacker is not None:
        if c.actor2 is None or ctx.attacker.code != c.actor2.code:
            decide(c, "actor1", (ctx.attacker, True), "actors.attacker_from_context", ctx.attacker_words)
    _home_state(c, ctx)
    # civilians, protesters and police act where they live: the place's country is theirs; words said
    # nowhere named ("the farmers demanded") are said where the document's events happen
    home = c.place.country if c.place else ctx.home if c.event_type in VERBAL else None
    rule = "actors.local_home"
    if home is None:  # no place told: the one country the document is about
        home, rule = single_focus(ctx.focus), RULE_FOCUS_COUNTRY
    if home:
        for side in ("actor1", "actor2"):
            a = getattr(c, side)
            if a is None or a.code is not None:
                continue
            if a.kind == NAMED:  # a group no lexicon lists ("OLA fighters", "Arab herders") is a local one,
                # placed by the town its event names; with a region or nothing named its home is unknown
                if c.named_place:
                    _named_home(c, side, a, home)
                continue
            if a.kind == LOCAL:  # "militants", "gang members": an armed group of the event's country
                if c.place is not None and c.place.country:  # (not the document's: groups cross borders)
                    _recode(c, side, replace(a, code=c.place.country), RULE_LOCAL_GROUP)
                elif c.place is None and rule == RULE_FOCUS_COUNTRY:
                    # no place read at all ("insurgents burned a church in Mucojo"): the one country the
                    # document is about
                    _recode(c, side, replace(a, code=home), RULE_FOCUS_COUNTRY)
                continue
            if a.type not in LOCAL_TYPES:
                continue
            if side == "actor1" and c.event_type == "ASSAULT" and a.type == "civilians" and not _crowd_act(c):
                continue  # "8 civilians killed": victims misread as the attacker stay unknown
            _recode(c, side, replace(a, code=home), rule)


CROWD_ACTS = word_set(_CUES, "crowd_act")  # "residents lynched a man": the crowd is the attacker
RULE_NAMED_HOME = "actors.named_group_home"
RULE_LOCAL_GROUP = "actors.local_group_home"
RULE_ARMED_COMMUNITY = "actors.armed_community"


@cache
def _reciprocal_phrases() -> frozenset[str]:
    return frozenset(
        r["phrase"] for r in read_tsv("lexicons/triggers.tsv") if "reciprocal" in r["flags"].split(",")
    )


def _reciprocal(c: Candidate) -> bool:
    return bool(c.trigger) and c.trigger[2] in _reciprocal_phrases()


def _crowd_act(c: Candidate) -> bool:
    return bool(c.trigger) and c.trigger[2] in CROWD_ACTS


def _named_home(c: Candidate, side: str, a: Actor, home: str) -> None:
    """A named local group takes the country of the event's place. A community that attacks ("Arab
    herders and Sara farmers clashed", "Fulani herders attacked") is an armed communal group, a militia
    (ACLED's identity militias), not the civilians its head noun names."""
    if side == "actor1" and c.event_type == "ASSAULT" and a.type == "civilians":
        _recode(c, side, replace(a, code=home, type="militia"), RULE_ARMED_COMMUNITY)
        return
    _recode(c, side, replace(a, code=home), RULE_NAMED_HOME)


def _recode(c: Candidate, side: str, a: Actor | None, rule: str) -> None:
    value = (a, c.actor1_from_context) if side == "actor1" else a
    decide(c, side, value, rule, words_of(c, side))


def _home_state(c: Candidate, ctx: Context) -> None:
    """ "The junta", "government troops", "security forces" name the state where the event happens:
    the place's country, else that of the document's last event place ("Beijing urged the junta").
    Words said abroad ("talks in Jeddah") take the document's place first."""
    here = c.place.country if c.place and c.place.country else None
    for side in ("actor1", "actor2"):
        a = getattr(c, side)
        if a is None or a.kind not in ("home", "generic") or a.code is not None:
            continue
        if a.kind == "home":  # "government forces", "the junta": the state where the event is
            code = here or ctx.home if c.event_type in PLACE_EVENTS else ctx.home or here
            rule = "actors.home_state"
        else:  # "the military", "soldiers": the state the document tells (homes.py)
            place_first = c.event_type in PLACE_EVENTS
            # a target, or an arrest (made at home), is of the place's state even in a contested document
            local = side == "actor2" or a is AUTHORITIES
            # an agentless arrest is placed by its own sentence or the document's focus, not by a place
            # taken from context (a wrong namesake there would name a foreign state)
            before, where = (
                (None, None if c.place_from_context else here) if a is AUTHORITIES else (ctx.home, here)
            )
            code, rule = home_code(a, c.sentence, where, before, place_first, ctx.focus, local)
        if code:
            _recode(c, side, replace(a, code=code), rule)
        elif a is AUTHORITIES:
            _recode(c, side, None, rule)  # no state found: the arrest keeps no actor


def crowd_victims(c: Candidate) -> None:
    """A lynching hits people: a crowd act's target is civilians of the place ("a mob beat to death a man
    suspected of informing for bandits": the man, not the bandits), unless it is a state's agent."""
    if not _crowd_act(c) or (c.actor2 is not None and c.actor2.type in STATE_TYPES) or c.place is None:
        return
    victims = Actor(-1, -1, "civilians", c.place.country, "civilians", "victims")
    decide(c, "actor2", victims, RULE_CROWD_VICTIMS, words_of(c, "place"))


STATE_TYPES = frozenset(("state_forces", "police", "government"))
RULE_CROWD_VICTIMS = "actors.crowd_victims"
RULE_PROTEST_CROWD = "actors.protest_crowd_of_place"
RULE_OTHER_SIDE_ALIKE = "actors.other_side_alike"


def target_state(c: Candidate) -> None:
    """An attack with no named target on a place of another country, or by a non-state group or an
    unclaimed one (a depot, a pipeline, a bus): the target is that state (name and code, no type), as
    for a salvo against a whole country. A protest with no named target addresses the state where it
    is held; an arrest or dispersal with none holds people of that country."""
    crowd_victims(c)
    where = words_of(c, "place")
    if c.event_type == "PROTEST" and c.actor1 is None and c.place is not None and c.place.country:
        # "About 100 relatives of the miners demonstrated in Lima", "protesters toppled a statue" (the noun
        # is the trigger): a protest is held by people of the place's country, as ACLED's "Protesters
        # (country)" codes an unnamed crowd
        crowd = Actor(-1, -1, "protesters", c.place.country, "protesters", "agent")
        decide(c, "actor1", (crowd, False), RULE_PROTEST_CROWD, where)
    if c.event_type == "PROTEST" and c.actor2 is None and c.place is not None and c.place.country:
        entry = gazetteer().countries.get(c.place.country)
        state = Actor(-1, -1, entry.name if entry else c.place.country, c.place.country, None, "state")
        decide(c, "actor2", state, "actors.protest_addresses_state", where)
        return
    if c.event_type == "COERCE" and c.actor2 is None and c.mode == "seizure":
        return  # "police defused an IED", "troops recovered rifles": no one is held
    if c.event_type == "COERCE" and c.actor2 is None and c.place is not None and c.place.country:
        # "soldiers arrested seven suspects in Bunia": the unnamed people held are of that country
        held = Actor(-1, -1, "civilians", c.place.country, "civilians", "victims")
        decide(c, "actor2", held, "actors.held_are_locals", where)
        return
    if c.event_type != "ASSAULT" or c.actor2 is not None or c.place is None:
        return
    country = c.place.country
    a1 = c.actor1
    if _reciprocal(c) and a1 is not None and a1.type in NON_STATE_TYPES:
        # "clan militias clashed", "members of two rival clans exchanged fire": the unnamed other side is
        # a group of the same kind, not the state
        other = Actor(-1, -1, a1.name, country or a1.code, a1.type, "agent")
        decide(c, "actor2", other, RULE_OTHER_SIDE_ALIKE, words_of(c, "actor1"))
        return
    # a group hitting a depot or a power station in its own country attacks that state
    if country and (c.actor1 is None or country != c.actor1.code or c.actor1.type in NON_STATE_TYPES):
        entry = gazetteer().countries.get(country)
        state = Actor(-1, -1, entry.name if entry else country, country, None, "state")
        decide(c, "actor2", state, "actors.target_state", where)


RULE_DOCUMENT_ATTACKER = "actors.document_attacker"
FIGHTING_TYPES = frozenset(("state_forces", "police", "rebels", "militia"))  # a target that fights back
_NO_CLAIM = word_set(_CUES, "no_claim")
_CLAIM_WORDS = word_set(_CUES, "claim_word")
_LEFT_WEAPONS = word_set(_CUES, "left_weapon")  # mines and unexploded ordnance: no author


def document_attacker(events: list[Candidate], analyses: list[Analysis]) -> None:
    """An attack told without its attacker ("a drone hit a bus in Marhanets") whose document names one
    side only as the author of the attacks it reports ("the Russians struck Dnipro"), before or after
    it: that side made it (tests/gold/README.md, Actors). The document's sides are the attackers it
    names, the armed targets they fought, a clash's other side and every armed group it names; with two
    (a round-up of both sides' strikes, an army operation against a gang), or with an unnamed armed
    attacker ("gunmen") only, the attack stays unknown. So does an attack on that side itself, and one
    its report calls unclaimed or of which a party is only accused ("No group claimed the attack",
    "Police blamed al-Shabaab"). Civilians read as an attacker are mostly its victims and name no side."""
    sides: list[Actor] = []
    author: Candidate | None = None
    for e in events:
        named = e.event_type == "ASSAULT" and e.actor1 is not None and not e.actor1_from_context
        if named and author is None and e.actor1.type != "civilians":
            author = e
        for a in (e.actor1, e.actor2):
            if a is not None and a.type != "civilians" and _a_side(e, a, named):
                if not any(_one_side(a, b) for b in sides):
                    sides.append(a)
        if (
            named
            and (e.actor2 is None or e.actor2.type not in FIGHTING_TYPES)
            and _clash(analyses[e.sentence])
        ):
            return  # a clash with an unread other side ("clashes between Oromo and Somali militias")
    if len(sides) != 1 or author is None or _unnamed(sides[0]) or sides[0].kind == LOCAL:
        return
    if any(not _one_side(a, sides[0]) for a in _attack_modifiers(analyses)):
        return  # "Saturday's U.S. air strikes": a second attacker named in a phrase no event carries
    side = author.actor1
    for e in events:
        if e.event_type != "ASSAULT" or e.actor1 is not None or same_side(e.actor2, side):
            continue
        if e.weapon in _LEFT_WEAPONS:
            continue  # "his tractor hit an anti-tank mine": a mine laid by nobody the report names
        if _unclaimed(analyses, e.sentence):
            continue
        decide(e, "actor1", (side, True), RULE_DOCUMENT_ATTACKER, words_of(author, "actor1"))


def _a_side(e: Candidate, a: Actor, named: bool) -> bool:
    """The actor is a party to the document's fighting: a named attacker, an armed target, an armed group
    in any event, or the party an accusation blames."""
    if a is e.actor1:
        return named or a.type in ARMED_TYPES
    if e.event_type == "ACCUSE":
        return True
    return a.type in ARMED_TYPES or (e.event_type == "ASSAULT" and a.type in FIGHTING_TYPES)


def _attack_modifiers(analyses: list[Analysis]):
    """Coded actors just before an attack noun ("U.S. air strikes", "Russian drone attacks") and armed
    actors just before an attack verb ("denied ..., saying the army had struck"), whether or not an event
    carries them."""
    for an in analyses:
        for t in an.triggers:
            if t.event_type != "ASSAULT":
                continue
            noun = t.d.pos == "noun"
            for a in _actors_before(an, t.start):
                if noun and a.code and _usable(a) and a.end <= t.start <= a.end + 4:
                    yield a
                elif not noun and a.type in FIGHTING_TYPES and _usable(a) and a.end <= t.start <= a.end + 2:
                    yield a


def _clash(an: Analysis) -> bool:
    return any(t.has("reciprocal") for t in an.triggers)


def _unclaimed(analyses: list[Analysis], sentence: int) -> bool:
    """The attack's sentence or the next one in its paragraph says nobody claimed it, or accuses a party
    of it ("..., the ministry said, blaming remnants of the former regime")."""
    here = analyses[sentence]
    for an in analyses[sentence : sentence + 2]:
        if an.sent.paragraph != here.sent.paragraph or an.sent.entry != here.sent.entry:
            break
        if any(t.event_type == "ACCUSE" for t in an.triggers):
            return True
        lows = an.sent.lows
        for k, w in enumerate(lows):
            if w in _NO_CLAIM and not _CLAIM_WORDS.isdisjoint(lows[k : k + 4]):
                return True
    return False


RULE_CLAIMED_DOCUMENT = "actors.claimed_document"


def claimed_document(events: list[Candidate], analyses: list[Analysis]) -> None:
    """A claim names the author of the attacks its document told before it by an unnamed attacker or
    none ("Gunmen attacked a church ... In Makhachkala, gunmen opened fire ... The Islamic State's
    Caucasus branch claimed responsibility"), when the document has one claimant; an attack its report
    calls unclaimed or blames on a party keeps its attacker (roles.claimed fills the attack just told)."""
    open_attacks = [
        e
        for e in events
        if e.event_type == "ASSAULT"
        and (e.actor1 is None or (_unnamed(e.actor1) and not e.actor1_from_context))
    ]
    if not open_attacks:
        return
    found: list[tuple[Actor, Analysis]] = []
    for an in analyses:
        if CLAIMS.isdisjoint(an.sent.lows):
            continue
        who = claimant(an)
        if who is not None and not any(same_side(who, a) for a, _an in found):
            found.append((who, an))
    if len(found) != 1:
        return
    who, an = found[0]
    for e in open_attacks:
        if e.sentence <= an.sent.index and not _unclaimed(analyses, e.sentence):
            decide(e, "actor1", (who, False), RULE_CLAIMED_DOCUMENT, _actor_words(an, who))


def _one_side(a: Actor, b: Actor) -> bool:
    """One side of a document's fighting: the same side, and a group is no state's forces (the RSF and
    the SAF are both of Sudan)."""
    return same_side(a, b) and (a.kind in GROUP_KINDS) == (b.kind in GROUP_KINDS)


GROUP_KINDS = frozenset(("group", NAMED))


def own_code(a: Actor) -> str | None:
    """An actor's country as evidence of who it is: a group named by its noun alone ("the insurgents") has
    only its place's code, no country of its own."""
    return None if a.kind == LOCAL else a.code


def _codes_agree(a: Actor, b: Actor) -> bool:
    """The same code; a group named by its noun alone ("the militants") also agrees with a group whose
    country is unknown ("JNIM")."""
    if {a.kind, b.kind} & {LOCAL} and any(x.code is None and x.kind in GROUP_KINDS for x in (a, b)):
        return True
    return a.code == b.code


def same_side(a: Actor | None, b: Actor | None) -> bool:
    """Two named actors that are one side: the same code, and for two armed groups the same name (the TTP
    and the BLA are both of Pakistan, yet two sides)."""
    if a is None or b is None or not _codes_agree(a, b):
        return False
    if a.kind in GROUP_KINDS and b.kind in GROUP_KINDS:
        return same_group_name(a.name, b.name)
    return True


STATE_TYPES = frozenset(("state_forces", "government"))
ARMED_GROUP_TYPES = frozenset(("rebels", "militia"))


def state_and_group(a: Actor, b: Actor) -> bool:
    """One is a state's forces or government, the other an armed group: two sides even when both carry
    the same country code (the Congolese army and CODECO)."""
    types = {a.type, b.type}
    return not types.isdisjoint(STATE_TYPES) and not types.isdisjoint(ARMED_GROUP_TYPES)


def same_group_name(a: str, b: str) -> bool:
    """Two names of one group: equal, one inside the other ("Shabaab", "al-Shabaab"), or one the initials
    of the other ("ADF", "Allied Democratic Forces")."""
    la, lb = a.casefold(), b.casefold()
    if la == lb or la in lb or lb in la:
        return True
    return _initials(a) == b or _initials(b) == a


def _initials(name: str) -> str:
    return "".join(w[0] for w in name.replace("-", " ").split() if w[:1].isupper())


def absorb(k: Candidate, c: Candidate) -> None:
    """A merged sentence names an actor the event lacks, or names in the sentence one taken from
    context, or gives a code to an actor2 without one."""
    if c.actor1 is not None and (k.actor1 is None or (k.actor1_from_context and not c.actor1_from_context)):
        decide(k, "actor1", (c.actor1, c.actor1_from_context), "actors.merged", words_of(c, "actor1"))
    # a group named by its noun alone ("militants") takes its code from the place: it does not replace a name
    coded = c.actor2 is not None and c.actor2.code and c.actor2.kind != LOCAL
    if c.actor2 is not None and (k.actor2 is None or (k.actor2.code is None and coded)):
        decide(k, "actor2", c.actor2, "actors.merged", words_of(c, "actor2"))


def from_summary(s: Candidate, p: Candidate) -> None:
    """The part of a summary was done by its attacker and hit its victims, unless it says otherwise
    ("Russian strikes ... killed seven. In Kupiansk, shelling killed three.")."""
    if p.actor1 is None and s.actor1 is not None and p.weapon not in _LEFT_WEAPONS:
        decide(p, "actor1", (s.actor1, True), "actors.from_summary", words_of(s, "actor1"))
    if p.actor2 is None and s.actor2 is not None:
        decide(p, "actor2", s.actor2, "actors.from_summary", words_of(s, "actor2"))  # the summary's victims


def restated(k: Candidate, c: Candidate, rule: str) -> None:
    """A restatement (restate.py `rule`) names an actor the event lacks, or names in its sentence an
    attacker the event took from context."""
    if c.actor1 is not None and (k.actor1 is None or (k.actor1_from_context and not c.actor1_from_context)):
        decide(k, "actor1", (c.actor1, c.actor1_from_context), rule, words_of(c, "actor1"))
    if k.actor2 is None and c.actor2 is not None:
        decide(k, "actor2", c.actor2, rule, words_of(c, "actor2"))
