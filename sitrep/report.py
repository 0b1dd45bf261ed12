"""The run's data-quality summary: markdown for the Prefect artifact, warehouse/reports/latest.md and `sitrep report`."""

from __future__ import annotations

from pathlib import Path

from sitrep.run_notes import note_lines, processes

MARKDOWN_NAMES = 200  # file names per line, quarantine lines: a run over a large inbox stays readable


def summary_markdown(summary: dict, dq_rows: list[dict]) -> str:
    lines = [
        f"# sitrep run {summary['run_id']}",
        "",
        f"- status: **{summary['status']}**",
        f"- documents: {summary['documents_seen']} seen, {summary['documents_new']} new or changed, "
        f"{summary['documents_unchanged']} unchanged",
        f"- events: {summary['events_extracted']} extracted, {summary['events_loaded']} loaded",
        *(
            [f"- extraction: {processes(summary['extract_workers'])}"]
            if summary.get("extract_workers")
            else []
        ),
        f"- quarantined: {summary['quarantined']}",
        f"- checks: {summary['checks_passed']} passed, {summary['checks_failed']} failed",
        f"- Data Docs: {summary.get('data_docs') or 'not built'}",
    ]
    notes = note_lines(summary, MARKDOWN_NAMES)
    if notes:
        lines += ["", "## Documents to look at", "", *(f"- {line}" for line in notes)]
    quarantine = summary.get("quarantine") or []
    if quarantine:
        lines += ["", "## Quarantined in this run", ""]
        lines += [f"- {_cell(detail)}" for detail in quarantine[:MARKDOWN_NAMES]]
        if len(quarantine) > MARKDOWN_NAMES:
            lines.append(
                f"- and {len(quarantine) - MARKDOWN_NAMES} more: "
                f"`sitrep sql \"select source, detail from quarantine where run_id = '{summary['run_id']}'\"`"
            )
    failed = [row for row in dq_rows if not row["success"]]
    if failed:
        lines += ["", "## Failed checks", ""]
        lines += [f"- {row['suite']}: {_cell(row.get('detail') or row['expectation'])}" for row in failed]
    lines += [
        "",
        "## Checks",
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


def _cell(text: str) -> str:
    """One markdown line: a detail quoting a file's text must not break the list."""
    return " ".join(str(text).split())


def write_latest(reports_dir: Path, markdown: str) -> Path:
    reports_dir.mkdir(parents=True, exist_ok=True)
    path = reports_dir / "latest.md"
    temporary = path.with_suffix(".md.tmp")
    temporary.write_text(markdown, encoding="utf-8")
    temporary.replace(path)
    return path
