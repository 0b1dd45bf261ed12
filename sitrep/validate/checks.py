"""Run the suites through a Great Expectations checkpoint; split rows into passing and quarantined.

GX runs in an ephemeral context (no project folder to keep in sync); its Data Docs are written to the
warehouse's reports folder, and each expectation's outcome becomes one row of `dq_result`.
"""

from __future__ import annotations

import logging
import os
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from sitrep.model import Rejection
from sitrep.validate.offline_docs import make_offline
from sitrep.validate.suites import expectation_label
from sitrep.validate.wording import result_sentence, row_sentence, subject

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

    from sitrep.validate.suites import load_suite

    reports_dir.mkdir(parents=True, exist_ok=True)
    started = time.time()
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
        failures: dict[int, list[tuple[str, str]]] = {}  # row -> (expectation label, sentence) it failed
        rows = []
        for validation_result in result.run_results.values():
            for item in validation_result.results:
                rows.append(
                    _read_result(name, item, frame, failures) | {"run_id": run_id, "checked_at": checked_at}
                )
        source = source_column[name]
        rejections = [
            Rejection(
                "validate",
                str(frame.at[index, source]),
                failed[0][0],  # the code of the first expectation failed; the detail says all in words
                f"{subject(frame, index)}: {'; '.join(sentence for _, sentence in failed)}",
            )
            for index, failed in sorted(failures.items())
        ]
        outcomes[name] = CheckOutcome(frame.drop(index=list(failures)), rejections, rows)
    # GX's pages load their scripts from CDNs; rewrite them to local copies (margin: coarse mtimes).
    leftover = make_offline(reports_dir, since=started - 2)
    if leftover:
        logging.getLogger(__name__).warning("Data Docs still load from the network: %s", "; ".join(leftover))
    index_page = reports_dir / "index.html"
    for outcome in outcomes.values():
        outcome.data_docs_index = index_page if index_page.exists() else None
    return outcomes


def _read_result(suite: str, item, frame: pd.DataFrame, failures: dict[int, list[tuple[str, str]]]) -> dict:
    """One expectation's result as a dq_result row; each row it failed is added to `failures`."""
    config = item.expectation_config
    label = expectation_label(config.type, config.kwargs)
    details = item.result or {}
    error = _check_error(item)
    indexes = [int(i) for i in details.get("unexpected_index_list") or []] if not item.success else []
    if error:
        indexes = list(range(len(frame)))  # the check itself broke: nothing it covers can pass
    sentences = []
    for index in indexes:
        sentence = (
            f"the check {label} could not run ({error})"
            if error
            else row_sentence(suite, config.type, config.kwargs, frame, index)
        )
        failures.setdefault(index, []).append((label, sentence))
        sentences.append(f"{subject(frame, index)}: {sentence}")
    return {
        "suite": suite,
        "expectation": label,
        "column_name": config.kwargs.get("column") or config.kwargs.get("column_A"),
        "success": bool(item.success),
        "element_count": details.get("element_count", len(frame)),
        "unexpected_count": details.get("unexpected_count", 0 if item.success else None),
        "detail": result_sentence(suite, config.type, config.kwargs, len(frame), sentences, error),
    }


def _check_error(item) -> str:
    """The message of an exception the check raised, or '' (GX keeps it per check or per metric)."""
    info = item.exception_info or {}
    entries = [info] if "raised_exception" in info else [v for v in info.values() if isinstance(v, dict)]
    for entry in entries:
        if entry.get("raised_exception"):
            return str(entry.get("exception_message") or "error").splitlines()[0]
    return ""
