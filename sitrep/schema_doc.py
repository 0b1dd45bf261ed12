"""The README's column tables of mart.events and dim_document, generated from sitrep.model's
EVENT_SCHEMA and DOCUMENT_SCHEMA (one source of truth).

Run `python -m sitrep.schema_doc` and paste; tests/test_schema_doc.py fails when the README is stale.
"""

from __future__ import annotations

from sitrep.model import DOCUMENT_SCHEMA, EVENT_SCHEMA


def column_table(schema: dict[str, tuple[str, str]]) -> str:
    lines = ["| column | type | meaning |", "|---|---|---|"]
    lines += [f"| `{name}` | {sql_type} | {text} |" for name, (sql_type, text) in schema.items()]
    return "\n".join(lines)


def events_table() -> str:
    return column_table(EVENT_SCHEMA)


def documents_table() -> str:
    return column_table(DOCUMENT_SCHEMA)


if __name__ == "__main__":
    print("`mart.events`:\n")
    print(events_table())
    print("\n`dim_document`:\n")
    print(documents_table())
