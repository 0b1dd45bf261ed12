"""`sitrep eval --diff BASE`: what a change to the extractor does to its output on the gold texts.

The extractor of BASE (a git ref) runs from an export of that commit (`git archive`) in a subprocess
whose PYTHONPATH points at it; the working tree's the same way from the repository's root (so the
repository the command runs in is compared, whatever sitrep is installed). Events of one document are
paired by event id, then by sentence (evidence_start) and type, then by sentence; the rest are added
or removed. Paired events that differ list each field as old -> new.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import tarfile
import tempfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sitrep.model import EVENT_COLUMNS

BLIND_SETS = frozenset(
    {
        "acled_blind.jsonl",
        "acled_blind2.jsonl",
        "acled_blind3.jsonl",
        "acled_blind4.jsonl",
        "acled_blind5.jsonl",
        "acled_blind6.jsonl",
        "happenings_blind3.jsonl",
        "happenings_blind4.jsonl",
        "happenings_blind5.jsonl",
        "happenings_blind.jsonl",
        "happenings_blind2.jsonl",
    }
)  # never tuned on (tests/gold/README.md)
COMPARED = [c for c in EVENT_COLUMNS if c != "event_id"]  # the id hashes type and span: paired apart


class DiffError(Exception):
    """A bad ref, no git repository, or a base extractor that fails: one line for the user."""


@dataclass
class Diff:
    base: str
    files: list[str]
    documents: int = 0
    base_events: int = 0
    events: int = 0
    added: list[tuple[str, dict]] = field(default_factory=list)  # (gold file, event)
    removed: list[tuple[str, dict]] = field(default_factory=list)
    changed: list[tuple[str, dict, dict[str, tuple]]] = field(
        default_factory=list
    )  # (file, new, field -> (old, new))

    def by_field(self) -> Counter:
        return Counter(f for _g, _e, fields in self.changed for f in fields)


def gold_files(root: Path, gold: Path | None) -> list[Path]:
    """The GOLD file given, else every tests/gold/*.jsonl but the blind sets."""
    if gold is not None:
        if gold.name in BLIND_SETS:
            raise DiffError(f"{gold.name} is a blind set: it is never run")
        return [gold]
    files = [p for p in sorted((root / "tests" / "gold").glob("*.jsonl")) if p.name not in BLIND_SETS]
    if not files:
        raise DiffError(f"no gold files in {root / 'tests' / 'gold'}")
    return files


def _git(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", "-C", str(root), *args], capture_output=True, check=False)


def repo_root(start: Path) -> Path:
    done = _git(start, "rev-parse", "--show-toplevel")
    if done.returncode != 0:
        raise DiffError(f"--diff needs a git repository; {start} is not in one")
    return Path(done.stdout.decode().strip())


def export(root: Path, ref: str, into: Path) -> str:
    """Write the tree of `ref` into `into`; returns its short commit id."""
    done = _git(root, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    if done.returncode != 0:
        raise DiffError(f"no such git ref: {ref}")
    commit = done.stdout.decode().strip()
    archive = _git(root, "archive", "--format=tar", commit)
    if archive.returncode != 0:
        raise DiffError(f"git archive {ref} failed: {archive.stderr.decode().strip()}")
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(into, filter="data")
    if not (into / "sitrep" / "extract").is_dir():
        raise DiffError(f"{ref} has no sitrep/extract: not a sitrep commit")
    return commit[:10]


def events_of(tree: Path, gold: Path) -> list[dict]:
    """The events of the extractor in `tree` (BASE's export, or the working tree) on one gold file,
    through its own CLI in a subprocess: the package of `tree` is the one imported."""
    env = {**os.environ, "PYTHONPATH": str(tree)}
    cmd = [sys.executable, "-m", "sitrep.cli", "extract", "--jsonl", str(gold.resolve())]
    done = subprocess.run(cmd, cwd=tree, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no message"])[-1]
        raise DiffError(f"the extractor in {tree} failed on {gold.name}: {last}")
    return [json.loads(line) for line in done.stdout.splitlines() if line.strip()]


def _pair(old: list[dict], new: list[dict]) -> tuple[list[tuple[dict, dict]], list[dict], list[dict]]:
    """(pairs, removed, added) of one document's events."""
    pairs = []
    keys = (
        lambda e: e["event_id"],
        lambda e: (e["evidence_start"], e["event_type"]),
        lambda e: e["evidence_start"],
    )
    for key in keys:
        rest = []
        free: dict = {}
        for e in old:
            free.setdefault(key(e), []).append(e)
        for n in new:
            match = free.get(key(n))
            if match:
                pairs.append((match.pop(0), n))
            else:
                rest.append(n)
        old = [e for group in free.values() for e in group]
        new = rest
    return pairs, old, new


def diff_events(diff: Diff, name: str, old: list[dict], new: list[dict]) -> None:
    by_doc: dict[str, tuple[list, list]] = {}
    for e in old:
        by_doc.setdefault(e["document_id"], ([], []))[0].append(e)
    for e in new:
        by_doc.setdefault(e["document_id"], ([], []))[1].append(e)
    diff.base_events += len(old)
    diff.events += len(new)
    for doc_old, doc_new in by_doc.values():
        pairs, removed, added = _pair(doc_old, doc_new)
        diff.removed += [(name, e) for e in removed]
        diff.added += [(name, e) for e in added]
        for o, n in pairs:
            fields = {f: (o.get(f), n.get(f)) for f in COMPARED if o.get(f) != n.get(f)}
            if fields:
                diff.changed.append((name, n, fields))


def run_diff(
    base: str, gold: Path | None, start: Path, progress: Callable[[str], None] = lambda _m: None
) -> Diff:
    root = repo_root(start)
    files = gold_files(root, gold)
    diff = Diff(base=base, files=[f.name for f in files])
    with tempfile.TemporaryDirectory(prefix="sitrep-diff-") as tmp:
        commit = export(root, base, Path(tmp))
        diff.base = f"{base} ({commit})"
        for f in files:
            progress(f"{f.name}: extracting with {diff.base}")
            old = events_of(Path(tmp), f)
            progress(f"{f.name}: extracting with the working tree")
            new = events_of(root, f)
            diff.documents += sum(1 for line in f.read_text(encoding="utf-8").splitlines() if line.strip())
            diff_events(diff, f.name, old, new)
    return diff


def _event_line(name: str, e: dict) -> str:
    who = " -> ".join(x for x in (e.get("actor1_name"), e.get("actor2_name")) if x) or "-"
    where = e.get("location_name") or e.get("admin1") or e.get("country") or "-"
    evidence = " ".join(str(e.get("evidence") or "").split())
    if len(evidence) > 100:
        evidence = evidence[:97] + "..."
    return f"  {name} {e['document_id']}: {e['event_type']} {who} @ {where} {e.get('event_date') or '-'} | {evidence}"


def format_diff(diff: Diff, limit: int = 50) -> str:
    lines = [
        f"sitrep eval --diff {diff.base}: {len(diff.files)} gold files, {diff.documents} documents; "
        f"events {diff.base_events} -> {diff.events}"
    ]
    for title, items in (("added", diff.added), ("removed", diff.removed)):
        lines.append(f"\n{title} ({len(items)}):")
        lines += [_event_line(g, e) for g, e in items[:limit]]
        if len(items) > limit:
            lines.append(f"  ... and {len(items) - limit} more")
    lines.append(f"\nchanged ({len(diff.changed)}):")
    for g, e, fields in diff.changed[:limit]:
        lines.append(_event_line(g, e))
        lines += [f"      {f}: {old!r} -> {new!r}" for f, (old, new) in fields.items()]
    if len(diff.changed) > limit:
        lines.append(f"  ... and {len(diff.changed) - limit} more")
    lines.append(
        f"\nsummary: {len(diff.added)} added, {len(diff.removed)} removed, {len(diff.changed)} changed"
    )
    for f, n in diff.by_field().most_common():
        lines.append(f"  {f:<22} {n}")
    return "\n".join(lines)


def diff_to_dict(diff: Diff) -> dict:
    return {
        "base": diff.base,
        "files": diff.files,
        "documents": diff.documents,
        "events": {"base": diff.base_events, "working_tree": diff.events},
        "added": [{"gold": g, **e} for g, e in diff.added],
        "removed": [{"gold": g, **e} for g, e in diff.removed],
        "changed": [
            {"gold": g, "document_id": e["document_id"], "event_id": e["event_id"], "fields": fields}
            for g, e, fields in diff.changed
        ],
        "summary": {
            "added": len(diff.added),
            "removed": len(diff.removed),
            "changed": len(diff.changed),
            "by_field": dict(diff.by_field().most_common()),
        },
    }
