"""The run's data-quality summary: markdown for the Prefect artifact, warehouse/reports/latest.md and `sitrep report`."""

from __future__ import annotations

from pathlib import Path


def summary_markdown(summary: dict, dq_rows: list[dict]) -> str:
    lines = [
        f"# sitrep run {summary['run_id']}",
        "",
        f"- status: **{summary['status']}**",
        f"- documents: {summary['documents_seen']} seen, {summary['documents_new']} new or changed, "
        f"{summary['documents_unchanged']} unchanged",
        f"- events: {summary['events_extracted']} extracted, {summary['events_loaded']} loaded",
        f"- quarantined: {summary['quarantined']}",
        f"- checks: {summary['checks_passed']} passed, {summary['checks_failed']} failed",
        f"- Data Docs: {summary.get('data_docs') or 'not built'}",
        "",
        "| suite | expectation | success | rows | unexpected |",
        "|---|---|---|---|---|",
    ]
    for row in dq_rows:
        lines.append(
            f"| {row['suite']} | {row['expectation']} | {'yes' if row['success'] else '**no**'} | "
            f"{row['element_count']} | {row['unexpected_count']} |"
        )
    return "\n".join(lines) + "\n"


def write_latest(reports_dir: Path, markdown: str) -> Path:
    reports_dir.mkdir(parents=True, exist_ok=True)
    path = reports_dir / "latest.md"
    temporary = path.with_suffix(".md.tmp")
    temporary.write_text(markdown, encoding="utf-8")
    temporary.replace(path)
    return path
