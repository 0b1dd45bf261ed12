"""Run the suites through a Great Expectations checkpoint; split rows into passing and quarantined.

GX runs in an ephemeral context (no project folder to keep in sync); its Data Docs are written to the
warehouse's reports folder, and each expectation's outcome becomes one row of `dq_result`.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from sitrep.model import Rejection

os.environ.setdefault("TQDM_DISABLE", "1")
logging.getLogger("great_expectations").setLevel(logging.ERROR)

DATA_DOCS_SITE = "sitrep"


@dataclass
class CheckOutcome:
    passed: pd.DataFrame
    rejections: list[Rejection]
    results: list[dict] = field(default_factory=list)  # one per expectation: dq_result rows
    data_docs_index: Path | None = None

    @property
    def checks_passed(self) -> int:
        return sum(1 for row in self.results if row["success"])

    @property
    def checks_failed(self) -> int:
        return sum(1 for row in self.results if not row["success"])


def _context(reports_dir: Path):
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig

    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False, metric_calculations=False)
    context.add_data_docs_site(
        site_name=DATA_DOCS_SITE,
        site_config={
            "class_name": "SiteBuilder",
            "store_backend": {
                "class_name": "TupleFilesystemStoreBackend",
                "base_directory": str(reports_dir.resolve()),
            },
            "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
        },
    )
    return context


def run_checks(
    frames: dict[str, pd.DataFrame],
    source_column: dict[str, str],
    reports_dir: Path,
    run_id: str,
) -> dict[str, CheckOutcome]:
    """Validate each frame against the suite of the same name (expectations/<name>.json).

    Returns, per suite, the passing rows and a Rejection per failing row naming every expectation it failed.
    """
    import great_expectations as gx

    from sitrep.validate.suites import expectation_label, load_suite

    reports_dir.mkdir(parents=True, exist_ok=True)
    context = _context(reports_dir)
    datasource = context.data_sources.add_pandas("sitrep")
    validations = []
    for name in frames:
        suite = context.suites.add(load_suite(name))
        batch = datasource.add_dataframe_asset(name).add_batch_definition_whole_dataframe(f"{name}_batch")
        validations.append(
            (
                name,
                context.validation_definitions.add(
                    gx.ValidationDefinition(name=f"{name}_{run_id}", data=batch, suite=suite)
                ),
            )
        )
    checked_at = datetime.now(UTC)
    outcomes: dict[str, CheckOutcome] = {}
    for name, validation in validations:
        frame = frames[name].reset_index(drop=True)
        checkpoint = context.checkpoints.add(
            gx.Checkpoint(
                name=f"{name}_checkpoint_{run_id}",
                validation_definitions=[validation],
                actions=[gx.checkpoint.UpdateDataDocsAction(name="data_docs", site_names=[DATA_DOCS_SITE])],
                result_format={"result_format": "COMPLETE"},
            )
        )
        result = checkpoint.run(batch_parameters={"dataframe": frame})
        failures: dict[int, list[str]] = {}
        rows = []
        for validation_result in result.run_results.values():
            for item in validation_result.results:
                config = item.expectation_config
                label = expectation_label(config.type, config.kwargs)
                details = item.result or {}
                rows.append(
                    {
                        "run_id": run_id,
                        "suite": name,
                        "expectation": label,
                        "column_name": config.kwargs.get("column") or config.kwargs.get("column_A"),
                        "success": bool(item.success),
                        "element_count": details.get("element_count", len(frame)),
                        "unexpected_count": details.get("unexpected_count", 0 if item.success else None),
                        "checked_at": checked_at,
                    }
                )
                if not item.success:
                    indexes = details.get("unexpected_index_list") or []
                    if item.exception_info and item.exception_info.get("raised_exception"):
                        indexes = list(
                            range(len(frame))
                        )  # the check itself broke: nothing it covers can pass
                    for index in indexes:
                        failures.setdefault(int(index), []).append(label)
        source = source_column[name]
        rejections = [
            Rejection(
                "validate",
                str(frame.at[index, source]),
                labels[0],
                f"failed {', '.join(labels)}" + _context_note(frame, index),
            )
            for index, labels in sorted(failures.items())
        ]
        outcomes[name] = CheckOutcome(frame.drop(index=list(failures)), rejections, rows)
    index_page = reports_dir / "index.html"
    for outcome in outcomes.values():
        outcome.data_docs_index = index_page if index_page.exists() else None
    return outcomes


def _context_note(frame: pd.DataFrame, index: int) -> str:
    if "document_id" in frame.columns and "event_id" in frame.columns:
        return f" (document {frame.at[index, 'document_id']})"
    return ""
