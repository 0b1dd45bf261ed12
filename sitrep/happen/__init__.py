"""Events -> happenings: reports of one real-world happening by several documents, counted once.

Pure Python + pandas (no Prefect, no DuckDB). One module per job:
`rules` (the data file), `frame` (the columns the matcher needs), `blocking` (candidate pairs),
`matching` (which candidate pairs agree), `clustering` (pairs -> groups -> happenings, stable ids),
`restated` (groups whose tolls restate each other), `vague` (a region- or country-only report joins the one
located group it may be), `tolls` (one row per happening: the latest report's toll, increments added, and
the spread; `increments` tells an increment from a total). `cluster_events` runs them in order.
"""

from sitrep.happen.run import cluster_events, happenings_table

__all__ = ["cluster_events", "happenings_table"]
