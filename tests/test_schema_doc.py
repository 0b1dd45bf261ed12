from pathlib import Path

from sitrep.schema_doc import events_table


def test_readme_column_table_matches_the_event_schema():
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    assert events_table() in readme, "README's mart.events table is stale: run python -m sitrep.schema_doc"
