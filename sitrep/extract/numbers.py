"""Stage: numbers. Counts in digits and words ("27", "4.8 million", "twenty-seven", "a dozen",
"at least 10"), casualties (killed / wounded / missing, with the victims' kind), and quantities of
weapons with interceptions ("five of the missiles and all of the UAVs were downed").
Words come from sitrep/data/lexicons/{numbers,casualties,victims,weapons}.tsv.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import cache

from sitrep.extract.lexicon import PhraseMatcher, read_tsv, tsv_matcher, word_set
from sitrep.extract.wordcache import WordCache

# Word groups of lexicons/number_cues.tsv (what each group means is in its header).
_CUES = "lexicons/number_cues.tsv"
MODIFIERS = word_set(_CUES, "modifier")
AUX = word_set(_CUES, "aux")
_A_AMOUNT = word_set(_CUES, "a_amount")  # "a dozen", "a few"
_COUNT_END = word_set(_CUES, "count_end")
_COUNT_STOP = word_set(_CUES, "count_stop")
_QUALIFIER_OPENERS = word_set(_CUES, "qualifier_opener")
_WEAPON_COUNT_STOP = word_set(_CUES, "weapon_count_stop")
_WEAPON_SITE = word_set(_CUES, "weapon_site")  # "an ammunition depot": a target, no means
_TOLL_VERBS = word_set(_CUES, "toll_verb")
_ADDITION_AFTER = word_set(_CUES, "addition_after")  # "three more people died"
_ADDITION_BEFORE = word_set(_CUES, "addition_before")  # "another nine civilians were killed"
_PART_OF = word_set(_CUES, "part_of")
_TOLD_GROUPS = word_set(_CUES, "told_group")
_ORDINALS = word_set(_CUES, "ordinal")  # "a third man died": one more
_GROUP_OPENERS = word_set(_CUES, "group_opener")  # "of the wounded", "among the injured"
_CAUSE_OPENERS = word_set(
    _CUES, "cause_opener"
)  # "after the death of", "over the killing of"  # "two of the wounded": people counted before
_POSSESSIVES = word_set(
    _CUES, "possessive"
)  # "killing a woman and her two children"  # "killing 6 of them", "killed 30 of the attackers"


@dataclass(frozen=True, slots=True)
class Num:
    start: int
    end: int
    value: float
    approx: bool = False


@cache
def number_words() -> dict[str, tuple[float, str]]:
    return {r["word"]: (float(r["value"]), r["kind"]) for r in read_tsv("lexicons/numbers.tsv")}


@dataclass(frozen=True, slots=True)
class CasualtyWord:
    field: str  # fatalities | injuries | missing
    side: str  # where its count stands: left | right | both
    person: (
        bool  # a count after it counts people only when a person noun follows ("neutralised 12 militants")
    )


@cache
def casualty_matcher() -> PhraseMatcher:
    """Casualty words and phrases ("killed", "gunned down", "hacked to death") with what they count."""
    return tsv_matcher(
        "lexicons/casualties.tsv",
        "word",
        lambda r: CasualtyWord(r["field"], r["side"], r.get("needs") == "person"),
    )


@cache
def victim_words() -> dict[str, str]:
    """Person nouns -> the actor type they imply ("" when they imply none: "suspects", "bandits")."""
    return {r["word"]: r["actor_type"] for r in read_tsv("lexicons/victims.tsv")}


@cache
def one_victim_words() -> frozenset[str]:
    """Person nouns in the singular: "the driver died" counts one."""
    return frozenset(r["word"] for r in read_tsv("lexicons/victims.tsv") if r["number"] == "one")


@cache
def weapon_matcher() -> PhraseMatcher:
    return tsv_matcher(
        "lexicons/weapons.tsv", "phrase", lambda r: (r["weapon"], r["assault_mode"], r["aid_mode"])
    )


@cache
def weapon_modes() -> dict[str, str]:
    """Weapon class -> ASSAULT mode (first listed wins)."""
    out: dict[str, str] = {}
    for r in read_tsv("lexicons/weapons.tsv"):
        if r["weapon"] and r["assault_mode"]:
            out.setdefault(r["weapon"], r["assault_mode"])
    return out


def _digits(s: str) -> float | None:
    if not s[:1].isdigit():
        return None
    try:
        return float(s.replace(",", ""))
    except ValueError:
        return None


def parse_number(lows: list[str], i: int) -> Num | None:
    """The number starting at token i, if any (articles are not numbers here)."""
    words = number_words()
    n = len(lows)
    low = lows[i]
    value = _digits(low)
    approx = False
    j = i + 1
    if value is None:
        if low == "a" and j < n and lows[j] in _A_AMOUNT:
            value, j = (3.0 if lows[j] == "few" else words[lows[j]][0]), j + 1
        elif low in words and words[low][1] != "article":
            value, kind = words[low]
            approx = kind == "approx"
            if "-" in low:
                pass
        elif "-" in low and all(p in words for p in low.split("-")):  # twenty-seven
            value = sum(words[p][0] for p in low.split("-"))
        else:
            return None
        if low == "another" and j < n and (_digits(lows[j]) is not None or lows[j] in words):
            return None  # "another 4.8 million": the count follows
        # "twenty seven"
        if words.get(low, (0, ""))[1] == "tens" and j < n and words.get(lows[j], (0, ""))[1] == "unit":
            value += words[lows[j]][0]
            j += 1
    # scale words: "4.8 million", "five hundred", "two thousand"
    while j < n and lows[j] in words and words[lows[j]][1] == "scale":
        value *= words[lows[j]][0]
        j += 1
    if j < n and lows[j] in ("dozen",) and value < 100:
        value *= 12
        j += 1
    # a number too large for a float ("9" x 400, "a million million ...") counts nothing
    return Num(i, j, value, approx or not math.isfinite(value))


# a digit, a number word, or a hyphenated word ("twenty-five"): where parse_number may read a number
_NUMBER_START = WordCache(lambda low: low[:1].isdigit() or low in number_words() or "-" in low)


def numbers_in(lows: list[str]) -> dict[int, Num]:
    """Numbers by start token (a multi-token number is indexed at its first token only)."""
    out: dict[int, Num] = {}
    nxt = 0
    may_start = _NUMBER_START
    starts = [i for i, low in enumerate(lows) if may_start[low]]
    for i in starts:
        if i < nxt:
            continue
        num = parse_number(lows, i)
        if num:
            out[i] = num
            nxt = num.end
    return out


@dataclass(slots=True)
class Casualties:
    fatalities: int | None = None
    injuries: int | None = None
    missing: int | None = None
    victim_type: str | None = None
    used: set[int] = field(default_factory=set)
    # fields whose count adds to a toll told before ("three more died of their wounds")
    added: set[str] = field(default_factory=set)
    stated: bool = (
        False  # the dead are a toll stated as such ("the death toll on the enemy side is now nine")
    )

    def add(self, kind: str, value: int) -> None:
        setattr(self, kind, (getattr(self, kind) or 0) + value)

    @property
    def any(self) -> bool:
        return self.fatalities is not None or self.injuries is not None or self.missing is not None


# Words that open an aside between a count and its verb ("17 people, including five children, were killed").
ASIDE_OPENERS = word_set(_CUES, "aside_opener")


def _before_aside(lows: list[str], j: int) -> int:
    """Where to go on reading leftwards when token j closes an aside: the token before the aside."""
    if j < 1 or lows[j] != ",":
        return j
    for p in range(j - 1, max(-1, j - 9), -1):
        if lows[p] == ",":
            return p - 1 if lows[p + 1] in ASIDE_OPENERS else j
    return j


def _left_count(lows: list[str], nums: dict[int, Num], k: int, victims: dict[str, str]):
    """NUM [victim words] [aux] KW  ->  (Num or 1 for 'a <victim>' / 'the <one victim>', victim type,
    whether a person noun was read)."""
    j = k - 1
    while j >= 0 and lows[j] in AUX:
        j -= 1
    j = _before_aside(lows, j)
    vtype = None
    head = None  # the person noun nearest the casualty word
    steps = 0
    while j >= 0 and steps < 4 and (j not in nums or _of_one(lows, nums, j)):
        free = _joins_victims(lows, j, victims)
        if lows[j] in _COUNT_STOP and not free:
            break
        if lows[j] in victims:
            vtype = vtype or victims[lows[j]] or None
            head = j if head is None else head
        j -= 1
        steps += 0 if free else 1
    person = head is not None
    if j >= 0 and j in nums:
        if j + 2 < len(lows) and lows[nums[j].end : nums[j].end + 2] == ["of", "them"]:
            return None, vtype, person  # "two of them": a part of a count already made
        return nums[j], vtype, person
    if j >= 0 and lows[j] in ("a", "an") and person:
        return Num(j, j + 1, 1.0), vtype, person
    if head is not None and lows[head] in one_victim_words():  # "the driver died", "a local chief was killed"
        det = _determiner_before(lows, head)
        if det is not None:
            return Num(det, det + 1, 1.0), vtype, person
    if j >= 0 and lows[j] == "and" and j - 1 in nums:  # "four wounded" after "and"
        return None, vtype, person
    return None, vtype, person


def _determiner_before(lows: list[str], head: int) -> int | None:
    """The article of a singular person noun, past at most two modifiers ("the bus driver")."""
    for d in range(head - 1, max(-1, head - 4), -1):
        if lows[d] in _ONE_DETERMINERS:
            return d
        if not lows[d].isalpha() or lows[d] in _COUNT_STOP or lows[d] in AUX:
            return None
    return None


def _joins_victims(lows: list[str], j: int, victims: dict[str, str]) -> bool:
    """Token j joins one group of victims, read leftwards to its count: "50 soldiers [and] members [of]
    [a] pro-government militia were killed"."""
    w = lows[j]
    if w == "and":
        return 0 < j < len(lows) - 1 and lows[j - 1] in victims and lows[j + 1] in victims
    if w == "of":
        return j + 1 < len(lows) and lows[j + 1] in ("a", "an", "the")
    return w in ("a", "an", "the") and j > 0 and lows[j - 1] == "of"


def _of_one(lows: list[str], nums: dict[int, Num], j: int) -> bool:
    """ "of one family", "of one household", "from both sides", "from three villages": a qualifier of
    the victims, not their count (qualifier_opener in lexicons/number_cues.tsv)."""
    if j > 0 and lows[j - 1] in _QUALIFIER_OPENERS:
        return True
    return j > 0 and lows[j - 1] == "of" and nums[j].value == 1 and nums[j].end == j + 1


def is_addition(lows: list[str], num: Num) -> bool:
    """Public name of `_is_addition` for the happening stage (sitrep/happen/increments.py)."""
    return _is_addition(lows, num)


def _is_addition(lows: list[str], num: Num) -> bool:
    """The count adds to a toll told before: "three more people died", "another nine were killed", "two
    of the wounded later died", "a third man died of his wounds"."""
    return (
        (num.end < len(lows) and lows[num.end] in _ADDITION_AFTER)
        or (num.start > 0 and lows[num.start - 1] in _ADDITION_BEFORE)
        or _of_told_group(lows, num)
        or (lows[num.start] in ("a", "an") and num.start + 1 < len(lows) and lows[num.start + 1] in _ORDINALS)
    )


def _of_told_group(lows: list[str], num: Num) -> bool:
    """ "two of the wounded": a part of people counted before."""
    return lows[num.end : num.end + 2] == ["of", "the"] and _names_group(lows, num.end + 2)


_UP_FROM = ("up", "from")
_TOLL_ADVERBS = word_set(_CUES, "toll_adverb")  # "the death toll is now nine"
_REVISION = word_set(_CUES, "revision")  # "later put the number at 51": a toll after a first count
_DEAD_NOUNS = frozenset(("dead", "deaths", "killed", "fatalities"))


def _toll_noun(lows: list[str]) -> int | None:
    """Where the sentence names a toll: "toll", or "the number of dead" ("put the number of dead at 70")."""
    if "toll" in lows:
        return lows.index("toll")
    for k in range(2, len(lows)):
        if lows[k] in _DEAD_NOUNS and lows[k - 2 : k] == ["number", "of"]:
            return k
        if lows[k] == "at" and lows[k - 1] in ("number", "figure") and lows[k - 2] == "the":
            return k - 1  # "put the number at 51"
    return None


def _after_toll_verb(lows: list[str], m: int) -> bool:
    j = m - 1
    while j > 0 and lows[j] in _TOLL_ADVERBS:
        j -= 1
    return lows[j] in _TOLL_VERBS


# tokens after "toll" that may hold its figure: "the toll from Tuesday's Israeli strike on the Al-Salam
# school in the Al-Tuffah neighbourhood, east of Gaza City, rose to 19"
_TOLL_REACH = 30


def _bigrams(lows: list[str]) -> set[tuple[str, str]]:
    return set(zip(lows, lows[1:], strict=False))


def _told_cause(lows: list[str], k: int) -> bool:
    """The casualty noun at k is another happening's, told as this one's cause ("a mob set fire to a
    police post after the death of a youth in custody", "protests over the killing of a student")."""
    return k >= 2 and lows[k - 1] == "the" and lows[k - 2] in _CAUSE_OPENERS


def _names_group(lows: list[str], k: int) -> bool:
    """The casualty word at k names people told before, not a count ("two of the wounded later died", "the
    driver was among the wounded")."""
    return (
        k >= 2
        and lows[k - 1] == "the"
        and lows[k - 2] in _GROUP_OPENERS
        and k < len(lows)
        and lows[k] in _TOLD_GROUPS
    )


def _left_conjunct(lows: list[str], nums: dict[int, Num], num: Num, victims: dict[str, str]) -> Num | None:
    """The count coordinated before a left count: "23 soldiers and [40 militants] were killed"."""
    a = num.start - 1
    if a < 2 or lows[a] != "and" or lows[a - 1] not in victims:
        return None
    first = nums.get(a - 2)
    if first is None or first.end != a - 1 or first.approx:
        return None
    return first


def _right_count(
    lows: list[str], nums: dict[int, Num], k: int, victims: dict[str, str], person: bool = False
):
    """KW [modifiers] NUM [victim words] -> (Num, victim type); `person`: only a count of people (a person
    noun follows), for words whose object may be a thing ("neutralised 12 militants", not "20 drones")."""
    j = k + 1
    while j < len(lows) and lows[j] in MODIFIERS:
        j += 1
    if j not in nums:  # "killing a woman", "shot dead a village headman" (but "a dozen" is a number)
        one = _one_person_after(lows, j, victims)
        if one is not None:
            return Num(j, j + 1, 1.0), one or None
    if j in nums:
        num = nums[j]
        after = lows[num.end : num.end + 3]
        who = next((w for w in after if w in victims), None)
        vt = victims[who] or None if who else None
        if person:
            return (num, vt) if who else (None, None)
        # a bare number must not be a year or a measure: a victim word follows (maybe after an
        # adjective: "six aid workers", "12 Palestinians"), or the clause ends
        if who or num.end >= len(lows) or lows[num.end] in _COUNT_END:
            return num, vt
        # a part of a group told before: "killing 6 of them", "killed 30 of the attackers"
        if lows[num.end] == "of" and num.end + 1 < len(lows) and lows[num.end + 1] in _PART_OF:
            return num, vt
        if (
            num.end < len(lows)
            and lows[num.end].endswith("s")
            and lows[num.end][:1].isalpha()
            and _capitalised_plural(lows, num.end)
        ):
            return num, "civilians"
        # one word then the clause goes on: "killing one passenger and ...", "abducted six herders near"
        if num.end + 1 < len(lows) and lows[num.end][:1].isalpha() and lows[num.end + 1] in _BOUNDARY:
            return num, None
    if j < len(lows) and lows[j] == "another" and not person:
        return Num(j, j + 1, 1.0), None
    return None, None


_ONE_DETERMINERS = frozenset(("a", "an", "the"))


def _one_person_after(lows: list[str], j: int, victims: dict[str, str]) -> str | None:
    """The victim type ("" for none) when tokens j... read "a/an [two modifiers] <person>" or
    "the [two modifiers] <one person>"; None when they do not."""
    if j >= len(lows) or lows[j] not in _ONE_DETERMINERS:
        return None
    singular = one_victim_words()
    for m in range(j + 1, min(len(lows), j + 4)):
        w = lows[m]
        if w in victims and (lows[j] != "the" or w in singular):
            return victims[w]
        if not w.isalpha() or w in _COUNT_STOP or w in _BOUNDARY:
            return None
    return None


@cache
def zero_matcher() -> PhraseMatcher:
    return tsv_matcher("lexicons/zero_casualties.tsv", "phrase", lambda r: tuple(r["fields"].split(",")))


_BOUNDARY = word_set(_CUES, "boundary")
_PLURAL_PEOPLE = word_set(_CUES, "people")


def _capitalised_plural(lows: list[str], i: int) -> bool:
    """A people's name in the plural ("12 Palestinians") counts as people."""
    return lows[i] in _PLURAL_PEOPLE or lows[i].endswith(("ians", "ans", "is"))


def casualties_in(lows: list[str], nums: dict[int, Num]) -> Casualties:
    """Counts of killed, wounded and missing people. Vague amounts ("dozens") are not counts."""
    cas = Casualties()
    zero_tokens: set[int] = set()
    for s, e, fields in zero_matcher().find(lows):
        zero_tokens.update(range(s, e))
        for f in fields:
            if getattr(cas, f) is None:
                setattr(cas, f, 0)
    victims = victim_words()
    part_of_told = 0  # dead counted among people told before ("two of the wounded died")
    for s, e, word in casualty_matcher().find(lows):
        if s in zero_tokens or _names_group(lows, s) or _told_cause(lows, s):
            continue
        kind, side = word.field, word.side
        k = e - 1  # a right count follows the phrase's last word, a left count precedes its first
        num = vtype = None
        # a count right after the verb is its object ("a strike on a family home killed 12 people"):
        # whatever stands before it is the subject, so the right side is read first
        if side in ("right", "both"):
            num, vtype = _right_count(lows, nums, k, victims, word.person)
        elif k + 1 < len(lows) and lows[k + 1] == "of":  # "the death of nine", "the lives of 11"
            num, vtype = _right_count(lows, nums, k + 1, victims)
        if num is None and side in ("left", "both"):
            num, vt2, person = _left_count(lows, nums, s, victims)
            if word.person and not person:
                num = None
            vtype = vtype or vt2
        if num is None or num.start in cas.used or num.approx:
            continue
        cas.used.add(num.start)
        cas.add(kind, int(num.value))
        if _is_addition(lows, num):
            cas.added.add(kind)
        if _of_told_group(lows, num):
            part_of_told += int(num.value) if kind == "fatalities" else 0
        cas.victim_type = cas.victim_type or vtype
        if num.start < s:  # "23 soldiers and 40 militants were killed": the first conjunct adds too
            first = _left_conjunct(lows, nums, num, victims)
            if first is not None and first.start not in cas.used:
                cas.used.add(first.start)
                cas.add(kind, int(first.value))
        if num.start > k:  # "killed 6 soldiers and 3 civilians": each coordinated count adds
            m = num.end
            while m < len(lows) and m - num.end < 3 and lows[m] != "and":
                m += 1
            n = (
                m + 2 if m + 2 < len(lows) and lows[m + 1] in _POSSESSIVES else m + 1
            )  # "and her two children"
            if m + 1 < len(lows) and lows[m] == "and" and n in nums and not nums[n].approx:
                more = nums[n]
                if more.end < len(lows) and lows[more.end] in victims and more.start not in cas.used:
                    cas.used.add(more.start)
                    cas.add(kind, int(more.value))
    if part_of_told and (
        part_of_told < (cas.fatalities or 0) or "toll" in lows or _UP_FROM in _bigrams(lows)
    ):
        # "twelve soldiers have now died, up from seven, as five of the wounded succumbed", "the toll rose
        # as three of the wounded died": the dead among the wounded are in the sentence's other toll
        cas.fatalities = (cas.fatalities or 0) - part_of_told or None
        cas.added.discard("fatalities")
    # "the death toll rose to 19"
    t = _toll_noun(lows)
    # a toll stated after a first count, as a revision ("46 people were killed; local elders later put the
    # number at 51"), is the later, fuller figure
    revised = t is not None and cas.fatalities is not None and not _REVISION.isdisjoint(lows)
    if t is not None and (cas.fatalities is None or revised):
        for m in range(t + 1, min(len(lows), t + _TOLL_REACH)):
            if m in nums and m not in cas.used and math.isfinite(nums[m].value) and _after_toll_verb(lows, m):
                if cas.fatalities is None or nums[m].value > cas.fatalities:
                    cas.fatalities = int(nums[m].value)
                    cas.used.add(m)
                    cas.stated = True
                break
    return cas


@dataclass(slots=True)
class Quantity:
    weapon: str | None = None
    quantity: float | None = None
    unit: str | None = None
    intercepted: float | None = None
    assault_mode: str | None = None
    aid_mode: str | None = None
    by_weapon: dict[str, float] = field(default_factory=dict)
    downed: dict[str, float] = field(default_factory=dict)  # "35 of 40 drones": 35 downed of 40


_LOW_PRIORITY = ("container", "technology", "weapons", "aid")


def _downed_count(lows: list[str], nums: dict[int, Num], total: int) -> float | None:
    """The count downed in "35 of 40 drones" / "35 out of 40 drones", where `total` is the index of 40."""
    k = total - 1
    if k < 1 or lows[k] != "of":
        return None
    k -= 1
    if lows[k] == "out":
        k -= 1
    return nums[k].value if k in nums else None


def weapons_in(lows: list[str], nums: dict[int, Num], intercept: bool, found: list | None = None) -> Quantity:
    """Weapons named in a sentence with their counts; `found` is the weapon matches if already made."""
    q = Quantity()
    if found is None:
        found = weapon_matcher().find(lows)
    counted: set[int] = set()  # number tokens already given to a weapon: "six Shahed drones" counts six once
    for s, e, (weapon, amode, aidmode) in found:
        if e < len(lows) and lows[e] in _WEAPON_SITE:
            continue
        q.weapon = q.weapon if q.weapon and q.weapon not in _LOW_PRIORITY else weapon
        q.assault_mode = q.assault_mode or amode or None
        q.aid_mode = q.aid_mode or aidmode or None
        # the count stands before the weapon, maybe past adjectives ("27 Iran-type attack drones")
        j = s - 1
        steps = 0
        while j >= 0 and steps < 3 and j not in nums and lows[j] not in _WEAPON_COUNT_STOP:
            j -= 1
            steps += 1
        count = None
        if j in counted:
            continue
        if j >= 0 and j in nums:
            counted.add(j)
            count = None if nums[j].approx else nums[j].value
            downed = _downed_count(lows, nums, j) if intercept and count else None
            if downed is not None:
                q.downed[weapon] = downed  # "shot down 35 of 40 drones", "35 out of 40 drones"
        elif j >= 1 and lows[j] == "of":
            k = j - 1  # "five of the missiles", "all of the UAVs", "dozens of ballistic missiles"
            if k in nums:
                count = None if nums[k].approx else nums[k].value
            elif lows[k] == "all":
                count = -1.0  # all of those launched: resolved against the attack
        if count is not None:
            q.by_weapon[weapon] = q.by_weapon.get(weapon, 0) + count
    if q.downed:
        q.quantity = sum(q.by_weapon.values())
        q.unit = " and ".join(f"{w}s" if not w.endswith("s") else w for w in q.by_weapon)
        q.intercepted = sum(q.downed.values())
    if q.by_weapon and not intercept:
        main = {w: c for w, c in q.by_weapon.items() if w not in _LOW_PRIORITY} or q.by_weapon
        q.quantity = sum(main.values())
        q.unit = " and ".join(f"{w}s" if not w.endswith("s") else w for w in main)
    return q
