"""The README's column table of mart.events, generated from sitrep.model.EVENT_SCHEMA (one source of truth).

Run `python -m sitrep.schema_doc` and paste; tests/test_schema_doc.py fails when the README is stale.
"""

from __future__ import annotations

from sitrep.model import EVENT_SCHEMA


def events_table() -> str:
    lines = ["| column | type | meaning |", "|---|---|---|"]
    lines += [f"| `{name}` | {sql_type} | {text} |" for name, (sql_type, text) in EVENT_SCHEMA.items()]
    return "\n".join(lines)


if __name__ == "__main__":
    print(events_table())
