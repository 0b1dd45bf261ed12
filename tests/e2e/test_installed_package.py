"""A normal (non-editable) install works: the wheel carries the library, its flows, SQL, expectation
suites and data files, and `sitrep run` finds them from a folder that is not the repository."""

from __future__ import annotations

import os
import site
import subprocess
import sys
import venv
from pathlib import Path

import duckdb
import pytest

from tests.helpers import REPO, copy_seeds


@pytest.fixture(scope="module")
def installed_venv(tmp_path_factory) -> Path:
    """A fresh venv holding only the built wheel; the pinned dependencies come from the project's venv
    through a .pth line (that folder's own .pth files, such as the editable install, are not read)."""
    root = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", str(REPO), "-w", str(root / "dist")],
        check=True,
        cwd=root,
    )
    wheel = next((root / "dist").glob("sitrep-*.whl"))
    env_dir = root / "env"
    venv.create(env_dir, with_pip=True)
    env_python = env_dir / "bin" / "python"
    purelib = subprocess.run(
        [str(env_python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    Path(purelib, "project_dependencies.pth").write_text(site.getsitepackages()[0] + "\n")
    subprocess.run([str(env_python), "-m", "pip", "install", "--quiet", "--no-deps", str(wheel)], check=True)
    return env_dir


def test_wheel_holds_flows_sql_expectations_and_data(installed_venv: Path, tmp_path: Path):
    probe = (
        "import sitrep, sitrep.flows.pipeline as p, sitrep.config as c;"
        "print(sitrep.__file__); print(p.__file__);"
        "print(sorted(f.name for f in (c.SQL_DIR / 'ddl').glob('*.sql')));"
        "print(sorted(f.name for f in c.EXPECTATIONS_DIR.glob('*.json')));"
        "print((c.DATA_DIR / 'gazetteer.tsv').is_file());"
        "print((c.EXPECTATIONS_DIR / 'wording.tsv').is_file(), (c.DATA_DIR / 'ingest' / 'magic.tsv').is_file());"
        "print(sorted(str(f.relative_to(c.DATA_DIR)) for f in (c.DATA_DIR / 'report_assets').rglob('*.woff2')))"
    )
    out = subprocess.run(
        [str(installed_venv / "bin" / "python"), "-c", probe],
        cwd=tmp_path,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.splitlines()
    assert str(installed_venv) in out[0] and str(REPO) not in out[0]
    assert str(installed_venv) in out[1]
    assert out[2] == str(sorted(p.name for p in (REPO / "sql" / "ddl").glob("*.sql")))
    assert out[3] == "['documents.json', 'events.json']"
    assert out[4] == "True"
    assert out[5] == "True True"
    assert out[6] == str(
        sorted(
            str(f.relative_to(REPO / "sitrep" / "data"))
            for f in (REPO / "sitrep/data/report_assets").rglob("*.woff2")
        )
    )


def test_installed_sitrep_runs_the_pipeline_from_another_folder(installed_venv: Path, tmp_path: Path):
    inbox = copy_seeds(tmp_path)
    warehouse = tmp_path / "out" / "sitrep.duckdb"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_API", "SITREP_"))}
    result = subprocess.run(
        [str(installed_venv / "bin" / "sitrep"), "run", "--inbox", str(inbox), "--warehouse", str(warehouse)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert ": succeeded" in result.stdout
    with duckdb.connect(str(warehouse), read_only=True) as con:
        loaded = con.execute("select count(*) from mart.events").fetchone()[0]
        checks = con.execute("select count(*) from dq_result").fetchone()[0]
    assert loaded > 0 and checks > 0
    # The Data Docs load their scripts from the copies the wheel ships, not from CDNs.
    assert (warehouse.parent / "reports" / "static" / "vendor" / "jquery-3.7.1" / "jquery.min.js").is_file()
    assert "code.jquery.com" not in (warehouse.parent / "reports" / "index.html").read_text(encoding="utf-8")
    # The ACLED export's SQL and code tables ship in the wheel too.
    output = tmp_path / "acled.csv"
    exported = subprocess.run(
        [
            str(installed_venv / "bin" / "sitrep"),
            "export",
            "-f",
            "acled",
            "-o",
            str(output),
            "--warehouse",
            str(warehouse),
        ],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert exported.returncode == 0, exported.stderr[-2000:]
    lines = output.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("event_id_cnty,event_date,year,") and len(lines) > 1
    assert f"sitrep: wrote {len(lines) - 1} rows to {output}" in exported.stderr
