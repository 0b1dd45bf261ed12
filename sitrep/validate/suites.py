"""Great Expectations suites, loaded from the JSON files in expectations/."""

from __future__ import annotations

import json
from pathlib import Path

from sitrep.config import EXPECTATIONS_DIR


def suite_spec(name: str, directory: Path = EXPECTATIONS_DIR) -> dict:
    return json.loads((directory / f"{name}.json").read_text(encoding="utf-8"))


def load_suite(name: str, directory: Path = EXPECTATIONS_DIR):
    """The suite as a GX ExpectationSuite (GX is imported here: it takes seconds)."""
    from great_expectations.core.expectation_suite import ExpectationSuite
    from great_expectations.expectations.expectation_configuration import ExpectationConfiguration

    spec = suite_spec(name, directory)
    suite = ExpectationSuite(name=spec["name"], meta=spec.get("meta") or {})
    for expectation in spec["expectations"]:
        suite.add_expectation_configuration(
            ExpectationConfiguration(type=expectation["type"], kwargs=expectation["kwargs"])
        )
    return suite


def expectation_label(expectation_type: str, kwargs: dict) -> str:
    """A short human name: expect_column_values_to_be_between(fatalities)."""
    columns = [str(kwargs[key]) for key in ("column", "column_A", "column_B") if kwargs.get(key)]
    return f"{expectation_type}({', '.join(columns)})" if columns else expectation_type
