"""Word lists live in data files (sitrep/data/lexicons/*.tsv), not in the extractor's or the ingester's
Python: a literal set/list/tuple/dict of 5+ lower-case words, a "w1 w2 ...".split() of 5+ words, or a
regex alternation of 5+ words (w1|w2|...) in sitrep/extract or sitrep/ingest fails this test. Structural
codes (actor kinds, HTML element names) that must stay in Python are listed, with the reason, in
tests/word_lists_allowed.tsv (path, scope: the assigned name or the enclosing function, reason)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCANNED = ("sitrep/extract", "sitrep/ingest")
ALLOWED = Path(__file__).with_name("word_lists_allowed.tsv")
LIMIT = 5  # this many words make a word list

# A word: lower-case letters (two or more), maybe with an apostrophe, hyphen, period or inner space
# ("n't", "front-line", "a.m", "killed in action"). Single letters ("s", "x") are spelling, not words.
_WORD = re.compile(r"^[a-z'][a-z'.-]*[a-z]( [a-z'.-]+)*$")
_ALTERNATION = re.compile(r"[a-z]{2,}(?:\|[a-z][a-z' ]+){" + str(LIMIT - 1) + ",}")


def _strings(node: ast.AST) -> list[str]:
    """String constants of a literal container, nested containers included ([("jan", "january"), ...])."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, (ast.Set, ast.List, ast.Tuple)):
        return [s for e in node.elts for s in _strings(e)]
    if isinstance(node, ast.Dict):
        if not all(isinstance(v, (ast.Constant, ast.Set, ast.List, ast.Tuple)) for v in node.values):
            return []  # a record or a dispatch table ({"event_id": ..., "rule": fn}): structure, not words
        return [s for part in (*node.keys, *node.values) if part is not None for s in _strings(part)]
    return []


def _split_words(node: ast.AST) -> list[str]:
    """The words of "w1 w2 ...".split()."""
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "split"
        and not node.args
        and isinstance(node.func.value, ast.Constant)
        and isinstance(node.func.value.value, str)
    ):
        return node.func.value.value.split()
    return []


class _Scan(ast.NodeVisitor):
    """Word lists in one module, each as (scope, what): scope is the innermost assigned name, function
    or class around it."""

    def __init__(self) -> None:
        self.scopes: list[str] = []
        self.found: list[tuple[str, str]] = []

    def _scoped(self, name: str, node: ast.AST) -> None:
        self.scopes.append(name)
        self.generic_visit(node)
        self.scopes.pop()

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        self._scoped(node.name, node)

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        self._scoped(node.name, node)

    def visit_Assign(self, node: ast.Assign) -> None:
        names = [t.id for t in node.targets if isinstance(t, ast.Name)]
        names += [t.attr for t in node.targets if isinstance(t, ast.Attribute)]
        self._scoped(names[0] if names else (self.scopes[-1] if self.scopes else "<module>"), node)

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        target = node.target
        name = target.id if isinstance(target, ast.Name) else getattr(target, "attr", "<module>")
        self._scoped(name, node)

    def generic_visit(self, node: ast.AST) -> None:
        scope = self.scopes[-1] if self.scopes else "<module>"
        words = [s for s in (_strings(node) or _split_words(node)) if _WORD.match(s)]
        if len(words) >= LIMIT:
            self.found.append(
                (scope, f"{type(node).__name__} of {len(words)} words: {' '.join(words[:8])} ...")
            )
            return  # one finding per list, not one per nested tuple
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            for m in _ALTERNATION.finditer(node.value):
                self.found.append((scope, f"regex alternation: {m.group(0)[:80]}"))
        super().generic_visit(node)


def word_lists(source: str) -> list[tuple[str, str]]:
    scan = _Scan()
    scan.visit(ast.parse(source))
    return scan.found


def _allowed() -> set[tuple[str, str]]:
    rows = [line.split("\t") for line in ALLOWED.read_text(encoding="utf-8").splitlines()]
    return {(r[0], r[1]) for r in rows if r[0] and not r[0].startswith("#") and r[0] != "path"}


def test_the_scan_finds_each_way_of_writing_a_word_list():
    found = word_lists(
        'A = frozenset("in near at on outside".split())\n'
        'B = {"while", "although", "despite", "but", "whereas"}\n'
        'def f(w):\n    return w in ("to", "with", "against", "on", "from")\n'
        'C = [("jan", "january"), ("feb", "february"), ("mar",)]\n'
        'D = {"dozen": 12, "score": 20, "hundred": 100, "thousand": 1000, "million": 1e6}\n'
        'E = r"\\b(?:killed|wounded|injured|missing|dead)\\b"\n'
    )
    assert [scope for scope, _ in found] == ["A", "B", "f", "C", "D", "E"]


def test_the_scan_leaves_structure_and_short_lists_alone():
    found = word_lists(
        'A = frozenset({"ASSAULT", "PROTEST", "COERCE", "MOBILIZE", "RETREAT"})\n'  # codes, upper case
        'B = ("the", "a", "an")\n'  # fewer than five
        'C = ("s", "sh", "ch", "x", "z")\n'  # spelling endings
        'def f(e):\n    return {"event_id": e.id, "event_date": e.d, "fatalities": e.f, "injuries": e.i,'
        ' "missing": e.m}\n'  # a record
    )
    assert found == []


def test_no_word_list_in_the_extractor_or_the_ingester():
    allowed = _allowed()
    seen: set[tuple[str, str]] = set()
    offending = []
    for folder in SCANNED:
        for path in sorted((ROOT / folder).rglob("*.py")):
            rel = path.relative_to(ROOT).as_posix()
            for scope, what in word_lists(path.read_text(encoding="utf-8")):
                if (rel, scope) in allowed:
                    seen.add((rel, scope))
                else:
                    offending.append(f"{rel} ({scope}): {what}")
    assert not offending, (
        "word lists belong in sitrep/data/lexicons/*.tsv (read with sitrep.extract.lexicon.word_set or "
        "read_tsv), not in Python:\n  " + "\n  ".join(offending)
    )
    assert allowed <= seen, f"entries of {ALLOWED.name} that match nothing any more: {sorted(allowed - seen)}"
