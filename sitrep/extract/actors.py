"""Stage: actors. Countries, demonyms, organisations, armed groups and office holders from
sitrep/data/actors.tsv (plus country names from pycountry), extended by a role noun from
sitrep/data/lexicons/agents.tsv ("Russian forces" -> RUS state_forces, "South Korea's Defense
Minister Shin Won-sik" -> KOR government) and by the capitalised name that follows a title.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from sitrep.extract.lexicon import PhraseMatcher, read_tsv, tsv_matcher, word_set
from sitrep.extract.numbers import number_words, weapon_matcher
from sitrep.extract.text import Token

ACTOR_KINDS_NEED_CAPS = frozenset("country demonym org group person capital weapon_origin".split())
_TITLE_WORDS = word_set("lexicons/actor_cues.tsv", "title")  # "Prime Minister", "Defence Secretary"
_MODIFIERS = word_set("lexicons/actor_cues.tsv", "modifier")  # "armed forces", "state security"


@dataclass(slots=True)
class Actor:
    start: int
    end: int
    name: str
    code: str | None
    type: str | None
    kind: str


@dataclass(frozen=True)
class _Entry:
    code: str
    actor_type: str
    kind: str
    exact: str  # surface form, for acronyms that must match case
    name: str = ""  # the conventional name of a group known by several ("ISIS": "Islamic State")


@cache
def actor_matcher() -> PhraseMatcher:
    m = PhraseMatcher()
    for row in read_tsv("actors.tsv"):
        code = None if row["code"] == "-" else row["code"]
        m.add(
            row["phrase"],
            _Entry(code or "", row["actor_type"], row["kind"], row["phrase"], row.get("name", "")),
        )
    try:
        import pycountry

        for c in pycountry.countries:
            for name in {c.name, getattr(c, "common_name", c.name)}:
                if "," not in name and "(" not in name:
                    m.add(name, _Entry(c.alpha_3, "", "country", name))
    except ImportError:  # pycountry is a dependency; without it the curated names still work
        pass
    return m


@dataclass(frozen=True, slots=True)
class _Agent:
    actor_type: str
    home: str  # yes: on its own ("the junta", "security forces") it names the state where the event is;
    # focus: a generic state noun ("the military", "soldiers") whose state the document tells (homes.py)
    name: str  # the name of an actor read from the bare noun, if fixed ("unidentified gunmen")


@cache
def agent_matcher() -> PhraseMatcher:
    return tsv_matcher(
        "lexicons/agents.tsv",
        "word",
        lambda row: _Agent(row["actor_type"], row.get("home") or "", row.get("name", "")),
    )


def _case_ok(toks: list[Token], i: int, j: int, entry: _Entry) -> bool:
    if entry.kind not in ACTOR_KINDS_NEED_CAPS or entry.exact[:1].islower():
        return True  # lower-case names ("al-Shabaab") match as written
    # a name that opens with a number ("400 Mawozo") is capitalised in its first word
    first = next((k for k in range(i, j) if toks[k].text[:1].isalpha()), i)
    if not toks[first].is_cap:
        return False
    if entry.exact.isupper() and len(entry.exact) <= 5:  # acronyms (US, UN, EU): exact case only
        return "".join(t.text for t in toks[i:j]).replace(".", "") == entry.exact.replace(".", "")
    return True


def _inside_longer_name(toks: list[Token], lows: list[str], i: int, j: int, entry: _Entry) -> bool:
    """A group's name of several words after more capitalised words that no lexicon lists names another
    group: "West Papua National Liberation Army" is not the National Liberation Army (ELN)."""
    if entry.kind != "group" or j - i < 2 or i < 2:
        return False
    prev = toks[i - 1]
    return (
        prev.is_cap
        and prev.text.isalpha()
        and lows[i - 1] not in _NOT_GROUP_NAMES
        and actor_matcher().match_at(lows, i - 1) is None
        and not any(
            m[0] > i - 1
            for m in [actor_matcher().match_at(lows, k) for k in range(max(0, i - 4), i - 1)]
            if m
        )
    )


class _Runs:
    """Where the runs of modifiers, title words and capitalised words that an actor's role extension
    walks over end. A walk of a few tokens is taken as it comes; a longer run's ends are computed for
    the whole sentence once, so that a sentence of actors in a row ("Russian President Russian
    President ...") does not walk the same run again for each of them."""

    __slots__ = ("toks", "_ends")
    SHORT = 8  # tokens walked before the whole sentence's run ends are computed

    def __init__(self, toks: list[Token]) -> None:
        self.toks = toks
        self._ends: dict[str, list[int]] = {}

    def end(self, kind: str, k: int) -> int:
        """The first token at or after k that is not in a run of `kind` (len(toks) at the end)."""
        toks, inside = self.toks, _RUN_WORDS[kind]
        stop = min(len(toks), k + self.SHORT)
        while k < stop and inside(toks[k]):
            k += 1
        if k < stop or k == len(toks):
            return k
        ends = self._ends.get(kind)
        if ends is None:
            ends = self._ends[kind] = _run_ends(toks, inside)
        return ends[k]


_RUN_WORDS = {
    "modifier": lambda t: t.low in _MODIFIERS,
    "title": lambda t: t.low in _TITLE_WORDS or t.text == ".",
    "name": lambda t: t.is_cap and t.low != "'s",
}


def _run_ends(toks: list[Token], inside) -> list[int]:
    """ends[k]: the first token at or after k that is not inside the run (len(toks) at the end)."""
    ends = [len(toks)] * (len(toks) + 1)
    for k in range(len(toks) - 1, -1, -1):
        ends[k] = ends[k + 1] if inside(toks[k]) else k
    return ends


def _extend_role(toks: list[Token], lows: list[str], j: int, runs: _Runs) -> tuple[int, str | None]:
    """After an actor: optional 's or a short parenthesis (an acronym), modifiers, a role noun, then a
    personal name after a title."""
    n = len(toks)
    k = j
    if k < n and toks[k].low == "'s":
        k += 1
    if k < n and toks[k].text == "(":  # "Boko Haram (JAS) militants", "Navy (SEMAR) personnel"
        close = next((m for m in range(k + 1, min(n, k + 5)) if toks[m].text == ")"), None)
        if close is not None:
            k = close + 1
    # a role noun may open with a modifier word ("the 3R armed group"), else modifiers come before it
    role = agent_matcher().match_at(lows, k) if k < n else None
    if role is None:
        stop = min(n, k + runs.SHORT)
        while k < stop and toks[k].low in _MODIFIERS:
            k += 1
        if k == stop < n:
            k = runs.end("modifier", k)
        role = agent_matcher().match_at(lows, k) if k < n else None
    if role is None:
        return j, None
    k = role[0]
    # a title followed by a name: "Defense Minister Shin Won-sik"
    return runs.end("name", runs.end("title", k)), role[1].actor_type


def find_actors(toks: list[Token], lows: list[str]) -> list[Actor]:
    found: list[tuple[int, int, _Entry, int, str | None]] = []  # start, name end, entry, end, type
    runs = _Runs(toks)
    for i, j, entry in actor_matcher().find(lows):
        if not _case_ok(toks, i, j, entry):
            continue
        if _inside_longer_name(toks, lows, i, j, entry):
            continue
        if entry.kind == "weapon_origin":
            found.append((i, j, entry, j, None))
            continue
        end, role_type = _extend_role(toks, lows, j, runs)
        # a group keeps its own name ("JNIM militants" is JNIM, "ISWAP fighters" ISWAP)
        name_end = j if entry.kind == "group" else end
        # ... and its own type after an armed-group noun: "Fano militia" are rebels, as the lexicon says (a
        # state noun still tells: "Houthi forces")
        own = entry.kind == "group" and entry.actor_type and role_type in ARMED_TYPES
        atype = entry.actor_type if own else role_type or entry.actor_type
        found.append((i, name_end, entry, end, atype or None))
    # names are joined for the kept actors only: the extensions of dropped ones may be long
    out = []
    for i, name_end, entry, end, atype in _merge_overlaps(found):
        if entry.kind == "weapon_origin":
            out.append(Actor(i, end, toks[i].text, entry.code or None, atype, "weapon_origin"))
            continue
        name = entry.name or " ".join(t.text for t in toks[i:name_end] if t.low != "'s")
        out.append(Actor(i, end, name, entry.code or None, atype, entry.kind))
    return out


def _merge_overlaps(found: list[tuple]) -> list[tuple]:
    """A role extension may swallow the next actor ("Russia's Vladimir Putin"): keep the first, with
    the swallowed one's type if it has none."""
    out: list[tuple] = []
    for a in found:
        if out and a[0] < out[-1][3]:
            if out[-1][4] is None and a[4]:
                out[-1] = (*out[-1][:4], a[4])
            continue
        out.append(a)
    return out


LOCAL = "local"  # the kind of an armed group noun that names a group of its event's country ("militants")
AGENT_KINDS = frozenset(("agent", LOCAL))  # role nouns read on their own, with no country of their own
_HOME_KINDS = {
    "yes": "home",
    "focus": "generic",
    "local": LOCAL,
}  # agents.tsv home column -> the actor's kind
ARMED_TYPES = frozenset(("rebels", "militia"))  # non-state armed actor types
BARE_TYPES = frozenset(("civilians", "rebels", "militia", "protesters", "police", "rioters"))
# Words before a group head that do not name the group (sitrep/data/lexicons/actor_cues.tsv); a sentence's
# first word never names one.
_NOT_GROUP_NAMES = word_set("lexicons/actor_cues.tsv", "not_group_name")
_GROUP_JOINERS = word_set("lexicons/actor_cues.tsv", "group_joiner")
_NOT_NAME_SUFFIXES = tuple(sorted(word_set("lexicons/actor_cues.tsv", "not_name_suffix")))


@cache
def group_head_matcher() -> PhraseMatcher:
    return tsv_matcher(
        "lexicons/group_heads.tsv",
        "head",
        lambda row: (row["actor_type"], row["name"], row.get("needs") or ""),
    )


NAMED = "named"  # the kind of a group named by words of the text that no lexicon lists ("OLA fighters")
_NAME_PARTICLES = ("al-", "el-", "ad-", "ash-", "as-")  # "Jaish al-Adl", "Ansar al-Sunna"


def _name_word(tok: Token) -> bool:
    """A word of a proper name: capitalised, or an Arabic article joined to a capitalised word."""
    if tok.is_cap or (tok.text[:1].isdigit() and any(ch.isupper() for ch in tok.text)):  # "3R", "M23"
        return True
    low = tok.text.lower()
    return any(low.startswith(p) and tok.text[len(p) : len(p) + 1].isupper() for p in _NAME_PARTICLES)


def _acronym(tok: Token) -> bool:
    return 2 <= len(tok.text) <= 6 and tok.text.isupper() and tok.text.isalpha()


def named_groups(toks: list[Token], lows: list[str], taken: set[int]) -> list[Actor]:
    """Local groups named by capitalised words before a group head (sitrep/data/lexicons/group_heads.tsv):
    "Degodia clan militia", "OLA fighters", "Jaish al-Adl militants"; "Habar Gidir and Abgaal clan
    militias" is two groups. A state head ("SSPDF soldiers", "LNA forces") follows an acronym only. The
    group gets no country here: the roles stage gives it the country of the event's place (roles.py
    from_context), as a group the lexicon does not list is a local one."""
    out = []
    for i, j, (actor_type, head, needs) in group_head_matcher().find(lows):
        if not taken.isdisjoint(range(i, j)):
            continue
        k = i
        if k > 3 and toks[k - 1].text == ")" and toks[k - 3].text == "(" and _acronym(toks[k - 2]):
            k -= 3  # "New People's Army (NPA) guerrillas": the acronym in brackets is no name word
        while (
            k > 1
            and k - 1 not in taken
            and (
                (
                    (_name_word(toks[k - 1]) or (lows[k - 1] == "'s" and k > 2 and toks[k - 2].is_cap))
                    and lows[k - 1] not in _NOT_GROUP_NAMES
                    and not lows[k - 1].endswith(_NOT_NAME_SUFFIXES)
                )
                or lows[k - 1] in _GROUP_JOINERS
            )
        ):
            k -= 1
        while k < i and lows[k] in _GROUP_JOINERS:
            k += 1
        if k == i or (
            needs == "acronym" and not all(_acronym(t) or t.low in _GROUP_JOINERS for t in toks[k:i])
        ):
            continue
        if toks[i - 1].text == ")" and k == i - 3:
            continue  # a bracketed acronym alone names no group here
        parts: list[tuple[int, int]] = []
        start = k
        for m in range(k, i + 1):
            if m == i or lows[m] in _GROUP_JOINERS:
                if m > start:
                    parts.append((start, m))
                start = m + 1
        for n, (a, b) in enumerate(parts):
            words = [t.text for t in toks[a:b]]
            if len(words) > 3 and words[-1] == ")" and words[-3] == "(":
                words = words[:-3]
            name = " ".join(words + ([head] if head else [])).replace(" 's", "'s")
            end = j if n == len(parts) - 1 else b
            out.append(Actor(a, end, name, None, actor_type, NAMED))
    return out + member_groups(toks, lows, taken | {k for a in out for k in range(a.start, a.end)})


_MEMBER_HEADS = word_set("lexicons/role_cues.tsv", "member_head")
_GROUP_NOUNS = word_set("lexicons/actor_cues.tsv", "group_noun")  # "the Dawlah Islamiyah group"
_CRIMINAL_NOUNS = word_set("lexicons/actor_cues.tsv", "criminal_noun")  # "the Barrio 18 gang"
_NAME_JOINERS = word_set("lexicons/actor_cues.tsv", "name_joiner")  # "Front for the Liberation of"
_CIVIL_NOUNS = word_set("lexicons/actor_cues.tsv", "civil_noun")  # "members of the Barí community"


def _member_of_name(toks: list[Token], lows: list[str], j: int) -> bool:
    """A member head's noun is followed by "of"/"from" and a name ("fighters of the X", "gunmen from the X")."""
    if j >= len(lows) or lows[j - 1] not in _MEMBER_HEADS or lows[j] not in ("of", "from"):
        return False
    k = j + 1
    while k < len(lows) and lows[k] in ("the", "a", "an"):
        k += 1
    return k < len(toks) and _name_word(toks[k])


def member_groups(toks: list[Token], lows: list[str], taken: set[int]) -> list[Actor]:
    """A group no lexicon lists, named after a member head: "fighters of the Patriotic Liberation Front
    (FPL)", "Gunmen from the National Salvation Front (NAS)", "members of the Dawlah Islamiyah group".
    The name is the capitalised run (lower-case joiners inside it: "Front for the Liberation of"); an
    acronym in brackets after it belongs to the mention; a trailing "group" or "gang" is no part of the
    name. The roles stage reads the group as the actor ("members of" a group act as the group)."""
    out: list[Actor] = []
    n = len(toks)
    for h in range(n - 2):
        if lows[h] not in _MEMBER_HEADS or lows[h + 1] not in ("of", "from"):
            continue
        a = h + 2
        while a < n and lows[a] in ("the", "a", "an"):
            a += 1
        b = a
        while b < n and (
            _name_word(toks[b])
            or (lows[b] in _NAME_JOINERS and b > a and b + 1 < n and _name_word(toks[b + 1]))
        ):
            b += 1
        if b == a or not taken.isdisjoint(range(a, b)) or lows[a] in _NOT_GROUP_NAMES:
            continue
        if b < n and lows[b] in _CIVIL_NOUNS:
            continue  # "three members of the Barí community": people of a community, not an armed group
        end, actor_type = b, "rebels"
        if b < n and lows[b] == "armed" and b + 1 < n and lows[b + 1] in _GROUP_NOUNS:
            end = b + 2
        elif b < n and (lows[b] in _GROUP_NOUNS or lows[b] in _CRIMINAL_NOUNS):
            end, actor_type = b + 1, ("militia" if lows[b] in _CRIMINAL_NOUNS else "rebels")
        if end + 2 < n and toks[end].text == "(" and toks[end + 2].text == ")" and _acronym(toks[end + 1]):
            end += 3
        name = " ".join(t.text for t in toks[a:b])
        out.append(Actor(a, end, name, None, actor_type, NAMED))
        taken = taken | set(range(a, end))
    return out


_ADJECTIVES = word_set("lexicons/actor_homes.tsv", "adjective")
_VERB_AFTER = word_set("lexicons/actor_homes.tsv", "verb_after")
_ARTICLES = word_set("lexicons/role_cues.tsv", "article")
_OWNED = word_set("lexicons/role_cues.tsv", "possessive") | {"'s"}  # "its soldiers": someone's, not generic


def counted(word: str) -> bool:
    """A number or number word stands before it ("2 soldiers", "nine soldiers"): people counted."""
    return _counted(word)


def _counted(word: str) -> bool:
    value = number_words().get(word)
    return word[:1].isdigit() or (value is not None and value[1] in ("unit", "teen", "tens", "scale"))


def _generic_here(toks: list[Token], lows: list[str], i: int, j: int) -> bool:
    """A generic state noun stands for a state's forces or government on its own ("the military said",
    "soldiers arrested"), not counted ("2 soldiers wounded": victims), not as a title before a name ("President Yoon"), not after a possessive ("its
    soldiers"), not qualified by a name or an adjective read as no actor ("EU foreign ministers", "Polish
    border guards") and not as an adjective itself ("the military airfield"; lexicons/actor_homes.tsv)."""
    k = i - 1
    while (
        k >= 0
        and i - k <= 2
        and lows[k].isalpha()
        and not toks[k].is_cap
        and lows[k] not in _ARTICLES
        and lows[k] not in _OWNED
    ):
        k -= 1  # "Lebanon's health ministry": past the words that qualify the noun
    if k >= 0 and (toks[k].is_cap and lows[k] not in _ARTICLES or lows[k] in _OWNED):
        return False
    if i > 0 and _counted(lows[i - 1]):
        return False  # "2 soldiers wounded", "killing nine soldiers": people counted, not an actor
    if j >= len(toks):
        return True
    if toks[j].is_cap and toks[j].text.isalpha():
        return False
    if lows[i] in _ADJECTIVES and lows[j].isalpha():
        word = lows[j]
        return word.endswith("ed") or word in _VERB_AFTER or weapon_matcher().match_at(lows, j) is not None
    return True


_NAME_WORDS_MAX = 4  # words of a personal name after a title ("Tarek William Saab")


def _titled_person(
    toks: list[Token], lows: list[str], i: int, j: int, taken: set[int]
) -> tuple[int, int] | None:
    """A government title with no country before it, then a personal name no lexicon lists: "Defence
    Minister Yasar Guler", "Information minister Michael Makuei", "President Dina Boluarte". A bare title
    names an office holder of the state the document tells, as "the minister" does (homes.py); a country
    or demonym before the title ("Kenyan President William Ruto") was read by find_actors already. The
    title's own capitalised qualifiers ("Information", "Interior") open the mention. Returns its start and
    end, or None."""
    if not taken.isdisjoint(range(i, j)):
        return None
    start = i
    while (
        start > 0
        and i - start < 2
        and start - 1 not in taken
        and _plain_cap(toks[start - 1])
        and lows[start - 1] not in _ARTICLES
        and lows[start - 1] not in _OWNED
    ):
        start -= 1  # "Information minister", "Energy Minister"
    before = lows[start - 1] if start > 0 else ""
    if start > 0 and (
        start - 1 in taken or before in _OWNED or toks[start - 1].is_cap and before not in _ARTICLES
    ):
        return None  # "Lebanon's energy minister", "Its Defence Minister": someone's, told by that word
    end = j
    while (
        end < len(toks)
        and end - j < _NAME_WORDS_MAX
        and end not in taken
        and _plain_cap(toks[end])
        and lows[end] not in _NOT_GROUP_NAMES  # "the ministry Monday said"
    ):
        end += 1
    if end == j or (end < len(toks) and toks[end].is_cap and toks[end].text[:1].isalpha()):
        return None  # no name, or a longer capitalised run (an office's name, not a person's)
    return start, end


def _plain_cap(tok: Token) -> bool:
    """A capitalised word of letters (and hyphens: "Won-sik")."""
    return tok.is_cap and tok.text.replace("-", "").isalpha() and tok.low != "'s"


def bare_agents(toks: list[Token], lows: list[str], taken: set[int]) -> list[Actor]:
    """Role nouns with no country ("the militants", "civilians"): actors of unknown country. A home
    noun ("the junta", "government troops") is the state where the event happens (kind "home"; its
    country is filled from the event's place, sitrep/extract/roles.py); a generic state noun ("the
    military", "soldiers", kind "generic") takes the state the document tells (sitrep/extract/homes.py).
    Named local groups first ("Degodia clan militia", named_groups)."""
    out = named_groups(toks, lows, taken)
    taken = taken | {k for a in out for k in range(a.start, a.end)}
    for i, j, ag in agent_matcher().find(lows):
        if not taken.isdisjoint(range(i, j)):
            continue
        if ag.home == "focus" and ag.actor_type == "government":
            titled = _titled_person(toks, lows, i, j, taken)
            if titled is not None:  # "Defence Minister Yasar Guler": the state's government, named
                start, end = titled
                name = " ".join(t.text for t in toks[start:end])
                out.append(Actor(start, end, name, None, ag.actor_type, _HOME_KINDS["focus"]))
                taken = taken | set(range(start, end))
                continue
        if ag.home == "focus" and not _generic_here(toks, lows, i, j):
            continue
        if i > 0 and toks[i].is_cap and toks[i - 1].is_cap:
            continue  # "the Indigenous People of Biafra": a word of a name, not people
        if _member_of_name(toks, lows, j):
            continue  # "fighters of the Kurdish-led Syrian Democratic Forces": the group acts, not "fighters"
        if ag.home in _HOME_KINDS or ag.actor_type in BARE_TYPES:
            name = ag.name or " ".join(t.text for t in toks[i:j])
            out.append(Actor(i, j, name, None, ag.actor_type, _HOME_KINDS.get(ag.home, "agent")))
    return out
