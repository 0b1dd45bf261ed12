"""Happenings through real Prefect flow runs: a later run's reports join the happening an earlier run
made (same id), the same texts arriving in another order give the same happenings, and `sitrep forget`
leaves every happening with events and every event with a happening."""

from __future__ import annotations

from pathlib import Path

import duckdb
from typer.testing import CliRunner

from sitrep.config import Settings
from sitrep.load.happenings import consistency

# One missile strike on Dnipro told by three outlets as the toll rises (3, 7, 8), and a Kharkiv shelling.
TEXTS = {
    "dnipro_wire.txt": (
        "Missile strike on Dnipro\n\nA Russian missile struck an apartment building in Dnipro on Tuesday, "
        "killing three people and wounding 12, the regional governor said.\n",
        'publisher = "Wire One"\npublished_at = 2024-10-15T16:20:00+00:00',
    ),
    "dnipro_paper.txt": (
        "Dnipro toll rises\n\nA Russian missile that struck an apartment building in Dnipro on Tuesday killed "
        "seven people and wounded 20, the emergency service said.\n",
        'publisher = "Local Paper"\npublished_at = 2024-10-16T09:00:00+03:00',
    ),
    "dnipro_tv.txt": (
        "Dnipro: rescuers end search\n\nRescuers ended the search of the apartment building in Dnipro hit by a "
        "Russian missile on Tuesday. Eight people were killed, the emergency service said.\n",
        'publisher = "Evening TV"\npublished_at = 2024-10-16T18:00:00+03:00',
    ),
    "kharkiv_wire.txt": (
        "Kharkiv shelled\n\nRussian forces shelled Kharkiv on Wednesday, killing two civilians, the governor said.\n",
        'publisher = "Wire One"\npublished_at = 2024-10-16T15:00:00+00:00',
    ),
}
HAPPENINGS = (
    "SELECT happening_id, event_date, location_name, fatalities, fatalities_min, fatalities_max, injuries, "
    "sources, documents, first_reported, last_reported FROM mart.happenings ORDER BY 1"
)
DNIPRO = "SELECT * FROM mart.happenings WHERE location_name = 'Dnipro'"


def add(inbox: Path, *names: str) -> None:
    inbox.mkdir(parents=True, exist_ok=True)
    with (inbox / "sources.toml").open("a", encoding="utf-8") as toml:
        for name in names:
            text, metadata = TEXTS[name]
            (inbox / name).write_text(text, encoding="utf-8")
            toml.write(f'\n["{name}"]\n{metadata}\n')


def read(settings: Settings, sql: str) -> list[tuple]:
    with duckdb.connect(str(settings.warehouse), read_only=True) as con:
        return con.execute(sql).fetchall()


def dnipro(settings: Settings) -> dict:
    with duckdb.connect(str(settings.warehouse), read_only=True) as con:
        cursor = con.execute(DNIPRO)
        rows = cursor.fetchall()
        assert len(rows) == 1, rows
        return dict(zip([c[0] for c in cursor.description], rows[0], strict=True))


def sound(settings: Settings) -> dict[str, int]:
    with duckdb.connect(str(settings.warehouse), read_only=True) as con:
        return consistency(con)


def test_a_later_runs_reports_join_the_happening_and_keep_its_id(run_flow, make_settings, seed_inbox):
    add(seed_inbox, "dnipro_wire.txt")
    settings = make_settings(seed_inbox)
    run_flow(settings)
    first = dnipro(settings)
    assert (first["fatalities"], first["documents"]) == (3, 1)
    add(seed_inbox, "dnipro_paper.txt", "dnipro_tv.txt", "kharkiv_wire.txt")
    run_flow(settings)
    later = dnipro(settings)
    assert later["happening_id"] == first["happening_id"]
    assert (later["fatalities"], later["fatalities_min"], later["fatalities_max"]) == (8, 3, 8)
    assert (later["documents"], later["sources"]) == (3, 3)
    assert read(
        settings,
        f"SELECT count(DISTINCT document_id) FROM mart.events WHERE happening_id = '{first['happening_id']}'",
    ) == [(3,)]
    # killed over happenings: the seed texts' own tolls, plus 8 for Dnipro and 2 for Kharkiv, once each
    summed = read(settings, "SELECT sum(fatalities) FROM mart.events WHERE location_name = 'Dnipro'")[0][0]
    assert summed == 3 + 7 + 8 and later["fatalities"] == 8
    assert sound(settings) == dict.fromkeys(sound(settings), 0)


def test_the_same_texts_in_another_order_give_the_same_happenings(run_flow, make_settings, tmp_path):
    at_once = make_settings(tmp_path / "at_once")
    add(at_once.inbox, *TEXTS)
    run_flow(at_once)
    one_by_one = Settings(
        warehouse=tmp_path / "wh2" / "sitrep.duckdb", inbox=tmp_path / "one_by_one", batch_size=1
    )
    for name in reversed(list(TEXTS)):
        add(one_by_one.inbox, name)
        run_flow(one_by_one)
    assert read(at_once, HAPPENINGS) == read(one_by_one, HAPPENINGS)
    assert len(read(at_once, HAPPENINGS)) == 2
    assert read(at_once, "SELECT event_id, happening_id FROM mart.events ORDER BY 1") == read(
        one_by_one, "SELECT event_id, happening_id FROM mart.events ORDER BY 1"
    )


def test_forget_keeps_every_happening_consistent(run_flow, make_settings, tmp_path):
    from sitrep.cli import app

    settings = make_settings(tmp_path / "inbox")
    add(settings.inbox, *TEXTS)
    run_flow(settings)
    runner = CliRunner()
    result = runner.invoke(app, ["forget", "dnipro_tv", "--warehouse", str(settings.warehouse)])
    assert result.exit_code == 0, result.output
    after = dnipro(settings)
    assert (after["fatalities"], after["documents"]) == (7, 2)  # the latest report left is the paper's
    for name in ("dnipro_wire", "dnipro_paper"):
        assert runner.invoke(app, ["forget", name, "--warehouse", str(settings.warehouse)]).exit_code == 0
    assert read(settings, DNIPRO) == []
    assert read(settings, "SELECT count(*) FROM mart.happenings") == [(1,)]  # Kharkiv
    assert sound(settings) == dict.fromkeys(sound(settings), 0)
