"""Stage: actors. Countries, demonyms, organisations, armed groups and office holders from
sitrep/data/actors.tsv (plus country names from pycountry), extended by a role noun from
sitrep/data/lexicons/agents.tsv ("Russian forces" -> RUS state_forces, "South Korea's Defense
Minister Shin Won-sik" -> KOR government) and by the capitalised name that follows a title.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from sitrep.extract.lexicon import PhraseMatcher, read_tsv, tsv_matcher
from sitrep.extract.text import Token

ACTOR_KINDS_NEED_CAPS = frozenset("country demonym org group person capital weapon_origin".split())
_TITLE_WORDS = frozenset(
    "president minister prime foreign defense defence deputy first 1st spokesperson spokesman head chief "
    "leader commander ambassador dictator general lt col colonel mr ms secretary chancellor".split()
)
_MODIFIERS = frozenset(
    "armed special regular occupying invading local regional national federal "
    "state border security elite".split()
)


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


@cache
def actor_matcher() -> PhraseMatcher:
    m = PhraseMatcher()
    for row in read_tsv("actors.tsv"):
        code = None if row["code"] == "-" else row["code"]
        m.add(row["phrase"], _Entry(code or "", row["actor_type"], row["kind"], row["phrase"]))
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
    home: bool  # on its own ("the junta", "security forces") it names the state where the event is
    name: str  # the name of an actor read from the bare noun, if fixed ("unidentified gunmen")


@cache
def agent_matcher() -> PhraseMatcher:
    return tsv_matcher(
        "lexicons/agents.tsv",
        "word",
        lambda row: _Agent(row["actor_type"], row.get("home") == "yes", row.get("name", "")),
    )


def _case_ok(toks: list[Token], i: int, j: int, entry: _Entry) -> bool:
    if entry.kind not in ACTOR_KINDS_NEED_CAPS or entry.exact[:1].islower():
        return True  # lower-case names ("al-Shabaab") match as written
    if not toks[i].is_cap:
        return False
    if entry.exact.isupper() and len(entry.exact) <= 5:  # acronyms (US, UN, EU): exact case only
        return "".join(t.text for t in toks[i:j]).replace(".", "") == entry.exact.replace(".", "")
    return True


def _extend_role(toks: list[Token], lows: list[str], j: int) -> tuple[int, str | None, str | None]:
    """After an actor: optional 's, modifiers, a role noun, then a personal name after a title."""
    n = len(toks)
    k = j
    if k < n and toks[k].low == "'s":
        k += 1
    while k < n and toks[k].low in _MODIFIERS:
        k += 1
    role = agent_matcher().match_at(lows, k) if k < n else None
    if role is None:
        return j, None, None
    role_type, role_word = role[1].actor_type, " ".join(t.text for t in toks[k : role[0]])
    k = role[0]
    # a title followed by a name: "Defense Minister Shin Won-sik"
    while k < n and (toks[k].low in _TITLE_WORDS or toks[k].text == "."):
        k += 1
    while k < n and toks[k].is_cap and toks[k].low not in ("'s",):
        k += 1
    return k, role_type, role_word


def find_actors(toks: list[Token], lows: list[str]) -> list[Actor]:
    out: list[Actor] = []
    for i, j, entry in actor_matcher().find(lows):
        if not _case_ok(toks, i, j, entry):
            continue
        if entry.kind == "weapon_origin":
            out.append(Actor(i, j, toks[i].text, entry.code or None, None, "weapon_origin"))
            continue
        end, role_type, _ = _extend_role(toks, lows, j)
        kind = entry.kind
        if entry.kind == "person" and end == j:
            # a known office holder's full name may continue ("Vladimir Putin" is listed; "Putin" alone too)
            pass
        # a group compared by name keeps its own name ("JNIM militants" is JNIM)
        name_end = j if entry.kind == "group" and not entry.code else end
        name = " ".join(t.text for t in toks[i:name_end] if t.low != "'s")
        atype = role_type or entry.actor_type or None
        out.append(Actor(i, end, name, entry.code or None, atype, kind))
    return _merge_overlaps(out)


def _merge_overlaps(actors: list[Actor]) -> list[Actor]:
    """A role extension may swallow the next actor ("Russia's Vladimir Putin"): keep the first."""
    out: list[Actor] = []
    for a in actors:
        if out and a.start < out[-1].end:
            prev = out[-1]
            if prev.type is None and a.type:
                prev.type = a.type
            continue
        out.append(a)
    return out


BARE_TYPES = frozenset(("civilians", "rebels", "militia", "protesters", "police"))


def bare_agents(toks: list[Token], lows: list[str], taken: set[int]) -> list[Actor]:
    """Role nouns with no country ("the militants", "civilians"): actors of unknown country. A home
    noun ("the junta", "government troops") is the state where the event happens (kind "home"; its
    country is filled from the event's place, sitrep/extract/build.py)."""
    out = []
    for i, j, ag in agent_matcher().find(lows):
        if not taken.isdisjoint(range(i, j)):
            continue
        if ag.home or ag.actor_type in BARE_TYPES:
            name = ag.name or " ".join(t.text for t in toks[i:j])
            out.append(Actor(i, j, name, None, ag.actor_type, "home" if ag.home else "agent"))
    return out
