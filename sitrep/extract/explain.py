"""Why an event is coded so (`sitrep extract --explain`): its trigger with the lexicon entry it matched,
and for each field its value, the id of the rule that set it (sitrep/data/rules.tsv) and the words; for
the ACLED coding the ids of the rows of acled_rules.tsv and acled_actor_rules.tsv that matched."""

from __future__ import annotations

from functools import cache

from sitrep.extract.candidate import Candidate
from sitrep.extract.lexicon import read_tsv

# shown field -> (the decide.py field whose rule and words explain it, how the record shows its value)
SHOWN: dict[str, tuple[str, tuple[str, ...]]] = {
    "event_type": ("event_type", ("event_type",)),
    "event_mode": ("mode", ("event_mode",)),
    "factuality": ("factuality", ("factuality",)),
    "actor1": ("actor1", ("actor1_name", "actor1_country", "actor1_type")),
    "actor2": ("actor2", ("actor2_name", "actor2_country", "actor2_type")),
    "place": ("place", ("location_name", "admin1", "country", "location_precision")),
    "event_date": ("date", ("event_date", "date_precision")),
    "fatalities": ("fatalities", ("fatalities",)),
    "injuries": ("injuries", ("injuries",)),
    "missing": ("missing", ("missing",)),
    "is_aggregate": ("is_aggregate", ("is_aggregate",)),
    "weapon": ("weapon", ("weapon",)),
    "quantity": ("quantity", ("quantity", "quantity_unit")),
    "intercepted": ("intercepted", ("intercepted",)),
}
NOT_DECIDED = "none"  # no rule set the field: it keeps its empty default


def _value(rec: dict, columns: tuple[str, ...]):
    if len(columns) == 1:
        return rec[columns[0]]
    values = [rec[k] for k in columns]
    return None if all(v is None for v in values) else values


def explain(c: Candidate, rec: dict, text: str) -> dict:
    """{"trigger": {...}, "fields": {field: {"value", "rule", "words"}}} of one event record."""
    start, end, phrase, pos, event_type, mode = c.trigger
    fields = {}
    for shown, (field, columns) in SHOWN.items():
        rule, words = c.why.get(field, (NOT_DECIDED, None))
        fields[shown] = {
            "value": _value(rec, columns),
            "rule": rule,
            "words": text[words[0] : words[1]] if words else None,
        }
    # the ACLED coding is no decided field: the first matching rows of the tables (acled.py) code the
    # decided fields; their ids say which rows
    acled = c.acled_coding(rec["evidence"])
    fields["acled"] = {
        "value": _value(rec, ("acled_event_type", "acled_sub_event_type", "inter1", "inter2")),
        "rule": " ".join(r for r in (acled.rule, *acled.inter_rules) if r) or NOT_DECIDED,
        "words": None,
    }
    return {
        "trigger": {
            "words": text[start:end],
            "lexicon": {"phrase": phrase, "pos": pos, "event_type": event_type, "mode": mode or None},
        },
        "fields": fields,
    }


def format_explained(rec: dict, number: int) -> str:
    """The --explain text of one event record that carries an "explain" dict."""
    ex = rec["explain"]
    trig, lex = ex["trigger"], ex["trigger"]["lexicon"]
    entry = ", ".join(str(v) for v in (lex["phrase"], lex["pos"], lex["event_type"], lex["mode"]) if v)
    lines = [
        f"event {number}: {rec['event_type']} in {rec['document_id']}: {_short(rec['evidence'])}",
        f"  trigger       {trig['words']!r} (lexicon: {entry})",
    ]
    for name, f in ex["fields"].items():
        value = f["value"]
        if isinstance(value, list):
            value = " / ".join("-" if v is None else str(v) for v in value)
        shown = "-" if value is None else str(value)
        words = f" <- {f['words']!r}" if f["words"] else ""
        lines.append(f"  {name:<13} {shown:<28}  {f['rule']}{words}")
    return "\n".join(lines)


def _short(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


@cache
def rule_texts() -> dict[str, str]:
    """Rule id -> what it does (sitrep/data/rules.tsv)."""
    return {r["id"]: r["what"] for r in read_tsv("rules.tsv")}


def rules_of(rec: dict) -> set[str]:
    """The rules.tsv ids an explained record names (the ACLED row ids are the tables' own)."""
    return {f["rule"] for name, f in rec["explain"]["fields"].items() if name != "acled"} - {NOT_DECIDED}


def format_legend(ids: set[str]) -> str:
    """What the rules named above do: the --explain text ends with it."""
    texts = rule_texts()
    lines = ["rules (sitrep/data/rules.tsv):"]
    lines += [f"  {rule:<33} {texts.get(rule, '')}" for rule in sorted(ids)]
    return "\n".join(lines)
