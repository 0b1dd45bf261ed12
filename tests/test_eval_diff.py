"""`sitrep eval --diff BASE`: the extractor of a git ref against the working tree's, on a real temporary
git repository holding a copy of the package and a small gold file."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sitrep.cli import app

ROOT = Path(__file__).resolve().parents[1]
GOLD = [
    {
        "id": "d1",
        "published_at": "2024-05-08T09:00:00+00:00",
        "text": "Russian forces shelled Kherson on Monday.",
    },
    {
        "id": "d2",
        "published_at": "2024-05-08T09:00:00+00:00",
        "text": "Russian troops stormed Avdiivka on Tuesday.",
    },
    {
        "id": "d3",
        "published_at": "2024-05-08T09:00:00+00:00",
        "text": "Protesters rallied in Tbilisi on Sunday.",
    },
]


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True)


@pytest.fixture(scope="module")
def repo(tmp_path_factory) -> Path:
    """A git repository whose HEAD holds the package as it is; its working tree then changes two rows of
    lexicons/triggers.tsv: "shell" becomes a firearms attack, "storm" is gone."""
    repo = tmp_path_factory.mktemp("repo")
    shutil.copytree(ROOT / "sitrep", repo / "sitrep", ignore=shutil.ignore_patterns("__pycache__"))
    (repo / "tests" / "gold").mkdir(parents=True)
    (repo / "tests" / "gold" / "mini.jsonl").write_text("".join(json.dumps(r) + "\n" for r in GOLD))
    _git(repo, "init", "-q")
    _git(repo, "add", ".")
    _git(repo, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "base")
    triggers = repo / "sitrep" / "data" / "lexicons" / "triggers.tsv"
    rows = triggers.read_text(encoding="utf-8").splitlines(keepends=True)
    rows = [r for r in rows if not r.startswith("storm\tverb\t")]
    rows = [r.replace("shell\tverb\tASSAULT\tartillery", "shell\tverb\tASSAULT\tfirearms") for r in rows]
    triggers.write_text("".join(rows), encoding="utf-8")
    return repo


@pytest.fixture
def in_repo(repo, monkeypatch) -> Path:
    monkeypatch.chdir(repo)  # --diff compares the repository it runs in
    return repo


def _diff(*args: str):
    return CliRunner().invoke(app, ["eval", "--diff", *args])


@pytest.mark.e2e  # two extractor subprocesses
def test_diff_lists_the_event_a_removed_lexicon_row_loses_and_the_mode_a_changed_row_changes(in_repo):
    result = _diff("HEAD", "--format", "json")
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert out["files"] == ["mini.jsonl"]
    assert out["events"]["base"] == out["events"]["working_tree"] + 1
    assert [(e["document_id"], e["event_type"]) for e in out["removed"]] == [("d2", "ASSAULT")]
    assert out["added"] == []
    (changed,) = out["changed"]
    assert changed["document_id"] == "d1"
    assert changed["fields"]["event_mode"] == ["artillery", "firearms"]
    assert out["summary"]["by_field"]["event_mode"] == 1
    assert "mini.jsonl: extracting with HEAD" in result.stderr


@pytest.mark.e2e
def test_diff_as_text_shows_old_and_new_value_and_a_summary_per_field(in_repo):
    result = _diff("HEAD")
    assert result.exit_code == 0, result.output
    assert "event_mode: 'artillery' -> 'firearms'" in result.stdout
    assert "summary: 0 added, 1 removed, 1 changed" in result.stdout
    assert "Avdiivka" in result.stdout.split("removed (1):")[1].split("changed")[0]


def test_diff_of_a_bad_ref_is_one_clear_line(in_repo):
    result = _diff("no-such-branch")
    assert result.exit_code == 2
    assert result.stderr.strip() == "sitrep: no such git ref: no-such-branch"


def test_diff_never_runs_the_blind_set(in_repo):
    result = _diff("HEAD", str(ROOT / "tests" / "gold" / "acled_blind.jsonl"))
    assert result.exit_code == 2
    assert "blind" in result.stderr
